"""build_model: ProblemData -> CP-SAT model. Variables first, then each rule's function in BUILD_ORDER.

How to add a rule: docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cpsat import (  # noqa: F401  (importing a rule module registers its rules)
    employer, extra_lessons, extra_scoped, implied, labour_history, labour_law, preferences, rooms, school,
)
from solver.cpsat.context import BuildOptions, Model
from solver.cpsat.extras import extra_constraints
from solver.cpsat.literals import Lit, value
from solver.cpsat.objective import Objective
from solver.cpsat.registry import ENFORCED_IN_COMPILE, MODEL_RULES
from solver.cpsat.variables import Variables
from solver.gc_pause import collector_paused
from solver.problem import ProblemData
from solver.result import Decisions
from solver.rules import RULES

# The steps after the variables, in the order they are added to the model (CP-SAT's search depends
# on the order, so it stays as measured). Each is a rule of solver/rules.py (its function in
# MODEL_RULES), except two that are not rules: interchangeable_copies (symmetry breaking) and
# extra_constraints (each entry of Plan.constraints, by the rule function of its type).
# lesson_placed is stated with the variables (Variables.make); the rules of ENFORCED_IN_COMPILE need
# no step. The implied constraints (solver/cpsat/implied.py) come after all of them.
BUILD_ORDER = (
    "teacher_no_clash", "group_no_clash", "room_no_clash", "min_days_apart", "interchangeable_copies",
    "teacher_max_periods_per_day", "teacher_max_days_per_week",
    "staff_one_shift_at_a_time", "reroster_keeps_contract", "release_agreement", "unqualified_teaching_limit",
    "staffing_demand",
    "atw_max_week", "atw_max_shift_duration", "atw_night_shift_duration", "atw_daily_rest", "atw_rest_after_night", "atw_weekly_rest",
    "atw_breaks",
    "atw_average_4_weeks", "atw_average_16_weeks", "atw_nights_16_weeks",
    "extra_constraints",
    "teacher_gaps", "student_gaps", "lesson_move", "teacher_change", "roster_change", "compact_release",
    "teacher_unavailable_preference", "group_unavailable_preference", "sme_unavailable_preference",
    "release_min_teaching", "vacancy_open", "release_target_teaching", "teacher_preference",
)
NOT_RULES: dict[str, Callable] = {
    "interchangeable_copies": school.interchangeable_copies,
    "extra_constraints": extra_constraints,
}


def step(name: str) -> Callable:
    return NOT_RULES.get(name) or MODEL_RULES[name]


def modelled_rules() -> frozenset[str]:
    """Every rule the model states: by a function, or by construction in compile."""
    return frozenset(MODEL_RULES) | ENFORCED_IN_COMPILE


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    x: list[list[Lit]]
    unplaced: list[Lit]
    pool_choice: list[dict[int, Lit]]
    w: list[Lit]
    costs: dict[str, list[tuple[int, Lit]]] = field(default_factory=dict)
    # per rule, parallel to costs: what each term is about (see context.Penalty.scope)
    scopes: dict[str, list] = field(default_factory=dict)
    guards: dict[tuple, Lit] = field(default_factory=dict)  # explain mode: guard key -> literal

    @property
    def room_excess(self) -> list:
        """rooms_soft: (overflow variable, its upper bound) per pool limit, from the room_no_clash costs."""
        return [(over, list(over.proto.domain)[-1]) for _, over in self.costs.get("room_no_clash", [])]

    def decisions(self, solver: cp_model.CpSolver) -> Decisions:
        """The solver's chosen option per copy (None: unplaced) and worked flag per shift."""
        options = tuple(next((k for k, lit in enumerate(xs) if value(solver, lit)), None) for xs in self.x)
        return Decisions(options=options, shifts=tuple(value(solver, lit) for lit in self.w))


class BuildStopped(Exception):
    """The build was asked to stop (its time ran out, or its result is no longer wanted)."""

    def __init__(self, at: str):
        super().__init__(f"the build stopped before {at}")
        self.at = at  # the step it had not begun


@collector_paused
def build_model(data: ProblemData, *, explain: bool = False, implied: bool = True, soft: bool = True,
                rooms_counted: bool = False, rooms_soft: bool = False,
                stop: Callable[[], bool] | None = None) -> BuiltModel:
    """`stop` is asked between the steps; when it says yes, BuildStopped is raised (a big plan's build
    takes seconds per step, and Python cannot be interrupted otherwise)."""
    return _build(data, BuildOptions.of(explain=explain, implied=implied, soft=soft, rooms_counted=rooms_counted,
                                        rooms_soft=rooms_soft), stop)


def _build(data: ProblemData, opts: BuildOptions, stop: Callable[[], bool] | None = None) -> BuiltModel:
    def check(at: str) -> None:
        if stop is not None and stop():
            raise BuildStopped(at)

    m = Model(data.name, opts.explain)
    objective = Objective()
    v = Variables(m, data, opts)
    check("lesson_placed")
    objective.add(v.make(m, opts, MODEL_RULES["lesson_placed"]))
    implied.mark_fully_booked(m, data, v, opts)  # before the rules: their busy literals may fold to constants
    for name in BUILD_ORDER:
        if not opts.soft and name in RULES and RULES[name].kind == "soft":
            continue  # soft rules never make a plan infeasible
        check(name)
        objective.add(step(name)(m, data, v, opts))
    check("the implied constraints")
    implied.implied_constraints(m, data, v, opts)  # not rules: they only help the search
    if not opts.explain:
        objective.minimize(m.raw)
    return BuiltModel(model=m.raw, x=v.x, unplaced=v.unplaced, pool_choice=v.pool_choice, w=v.w,
                      costs=dict(objective.costs), scopes=dict(objective.scopes), guards=dict(m.guards))
