"""Explanations and messages name the week of the cycle (issue 21): a guard key that ends with a horizon
week, and the phrase the validator's messages use ("in week 2 of the horizon (school week B, week 2 of
metaal-hengelo's rotation)")."""

from __future__ import annotations

from solver.explain.claims import short_label
from solver.explain.text import describe
from solver.validation.horizon import HorizonInfo, plan_week_phrase
from tests.solver.cycles_factories import make_cycle_plan, rotating_staff
from tests.solver.factories import WEEKDAYS, demand, employer, hto, lesson, shift

SHIFTS = [shift("early", "06:00", "14:00"), shift("late", "14:00", "22:00")]
EARLY_LATE = [("early", d, 1) for d in WEEKDAYS] + [("late", d, 2) for d in WEEKDAYS]


def _plan(days=WEEKDAYS, cycle=None, own=None, roster=EARLY_LATE):
    person = rotating_staff("jdv", roster, **({"cycle": own} if own else {}))
    return make_cycle_plan(
        lessons=[lesson("L1", "JDV", ["G1"])],
        employers=[employer("metaal-hengelo", SHIFTS, [person], cycle=cycle or {"weeks": 2},
                            demand=[demand("operator", "tue", "14:00", "22:00")])],
        htos=[hto("JDV", "JDV", "jdv", employer="metaal-hengelo", qualification="qualified")],
        teachers=["JDV"], days=days)


def test_the_phrase_names_the_horizon_week_the_school_week_and_the_rotation():
    plan = _plan(days=[*WEEKDAYS, *(f"{d}2" for d in WEEKDAYS)])
    person = plan.employers[0].staff[0]
    assert plan_week_phrase(plan, 2, "en", "metaal-hengelo") == \
        "in week 2 of the horizon (school week B, week 2 of metaal-hengelo's rotation)"
    assert plan_week_phrase(plan, 2, "nl", "metaal-hengelo", person) == \
        "in week 2 van de horizon (schoolweek B, week 2 van de rotatie van metaal-hengelo)"
    assert plan_week_phrase(plan, [1, 2], "en") == "in weeks 1 and 2 of the horizon (school week A/B)"
    assert plan_week_phrase(plan, [1, 2], "nl") == "in week 1 en 2 van de horizon (schoolweek A/B)"


def test_a_rotation_of_the_persons_own_is_named_as_theirs():
    """A 4-week rotation of jdv's own beside the employer's 2 weeks: horizon week 3 is jdv's week 3."""
    plan = _plan(own={"weeks": 4})
    person = plan.employers[0].staff[0]
    assert HorizonInfo(plan).weeks == 4
    assert plan_week_phrase(plan, 3, "en", "metaal-hengelo", person) == \
        "in week 3 of the horizon (week 3 of jdv's own rotation)"
    assert plan_week_phrase(plan, 3, "nl", "metaal-hengelo", person) == \
        "in week 3 van de horizon (week 3 van de eigen rotatie van jdv)"


def test_a_plan_of_one_week_adds_no_phrase():
    plan = _plan(cycle={"weeks": 1}, roster=EARLY_LATE[:5])
    assert plan_week_phrase(plan, 1, "en", "metaal-hengelo") == ""


def test_a_staffing_key_with_a_week_names_it_and_that_weeks_shifts():
    """("staffing_demand", employer, demand, week): in week 2 jdv works the late shift, in week 1 the early."""
    plan = _plan()
    entities, nl, en = describe(plan, ("staffing_demand", "metaal-hengelo", 0, 2), [])
    assert en.startswith("In week 2 of the horizon (week 2 of metaal-hengelo's rotation): At metaal-hengelo, 1 person")
    assert nl.startswith("In week 2 van de horizon (week 2 van de rotatie van metaal-hengelo): Bij metaal-hengelo")
    assert "late Tue 14:00–22:00" in en and "early" not in en
    assert entities["week"] == 2 and entities["demand"] == 0
    _, _, first = describe(plan, ("staffing_demand", "metaal-hengelo", 0, 1), [])
    assert first.startswith("In week 1 of the horizon") and "early" not in first and "no shift" in first
    _, nl_plain, en_plain = describe(plan, ("staffing_demand", "metaal-hengelo", 0), [])  # no week: as before
    assert en_plain.startswith("At metaal-hengelo") and nl_plain.startswith("Bij metaal-hengelo")


def test_a_labour_law_key_with_a_week_names_the_roster_of_that_week():
    plan = _plan()
    entities, nl, en = describe(plan, ("atw_daily_rest", "jdv", 1), [])
    assert en.startswith("In week 1 of the horizon (week 1 of metaal-hengelo's rotation): Working Hours Act for JDV")
    assert "JDV works early 06:00–14:00 Mon–Fri." in en and "late" not in en
    assert nl.startswith("In week 1 van de horizon (week 1 van de rotatie van metaal-hengelo): Arbeidstijdenwet")
    assert entities == {"staff": "jdv", "week": 1}
    assert short_label(plan, ("atw_daily_rest", "jdv", 2), "en") == "JDV, week 2 [atw_daily_rest]"
    _, _, outside = describe(plan, ("atw_daily_rest", "jdv", 7), [])  # no week 7 in the horizon: no phrase
    assert outside.startswith("Working Hours Act for JDV")


def test_a_release_key_with_a_week():
    plan = _plan()
    entities, _, en = describe(plan, ("release_agreement", "JDV", 2), [])
    assert en.startswith("In week 2 of the horizon (week 2 of metaal-hengelo's rotation): Agreement with JDV's")
    assert entities["week"] == 2
