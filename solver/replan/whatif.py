"""What-if for planners: one typed change to a plan, and what it does to the current timetable.

    change = parse_change({"type": "unavailable_mark", "staff": "jan", "day": "tue",
                           "start": "08:00", "end": "12:00", "reason": "audit"})
    new_plan = apply_change(plan, change)            # a new Plan; PlanError names the field path
    answer = what_if(plan, current, change, SolveParams(time_limit=10))
    answer.still_holds, answer.diff, answer.timetable

The change types (discriminated by `type`):

* `unavailable_mark`: an SME planner marks a window in which a staff member cannot leave the company
  (or, with `level: preference` and a `weight`, would rather they did not);
* `teacher_unavailable`: a teacher cannot teach in a window (or, as a preference, would rather not);
* `add_lesson`: a new lesson (a full `Lesson`);
* `remove_room`: a room is no longer there (also taken out of lessons' and constraints' room lists);
* `add_hto`: a new hto'er: the `Hto`, its `Teacher`, optionally the new `Staff` member of the employer,
  and optionally the lessons they take over (`takes_over`: they become the lessons' fixed teacher).

Errors name the field path in the change (`lesson.groups[0]: unknown group '9z'`), like the plan loader.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from solver.domain import Hto, Lesson, Plan, PlanError, PlanIssue, Staff, Teacher, Timetable, parse_plan
from solver.domain.base import HHMM, Availability, Day, Strict, format_loc
from solver.params import SolveParams
from solver.replan.minimal import REPLAN_PARAMS, ReplanOutcome, replan
from solver.timeline import parse_hhmm


class _TimeWindow(Strict):
    day: Day
    start: HHMM
    end: HHMM

    @model_validator(mode="after")
    def _start_before_end(self):
        if parse_hhmm(self.end) <= parse_hhmm(self.start):
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class UnavailableMarkChange(Availability, _TimeWindow):
    """The SME planner marks a window in which `staff` cannot leave the company (hard), or with `level:
    preference` would rather keep them (at `weight` per lesson away)."""

    type: Literal["unavailable_mark"] = Field(description="The kind of change: \"unavailable_mark\".")
    staff: str = Field(description="Staff id of the person who cannot leave the company.")
    reason: str = Field(default="", description="Why, for the reports (e.g. 'audit').")


class TeacherUnavailableChange(Availability, _TimeWindow):
    """A teacher cannot teach in this window (hard), or with `level: preference` would rather not."""

    type: Literal["teacher_unavailable"] = Field(description="The kind of change: \"teacher_unavailable\".")
    teacher: str = Field(description="Teacher id of the teacher who cannot teach then.")
    reason: str = Field(default="", description="Why, for the reports (e.g. 'cursus').")


class AddLessonChange(Strict):
    """A new lesson; it has no place in the current timetable yet."""

    type: Literal["add_lesson"] = Field(description="The kind of change: \"add_lesson\".")
    lesson: Lesson = Field(description="The new lesson, written as in the plan's `lessons`.")


class RemoveRoomChange(Strict):
    """A room is gone; `school` may be left out when the room id is used at one school only."""

    type: Literal["remove_room"] = Field(description="The kind of change: \"remove_room\".")
    room: str = Field(description="Id of the room that is gone.")
    school: str | None = Field(
        default=None, description="School id of the room; may be left out when the id is used at one school only.",
    )


class AddHtoChange(Strict):
    """A new hto'er: teacher at school and staff member at an employer."""

    type: Literal["add_hto"] = Field(description="The kind of change: \"add_hto\".")
    hto: Hto = Field(description="The new hto'er, written as in the plan's `htos`.")
    teacher: Teacher = Field(description="Their teacher entry, written as in the plan's `teachers`.")
    staff: Staff | None = Field(default=None, description="The new staff member, if not yet in the employer's staff.")
    takes_over: list[str] = Field(default_factory=list, description="Lessons the hto'er becomes the fixed teacher of.")


Change = Annotated[
    Union[UnavailableMarkChange, TeacherUnavailableChange, AddLessonChange, RemoveRoomChange, AddHtoChange],
    Field(discriminator="type"),
]
CHANGE_TYPES = ("unavailable_mark", "teacher_unavailable", "add_lesson", "remove_room", "add_hto")
_ADAPTER: TypeAdapter = TypeAdapter(Change)


