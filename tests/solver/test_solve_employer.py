"""Tiny solves for the hto'er and employer rules, each with a hand-derived optimum (docs/rules.md).

Weights are 0 unless a test switches one on with `only(...)`; the hto'er H is teacher H and staff
member H of employer E. Every solve is certified by the validator.
"""

from __future__ import annotations

import pytest

import solver.cpsat.employer as employer_rules
from solver.explain import explain, relax
from solver.validate import validate
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, locked, only, placement, roster, shift, slot_of, solve_and_certify,
    staff, tiny_plan,
)

EARLY = shift("early", "06:00", "14:00")
LATE = shift("late", "14:00", "22:00")


def minutes(outcome, staff_id: str) -> int:
    total = 0
    for r in roster(outcome, staff_id):
        s, e = (int(x[:2]) * 60 + int(x[3:]) for x in (r.start, r.end))
        total += (e - s) % 1440
    return total


# --- hto_no_lesson_during_work ------------------------------------------------------------------

def test_hto_no_lesson_during_work_releases_exactly_the_busy_part():
    """Lessons during a shift release the hto'er for lesson plus travel, clipped to the shift."""
    periods = {"mon": ["08:30-09:20", "13:30-14:20"]}
    lessons = [locked("L1", "mon", 1, teacher="H", groups=["A"]), locked("L2", "mon", 2, teacher="H", groups=["B"])]
    plan = tiny_plan(periods=periods, lessons=lessons, weights=only(compact_release=10),
                     employers=[employer([EARLY], [staff("H", [("early", "mon")])])],
                     htos=[hto(travel_minutes={"S": 30})])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    (entry,) = roster(outcome, "H")
    # L1 08:30-09:20 +-30 -> 08:00-09:50; L2 13:30-14:20 +-30 -> 13:00-14:50, clipped to the shift end 14:00
    assert [(w.day, w.start, w.end) for w in entry.released] == [("mon", "08:00", "09:50"), ("mon", "13:00", "14:00")]
    # compact release: 1 day + 2 half-days = 3 x 10 = 30
    assert outcome.result.objective == 30


def test_release_from_a_night_shift_is_split_at_midnight():
    """A lesson late in the evening releases the hto'er across midnight, in one window per day."""
    night = shift("night", "22:00", "06:00", days=["mon"])
    plan = tiny_plan(periods={"mon": ["23:00-23:50"]}, lessons=[lesson("L1", "H")],
                     employers=[employer([night], [staff("H", [("night", "mon")])])],
                     htos=[hto(travel_minutes={"S": 70})])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    (entry,) = roster(outcome, "H")
    # busy 21:50 - tue 01:00, clipped to the shift 22:00 - tue 06:00
    assert [(w.day, w.start, w.end) for w in entry.released] == [("mon", "22:00", "24:00"), ("tue", "00:00", "01:00")]


# --- sme_unavailable_mark -----------------------------------------------------------------------

