"""The bundled demo plan: it loads, has the promised shape, and leaves slack everywhere."""

from __future__ import annotations

import json
import re
import threading

import pytest

from scenarios.capacity import capacity_report
from scenarios.demo import DEMO_PLAN_PATH
from scenarios.demo.build import build_demo
from solver.domain import load_plan
from solver.timeline import DAYS, parse_hhmm


@pytest.fixture(scope="module")
def plan():
    return load_plan(DEMO_PLAN_PATH)


@pytest.fixture(scope="module")
def report(plan):
    return capacity_report(plan)


def test_committed_json_is_what_the_builder_writes():
    """scenarios/demo/plan.json is up to date with build.py (run `python -m scenarios.demo.build`)."""
    assert json.loads(DEMO_PLAN_PATH.read_text(encoding="utf-8")) == build_demo()


def test_school_has_eight_classes_with_clusters(plan):
    """One school with 8 klassen, halves and keuzedeel clusters that mix sets of two classes."""
    (school,) = plan.schools
    classes = [g for g in school.groups if re.fullmatch(r"[A-Z]{2}\d[A-Z]", g.id)]
    assert len(classes) == 8
    class_of_set = {s: g.id for g in classes for s in g.student_sets}
    clusters = [g for g in school.groups if len({class_of_set.get(s) for s in g.student_sets}) == 2]
    assert len(clusters) >= 2


def test_about_twenty_teachers_with_subjects(plan):
    """About 20 teachers, each with a subject list."""
    assert 18 <= len(plan.teachers) <= 22
    assert all(t.subjects for t in plan.teachers)


def test_ten_rooms_including_workshops(plan):
    """10 rooms of the five kinds, workshops for metal and electro among them."""
    kinds = [r.kind for r in plan.schools[0].rooms]
    assert len(kinds) == 10
    assert set(kinds) == {"classroom", "workshop_metal", "workshop_electro", "lab", "computer"}


def test_fifty_minute_lesuren_with_lunch_break(plan):
    """8 lesuren of 50 minutes Mon-Fri, and only the period after lunch has break_before."""
    periods = plan.schools[0].periods
    assert len(periods) == 40
    assert {p.day for p in periods} == set(DAYS[:5])
    assert all(parse_hhmm(p.end) - parse_hhmm(p.start) == 50 for p in periods)
    assert {p.start for p in periods if p.break_before} == {"12:40"}


def test_lessons_are_theory_and_blokuren(plan, report):
    """About 200-260 lesson-periods: theory lessons of one lesuur, practice as blokuren in workshops."""
    assert 200 <= report["lesson_periods"] <= 260
    theory = [x for x in plan.lessons if x.duration == 1]
    assert all(2 <= x.count <= 4 and x.min_days_apart == 1 for x in theory)
    blocks = [x for x in plan.lessons if x.room_kind and x.room_kind.startswith("workshop")]
    assert blocks and all(2 <= x.duration <= 3 for x in blocks)


def test_loads_leave_slack(report):
    """Teachers, student sets and room kinds are all loaded below 75%."""
    assert report["max"]["teacher"] < 0.75
    assert report["max"]["hto_teacher_fixed"] < 0.75
    assert report["max"]["student_set"] < 0.75
    assert report["max"]["room_kind"] < 0.75
    assert report["oversized_lessons"] == []


def test_three_employers_with_early_late_day_and_night_shifts(plan):
    """Metal works early and late, the installer days, maintenance days, evenings and a night across midnight."""
    shifts = {e.id: {(s.start, s.end, s.crosses_midnight) for s in e.shifts} for e in plan.employers}
    assert shifts == {
        "metaal-hengelo": {("06:00", "14:00", False), ("14:00", "22:00", False)},
        "vdveen-installatie": {("07:30", "16:00", False)},
        "twente-onderhoud": {("07:00", "15:30", False), ("15:30", "23:30", False), ("22:00", "06:00", True)},
    }
    for employer in plan.employers:
        assert 5 <= len(employer.staff) <= 10
        assert any(p.may_reroster for p in employer.staff)


def test_rotations_two_shift_wisseldienst_and_three_shift_rotation(plan):
    """Metal's crews swap early and late every week (a two-week cycle); three maintenance mechanics rotate
    over day, evening and night in three weeks, one on each every week; the horizon is six weeks."""
    from solver.domain.cycles import plan_horizon

    metaal, _, onderhoud = plan.employers
    assert metaal.cycle.weeks == 2 and onderhoud.cycle.weeks == 3
    for person in metaal.staff:
        weeks = [{(r.shift, r.day) for r in person.roster if r.week == w} for w in (1, 2)]
        swapped = {({"vroeg": "laat", "laat": "vroeg"}[s], d) for s, d in weeks[0]}
        assert weeks[1] == swapped
    rotating = [p for p in onderhoud.staff if p.cycle is None]
    assert len(rotating) == 3
    for w in (1, 2, 3):
        on = sorted({r.shift for p in rotating for r in p.roster if r.week == w})
        assert on == ["avond", "dag", "nacht"]
    assert plan_horizon(plan).weeks == 6


