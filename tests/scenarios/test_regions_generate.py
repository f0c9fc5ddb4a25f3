"""The region generator: deterministic, sized as asked, and every part of it feasible on its own."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from scenarios.common import SUBJECT_CODE, WEEKDAYS, school_periods
from scenarios.regions.generate import PRESETS, generate_region, generate_region_dict, main
from scenarios.regions.geo import load_postcodes
from scenarios.regions.model import Region
from scenarios.regions.skills import VO_SUBJECTS, skills
from solver.domain import parse_plan
from solver.params import SolveParams
from solver.pipeline import solve_plan
from solver.validate import validate
from tests.solver.solve_helpers import solve_and_certify

NAMES = sorted(PRESETS)


@pytest.fixture(scope="module", params=NAMES)
def region(request) -> Region:
    return generate_region(request.param, seed=1)


def test_same_seed_same_region_other_seed_other_region():
    """The same preset, seed and scale give identical data; another seed gives another region."""
    for name in NAMES:
        assert generate_region_dict(name, 4, 0.5) == generate_region_dict(name, 4, 0.5)
        assert generate_region_dict(name, 4, 0.5) != generate_region_dict(name, 5, 0.5)


def test_global_random_is_neither_used_nor_disturbed():
    """The generator has its own Random: the global state neither changes the region nor is changed."""
    random.seed(0)
    state = random.getstate()
    first = generate_region_dict("twente", 2, 0.3)
    assert random.getstate() == state
    random.seed(99)
    assert generate_region_dict("twente", 2, 0.3) == first


def test_region_is_independent_of_the_hash_seed(tmp_path):
    """Two processes with different PYTHONHASHSEED write the same region file (no set order leaks in)."""
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"r{hash_seed}.json"
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run([sys.executable, "-m", "scenarios.regions.generate", "rijnmond", "--seed", "3",
                        "--scale", "0.3", "-o", str(out)], check=True, env=env, timeout=120)
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]


def test_scale_one_sizes_and_speed():
    """At scale 1 each preset has 6-10 schools, 15-30 employers and 30-60 candidates, and generates in < 5 s."""
    for name in NAMES:
        start = time.perf_counter()
        region = generate_region(name, seed=7)
        assert time.perf_counter() - start < 5
        assert 6 <= len(region.schools) <= 10
        assert 15 <= len(region.employers) <= 30
        assert 30 <= len(region.candidates) <= 60


def test_scale_multiplies_and_explicit_counts_override():
    """Scale 2 doubles the preset's counts; explicit counts are hit exactly, also the benchmark's ratio."""
    preset = PRESETS["twente"]
    double = generate_region("twente", 1, 2.0)
    assert (len(double.schools), len(double.employers), len(double.candidates)) == (
        2 * preset.n_schools, 2 * preset.n_employers, 2 * preset.n_candidates)
    assert double.scale == 2.0
    sized = generate_region("brainport", 1, n_schools=3, n_employers=12, n_candidates=30)
    assert (len(sized.schools), len(sized.employers), len(sized.candidates)) == (3, 12, 30)
    assert max(Counter(c.employer for c in sized.candidates).values()) <= 5
    crowded = generate_region("rijnmond", 1, n_schools=1, n_employers=2, n_candidates=20)
    assert len(crowded.candidates) == 20   # more than 5 per employer when asked: employers grow


def test_bad_arguments_are_clear_errors(capsys):
    """An unknown preset, a scale of 0, candidates without employers: ValueError naming the problem; the
    CLI turns it into a usage error."""
    with pytest.raises(ValueError, match="unknown preset"):
        generate_region("randstad")
    with pytest.raises(ValueError, match="scale"):
        generate_region("twente", scale=0)
    with pytest.raises(ValueError, match="employer"):
        generate_region("twente", n_employers=0, n_candidates=3)
    with pytest.raises(SystemExit):
        main(["twente", "--scale", "0"])
    assert "scale" in capsys.readouterr().err


def test_cli_writes_a_region_file(tmp_path):
    """python -m scenarios.regions.generate writes JSON that loads back as the same Region."""
    out = tmp_path / "region.json"
    assert main(["brainport", "--seed", "2", "--scale", "0.3", "-o", str(out)]) == 0
    loaded = Region.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert loaded == generate_region("brainport", 2, 0.3)


def test_references_postcodes_and_ids(region):
    """Ids are unique; every candidate is staff of their employer with the same skills; every postcode is
    in the table and in the region's towns."""
    table = load_postcodes()
    preset = PRESETS[region.id]
    towns = set(preset.school_towns) | set(preset.employer_towns)
    for items in (region.schools, region.employers, region.candidates):
        assert len({x.id for x in items}) == len(items)
    staff = {(e.id, s.id): s for e in region.employers for s in e.employer.staff}
    for e in region.employers:
        assert e.employer.id == e.id and table[e.postcode][0] == e.employer.site
    for school in region.schools:
        assert table[school.postcode][0] in preset.school_towns
        assert school.plan.schools[0].id == school.id
    for c in region.candidates:
        assert staff[(c.employer, c.staff)].skills == c.skills
        assert table[c.home_postcode][0] in towns
        assert set(c.skills) <= set(skills())