def change_json_schema() -> dict:
    """The JSON Schema of a change file for `replan --change` (`hybrooster schema --change`)."""
    return {"title": "Change", "description": (
        "One change to a plan for `hybrooster replan --change`, picked by `type`: " + ", ".join(CHANGE_TYPES)
        + ". Days are mon … sun, times HH:MM; ids are those of the plan."), **_ADAPTER.json_schema()}


# --- reading a change ----------------------------------------------------------------------------

def parse_change(data: object, source: str | None = None) -> Change:
    """Check a change given as JSON data; raise PlanError naming every field path that is wrong."""
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as error:
        tag = data.get("type") if isinstance(data, dict) else None
        issues = []
        for e in error.errors():
            loc = tuple(e["loc"])
            if loc and loc[0] == tag:
                loc = loc[1:]  # pydantic puts the union's tag first
            message = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbidden":
                message = "unknown field (check the spelling)"
            elif e["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc = ("type",)
                message = f"must be one of: {', '.join(CHANGE_TYPES)}"
            issues.append(PlanIssue(path=format_loc(loc), message=message))
        raise PlanError(issues, source) from None


def load_change(path: str | Path) -> Change:
    """Read and check a change JSON file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PlanError([PlanIssue(path="", message=f"cannot read the file: {error.strerror}")], str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise PlanError([PlanIssue(path="", message=message)], str(path)) from None
    return parse_change(data, str(path))


# --- applying a change ---------------------------------------------------------------------------

def apply_change(plan: Plan, change: Change) -> Plan:
    """A new plan with the change made; the given plan is left as it is.

    Raises PlanError naming the change's field path (e.g. `lesson.groups[0]`) when the change does not
    fit the plan (an unknown teacher, staff member, room, group, ...).
    """
    data = plan.model_dump(mode="json")
    issues: list[PlanIssue] = []
    rename: dict[str, str] = {}  # plan path prefix -> change path prefix, for the plan loader's issues
    kind = change.type
    if kind == "unavailable_mark":
        staff_ids = {p["id"] for e in data["employers"] for p in e["staff"]}
        if change.staff not in staff_ids:
            issues.append(PlanIssue(path="staff", message=f"unknown staff member '{change.staff}'"))
        rename[f"unavailable_marks[{len(data['unavailable_marks'])}]"] = ""
        data["unavailable_marks"].append(change.model_dump(mode="json", exclude={"type"}))
    elif kind == "teacher_unavailable":
        teacher = next((t for t in data["teachers"] if t["id"] == change.teacher), None)
        if teacher is None:
            issues.append(PlanIssue(path="teacher", message=f"unknown teacher '{change.teacher}'"))
        else:
            teacher["unavailable"].append(change.model_dump(mode="json", exclude={"type", "teacher"}))
    elif kind == "add_lesson":
        rename[f"lessons[{len(data['lessons'])}]"] = "lesson"
        data["lessons"].append(change.lesson.model_dump(mode="json", exclude_unset=True))
    elif kind == "remove_room":
        issues += _remove_room(data, change)
    elif kind == "add_hto":
        issues += _add_hto(data, change, rename)
    if issues:
        raise PlanError(issues, f"change {kind}")
    try:
        return parse_plan(data)
    except PlanError as error:
        raise PlanError([_renamed(issue, rename) for issue in error.issues], f"change {kind}") from None


def _renamed(issue: PlanIssue, rename: dict[str, str]) -> PlanIssue:
    for old, new in rename.items():
        if issue.path == old or issue.path.startswith((old + ".", old + "[")):
            rest = issue.path[len(old):].lstrip(".")
            path = f"{new}.{rest}" if new and rest and not rest.startswith("[") else f"{new}{rest}"
            return PlanIssue(path=path, message=issue.message)
    return PlanIssue(path=f"(plan) {issue.path}", message=issue.message)


def _remove_room(data: dict, change: RemoveRoomChange) -> list[PlanIssue]:
    schools = [s for s in data["schools"] if any(r["id"] == change.room for r in s["rooms"])]
    if change.school is not None:
        if not any(s["id"] == change.school for s in data["schools"]):
            return [PlanIssue(path="school", message=f"unknown school '{change.school}'")]
        schools = [s for s in schools if s["id"] == change.school]
    if not schools:
        where = f" at school '{change.school}'" if change.school else ""
        return [PlanIssue(path="room", message=f"unknown room '{change.room}'{where}")]
    if len(schools) > 1:
        return [PlanIssue(path="school", message=f"room '{change.room}' is at several schools: say which one")]
    school = schools[0]
    school["rooms"] = [r for r in school["rooms"] if r["id"] != change.room]
    first = data["schools"][0]["id"]
    at_school = {lesson["id"] for lesson in data["lessons"] if (lesson.get("school") or first) == school["id"]}
    issues = []
    for lesson in data["lessons"]:
        if lesson["id"] not in at_school:
            continue
        if lesson.get("rooms") is not None:
            lesson["rooms"] = [r for r in lesson["rooms"] if r != change.room]
        for placement in lesson.get("current", []):
            if placement.get("room") == change.room:
                if lesson.get("lock", {}).get("room"):
                    issues.append(PlanIssue(
                        path="room", message=f"lesson '{lesson['id']}' is locked to this room: unlock it first"))
                placement["room"] = None
    for ci, constraint in enumerate(data.get("constraints", [])):
        if change.room in constraint.get("rooms", []) and constraint["lessons"][0] in at_school:
            constraint["rooms"] = [r for r in constraint["rooms"] if r != change.room]
            if not constraint["rooms"]:
                issues.append(PlanIssue(
                    path="room", message=f"constraints[{ci}] ({constraint['type']}) names only this room: "
                                         "change that constraint first"))
    return issues


def _add_hto(data: dict, change: AddHtoChange, rename: dict[str, str]) -> list[PlanIssue]:
    issues = []
    if change.hto.teacher != change.teacher.id:
        issues.append(PlanIssue(path="hto.teacher", message=f"must be the new teacher's id '{change.teacher.id}'"))
    rename[f"teachers[{len(data['teachers'])}]"] = "teacher"
    data["teachers"].append(change.teacher.model_dump(mode="json", exclude_unset=True))
    rename[f"htos[{len(data['htos'])}]"] = "hto"
    data["htos"].append(change.hto.model_dump(mode="json", exclude_unset=True))
    employer = next((e for e in data["employers"] if e["id"] == change.hto.employer), None)
    if employer is None:
        issues.append(PlanIssue(path="hto.employer", message=f"unknown employer '{change.hto.employer}'"))
    elif change.staff is not None:
        if change.staff.id != change.hto.staff:
            issues.append(PlanIssue(path="staff.id", message=f"must be the hto's staff id '{change.hto.staff}'"))
        e = data["employers"].index(employer)
        rename[f"employers[{e}].staff[{len(employer['staff'])}]"] = "staff"
        employer["staff"].append(change.staff.model_dump(mode="json", exclude_unset=True))
    lessons = {lesson["id"]: lesson for lesson in data["lessons"]}
    for k, lesson_id in enumerate(change.takes_over):
        lesson = lessons.get(lesson_id)
        if lesson is None:
            issues.append(PlanIssue(path=f"takes_over[{k}]", message=f"unknown lesson '{lesson_id}'"))
            continue
        if lesson.get("lock", {}).get("teacher"):
            issues.append(PlanIssue(path=f"takes_over[{k}]",
                                    message=f"lesson '{lesson_id}' has its teacher locked: unlock it first"))
            continue
        lesson["teacher"], lesson["candidates"], lesson["teacherless"] = change.teacher.id, [], False
        if change.teacher.id in lesson.get("co_teachers", []):
            lesson["co_teachers"].remove(change.teacher.id)
    return issues


# --- what if -------------------------------------------------------------------------------------

@dataclass
class WhatIf:
    """The changed plan and what re-planning against the current timetable gave."""

    plan: Plan
    change: Change
    replan: ReplanOutcome

    @property
    def still_holds(self) -> bool:
        return self.replan.still_holds


def what_if(plan: Plan, current: Timetable, change: Change | dict, params: SolveParams = REPLAN_PARAMS, *,
            polish_seconds: float = 0.0) -> WhatIf:
    """Make the change; does the current timetable still hold? If not, the minimal-change re-plan."""
    if isinstance(change, dict):
        change = parse_change(change)
    changed = apply_change(plan, change)
    outcome = replan(changed, current, params, polish_seconds=polish_seconds)
    return WhatIf(plan=changed, change=change, replan=outcome)

