"""Hard consecutive and grouped in the greedy (solver/constructive/units.py, blocks.py, issue 27): the
copies that must stand back to back are placed as one unit, each at its offset; what the greedy places
keeps the rules, and is certified."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.compile import compile_plan
from solver.constructive import construct
from solver.constructive.blocks import Blocks
from solver.constructive.run import keeps_every_hard_rule
from solver.constructive.units import units
from solver.decode import decode
from solver.domain import parse_plan
from solver.result import Result
from solver.validate import validate
from tests.solver.solve_helpers import greedy_breaks, lesson, only, plan_dict

DAY = ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True), "11:20-12:10", "12:10-13:00"]
WEEK = {day: DAY for day in ("mon", "tue", "wed", "thu")}
EXAMPLES = Path("/usr/share/doc/fet-data/examples")

BLOCKS = [
    {"type": "consecutive", "first": "la-A", "second": "pr-A"},  # a double lesson first, then a single
    {"type": "grouped", "lessons": ["gy-B", "sw-B", "mu-B"]},
    {"type": "grouped", "lessons": ["ar-C", "dr-C"]},
    {"type": "same_starting_time", "lessons": ["gy-B", "gy-C"]},  # pulls C's gym into B's block
]


def block_plan(constraints=BLOCKS):
    """Three classes, 15 to 17 lesuren of 20 each, four teachers; blocks of two and three lessons."""
    lessons = [lesson("la-A", "T1", ["A"], count=2, duration=2), lesson("pr-A", "T2", ["A"], count=2),
               lesson("wi-A", "T3", ["A"], count=5), lesson("ne-A", "T4", ["A"], count=4),
               lesson("gy-B", "T1", ["B"], count=2), lesson("sw-B", "T2", ["B"], count=2),
               lesson("mu-B", "T3", ["B"], count=2), lesson("wi-B", "T4", ["B"], count=9),
               lesson("gy-C", "T2", ["C"], count=2), lesson("ar-C", "T3", ["C"], count=3),
               lesson("dr-C", "T4", ["C"], count=3), lesson("wi-C", "T1", ["C"], count=7)]
    data = plan_dict(periods=WEEK, lessons=lessons, weights=only(), rooms=["R1", "R2", "R3", "R4"])
    data["constraints"] = [dict(c, weight=None) for c in constraints]
    return parse_plan(data)


def _copies(data, lesson_id):
    return next(lesson.copies for lesson in data.lessons if lesson.id == lesson_id)


def test_blocks_become_units_with_each_copy_at_its_offset():
    data = compile_plan(block_plan())
    found, offset = units(data)
    unit_of = {c: unit for unit in found for c in unit}
    for k in range(2):
        la, pr = _copies(data, "la-A")[k], _copies(data, "pr-A")[k]
        assert set(unit_of[la]) == {la, pr} and offset.get(la, 0) == 0 and offset[pr] == 2  # after the double
        gy, sw, mu, gy_c = (_copies(data, name)[k] for name in ("gy-B", "sw-B", "mu-B", "gy-C"))
        assert set(unit_of[gy]) == {gy, sw, mu, gy_c}  # copy k with copy k, as the rules are copy-wise
        assert (offset.get(gy, 0), offset[sw], offset[mu], offset.get(gy_c, 0)) == (0, 1, 2, 0)
    assert unit_of[_copies(data, "ar-C")[2]] == (_copies(data, "ar-C")[2], _copies(data, "dr-C")[2])


def test_a_relation_that_would_give_a_copy_two_places_is_left_to_the_check():
    """pr-A right after la-A and also at la-A's start: one relation cannot hold in a unit. The unit keeps
    the same start, which nothing else in the greedy checks; the check gets the consecutive one."""
    clash = BLOCKS + [{"type": "same_starting_time", "lessons": ["la-A", "pr-A"]}]
    data = compile_plan(block_plan(clash))
    found, offset = units(data)
    la, pr = _copies(data, "la-A")[0], _copies(data, "pr-A")[0]
    assert offset.get(pr, 0) == offset.get(la, 0) and any({la, pr} <= set(unit) for unit in found)
    unit_of = {c: i for i, unit in enumerate(found) for c in unit}
    assert (pr, True) in Blocks(data, unit_of, offset).consecutive[la]


def test_a_same_start_in_a_circle_with_blocks_is_kept_by_the_unit():
    """A circle: same start gy-B/gy-C (in BLOCKS), gy-B grouped before sw-B, and a same start sw-B/gy-C
    listed last. Joined in listed order, that last same start was dropped and nothing checked it; joined
    first, gy-B, gy-C and sw-B share a start and the grouped relation goes to the check."""
    circle = BLOCKS + [{"type": "same_starting_time", "lessons": ["sw-B", "gy-C"]}]
    data = compile_plan(block_plan(circle))
    _, offset = units(data)
    gy, sw, gy_c = (_copies(data, name)[0] for name in ("gy-B", "sw-B", "gy-C"))
    assert offset.get(gy, 0) == offset.get(sw, 0) == offset.get(gy_c, 0)


@pytest.mark.parametrize("seed", range(4))
def test_the_greedy_keeps_consecutive_and_grouped_and_is_certified(seed):
    plan = block_plan()
    data = compile_plan(plan)
    assert keeps_every_hard_rule(data)
    solution = construct(data, seconds=10.0, seed=seed)
    assert solution is not None
    report = validate(plan, decode(plan, data, Result(status="FEASIBLE", solution=solution)))
    assert report.hard_violations == 0


def test_without_the_units_and_the_check_the_greedy_breaks_them(monkeypatch):
    """What keeps the rules is the units and the check: without both, the same greedy parts the blocks."""
    monkeypatch.setattr("solver.constructive.greedy.units", lambda d: ([(c,) for c in range(len(d.copies))], {}))
    monkeypatch.setattr(Blocks, "misplaced", lambda *a: [])
    broken = greedy_breaks(block_plan())
    assert broken >= {"consecutive", "grouped"}


def test_the_check_names_partners_in_the_wrong_place():
    """Placed one by one (a relation left out of the units), a partner on another day, overlapping, or
    too far away to close the block is in the way."""
    data = compile_plan(block_plan())
    blocks = Blocks(data, {}, {})  # no units: every relation checked
    gy, sw, mu = (_copies(data, name)[0] for name in ("gy-B", "sw-B", "mu-B"))
    la, pr = _copies(data, "la-A")[0], _copies(data, "pr-A")[0]

    def option(c, day, first):
        return next(k for k, o in enumerate(data.copies[c].options) if (o.day, o.first) == (day, first))

    placed = [None] * len(data.copies)
    placed[gy] = option(gy, 0, 1)
    at = data.copies[sw].options
    assert blocks.misplaced(sw, at[option(sw, 0, 2)], placed) == []
    assert blocks.misplaced(sw, at[option(sw, 1, 2)], placed) == [gy]  # another day
    assert blocks.misplaced(sw, at[option(sw, 0, 1)], placed) == [gy]  # the same lesuur
    assert blocks.misplaced(sw, at[option(sw, 0, 4)], placed) == [gy]  # a hole of two: no block of three
    placed[mu] = option(mu, 0, 3)
    assert blocks.misplaced(sw, at[option(sw, 0, 2)], placed) == []  # 1-2-3: a block (over the break)
    placed[la] = option(la, 2, 1)
    assert blocks.misplaced(pr, data.copies[pr].options[option(pr, 2, 3)], placed) == []
    assert blocks.misplaced(pr, data.copies[pr].options[option(pr, 2, 5)], placed) == [la]  # not right after


@pytest.mark.skipif(not EXAMPLES.exists(), reason="FET's examples (fet-data) are not installed")
def test_a_real_school_with_a_consecutive_rule_gets_its_first_timetable_from_the_greedy():
    """Spain's secondary-school: one hard consecutive rule, which the greedy broke before (its timetable
    was dropped and CP-SAT needed ~1.7 s); now its timetable is certified."""
    from solver.io.fet_import import import_fet

    plan = import_fet(EXAMPLES / "FET-5-official/Spain/2-secondary-school/secondary-school.fet").plan
    data = compile_plan(plan)
    assert keeps_every_hard_rule(data)
    solution = construct(data, seconds=60.0, seed=0, max_steps=40_000)
    assert solution is not None
    report = validate(plan, decode(plan, data, Result(status="FEASIBLE", solution=solution)))
    assert report.hard_violations == 0
