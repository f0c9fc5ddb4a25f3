"""Explanations of infeasible plans (solver/explain/conflicts.py): each plan has one planted conflict.

Every test checks that the explanation names exactly the planted rule instances, that it is
proven minimal, that switching its items off gives a timetable whose only hard violations (by
the independent validator) are of those rules, that every sentence saying "proven" is true
(solved again by test_explain_claims.verify_claims), and that the plan repaired by hand is
certified by solve_and_certify.
"""

from __future__ import annotations

import json

import pytest

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.domain import parse_plan
from solver.explain import explain, guard_keys, relax
from solver.validate import validate
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, locked, plan_dict, shift, solve_and_certify, staff, tiny_plan,
)
from tests.solver.test_explain_claims import assert_printed_claims_are_the_proven_ones, verify_claims

WEEK4 = {d: ["08:30-09:20", "09:20-10:10", "10:30-11:20", "11:20-12:10"] for d in ("mon", "tue", "wed", "thu", "fri")}
JAN = {"id": "JdV", "name": "Jan de Vries"}
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def explained(plan, expected: set[tuple]):
    """Explain the plan; assert it names exactly `expected`, minimally; certify both relaxations."""
    e = explain(plan, time_limit=20, workers=1)
    assert e.status == "infeasible"
    assert set(e.keys) == expected, e.keys
    assert e.minimal and e.holds and e.conflicts == 1
    for item in e.items:
        assert item.message_nl and item.message_en and item.rule == item.key[0]
    everything = relax(plan, e.keys)
    assert everything.status == "feasible" and not everything.unknown_keys
    _only_violates(plan, everything.timetable, e.keys)
    causes = [k for k in e.keys if k[0] != "lesson_placed"]
    kept_lessons = relax(plan, causes)  # every lesson stays placed: the causes alone were in the way
    assert kept_lessons.status == "feasible"
    assert not kept_lessons.timetable.unplaced
    _only_violates(plan, kept_lessons.timetable, causes)
    verify_claims(plan, e)
    assert_printed_claims_are_the_proven_ones(e)
    return e


def _only_violates(plan, timetable, keys) -> None:
    report = validate(plan, timetable)
    rules = {k[0] for k in keys}
    broken = {v.rule for v in report.hard()}
    assert broken <= rules, f"relaxing {keys} broke {broken - rules}"


def _text(e) -> str:
    return "\n".join([e.summary_nl] + [i.message_nl for i in e.items])


def hto_employer(shifts, roster, demands=(), others=()):
    return employer(shifts, [staff("jan", roster, skills=["lassen"], name="Jan de Vries"), *others],
                    demands, id="MBV") | {"name": "Metaal BV"}


# --- the planted conflicts --------------------------------------------------------------------------

def test_group_over_booked():
    """2A has 21 lesson-periods in a week of 20: the explanation is 2A's no-clash rule and its four lessons."""
    lessons = [lesson("wi", "T1", ["2A"], "Wiskunde", count=5), lesson("ne", "T2", ["2A"], "Nederlands", count=5),
               lesson("en", "T3", ["2A"], "Engels", count=5),
               lesson("tk", "T4", ["2A"], "Techniek", duration=2, count=3)]
    plan = tiny_plan(periods=WEEK4, lessons=lessons)
    e = explained(plan, {("group_no_clash", "2A"), ("lesson_placed", "wi"), ("lesson_placed", "ne"),
                         ("lesson_placed", "en"), ("lesson_placed", "tk")})
    assert "Groep 2A heeft hooguit één les tegelijk; de lessen hier vragen samen 21 lesuren, de week heeft er 20" in _text(e)
    lessons[3]["count"] = 2
    solve_and_certify(tiny_plan(periods=WEEK4, lessons=lessons), expect="OPTIMAL")


