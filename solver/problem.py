"""ProblemData: the frozen, integer-indexed form of a Plan that the CP-SAT builder takes.

Built once by `solver.compile.compile_plan`. Times are minutes on the week line; everything the
builder needs (lesson options, room pools, work segments, staffing segments) is precomputed here,
so that the builder only creates variables and constraints.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.problem_extra import ExtraData


@dataclass(frozen=True, slots=True)
class PeriodData:
    school: int
    day: int
    number: int  # lesuur number in the day, 1-based
    start: int
    end: int
    morning: bool

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class OptionData:
    """One way to place a lesson copy: first period on a day, with one teacher."""

    day: int
    first: int  # lesuur number of the first period
    periods: tuple[int, ...]  # global period indices occupied
    teacher: int  # -1: a lesson without a (main) teacher
    teachers: tuple[int, ...] = ()  # every teacher the option occupies: the teacher, then co-teachers
    # explain mode only (compile_plan(plan, explain=True)): the reasons compile would have pruned
    # this option for; each reason is a tuple of guard keys that together forbid it (always () else)
    guards: tuple[tuple[tuple, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class OptionCost:
    """A soft cost of one lesson option: copy `copy` placed by its option `option` costs `weight` under
    `rule` (the preference windows and marks; solver/compile/preferences.py)."""

    rule: str
    copy: int
    option: int  # index into the copy's options
    weight: int


@dataclass(frozen=True, slots=True)
class CopyData:
    lesson: int
    copy: int
    school: int
    duration: int
    sets: tuple[int, ...]
    options: tuple[OptionData, ...]
    needs_room: bool
    pools: tuple[int, ...]
    current_slot: tuple[int, int] | None  # (day, first lesuur)
    current_teacher: int | None
    current_room: str | None


@dataclass(frozen=True, slots=True)
class LessonData:
    id: str
    subject: str
    copies: tuple[int, ...]
    min_days_apart: int
    interchangeable: bool  # copies have no current placement: order them to break symmetry
    has_groups: bool
    optional: bool = False  # a vacancy: each copy may stay open (rule vacancy_open)
    open_minutes: int = 0  # an optional lesson's lesson-minutes per copy (docs/rules.md, vacancy_open)
    preferred: tuple[int, ...] = ()  # the teachers the school prefers among its candidates (teacher_preference)


@dataclass(frozen=True, slots=True)
class PoolData:
    """Rooms that every copy treats alike; counted per period, assigned after solving."""

    school: int
    rooms: tuple[str, ...]
    blocked: frozenset[int]  # global period indices in which these rooms are unavailable


@dataclass(frozen=True, slots=True)
class ExtraRoomData:
    """One extra room a copy holds (Lesson.extra_rooms) whenever and as long as it is placed: the pools it may
    come from. Its pool choice follows the copies' in the model's pool_choice (solver/cpsat/rooms.py)."""

    copy: int
    pools: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TeacherData:
    id: str
    max_periods_per_day: int | None
    max_days_per_week: int | None


@dataclass(frozen=True, slots=True)
class ShiftInstance:
    staff: int
    shift: str
    day: int
    start: int
    end: int
    current: bool
    night_late: bool  # a night shift that ends after 02:00: needs the long rest after it
    week: int = 1  # the horizon week (1-based) it is worked in; start and end are on the horizon's line


@dataclass(frozen=True, slots=True)
class StaffData:
    id: str
    employer: int
    flexible: bool
    target_minutes: int | None  # rostered minutes a flexible colleague must keep
    instances: tuple[int, ...]
    overlapping_pairs: tuple[tuple[int, int], ...]
    # a horizon of several weeks: the minutes to keep in each horizon week (target_minutes is week 1's)
    week_targets: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class HtoData:
    id: str
    teacher: int
    staff: int
    release_max_minutes: int | None  # release agreement
    unqualified_max_minutes: int | None  # 6-klokuren rule, only for an unqualified hto'er
    periods: tuple[int, ...]  # periods they could teach in
    # the period runs one placement of theirs could occupy; each has one busy window
    # [start of the first - travel, end of the last + travel), breaks inside a blokuur included
    spans: tuple[tuple[int, ...], ...]
    release_min_minutes: int | None = None  # release_min_teaching
    release_target_minutes: int | None = None  # release_target_teaching
    # a horizon of several weeks: (horizon week, the periods taught then) for horizon weeks 1 ... S, S the
    # least common multiple of the schools' cycles (the teaching repeats with it); empty with one week:
    # every period counts in the one week
    weeks: tuple[tuple[int, tuple[int, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time in which the same shifts and teaching spans would cover a person."""

    start: int
    end: int
    shifts: tuple[int, ...]  # shift instances whose work (the shift minus its pauses) covers it
    spans: tuple[int, ...]  # the hto's spans whose busy window (with travel) covers it


@dataclass(frozen=True, slots=True)
class NightRest:
    instance: int
    rest_minutes: int
    previous_nights: tuple[tuple[int, ...], ...]  # series rule: instances on the days before
    next_nights: tuple[int, ...]  # series rule: none of these may be worked


