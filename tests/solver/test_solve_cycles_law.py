"""The rules per horizon week (issue 21, docs/rules.md "Cycles and the horizon"): the week limits of the
Arbeidstijdenwet count each week on its own, the history rules run on through the horizon's weeks, the
release agreement holds in each school week, and a mark costs in every week that meets it.

Timetables are certified week by week (tests/solver/test_solve_cycles.py, `certify`)."""

from __future__ import annotations

import pytest

from tests.solver.solve_helpers import employer, hto, lesson, only, shift, tiny_plan
from tests.solver.test_solve_cycles import rotation, slots, solve

DAY = shift("day", "08:00", "16:00", days=["mon", "tue", "wed", "thu", "fri", "sat"])  # 7.5 h of work
LATE, EARLY = shift("late", "14:00", "22:00"), shift("early", "06:00", "14:00")


def _hto_plan(weeks: dict[int, list[tuple[str, str]]], *, shifts=(DAY,), policy=None, history=None, **kw):
    """A fixed hto'er H on a rotation of len(weeks) weeks (no lessons unless given): the law alone."""
    person = rotation("H", weeks, **({"history": history} if history is not None else {}))
    return tiny_plan(
        periods={"mon": ["08:30-09:20"]},
        lessons=kw.pop("lessons", []),
        employers=[dict(employer(list(shifts), [person]), cycle={"weeks": len(weeks)})],
        htos=[hto("H", "H", **kw.pop("hto", {}))],
        policy=policy,
        weights=kw.pop("weights", only()),
        **kw,
    )


def _days(n: int) -> list[tuple[str, str]]:
    return [("day", d) for d in ("mon", "tue", "wed", "thu", "fri", "sat")[:n]]


def test_the_week_maximum_counts_each_week_on_its_own():
    """Two weeks of 30 h (4 day shifts of 7.5 h) keep a maximum of 40 h a week, though they make 60 h together;
    a week of 45 h (6 shifts) does not."""
    policy = {"max_week_minutes": 2400}
    solve(_hto_plan({1: _days(4), 2: _days(4)}, policy=policy))
    solve(_hto_plan({1: _days(6), 2: _days(2)}, policy=policy), expect="INFEASIBLE")


def test_shorter_daily_rests_count_per_week():
    """A late shift followed by an early one leaves 8 h of rest, a shorter daily rest, allowed once a week:
    once in each of two weeks is legal, twice in one week is not."""
    once = [("late", "mon"), ("early", "tue")]
    twice = once + [("late", "wed"), ("early", "thu")]
    solve(_hto_plan({1: once, 2: once}, shifts=(LATE, EARLY)))
    solve(_hto_plan({1: twice, 2: []}, shifts=(LATE, EARLY)), expect="INFEASIBLE")


@pytest.mark.parametrize("history, expect", [
    (None, "OPTIMAL"),  # no history: the rules over several weeks are not checked
    ({"previous_weeks_minutes": []}, "INFEASIBLE"),  # weeks 1-4 of the horizon are a whole window
    ({"previous_weeks_minutes": [0, 0, 0]}, "INFEASIBLE"),
])
def test_the_four_week_average_runs_through_the_horizon(history, expect):
    """Four weeks of 37.5 h (5 day shifts) under an average of 33 h 20 (2000 minutes): week 4's window is
    horizon weeks 1-4 with 9000 minutes, over 4 x 2000. Given a history, the window is checked even when the
    history has fewer than 3 weeks (it needs none of them for week 4); without one it is not."""
    plan = _hto_plan({w: _days(5) for w in (1, 2, 3, 4)}, policy={"max_average_4_weeks_minutes": 2000},
                     history=history)
    solve(plan, expect=expect)


def test_one_week_with_a_short_history_is_not_judged_by_the_average():
    """The same week with a history of no weeks and one week of a horizon: the 4-week window reaches three
    weeks before it that nobody gave, so it is not checked (as before issue 21)."""
    plan = _hto_plan({1: _days(5)}, policy={"max_average_4_weeks_minutes": 2000},
                     history={"previous_weeks_minutes": []})
    solve(plan)


def _ab_plan(week_a: int, week_b: int, max_minutes: int):
    """An A/B school; H teaches week_a lessons (locked on Monday ... of week A) and week_b in week B, with a
    release of at most max_minutes a week; H works no shift."""
    days_a, days_b = ["mon", "tue", "wed"], ["mon2", "tue2", "wed2"]
    lessons = [lesson(f"A{k}", "H", lock={"slot": True}, current=[{"copy": 0, "day": days_a[k], "period": 1}])
               for k in range(week_a)]
    lessons += [lesson(f"B{k}", "H", lock={"slot": True}, current=[{"copy": 0, "day": days_b[k], "period": 1}])
                for k in range(week_b)]
    return tiny_plan(
        periods={d: ["08:30-09:20"] for d in days_a + days_b},
        lessons=lessons,
        employers=[employer([DAY], [rotation("H", {1: []})])],
        htos=[hto("H", "H", release={"max_teaching_minutes_per_week": max_minutes})],
        weights=only(),
    )


def test_the_release_maximum_holds_in_each_school_week():
    """Two lessons of 50 minutes in week A and two in week B keep a release of 100 minutes a week (200 over
    the cycle); three in week A do not."""
    outcome = solve(_ab_plan(2, 2, 100))
    assert [day for day, _ in slots(outcome, "B0")] == ["mon2"]
    solve(_ab_plan(3, 1, 100), expect="INFEASIBLE")


def test_a_preference_mark_costs_in_every_week_that_meets_it():
    """A mark of weight 5 on Monday morning (level preference) meets H's locked Monday lesson in both weeks
    of the rotation: 2 x 5."""
    plan = _hto_plan({1: [], 2: []},
                     lessons=[lesson("L", "H", lock={"slot": True}, current=[{"copy": 0, "day": "mon", "period": 1}])],
                     marks=[{"staff": "H", "day": "mon", "start": "08:00", "end": "12:00", "level": "preference"}],
                     weights=only(sme_unavailable_preference=1))
    assert solve(plan).result.objective == 10


@pytest.mark.parametrize("demand_week, expect", [(2, "OPTIMAL"), (1, "INFEASIBLE")])
def test_a_shift_runs_only_in_the_weeks_of_its_cycle(demand_week, expect):
    """A Saturday shift that runs in week 2 of the employer's cycle only (ShiftDef.weeks): a re-rosterable
    colleague may take it to meet Saturday's demand of week 2, but no shift covers Saturday in week 1."""
    weekday, saturday = shift("day", "08:00", "16:00"), shift("sat", "08:00", "16:00", days=["sat"], weeks=[2])
    colleague = rotation("C", {1: [("day", "mon")], 2: [("day", "mon")]}, may_reroster=True)  # 8 h a week
    plan = tiny_plan(
        periods={"mon": ["08:30-09:20"]},
        employers=[dict(employer([weekday, saturday], [colleague],
                                 [{"skill": "op", "day": "sat", "start": "09:00", "end": "13:00", "min_staff": 1,
                                   "weeks": [demand_week]}]), cycle={"weeks": 2})],
        weights=only(),
    )
    outcome = solve(plan, expect=expect)
    if outcome.timetable is not None:  # C moves from Monday to Saturday in week 2 only
        assert sorted((r.week, r.shift, r.day) for r in outcome.timetable.rosters) == [(1, "day", "mon"), (2, "sat", "sat")]