def test_hto_shifts_leave_no_slot():
    """Jan is the only welder on the early shift Monday to Thursday, when the school teaches: no slot for Techniek."""
    days = ["mon", "tue", "wed", "thu"]
    periods = {d: WEEK4[d] for d in days}
    demands = [demand(d, "06:00", "14:00", 1, "lassen") for d in days]

    def plan_of(demands):
        return tiny_plan(periods=periods, teachers=[JAN], lessons=[lesson("tk", "JdV", ["2A"], "Techniek")],
                         employers=[hto_employer([shift("vroeg", "06:00", "14:00", days, name="vroege dienst")],
                                                 [("vroeg", d) for d in days], demands)],
                         htos=[hto("JdV", "jan", "MBV")])

    e = explained(plan_of(demands), {("lesson_placed", "tk")} | {("staffing_demand", "MBV", k) for k in range(4)})
    text = _text(e)
    assert e.summary_nl == "Techniek 2A (1 lesuur, Jan de Vries) past nergens:"
    assert "Bij Metaal BV moet op maandag 06:00–14:00 minstens 1 persoon met vaardigheid 'lassen'" in text
    assert "Jan de Vries (hto'er): vroege dienst ma 06:00–14:00" in text
    solve_and_certify(plan_of(demands[:3]), expect="OPTIMAL")  # no demand on Thursday: he teaches then


def test_staffing_window_not_covered_when_the_hto_is_released():
    """On Tuesday, Jan's only teaching day, the welding window needs both welders on shift: releasing Jan leaves it short."""
    day = shift("dag", "07:00", "15:30", ["tue"], name="dagdienst")
    piet = staff("piet", [("dag", "tue")], skills=["lassen"], name="Piet Bakker")

    def plan_of(min_staff):
        return tiny_plan(periods=WEEK4, teachers=[JAN], lessons=[lesson("tk", "JdV", ["2A"], "Techniek")],
                         employers=[hto_employer([day], [("dag", "tue")],
                                                 [demand("tue", "07:00", "15:30", min_staff, "lassen")],
                                                 [piet])],
                         htos=[hto("JdV", "jan", "MBV", release={"allowed_days": ["tue"]})])

    e = explained(plan_of(2), {("lesson_placed", "tk"), ("release_agreement", "hto-JdV"),
                               ("staffing_demand", "MBV", 0)})
    text = _text(e)
    assert "lesgeven alleen op di" in text and "minstens 2 mensen" in text and "Piet Bakker: dagdienst di" in text
    solve_and_certify(plan_of(1), expect="OPTIMAL")


def test_rest_after_a_night_shift():
    """Jan's night shift ends Tuesday 06:00 and he may teach only on Tuesday: 14 h of rest leaves no lesuur.
    The lesuren start 8 h or more after the night, so none of them joins it into one long night dienst
    (atw_night_shift_duration would forbid the morning ones too)."""
    periods = {"tue": ["14:00-14:50", "15:00-15:50", "16:00-16:50", "18:00-18:50"]}

    def plan_of(allowed):
        night = shift("nacht", "22:00", "06:00", ["mon"], name="nachtdienst")
        return tiny_plan(periods=periods | {"wed": ["08:30-09:20"]}, teachers=[JAN],
                         lessons=[lesson("tk", "JdV", ["2A"], "Techniek")],
                         employers=[hto_employer([night], [("nacht", "mon")])],
                         htos=[hto("JdV", "jan", "MBV", release={"allowed_days": allowed})])

    e = explained(plan_of(["tue"]), {("lesson_placed", "tk"), ("release_agreement", "hto-JdV"),
                                     ("atw_rest_after_night", "jan")})
    assert "14 uur rust" in _text(e) and "nachtdienst 22:00–06:00 ma" in _text(e)
    solve_and_certify(plan_of(["tue", "wed"]), expect="OPTIMAL")