def test_current_rosters_cover_all_demand(report):
    """Before anyone teaches, every staffing window is covered (no output loss to start from)."""
    assert all(e["short_windows"] == 0 for e in report["employers"].values())


def test_five_htos_one_unqualified_within_six_klokuren(plan):
    """Five hto'ers; the unqualified one can get at most 360 teaching minutes (6 lesuren of 50)."""
    assert len(plan.htos) == 5
    (unqualified,) = [h for h in plan.htos if h.qualification == "unqualified"]
    periods = sum(x.duration * x.count for x in plan.lessons
                  if x.teacher == unqualified.teacher or unqualified.teacher in x.candidates)
    assert periods <= 6
    assert periods * 50 <= plan.policy.unqualified_max_teaching_minutes


def test_night_hto_teaches_only_after_the_night_rest(plan):
    """The hto'er on nights teaches only on days that start 14 h (46 h after 3+ nights) after a night."""
    employer = {e.id: e for e in plan.employers}
    night_htos = []
    for hto in plan.htos:
        shifts = {s.id: s for s in employer[hto.employer].shifts}
        person = next(p for p in employer[hto.employer].staff if p.id == hto.staff)
        nights = [i for i in person.roster if shifts[i.shift].crosses_midnight]
        if not nights:
            continue
        night_htos.append(hto.id)
        spans = [(DAYS.index(i.day) * 1440 + parse_hhmm(shifts[i.shift].start),
                  DAYS.index(i.day) * 1440 + 1440 + parse_hhmm(shifts[i.shift].end)) for i in nights]
        rest = 46 * 60 if len(nights) >= 3 else 14 * 60
        travel = max(hto.travel_minutes.values())
        for day in hto.release.allowed_days:
            busy = (DAYS.index(day) * 1440 + parse_hhmm("08:30") - travel,
                    DAYS.index(day) * 1440 + parse_hhmm("16:10") + travel)
            assert all(busy[0] >= end + rest or busy[1] <= start for start, end in spans), day
    assert night_htos == ["hto-bosman"]


def test_school_prefers_its_htos_where_there_is_a_choice(plan):
    """Each of the four lessons with a choice between an hto'er and a regular teacher names the hto'er as
    the school's preferred candidate (teacher_preference), so that the hto'ers teach them."""
    htos = {h.teacher for h in plan.htos}
    choice = [x for x in plan.lessons if len(x.candidates) > 1]
    assert sorted(x.id for x in choice) == ["ET2B-PLC", "IT2A-LEI", "MT1A-PLC", "WB2A-CNC"]
    for x in choice:
        assert len(set(x.candidates) & htos) == 1 and x.preferred_teachers == [t for t in x.candidates if t in htos]
    assert not any(x.optional for x in plan.lessons)  # the demo has no vacancies
    assert sum(x.count for x in plan.lessons) == 149


def test_rerostering_case(report):
    """Youssef may teach only on Thursday, when installers are at the minimum: Anouk must cover."""
    youssef = report["htos"]["hto-elamrani"]
    assert youssef["tight_days"] == ["thu"]
    assert youssef["flexible_cover"] == ["vv-lammers"]
    assert youssef["fixed_minutes"] > 0
    others = [h for k, h in report["htos"].items() if k != "hto-elamrani"]
    assert all(h["tight_days"] == [] for h in others)


@pytest.mark.slow
def test_demo_is_feasible():
    """The solver finds a demo timetable that the validator certifies (stopped at the first one)."""
    from solver.params import SolveParams
    from solver.pipeline import solve_plan

    from tests.solver.test_solve_cycles import certify

    plan = load_plan(DEMO_PLAN_PATH)
    stop = threading.Event()
    outcome = solve_plan(plan, SolveParams(time_limit=120, seed=1, stop=stop, on_progress=lambda _: stop.set()))
    assert outcome.timetable is not None, outcome.result.status
    assert not outcome.timetable.unplaced
    assert {r.week for r in outcome.timetable.rosters} == set(range(1, 7))
    certify(plan, outcome.timetable)  # each of the six weeks (and all at once when the validator reads weeks)
