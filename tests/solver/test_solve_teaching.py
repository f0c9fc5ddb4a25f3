"""Tiny solves for teaching by hto'ers (issue 20, item 3): vacancies left open, the release's minimum and
target, and the school's preferred candidates, each with a hand-derived optimum (docs/rules.md).

Weights are 0 unless a test switches one on with `only(...)`; the hto'er H is teacher H and staff member H
of employer E, T a regular teacher. Every solve is certified by the validator (solve_and_certify).
"""

from __future__ import annotations

from solver.domain import parse_plan
from solver.explain import explain
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, locked, only, placement, shift, solve_and_certify, staff, tiny_plan,
)

DAY = shift("day", "07:00", "15:00", days=["mon", "tue"])
TWO_DAYS = {"mon": ["08:30-09:20", "09:20-10:10"], "tue": ["08:30-09:20", "09:20-10:10"]}


def _covered(extra_lessons=(), *, optional=True, policy=None, weights=None, periods=None):
    """Vacancy V only H can teach; H works mon 07:00-15:00 and is the one person the window needs, so H
    can never leave: V cannot be placed. Group A has two lesuren and two lessons (L by T, and V)."""
    return tiny_plan(
        periods=periods or {"mon": ["08:30-09:20", "09:20-10:10"]},
        lessons=[lesson("V", "H", ["A"], optional=optional), lesson("L", "T", ["A"]), *extra_lessons],
        employers=[employer([DAY], [staff("H", [("day", "mon")])], [demand("mon", "07:00", "15:00")])],
        htos=[hto()], policy=policy, weights=weights if weights is not None else only(compact_release=10))


# --- vacancy_open -------------------------------------------------------------------------------

def test_vacancy_open_left_open_instead_of_infeasible():
    """Acceptance: a vacancy only an hto'er can teach, whose shift cannot be covered, stays open and is
    reported; the same lesson required makes the plan infeasible. (Group A's two lesuren hold L and V:
    were V counted as always placed, the implied 'fully booked' clauses would force it in.)"""
    outcome = solve_and_certify(_covered(), expect="OPTIMAL")
    tt = outcome.timetable
    assert [(v.lesson, v.copy, v.school, v.minutes) for v in tt.open_vacancies] == [("V", 0, "S", 50)]
    assert tt.unplaced == [] and [p.lesson for p in tt.placements] == ["L"]
    # 50 open lesson-minutes x 100 = 5000
    assert outcome.result.objective == 5000 and tt.soft_cost["vacancy_open"] == 5000
    assert tt.kpis["vacancy_minutes_open"] == 50
    solve_and_certify(_covered(optional=False), expect="INFEASIBLE")


def test_vacancy_open_is_filled_when_it_can_be():
    """Off shift the hto'er teaches the vacancy: nothing stays open, only the release's soft cost remains."""
    plan = _covered(periods={"mon": ["08:30-09:20", "09:20-10:10"], "tue": ["08:30-09:20"]})
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert outcome.timetable.open_vacancies == [] and placement(outcome, "V").day == "tue"
    # H teaches on tue: 1 day + 1 half-day = 2 x 10 = 20
    assert outcome.result.objective == 20


def test_vacancy_open_costs_its_shortest_run_of_lesuren():
    """A 2-lesuur vacancy on a day of 45- and 50-minute lesuren costs its fewest minutes: 45 + 45."""
    periods = {"mon": ["08:30-09:20", "09:20-10:05", "10:05-10:50", "10:50-11:40"]}
    plan = _covered(periods=periods, policy={"vacancy_penalty_per_minute": 7})
    plan = plan.model_copy(update={"lessons": [plan.lessons[0].model_copy(update={"duration": 2}), plan.lessons[1]]})
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    (open_,) = outcome.timetable.open_vacancies
    # runs: 50+45, 45+45, 45+50 -> 90 minutes; 90 x 7 = 630
    assert open_.minutes == 90 and outcome.result.objective == 630


