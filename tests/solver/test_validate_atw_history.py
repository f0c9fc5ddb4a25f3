"""Validator tests for the Arbeidstijdenwet over several weeks (Staff.history), the report's "not
checked" section and the warnings for fixed rosters (docs/rules.md, "History" and "Fixed rosters")."""

from __future__ import annotations

import json

import pytest

from api import cli
from solver.domain import PlanError
from solver.io.views import htos_markdown
from solver.validate import validate
from tests.solver.factories import (
    WEEKDAYS, current_rosters, employer, hto, lesson, make_plan, make_timetable, place, shift, staff, work,
)

ALL_DAYS = [*WEEKDAYS, "sat", "sun"]
SHIFTS = [shift("early", "06:00", "14:00", ALL_DAYS), shift("night", "22:00", "06:00", ALL_DAYS),
          shift("evening", "18:00", "02:00", ALL_DAYS), shift("day12", "06:00", "18:00", ALL_DAYS)]
HISTORY_RULES = ["atw_average_4_weeks", "atw_average_16_weeks", "atw_nights_16_weeks"]


def _plan(roster, *, history=None, n_lessons=0, may_reroster=False, hto_teacher=True, others=(), policy=None):
    """Staff jdv (hto'er JDV unless hto_teacher is False) with the given current roster and history."""
    extra = {"history": history} if history is not None else {}
    people = [staff("jdv", roster, may_reroster=may_reroster, **extra), *others]
    return make_plan(lessons=[lesson(f"L{k}", "JDV", [f"G{k}"]) for k in range(1, n_lessons + 1)],
                     employers=[employer("E", SHIFTS, people)], teachers=["JDV"], periods_per_day=11,
                     htos=[hto("JDV", "JDV", "jdv", qualification="qualified",
                               release={"allowed_days": ALL_DAYS})] if hto_teacher else [],
                     policy=policy)


def _check(plan, placements=()):
    return validate(plan, make_timetable(list(placements), current_rosters(plan)))


def _lessons(day, numbers):
    return [place(f"L{k + 1}", day, n, "JDV") for k, n in enumerate(numbers)]


FIFTEEN_WEEKS_OF_50_HOURS = {"previous_weeks_minutes": [3000] * 15}
EARLY_MON_TUE = [("early", "mon"), ("early", "tue")]  # 960 minutes


# --- atw_average_16_weeks / atw_average_4_weeks ---------------------------------------------------

def test_sixteen_week_average_breached():
    """16 x 2880 - 15 x 3000 = 1080 minutes left; 960 of shifts and three lessons of 50 on wed
    (08:30-11:20 with the 20-minute break: W is 08:30-10:10 and 10:30-11:20, 150) make 1110: 30 too many."""
    report = _check(_plan(EARLY_MON_TUE, history=FIFTEEN_WEEKS_OF_50_HOURS, n_lessons=3), _lessons("wed", [1, 2, 3]))
    assert report.hard_by_rule() == {"atw_average_16_weeks": 1}
    violation = report.hard("atw_average_16_weeks")[0]
    assert violation.amount == 30
    assert violation.entities["minutes"] == 1110 and violation.entities["previous_minutes"] == 45000
    assert "at most 1080" in violation.message_en and "hooguit 1080" in violation.message_nl


def test_sixteen_week_average_at_the_limit_is_clean():
    """Two lessons (100 minutes) make 1060 <= 1080."""
    report = _check(_plan(EARLY_MON_TUE, history=FIFTEEN_WEEKS_OF_50_HOURS, n_lessons=2), _lessons("wed", [1, 2]))
    assert report.hard_by_rule() == {}
    assert report.not_checked == {"atw_nights_16_weeks": ["jdv"]}  # no previous_night_shifts given


