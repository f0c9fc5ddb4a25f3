"""The rule catalogue's one-liners (solver/rules.py) take their numbers from the policy in force."""

from __future__ import annotations

import pytest

from solver.domain import Policy
from solver.rules import RULES, hours_text, rule_text


def test_default_policy_texts_are_the_catalogue_texts():
    """Rule.en and Rule.nl are the texts under the default policy, for every rule."""
    for name, rule in RULES.items():
        assert rule_text(name, Policy()) == rule_text(name, None) == rule.en
        assert rule_text(name, Policy(), "nl") == rule.nl
        assert "{" not in rule.en and "{" not in rule.nl


def test_default_numbers():
    assert rule_text("atw_max_week", Policy()) == "At most 60 hours of work in the week."
    assert rule_text("atw_daily_rest", Policy(), "nl") == "Na een dienst 11 uur rust; eens per week 8 uur."
    assert rule_text("unqualified_teaching_limit", Policy()) == \
        "An unqualified hto'er teaches at most 6 klokuren (360 minutes) a week."


def test_non_default_policy_in_english_and_dutch():
    policy = Policy(max_week_minutes=2700, unqualified_max_teaching_minutes=240, weekly_rest_minutes=40 * 60)
    assert rule_text("atw_max_week", policy) == "At most 45 hours of work in the week."
    assert rule_text("atw_max_week", policy, "nl") == "Hooguit 45 uur werk per week."
    assert rule_text("unqualified_teaching_limit", policy) == \
        "An unqualified hto'er teaches at most 4 klokuren (240 minutes) a week."
    assert rule_text("unqualified_teaching_limit", policy, "nl") == \
        "Een onbevoegde hto'er geeft hooguit 4 klokuren (240 minuten) per week les."
    assert rule_text("atw_weekly_rest", policy, "nl") == "40 uur onafgebroken rust per week."
    assert "60" not in rule_text("atw_max_week", policy) and "360" not in rule_text("unqualified_teaching_limit", policy)


def test_every_atw_number_follows_the_policy():
    policy = Policy(max_shift_minutes=600, dienst_separating_rest_minutes=540, daily_rest_minutes=720,
                    daily_rest_short_minutes=570, daily_rest_short_per_week=2, night_rest_minutes=15 * 60,
                    night_rest_after_end="03:00", night_series_length=4, night_series_rest_minutes=48 * 60)
    assert rule_text("atw_max_shift_duration", policy) == \
        "A dienst (all work between two rests of 9 h or more) lasts at most 10 hours."
    assert rule_text("atw_max_shift_duration", policy, "nl") == \
        "Een dienst (al het werk tussen twee rusttijden van minstens 9 uur) duurt hooguit 10 uur."
    assert rule_text("atw_daily_rest", policy) == "12 hours of rest after a dienst; twice a week 9.5 hours."
    assert rule_text("atw_daily_rest", policy, "nl") == "Na een dienst 12 uur rust; 2 keer per week 9,5 uur."
    assert rule_text("atw_rest_after_night", policy) == \
        "15 hours of rest after a night shift ending after 03:00; 48 hours after a series of 4+ nights."
    assert rule_text("atw_rest_after_night", policy, "nl") == \
        "15 uur rust na een nachtdienst die na 03:00 eindigt; 48 uur na een reeks van 4 of meer nachten."
    assert rule_text("atw_daily_rest", Policy(daily_rest_short_per_week=0)) == "11 hours of rest after a dienst."


def test_odd_limits_are_said_in_minutes():
    policy = Policy(unqualified_max_teaching_minutes=400, max_week_minutes=2710)
    assert rule_text("unqualified_teaching_limit", policy) == \
        "An unqualified hto'er teaches at most 400 minutes a week."
    assert rule_text("atw_max_week", policy, "nl") == "Hooguit 2710 minuten werk per week."
    assert rule_text("unqualified_teaching_limit", Policy(unqualified_max_teaching_minutes=390), "nl") == \
        "Een onbevoegde hto'er geeft hooguit 6,5 klokuren (390 minuten) per week les."


@pytest.mark.parametrize("minutes, en, nl", [(60, "1 hour", "1 uur"), (630, "10.5 hours", "10,5 uur"),
                                             (45, "45 minutes", "45 minuten")])
def test_hours_text(minutes, en, nl):
    assert hours_text(minutes) == en and hours_text(minutes, "nl") == nl


def test_rules_without_numbers_are_unchanged_by_the_policy():
    policy = Policy(max_week_minutes=2700, unqualified_max_teaching_minutes=240)
    for name in ("teacher_no_clash", "student_gaps", "grouped", "release_agreement"):
        assert rule_text(name, policy) == RULES[name].en and rule_text(name, policy, "nl") == RULES[name].nl
