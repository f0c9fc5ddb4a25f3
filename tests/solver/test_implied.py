"""Implied constraints (solver/cpsat/implied.py) cut no timetable away, and they do take effect.

"Cut nothing" is checked by brute force: CP-SAT enumerates every timetable of small plans with
and without the implied constraints, and the two sets must be equal. Every lesson literal is a
decision, so equal sets of lesson placements mean equal sets of timetables.
"""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat import implied as implied_module
from solver.cpsat.school import sets_covered_by_others
from tests.solver.solve_helpers import lesson, locked, solve_and_certify
from tests.solver.extra_helpers import L3, L4, away, xplan

NO_GAPS = {"type": "max_gaps_per_week", "groups": ["A"], "max_gaps": 0}
EARLY = {"type": "early_max_beginnings_at_second_period", "groups": ["A"], "max_beginnings": 0}


class _Collect(cp_model.CpSolverSolutionCallback):
    def __init__(self, lits):
        super().__init__()
        self.lits, self.seen = lits, set()

    def on_solution_callback(self):
        self.seen.add(tuple(self.boolean_value(lit) for lit in self.lits))


def timetables(plan, *, implied: bool) -> set[tuple]:
    """Every placement vector of the plan's hard model (no objective), by enumeration."""
    built = build_model(compile_plan(plan), implied=implied)
    built.model.clear_objective()
    lits = [x for row in built.x for x in row if x is not False]
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    solver.parameters.num_workers = 1
    collect = _Collect(lits)
    assert solver.solve(built.model, collect) in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    return collect.seen


PLANS = {
    "prefix days, room to spare": dict(
        constraints=[NO_GAPS, EARLY], periods={"mon": L4, "tue": L3},
        lessons=[lesson("X", "T1", count=2), lesson("Y", "T2", count=2), lesson("Z", "T3")]),
    "prefix days, every lesuur used": dict(
        constraints=[NO_GAPS, EARLY], periods={"mon": L3, "tue": L3},
        lessons=[lesson("X", "T1", count=3), lesson("Y", "T2", count=2, duration=1), lesson("Z", "T3")]),
    "unavailable first lesuur": dict(
        constraints=[NO_GAPS, EARLY], periods={"mon": L4},
        groups=[{"id": "A", "unavailable": [away("mon", "08:30", "09:20")]}],
        lessons=[lesson("X", "T1"), lesson("Y", "T2")]),
    "gaps allowed, early start only": dict(
        constraints=[EARLY], periods={"mon": L4, "tue": L3},
        lessons=[lesson("X", "T1", count=2), locked("Y", "tue", 3, "T2")]),
    "fully booked, no gap rules": dict(
        constraints=[], periods={"mon": L3, "tue": L3},
        lessons=[lesson("X", "T1", count=4), lesson("Y", "T2", count=2), lesson("Z", "T3", ["B"], count=2)]),
    "two sets, a shared lesson": dict(
        constraints=[NO_GAPS | {"groups": ["A", "B"]}, EARLY | {"groups": ["A", "B"]}], periods={"mon": L4},
        lessons=[lesson("X", "T1", groups=["A", "B"]), lesson("Y", "T2", groups=["A"]), lesson("Z", "T3", ["B"])]),
}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_implied_constraints_keep_every_timetable(name):
    spec = dict(PLANS[name])
    plan = xplan(*spec.pop("constraints"), **spec)
    without = timetables(plan, implied=False)
    with_implied = timetables(plan, implied=True)
    assert without, "the plan has a timetable"
    assert with_implied == without


def _constraint_count(plan, *, implied: bool) -> int:
    return len(build_model(compile_plan(plan), implied=implied).model.proto.constraints)


def test_a_group_with_both_rules_gets_a_prefix_clause_per_lesuur_pair_and_a_load_sum():
    """Mon 4 + Tue 3 lesuren: 3 + 2 'busy needs the lesuur before busy' clauses, and one load equation."""
    plan = xplan(NO_GAPS, EARLY, periods={"mon": L4, "tue": L3},
                 lessons=[lesson("X", "T1", count=2), lesson("Y", "T2", count=2)])
    added = _constraint_count(plan, implied=True) - _constraint_count(plan, implied=False)
    # and one load equation, for the one student set (teachers get none)
    assert added == 5 + 1