def test_four_week_average_breached_by_the_last_three_weeks():
    """Last 3 weeks 3600 each: 4 x 3300 - 10800 = 2400 left; 5 x 8 h = 2400 plus a lesson of 50 outside
    the shifts (wed 14:20) is 50 too many. The 16 weeks (12 of them 0) leave plenty."""
    history = {"previous_weeks_minutes": [0] * 12 + [3600] * 3}
    roster = [("early", d) for d in WEEKDAYS]
    report = _check(_plan(roster, history=history, n_lessons=1), _lessons("wed", [7]))
    assert report.hard_by_rule() == {"atw_average_4_weeks": 1}
    assert report.hard("atw_average_4_weeks")[0].amount == 50
    # a lesson inside the wednesday shift (released for it) adds nothing: the shift counts whole
    plan = _plan(roster, history=history, n_lessons=1)
    rosters = [work("jdv", "early", d, released=[("wed", "08:30", "09:20")] if d == "wed" else ())
               for d in WEEKDAYS]
    assert validate(plan, make_timetable(_lessons("wed", [1]), rosters)).hard_by_rule() == {}


def test_history_breached_even_without_work_this_week():
    """15 weeks of 52 h are 780 h > 768 h: no week can repair it, the model refuses, the validator agrees."""
    report = _check(_plan([], history={"previous_weeks_minutes": [52 * 60] * 15}))
    assert report.hard_by_rule() == {"atw_average_16_weeks": 1}
    assert report.hard("atw_average_16_weeks")[0].amount == 15 * 52 * 60 - 16 * 48 * 60


# --- atw_nights_16_weeks ---------------------------------------------------------------------------

def test_night_shifts_ending_late_are_counted():
    """Two nights 22:00-06:00 (ending after 02:00) and 35 before: 37 > 36, one too many."""
    roster = [("night", "mon"), ("night", "thu")]
    report = _check(_plan(roster, history={"previous_night_shifts": 35}))
    assert report.hard_by_rule() == {"atw_nights_16_weeks": 1}
    violation = report.hard("atw_nights_16_weeks")[0]
    assert violation.amount == 1 and violation.entities["days"] == ["mon", "thu"]
    assert _check(_plan(roster, history={"previous_night_shifts": 34})).hard_by_rule() == {}


def test_evening_shifts_ending_at_two_are_not_counted():
    """18:00-02:00 has 2 h at night but ends at 02:00, not after: it is not one of the 36."""
    roster = [("evening", "mon"), ("evening", "wed"), ("night", "fri")]
    assert _check(_plan(roster, history={"previous_night_shifts": 35})).hard_by_rule() == {}
    assert _check(_plan(roster, history={"previous_night_shifts": 36})).hard_by_rule() == {"atw_nights_16_weeks": 1}


def test_re_rostered_staff_are_checked_as_failures():
    """A re-rosterable colleague (no hto'er) is under the law: breaches are hard violations."""
    plan = _plan([("night", "mon"), ("night", "tue")], history={"previous_night_shifts": 36},
                 may_reroster=True, hto_teacher=False)
    report = _check(plan)
    assert report.hard_by_rule() == {"atw_nights_16_weeks": 1}
    assert report.warnings == []


# --- not checked -----------------------------------------------------------------------------------

def test_not_checked_lists_each_rule_with_the_people_without_history():
    """jdv (hto'er) has 3 weeks only, col (re-rosterable) no history, fixed (fixed roster) is not under
    the law and not listed; the 4-week average is checked for jdv, so it lists col only."""
    others = [staff("col", [("early", "wed")], may_reroster=True), staff("fixed", [("early", "thu")])]
    report = _check(_plan(EARLY_MON_TUE, history={"previous_weeks_minutes": [3000] * 3}, others=others))
    assert report.not_checked == {"atw_average_4_weeks": ["col"], "atw_average_16_weeks": ["col", "jdv"],
                                  "atw_nights_16_weeks": ["col", "jdv"]}
    assert report.to_dict()["not_checked"] == report.not_checked
    full = {"previous_weeks_minutes": [3000] * 15, "previous_night_shifts": 0}
    assert _check(_plan(EARLY_MON_TUE, history=full)).not_checked == {}


# --- warnings for fixed rosters --------------------------------------------------------------------

def _fixed_breaking_plan():
    """Fixed-roster staff member 'fixed' (no hto'er) works 6 x 12 h = 72 h (> 60 h) with 36 nights before
    and one night: both Atw rules break on a roster nobody may change."""
    roster = [("day12", d) for d in ("mon", "tue", "wed", "thu", "fri", "sat")]
    fixed = staff("fixed", roster, history={"previous_night_shifts": 36})
    return make_plan(employers=[employer("E", SHIFTS, [fixed])], periods_per_day=2,
                     lessons=[lesson("L1", "T1")])


