"""ModelBuilder: ProblemData -> CP-SAT model, one private method per rule (see docs/rules.md)."""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cpsat.employer import EmployerRules
from solver.cpsat.extra_base import ExtraBase
from solver.cpsat.extra_lessons import ExtraLessonRules
from solver.cpsat.extra_scoped import ExtraScopedRules
from solver.cpsat.implied import ImpliedRules
from solver.cpsat.labour_law import LabourLawRules
from solver.cpsat.literals import GuardedModel, Lit, Literals, value
from solver.cpsat.school import SchoolRules
from solver.gc_pause import collector_paused
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
SOFT_METHODS = frozenset(("teacher_gaps", "student_gaps", "lesson_move", "teacher_change", "roster_change",
                          "compact_release"))


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    x: list[list[Lit]]
    unplaced: list[Lit]
    pool_choice: list[dict[int, Lit]]
    w: list[Lit]
    costs: dict[str, list[tuple[int, Lit]]] = field(default_factory=dict)
    # per rule, parallel to costs: what each term is about (an extra's Owner, ("extra", index)
    # or None); the repair search frees the lessons around a violated term
    scopes: dict[str, list] = field(default_factory=dict)
    guards: dict[tuple, Lit] = field(default_factory=dict)  # explain mode: guard key -> literal

    @property
    def room_excess(self) -> list:
        """rooms_soft: (overflow variable, its upper bound) per pool limit, from the room_no_clash costs."""
        return [(over, list(over.proto.domain)[-1]) for _, over in self.costs.get("room_no_clash", [])]

    def decisions(self, solver: cp_model.CpSolver) -> dict:
        """The solver's chosen option per copy (None: unplaced) and worked flag per shift."""
        options = [next((k for k, lit in enumerate(xs) if value(solver, lit)), None) for xs in self.x]
        return {"options": options, "shifts": [value(solver, lit) for lit in self.w]}


class ModelBuilder(SchoolRules, EmployerRules, LabourLawRules, ExtraBase, ExtraLessonRules, ExtraScopedRules,
                   ImpliedRules):
    def __init__(self, data: ProblemData, *, explain: bool = False, implied: bool = True, soft: bool = True,
                 rooms_counted: bool = False, rooms_soft: bool = False):
        """`explain`: every rule instance group gets a guard literal (self.guards) and its constraints
        hold only when it is true; no objective. For solver/explain/conflicts.py, with compile_plan(explain=True)."""
        self.data = data
        self.explain = explain
        self.implied = implied  # add solver/cpsat/implied.py's constraints (never in explain mode)
        self.soft = soft and not explain  # False: leave the soft rules out (a search for any timetable)
        # True: one-lesuur copies with a choice of room pools that no other choice overlaps get no pool
        # literals, only an exact count per lesuur (SchoolRules._counted_copies); solve._evaluate
        # chooses their pools afterwards
        self.rooms_counted = rooms_counted and not explain
        # True: a room pool's limit per lesuur may be exceeded, at a cost of 1 per lesson too many
        # (rule room_no_clash, scope ("rooms", pools, lesuur)); the repair search counts it (repair.py)
        self.rooms_soft = rooms_soft and not explain
        self.model = cp_model.CpModel()
        self.model.name = data.name
        self.lits = Literals(self.model)
        self.lits.sums_as_or = explain
        self.costs: dict[str, list[tuple[int, Lit]]] = defaultdict(list)
        self.scopes: dict[str, list] = defaultdict(list)
        self.scope = None  # what the rule being added is about (see BuiltModel.scopes)
        self._period_lits: dict[tuple[str, int, int], Lit] = {}
        self.guards: dict[tuple, Lit] = {}
        self.booked_sets: frozenset[int] = frozenset()  # set by mark_fully_booked (implied)

    def guard(self, *key) -> Lit | None:
        """Explain mode: the guard literal of one rule instance group, e.g. ("teacher_no_clash", "JdV").
        Normal mode: None (no variable)."""
        if not self.explain:
            return None
        lit = self.guards.get(key)
        if lit is None:
            lit = self.guards[key] = self.model.new_bool_var("guard:" + ":".join(map(str, key)))
        return lit

    @staticmethod
    def only_if(constraint, guard: Lit | None) -> None:
        """Enforce a constraint only when its guard holds (explain mode; nothing in normal mode)."""
        if guard is not None:
            constraint.only_enforce_if(guard)

    @contextmanager
    def guarding(self, *key):
        """Explain mode: every constraint (not definition) added inside holds only under the guard of key."""
        if not self.explain:
            yield
            return
        guard, model = self.guard(*key), self.model
        self.model, self.lits.guard = GuardedModel(model, guard), guard
        try:
            yield
        finally:
            self.model, self.lits.guard = model, None

    def add_cost(self, rule: str, weight: int, lit) -> None:
        """Objective term weight * lit, booked under the rule's name for the breakdown."""
        if lit is False or weight == 0:
            return
        self.costs[rule].append((weight, lit))
        self.scopes[rule].append(self.scope)

    def build(self) -> BuiltModel:
        self._make_lesson_variables()
        self._make_shift_variables()
        self._make_work_literals()
        self.mark_fully_booked()  # before the rules: their busy literals may fold to constants
        for name in RULE_METHODS:
            if not self.soft and name in SOFT_METHODS:
                continue  # soft rules never make a plan infeasible
            getattr(self, name)()
        if self.implied:
            self.implied_constraints()  # not rules: they only help the search (solver/cpsat/implied.py)
        terms = [weight * lit for items in self.costs.values() for weight, lit in items]
        constant = sum(weight for items in self.costs.values() for weight, lit in items if lit is True)
        live = [weight * lit for items in self.costs.values() for weight, lit in items if lit is not True]
        if terms and not self.explain:
            self.model.minimize(sum(live) + constant)
        return BuiltModel(
            model=self.model, x=self.x, unplaced=self.unplaced, pool_choice=self.pool_choice,
            w=self.w, costs=dict(self.costs), scopes=dict(self.scopes), guards=dict(self.guards),
        )


@collector_paused
def build_model(data: ProblemData, *, explain: bool = False, implied: bool = True, soft: bool = True,
                rooms_counted: bool = False, rooms_soft: bool = False) -> BuiltModel:
    return ModelBuilder(data, explain=explain, implied=implied, soft=soft, rooms_counted=rooms_counted,
                        rooms_soft=rooms_soft).build()
