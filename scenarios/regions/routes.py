"""Routes to the classroom: which legal route fits the minutes a candidate would teach (docs/regions.md
"Routes"; ../shared/domain-nl.md §2).

* gastdocent: up to `RegionParams.unqualified_max_minutes` a week (360 = 6 klokuren) anyone may teach,
  under a qualified teacher, without a qualification (WEB 4.2.1 lid 6, WVO 2020 7.19) [S23][S24][S25].
* zij_instroom (vo and mbo): after a geschiktheidsonderzoek, teach while training; the qualification
  must be reached within 2 years of the start [S25][S31][S33] (vo allows a 2-year extension, not modelled).
* pdg: mbo only: teach with a geschiktheidsverklaring while obtaining the PDG, within 2 years [S23][S39];
  the PDG course takes `RegionParams.pdg_months` (~18) [S40]: once that has passed since the start, the
  candidate counts as qualified for mbo (the "shorter route" lever shortens it).
* qualified: any number of minutes, any level.
Above the cap a candidate in state "none", a PDG candidate at vo, or anyone past a route's deadline has
no legal route: `route_for` returns None.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from scenarios.regions.model import Candidate, RegionParams

ROUTE_NAMES = ("gastdocent", "zij_instroom", "pdg", "qualified")
ROUTE_YEARS = 2  # zij-instroom and the mbo PDG route must be finished within 2 years [S23][S25]


@dataclass(frozen=True)
class Route:
    """The legal route for a placement: its weekly limit (None: none) and the date it must be finished by."""

    name: str
    max_minutes_per_week: int | None
    deadline: date | None
    note: str

    def __post_init__(self) -> None:
        if self.name not in ROUTE_NAMES:
            raise ValueError(f"route name must be one of {ROUTE_NAMES}, not {self.name!r}")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def started(candidate: Candidate) -> date | None:
    """The candidate's route start date (None when not given)."""
    return date.fromisoformat(candidate.route_started) if candidate.route_started else None


def _check_level(level: str) -> None:
    if level not in ("vo", "mbo"):
        raise ValueError(f"level must be 'vo' or 'mbo', not {level!r}")


def route_deadline(candidate: Candidate) -> date | None:
    """When the candidate's own route (zij-instroom, PDG) must be finished: two years after its start."""
    start = started(candidate)
    if candidate.qualification in ("zij_instroom", "pdg_trajectory") and start:
        return add_months(start, 12 * ROUTE_YEARS)
    return None


def max_minutes(candidate: Candidate, level: str, params: RegionParams, today: date | None = None) -> int | None:
    """The most minutes a week the candidate may teach at this level (None: no legal limit). With `today`,
    a route past its deadline gives the unqualified cap again (as `route_for` says)."""
    _check_level(level)
    state = candidate.qualification
    if state == "qualified" or state == "zij_instroom" or (state == "pdg_trajectory" and level == "mbo"):
        deadline = route_deadline(candidate)
        if state != "qualified" and today is not None and deadline is not None and today > deadline:
            return params.unqualified_max_minutes
        return None
    return params.unqualified_max_minutes


def route_for(candidate: Candidate, level: str, minutes_per_week: int, params: RegionParams,
              today: date) -> Route | None:
    """The route under which the candidate may teach `minutes_per_week` at `level` on `today`; None: none."""
    _check_level(level)
    state, start = candidate.qualification, started(candidate)
    cap = params.unqualified_max_minutes
    if state == "qualified":
        return Route("qualified", None, None, "already qualified (bevoegd / PDG): no limit on the hours")
    if state == "pdg_trajectory" and level == "mbo" and start and add_months(start, params.pdg_months) <= today:
        return Route("qualified", None, None,
                     f"PDG obtained: {params.pdg_months} months since the start on {start.isoformat()}")
    if minutes_per_week <= cap:
        return Route("gastdocent", cap, None,
                     f"at most {cap} minutes a week without a qualification, under a qualified teacher")
    if state == "zij_instroom" or (state == "pdg_trajectory" and level == "mbo"):
        name = "zij_instroom" if state == "zij_instroom" else "pdg"
        deadline = add_months(start, 12 * ROUTE_YEARS) if start else None
        if deadline is not None and today > deadline:
            return None  # the route has lapsed: back to the gastdocent cap
        what = "zij-instroom" if name == "zij_instroom" else "PDG route (mbo)"
        when = f"by {deadline.isoformat()}" if deadline else "within 2 years of its start (date unknown)"
        return Route(name, None, deadline, f"{what}: qualified {when}")
    return None
