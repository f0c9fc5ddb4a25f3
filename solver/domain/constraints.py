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
    period: int = Field(ge=1, description="Lesuur number, counted from 1 (the first period of the day).")


class _Base(Strict):
    name: str | None = Field(default=None, description="A label of your own, shown in reports; optional.")
    weight: int | None = Field(default=None, ge=0, description="None: hard; else cost per unit.")


class MinDaysBetween(_Base):
    type: Literal["min_days_between"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")
    min_days: int = Field(ge=1, le=len(DAYS) - 1, description="Days at least between any two copies, e.g. 2.")
    consecutive_if_same_day: bool = Field(
        default=False, description="If two copies fall on one day, they must be back to back.",
    )


class PreferredStarts(_Base):
    type: Literal["preferred_starts"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")
    slots: list[SlotRef] = Field(description="Slots as day and period, e.g. {\"day\": \"mon\", \"period\": 1}.")


class PreferredSlots(_Base):
    type: Literal["preferred_slots"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")
    slots: list[SlotRef] = Field(description="Slots as day and period, e.g. {\"day\": \"mon\", \"period\": 1}.")


class SameStartingTime(_Base):
    type: Literal["same_starting_time"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(
        min_length=2, description="Lesson ids (at least two); each means every copy of that lesson.",
    )


class SameStartingDay(_Base):
    type: Literal["same_starting_day"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(
        min_length=2, description="Lesson ids (at least two); each means every copy of that lesson.",
    )


class NotOverlapping(_Base):
    type: Literal["not_overlapping"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(
        min_length=2, description="Lesson ids (at least two); each means every copy of that lesson.",
    )


class Consecutive(_Base):
    type: Literal["consecutive"] = Field(description="The kind of constraint (docs/rules.md).")
    first: str = Field(description="Lesson id of the lesson that comes first.")
    second: str = Field(description="Lesson id of the lesson right after it, same day.")


class Grouped(_Base):
    type: Literal["grouped"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=2, max_length=3, description="Two or three lesson ids, placed as one block.")


class MinGapsBetween(_Base):
    type: Literal["min_gaps_between"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(
        min_length=2, description="Lesson ids (at least two); each means every copy of that lesson.",
    )
    min_gaps: int = Field(ge=1, description="Periods at least between the lessons on one day.")


class EndsStudentsDay(_Base):
    type: Literal["ends_students_day"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")


class OccupyMaxSlots(_Base):
    type: Literal["occupy_max_slots"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")
    slots: list[SlotRef] = Field(description="Slots as day and period, e.g. {\"day\": \"mon\", \"period\": 1}.")
    max_occupied: int = Field(ge=0, description="At most this many of `slots` may hold one of the lessons.")


class PreferredRooms(_Base):
    """Each placed copy of the lessons should be in one of `rooms` (FET: a soft preferred/home room).

    Unit: one per copy that is not in one of the rooms, a copy without a room included. The
    lessons' own `rooms` say where they may go at all; this only prefers some of those rooms.
    """

    type: Literal["preferred_rooms"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")
    rooms: list[str] = Field(min_length=1, description="Room ids that are preferred.")


class _Scoped(_Base):
    teachers: list[str] = Field(default_factory=list, description="Teacher ids the rule applies to.")
    groups: list[str] = Field(default_factory=list, description="Group ids whose student sets the rule applies to.")


CostFunction = Literal["linear", "quadratic", "step"]


class _Costed(_Scoped):
    """Scoped types whose soft cost may grow other than linearly, and that may count some days only
    (XHSTT's LimitIdleTimes, LimitBusyTimes and ClusterBusyTimes; docs/rules.md, 'Cost functions')."""

    cost_function: CostFunction = Field(
        default="linear", description="With a weight: how an owner's units (summed over its days) become its "
                                      "cost u: linear weight x u, quadratic weight x u², step weight if u > 0.")
    days: list[Day] = Field(default_factory=list, description="Only these days count; empty: every day.")


class MaxGapsPerWeek(_Costed):
    type: Literal["max_gaps_per_week"] = Field(description="The kind of constraint (docs/rules.md).")
    max_gaps: int = Field(ge=0, description="Free periods (gaps) at most in the week.")
    unavailable_gaps: bool = Field(
        default=False, description="Unavailable lesuren between lessons are gaps too (XHSTT's idle times); "
                                   "by default they never are (FET).")


class MaxGapsPerDay(_Scoped):
    type: Literal["max_gaps_per_day"] = Field(description="The kind of constraint (docs/rules.md).")
    max_gaps: int = Field(ge=0, description="Free periods (gaps) at most on one day.")


class MaxPeriodsPerDay(_Costed):
    type: Literal["max_periods_per_day"] = Field(description="The kind of constraint (docs/rules.md).")
    max_periods: int = Field(ge=0, description="Periods with lessons at most on one day.")
    min_periods: int = Field(default=0, ge=0, description="And at least this many on each day that has any "
                                                          "(XHSTT's LimitBusyTimes; the units add up).")


class MinPeriodsPerDay(_Costed):
    type: Literal["min_periods_per_day"] = Field(description="The kind of constraint (docs/rules.md).")
    min_periods: int = Field(ge=0, description="Periods with lessons at least on a day that has any.")
    allow_empty_days: bool = Field(default=True, description="A day without any lesson is allowed.")


class MaxPeriodsContinuously(_Scoped):
    type: Literal["max_periods_continuously"] = Field(description="The kind of constraint (docs/rules.md).")
    max_periods: int = Field(ge=1, description="Periods at most in a row without a free period.")
    tag: str | None = Field(default=None, description="Only lessons with this tag count.")


class TagMaxPeriodsPerDay(_Scoped):
    type: Literal["tag_max_periods_per_day"] = Field(description="The kind of constraint (docs/rules.md).")
    tag: str = Field(description="Only lessons with this tag count.")
    max_periods: int = Field(ge=0, description="Periods of tagged lessons at most on one day.")


class MinDaysPerWeek(_Costed):
    type: Literal["min_days_per_week"] = Field(description="The kind of constraint (docs/rules.md).")
    min_days: int = Field(ge=0, le=len(DAYS), description="Days with lessons at least in the week.")
    first_period: int = Field(default=1, ge=1, description="Only lessons in lesuren [first_period, end_period) "
                                                           "count (XHSTT's ClusterBusyTimes over lesuren).")
    end_period: int | None = Field(default=None, ge=2, description="Lesuur just after the counted ones "
                                                                    "(exclusive); None: to the end of the day.")


class IntervalMaxDaysPerWeek(_Costed):
    type: Literal["interval_max_days_per_week"] = Field(description="The kind of constraint (docs/rules.md).")
    first_period: int = Field(ge=1, description="Lesuur where the interval starts.")
    end_period: int = Field(ge=2, description="Lesuur just after the interval (exclusive).")
    max_days: int = Field(ge=0, le=len(DAYS), description="Days at most on which the interval holds a lesson.")


class EarlyMaxBeginningsAtSecondPeriod(_Scoped):
    type: Literal["early_max_beginnings_at_second_period"] = Field(
        description="The kind of constraint (docs/rules.md).",
    )
    max_beginnings: int = Field(ge=0, description="Days at most whose first lesson is in the second period.")


class SameTeacher(_Base):
    """Every placed copy of the listed lessons has the same teacher (XHSTT's AvoidSplitAssignments of a
    teacher role). Unit: each distinct teacher of the copies beyond the first (co-teachers do not count)."""

    type: Literal["same_teacher"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")


class LessonWorkload(Strict):
    lesson: str = Field(description="Lesson id.")
    workload: int = Field(ge=0, description="The workload of all its copies together; whoever has some of "
                                            "the copies gets that share of it.")


class WorkloadPerWeek(_Scoped):
    """Each owner's workload in the week lies within [min_workload, max_workload] (XHSTT's LimitWorkload):
    the sum, over the placed copies it teaches or is in, of the lesson's workload / its count. A lesson's
    workload is its lesuren (count x duration) unless `workloads` says otherwise. Unit: workload outside
    the bounds, rounded up."""

    type: Literal["workload_per_week"] = Field(description="The kind of constraint (docs/rules.md).")
    min_workload: int = Field(default=0, ge=0, description="Workload at least.")
    max_workload: int | None = Field(default=None, ge=0, description="Workload at most; None: no maximum.")
    workloads: list[LessonWorkload] = Field(
        default_factory=list, description="Lessons whose workload is not their lesuren, e.g. 2 for 3 lesuren.")


class SpreadTimeGroup(Strict):
    """A set of lesuren (whole days and single lesuren) and how many starts it should hold."""

    days: list[Day] = Field(default_factory=list, description="Whole days in the set.")
    slots: list[SlotRef] = Field(default_factory=list, description="Single lesuren in the set (day and period).")
    min_starts: int = Field(default=0, ge=0, description="Copies of the lessons starting in the set, at least.")
    max_starts: int | None = Field(default=None, ge=0, description="And at most; None: no maximum.")


class SpreadEvents(_Base):
    """Per time group, the number of placed copies of the listed lessons that start in it lies within
    [min_starts, max_starts] (XHSTT's SpreadEvents). Unit: per time group, the starts outside the bounds;
    with a weight the entry's units are summed over its time groups and then go through `cost_function`."""

    type: Literal["spread_events"] = Field(description="The kind of constraint (docs/rules.md).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids; each means every copy of that lesson.")
    time_groups: list[SpreadTimeGroup] = Field(min_length=1, description="The time groups and their bounds.")
    cost_function: CostFunction = Field(
        default="linear", description="With a weight: how the units (summed over the time groups) become the "
                                      "cost u: linear weight x u, quadratic weight x u², step weight if u > 0.")


Constraint = Annotated[
    Union[
        MinDaysBetween, PreferredStarts, PreferredSlots, SameStartingTime, SameStartingDay,
        NotOverlapping, Consecutive, Grouped, MinGapsBetween, EndsStudentsDay, OccupyMaxSlots,
        MaxGapsPerWeek, MaxGapsPerDay, MaxPeriodsPerDay, MinPeriodsPerDay, MaxPeriodsContinuously,
        TagMaxPeriodsPerDay, MinDaysPerWeek, IntervalMaxDaysPerWeek, EarlyMaxBeginningsAtSecondPeriod,
        PreferredRooms, SameTeacher, WorkloadPerWeek, SpreadEvents,
    ],
    Field(discriminator="type"),
]
