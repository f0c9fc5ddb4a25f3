"""The school side of a plan: periods (lesuren), student sets, groups, rooms, teachers, lessons."""

from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator, model_validator

from solver.domain.base import HHMM, MAX_PERIODS, Day, Id, Strict, UnavailableWindow, Window
from solver.timeline import DAYS, parse_hhmm


class Period(Strict):
    """One lesuur on one day, e.g. mon 08:30-09:20. Periods of a day are numbered 1, 2, ... by start."""

    day: Day
    start: HHMM = Field(description="When the period starts, HH:MM, e.g. 08:30.")
    end: HHMM = Field(description="When the period ends, HH:MM, e.g. 09:20.")
    name: str | None = Field(default=None, description="A label, e.g. '1e uur'; optional.")
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

    id: Id = Field(description="Unique id of the student set, e.g. '4A' or '4A-NT'.")
    size: int = Field(default=0, ge=0, description="Pupils in the set (checked against room capacity).")


class Group(Strict):
    """A klas or cluster. Two groups clash when they share a student set."""

    id: Id = Field(description="Unique id of the group (klas or cluster), e.g. '4A'; lessons name it in `groups`.")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    student_sets: list[str] = Field(
        default_factory=list,
        description="Student sets in this group; empty means the group is its own student set.",
    )
    size: int | None = Field(default=None, ge=0, description="Pupils; default: sum of its sets.")
    unavailable: list[UnavailableWindow] = Field(
        default_factory=list, description="Times without lessons for the group: hard blocks, or (level "
                                          "'preference') times it would rather not have them, at a cost.")


class Room(Strict):
    id: Id = Field(description="Unique id of the room, e.g. 'B104'.")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    kind: str = Field(
        default="classroom",
        description="Kind of room, e.g. 'classroom', 'lab', 'gym'; a lesson's `room_kind` asks for one.",
    )
    capacity: int = Field(default=30, ge=0, description="Pupils the room holds.")
    unavailable: list[Window] = Field(default_factory=list, description="Times the room cannot be used (hard).")


class School(Strict):
    id: Id = Field(description="Unique id of the school; lessons and travel times name it.")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    periods: list[Period] = Field(
        min_length=1, max_length=MAX_PERIODS,
        description=f"The lesuren of the school's week (or cycle of weeks); at most {MAX_PERIODS}.",
    )
    student_sets: list[StudentSet] = Field(
        default_factory=list, description="The smallest units of pupils; groups are made of them.",
    )
    groups: list[Group] = Field(default_factory=list, description="Klassen and clusters.")
    rooms: list[Room] = Field(default_factory=list, description="The school's rooms.")
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
    id: Id = Field(description="Unique id of the teacher, e.g. a Untis short name 'JAN'.")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    subjects: list[str] = Field(
        default_factory=list, description="Subjects this teacher may teach; empty means any."
    )
    unavailable: list[UnavailableWindow] = Field(
        default_factory=list, description="Times the teacher cannot teach: hard blocks, or (level "
                                          "'preference') times they would rather not, at a cost.")
    max_periods_per_day: int | None = Field(
        default=None, ge=0, le=MAX_PERIODS, description="Lesuren at most on one day; null: no limit.",
    )
    max_days_per_week: int | None = Field(
        default=None, ge=0, le=len(DAYS), description="Days with lessons at most in the week; null: no limit.",
    )


class Placement(Strict):
    """Where one copy of a lesson is (current timetable) or must be (with a lock)."""

    copy: int = Field(default=0, ge=0, description="Which copy of the lesson, 0 … count-1.")
    day: Day
    period: int = Field(ge=1, description="Lesuur number of the first period, 1 = first of the day.")
    room: str | None = Field(default=None, description="Room id; null: none or not known.")
    teacher: str | None = Field(default=None, description="Teacher id of this placement; null: not given.")


class Locks(Strict):
    """Which parts of the current placement are fixed by hand; each can be locked on its own."""

    slot: bool = Field(default=False, description="Keep the current day and period.")
    room: bool = Field(default=False, description="Keep the current room.")
    teacher: bool = Field(default=False, description="Keep the current teacher.")


class ExtraRoom(Strict):
    """A further room a lesson holds at the same time as its room, for its whole length (a gym and a field)."""

    rooms: list[str] | None = Field(default=None, description="Only these rooms (one: a fixed room); null: any room "
                                                               "of `room_kind`.")
    room_kind: str | None = Field(default=None, description="Only rooms of this kind; null: any kind.")


class Lesson(Strict):
    """A lesson taught `count` times a week, each time `duration` consecutive periods (a blokuur if 2+)."""

    id: Id = Field(description="Unique id of the lesson, e.g. '4A-wi'.")
    school: str | None = Field(default=None, description="School id; may be left out with one school.")
    subject: str = Field(description="Subject code, e.g. 'wi'; teachers and hto'ers list the subjects they may teach.")
    groups: list[str] = Field(default_factory=list, description="Group ids that take the lesson together.")
    duration: int = Field(default=1, ge=1, le=MAX_PERIODS, description="Lesuren in a row, each time.")
    count: int = Field(
        default=1, ge=1, le=MAX_PERIODS,
        description="Times a week (or cycle); at most the number of lesuren of its school's cycle.",
    )
    room_kind: str | None = Field(default="classroom", description="null: needs no room.")
    rooms: list[str] | None = Field(default=None, description="Only these rooms (else any of the kind).")
    extra_rooms: list[ExtraRoom] = Field(
        default_factory=list,
        description="Further rooms it holds at the same time as its room, each for the whole lesson (rule room_fits; "
                    "room_no_clash and room_unavailable hold for every room it holds). Needs a room of its own too.",
    )
    size: int | None = Field(default=None, ge=0, description="Pupils; default: sum of the groups.")
    teacher: str | None = Field(default=None, description="Fixed teacher id; null: chosen from `candidates`.")
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
    min_days_apart: int = Field(
        default=0, ge=0, le=len(DAYS) - 1,
        description="Days at least between two copies, e.g. 1: not twice a day; 0: no rule.",
    )
    lock: Locks = Field(default_factory=Locks, description="Parts of `current` that are fixed.")
    current: list[Placement] = Field(
        default_factory=list,
        description="Where its copies are in the current timetable (replan keeps them where it can).",
    )
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
