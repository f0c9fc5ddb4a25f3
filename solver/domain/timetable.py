"""The Timetable: our answer. Lesson placements, each employer's roster with releases, KPIs, soft cost."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from solver.domain.base import CalendarDay, Day, PlanError, PlanIssue, Strict, Window, format_loc, read_json


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


class RosterAssignment(Strict):
    """One shift a staff member works; `released` are the parts they are away (teaching, travel)."""

    employer: str
    staff: str
    shift: str
    day: CalendarDay
    start: str = ""
    end: str = ""
    released: list[Window] = Field(default_factory=list)
    change: str = Field(default="kept", description="kept | added (vs the current roster)")


class RemovedShift(Strict):
    employer: str
    staff: str
    shift: str
    day: CalendarDay


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


def load_timetable(path: str | Path) -> Timetable:
    """Read and check a timetable JSON file (PlanError naming the field path if it is wrong)."""
    data = read_json(path, max_number=None)  # objectives and KPIs may be large
    try:
        return Timetable.model_validate(data)
    except ValidationError as error:
        issues = [PlanIssue(path=format_loc(e["loc"]), message=_message(e)) for e in error.errors()]
        raise PlanError(issues, str(path)) from None


def _message(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field (check the spelling)"
    return error["msg"].removeprefix("Value error, ")
