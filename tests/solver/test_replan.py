"""Minimal-change re-planning: still-holds check, fewest moves (proven), hint accepted, diff."""

from __future__ import annotations

import pytest

from scenarios.generator import generate_plan
from solver.params import SolveParams
from solver.domain import Plan, parse_plan
from solver.pipeline import solve_plan
from solver.replan import changes_only, diff, replan, with_current
from solver.validate import validate
from tests.solver.solve_helpers import solve_and_certify


def certify_replan(changed: Plan, current, outcome, *, proven: bool = True) -> None:
    """The re-planned timetable meets every hard rule of the changed plan, and the validator's cost of
    the changes equals the objective the re-plan reports (and it is proven minimal)."""
    assert outcome.timetable is not None
    report = validate(changed, outcome.timetable)
    hard = [f"{v.rule}: {v.message_en}" for v in report.violations if v.kind == "hard"]
    assert report.ok, "validator found hard violations:\n" + "\n".join(hard)
    if outcome.still_holds:
        return
    question = validate(changes_only(with_current(changed, current)), outcome.timetable)
    assert question.soft_cost == outcome.outcome.result.objective, (question.breakdown, outcome.timetable.soft_cost)
    if proven:
        assert outcome.outcome.result.status == "OPTIMAL" and outcome.proof in ("neighbourhood", "full")


@pytest.fixture(scope="module")
def base():
    """A small generated school with hto'ers, solved once."""
    plan = generate_plan(3, lesson_periods=120, n_htos=2, n_employers=1)
    outcome = solve_and_certify(plan, time_limit=20.0)
    assert outcome.timetable is not None
    return plan, outcome.timetable


def _with_teacher_unavailable(plan: Plan, placement) -> Plan:
    data = plan.model_dump(mode="json")
    teacher = next(t for t in data["teachers"] if t["id"] == placement.teacher)
    teacher["unavailable"].append({"day": placement.day, "start": placement.start, "end": placement.end})
    return parse_plan(data)


def _moves_only_minimum(plan: Plan, current) -> int:
    """A separate solve that minimises moved lessons alone and proves it (the acceptance check)."""
    data = changes_only(with_current(plan, current)).model_dump(mode="json")
    data["weights"] = {k: (1 if k == "lesson_move" else 0) for k in data["weights"]}
    outcome = solve_and_certify(parse_plan(data), time_limit=30.0, expect="OPTIMAL")
    return outcome.result.objective


def test_unchanged_plan_still_holds(base):
    """Re-planning the same plan against its own timetable changes nothing."""
    plan, current = base
    result = replan(plan, current, SolveParams(time_limit=10))
    assert result.still_holds and result.diff.empty and result.timetable is current


