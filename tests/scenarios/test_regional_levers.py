"""Each policy lever moves its figures the way it should, and each test says why (issue 23 item 5)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from scenarios.regional.bound import relaxed_bound
from scenarios.regional.eligible import find_options
from scenarios.regional.levers import LeverError, apply_levers, parse_lever
from scenarios.regional.match import match
from scenarios.regions.costs import cost_lines, release_minutes
from scenarios.regions.generate import generate_region
from scenarios.regions.routes import max_minutes
from datetime import date


@lru_cache(maxsize=None)
def region():
    return generate_region("brainport", seed=3, scale=0.5)


def _bound(r) -> int:
    """The region's bound (the match relaxed over every option): a lever that only loosens a cap cannot
    lower it (CP-SAT's own bound depends on where its search stopped, so it is not used here)."""
    return relaxed_bound(r, find_options(r))


def _matched(r) -> int:
    return match(r, find_options(r), deterministic_time=2.0).minutes


def test_no_vat_lowers_the_secondment_rate_by_exactly_the_vat_share():
    """A school cannot recover the 21 % VAT on secondment: without it, an hour costs 1/1.21 as much."""
    base, lever = region(), apply_levers(region(), "no_vat")
    c = base.candidates[0]
    with_vat = next(x for x in cost_lines(c, 300, base.params, level="mbo", today=date(2027, 1, 4))
                    if x.form == "secondment")
    without = next(x for x in cost_lines(c, 300, lever.params, level="mbo", today=date(2027, 1, 4))
                   if x.form == "secondment")
    assert with_vat.school_eur_per_hour == pytest.approx(without.school_eur_per_hour * 1.21, abs=0.01)


def test_no_vat_changes_the_hours_covered_only_where_a_budget_binds():
    """Without budgets the price never limits the match, so dropping VAT covers exactly as much; with a
    budget that binds, the cheaper hour buys more lessons."""
    free = region().model_copy(update={"schools": [s.model_copy(update={"budget_eur_per_week": None})
                                                   for s in region().schools]})
    assert _matched(free) == _matched(apply_levers(free, "no_vat"))
    tight = free.model_copy(update={"schools": [s.model_copy(update={"budget_eur_per_week": 400.0})
                                                for s in free.schools]})
    assert _matched(apply_levers(tight, "no_vat")) > _matched(tight)


def test_more_unqualified_minutes_raise_the_cap_and_never_lower_the_bound():
    """An unqualified candidate may teach 360 minutes a week; the lever allows 480, then 600."""
    r = region()
    none = next(c for c in r.candidates if c.qualification == "none")
    caps = [max_minutes(none, "mbo", apply_levers(r, spec).params) for spec in
            ("baseline", "unqualified=480", "unqualified=600")]
    assert caps == [360, 480, 600]
    bounds = [_bound(apply_levers(r, spec)) for spec in ("baseline", "unqualified=480", "unqualified=600")]
    assert bounds[0] <= bounds[1] <= bounds[2]


def test_compensation_raises_release_by_the_elasticity():
    """Paying the employer per released hour raises what it releases; a larger elasticity raises it more."""
    r = region()
    c = max(r.candidates, key=lambda x: x.release_minutes_per_week)
    base = release_minutes(c, r.params)
    paid = release_minutes(c, apply_levers(r, "compensation=20").params)
    elastic = release_minutes(c, apply_levers(r, "compensation=20,elasticity=1.0").params)
    assert base == c.release_minutes_per_week and base <= paid <= elastic and base < elastic
    assert _bound(r) <= _bound(apply_levers(r, "compensation=20,elasticity=1.0"))


def test_shorter_route_puts_more_candidates_on_a_route():
    r = region()
    lever = apply_levers(r, "shorter_route")
    on_route = lambda x: sum(c.qualification != "none" for c in x.candidates)  # noqa: E731
    assert on_route(lever) > on_route(r) and lever.params.pdg_months == 10
    assert _bound(r) <= _bound(lever)


def test_own_network_offers_a_subset_and_covers_no_more():
    """Without regional matching a school sees only the candidates of the firms nearest to it: a subset of
    the region's options, so its bound cannot be higher."""
    r = region()
    own = apply_levers(r, "own_network")
    regional = {(o.candidate, o.school, o.lesson) for o in find_options(r).options}
    local = {(o.candidate, o.school, o.lesson) for o in find_options(own).options}
    assert local < regional
    assert _bound(own) <= _bound(r)


def test_a_bad_lever_is_named():
    with pytest.raises(LeverError, match="unknown lever 'no_tax'"):
        parse_lever("no_tax")
    with pytest.raises(LeverError, match="'lots' is not a number"):
        parse_lever("unqualified=lots")
    with pytest.raises(LeverError, match="takes no value"):
        parse_lever("no_vat=3")


def test_a_lever_value_out_of_range_is_named():
    with pytest.raises(LeverError, match=r"'shorter_route': 1.5 is out of range \(between 0 and 1\)"):
        parse_lever("shorter_route=1.5")
    with pytest.raises(LeverError, match=r"'compensation': -50 is out of range \(at least 0\)"):
        parse_lever("compensation=-50")


def test_shorter_route_starts_its_routes_today():
    """Someone put on a route by the lever starts it now: its two years (and its deadline) run from today."""
    from scenarios.regions.generate import REFERENCE_DATE

    r = region()
    moved = [c for c, before in zip(apply_levers(r, "shorter_route").candidates, r.candidates)
             if c.qualification != before.qualification]
    assert moved and all(c.route_started == REFERENCE_DATE.isoformat() for c in moved)
