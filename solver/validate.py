"""The independent validator: recompute every rule of docs/rules.md from a Plan and a Timetable.

Plain Python, no CP-SAT: it certifies a solve (0 hard violations, soft cost equal to the solver's
objective) and tells a user, in plain Dutch or English, where every violation and every point of
soft cost comes from. Junk in a timetable (unknown ids, periods that do not exist, duplicate copies)
is reported as a hard violation under the most fitting rule; it never raises.

    report = validate(plan, timetable)
    report.ok, report.hard_violations, report.soft_cost, report.breakdown, report.violations,
    report.warnings (Atw on fixed rosters: not counted), report.not_checked (history rules, per rule the people)
"""

from __future__ import annotations

from solver.domain import Plan, Timetable
from solver.rules import RULES, SOFT_RULES
from solver.validation import atw, atw_history, clashes, company, extra, extra_scoped, placement, soft
from solver.validation.context import Context
from solver.validation.report import ValidationReport, Violation

__all__ = ["CHECKS", "ValidationReport", "Violation", "validate"]

# The validator's registry: every rule of solver/rules.py -> the function that recomputes it.
# Hard rules (each check records its violations on the Context) in the order they run:
HARD_CHECKS = {**placement.CHECKS, **clashes.CHECKS, **company.CHECKS, **atw.CHECKS, **atw_history.CHECKS}
CHECKS = {
    "lesson_placed": placement.check_lesson_placed,  # tier: counts unplaced copies
    "vacancy_open": placement.check_vacancy_open,  # tier: the lesson-minutes of optional lessons left open
    **HARD_CHECKS,
    "staffing_demand": company.check_staffing_demand,  # tier: the person-minutes short
    **soft.CHECKS,  # soft: units of cost
    **extra.CHECKS, **extra_scoped.CHECKS,  # Plan.constraints, by type (run by extra.check_extras)
}


def validate(plan: Plan, timetable: Timetable) -> ValidationReport:
    """Check the timetable against every rule; return hard violations and the recomputed objective."""
    ctx = Context(plan, timetable)
    unplaced = placement.check_lesson_placed(ctx)
    vacancy = placement.check_vacancy_open(ctx)
    for check in HARD_CHECKS.values():
        check(ctx)
    short = company.check_staffing_demand(ctx)

    breakdown: dict[str, int] = {}
    for name in SOFT_RULES:
        units = soft.CHECKS[name](ctx)
        breakdown[name] = getattr(plan.weights, name) * units
    if plan.policy.allow_unplaced_lessons:
        breakdown["lesson_placed"] = plan.policy.unplaced_lesson_penalty * unplaced
    if plan.policy.allow_output_loss:
        breakdown["staffing_demand"] = plan.policy.output_loss_penalty_per_person_minute * short
    if any(lesson.optional for lesson in plan.lessons):
        breakdown["vacancy_open"] = plan.policy.vacancy_penalty_per_minute * vacancy
    breakdown.update(extra.check_extras(ctx))  # Plan.constraints, soft cost per type

    violations = sorted(ctx.violations, key=lambda v: (v.kind != "hard", _ORDER.get(v.rule, 99)))
    return ValidationReport(
        hard_violations=sum(1 for v in violations if v.kind == "hard"),
        soft_cost=sum(breakdown.values()),
        breakdown=breakdown,
        violations=violations,
        warnings=sorted(atw_history.fixed_roster_warnings(ctx), key=lambda v: _ORDER.get(v.rule, 99)),
        not_checked=atw_history.not_checked(ctx),
    )


_ORDER = {name: k for k, name in enumerate(RULES)}
