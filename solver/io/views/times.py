"""Time labels of the views: spans, minutes as hours, day names, lenient clock times.

Times follow docs/rules.md: the week is a line of minutes (day i starts at minute i * 1440); the
views reckon with intervals on it by solver/validation/intervals.py, as the validator does.
"""

from __future__ import annotations

from solver.timeline import DAYS, DAYS_EN, DAYS_NL, MINUTES_PER_DAY, fmt_hhmm, parse_hhmm


DAY_EN = dict(zip(DAYS, DAYS_EN))
DAY_NL = dict(zip(DAYS, DAYS_NL))


def span(start: int, end: int) -> str:
    """Two week minutes as 'HH:MM–HH:MM', with (+1) when the end is on a later day."""
    tail = " (+1)" if end // MINUTES_PER_DAY > start // MINUTES_PER_DAY and end % MINUTES_PER_DAY else ""
    return f"{fmt_hhmm(start)}–{fmt_hhmm(end)}{tail}"


def hours_minutes(minutes: int) -> str:
    return f"{minutes} min ({minutes // 60}:{minutes % 60:02d} h)"


def day_label(day: str) -> str:
    return f"{DAY_NL[day]} / {DAY_EN[day]}"


def hhmm_or(text: str, default: int | None = None) -> int | None:
    try:
        return parse_hhmm(text)
    except (ValueError, AttributeError):
        return default