def test_candidates_willingness_routes_and_days(region):
    """Release minutes come from the preset's ranges (Brainport 4-8 h); route states have a start date
    within two years, the others none; release days are school days; most candidates are unqualified."""
    preset = PRESETS[region.id]
    for c in region.candidates:
        allowed = preset.release_minutes if c.qualification == "none" else preset.release_minutes_route
        assert c.release_minutes_per_week in allowed
        assert (c.route_started is not None) == (c.qualification in ("zij_instroom", "pdg_trajectory"))
        assert c.release_days and set(c.release_days) <= set(WEEKDAYS)
        assert 20 <= c.hourly_wage_eur <= 40
    if region.id == "brainport":
        assert all(240 <= c.release_minutes_per_week <= 480 for c in region.candidates)
    states = Counter(c.qualification for c in region.candidates)
    assert states["none"] > len(region.candidates) / 2


def test_vacancies_are_optional_teacherless_lessons_with_level_codes(region):
    """Each school has 1-3 vacancies; their lessons are optional, without teacher or candidates, carry the
    vacancy's subject code (a vo code at a vo school, an mbo code at an mbo school), are not in the plan,
    and add up to the vacancy's minutes. Every remaining teacher still teaches."""
    mbo_codes = set(SUBJECT_CODE.values())
    for school in region.schools:
        assert 1 <= len(school.vacancies) <= 3
        plan_ids = {lesson.id for lesson in school.plan.lessons}
        for vacancy in school.vacancies:
            assert vacancy.subject in (VO_SUBJECTS if school.level == "vo" else mbo_codes)
            assert vacancy.minutes_per_week == sum(x.count * x.duration * 50 for x in vacancy.lessons) > 0
            for lesson in vacancy.lessons:
                assert lesson.optional and lesson.teacher is None and not lesson.candidates
                assert lesson.subject == vacancy.subject and lesson.id not in plan_ids
        teaching = {lesson.teacher for lesson in school.plan.lessons}
        assert {t.id for t in school.plan.teachers} == teaching
    budgets = [s for s in region.schools if s.budget_eur_per_week is not None]
    assert budgets, "no school with a budget: the VAT lever could bind nowhere"
    for school in budgets:
        hours = sum(v.minutes_per_week for v in school.vacancies) / 60
        # between the ex-VAT and the VAT-included secondment cost of all its vacancy hours
        assert 113 / 1.21 * hours < school.budget_eur_per_week < 113 * hours


def test_every_school_plan_parses(region):
    """Each school's plan passes parse_plan (references checked)."""
    for school in region.schools:
        parse_plan(school.plan.model_dump(mode="json", exclude_defaults=True), source=school.id)


def first_solution(plan, **kw):
    stop = threading.Event()
    return solve_and_certify(plan, time_limit=60, stop=stop, on_progress=lambda _: stop.set(), **kw)


@pytest.mark.slow
def test_schools_of_a_small_region_solve_alone_and_their_vacancies_fit():
    """At scale 0.3 every school's own plan gets a certified timetable, and so does the plan with its
    vacancy lessons given back as compulsory teacherless lessons: they fit the school's grid and rooms."""
    region = generate_region("twente", seed=1, scale=0.3)
    assert {s.level for s in generate_region("twente", seed=1, scale=0.6).schools} == {"vo", "mbo"}
    for school in region.schools:
        data = school.plan.model_dump(mode="json", exclude_defaults=True)
        outcome = first_solution(parse_plan(data))
        assert outcome.timetable is not None and not outcome.timetable.unplaced
        for vacancy in school.vacancies:
            for lesson in vacancy.lessons:
                item = lesson.model_dump(mode="json", exclude_defaults=True)
                item.pop("optional")
                data["lessons"].append({**item, "teacherless": True})
        outcome = first_solution(parse_plan(data))
        placed = {p.lesson for p in outcome.timetable.placements}
        assert {x.id for v in school.vacancies for x in v.lessons} <= placed


def employer_plan(employer) -> dict:
    return {"name": employer.id, "schools": [{"id": "geen", "periods": school_periods()}],
            "employers": [employer.employer.model_dump(mode="json", exclude_defaults=True)]}


