"""The policy levers (issue 23 item 5), each a change of a region's parameters or data, from the same seeds.

A lever is named `NAME` or `NAME=VALUE` (e.g. `unqualified=480`, `compensation=20`, `elasticity=1.0`
combined as `compensation=20,elasticity=1.0`); `LEVERS` lists them with what they change. The region's
data are never regenerated: a lever changes what the run may do with the same schools, firms and people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from scenarios.regions.generate import REFERENCE_DATE
from scenarios.regions.model import Region, RegionParams


@dataclass(frozen=True)
class Lever:
    name: str
    what: str  # one line for the report
    apply: Callable[[Region, float | None], Region]
    default: float | None = None
    lowest: float = 0.0  # the values it takes
    highest: float = float("inf")


def _params(region: Region, **changes) -> Region:
    """The region with changed parameters, checked as the model checks them (a negative amount is refused)."""
    params = RegionParams.model_validate(region.params.model_dump() | changes)
    return region.model_copy(update={"params": params})


def _shorter_route(region: Region, share: float | None) -> Region:
    """More candidates on a route (a share of those without one, drawn from the region's seed) and a
    PDG route of 10 months instead of 18."""
    share = 0.3 if share is None else share
    rng = random.Random(f"{region.seed}:shorter_route")
    unqualified = [c for c in region.candidates if c.qualification == "none"]
    moved = {c.id for c in rng.sample(unqualified, round(share * len(unqualified)))} if unqualified else set()
    start = REFERENCE_DATE.isoformat()  # they start their route now: its two years run from today
    candidates = [c.model_copy(update={"qualification": "zij_instroom", "route_started": start})
                  if c.id in moved else c for c in region.candidates]
    region = region.model_copy(update={"candidates": candidates})
    return _params(region, pdg_months=10, qualified_share_boost=share)


LEVERS: dict[str, Lever] = {lever.name: lever for lever in (
    Lever("baseline", "today's rules, regional matching", lambda r, v: r),
    Lever("no_vat", "no VAT on the hire of hto'ers (secondment)", lambda r, v: _params(r, vat_on_hire=False)),
    Lever("unqualified", "more teaching minutes a week allowed without a qualification (default 480)",
          lambda r, v: _params(r, unqualified_max_minutes=int(v if v is not None else 480)), 480, 0, 2400),
    Lever("compensation", "EUR per released hour paid to the employer (default 20), raising release "
                          "willingness by the elasticity",
          lambda r, v: _params(r, compensation_eur_per_hour=float(v if v is not None else 20)), 20),
    Lever("elasticity", "the release elasticity (a sensitivity parameter; combine with compensation)",
          lambda r, v: _params(r, release_elasticity=float(v if v is not None else 1.0)), 1.0),
    Lever("shorter_route", "a shorter qualification route: a share (default 0.3) of candidates without one "
                           "on a route, PDG in 10 months instead of 18", _shorter_route, 0.3, 0, 1),
    Lever("own_network", "no regional matching: each school finds its own candidates",
          lambda r, v: _params(r, regional_matching=False)),
)}

# The report's default set: every lever once, the unqualified cap at both steps, and a sensitivity run.
DEFAULT_LEVERS = ["baseline", "no_vat", "unqualified=480", "unqualified=600", "compensation=20",
                  "compensation=20,elasticity=1.0", "shorter_route", "own_network"]


class LeverError(ValueError):
    pass


def parse_lever(spec: str) -> list[tuple[Lever, float | None]]:
    """`compensation=20,elasticity=1.0` -> its levers with their values; a clear error for a bad one."""
    out = []
    for part in spec.split(","):
        name, _, value = part.strip().partition("=")
        if name not in LEVERS:
            raise LeverError(f"unknown lever '{name}' in '{spec}' (known: {', '.join(LEVERS)})")
        try:
            number = float(value) if value else None
        except ValueError:
            raise LeverError(f"lever '{name}': '{value}' is not a number") from None
        lever = LEVERS[name]
        if value and lever.default is None:
            raise LeverError(f"lever '{name}' takes no value")
        if number is not None and not lever.lowest <= number <= lever.highest:
            limits = (f"at least {lever.lowest:g}" if lever.highest == float("inf")
                      else f"between {lever.lowest:g} and {lever.highest:g}")
            raise LeverError(f"lever '{name}': {value} is out of range ({limits})")
        out.append((LEVERS[name], number))
    return out


def apply_levers(region: Region, spec: str) -> Region:
    for lever, value in parse_lever(spec):
        region = lever.apply(region, value)
    return region
