"""Tiny solves for the Arbeidstijdenwet over several weeks (docs/rules.md, "History"): the 4-week and
16-week averages and the night shifts in 16 weeks, with a person's Staff.history.

The hto'er H (teacher H, staff H of employer E, fixed roster) teaches lessons of 60 minutes on
Wednesday; their shifts and lessons are their week's work W. Weights are 0, so the objective is 0
whenever a timetable exists; every timetable is certified by the validator (solve_and_certify).
"""

from __future__ import annotations

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, roster, shift, slot_of, solve_and_certify, staff, tiny_plan,
)
from tests.solver.test_explain import explained

ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WED = {"wed": ["09:00-10:00", "10:00-11:00", "11:00-12:00"]}
# Shifts without pauses, and the pause rule (atw_breaks) off: these tests count whole shifts as work.
EARLY_MON_TUE = ([shift("early", "06:00", "14:00", pauses=[])], [("early", "mon"), ("early", "tue")])  # 2 x 480 = 960
NO_BREAKS = {"break_minutes": 0, "long_break_minutes": 0}


def hto_plan(n_lessons: int, history: dict | None, shifts=EARLY_MON_TUE, policy=None, periods=WED):
    """H with the given fixed roster and history teaches L1..Ln (60 minutes each, all on Wednesday)."""
    extra = {"history": history} if history is not None else {}
    return tiny_plan(periods=periods, policy={**NO_BREAKS, **(policy or {})},
                     lessons=[lesson(f"L{k}", "H", [f"G{k}"]) for k in range(1, n_lessons + 1)],
                     employers=[employer(shifts[0], [staff("H", shifts[1], **extra)])],
                     htos=[hto(release={"allowed_days": ALL_DAYS})])


FIFTEEN_WEEKS_OF_50_HOURS = {"previous_weeks_minutes": [50 * 60] * 15}


# --- atw_average_16_weeks ------------------------------------------------------------------------

def test_atw_average_16_weeks_fifty_hours_for_fifteen_weeks_leaves_eighteen():
    """15 previous weeks of 50 h each leave at most 18 h this week:
    16-week rule: 16 x 48 h - 15 x 50 h = 768 h - 750 h = 18 h (1080 minutes);
    4-week rule:   4 x 55 h -  3 x 50 h = 220 h - 150 h = 70 h, so the 16-week rule binds.
    H's roster is 2 x 8 h = 960 minutes; three 60-minute lessons make 1140 > 1080 (refused),
    two make exactly 1080 (accepted)."""
    solve_and_certify(hto_plan(3, FIFTEEN_WEEKS_OF_50_HOURS), expect="INFEASIBLE")
    outcome = solve_and_certify(hto_plan(2, FIFTEEN_WEEKS_OF_50_HOURS), expect="OPTIMAL")
    assert {slot_of(outcome, lid)[0] for lid in ("L1", "L2")} == {"wed"}
    # the history is what refuses: without it, or with 14 weeks only (not checked), three lessons fit
    solve_and_certify(hto_plan(3, None), expect="OPTIMAL")
    solve_and_certify(hto_plan(3, {"previous_weeks_minutes": [50 * 60] * 14}), expect="OPTIMAL")
    # and a 16-week average of 48 h 4 min allows 16 x 4 = 64 minutes more: 1144 >= 1140
    solve_and_certify(hto_plan(3, FIFTEEN_WEEKS_OF_50_HOURS, policy={"max_average_16_weeks_minutes": 48 * 60 + 4}),
                      expect="OPTIMAL")


def test_atw_average_16_weeks_explained_with_the_person():
    """explain names the 16-week rule for H, with the 18 h left, the three lessons that need more, and
    H's no-clash rule (without it the three could share one hour, which is 60 minutes of work)."""
    e = explained(hto_plan(3, FIFTEEN_WEEKS_OF_50_HOURS),
                  {("atw_average_16_weeks", "H"), ("lesson_placed", "L1"), ("lesson_placed", "L2"),
                   ("lesson_placed", "L3"), ("teacher_no_clash", "H")})
    item = next(i for i in e.items if i.rule == "atw_average_16_weeks")
    assert "H" in item.message_nl and "deze week hooguit 18 uur" in item.message_nl
    assert "at most 18 h this week" in item.message_en


