"""The calendar of dated exceptions (`--calendar CAL.json`): peak, shutdown and leave per employer, holidays per
school and per region (noord, midden, zuid) (issue 21, docs/term.md; regions: issue 22, docs/calendar.md).

Dates are ISO (YYYY-MM-DD); a week is named by its Monday; a span of days runs from `first_day` to
`last_day`, both included. Together with the school holidays, the calendar gives a term's real weeks.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from typing import Literal

from pydantic import Field, field_validator, model_validator

from solver.domain import Plan, PlanIssue
from solver.domain.base import Id, Strict, read_json, validated

MAX_DEMAND_FACTOR = 10.0


def _a_monday(value: date) -> date:
    if value.weekday() != 0:
        raise ValueError(f"{value.isoformat()} is a {value.strftime('%A')}; a week is named by its Monday")
    return value


class DaySpan(Strict):
    """Days from `first_day` to `last_day`, both included (one day: leave `last_day` out)."""

    first_day: date = Field(description="The first day (YYYY-MM-DD).")
    last_day: date | None = Field(default=None, description="The last day, included (YYYY-MM-DD); "
                                                            "default: `first_day`.")

    @model_validator(mode="after")
    def _in_order(self) -> "DaySpan":
        if self.last_day is not None and self.last_day < self.first_day:
            raise ValueError(f"last_day ({self.last_day.isoformat()}) is before first_day "
                             f"({self.first_day.isoformat()})")
        return self

    @property
    def last(self) -> date:
        return self.last_day or self.first_day

    def holds(self, day: date) -> bool:
        return self.first_day <= day <= self.last


class Holiday(DaySpan):
    """Days without lessons at a school (a vacation, a public holiday, a study day)."""

    name: str = Field(default="", description="What it is, for the reports (e.g. 'voorjaarsvakantie').")


class Leave(DaySpan):
    """Days a staff member is away (leave, illness, a course): no shifts and, for an hto'er, no lessons."""

    staff: Id = Field(description="The staff member's id at this employer.")
    reason: str = Field(default="", description="Why, for the reports (e.g. 'verlof').")


class PeakWeek(Strict):
    """A week of higher demand: every demand window asks for more people, and nobody is released."""

    week: date = Field(description="The week's Monday (YYYY-MM-DD).")
    demand_factor: float = Field(default=1.0, ge=1.0, le=MAX_DEMAND_FACTOR, description=(
        "Each window's min_staff is multiplied by this and rounded up (1: unchanged)."))
    extra_min_staff: int = Field(default=0, ge=0, le=1000, description="Added to each window's min_staff after that.")
    reason: str = Field(default="", description="Why, for the reports (e.g. 'jaarafsluiting').")

    @field_validator("week")
    @classmethod
    def _monday(cls, value: date) -> date:
        return _a_monday(value)

    def min_staff(self, min_staff: int) -> int:
        return math.ceil(min_staff * self.demand_factor - 1e-9) + self.extra_min_staff


class ShutdownWeek(Strict):
    """A week the company is closed: no demand and no shifts; its hto'ers are free to teach."""

    week: date = Field(description="The week's Monday (YYYY-MM-DD).")
    reason: str = Field(default="", description="Why, for the reports (e.g. 'bouwvak').")

    @field_validator("week")
    @classmethod
    def _monday(cls, value: date) -> date:
        return _a_monday(value)


class EmployerCalendar(Strict):
    employer: Id = Field(description="The employer's id in the plan.")
    peak_weeks: list[PeakWeek] = Field(default_factory=list, description="Weeks of higher demand.")
    shutdown_weeks: list[ShutdownWeek] = Field(default_factory=list, description="Weeks the company is closed.")
    leave: list[Leave] = Field(default_factory=list, description="Per staff member, the days they are away.")


Region = Literal["noord", "midden", "zuid"]


class RegionHolidays(Strict):
    """The school holidays the ministry sets per region (noord, midden, zuid); a school in a region has them."""

    noord: list[Holiday] = Field(default_factory=list, description="Holidays of region noord (north).")
    midden: list[Holiday] = Field(default_factory=list, description="Holidays of region midden (middle).")
    zuid: list[Holiday] = Field(default_factory=list, description="Holidays of region zuid (south).")


