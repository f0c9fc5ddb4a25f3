"""The regions' shipped tables and lookups: postcodes and travel times, skills -> subjects, hidden matches."""

from __future__ import annotations

import csv
import itertools

import pytest

from scenarios.common import SUBJECT_CODE
from scenarios.regions.geo import TABLES, distance_km, load_postcodes, place_of, postcodes_of, travel_minutes
from scenarios.regions.model import Candidate, RegionParams
from scenarios.regions.presets import PRESETS, VO_SUBJECT_OF
from scenarios.regions.skills import (
    JOB_TITLES, VO_SUBJECTS, is_hidden_match, skill_table, skills, subjects_for, title_skill,
)


def candidate(**kw) -> Candidate:
    data = {"id": "c1", "name": "Test", "employer": "e1", "staff": "p1", "job_title": "CNC-operator",
            "skills": ["cnc", "cad"], "release_minutes_per_week": 300, "release_days": ["tue"],
            "home_postcode": "5611"}
    data.update(kw)
    return Candidate.model_validate(data)


# --- postcodes and travel ---------------------------------------------------------------------------

def test_postcode_table_has_30_to_80_rows_per_region_and_well_formed_rows():
    """Every row is a four-digit PC4 with a place and a Dutch latitude/longitude; each preset's towns have
    30-80 postcodes in the table, and every town a preset names is in it."""
    table = load_postcodes()
    with open(TABLES / "postcodes.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) == len(table), "a postcode is listed twice"
    for pc, (place, lat, lon) in table.items():
        assert len(pc) == 4 and pc.isdigit() and place
        assert 50.7 < lat < 53.6 and 3.3 < lon < 7.3, pc
    for preset in PRESETS.values():
        towns = set(preset.school_towns) | set(preset.employer_towns)
        assert towns <= {place for place, _, _ in table.values()}, towns - {p for p, _, _ in table.values()}
        # the region's postcodes: every PC4 whose town lies within 40 km of the region's first town
        centre = postcodes_of([preset.school_towns[0]])[0]
        near = [pc for pc in table if distance_km(pc, centre) <= 40]
        assert 30 <= len(near) <= 80, (preset.id, len(near))


def test_distance_is_symmetric_and_known_distances_are_right():
    """Haversine is symmetric, zero on one postcode, and Eindhoven-Helmond (~14 km), Rotterdam-Dordrecht
    (~18 km) and Enschede-Almelo (~22 km) come out within a few km (town-level centroids)."""
    assert distance_km("5611", "5611") == 0
    assert distance_km("5611", "5701") == pytest.approx(distance_km("5701", "5611"))
    assert distance_km("5611", "5701") == pytest.approx(13.0, abs=3)
    assert distance_km("3011", "3311") == pytest.approx(18.0, abs=3)
    assert distance_km("7511", "7601") == pytest.approx(22.0, abs=3)


def test_travel_minutes_symmetric_plausible_and_rounded_up():
    """Within each region every pair is symmetric, at least 5 minutes and at most 2 hours; one postcode is
    5 minutes; a longer trip is distance × detour / speed, rounded up; a faster speed never takes longer."""
    params = RegionParams()
    for preset in PRESETS.values():
        pcs = postcodes_of(list(preset.school_towns + preset.employer_towns))
        for a, b in itertools.combinations(pcs[::3], 2):
            t = travel_minutes(a, b, params)
            assert t == travel_minutes(b, a, params)
            assert 5 <= t <= 120, (a, b, t)
    assert travel_minutes("5611", "5611", params) == 5
    km = distance_km("5611", "5341")
    assert travel_minutes("5611", "5341", params) == -(-km * 1.3 / 40 * 60 // 1)
    fast = RegionParams(speed_kmh=80)
    assert travel_minutes("5611", "5341", fast) < travel_minutes("5611", "5341", params)


def test_unknown_postcode_is_a_clear_error():
    """A postcode not in the table raises a ValueError that names it."""
    with pytest.raises(ValueError, match="9999"):
        travel_minutes("9999", "5611")
    with pytest.raises(ValueError, match="0000"):
        place_of("0000")


# --- skills ---------------------------------------------------------------------------------------

def test_skills_table_codes_are_real_subject_codes():
    """Every mbo row names a code of the school plans (SUBJECT_CODE), every vo row a documented vo code,
    and every vo code a vo school's vacancy can get is reachable from some skill."""
    mbo_codes = set(SUBJECT_CODE.values())
    for row in skill_table():
        assert row["level"] in ("vo", "mbo")
        assert row["subject"] in (mbo_codes if row["level"] == "mbo" else VO_SUBJECTS), row
    reachable = subjects_for(skills(), "vo")
    used = set(VO_SUBJECT_OF.values()) | {c for p in PRESETS.values() for c in p.vo_subject_of.values()}
    assert used <= reachable


def test_subjects_for_by_level():
    """cnc teaches CNC and PRM at mbo and PIE at vo; skills add up; unknown skills add nothing; a wrong level
    is an error."""
    assert subjects_for(["cnc"], "mbo") == {"CNC", "PRM"}
    assert subjects_for(["cnc"], "vo") == {"PIE"}
    assert subjects_for(["cnc", "cad"], "mbo") == {"CNC", "PRM", "CAD", "KD3D"}
    assert subjects_for(["CNC"], None) == {"CNC", "PRM", "PIE"}
    assert subjects_for(["zingen"], "mbo") == set()
    assert "MAT" in subjects_for(["maritiem"], "vo") and "WTB" in subjects_for(["maritiem"], "mbo")
    with pytest.raises(ValueError, match="level"):
        subjects_for(["cnc"], "hbo")


def test_every_job_title_names_a_table_skill():
    """The job titles the generator gives each name a skill of the table."""
    assert set(JOB_TITLES.values()) <= set(skills())
    assert title_skill("Lasser") == "lassen"
    assert title_skill("Hoofd onderhoud") == "onderhoud"   # by the skill's word in the title
    assert title_skill("Directeur") is None


def test_hidden_match_is_a_subject_the_job_title_does_not_reach():
    """A CNC-operator who draws in CAD: CAD is a hidden match, CNC and PRM are not (the title's own skill
    reaches them), a subject they cannot teach is no match at all."""
    person = candidate()
    assert is_hidden_match(person, "CAD")
    assert is_hidden_match(person, "OO")          # vo: through cad, not through cnc
    assert not is_hidden_match(person, "CNC")
    assert not is_hidden_match(person, "PRM")
    assert not is_hidden_match(person, "PIE")     # cnc reaches PIE at vo
    assert not is_hidden_match(person, "LAS")     # no skill reaches it
    welder = candidate(job_title="Lasser", skills=["lassen", "onderhoud"])
    assert is_hidden_match(welder, "WTB") and not is_hidden_match(welder, "LAS")
    unknown = candidate(job_title="Directeur", skills=["cnc"])
    assert is_hidden_match(unknown, "CNC")        # a title that names no skill: every subject is hidden
