"""The week as a line of minutes: Monday 00:00 is 0, Sunday 24:00 is 10080.

Everything in the solver speaks minutes on this line; only the domain (JSON) speaks days and
"HH:MM". A shift that crosses midnight simply runs past the next day's 00:00 (a Sunday night
shift runs past 10080: the week is a line, not a circle).

A school may plan a cycle of up to four weeks (A/B-week timetables): the line goes on with
mon2 (minute 10080), tue2, ... sun4. Day index i always starts at minute i * 1440.
"""

from __future__ import annotations

import re

_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEK_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
_WEEK_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NAMES_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CYCLE_WEEKS = 4
DAYS_PER_WEEK = len(_WEEK)


def _cycle(week: tuple[str, ...], later: str) -> tuple[str, ...]:
    """The names of week 1, then of weeks 2 .. CYCLE_WEEKS by `later` ('{day}{week}')."""
    return week + tuple(later.format(day=day, week=w) for w in range(2, CYCLE_WEEKS + 1) for day in week)


DAYS: tuple[str, ...] = _cycle(_WEEK, "{day}{week}")  # mon .. sun, mon2 .. sun2, .., sun4
DAYS_NL: tuple[str, ...] = _cycle(_WEEK_NL, "{day}{week}")  # ma .. zo, ma2 .. zo4
DAYS_EN: tuple[str, ...] = _cycle(_WEEK_EN, "{day}{week}")  # Mon .. Sun, Mon2 .. Sun4
DAY_NAMES_NL: tuple[str, ...] = _cycle(_NAMES_NL, "{day} (week {week})")  # maandag .. maandag (week 2) ..
DAY_NAMES_EN: tuple[str, ...] = _cycle(_NAMES_EN, "{day} (week {week})")
CALENDAR_DAYS: tuple[str, ...] = DAYS[:DAYS_PER_WEEK]  # companies, rosters and labour law plan one week
MINUTES_PER_DAY = 1440
WEEK_MINUTES = DAYS_PER_WEEK * MINUTES_PER_DAY  # one calendar week

_HHMM = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


def parse_hhmm(text: str) -> int:
    """'08:30' -> 510 minutes after midnight; '24:00' is allowed as an end time."""
    match = _HHMM.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a time of day in HH:MM form (e.g. 08:30)")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes:
        raise ValueError(f"'{text}' is past 24:00")
    return hours * 60 + minutes


def fmt_hhmm(minute_of_day: int) -> str:
    """510 -> '08:30' (minutes past 24:00 wrap, so a night shift end reads '06:00')."""
    minute_of_day %= MINUTES_PER_DAY
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def day_index(day: str) -> int:
    return DAYS.index(day)


def at(day: int | str, minute_of_day: int) -> int:
    """Minute on the week line of a day (index or code) and a minute of that day."""
    index = DAYS.index(day) if isinstance(day, str) else day
    return index * MINUTES_PER_DAY + minute_of_day


def fmt_week_minute(minute: int) -> str:
    """4830 -> 'thu 08:30', 10140 -> 'mon2 01:00' (the line past sun is week 2); used in messages."""
    day = minute // MINUTES_PER_DAY
    label = DAYS[day] if 0 <= day < len(DAYS) else f"day {day + 1}"
    return f"{label} {fmt_hhmm(minute - day * MINUTES_PER_DAY)}"


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Half-open intervals [a_start, a_end) and [b_start, b_end) share at least one minute."""
    return a_start < b_end and b_start < a_end
