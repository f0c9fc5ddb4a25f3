"""The Plan (what a roosteraar and the employers tell us) and the Timetable (what we answer)."""

from solver.domain.base import (
    Availability, CalendarDay, Day, PlanError, PlanIssue, UnavailableWindow, Window, hard_windows, preference_windows,
)
from solver.domain.employer import Demand, Employer, RosterItem, ShiftDef, Staff
from solver.domain.history import WorkHistory
from solver.domain.hto import Hto, Release, UnavailableMark
from solver.domain.plan import Plan, load_plan, parse_plan, plan_fingerprint
from solver.domain.policy import Policy, Weights
from solver.domain.school import (
    Group, Lesson, Locks, Period, Placement, Room, School, StudentSet, Teacher,
)
from solver.domain.timetable import (
    EmployerRelease, HtoTeaching, LessonPlacement, OpenVacancy, RosterAssignment, Timetable, UnplacedLesson,
    load_timetable,
)

__all__ = [
    "Availability", "CalendarDay", "Day", "Demand", "Employer", "EmployerRelease", "Group", "Hto", "HtoTeaching",
    "Lesson", "LessonPlacement", "Locks", "OpenVacancy", "Period", "Placement", "Plan", "PlanError", "PlanIssue",
    "Policy", "Release", "Room",
    "RosterAssignment", "RosterItem", "School", "ShiftDef", "Staff", "StudentSet", "Teacher",
    "Timetable", "UnavailableMark", "UnavailableWindow", "UnplacedLesson", "Weights", "Window", "WorkHistory",
    "hard_windows", "load_plan", "load_timetable", "parse_plan", "plan_fingerprint", "preference_windows",
]
