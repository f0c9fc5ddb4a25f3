"""The period grid: every school's lesuren as global periods on the week line, and time windows
(unavailability) turned into the periods they block."""

from __future__ import annotations

from collections import defaultdict

from solver.domain import Plan
from solver.problem import PeriodData
from solver.timeline import at, day_index, overlaps, parse_hhmm


def compile_periods(plan: Plan):
    """Global period list; per (school, day) the ordered indices; lookup (school, day) -> those
    indices; and the global indices of the periods that have a marked break before them."""
    split = parse_hhmm(plan.policy.halfday_split)
    periods: list[PeriodData] = []
    day_periods: list[tuple[int, ...]] = []
    by_school_day: dict[tuple[int, int], list[int]] = {}
    breaks: set[int] = set()
    for school_i, school in enumerate(plan.schools):
        days: dict[int, list] = defaultdict(list)
        for period in school.periods:
            days[day_index(period.day)].append(period)
        for day in sorted(days):
            indices = []
            for number, period in enumerate(sorted(days[day], key=lambda p: parse_hhmm(p.start)), start=1):
                start = parse_hhmm(period.start)
                periods.append(PeriodData(
                    school=school_i, day=day, number=number, start=at(day, start),
                    end=at(day, parse_hhmm(period.end)), morning=start < split,
                ))
                indices.append(len(periods) - 1)
                if period.break_before:
                    breaks.add(len(periods) - 1)
            day_periods.append(tuple(indices))
            by_school_day[(school_i, day)] = indices
    return periods, day_periods, by_school_day, frozenset(breaks)


def period_lookup(periods: list[PeriodData]) -> dict[tuple[int, int, int], int]:
    """(school, day, lesuur number) -> global period index."""
    return {(p.school, p.day, p.number): i for i, p in enumerate(periods)}


def blocked_periods(periods: list[PeriodData], windows, school: int | None = None) -> frozenset[int]:
    """Periods (of the school, if given) that overlap any of the windows: unavailability is judged
    per period. The one place where time windows become periods."""
    if not windows:  # most teachers, rooms and groups: skip the scan over every period
        return frozenset()
    spans = [(at(w.day, parse_hhmm(w.start)), at(w.day, parse_hhmm(w.end))) for w in windows]
    return frozenset(
        i for i, p in enumerate(periods)
        if (school is None or p.school == school) and any(overlaps(p.start, p.end, a, b) for a, b in spans)
    )


def cross_school_overlaps(periods: list[PeriodData]) -> tuple[tuple[int, int], ...]:
    pairs = []
    for i, a in enumerate(periods):
        for j in range(i + 1, len(periods)):
            b = periods[j]
            if a.school != b.school and overlaps(a.start, a.end, b.start, b.end):
                pairs.append((i, j))
    return tuple(pairs)
