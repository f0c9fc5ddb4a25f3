"""roster-check: an employer's proposed roster for one dated week against the timetable (the horizon bridge).

The proposal is merged into the dated week (solver/term/roster.py) and checked like a week of the term
(solver/term/check.py): the lessons whose hto'er now works, staffing shortfalls, and the Arbeidstijdenwet
on the merged week. If it breaks something, the smallest repair is sought (solver/term/repair.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from solver.domain import Plan, Timetable
from solver.params import SolveParams
from solver.term.apply import apply_calendar
from solver.term.check import TermWeek, check_week
from solver.term.repair import Repair, find_repair
from solver.term.roster import ProposedRoster, merge_roster, parse_roster
from solver.term.week import DatedWeek, project_week
from solver.validate import validate
from solver.validation.report import Violation


@dataclass
class RosterCheckReport:
    employer: str
    week: TermWeek  # what the proposal breaks on the merged week
    warnings: list[Violation]  # the Arbeidstijdenwet on the fixed rosters of the employer's staff (not counted)
    repair: Repair

    @property
    def ok(self) -> bool:
        """The proposal breaks nothing."""
        return self.week.failures == 0

    def to_dict(self) -> dict:
        return {"employer": self.employer, "ok": self.ok, "breaks": self.week.to_dict(),
                "warnings": [w.to_dict() for w in self.warnings], "repair": self.repair.to_dict()}


def dated_week(plan: Plan, timetable: Timetable, monday: date) -> DatedWeek:
    return project_week(plan, timetable, monday, "--week")


def read_roster(data: object, week: DatedWeek, source: str | None = None) -> ProposedRoster:
    return parse_roster(data, week, source)


def roster_check(week: DatedWeek, roster: ProposedRoster, params: SolveParams, *, repair: bool = True) -> RosterCheckReport:
    """What the proposal breaks in the dated week and, if anything, the smallest repair."""
    merged = merge_roster(week, roster)
    breaks = check_week(apply_calendar(merged, None))
    report = validate(merged.plan, merged.timetable)
    warnings = [w for w in report.warnings if w.entities.get("employer") == roster.employer]
    if breaks.failures == 0 or not repair:
        return RosterCheckReport(roster.employer, breaks, warnings, Repair(kind="none"))
    return RosterCheckReport(roster.employer, breaks, warnings, find_repair(merged, roster, params))