# --- atw_average_4_weeks -------------------------------------------------------------------------

def test_atw_average_4_weeks_binds_after_three_weeks_of_60_hours():
    """Last 3 weeks of 60 h: 4 x 55 h - 180 h = 40 h (2400 minutes) left; the 16-week rule leaves
    768 h - 180 h = 588 h. The roster of 5 x 8 h is exactly 2400, so a lesson on Wednesday afternoon
    (outside the shift) is refused, one inside the Wednesday shift (released) adds nothing."""
    week = ([shift("early", "06:00", "14:00", pauses=[])], [("early", d) for d in ("mon", "tue", "wed", "thu", "fri")])
    history = {"previous_weeks_minutes": [0] * 12 + [60 * 60] * 3}
    afternoon = {"wed": ["15:00-16:00"]}
    solve_and_certify(hto_plan(1, history, week, periods=afternoon), expect="INFEASIBLE")
    # 4 x 3315 = 13260: 60 more minutes, the lesson fits
    solve_and_certify(hto_plan(1, history, week, policy={"max_average_4_weeks_minutes": 3315}, periods=afternoon),
                      expect="OPTIMAL")
    outcome = solve_and_certify(hto_plan(1, history, week, periods={"wed": ["09:00-10:00", "15:00-16:00"]}),
                                expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("wed", 1)


# --- atw_nights_16_weeks -------------------------------------------------------------------------

NIGHTS = [shift("night", "22:00", "06:00"), shift("early", "06:00", "14:00")]


def colleague_plan(previous_nights: int | None, night_days=("mon", "wed")):
    """Re-rosterable colleague C (16 contract hours: two 8 h shifts of the week) must cover a night window
    on each of night_days: one night shift each (22:00-06:00 ends after 02:00, so it counts)."""
    history = {"previous_night_shifts": previous_nights} if previous_nights is not None else None
    c = staff("C", [("early", "mon"), ("early", "tue")], may_reroster=True, contract_hours=16,
              **({"history": history} if history else {}))
    return tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                     employers=[employer(NIGHTS, [c], [demand(d, "23:00", "05:00") for d in night_days])])


def late_nights(outcome) -> int:
    return sum(r.shift == "night" for r in roster(outcome, "C"))


def test_atw_nights_16_weeks_for_a_re_rostered_colleague():
    """35 nights before leave 36 - 35 = 1 this week, but the demand needs 2: refused; 34 before leave 2."""
    solve_and_certify(colleague_plan(35), expect="INFEASIBLE")
    assert late_nights(solve_and_certify(colleague_plan(34), expect="OPTIMAL")) == 2
    assert late_nights(solve_and_certify(colleague_plan(None), expect="OPTIMAL")) == 2


def test_atw_nights_16_weeks_leaves_one_night():
    """With 35 nights before and one night window, C works exactly 1 night shift and 1 early shift."""
    outcome = solve_and_certify(colleague_plan(35, night_days=("wed",)), expect="OPTIMAL")
    assert late_nights(outcome) == 1
    assert len(roster(outcome, "C")) == 2


# --- plans without a history ---------------------------------------------------------------------

def _size(plan) -> tuple[int, int]:
    proto = build_model(compile_plan(plan)).model.Proto()
    return len(proto.variables), len(proto.constraints)


def test_no_history_or_a_loose_one_adds_nothing_to_the_model():
    """Without history the history rules state nothing; a history that leaves room for the whole week
    (nothing worked before) adds nothing either, and a binding one adds one constraint."""
    plain = _size(hto_plan(3, None))
    assert _size(hto_plan(3, {"previous_weeks_minutes": [0] * 15, "previous_night_shifts": 0})) == plain
    variables, constraints = _size(hto_plan(3, FIFTEEN_WEEKS_OF_50_HOURS))
    assert (variables, constraints) == (plain[0], plain[1] + 1)