def test_vacancy_open_ranks_below_output_and_above_soft_rules():
    """With output loss allowed, the vacancy stays open rather than leave the window short (1,000 a
    person-minute against 100 a lesson-minute); a vacancy that costs only soft rules is filled."""
    outcome = solve_and_certify(_covered(policy={"allow_output_loss": True}), expect="OPTIMAL")
    assert len(outcome.timetable.open_vacancies) == 1 and outcome.result.objective == 5000
    # placing V would release H 08:30-09:20 from the window: 50 person-minutes x 1000 = 50,000
    cheap = solve_and_certify(_covered(policy={"allow_output_loss": True, "vacancy_penalty_per_minute": 1000,
                                               "output_loss_penalty_per_person_minute": 1}), expect="OPTIMAL")
    assert cheap.timetable.open_vacancies == [] and cheap.result.objective == 50 + 20  # short + compact
    # B has LB in lesuur 1 and T is busy in 1 and 2: V fits only in 3, leaving B a tussenuur (20)
    soft = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10", "10:10-11:00"]},
                     lessons=[locked("LB", "mon", 1, teacher="U", groups=["B"]),
                              locked("C1", "mon", 1, teacher="T", groups=["C"]),
                              locked("C2", "mon", 2, teacher="T", groups=["C"]),
                              lesson("V", "T", ["B"], optional=True)],
                     weights=only(student_gaps=20))
    outcome = solve_and_certify(soft, expect="OPTIMAL")
    assert outcome.timetable.open_vacancies == [] and placement(outcome, "V").period == 3
    assert outcome.result.objective == 20  # far below 50 x 100 for leaving V open


def test_vacancy_open_copies_may_all_stay_open():
    """Two copies of a vacancy with groups (interchangeable copies are not ordered then) both stay open."""
    plan = _covered()
    plan = plan.model_copy(update={"lessons": [plan.lessons[0].model_copy(update={"count": 2}), plan.lessons[1]]})
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert sorted(v.copy for v in outcome.timetable.open_vacancies) == [0, 1]
    assert outcome.result.objective == 2 * 50 * 100


def test_vacancy_open_ties_no_partner_when_open():
    """A required lesson tied copy-wise to a vacancy (same starting time) keeps its own options: the
    vacancy can only be on mon (H's release day), where T cannot teach, and stays open."""
    plan = tiny_plan(
        periods=TWO_DAYS,
        lessons=[lesson("V", "H", ["A"], optional=True), lesson("L", "T", ["B"])],
        teachers=["H", {"id": "T", "unavailable": [{"day": "mon", "start": "08:00", "end": "12:00"}]}],
        employers=[employer([], [staff("H")])], htos=[hto(release={"allowed_days": ["mon"]})])
    data = plan.model_dump(mode="json")
    data["constraints"] = [{"type": "same_starting_time", "lessons": ["V", "L"]}]
    outcome = solve_and_certify(parse_plan(data), expect="OPTIMAL")
    assert placement(outcome, "L").day == "tue" and len(outcome.timetable.open_vacancies) == 1


# --- teacher_preference -------------------------------------------------------------------------

def _choice(preferred=None, weights=None, release=None):
    """Lesson L twice a week (mon and tue), candidates [H, T]; H works 07:00-15:00 with no demand, travel 15."""
    les = lesson("L", None, ["A"], count=2, candidates=["H", "T"], min_days_apart=1)
    if preferred:
        les["preferred_teachers"] = preferred
    return tiny_plan(periods=TWO_DAYS, lessons=[les],
                     employers=[employer([DAY], [staff("H", [("day", "mon"), ("day", "tue")])])],
                     htos=[hto(travel_minutes={"S": 15}, release=release or {})],
                     weights=weights if weights is not None else only(compact_release=10, teacher_preference=50))


def _teachers(outcome) -> list[str]:
    return sorted(p.teacher for p in outcome.timetable.placements)