def test_unqualified_teaching_limit():
    """Unqualified Jan has two blocks of 2 x 2 lesuren (400 minutes), over the 360-minute limit."""
    def plan_of(count):
        lessons = [lesson("tk2a", "JdV", ["2A"], "Techniek", duration=2, count=2),
                   lesson("tk2b", "JdV", ["2B"], "Techniek", duration=2, count=count)]
        return tiny_plan(periods=WEEK4, teachers=[JAN], lessons=lessons,
                         employers=[hto_employer([], [])], htos=[hto("JdV", "jan", "MBV")])

    e = explained(plan_of(2), {("unqualified_teaching_limit", "hto-JdV"), ("lesson_placed", "tk2a"),
                               ("lesson_placed", "tk2b")})
    assert "mag hooguit 360 minuten (6 klokuren)" in _text(e) and "minstens 400 minuten" in _text(e)
    solve_and_certify(plan_of(1), expect="OPTIMAL")


def test_room_kind_missing():
    """Lassen needs a welding workshop and the school has none: room_fits names the missing kind."""
    def plan_of(rooms):
        lessons = [lesson("las", "T1", ["2A"], "Praktijk lassen", room_kind="laswerkplaats"),
                   lesson("wi", "T2", ["2A"], "Wiskunde")]
        return tiny_plan(periods=WEEK4, lessons=lessons, rooms=rooms)

    e = explained(plan_of(None), {("room_fits", "las"), ("lesson_placed", "las")})
    assert e.items[0].entities.get("room_kind") == "laswerkplaats" or e.items[1].entities.get("room_kind")
    assert "heeft een lokaal van soort 'laswerkplaats' nodig, maar S heeft er geen" in _text(e)
    solve_and_certify(plan_of(["R1", {"id": "W1", "kind": "laswerkplaats"}]), expect="OPTIMAL")


def test_teacher_unavailable_at_the_locked_slot():
    """Wiskunde is locked on Monday lesuur 1, when its teacher is unavailable."""
    def plan_of(unavailable):
        teacher = {"id": "T1", "name": "Els Smit", "unavailable": unavailable}
        return tiny_plan(periods=WEEK4, teachers=[teacher],
                         lessons=[locked("wi", "mon", 1, teacher="T1", groups=["2A"], subject="Wiskunde")])

    e = explained(plan_of([{"day": "mon", "start": "08:00", "end": "12:00"}]),
                  {("lesson_locked", "wi"), ("teacher_unavailable", "T1"), ("lesson_placed", "wi")})
    assert "Wiskunde 2A staat vast op maandag lesuur 1" in _text(e) and "Els Smit is niet beschikbaar (een harde blokkade): ma 08:00–12:00" in _text(e)
    solve_and_certify(plan_of([{"day": "tue", "start": "08:00", "end": "12:00"}]), expect="OPTIMAL")


def test_min_days_apart_with_too_many_copies():
    """Four copies at least two days apart do not fit in a five-day week."""
    def plan_of(count):
        return tiny_plan(periods=WEEK4, lessons=[lesson("ne", "T1", ["2A"], "Nederlands", count=count, min_days_apart=2)])

    e = explained(plan_of(4), {("min_days_apart", "ne"), ("lesson_placed", "ne")})
    assert "De 4 lessen Nederlands 2A liggen minstens 2 dagen uit elkaar; de school heeft les op ma–vr" in _text(e)
    solve_and_certify(plan_of(3), expect="OPTIMAL")


def test_sme_unavailable_mark():
    """The planner marked Jan unavailable all Wednesday, his only teaching day."""
    def plan_of(mark_day):
        return tiny_plan(periods=WEEK4, teachers=[JAN], lessons=[lesson("tk", "JdV", ["2A"], "Techniek")],
                         employers=[hto_employer([], [])],
                         htos=[hto("JdV", "jan", "MBV", release={"allowed_days": ["wed"]})],
                         marks=[{"staff": "jan", "day": mark_day, "start": "07:00", "end": "17:00",
                                 "reason": "storingsdienst"}])

    e = explained(plan_of("wed"), {("sme_unavailable_mark", 0), ("release_agreement", "hto-JdV"),
                                   ("lesson_placed", "tk")})
    assert "niet weg te missen op wo 07:00–17:00 (storingsdienst)" in _text(e)
    solve_and_certify(plan_of("thu"), expect="OPTIMAL")


