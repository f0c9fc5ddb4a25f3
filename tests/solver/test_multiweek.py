"""A school cycle of several weeks (A/B-week timetables): days mon .. sun, then mon2 .. sun4.

Day index i is minute i * 1440 on the line (solver/timeline.py), so every school rule works on a
cycle as on a week; a company's shifts stay on the days of a calendar week (a plan error says so), and
an hto'er's company side is planned over the horizon (issue 21, tests/solver/test_solve_cycles*.py).
"""

from __future__ import annotations

import pytest

from solver.domain import PlanError, parse_plan
from solver.domain.plan import Plan
from solver.io import views
from solver.timeline import DAY_NAMES_NL, DAYS, DAYS_NL, WEEK_MINUTES, at, fmt_week_minute
from tests.solver.factories import employer, hto, lesson, make_plan, shift, staff
from tests.solver.solve_helpers import solve_and_certify

TEN = list(DAYS[:10])  # mon .. sun, mon2, tue2, wed2


def test_day_codes_of_a_four_week_cycle():
    """28 codes built from the week: week 1 plain, weeks 2-4 with their number; index i is minute i*1440."""
    assert len(DAYS) == len(DAYS_NL) == len(DAY_NAMES_NL) == 28
    assert DAYS[:8] == ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "mon2") and DAYS[-1] == "sun4"
    assert (DAYS_NL[7], DAY_NAMES_NL[7], DAY_NAMES_NL[27]) == ("ma2", "maandag (week 2)", "zondag (week 4)")
    assert at("mon2", 0) == WEEK_MINUTES == 10080
    assert fmt_week_minute(at("tue2", 510)) == "tue2 08:30"


def test_ten_day_cycle_loads_solves_and_validates():
    """Ten school days: copies 8 days apart land in both weeks, a lock on wed2 holds, all certified."""
    lessons = [
        lesson("L1", "T1", ["1A"], count=2, min_days_apart=8),
        lesson("L2", "T2", ["1A"], lock={"slot": True}, current=[{"copy": 0, "day": "wed2", "period": 2}]),
        lesson("L3", "T2", ["1B"], count=9),
    ]
    teachers = [{"id": "T1", "unavailable": [{"day": "mon", "start": "08:00", "end": "18:00"}]},
                {"id": "T2", "max_days_per_week": 9}]
    plan = make_plan(lessons=lessons, teachers=teachers, days=TEN, periods_per_day=2)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    placed = {(p.lesson, p.copy): (p.day, p.period) for p in outcome.timetable.placements}
    assert sorted(placed[("L1", c)][0] for c in range(2)) == ["tue", "wed2"]  # T1 not on mon: 1 and 9
    assert placed[("L2", 0)] == ("wed2", 2)
    assert len({placed[("L3", c)][0] for c in range(9)} | {"wed2"}) <= 9  # T2 on at most 9 days


def test_views_show_the_days_the_school_uses_in_order():
    """The grid of a ten-day cycle has its ten days in cycle order, labelled with the week number."""
    plan = make_plan(lessons=[lesson("L1", "T1", ["1A"], current=[{"copy": 0, "day": "tue2", "period": 1}])],
                     days=["mon2", "mon", "tue2", "tue"], periods_per_day=1)
    timetable = solve_and_certify(plan).timetable
    grid = views.group_grids(plan, timetable)[0]
    assert grid.days == ["mon", "tue", "mon2", "tue2"]
    assert "ma2 / Mon2" in views.groups_markdown(plan, timetable)


def _plan_data(**changes) -> dict:
    data = make_plan(lessons=[lesson("L1", "T1", ["1A"])], days=TEN, periods_per_day=1).model_dump(mode="json")
    data.update(changes)
    return data


def test_a_bad_day_names_the_field():
    """An unknown day code is a plan error at its field path, saying which codes exist."""
    data = _plan_data()
    data["schools"][0]["periods"][0]["day"] = "mon5"
    with pytest.raises(PlanError) as error:
        parse_plan(data)
    issue = error.value.issues[0]
    assert issue.path == "schools[0].periods[0].day"
    assert "'mon5' is not a day" in issue.message and "sun4" in issue.message


def test_companies_stay_on_one_calendar_week():
    """A shift on mon2 is an error at its field; an hto'er with a school cycle of two weeks is fine (issue 21)."""
    company = employer("E", shifts=[shift("day", "07:00", "15:00", days=["mon", "mon2"])],
                       staff=[staff("s1")])
    with pytest.raises(PlanError) as error:
        parse_plan(_plan_data(employers=[company]))
    assert [i.path for i in error.value.issues] == ["employers[0].shifts[0].days[1]"]

    company["shifts"][0]["days"] = ["mon"]
    data = _plan_data(employers=[company], htos=[hto("h1", "T1", "s1")])
    assert isinstance(parse_plan(data), Plan)
