"""The plan's horizon for compile: which week of each cycle every horizon week is, and its circle.

One week (every plan without cycles): the week line as before issue 21; nothing wraps. A horizon of
H > 1 weeks: horizon week h is [(h-1)*10080, h*10080), and the line is a circle of H*10080 minutes
(docs/rules.md, "Cycles and the horizon"): what runs past its end goes on at its start, as the plan
repeats.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.domain import Plan
from solver.domain.cycles import plan_horizon, school_cycle
from solver.timeline import DAYS_PER_WEEK, WEEK_MINUTES


@dataclass(frozen=True)
class HorizonWeeks:
    """The horizon's weeks and, per horizon week (index h-1), the week of each cycle."""

    weeks: int
    school: tuple[tuple[int, ...], ...]  # per school index
    employer: tuple[tuple[int, ...], ...]  # per employer index
    staff: dict[str, tuple[int, ...]]  # per staff id: their own cycle's, else the employer's

    @property
    def length(self) -> int:
        """Minutes on the horizon's line."""
        return self.weeks * WEEK_MINUTES

    @property
    def circular(self) -> bool:
        return self.weeks > 1

    def wrap(self, start: int, end: int) -> list[tuple[int, int]]:
        """[start, end) as pieces on the line: as it is with one week, else cut where it passes the
        circle's end (or lies before its start) and that part put at the other side."""
        if not self.circular:
            return [(start, end)]
        n = self.length
        if start < 0:
            return [(start + n, n)] + ([(0, end)] if end > 0 else [])
        if end > n:
            return ([(start, n)] if start < n else []) + [(max(0, start - n), end - n)]
        return [(start, end)]

    def school_weeks(self, school: int, day: int) -> list[tuple[int, int]]:
        """(horizon week, offset) of every horizon week in which the school teaches the day `day` of its
        cycle (mon2 ... is its week 2): a time on that day happens at time + offset on the line."""
        week = day // DAYS_PER_WEEK + 1
        return [(h, (h - week) * WEEK_MINUTES) for h in range(1, self.weeks + 1) if self.school[school][h - 1] == week]


def horizon_weeks(plan: Plan) -> HorizonWeeks:
    horizon = plan_horizon(plan)
    span = range(1, horizon.weeks + 1)
    return HorizonWeeks(
        weeks=horizon.weeks,
        school=tuple(tuple(horizon.week_of(school_cycle(s), h) for h in span) for s in plan.schools),
        employer=tuple(tuple(horizon.week_of(e.cycle, h) for h in span) for e in plan.employers),
        staff={p.id: tuple(horizon.week_of(p.cycle or e.cycle, h) for h in span)
               for e in plan.employers for p in e.staff},
    )


def week_of_minute(minute: int) -> int:
    """The horizon week (1-based) of a minute on the line [0, weeks x 10080)."""
    return minute // WEEK_MINUTES + 1
