"""Builders for plans with cycles (issue 21): rotating rosters, roster entries per horizon week.

`make_cycle_plan` is tests.solver.factories.make_plan checked by the plan's reference checks, except for
the interim refusal of rotations with hto'ers (solver/domain/plan.py `_check_cycle_with_htos`), which
stays until the model plans them: the validator and the views judge such plans already.
"""

from __future__ import annotations

from collections.abc import Sequence
from unittest.mock import patch

from solver.domain import Plan, PlanError
from solver.domain.plan import check_references
from tests.solver import factories

# what _check_cycle_with_htos says (the interim refusals); every other issue of a plan still fails
_INTERIM = ("rotating rosters are read and checked, but this version plans one week only",
            "hto'ers can only be planned with schools of one week")


def _parse_without_interim_refusal(data: object) -> Plan:
    plan = Plan.model_validate(data)
    issues = [i for i in check_references(plan) if not any(text in i.message for text in _INTERIM)]
    if issues:
        raise PlanError(issues)
    return plan


def make_cycle_plan(**kwargs) -> Plan:
    """factories.make_plan (same arguments) for a plan with rotations or A/B weeks and hto'ers."""
    with patch.object(factories, "parse_plan", _parse_without_interim_refusal):
        return factories.make_plan(**kwargs)


def rotating_staff(id: str, roster: Sequence[tuple[str, str, int]], skills: Sequence[str] = ("operator",),
                   **kwargs) -> dict:
    """A staff dict whose roster is (shift id, day, week of the cycle) items."""
    return {"id": id, "skills": list(skills),
            "roster": [{"shift": s, "day": d, "week": w} for s, d, w in roster], **kwargs}


def work_in(staff: str, shift: str, day: str, week: int, *, employer: str = "E",
            released: Sequence[tuple[str, str, str]] = ()) -> dict:
    """A roster entry dict of horizon week `week`; released is a list of (day, start, end)."""
    return {**factories.work(staff, shift, day, employer=employer, released=released), "week": week}


def weeks_rosters(plan: Plan, weeks: int) -> list[dict]:
    """Roster entries equal to every staff member's current roster in each of horizon weeks 1 .. weeks
    (no dates: week h of the horizon is week (h - 1) mod N + 1 of a cycle of N weeks)."""
    out = []
    for employer in plan.employers:
        for person in employer.staff:
            cycle = person.cycle or employer.cycle
            for h in range(1, weeks + 1):
                k = (h - 1) % cycle.weeks + 1
                out += [work_in(person.id, item.shift, item.day, h, employer=employer.id)
                        for item in person.roster if item.week == k]
    return out
