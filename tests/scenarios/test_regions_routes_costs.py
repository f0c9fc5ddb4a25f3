"""Routes to the classroom, contract costs and the compensation lever (scenarios/regions/routes.py, costs.py)."""

from __future__ import annotations

from datetime import date

import pytest

from scenarios.regions.costs import (
    SOURCE_VAT_RATE, CostLine, cheapest_legal, cost_lines, release_minutes, secondment_rate,
)
from scenarios.regions.model import Candidate, RegionParams
from scenarios.regions.routes import Route, add_months, max_minutes, route_for

TODAY = date(2026, 9, 1)
P = RegionParams()


def candidate(state: str = "none", started: str | None = None, **kw) -> Candidate:
    data = {"id": "c1", "name": "Test", "employer": "e1", "staff": "p1", "job_title": "Lasser",
            "skills": ["lassen"], "qualification": state, "route_started": started,
            "release_minutes_per_week": 300, "release_days": ["tue"], "home_postcode": "5611",
            "hourly_wage_eur": 30.0}
    data.update(kw)
    return Candidate.model_validate(data)


# --- routes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("level", ["vo", "mbo"])
def test_anyone_may_teach_up_to_the_cap_as_gastdocent(level):
    """Up to 360 minutes (6 klokuren) every unqualified state teaches as gastdocent, with the cap as limit
    and no deadline; one minute more and a candidate without a route has none."""
    for state, started in [("none", None), ("zij_instroom", "2026-01-05"), ("pdg_trajectory", "2026-03-02")]:
        route = route_for(candidate(state, started), level, 360, P, TODAY)
        assert route == Route("gastdocent", 360, None, route.note)
    assert route_for(candidate(), level, 361, P, TODAY) is None
    assert max_minutes(candidate(), level, P) == 360


def test_the_cap_is_the_parameter():
    """Raising unqualified_max_minutes (the lever 360 -> 480 -> 600) moves the gastdocent limit with it."""
    for cap in (480, 600):
        params = RegionParams(unqualified_max_minutes=cap)
        assert route_for(candidate(), "vo", cap, params, TODAY).max_minutes_per_week == cap
        assert route_for(candidate(), "vo", cap + 1, params, TODAY) is None
        assert max_minutes(candidate(), "mbo", params) == cap


@pytest.mark.parametrize("level", ["vo", "mbo"])
def test_qualified_teaches_any_minutes_anywhere(level):
    """A qualified candidate has the route 'qualified' without limit or deadline, at 50 or 1,500 minutes."""
    for minutes in (50, 1500):
        route = route_for(candidate("qualified"), level, minutes, P, TODAY)
        assert (route.name, route.max_minutes_per_week, route.deadline) == ("qualified", None, None)
    assert max_minutes(candidate("qualified"), level, P) is None


@pytest.mark.parametrize("level", ["vo", "mbo"])
def test_zij_instroom_above_the_cap_has_a_two_year_deadline(level):
    """A zij-instromer above the cap teaches on the zij_instroom route, due two years after the start,
    at vo and mbo; after that date the route has lapsed (None)."""
    person = candidate("zij_instroom", "2025-02-10")
    route = route_for(person, level, 600, P, TODAY)
    assert route.name == "zij_instroom" and route.deadline == date(2027, 2, 10)
    assert route.max_minutes_per_week is None
    assert max_minutes(person, level, P) is None
    assert route_for(person, level, 600, P, date(2027, 2, 10)) is not None
    assert route_for(person, level, 600, P, date(2027, 2, 11)) is None


def test_pdg_route_is_mbo_only_and_ends_in_qualification():
    """A PDG candidate above the cap: the pdg route at mbo (deadline start + 2 years), none at vo; once
    pdg_months have passed they count as qualified at mbo; a shorter PDG (10 months) gets there sooner."""
    person = candidate("pdg_trajectory", "2026-01-15")
    route = route_for(person, "mbo", 500, P, TODAY)
    assert route.name == "pdg" and route.deadline == date(2028, 1, 15)
    assert route_for(person, "vo", 500, P, TODAY) is None
    assert max_minutes(person, "vo", P) == 360 and max_minutes(person, "mbo", P) is None
    assert route_for(person, "mbo", 500, P, date(2027, 7, 15)).name == "qualified"   # 18 months
    assert route_for(person, "mbo", 500, P, date(2027, 7, 14)).name == "pdg"
    short = RegionParams(pdg_months=10)
    assert route_for(person, "mbo", 500, short, date(2026, 11, 15)).name == "qualified"
    assert route_for(person, "mbo", 500, P, date(2026, 11, 15)).name == "pdg"


def test_route_checks_its_inputs():
    """A wrong level or route name is an error; add_months keeps the day or takes the month's last."""
    with pytest.raises(ValueError, match="level"):
        route_for(candidate(), "hbo", 100, P, TODAY)
    with pytest.raises(ValueError, match="route name"):
        Route("stage", None, None, "")
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 8, 31), -22) == date(2024, 10, 31)


