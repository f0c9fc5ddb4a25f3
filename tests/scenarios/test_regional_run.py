"""The regional run (issue 23): match, schedule each school, certify the whole region, three ways."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import pytest

from scenarios.regional.bound import relaxed_bound
from scenarios.regional.eligible import find_options
from scenarios.regional.match import match
from scenarios.regional.rows import MAX_SCHOOLS, employer_caps
from scenarios.regional.run import RunSettings, run_region
from scenarios.regions.generate import generate_region
from scenarios.regions.routes import max_minutes
from solver.timeline import parse_hhmm
from solver.validate import validate

SETTINGS = RunSettings(school_seconds=60, rounds=2, workers=1, deterministic_time=1.0)


@lru_cache(maxsize=None)
def small_region():
    return generate_region("brainport", seed=1, scale=0.2)


@lru_cache(maxsize=None)
def region_run(mode: str):
    return run_region(small_region(), mode, SETTINGS)


def _minutes_by_teacher(plan, timetable) -> dict[str, int]:
    """Teaching minutes per teacher: the lesuren each placement takes, breaks between them left out."""
    lengths: dict[tuple, int] = {}
    for school in plan.schools:
        for day in {p.day for p in school.periods}:
            periods = sorted((p for p in school.periods if p.day == day), key=lambda p: parse_hhmm(p.start))
            for number, p in enumerate(periods, start=1):
                lengths[school.id, day, number] = parse_hhmm(p.end) - parse_hhmm(p.start)
    out: dict[str, int] = defaultdict(int)
    for p in timetable.placements:
        out[p.teacher] += sum(lengths[p.school, p.day, n] for n in range(p.period, p.period + p.duration))
    return out


@pytest.mark.parametrize("mode", ["joint", "sequential", "fixed_day"])
def test_every_way_gives_a_certified_region(mode):
    """Every school's timetable and every employer's staffing hold in the one regional plan: the validator
    finds no hard violation (staffing_demand counts each person once per skill and place)."""
    run = region_run(mode)
    report = validate(run.plan, run.timetable)
    assert report.hard_violations == 0, report.hard_by_rule()
    assert report.hard("staffing_demand") == []
    region = small_region()
    assert {s.id for s in run.plan.schools} == {s.id for s in region.schools}
    assert {e.id for e in run.plan.employers} == {e.id for e in region.employers}
    assert 0 <= run.placed_vacancy_minutes <= run.bound


def test_joint_places_vacancy_lessons_within_each_release():
    run = region_run("joint")
    assert run.placed_vacancy_minutes > 0
    taught = _minutes_by_teacher(run.plan, run.timetable)
    region = small_region()
    for candidate in region.candidates:
        assert taught.get(candidate.id, 0) <= candidate.release_minutes_per_week


def test_fixed_day_keeps_each_hto_to_one_day():
    """(c) today's practice: every hto'er teaches on one day only, the one their employer gave."""
    run = region_run("fixed_day")
    days = defaultdict(set)
    candidates = {c.id for c in small_region().candidates}
    for p in run.timetable.placements:
        if p.teacher in candidates:
            days[p.teacher].add(p.day)
    assert days and all(len(d) == 1 for d in days.values())


def test_sequential_keeps_every_roster():
    """(b): the companies check the school's timetable against their rosters and re-roster nobody."""
    run = region_run("sequential")
    assert run.timetable.rosters and all(r.change == "kept" for r in run.timetable.rosters)
    assert not run.timetable.removed_shifts


def test_the_bound_is_the_relaxed_match_over_every_option():
    """The bound relaxes the match over all options: at least what the match (over the nearest schools)
    covers, which is at least what the schedule places."""
    run = region_run("joint")
    found = find_options(small_region())
    first = match(small_region(), found.nearest(), deterministic_time=1.0)
    assert run.bound == relaxed_bound(small_region(), found) >= first.minutes >= run.placed_vacancy_minutes


def test_match_keeps_every_cap():
    region = generate_region("twente", seed=2, scale=0.3)
    found = find_options(region)
    chosen = match(region, found, deterministic_time=2.0)
    assert chosen.chosen, "the match found nothing to compare"
    minutes: dict[str, int] = defaultdict(int)
    schools: dict[str, set] = defaultdict(set)
    lessons = set()
    for o in chosen.chosen:
        minutes[o.candidate] += o.minutes
        schools[o.candidate].add(o.school)
        assert (o.school, o.lesson) not in lessons, "a lesson went to two candidates"
        lessons.add((o.school, o.lesson))
    by_id = {c.id: c for c in region.candidates}
    level = {s.id: s.level for s in region.schools}
    for c, total in minutes.items():
        assert total <= found.release[c]
        assert len(schools[c]) <= MAX_SCHOOLS
        for lv in ("vo", "mbo"):
            cap = max_minutes(by_id[c], lv, region.params)
            at = sum(o.minutes for o in chosen.chosen if o.candidate == c and level[o.school] == lv)
            assert cap is None or at <= cap
    people = defaultdict(set)
    for o in chosen.chosen:
        people[by_id[o.candidate].employer].add(o.candidate)
    caps = employer_caps(region)
    assert all(len(p) <= caps[e] for e, p in people.items())


def test_figures_add_up_and_vat_moves_only_the_schools_price():
    """The region's figures come from the certified plan: each candidate's minutes are their placements',
    the covered minutes the run's; dropping VAT makes a seconded hour 1/1.21 as dear for the school and
    leaves the employer's side as it was (it keeps the fee without VAT either way)."""
    from scenarios.regional.kpis import candidate_rows, employer_rows, region_kpis
    from scenarios.regional.levers import apply_levers
    from scenarios.regional.units import TODAY

    run, region = region_run("joint"), small_region()
    report = validate(run.plan, run.timetable)
    rows = candidate_rows(region, run.plan, run.timetable, TODAY)
    taught = _minutes_by_teacher(run.plan, run.timetable)
    assert {r["candidate"]: r["minutes"] for r in rows if r["minutes"]} == {
        c.id: taught[c.id] for c in region.candidates if taught.get(c.id)}
    kpis = region_kpis(region, run, report, rows, employer_rows(region, run.timetable, report))
    assert kpis["vacancy_minutes_covered"] == run.placed_vacancy_minutes > 0
    assert kpis["certified"] and kpis["output_loss_windows"] == 0
    no_vat = apply_levers(region, "no_vat")
    free = candidate_rows(no_vat, run.plan, run.timetable, TODAY)
    for with_vat, without in zip(rows, free):
        if with_vat.get("school_eur_per_hour_secondment") is not None:
            assert with_vat["school_eur_per_hour_secondment"] == pytest.approx(
                1.21 * without["school_eur_per_hour_secondment"], abs=0.02)
            assert with_vat["employer_eur_per_hour_secondment"] == without["employer_eur_per_hour_secondment"]