def test_fixed_roster_breaches_are_warnings_not_failures():
    plan = _fixed_breaking_plan()
    report = validate(plan, make_timetable([place("L1", "mon", 1)], current_rosters(plan)))
    assert report.ok and report.hard_violations == 0
    rules = {v.rule for v in report.warnings}
    assert {"atw_max_week", "atw_weekly_rest"} <= rules  # 6 x 12 h: no 36 h rest in the week either
    assert all(rule.startswith("atw_") for rule in rules) and "atw_nights_16_weeks" not in rules
    assert all(v.kind == "warning" and v.entities["staff"] == "fixed" for v in report.warnings)
    assert report.not_checked == {}  # nobody under the law here
    # a night shift on the roster makes the 37th night of 16 weeks: the history rules warn too
    plan.employers[0].staff[0].roster[5].shift = "night"
    report = validate(plan, make_timetable([place("L1", "mon", 1)], current_rosters(plan)))
    assert "atw_nights_16_weeks" in {v.rule for v in report.warnings} and report.ok


def test_cli_shows_warnings_and_not_checked_and_exits_0(tmp_path, capsys):
    """validate prints the warnings and the not-checked section in text and JSON; exit code 0."""
    plan = _fixed_breaking_plan()
    data = plan.model_dump(mode="json")
    data["employers"][0]["staff"].append(staff("col", [("early", "mon")], may_reroster=True))
    plan_path, tt_path = tmp_path / "plan.json", tmp_path / "tt.json"
    plan_path.write_text(json.dumps(data), encoding="utf-8")
    rosters = current_rosters(plan) + [{"employer": "E", "staff": "col", "shift": "early", "day": "mon"}]
    tt_path.write_text(make_timetable([place("L1", "mon", 1)], rosters).model_dump_json(), encoding="utf-8")
    warnings = len(validate(plan, make_timetable([place("L1", "mon", 1)], current_rosters(plan))).warnings)
    assert warnings >= 2
    assert cli.main(["validate", str(plan_path), str(tt_path), "--edited-plan"]) == 0
    out = capsys.readouterr().out
    assert f"Warnings, not counted / waarschuwingen, niet meegeteld: {warnings}" in out
    assert "atw_max_week (warning, 1)" in out
    assert "Not checked, no history" in out and "  atw_average_16_weeks: col" in out
    assert "Hard violations / harde overtredingen: 0" in out
    assert cli.main(["validate", str(plan_path), str(tt_path), "--edited-plan", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["hard_violations"] == 0 and len(report["warnings"]) == warnings
    assert report["warnings"][0]["kind"] == "warning"
    assert report["not_checked"] == {rule: ["col"] for rule in HISTORY_RULES}


# --- the history in the plan and the views ---------------------------------------------------------

def test_a_wrong_history_is_a_plan_error_naming_the_field():
    with pytest.raises(PlanError) as error:
        _plan([], history={"previous_weeks_minutes": [3000] * 16, "previous_night_shifts": 106})
    paths = {issue.path: issue.message for issue in error.value.issues}
    base = "employers[0].staff[0].history"
    assert "16 weeks; give the last 15" in paths[f"{base}.previous_weeks_minutes"]
    assert "more than one a day" in paths[f"{base}.previous_night_shifts"]
    with pytest.raises(PlanError) as error:
        _plan([], history={"previous_weeks_minutes": [3000, 10081]})
    assert [str(i) for i in error.value.issues] == [
        f"{base}.previous_weeks_minutes[1]: 10081 minutes is more than a week has (10080)"]


def test_the_hto_view_says_what_was_not_checked():
    plan = _plan(EARLY_MON_TUE, history={"previous_weeks_minutes": [3000] * 3})
    text = htos_markdown(plan, make_timetable([], current_rosters(plan)))
    assert "not checked, no history: atw_average_16_weeks, atw_nights_16_weeks" in text
    full = _plan(EARLY_MON_TUE, history={"previous_weeks_minutes": [3000] * 15, "previous_night_shifts": 2})
    assert "not checked" not in htos_markdown(full, make_timetable([], current_rosters(full)))
