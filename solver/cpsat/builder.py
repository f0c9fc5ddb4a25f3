"""ModelBuilder: ProblemData -> CP-SAT model, one private method per rule (see docs/rules.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cpsat.employer import EmployerRules
from solver.cpsat.extra_base import ExtraBase
from solver.cpsat.extra_lessons import ExtraLessonRules
from solver.cpsat.extra_scoped import ExtraScopedRules
from solver.cpsat.labour_law import LabourLawRules
from solver.cpsat.literals import Lit, Literals
from solver.cpsat.school import SchoolRules
from solver.problem import ProblemData

# Rules in the order they are added. Rules enforced by construction in compile (domain
# filtering) are listed in solver/rules.py but need no method here: teacher_unavailable,
# group_unavailable, room_unavailable (pools), room_fits (pools), lesson_locked,
# block_consecutive, teacher_qualified, sme_unavailable_mark, hto_no_lesson_during_work
# (the hto'er is released from exactly the part of a shift their lessons and travel cover).
RULE_METHODS = (
    "teacher_no_clash", "group_no_clash", "room_no_clash", "min_days_apart",
    "interchangeable_copies", "teacher_max_periods_per_day", "teacher_max_days_per_week",
    "staff_one_shift_at_a_time", "reroster_keeps_contract", "release_agreement",
    "unqualified_teaching_limit", "staffing_demand",
    "atw_max_week", "atw_max_shift_duration", "atw_daily_rest", "atw_rest_after_night",
    "atw_weekly_rest", "extra_constraints",
    "teacher_gaps", "student_gaps", "lesson_move", "teacher_change", "roster_change",
    "compact_release",
)


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    x: list[list[Lit]]
    unplaced: list[Lit]
    pool_choice: list[dict[int, Lit]]
    w: list[Lit]
    costs: dict[str, list[tuple[int, Lit]]] = field(default_factory=dict)


class ModelBuilder(SchoolRules, EmployerRules, LabourLawRules, ExtraBase, ExtraLessonRules, ExtraScopedRules):
    def __init__(self, data: ProblemData):
        self.data = data
        self.model = cp_model.CpModel()
        self.model.name = data.name
        self.lits = Literals(self.model)
        self.costs: dict[str, list[tuple[int, Lit]]] = defaultdict(list)
        self._period_lits: dict[tuple[str, int, int], Lit] = {}

    def add_cost(self, rule: str, weight: int, lit) -> None:
        """Objective term weight * lit, booked under the rule's name for the breakdown."""
        if lit is False or weight == 0:
            return
        self.costs[rule].append((weight, lit))

    def build(self) -> BuiltModel:
        self._make_lesson_variables()
        self._make_shift_variables()
        self._make_work_literals()
        for name in RULE_METHODS:
            getattr(self, name)()
        terms = [weight * lit for items in self.costs.values() for weight, lit in items]
        constant = sum(weight for items in self.costs.values() for weight, lit in items if lit is True)
        live = [weight * lit for items in self.costs.values() for weight, lit in items if lit is not True]
        if terms:
            self.model.minimize(sum(live) + constant)
        return BuiltModel(
            model=self.model, x=self.x, unplaced=self.unplaced, pool_choice=self.pool_choice,
            w=self.w, costs=dict(self.costs),
        )


def build_model(data: ProblemData) -> BuiltModel:
    return ModelBuilder(data).build()