@dataclass(frozen=True, slots=True)
class LawHistory:
    """What the weeks before leave for the planned week (Staff.history); None: that rule's window is not
    known, so it is not stated (solver/compile/history.py)."""

    minutes_4_weeks: int | None  # work minutes left this week under the 4-week average (may be < 0)
    minutes_16_weeks: int | None  # under the 16-week average
    night_shifts: int | None  # night shifts ending after 02:00 left this week (a horizon: in all its weeks)


@dataclass(frozen=True, slots=True)
class WeekLimit:
    """A horizon of several weeks: an average rule for horizon week `week` limits the work minutes of
    horizon weeks `first` .. `week` together to `left` (what the history before week 1 leaves)."""

    rule: str  # atw_average_4_weeks | atw_average_16_weeks
    week: int
    first: int
    left: int


@dataclass(frozen=True, slots=True)
class LawPerson:
    """One person whose merged week falls under the Arbeidstijdenwet."""

    staff: int
    hto: int | None
    segments: tuple[Segment, ...]  # sorted, non-empty covers only
    night_rests: tuple[NightRest, ...]
    history: LawHistory | None = None  # None: no rule over several weeks applies
    week_limits: tuple[WeekLimit, ...] = ()  # a horizon of several weeks: the average rules per week


@dataclass(frozen=True, slots=True)
class CoverTerm:
    staff: int
    hto: int | None
    shifts: tuple[int, ...]
    busy_spans: tuple[int, ...]  # the hto's spans whose busy window covers the segment


@dataclass(frozen=True, slots=True)
class DemandSegment:
    """A stretch of one demand window in which the same people could fill it (docs/rules.md).

    Windows of one employer that overlap are cut together, at every boundary of any of them, so two
    segments of one employer cover exactly the same minutes or none in common: the segments with the
    same (employer, start, end) are the windows that compete for the same people there."""

    employer: int
    demand: int  # index into the employer's demand list
    start: int
    end: int
    min_staff: int
    terms: tuple[CoverTerm, ...]
    week: int = 1  # the horizon week of the window


@dataclass(frozen=True, slots=True)
class LawLimits:
    max_shift: int
    max_week: int
    dienst_rest: int
    daily_rest: int
    daily_rest_short: int
    daily_rest_short_per_week: int
    weekly_rest: int
    horizon: int  # end of the week line (10080): one week, also in a horizon of several
    max_night_dienst: int = 600  # a dienst with more than night_min minutes of work in the night window
    night_window: tuple[int, int] = (0, 360)  # minutes of the day: 00:00-06:00
    night_min: int = 60
    # atw_breaks: a dienst with more than break_after minutes of work has at least break_total minutes
    # of break, one with more than long_break_after at least long_break_total; a break is a free
    # stretch of at least break_block minutes inside the dienst
    break_after: int = 330
    break_total: int = 30
    long_break_after: int = 600
    long_break_total: int = 45
    break_block: int = 15


@dataclass(frozen=True, slots=True)
class ObjectiveWeights:
    student_gaps: int
    teacher_gaps: int
    compact_release: int
    roster_change: int
    lesson_move: int
    teacher_change: int
    unplaced: int | None  # None: every required lesson must be placed
    output_loss: int | None  # None: zero output loss is hard
    vacancy: int = 0  # per lesson-minute of an optional lesson left open (vacancy_open)
    release_target_teaching: int = 0
    teacher_preference: int = 0


@dataclass(frozen=True)
class ProblemData:
    name: str
    schools: tuple[str, ...]
    periods: tuple[PeriodData, ...]
    day_periods: tuple[tuple[int, ...], ...]  # per (school, day) with periods: ordered indices
    lessons: tuple[LessonData, ...]
    copies: tuple[CopyData, ...]
    pools: tuple[PoolData, ...]
    teachers: tuple[TeacherData, ...]
    student_sets: tuple[str, ...]
    staff: tuple[StaffData, ...]
    instances: tuple[ShiftInstance, ...]
    htos: tuple[HtoData, ...]
    law_persons: tuple[LawPerson, ...]
    demand_segments: tuple[DemandSegment, ...]
    cross_school_overlaps: tuple[tuple[int, int], ...]  # period pairs of different schools that overlap
    law: LawLimits
    weights: ObjectiveWeights
    extras: tuple[ExtraData, ...] = ()  # Plan.constraints, compiled (solver/compile/extras.py)
    breaks: frozenset[int] = frozenset()  # global period indices with a marked break before them
    employers: tuple[str, ...] = ()  # employer ids (StaffData.employer indexes them)
    # the options that use a preference window or mark, with their cost (empty: the plan has none)
    preferences: tuple[OptionCost, ...] = ()
    # the horizon's weeks (solver/domain/cycles.py). One: the week line as always. Several: the company
    # side is on the line [0, weeks x 10080), a circle (after week `weeks` comes week 1 again); the
    # school side stays once (docs/rules.md, "Cycles and the horizon")
    weeks: int = 1
    extra_rooms: tuple[ExtraRoomData, ...] = ()  # per copy, per Lesson.extra_rooms entry, in that order

    @property
    def size(self) -> int:
        """Lesson-periods per week: the usual size measure of a school timetable."""
        return sum(c.duration for c in self.copies)