def test_sme_unavailable_mark_splits_the_release():
    """A mark over lesuur 2 sends the hto'er's second lesson to the afternoon: an extra half-day."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", "13:00-13:50"]}
    lessons = [lesson("L1", "H", ["A"]), lesson("L2", "H", ["B"])]
    marks = [{"staff": "H", "day": "mon", "start": "10:00", "end": "10:30", "reason": "delivery"},
             {"staff": "C", "day": "mon", "start": "00:00", "end": "23:00"}]  # C is no hto'er: no effect
    plan = tiny_plan(periods=periods, lessons=lessons, marks=marks, weights=only(compact_release=10),
                     employers=[employer([], [staff("H"), staff("C")])], htos=[hto()])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # lesuur 2 (09:20-10:10) touches the mark: lesuren 1 and 3 -> 1 day + 2 half-days = 30
    assert sorted(slot_of(outcome, l)[1] for l in ("L1", "L2")) == [1, 3]
    assert outcome.result.objective == 30
    free = tiny_plan(periods=periods, lessons=lessons, weights=only(compact_release=10),
                     employers=[employer([], [staff("H"), staff("C")])], htos=[hto()])
    outcome = solve_and_certify(free, expect="OPTIMAL")
    assert outcome.result.objective == 20  # lesuren 1 and 2: 1 day + 1 half-day


def test_sme_unavailable_mark_counts_travel():
    """A mark that only the travel time reaches still forbids the lesuur."""
    periods = {"mon": ["08:30-09:20", "13:00-13:50"]}
    marks = [{"staff": "H", "day": "mon", "start": "09:30", "end": "10:00"}]
    plan = tiny_plan(periods=periods, lessons=[lesson("L1", "H", current=[{"copy": 0, "day": "mon", "period": 1}])],
                     marks=marks, weights=only(lesson_move=3),
                     employers=[employer([], [staff("H")])], htos=[hto(travel_minutes={"S": 15})])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # 08:30-09:20 + 15 min travel = until 09:35 > 09:30: must move to 13:00, 1 x 3 = 3
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.result.objective == 3


# --- staffing_demand ----------------------------------------------------------------------------

STAFFING_PERIODS = {"mon": ["08:30-09:20", "09:20-10:10", "14:00-14:50", "14:50-15:40"]}


def staffing_plan(*, colleague: bool = False, with_demand: bool = True, policy=None, weights=None):
    people = [staff("H", [("early", "mon")])]
    if colleague:
        people.append(staff("C", [("early", "mon")]))
    return tiny_plan(
        periods=STAFFING_PERIODS, lessons=[locked("L0", "mon", 1), lesson("L1", "H")],
        employers=[employer([EARLY], people, [demand("mon", "06:00", "14:00")] if with_demand else [])],
        htos=[hto()], policy=policy, weights=weights or only(student_gaps=20, compact_release=10),
    )


def test_staffing_demand_keeps_the_hto_at_work():
    """H alone covers the early shift, so the lesson waits until 14:00 at the cost of one tussenuur."""
    outcome = solve_and_certify(staffing_plan(), expect="OPTIMAL")
    # lesuur 2 (09:20) would leave 06:00-14:00 unstaffed; lesuur 3 (14:00): group gap 1 x 20 +
    # release 1 day + 1 half-day x 10 = 40
    assert slot_of(outcome, "L1") == ("mon", 3)
    assert outcome.result.objective == 40
    assert roster(outcome, "H")[0].released == []


def test_staffing_demand_met_by_a_colleague_frees_the_hto():
    """With a colleague on the same shift, or without demand, the lesson goes right after L0."""
    for plan in (staffing_plan(colleague=True), staffing_plan(with_demand=False)):
        outcome = solve_and_certify(plan, expect="OPTIMAL")
        # lesuur 2: no gap; release 1 day + 1 half-day = 20
        assert slot_of(outcome, "L1") == ("mon", 2)
        assert outcome.result.objective == 20


def test_staffing_demand_as_a_tier_penalty():
    """With output loss allowed at 1 per person-minute, 50 minutes short beats a tussenuur of 100."""
    plan = staffing_plan(policy={"allow_output_loss": True, "output_loss_penalty_per_person_minute": 1},
                         weights=only(student_gaps=100, compact_release=10))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # lesuur 2: 50 person-minutes short x 1 + release 20 = 70; lesuur 3: gap 100 + 20 = 120
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.result.objective == 70
    assert outcome.timetable.soft_cost["staffing_demand"] == 50


def _one_place_plan(people, demands, policy=None, gap=20):
    return tiny_plan(periods=STAFFING_PERIODS, lessons=[locked("L0", "mon", 1), lesson("L1", "H")],
                     employers=[employer([EARLY], people, demands)], htos=[hto()], policy=policy,
                     weights=only(student_gaps=gap, compact_release=10))


CNC_AND_WELDING = [demand("mon", "06:00", "14:00", 1, "CNC"), demand("mon", "06:00", "14:00", 1, "lassen")]
ALONE = [staff("H", [("early", "tue")], skills=["CNC"]), staff("M", [("early", "mon")], skills=["CNC", "lassen"])]
LOSS = {"allow_output_loss": True, "output_loss_penalty_per_person_minute": 1}


@pytest.fixture(params=["hall", "assignment"])
def formulation(request, monkeypatch):
    """Windows that share people: Hall's condition per set of windows, or (many windows) assignment literals."""
    if request.param == "assignment":
        monkeypatch.setattr(employer_rules, "HALL_MAX_WINDOWS", 1)
    return request.param


