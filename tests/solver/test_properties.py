"""Hypothesis property tests: every timetable the solver returns for a generated plan is certified."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenarios.generator import generate_plan_dict
from solver.domain import parse_plan
from tests.solver.solve_helpers import solve_and_certify


@st.composite
def small_plans(draw):
    """A small generated plan, with drawn weights and a drawn tier policy."""
    n_employers = draw(st.integers(0, 2))
    data = generate_plan_dict(
        draw(st.integers(0, 10_000)),
        lesson_periods=draw(st.integers(6, 40)),
        n_htos=draw(st.integers(0, 2)) if n_employers else 0,
        n_employers=n_employers,
    )
    data["weights"] = {
        name: draw(st.integers(0, 30))
        for name in ("student_gaps", "teacher_gaps", "compact_release", "roster_change")
    }
    policy = data.setdefault("policy", {})
    policy["allow_unplaced_lessons"] = draw(st.booleans())
    policy["allow_output_loss"] = draw(st.booleans())
    return parse_plan(data)


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(small_plans())
def test_every_returned_timetable_passes_the_validator(plan):
    """Whatever small plan is drawn, a timetable found has 0 hard violations and the objective as its cost."""
    outcome = solve_and_certify(plan, time_limit=3.0)
    assert outcome.result.status in {"OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"}
    if outcome.result.found:
        placed = {(p.lesson, p.copy) for p in outcome.timetable.placements}
        unplaced = {(u.lesson, u.copy) for u in outcome.timetable.unplaced}
        expected = {(lesson.id, k) for lesson in plan.lessons for k in range(lesson.count)}
        assert placed | unplaced == expected and not placed & unplaced
