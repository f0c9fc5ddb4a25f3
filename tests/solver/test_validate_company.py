"""Validator tests for the hto'er and employer rules, each broken by one or two shifts and lessons."""

from __future__ import annotations

from solver.validate import validate
from tests.solver.factories import (
    current_rosters, demand, employer, hto, lesson, make_plan, make_timetable, place, shift, staff, work,
)

SHIFTS = [shift("early", "06:00", "14:00"), shift("late", "14:00", "22:00"), shift("mid", "10:00", "18:00"),
          shift("night", "22:00", "06:00")]


def _plan(lessons=(), people=(), demands=(), travel=0, **kwargs):
    """One employer E with staff member jdv, who is hto'er JDV (travel minutes to school S)."""
    people = list(people) or [staff("jdv")]
    return make_plan(lessons=list(lessons), employers=[employer("E", SHIFTS, people, list(demands))],
                     htos=[hto("JDV", "JDV", "jdv", travel_minutes={"S": travel}, **kwargs.pop("hto", {}))],
                     **kwargs)


def test_lesson_during_unreleased_shift():
    """An hto'er on the early shift without a release cannot teach at 10:30."""
    plan = _plan([lesson("L1", "JDV")], [staff("jdv", [("early", "mon")])])
    report = validate(plan, make_timetable([place("L1", "mon", 3, "JDV")], current_rosters(plan)))
    assert report.hard_by_rule() == {"hto_no_lesson_during_work": 1}
    assert report.hard("hto_no_lesson_during_work")[0].amount == 50  # 10:30-11:20 inside 06:00-14:00


def test_release_must_cover_the_travel():
    """Released 13:30-14:00 for a 13:30 lesson is 30 minutes short when the school is 30 minutes away."""
    plan = _plan([lesson("L1", "JDV")], [staff("jdv", [("early", "mon")])], travel=30)
    short = [work("jdv", "early", "mon", released=[("mon", "13:30", "14:00")])]
    report = validate(plan, make_timetable([place("L1", "mon", 6, "JDV")], short))
    assert report.hard_by_rule() == {"hto_no_lesson_during_work": 1}
    assert report.hard("hto_no_lesson_during_work")[0].amount == 30  # busy 13:00-14:50, works 13:00-13:30
    enough = [work("jdv", "early", "mon", released=[("mon", "13:00", "14:00")])]
    assert validate(plan, make_timetable([place("L1", "mon", 6, "JDV")], enough)).ok


def test_sme_mark_blocks_the_lesson_with_travel():
    """A mark 12:00-12:20 blocks a 12:40 lesson when travel takes 30 minutes (away from 12:10)."""
    plan = _plan([lesson("L1", "JDV")], travel=30,
                 unavailable_marks=[{"staff": "jdv", "day": "mon", "start": "12:00", "end": "12:20",
                                     "reason": "audit"}])
    report = validate(plan, make_timetable([place("L1", "mon", 5, "JDV")]))
    assert report.hard_by_rule() == {"sme_unavailable_mark": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 6, "JDV")])).ok


def test_sme_mark_on_a_colleague_has_no_effect():
    """A mark on a staff member who is not an hto'er changes nothing."""
    plan = _plan([lesson("L1", "JDV")], [staff("jdv"), staff("ann")],
                 unavailable_marks=[{"staff": "ann", "day": "mon", "start": "08:00", "end": "12:00"}])
    assert validate(plan, make_timetable([place("L1", "mon", 1, "JDV")])).ok


def _staffing_case(extra_people=(), **policy):
    people = [staff("jdv", [("early", "mon")]), *extra_people]
    plan = _plan([lesson("L1", "JDV")], people, [demand("operator", "mon", "06:00", "14:00", 1, name="line 1")],
                 travel=30, policy=policy or None)
    rosters = [work("jdv", "early", "mon", released=[("mon", "10:00", "11:50")])]
    rosters += [work(p["id"], s["shift"], s["day"]) for p in extra_people for s in p["roster"]]
    return plan, make_timetable([place("L1", "mon", 3, "JDV")], rosters)


def test_release_without_cover_is_output_loss():
    """The only operator released 10:00-11:50 leaves the line 110 person-minutes short."""
    plan, timetable = _staffing_case()
    report = validate(plan, timetable)
    assert report.hard_by_rule() == {"staffing_demand": 1}
    violation = report.hard("staffing_demand")[0]
    assert violation.amount == 110  # 1 person x (11:50 - 10:00)
    assert "110 person-minutes short" in violation.message_en
    assert "110 persoonsminuten tekort" in violation.message_nl


def test_release_with_a_colleague_on_shift_is_clean():
    """A second operator on the early shift keeps the line staffed."""
    plan, timetable = _staffing_case([staff("ann", [("early", "mon")])])
    assert validate(plan, timetable).ok


def test_output_loss_allowed_costs_the_penalty():
    """With allow_output_loss the 110 person-minutes short cost 1000 each, plus compact release."""
    plan, timetable = _staffing_case(allow_output_loss=True, output_loss_penalty_per_person_minute=1000)
    report = validate(plan, timetable)
    assert report.ok
    assert report.breakdown["staffing_demand"] == 110_000  # 110 person-minutes x 1000
    # compact_release: 1 day + 1 half-day (morning) = 2 x weight 10 = 20
    assert report.breakdown["compact_release"] == 20
    assert report.soft_cost == 110_020