class SchoolCalendar(Strict):
    school: Id = Field(description="The school's id in the plan.")
    region: Region | None = Field(default=None, description=(
        "The school's holiday region, 'noord', 'midden' or 'zuid': the calendar's `regions` holidays of that "
        "region are the school's too; null: only its own `holidays`."))
    holidays: list[Holiday] = Field(default_factory=list, description=(
        "Days without lessons of this school itself (study days, its own choices), besides its region's."))


class Calendar(Strict):
    """Dated exceptions to the plan's weeks, per employer and per school."""

    employers: list[EmployerCalendar] = Field(
        default_factory=list, description="Per employer: peak weeks, shutdown weeks and leave.",
    )
    schools: list[SchoolCalendar] = Field(default_factory=list, description="Per school: its region and holidays.")
    regions: RegionHolidays = Field(default_factory=RegionHolidays, description=(
        "School holidays per region (noord, midden, zuid), e.g. {\"zuid\": [{\"first_day\": \"2027-02-15\", "
        "\"last_day\": \"2027-02-19\", \"name\": \"voorjaarsvakantie\"}]}; a school names its region."))

    def employer(self, employer_id: str) -> EmployerCalendar | None:
        return next((e for e in self.employers if e.employer == employer_id), None)

    def school(self, school_id: str) -> SchoolCalendar | None:
        return next((s for s in self.schools if s.school == school_id), None)

    def holidays_of(self, school_id: str) -> list[Holiday]:
        """A school's holidays: its own, then its region's (the first that holds names a day)."""
        entry = self.school(school_id)
        if entry is None:
            return []
        region = getattr(self.regions, entry.region) if entry.region else []
        return list(entry.holidays) + list(region)


def check_calendar(calendar: Calendar, plan: Plan) -> list[PlanIssue]:
    """Every employer, staff member and school the calendar names is in the plan, each employer and school
    once, and no week is both a peak and a shutdown week."""
    issues: list[PlanIssue] = []
    employers = {e.id: e for e in plan.employers}
    seen: set[str] = set()
    for ei, entry in enumerate(calendar.employers):
        path = f"employers[{ei}]"
        if entry.employer not in employers:
            issues.append(PlanIssue(path=f"{path}.employer", message=f"unknown employer '{entry.employer}'"))
            continue
        if entry.employer in seen:
            issues.append(PlanIssue(path=f"{path}.employer", message=f"employer '{entry.employer}' is listed twice"))
        seen.add(entry.employer)
        staff = {p.id for p in employers[entry.employer].staff}
        for li, leave in enumerate(entry.leave):
            if leave.staff not in staff:
                issues.append(PlanIssue(path=f"{path}.leave[{li}].staff",
                                        message=f"unknown staff member '{leave.staff}' at employer '{entry.employer}'"))
        peaks = {p.week for p in entry.peak_weeks}
        for si, shut in enumerate(entry.shutdown_weeks):
            if shut.week in peaks:
                issues.append(PlanIssue(path=f"{path}.shutdown_weeks[{si}].week", message=(
                    f"the week of {shut.week.isoformat()} is also a peak week; a week is one or the other")))
    schools = {s.id for s in plan.schools}
    seen = set()
    for si, entry in enumerate(calendar.schools):
        path = f"schools[{si}].school"
        if entry.school not in schools:
            issues.append(PlanIssue(path=path, message=f"unknown school '{entry.school}'"))
        elif entry.school in seen:
            issues.append(PlanIssue(path=path, message=f"school '{entry.school}' is listed twice"))
        seen.add(entry.school)
    return issues


def parse_calendar(data: object, plan: Plan, source: str | None = None) -> Calendar:
    """Check calendar data against its schema and the plan; PlanError naming every field path that is wrong."""
    return validated(Calendar, data, source, lambda found: check_calendar(found, plan))


def load_calendar(path: str | Path, plan: Plan) -> Calendar:
    """Read a calendar JSON file (PlanError naming the file and the field if it is wrong)."""
    return parse_calendar(read_json(path), plan, str(path))


