"""Tiny solves for the Arbeidstijdenwet rules on the merged week (docs/rules.md, "Working-hours law").

The hto'er H (teacher H, staff H of employer E, fixed roster, no staffing demand: lessons in a
shift just release them) has one lesson L1 by teacher H. Each test offers the lesson a slot the
rule forbids and, in a second plan, also a legal one. Weights are 0, so the objective is 0
whenever a timetable exists. Times on the week line: mon 00:00 = 0, a day = 1440.
"""

from __future__ import annotations

from solver.domain import PlanError
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, only, roster, shift, slot_of, solve_and_certify, staff, tiny_plan,
)

ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def hto_plan(periods: dict, shifts: list[dict], rota: list[tuple[str, str]], policy=None):
    """H may teach on any day of the week (the release agreement is not what decides here)."""
    return tiny_plan(periods=periods, lessons=[lesson("L1", "H")], policy=policy,
                     employers=[employer(shifts, [staff("H", rota)])],
                     htos=[hto(release={"allowed_days": ALL_DAYS})])


def infeasible_unless(plan_of, **relaxed):
    """plan_of(policy) has no timetable, and has one once the policy numbers in `relaxed` are set."""
    solve_and_certify(plan_of(None), expect="INFEASIBLE")
    return solve_and_certify(plan_of(relaxed), expect="OPTIMAL")


# --- atw_max_shift_duration ---------------------------------------------------------------------

EARLY_MON = ([shift("early", "06:00", "14:00")], [("early", "mon")])


def test_atw_max_shift_duration_evening_lesson_after_an_early_shift():
    """After 06:00-14:00 a lesson until 19:00 makes a dienst of 13 h; one until 17:50 is 11 h 50."""
    # gap 14:00 -> 18:10 is under 8 h, so one dienst 06:00-19:00 = 780 > 720
    infeasible_unless(lambda policy: hto_plan({"mon": ["18:10-19:00"]}, *EARLY_MON, policy),
                      max_shift_minutes=780)
    outcome = solve_and_certify(hto_plan({"mon": ["17:00-17:50", "18:10-19:00"]}, *EARLY_MON), expect="OPTIMAL")
    # 06:00-17:50 = 710 <= 720
    assert slot_of(outcome, "L1") == ("mon", 1)
    assert outcome.result.objective == 0


def test_atw_max_shift_duration_for_a_flexible_colleague():
    """A re-rosterable colleague may not work early and late on one day (16 h); with a 16 h limit they may."""
    shifts = [shift("early", "06:00", "14:00", days=["mon"]), shift("late", "14:00", "22:00", days=["mon"])]
    def make(policy=None):
        c = staff("C", [("early", "mon")], may_reroster=True, contract_hours=16)
        return tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")], policy=policy,
                         employers=[employer(shifts, [c])])
    # the only 16 h roster is early + late = one dienst 06:00-22:00 = 960 > 720
    solve_and_certify(make(), expect="INFEASIBLE")
    outcome = solve_and_certify(make({"max_shift_minutes": 960}), expect="OPTIMAL")
    assert len(roster(outcome, "C")) == 2


# --- atw_max_week -------------------------------------------------------------------------------

# 12 h without a pause: the pause rule (atw_breaks) is off here, this is about the weekly total
LONG_WEEK = ([shift("long", "06:00", "18:00", pauses=[])], [("long", d) for d in ["mon", "tue", "wed", "thu", "fri"]])
NO_BREAKS = {"break_minutes": 0, "long_break_minutes": 0}


def test_atw_max_week_no_saturday_lesson_after_60_hours():
    """After 5 x 12 h = 3600 minutes a saturday lesson is over the 60 h; one inside a shift adds nothing."""
    # sat 08:30-09:20 adds 50: 3650 > 3600 (rests: fri 18:00 -> sat 08:30 = 870, sat 09:20 -> sun 24:00
    # = 2320 >= 2160, so only the weekly total breaks)
    infeasible_unless(lambda policy: hto_plan({"sat": ["08:30-09:20"]}, *LONG_WEEK, {**NO_BREAKS, **(policy or {})}),
                      max_week_minutes=3650)
    outcome = solve_and_certify(hto_plan({"mon": ["08:30-09:20"], "sat": ["08:30-09:20"]}, *LONG_WEEK, NO_BREAKS),
                                expect="OPTIMAL")
    # mon 08:30 is inside the mon shift (released), the shift counts whole: W stays 3600
    assert slot_of(outcome, "L1") == ("mon", 1)


