"""The rules on an owner's day and week that the greedy keeps while it places (solver/constructive/idle.py,
issue 27): its test on a half-built timetable never turns away a lesson of a timetable that keeps the rules,
and a complete placement keeps them (the validator certifies it)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from solver.compile import compile_plan
from solver.constructive import construct, first_certified
from solver.constructive.greedy import Greedy
from solver.constructive.run import keeps_every_hard_rule
from solver.constructive.idle import IdleRules, holes, late, longest_run
from solver.decode import decode
from solver.domain import parse_plan
from solver.params import SolveParams
from solver.result import Result
from solver.validate import validate
from tests.solver.solve_helpers import greedy_breaks, lesson, only, plan_dict, solve_and_certify

DAY = ["08:30-09:20", "09:20-10:10", "10:30-11:20", "11:20-12:10", "12:10-13:00", "13:30-14:20"]
WEEK = {day: DAY for day in ("mon", "tue", "wed", "thu", "fri")}
EXAMPLES = Path("/usr/share/doc/fet-data/examples")

COMPACT_DAYS = [  # FET's usual student rules, a teacher rule, and limits on lesuren a day and in a row
    {"type": "max_gaps_per_week", "groups": ["A", "B", "C"], "max_gaps": 0},
    {"type": "early_max_beginnings_at_second_period", "groups": ["A", "B", "C"], "max_beginnings": 0},
    {"type": "min_periods_per_day", "groups": ["A", "B", "C"], "min_periods": 3, "allow_empty_days": False},
    {"type": "max_gaps_per_day", "teachers": ["T1", "T2", "T3", "T4"], "max_gaps": 2},
    {"type": "max_periods_continuously", "teachers": ["T1", "T2"], "max_periods": 3},
    {"type": "max_periods_per_day", "teachers": ["T3"], "max_periods": 4},
]


def compact_plan(constraints=COMPACT_DAYS):
    """Three classes of 24 lesuren in 30 places, four teachers: every class day starts at the first lesuur
    and has no gap."""
    lessons = []
    for group, spread in (("A", (8, 6, 6, 4)), ("B", (6, 8, 4, 6)), ("C", (4, 6, 8, 6))):
        for k, (teacher, count) in enumerate(zip(("T1", "T2", "T3", "T4"), spread)):
            lessons.append(lesson(f"{group}{k}", teacher, [group], subject=f"s{k}", count=count))
    data = plan_dict(periods=WEEK, lessons=lessons, weights=only())
    data["constraints"] = list(constraints)
    return parse_plan(data)


def test_gaps_late_lesuren_and_runs_of_a_day_mask():
    free = 0b111111
    assert holes(0b101001, free) == 3 and holes(0b101001, 0b100001) == 0  # unavailable lesuren are no gaps
    assert holes(0, free) == 0 and holes(0b1000, free) == 0
    assert late(0b110000, free) == 4 and late(0b110000, 0b110011) == 2 and late(0, free) == 0
    assert longest_run(0b0111011, 0) == 3 and longest_run(0b0111011, 0b0010000) == 2  # a break cuts a run


def test_every_placement_of_a_timetable_that_keeps_the_rules_is_let_in():
    """The test is only a bound: laying a certified timetable down lesson by lesson, in any order, it never
    turns one away (else the greedy would miss timetables that exist)."""
    plan = compact_plan()
    outcome = solve_and_certify(plan, constructive=False)  # CP-SAT's timetable, certified
    data = compile_plan(plan)
    options = outcome.result.solution.options
    for seed in range(5):
        idle = IdleRules(data, list(range(len(data.copies))))
        order = list(range(len(data.copies)))
        random.Random(seed).shuffle(order)
        for c in order:
            option = data.copies[c].options[options[c]]
            assert not idle.failing(c, option), (seed, c)
            idle.put(c, option)
        assert all(week.remaining == 0 for week in idle.weeks)


def test_the_greedy_keeps_gaps_late_starts_and_lesuren_a_day():
    plan = compact_plan()
    data = compile_plan(plan)
    assert keeps_every_hard_rule(data)
    for seed in range(4):
        solution = construct(data, seconds=10.0, seed=seed)
        assert solution is not None, seed
        timetable = decode(plan, data, Result(status="FEASIBLE", solution=solution))
        assert validate(plan, timetable).hard_violations == 0, seed
    first = first_certified(plan, data, SolveParams(seed=1, deterministic_time=10).starting_now())  # in steps
    assert first is not None and validate(plan, first.timetable).hard_violations == 0


def test_without_the_week_test_the_greedy_breaks_those_rules(monkeypatch):
    """What keeps the rules is the test: with it switched off, the same greedy leaves gaps, short days, and
    too many lesuren a day and in a row."""
    monkeypatch.setattr(IdleRules, "failing", lambda *a, **k: {})
    broken = greedy_breaks(compact_plan())
    assert broken >= {"max_gaps_per_week", "min_periods_per_day", "max_periods_continuously", "max_periods_per_day"}


def test_the_greedy_keeps_same_starting_day_and_not_overlapping():
    lessons = [lesson("wi-A", "T1", ["A"], count=3), lesson("ne-B", "T2", ["B"], count=3, subject="ne"),
               lesson("en-C", "T3", ["C"], count=4, subject="en"), lesson("gs-D", "T4", ["D"], count=4, subject="gs")]
    data = plan_dict(periods=WEEK, lessons=lessons, weights=only())
    data["constraints"] = [{"type": "same_starting_day", "lessons": ["wi-A", "ne-B"]},
                           {"type": "not_overlapping", "lessons": ["en-C", "gs-D", "wi-A"]}]
    plan = parse_plan(data)
    compiled = compile_plan(plan)
    assert keeps_every_hard_rule(compiled)
    for seed in range(3):
        solution = construct(compiled, seconds=5.0, seed=seed)
        assert solution is not None
        timetable = decode(plan, compiled, Result(status="FEASIBLE", solution=solution))
        assert validate(plan, timetable).hard_violations == 0
        at = {(p.lesson, p.copy): (p.day, p.period) for p in timetable.placements}
        assert all(at[("wi-A", k)][0] == at[("ne-B", k)][0] for k in range(3))
        taken = [at[key] for key in at if key[0] in ("en-C", "gs-D", "wi-A")]
        assert len(taken) == len(set(taken)) == 11


def test_a_greedy_that_cannot_free_a_week_gives_up_rather_than_break_it():
    """One class, four lesuren, no late start and at least 3 lesuren on every day: nothing fits, the greedy
    says so (None), and the repair never returns a unit's place that leaves the week uncompletable."""
    data = plan_dict(periods=WEEK, lessons=[lesson("L", "T1", ["A"], count=4)], weights=only())
    data["constraints"] = [{"type": "min_periods_per_day", "groups": ["A"], "min_periods": 3,
                            "allow_empty_days": False}]
    compiled = compile_plan(parse_plan(data))
    assert construct(compiled, seconds=2.0) is None
    g = Greedy(compiled)
    assert not g.place(0) and g.repair(0, {}, 6) is None and not g.placed


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="fet-data is not installed")
def test_a_real_school_with_compact_student_days_gets_its_first_timetable_from_the_greedy():
    """Tg-Mures 2006-2007: students have no gaps in the week. Before, the greedy could not keep that and
    CP-SAT needed ~1 s; now the greedy's timetable is certified (its budget in steps: whatever the load)."""
    from solver.io.fet_import import import_fet

    plan = import_fet(EXAMPLES / "FET-5-official/Romania/Pedagogic-High-School-Tg-Mures/2006-2007.fet").plan
    data = compile_plan(plan)
    assert keeps_every_hard_rule(data)
    first = first_certified(plan, data, SolveParams(time_limit=60, deterministic_time=60).starting_now())
    assert first is not None
    assert validate(plan, first.timetable).hard_violations == 0


def test_the_quick_check_agrees_with_the_blockers_under_day_and_week_rules():
    """`_fits` is `_blockers(..., 0) == set()` here too: a week the option would leave uncompletable is in
    the way for both, and the repair (limit 6) may name the units whose taking out mends it."""
    data = compile_plan(compact_plan())
    g = Greedy(data, seed=2)
    for u in range(0, len(g.units), 2):
        g.place(u)
    answers = [(g._fits(c, o), g._blockers(c, o, 0) == set())
               for c, copy in enumerate(data.copies) if g.option[c] is None for o in copy.options]
    assert all(fits == free for fits, free in answers)
    assert {fits for fits, _ in answers} == {True, False}
    unfit = [(c, o) for c, copy in enumerate(data.copies) if g.option[c] is None for o in copy.options
             if not g._fits(c, o) and g.idle.failing(c, o) and g._blockers(c, o, 0, idle=False) == set()]
    assert unfit  # places free of clashes that only a week rule turns away
    freed = [b for c, o in unfit if (b := g._blockers(c, o, 6))]
    assert freed and all(b <= g.placed for b in freed)