def test_teacher_preference_makes_the_hto_teach():
    """Acceptance: with candidates [hto'er, regular teacher] and the school preferring the hto'er, the
    hto'er teaches; without the preference the regular teacher does, as releasing costs compact_release."""
    outcome = solve_and_certify(_choice(), expect="OPTIMAL")
    assert _teachers(outcome) == ["T", "T"] and outcome.result.objective == 0
    outcome = solve_and_certify(_choice(["H"]), expect="OPTIMAL")
    # H on mon and tue: 2 days + 2 half-days = 4 x 10 = 40 < 2 copies x 50 to T
    assert _teachers(outcome) == ["H", "H"] and outcome.result.objective == 40
    assert [(e.hto, e.minutes) for e in outcome.timetable.hto_teaching] == [("hto-H", 100)]
    # released 08:15-09:35 on mon and tue (lesson 08:30-09:20 with 15 minutes of travel on both sides)
    assert [(r.employer, r.person_minutes) for r in outcome.timetable.released] == [("E", 160)]


def test_teacher_preference_is_a_weight_not_a_rule():
    """The preference is soft: at weight 10 a copy costs less than H's day and half-day (20), and where H
    may not teach (release days) T teaches at the preference's cost."""
    outcome = solve_and_certify(_choice(["H"], weights=only(compact_release=10, teacher_preference=10)),
                                expect="OPTIMAL")
    assert _teachers(outcome) == ["T", "T"] and outcome.result.objective == 20  # 2 copies x 10
    outcome = solve_and_certify(_choice(["H"], release={"allowed_days": ["mon"]}), expect="OPTIMAL")
    # H on mon (1 day + 1 half-day = 20), T on tue (50)
    assert _teachers(outcome) == ["H", "T"] and outcome.result.objective == 70


# --- release_min_teaching -----------------------------------------------------------------------

def test_release_min_teaching_makes_the_hto_teach():
    """An agreed minimum of 50 minutes: H takes one copy (20 for the day and half-day), T the other;
    a minimum above what H can teach has no timetable, and explain names the agreement."""
    outcome = solve_and_certify(_choice(release={"min_teaching_minutes": 50}), expect="OPTIMAL")
    assert _teachers(outcome) == ["H", "T"] and outcome.result.objective == 20
    plan = _choice(release={"min_teaching_minutes": 150})
    solve_and_certify(plan, expect="INFEASIBLE")
    explanation = explain(plan, time_limit=20)
    assert explanation.status == "infeasible"
    item = next(i for i in explanation.items if i.rule == "release_min_teaching")
    assert "minstens 150 minuten per week lesgeven" in item.message_nl and "at least 150 minutes" in item.message_en


# --- release_target_teaching --------------------------------------------------------------------

def test_release_target_teaching_costs_each_minute_short():
    """A target of 100 minutes at 1 a minute: H teaching both copies (40) beats one (20 + 50 short) and
    none (100 short); at weight 0 T teaches them."""
    release = {"target_teaching_minutes": 100}
    outcome = solve_and_certify(_choice(release=release, weights=only(compact_release=10, release_target_teaching=1)),
                                expect="OPTIMAL")
    assert _teachers(outcome) == ["H", "H"] and outcome.result.objective == 40
    outcome = solve_and_certify(_choice(release=release, weights=only(compact_release=10)), expect="OPTIMAL")
    assert _teachers(outcome) == ["T", "T"] and outcome.result.objective == 0
    # a target of 75: one copy (20 + 25 short = 45) against two (40)
    outcome = solve_and_certify(_choice(release={"target_teaching_minutes": 75},
                                        weights=only(compact_release=10, release_target_teaching=1)),
                                expect="OPTIMAL")
    assert _teachers(outcome) == ["H", "H"] and outcome.result.objective == 40
    assert outcome.timetable.hto_teaching[0].target_minutes == 75
