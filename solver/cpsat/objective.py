"""The objective: every rule's penalty terms, booked by rule and ranked by tier (solver/rules.py)."""

from __future__ import annotations

from collections.abc import Iterable

from solver.cpsat.context import Penalty
from solver.cpsat.literals import Lit
from solver.rules import RULES

# The tiers of the objective (../shared/DESIGN.md): a tier rule's weight (the policy's penalty for
# an unplaced lesson, for a person-minute of output lost, for a minute of a vacancy left open) dwarfs
# every soft rule's.
TIER_ORDER = ("lesson_placed", "staffing_demand", "vacancy_open")


def tier(rule: str) -> int:
    """1 + the rank of a tier rule; soft rules, and hard rules made soft by a weight, come last."""
    return TIER_ORDER.index(rule) + 1 if rule in TIER_ORDER else len(TIER_ORDER) + 1


class Objective:
    """Penalty terms in the order the rules made them (that order is the model's objective)."""

    def __init__(self):
        self.costs: dict[str, list[tuple[int, Lit]]] = {}
        self.scopes: dict[str, list] = {}

    def add(self, penalties: Iterable[Penalty] | None) -> None:
        for p in penalties or ():
            if p.rule not in RULES:
                raise KeyError(f"penalty booked under an unknown rule {p.rule!r}")
            self.costs.setdefault(p.rule, []).append((p.weight, p.lit))
            self.scopes.setdefault(p.rule, []).append(p.scope)

    def by_tier(self) -> dict[int, list[str]]:
        """The rules with terms, per tier."""
        out: dict[int, list[str]] = {}
        for rule in self.costs:
            out.setdefault(tier(rule), []).append(rule)
        return dict(sorted(out.items()))

    def minimize(self, model) -> None:
        """Minimise the sum of the terms; constant terms (True) are added as a constant."""
        items = [(weight, lit) for terms in self.costs.values() for weight, lit in terms]
        if not items:
            return
        constant = sum(weight for weight, lit in items if lit is True)
        model.minimize(sum(weight * lit for weight, lit in items if lit is not True) + constant)