def test_every_employers_current_roster_meets_its_demand():
    """For each employer of the three presets (scale 0.5): a plan with just that employer solves with the
    current roster kept, and the validator finds no hard violation; the same roster against a window that
    asks for more people than the employer has is caught (the check has teeth). Some windows have slack:
    fewer asked than the people there whose first demand skill it is."""
    slack_windows = 0
    for name in NAMES:
        for employer in generate_region(name, seed=3, scale=0.5).employers:
            data = employer_plan(employer)
            plan = parse_plan(data)
            outcome = solve_plan(plan, SolveParams(time_limit=20, workers=1, seed=1))
            report = validate(plan, outcome.timetable)
            assert report.hard_violations == 0, [v.message_en for v in report.violations]
            assert outcome.timetable.rosters and all(r.change == "kept" for r in outcome.timetable.rosters)
            slack_windows += len(slack_of(employer.employer))
            data["employers"][0]["demand"][0]["min_staff"] += len(employer.employer.staff)
            assert validate(parse_plan(data), outcome.timetable).hard_violations > 0
    assert slack_windows > 0


def slack_of(employer) -> list:
    """Demand windows that ask for fewer people than the roster puts there with it as first demand skill."""
    skills = list(dict.fromkeys(d.skill for d in employer.demand))
    start_of = {s.id: s.start for s in employer.shifts}
    present = Counter()
    for person in employer.staff:
        first = next(s for s in person.skills if s in skills)
        for item in person.roster:
            present[(item.week, start_of[item.shift], item.day, first)] += 1
    return [d for d in employer.demand
            if d.min_staff < present[((d.weeks or [1])[0], d.start, d.day, d.skill)]]


def test_shift_patterns_of_the_presets():
    """Rijnmond has 12-hour shifts on a two-week cycle (45 minutes of pauses) and two-week early/late
    rotations; Brainport has day shifts and early/late; Twente day, early and late."""
    patterns = {}
    for name in NAMES:
        region = generate_region(name, seed=1)
        patterns[name] = {(s.start, s.end, e.employer.cycle.weeks) for e in region.employers
                          for s in e.employer.shifts}
    assert ("07:00", "19:00", 2) in patterns["rijnmond"] and ("06:00", "14:00", 2) in patterns["rijnmond"]
    assert {("07:30", "16:00", 1), ("06:00", "14:00", 1), ("14:00", "22:00", 1)} <= patterns["brainport"]
    assert {("07:30", "16:00", 1), ("06:00", "14:00", 1), ("14:00", "22:00", 1)} <= patterns["twente"]
    long = next(s for e in generate_region("rijnmond", 1).employers for s in e.employer.shifts if s.id == "dag12")
    assert sum(b - a for a, b in long.pause_offsets()) == 45


def test_slack_lets_one_person_go_there_and_not_elsewhere():
    """On a slack window one person with the skill can leave their shift and the staffing still holds (the
    validator certifies the solve); on a window asking for everyone there with the skill, nobody can
    (the solver proves it infeasible). Checked on the day-shift employers of Twente."""
    checked_slack = checked_tight = 0
    for employer in generate_region("twente", seed=1).employers:
        if employer.employer.cycle.weeks != 1:
            continue
        staff = employer.employer.staff
        start_of = {s.id: s.start for s in employer.employer.shifts}
        slack = {(d.start, d.day, d.skill) for d in slack_of(employer.employer)}
        for window in employer.employer.demand:
            there = [p for p in staff for item in p.roster
                     if (start_of[item.shift], item.day) == (window.start, window.day) and window.skill in p.skills]
            key = (window.start, window.day, window.skill)
            if key in slack:
                person = next(p for p in there if next(s for s in p.skills if s in {d.skill for d in
                              employer.employer.demand}) == window.skill)
                expect = "OPTIMAL"
            elif window.min_staff == len(there):
                person = there[0]
                expect = "INFEASIBLE"
            else:
                continue
            data = employer_plan(employer)
            person_data = next(p for p in data["employers"][0]["staff"] if p["id"] == person.id)
            person_data["roster"] = [i for i in person_data["roster"]
                                     if (start_of[i["shift"]], i["day"]) != (window.start, window.day)]
            person_data.pop("contract_hours", None)
            plan = parse_plan(data)
            outcome = solve_plan(plan, SolveParams(time_limit=20, workers=1, seed=1))
            assert outcome.result.status == expect, (employer.id, key)
            if outcome.timetable is not None:
                assert validate(plan, outcome.timetable).hard_violations == 0
                checked_slack += 1
            else:
                checked_tight += 1
            if checked_slack >= 3 and checked_tight >= 3:
                return
    pytest.fail(f"too few windows checked: {checked_slack} with slack, {checked_tight} tight")