def test_unavailable_teacher_moves_the_proven_minimum(base):
    """A new unavailable slot moves exactly as many lessons as a separate move-minimising solve proves necessary."""
    plan, current = base
    placement = current.placements[len(current.placements) // 2]
    changed = _with_teacher_unavailable(plan, placement)
    result = replan(changed, current, SolveParams(time_limit=30, workers=1, seed=1))
    assert not result.still_holds
    certify_replan(changed, current, result)
    moved = {(m.lesson, m.copy) for m in result.diff.moved}
    assert (placement.lesson, placement.copy) in moved
    assert len(result.diff.moved) == _moves_only_minimum(changed, current)
    assert result.hint_status == "accepted"


def test_polish_keeps_the_minimal_number_of_moves(base):
    """Polishing the other soft rules never adds a move to the minimal re-plan."""
    plan, current = base
    placement = current.placements[3]
    changed = _with_teacher_unavailable(plan, placement)
    plain = replan(changed, current, SolveParams(time_limit=30, workers=1, seed=1))
    polished = replan(changed, current, SolveParams(time_limit=30, workers=1, seed=1), polish_seconds=5)
    assert len(polished.diff.moved) == len(plain.diff.moved)
    certify_replan(changed, current, plain)
    assert validate(changed, polished.timetable).ok


def test_diff_names_moves_teachers_rooms_and_shifts(base):
    """The diff lists a moved lesson with from and to, and no change where nothing changed."""
    plan, current = base
    same = diff(current, current)
    assert same.empty
    moved = current.model_copy(deep=True)
    moved.placements[0].period = moved.placements[0].period + 1
    result = diff(current, moved)
    assert len(result.moved) == 1 and result.moved[0].lesson == current.placements[0].lesson
    assert result.moved[0].before != result.moved[0].after


def test_hint_is_accepted_by_cp_sat(base):
    """The current timetable given as a hint is taken up by CP-SAT (its log tags a solution [hint])."""
    plan, current = base
    from solver.replan import hint_from

    outcome = solve_plan(changes_only(with_current(plan, current)), SolveParams(time_limit=10, workers=1),
                         hint=lambda data: hint_from(data, current))
    assert outcome.result.hint_status == "accepted"
    assert outcome.result.objective == 0


def _full_minimum(plan: Plan, current) -> int:
    """The fewest-changes objective from one solve of the whole model, proven optimal."""
    outcome = solve_and_certify(changes_only(with_current(plan, current)), time_limit=60.0, expect="OPTIMAL")
    return outcome.result.objective


def _with_mark(plan: Plan, placement) -> Plan:
    """The plan with an SME unavailable mark over the hto'er's lesson (a blokuur marks all its lesuren)."""
    data = plan.model_dump(mode="json")
    staff = next(h["staff"] for h in data["htos"] if h["teacher"] == placement.teacher)
    data["unavailable_marks"].append({"staff": staff, "day": placement.day, "start": placement.start,
                                      "end": placement.end, "reason": "test"})
    return parse_plan(data)


@pytest.mark.parametrize("index", [0, 7, 19, 33])
def test_neighbourhood_proof_agrees_with_the_full_solve(base, index):
    """Whichever way re-planning proves its minimum, a solve of the whole model finds the same optimum."""
    plan, current = base
    placement = current.placements[index % len(current.placements)]
    changed = _with_teacher_unavailable(plan, placement)
    result = replan(changed, current, SolveParams(time_limit=30, workers=1, seed=1))
    certify_replan(changed, current, result)
    assert result.outcome.result.objective == _full_minimum(changed, current)


@pytest.mark.parametrize("which", [0, 1, 2, 3])
def test_hto_marks_are_proven_minimal_like_the_full_solve(base, which):
    """SME marks over an hto'er's lessons (blokuren included): the re-plan's proven minimum equals a full solve's."""
    plan, current = base
    htos = {h.teacher for h in plan.htos}
    lessons = sorted((p for p in current.placements if p.teacher in htos), key=lambda p: (-p.duration, p.lesson))
    placement = lessons[which % len(lessons)]
    changed = _with_mark(plan, placement)
    result = replan(changed, current, SolveParams(time_limit=30, workers=1, seed=1))
    certify_replan(changed, current, result)
    assert result.outcome.result.objective == _full_minimum(changed, current)
    assert len(result.diff.moved) == _moves_only_minimum(changed, current)


def test_a_blocked_day_moves_several_lessons_minimally(base):
    """A teacher unavailable for a whole day forces all their lessons that day to move, and no more."""
    plan, current = base
    counts = {}
    for p in current.placements:
        counts[(p.teacher, p.day)] = counts.get((p.teacher, p.day), 0) + 1
    (teacher, day), n = max(counts.items(), key=lambda item: item[1])
    data = plan.model_dump(mode="json")
    next(t for t in data["teachers"] if t["id"] == teacher)["unavailable"].append(
        {"day": day, "start": "00:00", "end": "24:00"})
    changed = parse_plan(data)
    result = replan(changed, current, SolveParams(time_limit=60, workers=1, seed=1))
    certify_replan(changed, current, result)
    assert len(result.diff.moved) >= n
    assert len(result.diff.moved) == _moves_only_minimum(changed, current)
    assert result.outcome.result.objective == _full_minimum(changed, current)


def test_moves_come_first(base):
    """The change weights make one move outweigh every teacher and roster change together."""
    from solver.replan import change_weights

    plan, _ = base
    weights = change_weights(plan)
    copies = sum(lesson.count for lesson in plan.lessons)
    assert weights["lesson_move"] > copies * weights["teacher_change"]


def test_full_search_proves_when_the_neighbourhood_cannot(base, monkeypatch):
    """With the neighbourhood stage ruled out, the whole model is solved and proves the same minimum."""
    import solver.replan.fewest as module

    plan, current = base
    changed = _with_teacher_unavailable(plan, current.placements[7])
    quick = replan(changed, current, SolveParams(time_limit=30, workers=1, seed=1))
    monkeypatch.setattr(module, "_free_lessons", lambda links, seeds, rounds: set(links.keys))
    full = replan(changed, current, SolveParams(time_limit=30, workers=1, seed=1))
    assert full.proof == "full" and "full" in full.timings
    certify_replan(changed, current, full)
    assert full.outcome.result.objective == quick.outcome.result.objective


def test_a_plan_with_a_vacancy_is_proven_by_the_full_model():
    """With an optional lesson the re-plan skips the neighbourhood (a vacancy could also be left open, at a
    cost its bound does not count) and proves the fewest changes with the full model: the vacancy stays
    placed and one lesson moves."""
    from tests.solver.test_solve_teaching import TWO_DAYS, _covered

    plan = _covered(periods=TWO_DAYS)
    current = solve_and_certify(plan, expect="OPTIMAL").timetable
    assert current.open_vacancies == []
    moved = next(p for p in current.placements if p.lesson == "L")
    changed = _with_teacher_unavailable(plan, moved)
    result = replan(changed, current, SolveParams(time_limit=10, workers=1))
    certify_replan(changed, current, result)
    assert result.proof == "full" and [m.lesson for m in result.diff.moved] == ["L"]
    assert result.timetable.open_vacancies == []
