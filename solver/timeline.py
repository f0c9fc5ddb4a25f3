"""The week as a line of minutes: Monday 00:00 is 0, Sunday 24:00 is 10080.

Everything in the solver speaks minutes on this line; only the domain (JSON) speaks days and
"HH:MM". A shift that crosses midnight simply runs past the next day's 00:00 (a Sunday night
shift runs past 10080: the week is a line, not a circle).
"""

from __future__ import annotations

import re

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAYS_NL: tuple[str, ...] = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAY_NAMES_NL: tuple[str, ...] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
)
MINUTES_PER_DAY = 1440
WEEK_MINUTES = 7 * MINUTES_PER_DAY

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
    """4830 -> 'thu 08:30'; used in messages."""
    day = min(minute // MINUTES_PER_DAY, len(DAYS) - 1) if minute < WEEK_MINUTES else minute // MINUTES_PER_DAY
    label = DAYS[day] if day < len(DAYS) else f"next-{DAYS[day % 7]}"
    return f"{label} {fmt_hhmm(minute - day * MINUTES_PER_DAY)}"


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Half-open intervals [a_start, a_end) and [b_start, b_end) share at least one minute."""
    return a_start < b_end and b_start < a_end
