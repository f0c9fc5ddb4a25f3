"""Cycles of several weeks: a school's A/B weeks, an employer's shift pattern, a person's rotation.

A school plans its lesuren on mon ... sun, mon2 ... sun4 (a cycle of up to four weeks). An employer's
shifts and staffing demand, and each staff member's roster, may rotate over a cycle of up to
MAX_CYCLE_WEEKS weeks, each with the date (a Monday) on which its week 1 starts. The school timetable is
planned once and must hold in every week of every cycle, so a plan covers a *horizon*: the least common
multiple of its cycles, at most MAX_CYCLE_WEEKS weeks (issue 21, docs/rules.md "Cycles").

The horizon's week 1 begins on the *reference* Monday: the first school's `cycle_starts` if given, else
the earliest start date of any cycle, else no date (then every cycle's week 1 is the horizon's week 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import Field, field_validator

from solver.domain.base import PlanIssue, Strict
from solver.timeline import DAYS_PER_WEEK, day_index

MAX_CYCLE_WEEKS = 8


class Cycle(Strict):
    """A pattern that repeats every `weeks` weeks; its week 1 starts on the Monday `starts`."""

    weeks: int = Field(default=1, ge=1, le=MAX_CYCLE_WEEKS,
                       description=f"Weeks before the pattern repeats (1 to {MAX_CYCLE_WEEKS}); 1: every week alike.")
    starts: date | None = Field(
        default=None,
        description="The Monday on which week 1 of the cycle starts (YYYY-MM-DD); without it, week 1 is the "
                    "plan's first week.")

    @field_validator("starts")
    @classmethod
    def _a_monday(cls, value: date | None) -> date | None:
        if value is not None and value.weekday() != 0:
            raise ValueError(f"{value.isoformat()} is a {value.strftime('%A')}; a cycle starts on a Monday")
        return value


def monday_of(day: date) -> date:
    """The Monday of the calendar week (Mon 00:00 - Sun 24:00) that holds `day`."""
    return day - timedelta(days=day.weekday())


def week_of_cycle(cycle: Cycle, monday: date | None, horizon_week: int = 1) -> int:
    """Which week (1 .. cycle.weeks) of `cycle` a week is in: the dated week beginning on `monday`, or,
    without a date, week `horizon_week` (1-based) of a horizon whose week 1 is every cycle's week 1."""
    if cycle.weeks == 1:
        return 1
    if monday is None or cycle.starts is None:
        return (horizon_week - 1) % cycle.weeks + 1
    return ((monday_of(monday) - cycle.starts).days // 7) % cycle.weeks + 1


@dataclass(frozen=True)
class NamedCycle:
    """A cycle of the plan with what it belongs to, for messages ("employer 'vdveen'", "staff 'jan'")."""

    owner: str
    path: str
    cycle: Cycle


@dataclass(frozen=True)
class Horizon:
    """The weeks a plan covers: the least common multiple of its cycles, from the reference Monday."""

    weeks: int
    reference: date | None
    cycles: tuple[NamedCycle, ...]

    def monday(self, horizon_week: int) -> date | None:
        """The date of the Monday of the horizon's week `horizon_week` (1-based), if the plan has dates."""
        return None if self.reference is None else self.reference + timedelta(weeks=horizon_week - 1)

    def week_of(self, cycle: Cycle, horizon_week: int) -> int:
        """Which week of `cycle` the horizon's week `horizon_week` is."""
        return week_of_cycle(cycle, self.monday(horizon_week), horizon_week)


def school_cycle(school) -> Cycle:
    """A school's cycle: as many weeks as its lesuren use (mon2 ... is week 2), from `cycle_starts`."""
    weeks = max((day_index(p.day) // DAYS_PER_WEEK + 1 for p in school.periods), default=1)
    return Cycle(weeks=weeks, starts=school.cycle_starts)


def plan_cycles(plan) -> list[NamedCycle]:
    """Every cycle of the plan: each school's, each employer's, each staff member's own."""
    out = [NamedCycle(f"school '{s.id}'", f"schools[{i}]", school_cycle(s)) for i, s in enumerate(plan.schools)]
    for ei, employer in enumerate(plan.employers):
        out.append(NamedCycle(f"employer '{employer.id}'", f"employers[{ei}].cycle", employer.cycle))
        for si, person in enumerate(employer.staff):
            if person.cycle is not None:
                out.append(NamedCycle(f"staff '{person.id}' of '{employer.id}'",
                                      f"employers[{ei}].staff[{si}].cycle", person.cycle))
    return out


def plan_horizon(plan) -> Horizon:
    """The plan's horizon; check_horizon says why one is too long."""
    cycles = plan_cycles(plan)
    weeks = math.lcm(*(c.cycle.weeks for c in cycles)) if cycles else 1
    starts = [c.cycle.starts for c in cycles if c.cycle.starts is not None]
    first_school = plan.schools[0].cycle_starts if plan.schools else None
    reference = first_school or (min(starts) if starts else None)
    return Horizon(weeks=weeks, reference=reference, cycles=tuple(cycles))


def check_horizon(plan) -> list[PlanIssue]:
    """A horizon over MAX_CYCLE_WEEKS weeks is refused, naming the cycles that make it."""
    horizon = plan_horizon(plan)
    if horizon.weeks <= MAX_CYCLE_WEEKS:
        return []
    longer = [c for c in horizon.cycles if c.cycle.weeks > 1]
    named = ", ".join(f"{c.owner} {c.cycle.weeks} weeks" for c in longer)
    return [PlanIssue(path=longer[-1].path if longer else "", message=(
        f"the cycles ({named}) repeat together only after {horizon.weeks} weeks (their least common multiple), "
        f"and a plan covers at most {MAX_CYCLE_WEEKS}; give the rotations lengths that divide each other, "
        "e.g. 2 and 4 weeks"))]


def check_cycles(plan, add) -> None:
    """The weeks named by shifts, demand and roster items lie in their cycle, and the horizon is short enough."""
    for ei, employer in enumerate(plan.employers):
        path = f"employers[{ei}]"
        n = employer.cycle.weeks
        for kind, items in (("shifts", employer.shifts), ("demand", employer.demand)):
            for k, item in enumerate(items):
                for wi, week in enumerate(item.weeks):
                    if not 1 <= week <= n:
                        add(f"{path}.{kind}[{k}].weeks[{wi}]",
                            f"week {week} is not in the employer's cycle of {n} week{'s' if n > 1 else ''} "
                            f"(cycle.weeks); weeks are 1 ... {n}")
        shifts = {s.id: s for s in employer.shifts}
        for pi, person in enumerate(employer.staff):
            own = person.cycle is not None
            m = person.cycle.weeks if own else n
            for ri, item in enumerate(person.roster):
                where = f"{path}.staff[{pi}].roster[{ri}].week"
                if item.week > m:
                    whose = "their own cycle" if own else "the employer's cycle"
                    add(where, f"week {item.week} is not in {whose} of {m} week{'s' if m > 1 else ''}; "
                               f"weeks are 1 ... {m}")
                elif not own and item.shift in shifts and shifts[item.shift].weeks \
                        and item.week not in shifts[item.shift].weeks:
                    add(where, f"shift '{item.shift}' does not run in week {item.week} of the employer's cycle "
                               f"(it runs in weeks {', '.join(map(str, shifts[item.shift].weeks))})")
    for issue in check_horizon(plan):
        add(issue.path, issue.message)
