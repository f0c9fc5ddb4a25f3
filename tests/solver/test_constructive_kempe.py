"""The greedy's swap of two windows (solver/constructive/kempe.py, issue 27): a lesson with no free place
gets one by moving a chain of lessons that share a teacher or a set, without breaking a rule the greedy
keeps; a chain that cannot move leaves everything where it was."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from solver.compile import compile_plan
from solver.constructive import construct, kempe
from solver.constructive.greedy import Greedy
from solver.decode import decode
from solver.domain import parse_plan
from solver.result import Result, Solution
from solver.validate import validate
from tests.solver.solve_helpers import lesson, plan_dict, tiny_plan

TWO = {"mon": ["08:30-09:20", "09:20-10:10"]}
EXAMPLES = Path("/usr/share/doc/fet-data/examples")


def _greedy(plan) -> Greedy:
    return Greedy(compile_plan(plan))


def _copy(g: Greedy, lesson_id: str) -> int:
    return next(c for c, copy in enumerate(g.data.copies) if g.data.lessons[copy.lesson].id == lesson_id)


def _put(g: Greedy, lesson_id: str, lesuur: int) -> None:
    c = _copy(g, lesson_id)
    k = next(k for k, o in enumerate(g.data.copies[c].options) if o.first == lesuur)
    g._put(g.unit_of[c], c, k)
    g.placed.add(g.unit_of[c])


def _where(g: Greedy, lesson_id: str) -> int | None:
    c = _copy(g, lesson_id)
    k = g.option[c]
    return None if k is None else g.data.copies[c].options[k].first


def _held(g: Greedy) -> dict:
    """Every teacher's and set's lesuren as the greedy's bookkeeping has them, from the placed options."""
    out = {}
    for c, k in enumerate(g.option):
        if k is not None:
            option = g.data.copies[c].options[k]
            for p in option.periods:
                for t in option.teachers:
                    out[("t", t, p)] = g.unit_of[c]
                for s in g.data.copies[c].sets:
                    out[("s", s, p)] = g.unit_of[c]
    return out


def _timetable(plan, g: Greedy):
    """The greedy's placements as a timetable, for the validator."""
    solution = Solution(options=tuple(g.option), shifts=tuple(i.current for i in g.data.instances),
                        pools=tuple(g.pool), costs={})
    return decode(plan, g.data, Result(status="FEASIBLE", solution=solution))


def _bookkeeping_agrees(g: Greedy) -> bool:
    kept = {("t", t, p): u for (t, p), u in g.teacher_at.items()}
    kept |= {("s", s, p): u for (s, p), u in g.set_at.items()}
    return kept == _held(g)


def chain_plan(unavailable_for_t3=()):
    """Two lesuren. wi-A (T1, A) sits in the first, ne-A (T3, A) and en-B (T2, B) in the second: wi-B
    (T1, B) finds B free only where T1 teaches, and T1 free only where B has en-B."""
    teachers = ["T1", "T2", {"id": "T3", "unavailable": list(unavailable_for_t3)}]
    lessons = [lesson("wi-A", "T1", ["A"]), lesson("ne-A", "T3", ["A"], subject="ne"),
               lesson("en-B", "T2", ["B"], subject="en"), lesson("wi-B", "T1", ["B"])]
    plan = tiny_plan(periods=TWO, lessons=lessons, teachers=teachers)
    g = _greedy(plan)
    _put(g, "wi-A", 1)
    _put(g, "ne-A", 2)
    _put(g, "en-B", 2)
    return plan, g


def test_a_lesson_with_no_free_place_gets_one_by_a_swap_of_the_chain():
    plan, g = chain_plan()
    u = g.unit_of[_copy(g, "wi-B")]
    assert not g.place(u)  # no free place: the greedy would have to take a lesson out
    assert kempe.swap_in(g, u)
    # the chain from T1's lesson in the first lesuur: wi-A to the second, where A had ne-A, which comes back
    assert (_where(g, "wi-B"), _where(g, "wi-A"), _where(g, "ne-A"), _where(g, "en-B")) == (1, 2, 1, 2)
    assert len(g.placed) == 4 and _bookkeeping_agrees(g)
    assert validate(plan, _timetable(plan, g)).hard_violations == 0