def test_weekly_rest():
    """Jan works Wednesday to Sunday; a Tuesday-morning lesson leaves no 36 hours of rest in the week."""
    def plan_of(allowed):
        days = ["wed", "thu", "fri", "sat", "sun"]
        return tiny_plan(periods=WEEK4, teachers=[JAN], lessons=[lesson("tk", "JdV", ["2A"], "Techniek")],
                         employers=[hto_employer([shift("dag", "07:00", "15:00", days, name="dagdienst")],
                                                 [("dag", d) for d in days])],
                         htos=[hto("JdV", "jan", "MBV", release={"allowed_days": allowed})])

    e = explained(plan_of(["tue"]), {("atw_weekly_rest", "jan"), ("release_agreement", "hto-JdV"),
                                     ("lesson_placed", "tk")})
    assert "36 uur aaneengesloten rust" in _text(e) and "dagdienst 07:00–15:00 wo–zo" in _text(e)
    solve_and_certify(plan_of(["mon"]), expect="OPTIMAL")


def test_atw_breaks():
    """Jan works 07:00-19:00 Monday to Friday with no pause: the law's 45 minutes of break are missing.
    With a declared pause of 45 minutes the plan solves."""
    def plan_of(pauses):
        days = ["mon", "tue", "wed", "thu", "fri"]
        day12 = shift("dag", "07:00", "19:00", days, name="dagdienst", pauses=pauses)
        return tiny_plan(periods=WEEK4, teachers=[JAN], lessons=[lesson("tk", "JdV", ["2A"], "Techniek")],
                         employers=[hto_employer([day12], [("dag", d) for d in days])],
                         htos=[hto("JdV", "jan", "MBV")])

    e = explained(plan_of([]), {("atw_breaks", "jan")})
    assert "met meer dan 10 uur minstens 45 minuten" in _text(e)
    assert "dagdienst 07:00–19:00 ma–vr, zonder opgegeven pauzes" in _text(e)
    assert "with more than 10 h at least 45 minutes" in e.items[0].message_en
    solve_and_certify(plan_of([{"start": "12:00", "end": "12:45"}]), expect="OPTIMAL")


def test_extra_constraint_same_starting_time_with_one_teacher():
    """Two lessons of one teacher must start together: the extra constraint and the teacher's no-clash rule."""
    def plan_of(teacher_b):
        lessons = [lesson("a", "T1", ["2A"], "Wiskunde"), lesson("b", teacher_b, ["2B"], "Wiskunde")]
        data = plan_dict(periods=WEEK4, lessons=lessons)
        data["constraints"] = [{"type": "same_starting_time", "lessons": ["a", "b"]}]
        return parse_plan(data)

    e = explained(plan_of("T1"), {("same_starting_time", 0), ("teacher_no_clash", "T1"), ("lesson_placed", "a"),
                                  ("lesson_placed", "b")})
    assert "Extra regel 1" in _text(e)
    solve_and_certify(plan_of("T2"), expect="OPTIMAL")


def test_two_independent_conflicts_are_both_named():
    """A missing room kind and an over-spread lesson are two conflicts; switching off both gives a timetable."""
    lessons = [lesson("las", "T1", ["2A"], "Praktijk lassen", room_kind="laswerkplaats"),
               lesson("ne", "T2", ["2B"], "Nederlands", count=4, min_days_apart=2)]
    plan = tiny_plan(periods=WEEK4, lessons=lessons)
    e = explain(plan, time_limit=20, workers=1)
    assert e.status == "infeasible" and e.minimal and e.holds and e.conflicts == 2
    by_conflict = {n: {i.key for i in e.items if i.conflict == n} for n in (1, 2)}
    assert sorted(by_conflict.values(), key=len) == sorted([
        {("room_fits", "las"), ("lesson_placed", "las")}, {("min_days_apart", "ne"), ("lesson_placed", "ne")}],
        key=len) or set(map(frozenset, by_conflict.values())) == {
        frozenset({("room_fits", "las"), ("lesson_placed", "las")}),
        frozenset({("min_days_apart", "ne"), ("lesson_placed", "ne")})}
    relaxed = relax(plan, [k for k in e.keys if k[0] != "lesson_placed"])
    assert relaxed.status == "feasible" and not relaxed.timetable.unplaced
    _only_violates(plan, relaxed.timetable, e.keys)
    assert {c.kind for c in e.claims} == {"minimal", "all_together", "separate"}
    assert all(item.alone == "infeasible" for item in e.items)  # the other conflict stays
    verify_claims(plan, e)
    assert "any one of these" not in assert_printed_claims_are_the_proven_ones(e)


