"""The soft cost by rule, in the independent validator's numbers (solver.validate), with the arithmetic shown.

Each rule's cost is count x weight: a soft rule's weight is `plan.weights.<rule>`, a tier rule's its penalty
in the policy (unplaced lesson, person-minute of output loss, open lesson-minute), and an extra constraint of
`Plan.constraints` costs its own `weight` per unit (one term per constraint). The counts are the validator's
(its breakdown divided by the weight, its violations per constraint), so the total is the validator's soft
cost, which a certified timetable has as its objective.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.domain import Plan, Timetable
from solver.rules import RULES, rule_text
from solver.validate import validate
from solver.validation.report import ValidationReport

# tier rules softened by the policy: the policy field that is their weight
_TIER_WEIGHTS = {"lesson_placed": "unplaced_lesson_penalty",
                 "staffing_demand": "output_loss_penalty_per_person_minute",
                 "vacancy_open": "vacancy_penalty_per_minute"}


@dataclass(frozen=True)
class CostLine:
    rule: str
    nl: str
    en: str
    unit: str
    terms: tuple[tuple[int, int], ...]  # (count, weight) per term; one term unless several constraints of a type
    cost: int  # the validator's breakdown for the rule

    @property
    def count(self) -> int:
        return sum(count for count, _ in self.terms)

    @property
    def arithmetic(self) -> str:
        """'3 × 10 = 30', or '2 × 5 + 1 × 8 = 18' for extra constraints of one type with other weights."""
        return f"{' + '.join(f'{c} × {w}' for c, w in self.terms)} = {self.cost}"


@dataclass(frozen=True)
class CostSummary:
    lines: list[CostLine]  # the rules with a cost, in the order of the rule catalogue
    total: int  # the validator's soft cost
    objective: int | None  # the timetable's reported objective

    @property
    def arithmetic(self) -> str:
        """'30 + 10 = 40' over the rules with a cost; '0' without any."""
        if not self.lines:
            return f"0 = {self.total}" if self.total else "0"
        return f"{' + '.join(str(line.cost) for line in self.lines)} = {self.total}"

    @property
    def matches_objective(self) -> bool | None:
        return None if self.objective is None else self.objective == self.total


def _terms(plan: Plan, report: ValidationReport, rule: str, cost: int) -> tuple[tuple[int, int], ...]:
    """(count, weight) terms whose sum is the validator's cost of the rule."""
    if rule in _TIER_WEIGHTS or rule in type(plan.weights).model_fields:
        weight = getattr(plan.policy, _TIER_WEIGHTS[rule]) if rule in _TIER_WEIGHTS else getattr(plan.weights, rule)
        return ((cost // weight if weight else 0, weight),)
    terms = []  # an extra constraint type: per constraint its weight and the units of its soft violations
    for index, constraint in enumerate(plan.constraints):
        if constraint.type != rule or not constraint.weight:
            continue
        units = sum(v.amount for v in report.violations
                    if v.rule == rule and v.kind == "soft" and v.entities.get("constraint") == index)
        if units:
            terms.append((units, constraint.weight))
    if sum(c * w for c, w in terms) != cost:  # not expected; the cost as one term keeps the page true
        return ((cost, 1),)
    return tuple(terms)


def cost_summary(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> CostSummary:
    """The soft cost by rule with its count and weight (`report`: the validation, made if not given)."""
    report = report if report is not None else validate(plan, timetable)
    order = {name: k for k, name in enumerate(RULES)}
    lines = []
    for rule in sorted(report.breakdown, key=lambda n: (order.get(n, len(order)), n)):
        cost = report.breakdown[rule]
        if not cost:
            continue
        known = rule in RULES
        lines.append(CostLine(
            rule=rule, nl=rule_text(rule, plan.policy, "nl") if known else rule,
            en=rule_text(rule, plan.policy, "en") if known else rule, unit=RULES[rule].unit if known else "",
            terms=_terms(plan, report, rule, cost), cost=cost))
    return CostSummary(lines=lines, total=report.soft_cost, objective=timetable.objective)


def cost_lines(summary: CostSummary) -> list[str]:
    """The summary as text lines (markdown and the workbook): a line per rule, then the total."""
    out = [f"{line.rule}: {line.arithmetic} ({line.unit or 'eenheid / unit'})" for line in summary.lines]
    out.append(f"totaal / total: {summary.arithmetic}")
    if summary.objective is not None:
        same = "gelijk aan / equal to" if summary.matches_objective else "ANDERS DAN / DIFFERENT FROM"
        out.append(f"{same} de doelwaarde van het rooster / the timetable's objective {summary.objective}")
    return out