def test_night_demand_crosses_midnight():
    """A night demand 22:00-06:00 without anyone on the night shift is 480 person-minutes short."""
    plan = _plan(people=[staff("jdv"), staff("ann", [("night", "fri")])],
                 demands=[demand("operator", "mon", "22:00", "06:00", 1)])
    report = validate(plan, make_timetable(rosters=current_rosters(plan)))
    assert report.hard_by_rule() == {"staffing_demand": 1}
    assert report.hard("staffing_demand")[0].amount == 480
    covered = _plan(people=[staff("jdv"), staff("ann", [("night", "mon")])],
                    demands=[demand("operator", "mon", "22:00", "06:00", 1)])
    assert validate(covered, make_timetable(rosters=current_rosters(covered))).ok


def test_demand_counts_only_staff_with_the_skill():
    """A welder on shift does not cover an electrician window: 2 needed, 1 present, 480 short."""
    people = [staff("jdv"), staff("ann", [("early", "tue")], skills=["elektro"]),
              staff("bob", [("early", "tue")], skills=["lassen"])]
    plan = _plan(people=people, demands=[demand("elektro", "tue", "06:00", "14:00", 2)])
    report = validate(plan, make_timetable(rosters=current_rosters(plan)))
    assert report.hard_by_rule() == {"staffing_demand": 1}
    assert report.hard("staffing_demand")[0].amount == 480  # (2 - 1) x 480 minutes


def _cnc_and_welding(people, *, lassen_until="14:00", **kwargs):
    demands = [demand("CNC", "mon", "06:00", "14:00", 1, name="CNC"),
               demand("lassen", "mon", "06:00", lassen_until, 1, name="lassen")]
    plan = _plan(people=[staff("jdv"), *people], demands=demands, **kwargs)
    return plan, make_timetable(rosters=current_rosters(plan))


def test_one_person_fills_one_place_at_a_time():
    """Ann (CNC and lassen) alone on the early shift: the CNC and welding windows share her, one place stays open.

    Counted per window, as before issue 20, each window had its person; the old model accepted this roster."""
    plan, timetable = _cnc_and_welding([staff("ann", [("early", "mon")], skills=["CNC", "lassen"])])
    report = validate(plan, timetable)
    assert report.hard_by_rule() == {"staffing_demand": 1}
    (violation,) = report.hard("staffing_demand")
    assert violation.amount == 480  # 1 place x 480 minutes
    assert violation.entities["present"] == ["ann"] and violation.entities["places"] == 2
    assert [w["skill"] for w in violation.entities["windows"]] == ["CNC", "lassen"]
    assert "'CNC' (1 x CNC) and 'lassen' (1 x lassen)" in violation.message_en
    assert "ann (CNC/lassen), fill only 1" in violation.message_en and "480 person-minutes short" in violation.message_en
    assert "480 persoonsminuten tekort" in violation.message_nl
    loss = {"allow_output_loss": True, "output_loss_penalty_per_person_minute": 2}
    plan, timetable = _cnc_and_welding([staff("ann", [("early", "mon")], skills=["CNC", "lassen"])], policy=loss)
    report = validate(plan, timetable)
    assert report.ok and report.breakdown["staffing_demand"] == 960  # 480 person-minutes x 2


def test_people_are_assigned_to_the_places_they_can_fill():
    """Ann (CNC, lassen) and Bob (CNC): Bob runs the CNC and Ann welds, whatever order they come in."""
    for people in ([staff("ann", [("early", "mon")], skills=["CNC", "lassen"]), staff("bob", [("early", "mon")], skills=["CNC"])],
                   [staff("bob", [("early", "mon")], skills=["CNC"]), staff("ann", [("early", "mon")], skills=["CNC", "lassen"])]):
        assert validate(*_cnc_and_welding(people)).ok


def test_shared_shortfall_only_where_the_windows_overlap_the_people_they_share():
    """Welding runs until 18:00 and Bob welds from 10:00 (mid shift): only 06:00-10:00 is a place short."""
    people = [staff("ann", [("early", "mon")], skills=["CNC", "lassen"]), staff("bob", [("mid", "mon")], skills=["lassen"])]
    plan, timetable = _cnc_and_welding(people, lassen_until="18:00")
    report = validate(plan, timetable)
    (violation,) = report.hard("staffing_demand")
    assert violation.amount == 240 and (violation.entities["from"], violation.entities["to"]) == ("mon 06:00", "mon 10:00")
    assert violation.entities["present"] == ["ann"]


def test_two_overlapping_shifts():
    """Early (06-14) and mid (10-18) on one Monday overlap; early and late (14-22) only touch."""
    plan = _plan(people=[staff("jdv"), staff("ann", [("early", "mon"), ("mid", "mon")])])
    report = validate(plan, make_timetable(rosters=current_rosters(plan)))
    assert report.hard_by_rule() == {"staff_one_shift_at_a_time": 1}
    touching = _plan(people=[staff("jdv"), staff("ann", [("early", "mon"), ("late", "mon")])])
    assert validate(touching, make_timetable(rosters=current_rosters(touching))).ok