# --- atw_daily_rest -----------------------------------------------------------------------------

SHORT_RESTS = (
    [shift("early", "06:00", "14:00", days=["tue"]), shift("late", "14:00", "22:00", days=["mon", "wed"])],
    [("late", "mon"), ("early", "tue"), ("late", "wed")],
)


def test_atw_daily_rest_second_short_rest_is_not_allowed():
    """Late mon -> early tue already used the one 8 h rest, so a thursday 08:30 lesson after late wed is out."""
    # rests: mon 22:00 -> tue 06:00 = 480 (short 1); wed 22:00 -> thu 08:30 = 630 < 660 (short 2)
    infeasible_unless(lambda policy: hto_plan({"thu": ["08:30-09:20"]}, *SHORT_RESTS, policy),
                      daily_rest_short_per_week=2)
    outcome = solve_and_certify(hto_plan({"thu": ["08:30-09:20", "09:30-10:20"]}, *SHORT_RESTS), expect="OPTIMAL")
    # thu 09:30: wed 22:00 -> 09:30 = 690 >= 660
    assert slot_of(outcome, "L1") == ("thu", 2)


def test_atw_daily_rest_one_short_rest_a_week_is_allowed():
    """Without the early tuesday shift the 10 h 30 rest before thursday 08:30 is the one short rest."""
    shifts, rota = SHORT_RESTS
    outcome = solve_and_certify(hto_plan({"thu": ["08:30-09:20"]}, shifts, [r for r in rota if r[0] == "late"]),
                                expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("thu", 1)


# --- atw_rest_after_night -----------------------------------------------------------------------

NIGHT_MON = ([shift("night", "22:00", "06:00", days=["mon"])], [("night", "mon")])


def test_atw_rest_after_night_14_hours():
    """After a night ending tue 06:00 there is no lesson before tue 20:00, so 08:30 and 15:40 are out."""
    # rest window [tue 06:00, tue 20:00)
    # (the lesson also makes 22:00-09:20 one night dienst of 11 h 20: atw_night_shift_duration)
    infeasible_unless(lambda policy: hto_plan({"tue": ["08:30-09:20"]}, *NIGHT_MON, policy),
                      night_rest_minutes=120, max_night_dienst_minutes=680)
    # 15:40 is 9 h 40 after the night: also inside the 14 h (and a legal short daily rest)
    infeasible_unless(lambda policy: hto_plan({"tue": ["15:40-16:30"]}, *NIGHT_MON, policy),
                      night_rest_minutes=580)
    outcome = solve_and_certify(hto_plan({"tue": ["08:30-09:20", "15:40-16:30", "20:00-20:50"]}, *NIGHT_MON),
                                expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("tue", 3)


def test_atw_rest_after_night_only_when_it_ends_after_two():
    """A night shift ending at 02:00 needs no 14 h rest; one ending at 02:30 does."""
    def make(end: str, policy=None):
        return hto_plan({"tue": ["10:30-11:20"]}, [shift("night", "20:00", end, days=["mon"])], [("night", "mon")],
                        policy)
    # 20:00-02:00 has 120 > 60 night minutes but ends at 02:00, not after: 10:30 is fine (8 h 30: the
    # one short daily rest)
    outcome = solve_and_certify(make("02:00"), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("tue", 1)
    # 20:00-02:30 ends after 02:00: rest until 16:30
    infeasible_unless(lambda policy: make("02:30", policy), night_rest_after_end="02:30")


def test_atw_rest_after_night_series_of_three_needs_46_hours():
    """After nights mon, tue and wed (ending thu 06:00) a thursday 20:00 lesson is out; after two nights it is fine."""
    def make(nights, policy=None):
        return hto_plan({"thu": ["20:00-20:50"]}, [shift("night", "22:00", "06:00", days=ALL_DAYS)],
                        [("night", d) for d in nights], policy)
    # 3 nights: rest [thu 06:00, sat 04:00) = 2760 minutes; thu 20:00 is inside
    infeasible_unless(lambda policy: make(["mon", "tue", "wed"], policy), night_series_rest_minutes=840)
    infeasible_unless(lambda policy: make(["mon", "tue", "wed"], policy), night_series_length=4)
    # 2 nights: 14 h, [thu 06:00, thu 20:00): 20:00 is just outside
    outcome = solve_and_certify(make(["tue", "wed"]), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("thu", 1)


def test_atw_rest_after_night_for_a_flexible_colleague():
    """A colleague on the mon night cannot also take the late tuesday shift the demand needs: the night goes."""
    shifts = [shift("night", "22:00", "06:00", days=["mon"]), shift("late", "14:00", "22:00", days=["tue"]),
              shift("early", "06:00", "14:00", days=["thu"])]
    c = staff("C", [("night", "mon"), ("early", "thu")], may_reroster=True)
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")], weights=only(roster_change=5),
                     employers=[employer(shifts, [c], [demand("tue", "14:00", "22:00")])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # late tue starts 8 h after the night (rest needed until tue 20:00): keep early thu, swap the
    # night for late tue: 2 changes x 5 = 10
    assert sorted((r.shift, r.day) for r in roster(outcome, "C")) == [("early", "thu"), ("late", "tue")]
    assert outcome.result.objective == 10


# --- atw_weekly_rest ----------------------------------------------------------------------------

EARLY_WEEK = ([shift("early", "06:00", "14:00")], [("early", d) for d in ["mon", "tue", "wed", "thu", "fri"]])


def test_atw_weekly_rest_saturday_lesson_must_end_by_noon():
    """After early shifts mon-fri, a saturday lesson ending after 12:00 leaves less than 36 h of rest."""
    # sat 12:10 -> sun 24:00 = 2150 < 2160; fri 14:00 -> sat 11:20 = 1280; mon 00:00-06:00 = 360
    infeasible_unless(lambda policy: hto_plan({"sat": ["11:20-12:10"]}, *EARLY_WEEK, policy),
                      weekly_rest_minutes=2150)
    outcome = solve_and_certify(hto_plan({"sat": ["10:30-11:20", "11:20-12:10"]}, *EARLY_WEEK), expect="OPTIMAL")
    # sat 11:20 -> sun 24:00 = 2200 >= 2160
    assert slot_of(outcome, "L1") == ("sat", 1)


def test_atw_weekly_rest_for_a_flexible_colleague():
    """A colleague on 8 h day shifts gets at most 6 of the 7 days: 7 would leave no 36 h rest."""
    def make(hours, policy=None):
        c = staff("C", [], may_reroster=True, contract_hours=hours)
        return tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")], policy=policy,
                         employers=[employer([shift("day", "08:00", "16:00", days=ALL_DAYS)], [c])])
    # 7 days: the longest rest is 16:00 -> 08:00 = 960 (mon 00:00-08:00 = 480 too)
    infeasible_unless(lambda policy: make(56, policy), weekly_rest_minutes=960)
    outcome = solve_and_certify(make(48), expect="OPTIMAL")
    # 6 days, one day off: 16:00 -> 08:00 two days later = 2400 >= 2160
    assert len(roster(outcome, "C")) == 6


def test_atw_max_week_counts_the_break_inside_a_blokuur():
    """A blokuur 10:30-11:20 + 14:00-14:50 is work from 10:30 to 14:50 (260 minutes), not 100."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", "10:30-11:20", "14:00-14:50"]}
    plan = tiny_plan(periods=periods, employers=[employer([], [staff("H")])], htos=[hto()],
                     lessons=[lesson("B", "H", duration=2, current=[{"copy": 0, "day": "mon", "period": 3}])],
                     policy={"max_week_minutes": 150}, weights=only(lesson_move=3))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # 3-4: W = [10:30, 14:50) = 260 > 150; 2-3: [09:20, 11:20) = 120; 1-2: 100. Either: 1 move x 3 = 3
    assert slot_of(outcome, "B") in {("mon", 1), ("mon", 2)}
    assert outcome.result.objective == 3


def test_atw_rest_after_night_series_also_when_the_last_night_ends_before_two():
    """Three nights of 21:00-01:30 (90 night minutes each, none ending after 02:00) still need 46 h of rest."""
    def make(policy=None):
        rota = [("night", d) for d in ("mon", "tue", "wed")]
        return tiny_plan(periods={"thu": ["10:00-10:50"], "sat": ["08:30-09:20"]}, policy=policy,
                         lessons=[lesson("L1", "H", current=[{"copy": 0, "day": "thu", "period": 1}])],
                         employers=[employer([shift("night", "21:00", "01:30", days=ALL_DAYS)], [staff("H", rota)])],
                         htos=[hto(release={"allowed_days": ALL_DAYS})], weights=only(lesson_move=3))
    # domain-nl: 46 h after a series of 3+ night shifts, whatever their end; rest [thu 01:30, fri 23:30):
    # thu 10:00 is inside, sat 08:30 is not: 1 move x 3 = 3
    outcome = solve_and_certify(make(), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("sat", 1)
    assert outcome.result.objective == 3
    # without the series rule (a series needs 4 nights) thu 10:00 stays: 01:30 -> 10:00 = 510, the
    # one short daily rest
    outcome = solve_and_certify(make({"night_series_length": 4}), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("thu", 1)
    assert outcome.result.objective == 0


# --- atw_night_shift_duration --------------------------------------------------------------------

def test_atw_night_shift_duration_refuses_an_18_to_06_shift():
    """18:00-06:00 has 6 h in 00:00-06:00, so it is a night dienst, and 12 h > 10 h; with a 12 h limit it passes."""
    night12 = ([shift("night12", "18:00", "06:00")], [("night12", "mon")])
    infeasible_unless(lambda policy: hto_plan({"wed": ["08:30-09:20"]}, *night12, policy),
                      max_night_dienst_minutes=720)


def test_atw_night_shift_duration_counts_a_lesson_before_an_evening_shift():
    """A lesson 14:20-15:10 before the 18:00-02:00 shift is one dienst of 11 h 40 (gap 2 h 50 < 8 h) with
    2 h at night: more than 10 h. A lesson at 16:00 makes exactly 10 h, which is allowed."""
    evening = ([shift("evening", "18:00", "02:00")], [("evening", "mon")])
    infeasible_unless(lambda policy: hto_plan({"mon": ["14:20-15:10"]}, *evening, policy),
                      max_night_dienst_minutes=700)
    outcome = solve_and_certify(hto_plan({"mon": ["14:20-15:10", "16:00-16:50"]}, *evening), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2)


# --- atw_breaks ----------------------------------------------------------------------------------

WEEK = ["mon", "tue", "wed", "thu", "fri"]


def _twelve_hours(pauses):
    return [shift("long", "07:00", "19:00", pauses=pauses)], [("long", d) for d in WEEK]


def test_atw_breaks_refuses_a_week_of_12_hour_shifts_without_pauses():
    """Mon-Fri 07:00-19:00 is 12 h of work a day with no break: more than 10 h needs 45 minutes. A declared
    pause of 45 minutes is accepted (and certified); one of 30 is not enough."""
    lesson_at = {"mon": ["08:30-09:20"]}  # inside the shift: the lesson only releases H
    solve_and_certify(hto_plan(lesson_at, *_twelve_hours([])), expect="INFEASIBLE")
    solve_and_certify(hto_plan(lesson_at, *_twelve_hours([{"start": "12:00", "end": "12:30"}])), expect="INFEASIBLE")
    outcome = solve_and_certify(hto_plan(lesson_at, *_twelve_hours([{"start": "12:00", "end": "12:45"}])),
                                expect="OPTIMAL")
    assert len(roster(outcome, "H")) == 5
    # two pauses of 15 and 30 minutes add up to the 45
    two = [{"start": "10:00", "end": "10:15"}, {"start": "15:00", "end": "15:30"}]
    solve_and_certify(hto_plan(lesson_at, *_twelve_hours(two)), expect="OPTIMAL")


def test_atw_breaks_for_a_flexible_colleague():
    """A re-rosterable colleague whose 60 contract hours only fit 07:00-19:00 Mon-Fri: refused without a
    pause, accepted with a declared 45-minute one (contract hours count the whole shift)."""
    def make(pauses):
        c = staff("C", [("long", d) for d in WEEK], may_reroster=True, contract_hours=60)
        return tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[lesson("L1", "T1")],
                         employers=[employer([shift("long", "07:00", "19:00", pauses=pauses)], [c])])
    solve_and_certify(make([]), expect="INFEASIBLE")
    outcome = solve_and_certify(make([{"start": "12:00", "end": "12:45"}]), expect="OPTIMAL")
    assert len(roster(outcome, "C")) == 5


def test_atw_breaks_counts_the_free_time_before_a_lesson():
    """After 07:00-12:30 (5.5 h, no pause needed) a lesson at 12:40 makes 6 h 20 of work with a gap of
    10 minutes, which is no pause; at 13:30 the hour free before it is the break."""
    morning = ([shift("morning", "07:00", "12:30")], [("morning", "mon")])
    infeasible_unless(lambda policy: hto_plan({"mon": ["12:40-13:30"]}, *morning, policy),
                      break_min_block_minutes=10, break_minutes=10)
    outcome = solve_and_certify(hto_plan({"mon": ["12:40-13:30", "13:30-14:20"]}, *morning), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2)


def test_atw_breaks_a_lesson_in_the_pause_takes_the_break_away():
    """H's 06:00-14:00 shift has its pause 10:00-10:30; a lesson 10:00-10:50 is work then, so the dienst
    has no break. A lesson at 11:00 keeps it."""
    early = ([shift("early", "06:00", "14:00", pauses=[{"start": "10:00", "end": "10:30"}])], [("early", "mon")])
    infeasible_unless(lambda policy: hto_plan({"mon": ["10:00-10:50"]}, *early, policy), break_minutes=0)
    outcome = solve_and_certify(hto_plan({"mon": ["10:00-10:50", "11:00-11:50"]}, *early), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2)


def test_atw_breaks_declared_pauses_are_checked_with_their_path():
    """A pause outside the shift, at its start or end, overlapping another or shorter than 15 minutes is a
    plan error at the shift (or the pause) with a clear message; a night shift's pause may be after 00:00."""
    def issues(pauses, start="07:00", end="19:00"):
        try:
            hto_plan({"mon": ["08:30-09:20"]}, [shift("s", start, end, pauses=pauses)], [("s", "mon")])
        except PlanError as error:
            return [(issue.path, issue.message) for issue in error.issues]
        return []
    assert issues([{"start": "20:00", "end": "20:30"}]) == [
        ("employers[0].shifts[0]", "pauses[0] (20:00-20:30) is not inside the shift 07:00-19:00")]
    (path, message), = issues([{"start": "18:30", "end": "19:00"}])
    assert path == "employers[0].shifts[0]" and "at the end of the shift" in message
    (path, message), = issues([{"start": "07:00", "end": "07:30"}])
    assert "at the start of the shift" in message and "interrupt" in message
    (path, message), = issues([{"start": "12:00", "end": "12:30"}, {"start": "12:15", "end": "12:45"}])
    assert message == "pauses[0] (12:00-12:30) and pauses[1] (12:15-12:45) overlap"
    assert issues([{"start": "12:00", "end": "12:10"}]) == [(
        "employers[0].shifts[0].pauses[0]",
        "the pause 12:00-12:10 lasts 10 minutes; a pause is at least 15 (policy.break_min_block_minutes)")]
    assert issues([{"start": "02:00", "end": "02:30"}], "22:00", "06:00") == []
    assert issues([{"start": "21:00", "end": "21:30"}], "22:00", "06:00")  # before the night shift starts
