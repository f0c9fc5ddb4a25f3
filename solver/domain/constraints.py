"""Extra constraints a plan may list (the breadth FET schools use), each hard or weighted.

Every entry has a `type` and an optional `weight`: no weight means hard; a weight makes it
soft, costing `weight` per unit of violation (the unit is said per type in docs/rules.md).
Lessons are named by id and mean every copy of that lesson. `groups` name groups whose
student sets the rule is about; `teachers` name teachers.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from solver.domain.base import Day, Strict
from solver.timeline import DAYS


class SlotRef(Strict):
    day: Day
    period: int = Field(ge=1)


class _Base(Strict):
    name: str | None = None
    weight: int | None = Field(default=None, ge=0, description="None: hard; else cost per unit.")


class MinDaysBetween(_Base):
    type: Literal["min_days_between"]
    lessons: list[str] = Field(min_length=1)
    min_days: int = Field(ge=1, le=len(DAYS) - 1)
    consecutive_if_same_day: bool = False


class PreferredStarts(_Base):
    type: Literal["preferred_starts"]
    lessons: list[str] = Field(min_length=1)
    slots: list[SlotRef]


class PreferredSlots(_Base):
    type: Literal["preferred_slots"]
    lessons: list[str] = Field(min_length=1)
    slots: list[SlotRef]


class SameStartingTime(_Base):
    type: Literal["same_starting_time"]
    lessons: list[str] = Field(min_length=2)


class SameStartingDay(_Base):
    type: Literal["same_starting_day"]
    lessons: list[str] = Field(min_length=2)


class NotOverlapping(_Base):
    type: Literal["not_overlapping"]
    lessons: list[str] = Field(min_length=2)


class Consecutive(_Base):
    type: Literal["consecutive"]
    first: str
    second: str


class Grouped(_Base):
    type: Literal["grouped"]
    lessons: list[str] = Field(min_length=2, max_length=3)


class MinGapsBetween(_Base):
    type: Literal["min_gaps_between"]
    lessons: list[str] = Field(min_length=2)
    min_gaps: int = Field(ge=1)


class EndsStudentsDay(_Base):
    type: Literal["ends_students_day"]
    lessons: list[str] = Field(min_length=1)


class OccupyMaxSlots(_Base):
    type: Literal["occupy_max_slots"]
    lessons: list[str] = Field(min_length=1)
    slots: list[SlotRef]
    max_occupied: int = Field(ge=0)


class PreferredRooms(_Base):
    """Each placed copy of the lessons should be in one of `rooms` (FET: a soft preferred/home room).

    Unit: one per copy that is not in one of the rooms, a copy without a room included. The
    lessons' own `rooms` say where they may go at all; this only prefers some of those rooms.
    """

    type: Literal["preferred_rooms"]
    lessons: list[str] = Field(min_length=1)
    rooms: list[str] = Field(min_length=1)


class _Scoped(_Base):
    teachers: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)


class MaxGapsPerWeek(_Scoped):
    type: Literal["max_gaps_per_week"]
    max_gaps: int = Field(ge=0)


class MaxGapsPerDay(_Scoped):
    type: Literal["max_gaps_per_day"]
    max_gaps: int = Field(ge=0)


class MaxPeriodsPerDay(_Scoped):
    type: Literal["max_periods_per_day"]
    max_periods: int = Field(ge=0)


class MinPeriodsPerDay(_Scoped):
    type: Literal["min_periods_per_day"]
    min_periods: int = Field(ge=0)
    allow_empty_days: bool = True


class MaxPeriodsContinuously(_Scoped):
    type: Literal["max_periods_continuously"]
    max_periods: int = Field(ge=1)
    tag: str | None = Field(default=None, description="Only lessons with this tag count.")


class TagMaxPeriodsPerDay(_Scoped):
    type: Literal["tag_max_periods_per_day"]
    tag: str
    max_periods: int = Field(ge=0)


class MinDaysPerWeek(_Scoped):
    type: Literal["min_days_per_week"]
    min_days: int = Field(ge=0, le=len(DAYS))


class IntervalMaxDaysPerWeek(_Scoped):
    type: Literal["interval_max_days_per_week"]
    first_period: int = Field(ge=1, description="Lesuur where the interval starts.")
    end_period: int = Field(ge=2, description="Lesuur just after the interval (exclusive).")
    max_days: int = Field(ge=0, le=len(DAYS))


class EarlyMaxBeginningsAtSecondPeriod(_Scoped):
    type: Literal["early_max_beginnings_at_second_period"]
    max_beginnings: int = Field(ge=0)


Constraint = Annotated[
    Union[
        MinDaysBetween, PreferredStarts, PreferredSlots, SameStartingTime, SameStartingDay,
        NotOverlapping, Consecutive, Grouped, MinGapsBetween, EndsStudentsDay, OccupyMaxSlots,
        MaxGapsPerWeek, MaxGapsPerDay, MaxPeriodsPerDay, MinPeriodsPerDay, MaxPeriodsContinuously,
        TagMaxPeriodsPerDay, MinDaysPerWeek, IntervalMaxDaysPerWeek, EarlyMaxBeginningsAtSecondPeriod,
        PreferredRooms,
    ],
    Field(discriminator="type"),
]
