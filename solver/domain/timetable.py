"""The Timetable: our answer. Lesson placements, each employer's roster with releases, KPIs, soft cost."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from solver.domain.base import CalendarDay, Day, Strict, Window, read_json, validated


class LessonPlacement(Strict):
    lesson: str
    copy: int = 0
    school: str
    day: Day
    period: int = Field(ge=1, description="Lesuur number of the first period.")
    duration: int = Field(default=1, ge=1)
    start: str = ""
    end: str = ""
    room: str | None = None
    teacher: str = Field(default="", description="'' for a lesson without a (main) teacher.")


class UnplacedLesson(Strict):
    lesson: str
    copy: int = 0


class OpenVacancy(Strict):
    """A copy of an optional lesson (a vacancy) left open: its lesson-minutes stay untaught."""

    lesson: str
    copy: int = 0
    school: str
    minutes: int = Field(ge=0, description="The copy's lesson-minutes (docs/rules.md, vacancy_open).")


class HtoTeaching(Strict):
    """An hto'er's teaching minutes placed in the week, beside the release agreement's numbers."""

    hto: str
    teacher: str
    employer: str
    minutes: int = Field(ge=0, description="Teaching minutes of their placements (co-teaching included).")
    min_minutes: int | None = Field(default=None, description="release.min_teaching_minutes")
    target_minutes: int | None = Field(default=None, description="release.target_teaching_minutes")
    max_minutes: int | None = Field(default=None, description="release.max_teaching_minutes_per_week")


class EmployerRelease(Strict):
    """What an employer gives up for teaching: the person-minutes of its rosters' released windows."""

    employer: str
    person_minutes: int = Field(ge=0, description="Sum of the released windows (lessons and travel) of its shifts.")


class RosterAssignment(Strict):
    """One shift a staff member works; `released` are the parts they are away (teaching, travel)."""

    employer: str
    staff: str
    shift: str
    day: CalendarDay
    week: int = Field(default=1, ge=1, description=(
        "Week of the plan's horizon (solver/domain/cycles.py) in which it is worked; 1 without cycles."))
    start: str = ""
    end: str = ""
    released: list[Window] = Field(default_factory=list, description="Parts away, on days of the same week.")
    change: str = Field(default="kept", description="kept | added (vs the current roster)")


class RemovedShift(Strict):
    employer: str
    staff: str
    shift: str
    day: CalendarDay
    week: int = Field(default=1, ge=1, description="Week of the plan's horizon; 1 without cycles.")


class Timetable(Strict):
    plan: str = ""
    plan_fingerprint: str | None = Field(
        default=None,
        description="sha256 of the canonical JSON of the plan it was made for (solver.domain.plan_fingerprint); "
                    "validate, why and replan refuse a timetable of another plan. Left out in older files.",
    )
    status: str = "feasible"
    objective: int | None = None
    bound: int | None = None
    placements: list[LessonPlacement] = Field(default_factory=list)
    unplaced: list[UnplacedLesson] = Field(default_factory=list)
    rosters: list[RosterAssignment] = Field(default_factory=list)
    removed_shifts: list[RemovedShift] = Field(default_factory=list)
    kpis: dict[str, float | int] = Field(default_factory=dict)
    soft_cost: dict[str, int] = Field(default_factory=dict)
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