# --- the rest of the contract ---------------------------------------------------------------------

def test_feasible_plan_says_so():
    """A plan with a timetable is reported feasible, with no items."""
    plan = tiny_plan(periods=WEEK4, lessons=[lesson("wi", "T1", ["2A"], "Wiskunde", count=3)])
    e = explain(plan, time_limit=10, workers=1)
    assert e.status == "feasible" and e.items == []
    solve_and_certify(plan, expect="OPTIMAL")


def test_normal_mode_has_no_guards():
    """The normal build makes no guard variables and keeps options without reasons."""
    plan = tiny_plan(periods=WEEK4, lessons=[locked("wi", "mon", 1, teacher="T1", groups=["2A"])])
    data = compile_plan(plan)
    built = build_model(data)
    assert built.guards == {}
    assert all(not o.guards for c in data.copies for o in c.options)
    assert len(data.copies[0].options) == 1
    explain_data = compile_plan(plan, explain=True)
    assert len(explain_data.copies[0].options) == 20  # kept, each but the locked one with a reason


def test_guard_keys_cover_the_rules_of_the_plan():
    """The explain model has guards per lesson, group, teacher, hto'er, staff member and demand window."""
    days = ["mon", "tue"]
    plan = tiny_plan(periods=WEEK4, teachers=[JAN], lessons=[lesson("tk", "JdV", ["2A"], "Techniek", count=2)],
                     employers=[hto_employer([shift("vroeg", "06:00", "14:00", days)], [("vroeg", d) for d in days],
                                             [demand("mon", "06:00", "14:00", 1, "lassen")])],
                     htos=[hto("JdV", "jan", "MBV", release={"allowed_days": ["mon", "tue", "wed"],
                                                             "max_teaching_minutes_per_week": 100})])
    keys = set(guard_keys(plan))
    assert {("lesson_placed", "tk"), ("release_agreement", "hto-JdV"), ("staffing_demand", "MBV", 0),
            ("unqualified_teaching_limit", "hto-JdV"), ("atw_weekly_rest", "jan")} <= keys


def test_relax_reports_unknown_keys():
    """Switching off a guard the model does not have is reported, not ignored silently."""
    plan = tiny_plan(periods=WEEK4, lessons=[lesson("wi", "T1", ["2A"])])
    relaxed = relax(plan, [("teacher_no_clash", "nobody")])
    assert relaxed.status == "feasible" and relaxed.unknown_keys == [("teacher_no_clash", "nobody")]
    assert validate(plan, relaxed.timetable).ok


