"""ROSTER.json: an employer's proposed roster for one dated week, checked against the plan, and the merged
week it makes with the timetable (docs/term.md, "roster-check").

The proposal is the employer's whole roster of that week: every shift of every staff member of the
employer (someone without items is off that week). It replaces, for that week, the roster the timetable
gives the employer's staff. A release (the part of a shift an hto'er is away teaching) is kept where the
proposal keeps the shift the timetable released them from; anything else the proposal does not release,
so a lesson during a new shift shows as a lesson whose hto'er now works.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from pydantic import Field

from solver.domain import CalendarDay, PlanIssue, RosterAssignment, RosterItem
from solver.domain.base import Id, Strict, read_json, validated
from solver.term.week import DatedWeek
from solver.timeline import fmt_hhmm, parse_hhmm


class ProposedShift(Strict):
    staff: Id = Field(description="The staff member's id at the employer.")
    shift: str = Field(description="The shift's id at the employer.")
    day: CalendarDay = Field(description="The day it starts (mon ... sun).")


class ProposedRoster(Strict):
    """The employer's proposed roster for one dated week (its whole roster: who is not in it is off)."""

    employer: Id = Field(description="The employer's id in the plan.")
    week: date | None = Field(default=None, description="The week's Monday (YYYY-MM-DD); when given it must be "
                                                        "the week of --week.")
    items: list[ProposedShift] = Field(default_factory=list, description="Every shift of the week.")
    willing: list[Id] = Field(default_factory=list, description=(
        "Colleagues who agreed to swap shifts this week, besides the plan's re-rosterable staff (`may_reroster`) "
        "and the employer's hto'ers."))


def parse_roster(data: object, week: DatedWeek, source: str | None = None) -> ProposedRoster:
    """Check a proposed roster against its schema and the dated week of the plan; PlanError naming the file
    and every field that is wrong."""
    return validated(ProposedRoster, data, source, lambda found: check_roster(found, week))


def load_roster(path: str | Path, week: DatedWeek) -> ProposedRoster:
    return parse_roster(read_json(path), week, str(path))


def check_roster(roster: ProposedRoster, week: DatedWeek) -> list[PlanIssue]:
    """The employer, staff and shifts exist, each shift runs that day in that week, nothing is listed twice."""
    issues: list[PlanIssue] = []
    if roster.week is not None and roster.week != week.monday:
        issues.append(PlanIssue(path="week", message=f"{roster.week.isoformat()}, but --week is "
                                                      f"{week.monday.isoformat()}"))
    employer = next((e for e in week.plan.employers if e.id == roster.employer), None)
    if employer is None:
        known = ", ".join(e.id for e in week.plan.employers) or "none"
        return issues + [PlanIssue(path="employer", message=f"unknown employer '{roster.employer}' (the plan's: {known})")]
    staff = {p.id for p in employer.staff}
    shifts = {s.id: s for s in employer.shifts}
    cycle_week = week.employer_weeks.get(employer.id, 1)
    seen: set[tuple[str, str, str]] = set()
    for k, item in enumerate(roster.items):
        path = f"items[{k}]"
        if item.staff not in staff:
            issues.append(PlanIssue(path=f"{path}.staff", message=f"unknown staff member '{item.staff}' at employer "
                                                                  f"'{employer.id}'"))
        if item.shift not in shifts:
            issues.append(PlanIssue(path=f"{path}.shift", message=(
                f"shift '{item.shift}' does not run at '{employer.id}' in week {cycle_week} of its cycle"
                if _defined(week, employer.id, item.shift) else f"unknown shift '{item.shift}' at '{employer.id}'")))
        elif item.day not in shifts[item.shift].days:
            issues.append(PlanIssue(path=f"{path}.day", message=f"shift '{item.shift}' does not run on {item.day}"))
        key = (item.staff, item.shift, item.day)
        if key in seen:
            issues.append(PlanIssue(path=path, message=f"{item.staff}'s shift '{item.shift}' on {item.day} is listed twice"))
        seen.add(key)
    for k, staff_id in enumerate(roster.willing):
        if staff_id not in staff:
            issues.append(PlanIssue(path=f"willing[{k}]", message=f"unknown staff member '{staff_id}' at employer "
                                                                  f"'{employer.id}'"))
    return issues


def _defined(week: DatedWeek, employer_id: str, shift_id: str) -> bool:
    """Whether the plan defines the shift (it may run in other weeks of the cycle only)."""
    return any(s.id == shift_id for e in week.source_plan.employers if e.id == employer_id for s in e.shifts) \
        if week.source_plan is not None else False


def merge_roster(week: DatedWeek, roster: ProposedRoster) -> DatedWeek:
    """The dated week with the employer's roster replaced by the proposal (see the module docstring).
    The employer's staff are not judged on their contracts here: the roster is the employer's own."""
    plan, timetable = week.plan, week.timetable
    employer = next(e for e in plan.employers if e.id == roster.employer)
    shifts = {s.id: s for s in employer.shifts}
    items: dict[str, list[RosterItem]] = {}
    for item in roster.items:
        items.setdefault(item.staff, []).append(RosterItem(shift=item.shift, day=item.day))
    staff = [p.model_copy(update={"roster": items.get(p.id, []), "contract_hours": None}) for p in employer.staff]
    employers = [e.model_copy(update={"staff": staff}) if e.id == employer.id else e for e in plan.employers]
    released = {(r.staff, r.shift, r.day): r.released for r in timetable.rosters if r.employer == employer.id}
    proposed = []
    for item in roster.items:
        s = shifts[item.shift]
        proposed.append(RosterAssignment(
            employer=employer.id, staff=item.staff, shift=item.shift, day=item.day,
            start=fmt_hhmm(parse_hhmm(s.start)), end=fmt_hhmm(parse_hhmm(s.end)),
            released=released.get((item.staff, item.shift, item.day), []), change="kept"))
    rosters = [r for r in timetable.rosters if r.employer != employer.id] + proposed
    removed = [r for r in timetable.removed_shifts if r.employer != employer.id]
    return dataclasses.replace(
        week, plan=plan.model_copy(update={"employers": employers}),
        timetable=timetable.model_copy(update={"rosters": rosters, "removed_shifts": removed}))


