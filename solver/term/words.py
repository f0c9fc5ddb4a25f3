"""Dates and names in the term reports, in English and Dutch."""

from __future__ import annotations

from datetime import date

_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def date_en(day: date) -> str:
    """'Tue 10 Mar 2026'."""
    return f"{_DAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def date_nl(day: date) -> str:
    """'di 10 mrt 2026'."""
    return f"{_DAYS_NL[day.weekday()]} {day.day} {_MONTHS_NL[day.month - 1]} {day.year}"


def because_en(reason: str) -> str:
    return f" ({reason})" if reason else ""
