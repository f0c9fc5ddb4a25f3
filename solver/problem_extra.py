"""The compiled form of `Plan.constraints` (the extra constraints): integer indices only.

Built by `solver.compile.extras.compile_extras`; read by the rule functions in `solver/cpsat/extra_*.py`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Owner:
    """A teacher or a student set that a scoped constraint is about."""

    kind: str  # "teacher" | "set"
    index: int  # into ProblemData.teachers / ProblemData.student_sets
    day_lists: tuple[int, ...]  # indices into ProblemData.day_periods of the (school, day)s it may have lessons
    unavailable: frozenset[int] = frozenset()  # global periods it is unavailable in: never a gap


@dataclass(frozen=True, slots=True)
class ExtraData:
    """One extra constraint; which fields matter depends on `type` (docs/rules.md, 'Extra constraints')."""

    type: str
    index: int  # position in Plan.constraints
    weight: int | None  # None: hard; else cost per unit
    groups: tuple[tuple[int, ...], ...] = ()  # copy indices: one tuple per copy k (copy-wise types) or all
    starts: frozenset[tuple[int, int]] = frozenset()  # preferred_starts: allowed (day, first lesuur)
    periods: tuple[int, ...] = ()  # preferred_slots / occupy_max_slots: global period indices
    pools: frozenset[int] = frozenset()  # preferred_rooms: the room pools made only of listed rooms
    owners: tuple[Owner, ...] = ()  # scoped types: every named teacher and student set
    tag: str | None = None  # scoped types with a tag: only lessons with it count
    tagged: frozenset[int] = frozenset()  # the copies that have the tag
    amount: int = 0  # the number in the rule (min_days, max_gaps, max_periods, ...)
    flag: bool = False  # consecutive_if_same_day / allow_empty_days
    first_period: int = 0  # interval_max_days_per_week: lesuren [first_period, end_period)
    end_period: int = 0
    cost_function: str = "linear"  # soft scoped types: how an owner's units become its cost (linear, quadratic, step)
    minimum: int = 0  # max_periods_per_day: min_periods on a day with any (0: none); workload_per_week: min_workload
    scale: int = 1  # workload_per_week: workloads are in 1/scale (every copy's share a whole number)
    shares: tuple[tuple[int, int], ...] = ()  # workload_per_week: (copy, its workload x scale) of every copy
    # spread_events: per time group (its days, its (day, lesuur)s, min starts, max starts or -1 for none)
    spread: tuple[tuple[frozenset[int], frozenset[tuple[int, int]], int, int], ...] = ()

    @property
    def hard(self) -> bool:
        return self.weight is None
