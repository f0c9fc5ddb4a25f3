"""The seeded plan generator: deterministic, sized as asked, loadable, and with slack everywhere."""

from __future__ import annotations

import json
import random
import threading

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scenarios.capacity import capacity_report
from scenarios.generator import default_counts, generate_plan, generate_plan_dict, main
from solver.domain import load_plan, parse_plan

SIZES = [(300, 5, 3), (800, 10, 5), (1500, 15, 8)]


@pytest.fixture(scope="module", params=SIZES, ids=lambda s: f"lp{s[0]}")
def sized(request):
    lesson_periods, n_htos, n_employers = request.param
    plan = generate_plan(3, lesson_periods=lesson_periods, n_htos=n_htos, n_employers=n_employers)
    return request.param, plan, capacity_report(plan)


def test_same_seed_gives_the_same_plan():
    """Two calls with the same seed and arguments produce identical plans."""
    assert generate_plan_dict(7, lesson_periods=300) == generate_plan_dict(7, lesson_periods=300)


def test_other_seed_gives_another_plan():
    """A different seed produces a different plan."""
    assert generate_plan_dict(7, lesson_periods=300) != generate_plan_dict(8, lesson_periods=300)


def test_global_random_is_neither_used_nor_disturbed():
    """The generator uses its own Random: the global state neither changes the plan nor is changed."""
    random.seed(0)
    state = random.getstate()
    first = generate_plan_dict(5, lesson_periods=120, n_htos=2, n_employers=1)
    assert random.getstate() == state
    random.seed(12345)
    assert generate_plan_dict(5, lesson_periods=120, n_htos=2, n_employers=1) == first


def test_benchmark_sizes_hit_lesson_periods_and_counts(sized):
    """At 300, 800 and 1,500 lesson-periods the total is within 10% and the counts are as asked."""
    (lesson_periods, n_htos, n_employers), plan, report = sized
    assert abs(report["lesson_periods"] - lesson_periods) <= 0.1 * lesson_periods
    assert len(plan.htos) == n_htos
    assert len(plan.employers) == n_employers


def test_benchmark_sizes_scale_the_school(sized):
    """About 26 lesson-periods per class, a teacher per ~18 and ~1.2 rooms per class."""
    (lesson_periods, _, _), plan, _ = sized
    school = plan.schools[0]
    classes = [g for g in school.groups if not g.id.startswith("KD")]
    assert len(classes) == -(-lesson_periods // 26)
    regular = [t for t in plan.teachers if t.id not in {h.teacher for h in plan.htos}]
    assert 12 <= lesson_periods / len(regular) <= 24
    assert 1.0 <= len(school.rooms) / len(classes) <= 1.5
    workshops = [r for r in school.rooms if r.kind.startswith("workshop")]
    assert 0.15 <= len(workshops) / len(school.rooms) <= 0.35


def test_benchmark_sizes_leave_slack(sized):
    """Teachers, student sets and room kinds stay below 75% load."""
    _, _, report = sized
    assert report["max"]["teacher"] < 0.75
    assert report["max"]["hto_teacher_fixed"] < 0.75
    assert report["max"]["student_set"] < 0.75
    assert report["max"]["room_kind"] < 0.75
    assert report["oversized_lessons"] == []


def test_staffing_is_covered_and_htos_can_be_released(sized):
    """The current rosters cover all demand; a release is tight only where a flexible colleague can cover."""
    _, plan, report = sized
    assert all(e["short_windows"] == 0 for e in report["employers"].values())
    assert all(5 <= e["staff"] <= 12 and e["flexible_staff"] >= 1 for e in report["employers"].values())
    for hto in report["htos"].values():
        if hto["tight_days"]:
            assert hto["flexible_cover"]
    assert any(h["tight_days"] for h in report["htos"].values())


def test_htos_have_lessons_within_their_limits(sized):
    """Every hto'er has lessons; fixed teaching fits the release and the 6-klokuren rule."""
    _, plan, report = sized
    for hto in plan.htos:
        mine = [x for x in plan.lessons if x.teacher == hto.teacher or hto.teacher in x.candidates]
        assert mine, hto.id
        assert report["htos"][hto.id]["fixed_share_of_limit"] <= 1.0
    kinds = {h.qualification for h in plan.htos}
    assert "unqualified" in kinds


def test_shift_kinds_for_benchmark_sizes(sized):
    """Employers run early, late, day and night shifts, and the night shift crosses midnight."""
    _, plan, _ = sized
    shifts = {(s.start, s.end) for e in plan.employers for s in e.shifts}
    assert {("06:00", "14:00"), ("14:00", "22:00"), ("22:00", "06:00")} <= shifts
    assert all(s.crosses_midnight for e in plan.employers for s in e.shifts if s.start == "22:00")


def test_default_counts_scale_with_size():
    """Without counts the generator picks 5-15 hto'ers and 3-8 employers by size."""
    assert default_counts(300) == (5, 3)
    assert default_counts(1500) == (15, 8)
    plan = generate_plan(1, lesson_periods=800)
    assert (len(plan.htos), len(plan.employers)) == default_counts(800)


def test_htos_without_employer_are_refused():
    """Asking for hto'ers but no employer is an error, not a silent empty plan."""
    with pytest.raises(ValueError):
        generate_plan_dict(1, lesson_periods=30, n_htos=1, n_employers=0)


def test_cli_writes_a_loadable_plan(tmp_path, capsys):
    """`python -m scenarios.generator --seed 1 --lesson-periods 120 -o plan.json` writes a valid plan."""
    out = tmp_path / "plan.json"
    assert main(["--seed", "1", "--lesson-periods", "120", "--n-htos", "2", "--n-employers", "1",
                 "-o", str(out)]) == 0
    plan = load_plan(out)
    assert json.loads(out.read_text(encoding="utf-8")) == generate_plan_dict(
        1, lesson_periods=120, n_htos=2, n_employers=1)
    assert sum(x.duration * x.count for x in plan.lessons) == 120


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    lesson_periods=st.integers(6, 120),
    n_htos=st.integers(0, 2),
    n_employers=st.integers(0, 1),
)
def test_small_plans_are_valid(seed, lesson_periods, n_htos, n_employers):
    """Tiny plans (6-120 lesson-periods, 0-2 hto'ers, 0-1 employers) load, with the exact size and slack."""
    assume(n_employers or not n_htos)
    data = generate_plan_dict(seed, lesson_periods=lesson_periods, n_htos=n_htos, n_employers=n_employers)
    plan = parse_plan(data)
    report = capacity_report(plan)
    assert report["lesson_periods"] == lesson_periods
    assert len(plan.htos) == n_htos and len(plan.employers) == n_employers
    assert report["max"]["student_set"] < 0.75 and report["max"]["room_kind"] < 0.75
    assert report["max"]["teacher"] < 0.75
    assert all(e["short_windows"] == 0 for e in report["employers"].values())


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_small_generated_plan_is_feasible(seed):
    """The solver finds a timetable for a small generated plan that the validator certifies."""
    from solver.params import SolveParams
    from solver.pipeline import solve_plan
    from solver.validate import validate

    plan = generate_plan(seed, lesson_periods=60, n_htos=2, n_employers=1)
    stop = threading.Event()
    outcome = solve_plan(plan, SolveParams(time_limit=60, seed=1, stop=stop, on_progress=lambda _: stop.set()))
    assert outcome.timetable is not None, outcome.result.status
    assert validate(plan, outcome.timetable).hard_violations == 0