def test_staffing_demand_one_person_fills_one_place_at_a_time(formulation):
    """M, with CNC and lassen, alone on the early shift cannot man both the CNC and the welding window."""
    solve_and_certify(_one_place_plan(ALONE, CNC_AND_WELDING), expect="INFEASIBLE")
    outcome = solve_and_certify(_one_place_plan(ALONE, CNC_AND_WELDING, LOSS), expect="OPTIMAL")
    # one place open all shift long: 1 person x 480 minutes; L1 right after L0: release 1 day + 1 half-day
    assert outcome.timetable.soft_cost["staffing_demand"] == 480
    assert outcome.result.objective == 480 + 20


def test_staffing_demand_keeps_the_hto_for_the_place_a_colleague_cannot_also_fill(formulation):
    """H (CNC) may leave when M (CNC, lassen) only has to run the CNC; with welding too, M welds and H stays."""
    people = [staff("H", [("early", "mon")], skills=["CNC"]), staff("M", [("early", "mon")], skills=["CNC", "lassen"])]
    outcome = solve_and_certify(_one_place_plan(people, CNC_AND_WELDING[:1]), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2) and outcome.result.objective == 20
    outcome = solve_and_certify(_one_place_plan(people, CNC_AND_WELDING), expect="OPTIMAL")
    # lesuur 2 would leave one of the two places open; lesuur 3 (14:00): gap 20 + release 20
    assert slot_of(outcome, "L1") == ("mon", 3) and outcome.result.objective == 40
    assert roster(outcome, "H")[0].released == []
    # output loss at 1 a person-minute and a gap of 100: lesuur 2 leaves one place open 50 minutes
    # (50 + release 20 = 70), lesuur 3 costs the gap (100 + 20 = 120)
    outcome = solve_and_certify(_one_place_plan(people, CNC_AND_WELDING, LOSS, gap=100), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2) and outcome.result.objective == 70
    assert outcome.timetable.soft_cost["staffing_demand"] == 50


def test_staffing_demand_assigns_a_flexible_colleague_to_the_open_place(formulation):
    """H (CNC) teaches in the morning when F (CNC, lassen, may be re-rostered) joins M (CNC, lassen) on Monday."""
    people = [staff("H", [("early", "mon")], skills=["CNC"]), staff("M", [("early", "mon")], skills=["CNC", "lassen"]),
              staff("F", [("early", "tue")], skills=["CNC", "lassen"], may_reroster=True)]
    outcome = solve_and_certify(_one_place_plan(people, CNC_AND_WELDING), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2) and outcome.result.objective == 20
    assert [(r.shift, r.day) for r in roster(outcome, "F")] == [("early", "mon")]


def test_staffing_demand_explained_by_both_windows_that_share_a_person():
    """The explanation of M alone names both windows: switching off either one leaves M enough."""
    plan = _one_place_plan(ALONE, CNC_AND_WELDING)
    e = explain(plan, time_limit=20, workers=1)
    assert e.status == "infeasible" and e.minimal
    assert set(e.keys) == {("staffing_demand", "E", 0), ("staffing_demand", "E", 1)}
    for key in e.keys:
        relaxed = relax(plan, [key])
        assert relaxed.status == "feasible" and validate(plan, relaxed.timetable).hard_by_rule() == {"staffing_demand": 1}
    text = " ".join(item.message_en for item in e.items)
    also = "Each fills one place at a time, and at the same time they are also needed for: "
    assert also + "'lassen' 06:00–14:00 (M)." in text  # the CNC window's item
    assert also + "'CNC' 06:00–14:00 (M)." in text  # the welding window's item


# --- staff_one_shift_at_a_time ------------------------------------------------------------------

def test_staff_one_shift_at_a_time():
    """Contract hours that only two overlapping shifts could fill cannot be rostered."""
    shifts = [shift("early", "06:00", "14:00", days=["mon"]), shift("mid", "10:00", "18:00", days=["mon"])]
    def make(hours: float):
        c = staff("C", [("early", "mon")], may_reroster=True, contract_hours=hours)
        return tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                         employers=[employer(shifts, [c], [demand("mon", "14:00", "18:00")])],
                         weights=only(roster_change=5))
    outcome = solve_and_certify(make(8), expect="OPTIMAL")
    # 14:00-18:00 needs mid; 8 h: mid instead of early, 2 changes x 5 = 10
    assert [(r.shift, r.day) for r in roster(outcome, "C")] == [("mid", "mon")]
    assert outcome.result.objective == 10
    # 16 h = early + mid, which overlap (10:00-14:00): no roster exists
    solve_and_certify(make(16), expect="INFEASIBLE")


