"""Dated weeks (issue 21): a plan and its timetable on the calendar.

* `week.py`: one dated week (its Monday) as a one-week plan and timetable, following the plan's cycles;
* `calendar.py`: the calendar of dated exceptions (peak, shutdown, leave, school holidays), `--calendar`;
* `apply.py` and `check.py`: `check-term`, week by week what cannot be taught and what staffing fails;
* `roster.py`, `repair.py` and `bridge.py`: `roster-check`, an employer's proposed roster for one week,
  what it breaks and the smallest repair (shift swaps first, then lesson moves for that week).

See docs/term.md.
"""

from solver.term.bridge import RosterCheckReport, dated_week, read_roster, roster_check
from solver.term.calendar import Calendar, load_calendar, parse_calendar
from solver.term.check import TermReport, TermWeek, check_term
from solver.term.roster import ProposedRoster, load_roster
from solver.term.week import DatedWeek, horizon_week, project_week

__all__ = ["Calendar", "DatedWeek", "ProposedRoster", "RosterCheckReport", "TermReport", "TermWeek", "check_term",
           "dated_week", "horizon_week", "load_calendar", "load_roster", "parse_calendar", "project_week",
           "read_roster", "roster_check"]
