"""The preference windows and marks a timetable uses (level "preference": rather not, at a cost).

Who, when, why and what it costs, in the validator's own words (solver/validation/preferences.py):
a block forbids, so a timetable can only use preferences.
"""

from __future__ import annotations

from solver.domain import Plan, Timetable, preference_windows
from solver.validation.context import Context
from solver.validation.preferences import CHECKS
from solver.validation.report import Violation


def has_preferences(plan: Plan) -> bool:
    """Whether the plan has any window or mark of level preference (else the views leave the section out)."""
    return (any(preference_windows(t.unavailable) for t in plan.teachers)
            or any(preference_windows(g.unavailable) for s in plan.schools for g in s.groups)
            or any(not m.hard for m in plan.unavailable_marks))


def preferences_used(plan: Plan, timetable: Timetable) -> list[Violation]:
    """Each use of a preference window or mark, as the validator reports it (its cost in `entities`)."""
    if not has_preferences(plan):
        return []
    ctx = Context(plan, timetable)
    for check in CHECKS.values():
        check(ctx)
    return ctx.violations
