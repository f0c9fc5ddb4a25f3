"""Contract forms and their cost per placement, and the compensation lever (docs/regions.md "Costs").

Figures (RegionParams, ../shared/domain-nl.md §4, Algemene Rekenkamer 2024 for vo) [S104][S107]:
* secondment (detachering): 113 EUR/h incl. 21 % VAT; a school cannot recover the VAT (it is VAT-exempt),
  so it pays the VAT on top of the ex-VAT rate 113 / 1.21 [S100][S104][S105]. `vat_on_hire` False (the
  policy lever) drops the VAT: exactly the VAT share less per hour.
* school_contract: a second contract at the school under the education CAO, 58 EUR/h wage cost, no VAT [S104][S106].
* zzp: 77 EUR/h, VAT-exempt [S104][S107], but a zzp'er teaching the regular curriculum under the school's
  direction is fiscally risky (Wet DBA, "gezagsverhouding") [S108]: we count it legal only for guest
  lessons within the unqualified cap (gastdocent), where the school does not direct a regular teaching job.
The employer loses the released minutes plus the travel, in productive hours, whatever the form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from scenarios.regions.model import Candidate, RegionParams
from scenarios.regions.routes import route_for

FORMS = ("secondment", "school_contract", "zzp")
SOURCE_VAT_RATE = 0.21  # the VAT in the Rekenkamer's 113 EUR/h [S104]
LESUUR_MINUTES = 50


@dataclass(frozen=True)
class CostLine:
    """One contract form for one placement."""

    form: str
    school_eur_per_hour: float
    school_eur_per_week: float
    employer_lost_hours_per_week: float
    legal: bool
    note: str


def secondment_rate(params: RegionParams) -> float:
    """What a school pays per seconded hour: the ex-VAT rate, plus VAT at `vat_rate` when `vat_on_hire`."""
    ex_vat = params.secondment_eur_per_hour / (1 + SOURCE_VAT_RATE)
    return ex_vat * (1 + params.vat_rate) if params.vat_on_hire else ex_vat


def cost_lines(candidate: Candidate, minutes_per_week: int, params: RegionParams, *, level: str,
               today: date, travel_minutes_per_week: int = 0) -> list[CostLine]:
    """The three contract forms for a placement of `minutes_per_week` teaching minutes at a school of
    `level`; `travel_minutes_per_week` is the time on the road the employer also loses."""
    route = route_for(candidate, level, minutes_per_week, params, today)
    hours = minutes_per_week / 60
    lost = (minutes_per_week + travel_minutes_per_week) / 60
    no_route = "no legal route for these minutes at this level" if route is None else ""
    out = []
    for form, rate, legal, note in (
        ("secondment", secondment_rate(params), route is not None,
         no_route or ("21 % VAT the school cannot recover" if params.vat_on_hire else "no VAT (lever)")),
        ("school_contract", params.school_contract_eur_per_hour, route is not None,
         no_route or "second contract under the education CAO, no VAT"),
        ("zzp", params.zzp_eur_per_hour, route is not None and minutes_per_week <= params.unqualified_max_minutes,
         no_route or ("guest lessons within the unqualified cap" if minutes_per_week <= params.unqualified_max_minutes
                      else "zzp for regular lessons is fiscally risky (Wet DBA): only as gastdocent")),
    ):
        out.append(CostLine(form, round(rate, 2), round(rate * hours, 2), round(lost, 2), legal, note))
    return out


def cheapest_legal(lines: list[CostLine]) -> CostLine | None:
    """The legal line with the lowest cost per hour (the first on a tie); None: no form is legal."""
    legal = [line for line in lines if line.legal]
    return min(legal, key=lambda line: line.school_eur_per_hour) if legal else None


def release_minutes(candidate: Candidate, params: RegionParams) -> int:
    """The release willingness after the compensation lever: raised by `release_elasticity` × the
    compensation relative to the candidate's hourly wage, at most doubled, rounded down to whole 50-minute
    lesuren (never below the willingness without compensation). No compensation: unchanged."""
    base = candidate.release_minutes_per_week
    if params.compensation_eur_per_hour <= 0 or base == 0:
        return base
    relative = (params.compensation_eur_per_hour / candidate.hourly_wage_eur
                if candidate.hourly_wage_eur > 0 else math.inf)
    raised = min(2 * base, base * (1 + params.release_elasticity * relative))
    return max(base, int(raised // LESUUR_MINUTES) * LESUUR_MINUTES)