def test_explanation_to_dict_is_json():
    """The JSON form lists items with rule, key, entities and both messages, plus minimal and seconds."""
    plan = tiny_plan(periods=WEEK4, lessons=[lesson("ne", "T1", ["2A"], "Nederlands", count=4, min_days_apart=2)])
    data = json.loads(json.dumps(explain(plan, time_limit=10, workers=1).to_dict()))
    assert data["status"] == "infeasible" and data["minimal"] is True and data["seconds"] >= 0
    assert {tuple(i["key"]) for i in data["items"]} == {("min_days_apart", "ne"), ("lesson_placed", "ne")}
    assert all(i["message_nl"] and i["message_en"] for i in data["items"])


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_plan_with_a_planted_lock_conflict(seed):
    """In a generated plan, two lessons of one group locked into the same slot explain as that clash."""
    from scenarios.generator import generate_plan

    plan = generate_plan(seed, lesson_periods=60, n_htos=1, n_employers=1)
    data = plan.model_dump(mode="json")
    group = data["lessons"][0]["groups"][0]
    mine = [le for le in data["lessons"] if group in le["groups"] and le["duration"] == 1][:2]
    for le in mine:
        le["count"] = 1
        le["lock"] = {"slot": True}
        le["current"] = [{"copy": 0, "day": "mon", "period": 1}]
    plan = parse_plan(data)
    e = explain(plan, time_limit=30, workers=1)
    assert e.status == "infeasible" and e.minimal
    names = {k[0] for k in e.keys}
    assert names == {"lesson_locked", "lesson_placed", "group_no_clash"} or \
        names == {"lesson_locked", "lesson_placed", "teacher_no_clash"}, e.keys
    assert {k[1] for k in e.keys if k[0] == "lesson_locked"} == {le["id"] for le in mine}
    assert relax(plan, e.keys, time_limit=30).status == "feasible"


# --- the sentences take the policy's numbers --------------------------------------------------------

def _policy_plan(**policy):
    return tiny_plan(periods=WEEK4, teachers=[JAN], lessons=[lesson("tk", "JdV", ["2A"], "Techniek")],
                     employers=[hto_employer([], [])], htos=[hto("JdV", "jan", "MBV")], policy=policy)


def test_sentences_name_the_default_numbers():
    from solver.explain.text import describe

    plan = _policy_plan()
    _, nl, en = describe(plan, ("unqualified_teaching_limit", "hto-JdV"), [])
    assert "mag hooguit 360 minuten (6 klokuren) per week" in nl and "at most 360 minutes (6 hours) a week" in en
    _, nl, en = describe(plan, ("atw_daily_rest", "jan"), [])
    assert "na een dienst 11 uur rust (eens per week 8 uur)" in nl
    assert "11 h of rest after a dienst (once a week 8 h)" in en
    _, nl, en = describe(plan, ("atw_max_shift_duration", "jan"), [])
    assert "rustpauzes van 8 uur" in nl and "rests of 8 h," in en
    _, nl, en = describe(plan, ("atw_rest_after_night", "jan"), [])
    assert "na 3 of meer nachten 46 uur" in nl and "46 h after 3+ nights" in en


def test_sentences_name_a_non_default_policy_numbers():
    from solver.explain.text import describe

    plan = _policy_plan(unqualified_max_teaching_minutes=240, max_week_minutes=2700,
                        dienst_separating_rest_minutes=540, daily_rest_short_minutes=570,
                        daily_rest_short_per_week=2, night_series_length=4)
    _, nl, en = describe(plan, ("unqualified_teaching_limit", "hto-JdV"), [])
    assert "mag hooguit 240 minuten (4 klokuren) per week" in nl and "at most 240 minutes (4 hours) a week" in en
    _, nl, en = describe(plan, ("atw_max_week", "jan"), [])
    assert "hooguit 45 uur werk per week" in nl and "at most 45 h of work a week" in en
    _, nl, en = describe(plan, ("atw_daily_rest", "jan"), [])
    assert "(2 keer per week 570 minuten)" in nl and "(twice a week 570 minutes)" in en
    _, nl, en = describe(plan, ("atw_max_shift_duration", "jan"), [])
    assert "rustpauzes van 9 uur" in nl and "rests of 9 h," in en
    _, nl, en = describe(plan, ("atw_rest_after_night", "jan"), [])
    assert "na 4 of meer nachten" in nl and "after 4+ nights" in en
    _, nl, en = describe(_policy_plan(unqualified_max_teaching_minutes=400), ("unqualified_teaching_limit", "hto-JdV"), [])
    assert "mag hooguit 400 minuten per week" in nl and "at most 400 minutes a week" in en
    _, nl, _ = describe(_policy_plan(daily_rest_short_per_week=0), ("atw_daily_rest", "jan"), [])
    assert "na een dienst 11 uur rust;" in nl
