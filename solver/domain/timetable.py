"""The Timetable: our answer. Lesson placements, each employer's roster with releases, KPIs, soft cost."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from solver.domain.base import CalendarDay, Day, Strict, Window, read_json, validated


class LessonPlacement(Strict):
    lesson: str = Field(description="Lesson id in the plan.")
    copy: int = Field(default=0, description="Which copy of the lesson, 0 … count-1.")
    school: str = Field(description="School id.")
    day: Day
    period: int = Field(ge=1, description="Lesuur number of the first period.")
    duration: int = Field(default=1, ge=1, description="Lesuren in a row.")
    start: str = Field(default="", description="Clock time it starts, HH:MM, e.g. 08:30 (filled in by the solver).")
    end: str = Field(default="", description="Clock time it ends, HH:MM, e.g. 10:10.")
    room: str | None = Field(default=None, description="Room id; null: the lesson needs no room.")
    extra_rooms: list[str] = Field(
        default_factory=list, description="The rooms of the lesson's extra_rooms, in their order (none: it has none).")
    teacher: str = Field(default="", description="'' for a lesson without a (main) teacher.")


class UnplacedLesson(Strict):
    lesson: str = Field(description="Lesson id in the plan.")
    copy: int = Field(default=0, description="Which copy of the lesson, 0 … count-1.")


class OpenVacancy(Strict):
    """A copy of an optional lesson (a vacancy) left open: its lesson-minutes stay untaught."""

    lesson: str = Field(description="Lesson id in the plan.")
    copy: int = Field(default=0, description="Which copy of the lesson, 0 … count-1.")
    school: str = Field(description="School id.")
    minutes: int = Field(ge=0, description="The copy's lesson-minutes (docs/rules.md, vacancy_open).")


class HtoTeaching(Strict):
    """An hto'er's teaching minutes placed in the week, beside the release agreement's numbers."""

    hto: str = Field(description="Hto'er id.")
    teacher: str = Field(description="Their teacher id.")
    employer: str = Field(description="Employer id.")
    minutes: int = Field(ge=0, description="Teaching minutes of their placements (co-teaching included).")
    min_minutes: int | None = Field(default=None, description="release.min_teaching_minutes")
    target_minutes: int | None = Field(default=None, description="release.target_teaching_minutes")
    max_minutes: int | None = Field(default=None, description="release.max_teaching_minutes_per_week")


class EmployerRelease(Strict):
    """What an employer gives up for teaching: the person-minutes of its rosters' released windows."""

    employer: str = Field(description="Employer id.")
    person_minutes: int = Field(ge=0, description="Sum of the released windows (lessons and travel) of its shifts.")


class RosterAssignment(Strict):
    """One shift a staff member works; `released` are the parts they are away (teaching, travel)."""

    employer: str = Field(description="Employer id.")
    staff: str = Field(description="Staff id.")
    shift: str = Field(description="Shift id of that employer.")
    day: CalendarDay = Field(description="Day of the week: mon … sun.")
    week: int = Field(default=1, ge=1, description=(
        "Week of the plan's horizon (solver/domain/cycles.py) in which it is worked; 1 without cycles."))
    start: str = Field(default="", description="When the shift starts, HH:MM, e.g. 06:00.")
    end: str = Field(default="", description="When the shift ends, HH:MM, e.g. 14:00.")
    released: list[Window] = Field(default_factory=list, description="Parts away, on days of the same week.")
    change: str = Field(default="kept", description="kept | added (vs the current roster)")


class RemovedShift(Strict):
    employer: str = Field(description="Employer id.")
    staff: str = Field(description="Staff id.")
    shift: str = Field(description="Shift id of that employer.")
    day: CalendarDay = Field(description="Day of the week: mon … sun.")
    week: int = Field(default=1, ge=1, description="Week of the plan's horizon; 1 without cycles.")


class Timetable(Strict):
    plan: str = Field(default="", description="The name of the plan it was made for.")
    plan_fingerprint: str | None = Field(
        default=None,
        description="sha256 of the canonical JSON of the plan it was made for (solver.domain.plan_fingerprint); "
                    "validate, why and replan refuse a timetable of another plan. Left out in older files.",
    )
    status: str = Field(default="feasible", description="The solver's status, e.g. OPTIMAL or FEASIBLE.")
    objective: int | None = Field(
        default=None, description="Total cost of the timetable (docs/rules.md, the objective); null: not solved.",
    )
    bound: int | None = Field(
        default=None, description="The solver's lower bound on the cost; equal to objective when optimal.",
    )
    placements: list[LessonPlacement] = Field(default_factory=list, description="Where each copy of each lesson is.")
    unplaced: list[UnplacedLesson] = Field(
        default_factory=list, description="Copies of required lessons left unplaced (policy.allow_unplaced_lessons).",
    )
    rosters: list[RosterAssignment] = Field(default_factory=list, description="The shifts each staff member works.")
    removed_shifts: list[RemovedShift] = Field(
        default_factory=list, description="Shifts of the current roster that were taken out.",
    )
    kpis: dict[str, float | int] = Field(default_factory=dict, description="Key figures by name, for reports.")
    soft_cost: dict[str, int] = Field(default_factory=dict, description="Cost by soft rule name (docs/rules.md).")
    open_vacancies: list[OpenVacancy] = Field(
        default_factory=list, description="Copies of optional lessons left open (unplaced required copies: `unplaced`).",
    )
    hto_teaching: list[HtoTeaching] = Field(default_factory=list, description="Per hto'er: teaching minutes placed.")
    released: list[EmployerRelease] = Field(
        default_factory=list, description="Per employer: person-minutes released for teaching (and travel).",
    )


def load_timetable(path: str | Path) -> Timetable:
    """Read and check a timetable JSON file (PlanError naming the field path if it is wrong)."""
    data = read_json(path, max_number=None)  # objectives and KPIs may be large
    return validated(Timetable, data, str(path))
