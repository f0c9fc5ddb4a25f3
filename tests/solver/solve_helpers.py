"""Helpers for solve tests: a tiny dict-based plan builder and a certified solve.

Every timetable a test produces goes through `solve_and_certify`, which runs the independent
validator (solver/validate.py) and asserts zero hard violations and a recomputed soft cost equal
to the solver's objective.

    plan = tiny_plan(
        periods={"mon": ["08:30-09:20", "09:20-10:10"]},
        lessons=[{"id": "L1", "subject": "wi", "teacher": "T1", "groups": ["A"]}],
        weights=only(student_gaps=20),
    )
    outcome = solve_and_certify(plan)
"""

from __future__ import annotations

import copy as _copy

from solver.domain import Plan, parse_plan
from solver.domain.policy import Weights
from solver.params import SolveParams
from solver.pipeline import PlanOutcome, solve_plan
from solver.validate import validate
from tests.solver.factories import default_pauses

SEED = 7
TIME_LIMIT = 10.0


def only(**weights: int) -> dict:
    """Weights with every soft rule off except the ones given."""
    out = {name: 0 for name in Weights.model_fields}
    out.update(weights)
    return out


def _period_dicts(periods: dict[str, list[str | tuple]]) -> list[dict]:
    """{"mon": ["08:30-09:20", ("10:30-11:20", True)]} -> period dicts; True marks break_before."""
    out = []
    for day, items in periods.items():
        for item in items:
            span, brk = (item, False) if isinstance(item, str) else item
            start, end = span.split("-")
            period = {"day": day, "start": start, "end": end}
            if brk:
                period["break_before"] = True
            out.append(period)
    return out


def lesson(id: str, teacher: str | None = "T1", groups=("A",), subject: str = "wi", **kw) -> dict:
    """A lesson dict: one copy of one period in a classroom, unless kw says otherwise."""
    out = {"id": id, "subject": subject, "groups": list(groups)}
    if teacher is not None:
        out["teacher"] = teacher
    out.update(kw)
    return out


def locked(id: str, day: str, period: int, teacher: str = "T2", groups=("A",), **kw) -> dict:
    """A lesson whose slot is locked at (day, period)."""
    return lesson(id, teacher, groups, lock={"slot": True},
                  current=[{"copy": 0, "day": day, "period": period}], **kw)


def plan_dict(
    *,
    periods: dict[str, list],
    lessons: list[dict] = (),
    teachers: list[str | dict] | None = None,
    groups: list[str | dict] | None = None,
    student_sets: list[str | dict] = (),
    rooms: list[str | dict] | None = None,
    employers: list[dict] = (),
    htos: list[dict] = (),
    marks: list[dict] = (),
    policy: dict | None = None,
    weights: dict | None = None,
    extra_schools: list[dict] = (),
) -> dict:
    """A one-school plan as JSON data.

    Teachers and groups default to the ids the lessons name, rooms to three classrooms R1-R3, and
    weights to all zero (pass `weights=only(...)` to switch soft rules on).
    """
    lessons = [dict(item) for item in lessons]
    if groups is None:
        groups = sorted({g for item in lessons if item.get("school", "S") == "S" for g in item.get("groups", [])})
    if teachers is None:
        ids = {t for item in lessons for t in [item.get("teacher"), *item.get("candidates", [])] if t}
        ids |= {h["teacher"] for h in htos}
        teachers = sorted(ids)
    as_dicts = lambda items: [{"id": i} if isinstance(i, str) else dict(i) for i in items]  # noqa: E731
    data = {
        "name": "tiny",
        "schools": [{
            "id": "S",
            "periods": _period_dicts(periods),
            "student_sets": as_dicts(student_sets),
            "groups": as_dicts(groups),
            "rooms": as_dicts(["R1", "R2", "R3"] if rooms is None else rooms),
        }, *extra_schools],
        "teachers": as_dicts(teachers),
        "lessons": lessons,
        "employers": list(employers),
        "htos": list(htos),
        "unavailable_marks": list(marks),
        "weights": weights if weights is not None else only(),
    }
    if policy:
        data["policy"] = policy
    return data


def tiny_plan(**kw) -> Plan:
    """plan_dict(...) checked through parse_plan."""
    return parse_plan(plan_dict(**kw))