def test_fixed_staff_keep_their_roster():
    """A colleague who may not be re-rostered cannot be moved from Monday to Tuesday."""
    plan = _plan(people=[staff("jdv"), staff("ann", [("early", "mon")])])
    report = validate(plan, make_timetable(rosters=[work("ann", "early", "tue")]))
    assert report.hard_by_rule() == {"reroster_keeps_contract": 1}
    assert report.hard("reroster_keeps_contract")[0].amount == 2  # one shift added, one taken away


def test_rerosterable_staff_keep_their_contract_hours():
    """A re-rosterable colleague on 16 contract hours must work 960 minutes; one 480-minute shift is not enough."""
    plan = _plan(people=[staff("jdv"), staff("ann", [("early", "mon"), ("early", "tue")],
                                             may_reroster=True, contract_hours=16)])
    report = validate(plan, make_timetable(rosters=[work("ann", "late", "wed")]))
    assert report.hard_by_rule() == {"reroster_keeps_contract": 1}
    assert report.hard("reroster_keeps_contract")[0].amount == 480  # 960 - 480
    moved = make_timetable(rosters=[work("ann", "late", "wed"), work("ann", "early", "thu")])
    assert validate(plan, moved).ok


def test_rerosterable_without_contract_keeps_current_length():
    """Without contract hours the length of the current roster (one 480-minute shift) is the target."""
    plan = _plan(people=[staff("jdv"), staff("ann", [("early", "mon")], may_reroster=True)])
    assert validate(plan, make_timetable(rosters=[work("ann", "late", "wed")])).ok
    report = validate(plan, make_timetable(rosters=[work("ann", "late", "wed"), work("ann", "late", "thu")]))
    assert report.hard_by_rule() == {"reroster_keeps_contract": 1}


def test_junk_roster_entries_are_reroster_keeps_contract():
    """A shift on a day it does not run, an unknown shift, unknown staff and an unknown employer are each reported."""
    weekend = shift("weekend", "08:00", "16:00", days=["sat", "sun"])
    people = [staff("jdv"), staff("ann", [("early", "mon")], may_reroster=True)]
    plan = make_plan(employers=[employer("E", [*SHIFTS, weekend], people)], htos=[hto("JDV", "JDV", "jdv")])
    rosters = [work("ann", "early", "sat"), work("ann", "bogus", "tue"), work("nobody", "early", "mon"),
               work("ann", "early", "mon", employer="X")]
    report = validate(plan, make_timetable(rosters=rosters))
    assert report.hard_by_rule() == {"reroster_keeps_contract": 4}


def test_release_agreement_days():
    """An hto'er released only on Tuesdays may not teach on Monday."""
    plan = _plan([lesson("L1", "JDV")], hto={"release": {"allowed_days": ["tue"]}})
    report = validate(plan, make_timetable([place("L1", "mon", 1, "JDV")]))
    assert report.hard_by_rule() == {"release_agreement": 1}
    assert validate(plan, make_timetable([place("L1", "tue", 1, "JDV")])).ok


def test_release_agreement_minutes():
    """Two 50-minute lessons are 100 teaching minutes, 40 more than the agreed 60."""
    plan = _plan([lesson("L1", "JDV"), lesson("L2", "JDV", ["1B"])],
                 hto={"release": {"max_teaching_minutes_per_week": 60}})
    report = validate(plan, make_timetable([place("L1", "mon", 1, "JDV"), place("L2", "mon", 2, "JDV", "R2")]))
    assert report.hard_by_rule() == {"release_agreement": 1}
    assert report.hard("release_agreement")[0].amount == 40
    assert validate(plan, make_timetable([place("L1", "mon", 1, "JDV")], unplaced=[("L2", 0)])).hard_by_rule() == {
        "lesson_placed": 1}


def test_teaching_minutes_leave_out_breaks_inside_a_blokuur():
    """A blokuur 2-3 is 100 teaching minutes (the 20-minute break inside is not teaching)."""
    plan = _plan([lesson("L1", "JDV", duration=2)], hto={"release": {"max_teaching_minutes_per_week": 100}})
    assert validate(plan, make_timetable([place("L1", "mon", 2, "JDV", duration=2)])).ok


def test_unqualified_teaching_limit():
    """Eight 50-minute lessons (400 minutes) are more than the 360 an unqualified hto'er may teach."""
    lessons = [lesson(f"L{k}", "JDV", [f"G{k}"]) for k in range(1, 9)]
    placements = [place(f"L{k}", "mon", k, "JDV") for k in range(1, 9)]
    plan = _plan(lessons)
    report = validate(plan, make_timetable(placements))
    assert report.hard_by_rule() == {"unqualified_teaching_limit": 1}
    assert report.hard("unqualified_teaching_limit")[0].amount == 40  # 400 - 360
    qualified = _plan(lessons, hto={"qualification": "in_training"})
    assert validate(qualified, make_timetable(placements)).ok