# --- costs ----------------------------------------------------------------------------------------

def lines_by_form(person, minutes, params=P, level="mbo", travel=0) -> dict[str, CostLine]:
    return {line.form: line for line in cost_lines(person, minutes, params, level=level, today=TODAY,
                                                   travel_minutes_per_week=travel)}


def test_the_reference_figures():
    """Secondment 113 EUR/h incl. VAT, a school contract 58, zzp 77 (Rekenkamer 2024), per hour and week."""
    lines = lines_by_form(candidate(), 300)
    assert lines["secondment"].school_eur_per_hour == 113.0
    assert lines["school_contract"].school_eur_per_hour == 58.0
    assert lines["zzp"].school_eur_per_hour == 77.0
    assert lines["school_contract"].school_eur_per_week == 58.0 * 5
    assert all(line.legal for line in lines.values())


def test_dropping_vat_lowers_secondment_by_exactly_the_vat_share():
    """Without VAT on hire the secondment rate is the with-VAT rate / 1.21; the other forms do not move."""
    with_vat = lines_by_form(candidate(), 300)
    without = lines_by_form(candidate(), 300, RegionParams(vat_on_hire=False))
    assert without["secondment"].school_eur_per_hour == pytest.approx(
        with_vat["secondment"].school_eur_per_hour / (1 + SOURCE_VAT_RATE), abs=0.01)
    assert secondment_rate(RegionParams(vat_on_hire=False)) * (1 + P.vat_rate) == pytest.approx(secondment_rate(P))
    for form in ("school_contract", "zzp"):
        assert without[form] == with_vat[form]


def test_employer_loses_the_released_minutes_and_the_travel():
    """The employer's loss is (teaching + travel minutes) / 60, the same for every form."""
    lines = lines_by_form(candidate(), 300, travel=90)
    assert {line.employer_lost_hours_per_week for line in lines.values()} == {6.5}


def test_zzp_only_within_the_unqualified_cap_and_nothing_without_a_route():
    """Above the cap zzp is not legal even for a qualified candidate (Wet DBA), and the cheapest legal form
    is the school contract; with no route nothing is legal and cheapest_legal is None."""
    qualified = lines_by_form(candidate("qualified"), 600)
    assert not qualified["zzp"].legal and qualified["secondment"].legal
    assert cheapest_legal(list(qualified.values())).form == "school_contract"
    none = lines_by_form(candidate(), 600)
    assert not any(line.legal for line in none.values())
    assert cheapest_legal(list(none.values())) is None


def test_cheapest_legal_takes_the_lowest_rate_of_the_legal_lines():
    """With a school contract priced above zzp and secondment, the cheapest legal form follows the rates."""
    params = RegionParams(school_contract_eur_per_hour=200, vat_on_hire=False)
    lines = lines_by_form(candidate(), 300, params)
    assert cheapest_legal(list(lines.values())).form == "zzp"
    lines = lines_by_form(candidate(), 300, RegionParams(school_contract_eur_per_hour=200, zzp_eur_per_hour=100,
                                                          vat_on_hire=False))
    assert cheapest_legal(list(lines.values())).form == "secondment"


# --- compensation ---------------------------------------------------------------------------------

def test_no_compensation_leaves_release_minutes_unchanged():
    """With compensation 0 the willingness is the candidate's own, whatever the elasticity."""
    for minutes in (0, 240, 275, 480):
        person = candidate(release_minutes_per_week=minutes)
        assert release_minutes(person, RegionParams(release_elasticity=2.0)) == minutes


def test_compensation_raises_release_minutes_in_whole_lesuren_up_to_double():
    """15 EUR/h on a 30 EUR wage at elasticity 0.5 raises 300 by 25 % to 375 -> 350 (whole lesuren); a
    larger compensation or elasticity raises more, never past twice the willingness."""
    person = candidate(release_minutes_per_week=300, hourly_wage_eur=30.0)
    assert release_minutes(person, RegionParams(compensation_eur_per_hour=15)) == 350
    assert release_minutes(person, RegionParams(compensation_eur_per_hour=30)) == 450
    assert release_minutes(person, RegionParams(compensation_eur_per_hour=30, release_elasticity=1.0)) == 600
    assert release_minutes(person, RegionParams(compensation_eur_per_hour=300, release_elasticity=5.0)) == 600
    small = RegionParams(compensation_eur_per_hour=1)
    assert release_minutes(person, small) == 300      # less than a lesuur more: unchanged
    free = candidate(release_minutes_per_week=300, hourly_wage_eur=0.0)
    assert release_minutes(free, small) == 600
    previous = 0
    for euros in (0, 5, 10, 20, 40, 80):   # monotone in the compensation
        now = release_minutes(person, RegionParams(compensation_eur_per_hour=euros))
        assert now >= previous
        previous = now