# --- reroster_keeps_contract and roster_change --------------------------------------------------

def test_reroster_keeps_contract_hours():
    """A flexible colleague moves to the early shift the demand needs and keeps 8 hours."""
    c = staff("C", [("late", "mon")], may_reroster=True, contract_hours=8)
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                     employers=[employer([EARLY, LATE], [c], [demand("mon", "06:00", "14:00")])],
                     weights=only(roster_change=5))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # early mon added, late mon taken away: 2 x 5 = 10
    assert [(r.shift, r.day, r.change) for r in roster(outcome, "C")] == [("early", "mon", "added")]
    assert [(r.shift, r.day) for r in outcome.timetable.removed_shifts] == [("late", "mon")]
    assert minutes(outcome, "C") == 480
    assert outcome.result.objective == 10


def test_reroster_without_contract_hours_keeps_the_current_length():
    """Without contract hours a flexible colleague keeps the length of their current roster (2 x 8 h)."""
    c = staff("C", [("late", "mon"), ("late", "tue")], may_reroster=True)
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                     employers=[employer([EARLY, LATE], [c], [demand("mon", "06:00", "14:00")])],
                     weights=only(roster_change=5))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # swap late mon for early mon, keep late tue: 2 changes x 5 = 10; 960 minutes
    assert sorted((r.shift, r.day) for r in roster(outcome, "C")) == [("early", "mon"), ("late", "tue")]
    assert minutes(outcome, "C") == 960
    assert outcome.result.objective == 10


def test_reroster_adds_a_shift_to_reach_contract_hours():
    """A colleague whose contract is 16 h but who is rostered 8 h gets one shift more (1 change)."""
    c = staff("C", [("late", "mon")], may_reroster=True, contract_hours=16)
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                     employers=[employer([EARLY, LATE], [c])], weights=only(roster_change=5))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # keep late mon, add one 8 h shift: 1 x 5 = 5
    assert ("late", "mon", "kept") in [(r.shift, r.day, r.change) for r in roster(outcome, "C")]
    assert minutes(outcome, "C") == 960
    assert outcome.result.objective == 5


def test_roster_change_counts_added_and_removed_shifts():
    """Moving a colleague from mon+tue to wed+thu is 2 shifts added and 2 taken away."""
    c = staff("C", [("early", "mon"), ("early", "tue")], may_reroster=True)
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                     employers=[employer([EARLY], [c], [demand("wed", "06:00", "14:00"), demand("thu", "06:00", "14:00")])],
                     weights=only(roster_change=5))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # 16 h, both on wed and thu: (2 added + 2 removed) x 5 = 20
    assert sorted((r.day, r.change) for r in roster(outcome, "C")) == [("thu", "added"), ("wed", "added")]
    assert outcome.result.objective == 20
    assert outcome.timetable.soft_cost["roster_change"] == 20


def test_fixed_staff_keep_their_roster():
    """A colleague who may not be re-rostered cannot cover the demand: no roster exists."""
    c = staff("C", [("late", "mon")])
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                     employers=[employer([EARLY, LATE], [c], [demand("mon", "06:00", "14:00")])])
    solve_and_certify(plan, expect="INFEASIBLE")


# --- release_agreement --------------------------------------------------------------------------

RELEASE_PERIODS = {"mon": ["08:30-09:20"], "tue": ["08:30-09:20"], "wed": ["08:30-09:20", "09:20-10:10"]}


def test_release_agreement_days():
    """Released only on mon and tue, the hto'er teaches two days instead of one wednesday morning."""
    def make(days):
        return tiny_plan(periods=RELEASE_PERIODS, lessons=[lesson("L1", "H", ["A"]), lesson("L2", "H", ["B"])],
                         employers=[employer([], [staff("H")])], htos=[hto(release={"allowed_days": days})],
                         weights=only(compact_release=10))
    outcome = solve_and_certify(make(["mon", "tue"]), expect="OPTIMAL")
    # mon + tue: 2 days + 2 half-days = 4 x 10 = 40
    assert sorted(slot_of(outcome, l)[0] for l in ("L1", "L2")) == ["mon", "tue"]
    assert outcome.result.objective == 40
    outcome = solve_and_certify(make(["mon", "tue", "wed"]), expect="OPTIMAL")
    # both on wed: 1 day + 1 half-day = 20
    assert outcome.result.objective == 20