def test_a_chain_that_would_break_a_rule_leaves_everything_where_it_was():
    """T3 cannot teach in the first lesuur, so ne-A cannot come back: no swap, nothing moved."""
    plan, g = chain_plan(unavailable_for_t3=[{"day": "mon", "start": "08:30", "end": "09:20"}])
    u = g.unit_of[_copy(g, "wi-B")]
    before = (list(g.option), list(g.pool), dict(g.teacher_at), dict(g.set_at), set(g.placed))
    assert not kempe.swap_in(g, u)
    assert (list(g.option), list(g.pool), dict(g.teacher_at), dict(g.set_at), set(g.placed)) == before


def test_double_lessons_move_in_windows_of_two_lesuren():
    """Four lesuren; T1's double lesson with A fills 1-2, B is busy in 3-4: wi-B (T1, B) has B free only
    where T1 teaches A. The chain moves the double lesson as a whole to 3-4 and B's lessons there to 1-2."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", "10:30-11:20", "11:20-12:10"]}
    lessons = [lesson("wi-A", "T1", ["A"], duration=2), lesson("ne-B", "T2", ["B"], subject="ne"),
               lesson("en-B", "T2", ["B"], subject="en"), lesson("wi-B", "T1", ["B"])]
    plan = tiny_plan(periods=periods, lessons=lessons)
    g = _greedy(plan)
    _put(g, "wi-A", 1)
    _put(g, "ne-B", 3)
    _put(g, "en-B", 4)
    u = g.unit_of[_copy(g, "wi-B")]
    assert not g.place(u)
    assert kempe.swap_in(g, u)
    assert _where(g, "wi-A") == 3 and _where(g, "wi-B") in (1, 2) and _bookkeeping_agrees(g)
    assert validate(plan, _timetable(plan, g)).hard_violations == 0


def full_school(seed: int, classes: int = 6, days: int = 4, lesuren: int = 5):
    """Every class busy in every lesuur, each lesson a random teacher's among classes+1 teachers (a
    Namibian primary school in small: teachers nearly full), some lessons double."""
    rng = random.Random(seed)
    periods = {day: [f"{8 + h:02d}:00-{8 + h:02d}:50" for h in range(lesuren)]
               for day in ("mon", "tue", "wed", "thu", "fri")[:days]}
    load = {f"T{t}": 0 for t in range(classes + 1)}
    lessons = []
    for k in range(classes):
        left = days * lesuren
        while left:
            duration = 2 if left >= 2 and rng.random() < 0.2 else 1
            teacher = min(rng.sample(sorted(load), 3), key=load.get)
            load[teacher] += duration
            lessons.append(lesson(f"L{k}-{len(lessons)}", teacher, [f"G{k}"], duration=duration))
            left -= duration
    return tiny_plan(periods=periods, lessons=lessons, rooms=[f"R{r}" for r in range(classes)])


@pytest.mark.parametrize("seed", range(4))
def test_on_full_schools_the_greedy_swaps_and_its_timetable_is_certified(seed, monkeypatch):
    """Swaps happen on these schools, the bookkeeping stays true after each, and what the greedy
    places is certified by the validator."""
    swaps = []
    real = kempe.swap_in

    def watched(g, u):
        done = real(g, u)
        assert _bookkeeping_agrees(g)
        swaps.append(done)
        return done

    monkeypatch.setattr("solver.constructive.run.swap_in", watched)
    plan = full_school(seed)
    data = compile_plan(plan)
    solution = construct(data, 5.0, seed=seed)
    assert solution is not None and any(swaps)
    report = validate(plan, decode(plan, data, Result(status="FEASIBLE", solution=solution)))
    assert report.hard_violations == 0


@pytest.mark.skipif(not EXAMPLES.exists(), reason="FET's examples (fet-data) are not installed")
def test_a_full_namibian_school_is_placed_with_swaps_and_certified(monkeypatch):
    """PutSS: every class full. The greedy places it with fewer repairs when swaps come first (the
    count of repairs on seed 0, same code otherwise), and its timetable is certified."""
    from solver.io.fet_import import import_fet

    plan = import_fet(EXAMPLES / "FET-5-official/Namibia/by-Bobby/set-2/PutSS.fet").plan
    data = compile_plan(plan)
    repairs = {True: 0, False: 0}
    real_repair = Greedy.repair
    for with_swaps in (True, False):
        def counted(g, u, bumped, limit, key=with_swaps):
            repairs[key] += 1
            return real_repair(g, u, bumped, limit)

        monkeypatch.setattr(Greedy, "repair", counted)
        if not with_swaps:
            monkeypatch.setattr("solver.constructive.run.swap_in", lambda g, u: False)
        solution = construct(data, 30.0, seed=0, max_steps=40_000)
        assert solution is not None
        report = validate(plan, decode(plan, data, Result(status="FEASIBLE", solution=solution)))
        assert report.hard_violations == 0
    assert repairs[True] < repairs[False] / 2


def test_an_undone_chain_puts_each_lesson_back_in_its_own_room():
    """The chain wi-A, ne-A, ne-C cannot move: ne-C's only room R1 is en-B's in the second lesuur. Put
    back, wi-A (R1 or R2) must not take R1 before ne-C (R1 only) is back in it."""
    lessons = [lesson("ne-C", "T3", ["C"], subject="ne", rooms=["R1"]), lesson("wi-A", "T1", ["A"], rooms=["R1", "R2"]),
               lesson("en-B", "T2", ["B"], subject="en", rooms=["R1"]), lesson("ne-A", "T3", ["A"], subject="ne"),
               lesson("wi-B", "T1", ["B"])]
    plan = tiny_plan(periods=TWO, lessons=lessons)
    g = _greedy(plan)
    for lesson_id, lesuur in (("ne-C", 1), ("wi-A", 1), ("en-B", 2), ("ne-A", 2)):
        _put(g, lesson_id, lesuur)
    before = (list(g.option), list(g.pool))
    u = g.unit_of[_copy(g, "wi-B")]
    assert not g.place(u) and not kempe.swap_in(g, u)
    assert (list(g.option), list(g.pool)) == before
    report = validate(plan, _timetable(plan, g))  # only wi-B, which has no place, is missing; no room clash
    assert [(v.kind, v.entities.get("lesson")) for v in report.violations] == [("hard", "wi-B")]


def test_a_chain_moves_a_unit_of_several_copies_whole():
    """ne-A and gy-C start together (same_starting_time). wi-B (T1, B) has B free only in the first
    lesuur, where T1 has wi-A. The chain: wi-A to the second lesuur, where A has ne-A, whose unit
    (ne-A with gy-C) comes to the first as a whole, where C has ar-C, which goes to the second."""
    lessons = [lesson("wi-A", "T1", ["A"]), lesson("ne-A", "T3", ["A"], subject="ne"),
               lesson("gy-C", "T4", ["C"], subject="gy"), lesson("ar-C", "T5", ["C"], subject="ar"),
               lesson("en-B", "T2", ["B"], subject="en"), lesson("wi-B", "T1", ["B"])]
    data = plan_dict(periods=TWO, lessons=lessons, rooms=[f"R{r}" for r in range(3)])
    data["constraints"] = [{"type": "same_starting_time", "lessons": ["ne-A", "gy-C"], "weight": None}]
    plan = parse_plan(data)
    g = _greedy(plan)
    assert g.unit_of[_copy(g, "ne-A")] == g.unit_of[_copy(g, "gy-C")]
    for lesson_id, lesuur in (("wi-A", 1), ("ar-C", 1), ("en-B", 2)):
        _put(g, lesson_id, lesuur)
    ne, gy = _copy(g, "ne-A"), _copy(g, "gy-C")
    assert g.try_slot(g.unit_of[ne], (0, 2))
    u = g.unit_of[_copy(g, "wi-B")]
    assert not g.place(u)
    assert kempe.swap_in(g, u)
    where = {name: _where(g, name) for name in ("wi-B", "wi-A", "ne-A", "gy-C", "ar-C", "en-B")}
    assert where == {"wi-B": 1, "wi-A": 2, "ne-A": 1, "gy-C": 1, "ar-C": 2, "en-B": 2}
    assert len(g.placed) == 5 and _bookkeeping_agrees(g) and g.option[ne] is not None and g.option[gy] is not None
    assert validate(plan, _timetable(plan, g)).hard_violations == 0