def with_changes(plan: Plan, **sections: dict) -> Plan:
    """The same plan with some policy / weights fields changed, e.g. policy={"max_shift_minutes": 780}."""
    data = _copy.deepcopy(plan.model_dump(mode="json"))
    for section, changes in sections.items():
        data[section].update(changes)
    return parse_plan(data)


# --- the company side ---------------------------------------------------------------------------

def shift(id: str, start: str, end: str, days=("mon", "tue", "wed", "thu", "fri"), **kw) -> dict:
    """A shift dict; a shift of more than 5.5 h gets the pause the Atw asks for unless `pauses` is given."""
    out = {"id": id, "start": start, "end": end, "days": list(days), **kw}
    if end <= start and "crosses_midnight" not in kw:
        out["crosses_midnight"] = True
    out.setdefault("pauses", default_pauses(start, end))
    return out


def staff(id: str, roster=(), skills=("op",), **kw) -> dict:
    return {"id": id, "skills": list(skills), "roster": [{"shift": s, "day": d} for s, d in roster], **kw}


def employer(shifts=(), staff=(), demand=(), id: str = "E") -> dict:
    return {"id": id, "shifts": list(shifts), "staff": list(staff), "demand": list(demand)}


def demand(day: str, start: str, end: str, min_staff: int = 1, skill: str = "op", **kw) -> dict:
    out = {"skill": skill, "day": day, "start": start, "end": end, "min_staff": min_staff, **kw}
    if end <= start and "crosses_midnight" not in kw:
        out["crosses_midnight"] = True
    return out


def hto(teacher: str = "H", staff: str = "H", employer: str = "E", **kw) -> dict:
    return {"id": f"hto-{teacher}", "teacher": teacher, "employer": employer, "staff": staff, **kw}


# --- solving --------------------------------------------------------------------------------------

def solve_and_certify(plan: Plan, *, time_limit: float = TIME_LIMIT, seed: int = SEED,
                      expect: str | None = None, workers: int = 1, hint=None, **kw) -> PlanOutcome:
    """Solve with one worker (unless told) and a fixed seed; certify any timetable found by the validator.

    `expect` checks the status ("OPTIMAL", "INFEASIBLE", ...); `kw` are further SolveParams fields.
    """
    outcome = solve_plan(plan, SolveParams(time_limit=time_limit, workers=workers, seed=seed, **kw), hint=hint)
    result = outcome.result
    assert result.status != "MODEL_INVALID", result.message
    if expect is not None:
        assert result.status == expect, f"status {result.status}, expected {expect}"
    if outcome.timetable is not None:
        report = validate(plan, outcome.timetable)
        hard = [f"{v.rule}: {v.message_en}" for v in report.violations if v.kind == "hard"]
        assert report.hard_violations == 0, "validator found hard violations:\n" + "\n".join(hard)
        assert report.soft_cost == result.objective, (
            f"validator soft cost {report.soft_cost} != solver objective {result.objective}; "
            f"validator {report.breakdown}, model {outcome.timetable.soft_cost}"
        )
        model = {k: v for k, v in outcome.timetable.soft_cost.items() if v}
        checked = {k: v for k, v in report.breakdown.items() if v}
        assert model == checked, f"per-rule cost differs: model {model}, validator {checked}"
    return outcome


def greedy_breaks(plan: Plan, seeds=range(4)) -> set[str]:
    """The hard rules the greedy's timetables break over these seeds (each run that places every lesson)."""
    from solver.compile import compile_plan
    from solver.constructive import construct
    from solver.decode import decode
    from solver.result import Result

    data, broken = compile_plan(plan), set()
    for seed in seeds:
        solution = construct(data, seconds=10.0, seed=seed)
        if solution is not None:
            report = validate(plan, decode(plan, data, Result(status="FEASIBLE", solution=solution)))
            broken |= {v.rule for v in report.violations if v.kind == "hard"}
    return broken


def slot_of(outcome: PlanOutcome, lesson_id: str, copy: int = 0) -> tuple[str, int]:
    """(day, first lesuur) where a lesson copy was placed."""
    placement = next(p for p in outcome.timetable.placements if p.lesson == lesson_id and p.copy == copy)
    return placement.day, placement.period


def placement(outcome: PlanOutcome, lesson_id: str, copy: int = 0):
    return next(p for p in outcome.timetable.placements if p.lesson == lesson_id and p.copy == copy)


def roster(outcome: PlanOutcome, staff_id: str) -> list:
    return [r for r in outcome.timetable.rosters if r.staff == staff_id]
