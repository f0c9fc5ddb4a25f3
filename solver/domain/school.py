"""The school side of a plan: periods (lesuren), student sets, groups, rooms, teachers, lessons."""

from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator, model_validator

from solver.domain.base import HHMM, MAX_PERIODS, Day, Id, Strict, UnavailableWindow, Window
from solver.timeline import DAYS, parse_hhmm


class Period(Strict):
    """One lesuur on one day, e.g. mon 08:30-09:20. Periods of a day are numbered 1, 2, ... by start."""

    day: Day
    start: HHMM
    end: HHMM
    name: str | None = None
    break_before: bool = Field(
        default=False,
        description="A break the plan marks before this period: a blokuur may not span it.",
    )

    @model_validator(mode="after")
    def _start_before_end(self) -> "Period":
        if parse_hhmm(self.end) <= parse_hhmm(self.start):
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class StudentSet(Strict):
    """The smallest unit of pupils that always moves together (a class, or a part of one)."""

    id: Id
    size: int = Field(default=0, ge=0)


class Group(Strict):
    """A klas or cluster. Two groups clash when they share a student set."""

    id: Id
    name: str | None = None
    student_sets: list[str] = Field(
        default_factory=list,
        description="Student sets in this group; empty means the group is its own student set.",
    )
    size: int | None = Field(default=None, ge=0, description="Pupils; default: sum of its sets.")
    unavailable: list[UnavailableWindow] = Field(
        default_factory=list, description="Times without lessons for the group: hard blocks, or (level "
                                          "'preference') times it would rather not have them, at a cost.")


class Room(Strict):
    id: Id
    name: str | None = None
    kind: str = "classroom"
    capacity: int = Field(default=30, ge=0)
    unavailable: list[Window] = Field(default_factory=list)


class School(Strict):
    id: Id
    name: str | None = None
    periods: list[Period] = Field(
        min_length=1, max_length=MAX_PERIODS,
        description=f"The lesuren of the school's week (or cycle of weeks); at most {MAX_PERIODS}.",
    )
    student_sets: list[StudentSet] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    rooms: list[Room] = Field(default_factory=list)
    cycle_starts: date | None = Field(
        default=None, description="For a cycle of several weeks (lesuren on mon2 ...): the Monday on which its "
                                  "week 1 (the A-week) starts, YYYY-MM-DD, so that dated weeks and rotating "
                                  "rosters line up with it.")

    @field_validator("cycle_starts")
    @classmethod
    def _a_monday(cls, value: date | None) -> date | None:
        if value is not None and value.weekday() != 0:
            raise ValueError(f"{value.isoformat()} is a {value.strftime('%A')}; a cycle starts on a Monday")
        return value


class Teacher(Strict):
    id: Id
    name: str | None = None
    subjects: list[str] = Field(
        default_factory=list, description="Subjects this teacher may teach; empty means any."
    )
    unavailable: list[UnavailableWindow] = Field(
        default_factory=list, description="Times the teacher cannot teach: hard blocks, or (level "
                                          "'preference') times they would rather not, at a cost.")
    max_periods_per_day: int | None = Field(default=None, ge=0, le=MAX_PERIODS)
    max_days_per_week: int | None = Field(default=None, ge=0, le=len(DAYS))


class Placement(Strict):
    """Where one copy of a lesson is (current timetable) or must be (with a lock)."""

    copy: int = Field(default=0, ge=0)
    day: Day
    period: int = Field(ge=1, description="Lesuur number of the first period, 1 = first of the day.")
    room: str | None = None
    teacher: str | None = None


class Locks(Strict):
    """Which parts of the current placement are fixed by hand; each can be locked on its own."""

    slot: bool = False
    room: bool = False
    teacher: bool = False


class Lesson(Strict):
    """A lesson taught `count` times a week, each time `duration` consecutive periods (a blokuur if 2+)."""

    id: Id
    school: str | None = Field(default=None, description="School id; may be left out with one school.")
    subject: str
    groups: list[str] = Field(default_factory=list)
    duration: int = Field(default=1, ge=1, le=MAX_PERIODS, description="Lesuren in a row, each time.")
    count: int = Field(
        default=1, ge=1, le=MAX_PERIODS,
        description="Times a week (or cycle); at most the number of lesuren of its school's cycle.",
    )
    room_kind: str | None = Field(default="classroom", description="null: needs no room.")
    rooms: list[str] | None = Field(default=None, description="Only these rooms (else any of the kind).")
    size: int | None = Field(default=None, ge=0, description="Pupils; default: sum of the groups.")
    teacher: str | None = None
    candidates: list[str] = Field(
        default_factory=list, description="Teachers who may teach it, if `teacher` is not fixed."
    )
    co_teachers: list[str] = Field(
        default_factory=list, description="Further fixed teachers who teach it together (team teaching)."
    )
    teacherless: bool = Field(
        default=False, description="A lesson without a teacher (as FET allows); needs no teacher or candidates."
    )
    tags: list[str] = Field(default_factory=list, description="Activity tags (as in FET), used by constraints.")
    min_days_apart: int = Field(default=0, ge=0, le=len(DAYS) - 1)
    lock: Locks = Field(default_factory=Locks)
    current: list[Placement] = Field(default_factory=list)
    optional: bool = Field(
        default=False,
        description="A vacancy: a copy may stay open (unplaced) at policy.vacancy_penalty_per_minute per lesson-minute "
                    "(rule vacancy_open, tier 3: below placing required lessons and output loss, above soft rules).",
    )
    preferred_teachers: list[str] = Field(
        default_factory=list,
        description="Candidates the school prefers (e.g. its hto'er): each copy given another candidate costs "
                    "weights.teacher_preference (rule teacher_preference). Each must be one of `candidates`.",
    )
