"""The Plan: everything one planning run knows. Loading checks every reference and names the field path."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import Field

from solver.domain.base import (
    MAX_DEPTH, MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_NUMBER, MAX_PERIODS, PlanError, PlanIssue, Strict,
    read_json, validated,
)
from solver.domain.constraint_checks import check_co_teachers, check_constraints
from solver.domain.constraints import Constraint
from solver.domain.cycles import check_cycles
from solver.domain.employer import Employer
from solver.domain.hto import Hto, UnavailableMark
from solver.domain.policy import Policy, Weights
from solver.domain.school import Lesson, School, Teacher
from solver.domain.teaching_checks import check_extra_rooms, check_preferred_teachers, check_release_teaching
from solver.timeline import parse_hhmm


class PlanSource(Strict):
    """Where an imported plan came from, so that later commands can go back to it (issue 26: `export xhstt`
    and the XHSTT costs in `validate` read the instance again)."""

    format: Literal["xhstt"] = Field(description="The file format: 'xhstt' (an XHSTT-2014 archive).")
    file: str = Field(description="The file it was imported from, as an absolute path when it was imported; "
                                  "if it is not there, a file of that name beside the plan is used.")
    instance: str = Field(description="The id of the instance in that file.")


class Plan(Strict):
    __doc__ = (
        "Everything one planning run knows: schools, teachers, lessons, employers, hto'ers, marks, "
        f"constraints, policy and weights. Limits (docs/limits.md): a file of at most {MAX_FILE_BYTES // 2**20} "
        f"MiB, UTF-8; objects and lists nested at most {MAX_DEPTH} deep; at most {MAX_LIST_ITEMS:,} items in "
        f"any list; numbers at most {MAX_NUMBER:,}; at most {MAX_PERIODS:,} lesuren per school, and a lesson's "
        "count at most its school's lesuren; the model's size (lesson options) at most `--max-options`."
    )

    name: str = Field(default="plan", description="The plan's name, shown in reports and views.")
    schools: list[School] = Field(
        min_length=1, description="One school or more, each with its periods, groups and rooms.",
    )
    teachers: list[Teacher] = Field(default_factory=list, description="All teachers, hto'ers included.")
    lessons: list[Lesson] = Field(default_factory=list, description="The lessons to place.")
    employers: list[Employer] = Field(default_factory=list, description="Companies with shifts, demand and staff.")
    htos: list[Hto] = Field(
        default_factory=list, description="Hto'ers: teacher at school and staff member at an employer.",
    )
    unavailable_marks: list[UnavailableMark] = Field(
        default_factory=list,
        description="Windows an SME planner marks in which a staff member cannot (or should not) leave the company.",
    )
    constraints: list[Constraint] = Field(
        default_factory=list, description="Extra constraints (FET breadth); see docs/rules.md."
    )
    policy: Policy = Field(
        default_factory=Policy,
        description="Law and agreement numbers (Atw rests, release, penalties); the defaults follow docs/rules.md.",
    )
    weights: Weights = Field(default_factory=Weights, description="Costs of the soft rules.")
    source: PlanSource | None = Field(
        default=None, description="Where the plan was imported from (`hybrooster import xhstt`); null: made here.",
    )

    def lesson_school(self, lesson: Lesson) -> School:
        """The school a lesson belongs to (a plan with one school may leave it out)."""
        if lesson.school is None:
            return self.schools[0]
        return next(s for s in self.schools if s.id == lesson.school)

    def hto_of_teacher(self, teacher_id: str) -> Hto | None:
        return next((h for h in self.htos if h.teacher == teacher_id), None)

    def teacher_subjects(self) -> dict[str, list[str]]:
        """Per teacher id the subjects they may teach (an hto'er's own list first); empty: any."""
        own: dict[str, list[str]] = {}
        for h in self.htos:  # the first hto'er of a teacher counts, as in hto_of_teacher
            own.setdefault(h.teacher, h.subjects)
        return {t.id: own.get(t.id) or t.subjects for t in self.teachers}

    def qualified_teachers(self, lesson: Lesson, subjects: dict[str, list[str]] | None = None) -> list[str]:
        """The teachers who may teach this lesson: the fixed one, or the candidates who know the subject.
        `subjects`: teacher_subjects(), made once by callers that ask for every lesson."""
        pool = [lesson.teacher] if lesson.teacher else list(lesson.candidates)
        subjects = self.teacher_subjects() if subjects is None else subjects
        return [t for t in pool if not subjects[t] or lesson.subject in subjects[t]]


def parse_plan(data: object, source: str | None = None) -> Plan:
    """Check a plan given as JSON data; raise PlanError naming every field path that is wrong."""
    return validated(Plan, data, source, check_references)


def load_plan(path: str | Path) -> Plan:
    """Read and check a plan JSON file, and that no lesson is given more often than its school has
    lesuren (check_counts)."""
    plan = parse_plan(read_json(path), str(path))
    issues = check_counts(plan)
    if issues:
        raise PlanError(issues, str(path))
    return plan


def check_counts(plan: Plan) -> list[PlanIssue]:
    """A lesson's `count` is at most the number of lesuren of its school's cycle. A file that says more is
    a mistake (issue 20: `"count": 10**30` grew past 2 GB), so load_plan refuses it with the field path;
    parse_plan leaves it to the solver, which proves such a plan infeasible (tests build such plans)."""
    issues = []
    for li, lesson in enumerate(plan.lessons):
        school = plan.lesson_school(lesson)  # references are checked by parse_plan
        if lesson.count > len(school.periods):
            issues.append(PlanIssue(path=f"lessons[{li}].count", message=(
                f"{lesson.count} times a week, but school '{school.id}' has only {len(school.periods)} lesuren "
                "in its cycle")))
    return issues


def plan_fingerprint(plan: Plan) -> str:
    """sha256 of the plan's canonical JSON (every field that differs from its default, keys sorted): the
    same plan gives the same fingerprint however its file is laid out, and whether it spells a default
    out or not; any change to it gives another. Fields at their defaults are left out so that a new
    version of Hybrooster, which adds fields with defaults, keeps the fingerprints of existing plans."""
    data = plan.model_dump(mode="json", exclude_defaults=True)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _duplicates(ids: list[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def check_references(plan: Plan) -> list[PlanIssue]:
    """Every id a plan refers to must exist, and every id must be unique where it has to be."""
    issues: list[PlanIssue] = []

    def add(path: str, message: str) -> None:
        issues.append(PlanIssue(path=path, message=message))

    def unique(items: list, path: str) -> None:
        dup = _duplicates([item.id for item in items])
        for index, item in enumerate(items):
            if item.id in dup:
                add(f"{path}[{index}].id", f"id '{item.id}' is used more than once")

    unique(plan.schools, "schools")
    unique(plan.teachers, "teachers")
    unique(plan.lessons, "lessons")
    unique(plan.employers, "employers")
    unique(plan.htos, "htos")

    schools = {s.id: s for s in plan.schools}
    teachers = {t.id for t in plan.teachers}
    for si, school in enumerate(plan.schools):
        unique(school.student_sets, f"schools[{si}].student_sets")
        unique(school.groups, f"schools[{si}].groups")
        unique(school.rooms, f"schools[{si}].rooms")
        _check_periods(school, f"schools[{si}]", add)
        sets = {s.id for s in school.student_sets}
        for gi, group in enumerate(school.groups):
            for k, set_id in enumerate(group.student_sets):
                if set_id not in sets:
                    add(f"schools[{si}].groups[{gi}].student_sets[{k}]", f"unknown student set '{set_id}'")

    known = _SchoolIds(plan)
    for li, lesson in enumerate(plan.lessons):
        _check_lesson(plan, lesson, f"lessons[{li}]", schools, teachers, add, known)

    staff_ids: dict[str, str] = {}
    for ei, employer in enumerate(plan.employers):
        unique(employer.shifts, f"employers[{ei}].shifts")
        _check_pauses(plan, employer, f"employers[{ei}]", add)
        shifts = {s.id: s for s in employer.shifts}
        for pi, person in enumerate(employer.staff):
            path = f"employers[{ei}].staff[{pi}]"
            if person.id in staff_ids:
                add(f"{path}.id", f"staff id '{person.id}' is already used at employer '{staff_ids[person.id]}'")
            staff_ids[person.id] = employer.id
            seen = set()
            for ri, item in enumerate(person.roster):
                if item.shift not in shifts:
                    add(f"{path}.roster[{ri}].shift", f"unknown shift '{item.shift}' at employer '{employer.id}'")
                elif item.day not in shifts[item.shift].days:
                    add(f"{path}.roster[{ri}].day", f"shift '{item.shift}' does not run on {item.day}")
                if (item.shift, item.day, item.week) in seen:
                    add(f"{path}.roster[{ri}]", f"shift '{item.shift}' on {item.day}"
                                                f"{f' of week {item.week}' if item.week > 1 else ''} is listed twice")
                seen.add((item.shift, item.day, item.week))

    employers = {e.id: e for e in plan.employers}
    seen_teachers: set[str] = set()
    for hi, hto in enumerate(plan.htos):
        path = f"htos[{hi}]"
        if hto.teacher not in teachers:
            add(f"{path}.teacher", f"unknown teacher '{hto.teacher}'")
        elif hto.teacher in seen_teachers:
            add(f"{path}.teacher", f"teacher '{hto.teacher}' is already another hto'er")
        seen_teachers.add(hto.teacher)
        if hto.employer not in employers:
            add(f"{path}.employer", f"unknown employer '{hto.employer}'")
        elif hto.staff not in {p.id for p in employers[hto.employer].staff}:
            add(f"{path}.staff", f"unknown staff member '{hto.staff}' at employer '{hto.employer}'")
        for school_id, minutes in hto.travel_minutes.items():
            if school_id not in schools:
                add(f"{path}.travel_minutes.{school_id}", f"unknown school '{school_id}'")
            if minutes < 0:
                add(f"{path}.travel_minutes.{school_id}", "travel minutes may not be negative")

    check_cycles(plan, add)
    check_constraints(plan, add)
    check_release_teaching(plan, add)

    for mi, mark in enumerate(plan.unavailable_marks):
        if mark.staff not in staff_ids:
            add(f"unavailable_marks[{mi}].staff", f"unknown staff member '{mark.staff}'")

    if parse_hhmm(plan.policy.night_window_end) <= parse_hhmm(plan.policy.night_window_start):
        add("policy.night_window_end", "the night window must end after it starts")
    return issues


def _check_pauses(plan: Plan, employer, path: str, add) -> None:
    """A declared pause is at least policy.break_min_block_minutes long (Atw: a pauze is >= 15 min)."""
    block = plan.policy.break_min_block_minutes
    for si, shift in enumerate(employer.shifts):
        for k, pause in enumerate(shift.pauses):
            minutes = (parse_hhmm(pause.end) - parse_hhmm(pause.start)) % 1440
            if minutes < block:
                add(f"{path}.shifts[{si}].pauses[{k}]",
                    f"the pause {pause.start}-{pause.end} lasts {minutes} minutes; a pause is at least "
                    f"{block} (policy.break_min_block_minutes)")


def _check_periods(school: School, path: str, add) -> None:
    by_day: dict[str, list[tuple[int, int, int]]] = {}
    for pi, period in enumerate(school.periods):
        by_day.setdefault(period.day, []).append((parse_hhmm(period.start), parse_hhmm(period.end), pi))
    for day_periods in by_day.values():
        day_periods.sort()
        for (s1, e1, i1), (s2, e2, i2) in zip(day_periods, day_periods[1:]):
            if s2 < e1:
                first = school.periods[i1]
                add(
                    f"{path}.periods[{i2}]",
                    f"overlaps periods[{i1}] ({first.day} {first.start}-{first.end})",
                )


class _SchoolIds:
    """The teachers' subjects, and per school its group and room ids and lesuren per day: made once
    for all lessons."""

    def __init__(self, plan: Plan):
        self.subjects = plan.teacher_subjects()
        # keyed by the school object: ids may repeat in a plan that is being checked
        self.groups = {id(s): {g.id for g in s.groups} for s in plan.schools}
        self.rooms = {id(s): {r.id for r in s.rooms} for s in plan.schools}
        self.per_day = {id(s): Counter(p.day for p in s.periods) for s in plan.schools}


def _check_lesson(plan: Plan, lesson: Lesson, path: str, schools: dict, teachers: set, add, known: _SchoolIds) -> None:
    if lesson.school is None:
        if len(plan.schools) > 1:
            add(f"{path}.school", "the plan has several schools: say which one this lesson is at")
            return
        school = plan.schools[0]
    elif lesson.school not in schools:
        add(f"{path}.school", f"unknown school '{lesson.school}'")
        return
    else:
        school = schools[lesson.school]
    groups, rooms, per_day = known.groups[id(school)], known.rooms[id(school)], known.per_day[id(school)]
    for k, group_id in enumerate(lesson.groups):
        if group_id not in groups:
            add(f"{path}.groups[{k}]", f"unknown group '{group_id}'")
    for k, room_id in enumerate(lesson.rooms or []):
        if room_id not in rooms:
            add(f"{path}.rooms[{k}]", f"unknown room '{room_id}'")
    check_extra_rooms(lesson, path, rooms, add)
    if lesson.teacher is not None and lesson.teacher not in teachers:
        add(f"{path}.teacher", f"unknown teacher '{lesson.teacher}'")
    for k, teacher_id in enumerate(lesson.candidates):
        if teacher_id not in teachers:
            add(f"{path}.candidates[{k}]", f"unknown teacher '{teacher_id}'")
    check_co_teachers(plan, lesson, path, teachers, add)
    check_preferred_teachers(lesson, path, add)
    if lesson.teacher is None and not lesson.candidates:
        if not lesson.teacherless and not lesson.co_teachers:
            add(f"{path}", "has no teacher and no candidates (set teacherless: true for a lesson without one)")
    elif all(t in teachers for t in ([lesson.teacher] if lesson.teacher else lesson.candidates)):
        if not plan.qualified_teachers(lesson, known.subjects):
            add(f"{path}.subject", f"no teacher of this lesson may teach subject '{lesson.subject}'")
    if lesson.duration > max(per_day.values(), default=0):
        add(f"{path}.duration", f"{lesson.duration} periods is longer than any school day")
    copies = set()
    for k, placement in enumerate(lesson.current):
        where = f"{path}.current[{k}]"
        if placement.copy >= lesson.count:
            add(f"{where}.copy", f"copy {placement.copy} does not exist (count is {lesson.count})")
        if placement.copy in copies:
            add(f"{where}.copy", f"copy {placement.copy} is placed twice")
        copies.add(placement.copy)
        if placement.period + lesson.duration - 1 > per_day.get(placement.day, 0):
            add(f"{where}.period", f"{placement.day} has no lesuur {placement.period}-{placement.period + lesson.duration - 1}")
        if placement.room is not None and placement.room not in rooms:
            add(f"{where}.room", f"unknown room '{placement.room}'")
        if placement.teacher is not None and placement.teacher not in teachers:
            add(f"{where}.teacher", f"unknown teacher '{placement.teacher}'")
    locks = lesson.lock
    if locks.slot or locks.room or locks.teacher:
        for copy in range(lesson.count):
            if copy not in copies:
                add(f"{path}.lock", f"copy {copy} is locked but has no current placement")
        for k, placement in enumerate(lesson.current):
            if locks.room and placement.room is None and lesson.room_kind is not None:
                add(f"{path}.current[{k}].room", "the room is locked but no room is given")
            if locks.teacher and placement.teacher is None:
                add(f"{path}.current[{k}].teacher", "the teacher is locked but no teacher is given")