def test_release_agreement_minutes():
    """At most 50 minutes a week: the second 50-minute lesson stays unplaced (or no timetable exists)."""
    def make(policy=None):
        return tiny_plan(periods=RELEASE_PERIODS, lessons=[lesson("L1", "H", ["A"]), lesson("L2", "H", ["B"])],
                         employers=[employer([], [staff("H")])],
                         htos=[hto(release={"max_teaching_minutes_per_week": 50})],
                         weights=only(compact_release=10), policy=policy)
    outcome = solve_and_certify(make({"allow_unplaced_lessons": True, "unplaced_lesson_penalty": 1000}),
                                expect="OPTIMAL")
    # 1 unplaced x 1000 + 1 day + 1 half-day x 10 = 1020
    assert len(outcome.timetable.placements) == 1
    assert outcome.result.objective == 1020
    solve_and_certify(make(), expect="INFEASIBLE")


def test_unqualified_teaching_limit():
    """An unqualified hto'er over the weekly limit leaves a lesson unplaced; a qualified one does not."""
    def make(qualification):
        return tiny_plan(periods=RELEASE_PERIODS, lessons=[lesson("L1", "H", ["A"]), lesson("L2", "H", ["B"])],
                         employers=[employer([], [staff("H")])], htos=[hto(qualification=qualification)],
                         weights=only(compact_release=10),
                         policy={"unqualified_max_teaching_minutes": 60, "allow_unplaced_lessons": True,
                                 "unplaced_lesson_penalty": 1000})
    outcome = solve_and_certify(make("unqualified"), expect="OPTIMAL")
    # 2 x 50 = 100 > 60: one unplaced 1000 + 20 = 1020
    assert len(outcome.timetable.unplaced) == 1
    assert outcome.result.objective == 1020
    outcome = solve_and_certify(make("in_training"), expect="OPTIMAL")
    # both on wed morning: 20
    assert outcome.result.objective == 20


# --- compact_release ----------------------------------------------------------------------------

def test_compact_release_keeps_the_afternoon_together():
    """Next to a locked afternoon lesson, the hto'er's other lesson goes to the afternoon too."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", "13:00-13:50", "13:50-14:40"]}
    plan = tiny_plan(periods=periods, employers=[employer([], [staff("H")])], htos=[hto()],
                     lessons=[locked("L1", "mon", 3, teacher="H", groups=["A"]), lesson("L2", "H", ["B"])],
                     weights=only(compact_release=10))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # afternoon: 1 day + 1 half-day = 20 (morning: 1 + 2 = 30)
    assert slot_of(outcome, "L2") == ("mon", 4)
    assert outcome.result.objective == 20


def test_compact_release_blokuur_over_the_split_touches_both_halves():
    """A blokuur from 11:50 to 13:30 starts in the morning and goes on after 12:30: two half-days."""
    plan = tiny_plan(periods={"mon": ["11:50-12:40", "12:40-13:30"]}, employers=[employer([], [staff("H")])],
                     htos=[hto()], lessons=[lesson("B", "H", duration=2)], weights=only(compact_release=10))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # 1 day + 2 half-days = 30
    assert outcome.result.objective == 30
    assert placement(outcome, "B").duration == 2


# --- a blokuur is one busy window, breaks included ----------------------------------------------

BREAK_PERIODS = {"mon": ["08:30-09:20", "09:20-10:10", "10:30-11:20", "14:00-14:50"]}


def test_blokuur_over_a_break_keeps_the_hto_away_during_the_break():
    """A blokuur 09:20-11:20 makes the hto'er away for the whole interval, the 10:10-10:30 break included."""
    people = [staff("H", [("early", "mon")])]
    plan = tiny_plan(periods=BREAK_PERIODS, employers=[employer([EARLY], people, [demand("mon", "10:10", "10:30")])],
                     htos=[hto()], lessons=[lesson("B", "H", duration=2, current=[{"copy": 0, "day": "mon", "period": 2}])],
                     weights=only(lesson_move=3))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # 2-3 (09:20-11:20) leaves the break 10:10-10:30 unstaffed; 1-2 (08:30-10:10) and 3-4 (10:30-14:50)
    # do not: 1 move x 3 = 3
    assert slot_of(outcome, "B") in {("mon", 1), ("mon", 3)}
    assert outcome.result.objective == 3
