"""The data of a region (issue 23): schools with vacancies, employers with staff who could teach, candidates.

A region is plain data, generated from a seed (scenarios/regions/generate.py) and read by the regional
run (scenarios/regional/). Each school carries its own one-school Plan (periods, groups, rooms, its own
teachers and the lessons they give); a vacancy holds the lessons no teacher of the school can give. Each employer carries a solver Employer (shifts, demand, staff, roster); a candidate is one of
its staff who is willing to teach some hours. Policy levers (scenarios/regional/levers.py) change the
parameters below, never the seeds.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from solver.domain import Employer, Lesson, Plan
from solver.domain.base import CalendarDay, Id, Strict

Level = Literal["vo", "mbo"]
# The qualification state of a candidate (docs/regions.md "Routes"; ../shared/domain-nl.md §2).
QualificationState = Literal["none", "zij_instroom", "pdg_trajectory", "qualified"]
ContractForm = Literal["secondment", "school_contract", "zzp"]


class Vacancy(Strict):
    """Lessons at a school that no teacher of the school can give: the demand of the region."""

    id: Id = Field(description="Unique id of the vacancy within the region, e.g. 'ttc-vac-1'.")
    subject: str = Field(description="Subject code of the lessons, e.g. 'pie'.")
    lessons: list[Lesson] = Field(description="The lessons without a teacher (optional: true, no teacher, no "
                                              "candidates); the regional run adds them to the school's plan "
                                              "with the matched hto'ers as candidates.")
    minutes_per_week: int = Field(ge=0, description="Teaching minutes a week the lessons take (sum of count × "
                                                    "duration × period length).")


class RegionSchool(Strict):
    """A school of the region (vo or mbo) with its own timetable data and its vacancies."""

    id: Id = Field(description="Unique id of the school within the region.")
    name: str = Field(description="The school's name, for reports.")
    level: Level = Field(description="vo or mbo: which qualification rules apply.")
    postcode: str = Field(description="Four-digit postcode (PC4) of the school's site, e.g. '5611'.")
    plan: Plan = Field(description="The school alone: periods, groups, rooms, its own teachers and the lessons "
                                   "they give (the vacancies' lessons are not in it).")
    vacancies: list[Vacancy] = Field(default_factory=list, description="Lessons the school cannot staff itself.")
    budget_eur_per_week: float | None = Field(
        default=None, ge=0, description="What the school can spend a week on hto'ers (EUR, VAT included); "
                                        "null: no limit.")


class RegionEmployer(Strict):
    """A company of the region: its shifts, demand and staff, and how much it is willing to release."""

    id: Id = Field(description="Unique id of the employer within the region (equal to employer.id).")
    sector: str = Field(description="What it does, e.g. 'high-tech', 'maritiem', 'metaal', 'installatie'.")
    postcode: str = Field(description="PC4 of the site where its staff work.")
    employer: Employer = Field(description="Shifts, staffing demand, staff and their current roster.")
    max_release_share: float = Field(
        default=0.2, ge=0, le=1,
        description="At most this share of its staff may be released to teach at the same time (its policy).")


class Candidate(Strict):
    """A staff member who is willing to teach: the supply of the region."""

    id: Id = Field(description="Unique id of the candidate within the region.")
    name: str = Field(description="Name, for reports.")
    employer: str = Field(description="Id of the region employer they work for.")
    staff: str = Field(description="Their staff id at that employer.")
    job_title: str = Field(description="Their job, e.g. 'CNC-operator' (a hidden match teaches a subject "
                                       "the job title does not name).")
    skills: list[str] = Field(description="Technical skills, keys of the skills table, e.g. ['cnc', 'lassen'].")
    qualification: QualificationState = Field(default="none", description="Where they stand on a route.")
    route_started: str | None = Field(
        default=None, description="ISO date the route started (zij_instroom, pdg_trajectory); sets its deadline.")
    release_minutes_per_week: int = Field(
        ge=0, description="Teaching minutes a week they and their employer are willing to release, "
                          "before any compensation lever.")
    release_days: list[CalendarDay] = Field(description="Days they could teach, as they and their employer "
                                                        "agreed (which of them, and when, the plan decides).")
    max_teaching_days: int | None = Field(
        default=None, ge=1, le=7, description="At most this many of those days a week in class (a programme's "
                                              "rule, e.g. Brainport: one day a week [S29]); null: no limit.")
    home_postcode: str = Field(description="PC4 of their home.")
    hourly_wage_eur: float = Field(default=30.0, ge=0, description="Their gross hourly wage at the employer (EUR).")


class RegionParams(Strict):
    """Numbers of the run, each with its source in docs/regions.md; the policy levers change these."""

    unqualified_max_minutes: int = Field(
        default=360, ge=0, description="Teaching minutes a week without a qualification (6 klokuren, "
                                       "WEB 4.2.1 lid 6 / WVO 2020 7.19).")
    max_travel_minutes: int = Field(default=45, ge=0, description="Longest trip to a school, one way (minutes).")
    speed_kmh: float = Field(default=40.0, gt=0, description="Door-to-door speed for travel times from "
                                                            "postcode distances (km/h).")
    detour_factor: float = Field(default=1.3, ge=1, description="Road distance over straight-line distance.")
    vat_on_hire: bool = Field(default=True, description="Secondment carries 21 % VAT a school cannot recover.")
    vat_rate: float = Field(default=0.21, ge=0, description="The VAT rate on secondment.")
    compensation_eur_per_hour: float = Field(
        default=0.0, ge=0, description="Paid to an employer per released hour (a policy lever).")
    release_elasticity: float = Field(
        default=0.5, ge=0, description="Relative rise in release willingness per relative rise in what a "
                                       "released hour brings the employer (a parameter, with a sensitivity run).")
    pdg_months: int = Field(default=18, ge=1, description="Months a PDG route takes (~1.5 years).")
    qualified_share_boost: float = Field(
        default=0.0, ge=0, le=1, description="Share of unqualified candidates moved onto a route by a shorter "
                                            "qualification route (a policy lever).")
    regional_matching: bool = Field(
        default=True, description="Match across the region; false: each school finds its own candidates "
                                  "(only those whose employer is nearest to it).")
    # Reference hourly costs, Algemene Rekenkamer 2024 (vo) [S104][S107], domain-nl.md §4.
    secondment_eur_per_hour: float = Field(
        default=113.0, ge=0, description="Secondment (detachering) per hour, VAT included at the source's 21 % "
                                         "(EUR, [S104]); the ex-VAT rate is this / 1.21.")
    school_contract_eur_per_hour: float = Field(
        default=58.0, ge=0, description="A second contract at the school under the education CAO: total "
                                        "wage cost per hour, no VAT (EUR, LB scale 12, [S104]).")
    zzp_eur_per_hour: float = Field(
        default=77.0, ge=0, description="A zzp teacher hired directly, VAT-exempt (EUR, [S104][S107]).")


class Region(Strict):
    """A whole region: what the regional run reads."""

    id: Id = Field(description="Unique id, e.g. 'brainport'.")
    name: str = Field(description="Name for reports, e.g. 'Brainport Eindhoven'.")
    seed: int = Field(description="The seed it was generated from.")
    scale: float = Field(default=1.0, gt=0, description="The generator's scale (1.0: the documented size).")
    schools: list[RegionSchool] = Field(default_factory=list, description="Schools with vacancies.")
    employers: list[RegionEmployer] = Field(default_factory=list, description="Companies with staff who could teach.")
    candidates: list[Candidate] = Field(default_factory=list, description="Staff willing to teach.")
    params: RegionParams = Field(default_factory=RegionParams, description="Numbers of the run.")