def test_without_early_start_no_prefix_clauses():
    plan = xplan(NO_GAPS, periods={"mon": L4, "tue": L3},
                 lessons=[lesson("X", "T1", count=2), lesson("Y", "T2", count=2)])
    added = _constraint_count(plan, implied=True) - _constraint_count(plan, implied=False)
    assert added == 1  # the load equation only


def test_a_fully_booked_group_without_gap_rules_gets_a_clause_per_lesuur():
    """Group A fills all 6 lesuren: 6 'one of A's lessons here' clauses; B (2 of 6) gets none."""
    plan = xplan(periods={"mon": L3, "tue": L3},
                 lessons=[lesson("X", "T1", count=4), lesson("Y", "T2", count=2), lesson("Z", "T3", ["B"], count=2)])
    added = _constraint_count(plan, implied=True) - _constraint_count(plan, implied=False)
    assert added == 6


def test_explain_mode_adds_none(monkeypatch):
    plan = xplan(NO_GAPS, EARLY, periods={"mon": L4}, lessons=[lesson("X", "T1", count=2)])
    data = compile_plan(plan, explain=True)
    with monkeypatch.context() as patch:
        patch.setattr(implied_module, "implied_constraints", lambda *args: None)
        plain = len(build_model(data, explain=True).model.proto.constraints)
    assert len(build_model(data, explain=True).model.proto.constraints) == plain


def test_a_fully_booked_group_solves_and_is_certified():
    """Six lessons in six lesuren with both rules: every lesuur used, no gaps, certified."""
    plan = xplan(NO_GAPS, EARLY, periods={"mon": L3, "tue": L3},
                 lessons=[lesson("X", "T1", count=3), lesson("Y", "T2", count=2), lesson("Z", "T3")])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert len(outcome.timetable.placements) == 6


def test_a_fully_booked_groups_gap_and_early_rules_fold_away():
    """A fills all 6 lesuren, so it is busy in each: its no-gaps and early-start rules add nothing."""
    lessons = [lesson("X", "T1", count=3), lesson("Y", "T2", count=2), lesson("Z", "T3")]
    with_rules = xplan(NO_GAPS, EARLY, periods={"mon": L3, "tue": L3}, lessons=lessons)
    without = xplan(periods={"mon": L3, "tue": L3}, lessons=lessons)
    assert _constraint_count(with_rules, implied=True) == _constraint_count(without, implied=True)
    # without the implied constraints the rules are stated in full
    assert _constraint_count(with_rules, implied=False) > _constraint_count(without, implied=False)


def _covered(plan) -> set[str]:
    data = compile_plan(plan)
    build_model(data)
    return {data.student_sets[s] for s in sets_covered_by_others(data)}


def test_a_student_set_whose_lessons_another_set_has_gets_no_clash_constraints_of_its_own():
    """Every lesson of set a is one of b's, so b's no-clash constraints cover a's; not once a has its own."""
    groups = [{"id": "G", "student_sets": ["a", "b"]}, {"id": "B", "student_sets": ["b"]},
              {"id": "A", "student_sets": ["a"]}]
    nested = [lesson("X", "T1", ["G"], count=2), lesson("Y", "T2", ["B"], count=2)]
    plan = xplan(periods={"mon": L3, "tue": L3}, lessons=nested, student_sets=["a", "b"], groups=groups)
    assert _covered(plan) == {"a"}
    crossed = xplan(periods={"mon": L3, "tue": L3}, lessons=nested + [lesson("W", "T3", ["A"])],
                    student_sets=["a", "b"], groups=groups)
    assert _covered(crossed) == set()


def test_nested_student_sets_still_never_clash():
    """X (sets a and b) and Y (set b only) fill b's three lesuren; certified, so no set has a clash."""
    plan = xplan(periods={"mon": L3}, student_sets=["a", "b"],
                 groups=[{"id": "G", "student_sets": ["a", "b"]}, {"id": "B", "student_sets": ["b"]}],
                 lessons=[lesson("X", "T1", ["G"], count=2), lesson("Y", "T2", ["B"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert len({(p.day, p.period) for p in outcome.timetable.placements}) == 3
