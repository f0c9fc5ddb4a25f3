"""One dated week of a plan and its timetable, as a one-week plan and timetable (issue 21).

A plan covers a *horizon* of H weeks (docs/rules.md, "Cycles and the horizon"). A dated week, named by
its Monday M, is horizon week h = ((M - reference) in weeks) mod H + 1; in it every cycle is in the week
`Horizon.week_of(cycle, h)`, which is the week `week_of_cycle` gives for M. The projection keeps what
holds in that week, renamed to one calendar week mon ... sun:

* each school teaches its lesuren of school-cycle week c (a school of one week: all of them); a lesson's
  copies are those placed in week c, numbered 0, 1, ... (`DatedWeek.copies` maps them back);
* each employer runs the shifts and demand windows of its cycle week k (`weeks` empty or holding k);
* each staff member's roster is their items of their own cycle's week (else the employer's);
* the timetable's roster entries and removed shifts of horizon week h.

The result is a plain one-week plan and timetable that the one-week validator (solver.validate) checks.
What a single week cannot say is left out and said here: the history rules (`Staff.history` is the
weeks before the *plan's* first week, not before this one), the extra constraints of a school with a
cycle of several weeks (they read the whole cycle; `hybrooster validate` checks them), and the
timetable's bookkeeping (`hto_teaching`, `released`, costs), which `validate` checks on the timetable.
Rests across the boundary with the week before are not seen by a one-week check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from solver.domain import Lesson, LessonPlacement, Plan, PlanError, PlanIssue, Timetable
from solver.domain.cycles import Cycle, plan_horizon, school_cycle
from solver.timeline import CALENDAR_DAYS, DAYS_PER_WEEK, day_index

MAX_TERM_WEEKS = 104  # two school years: more is a typo in --from/--to


@dataclass
class DatedWeek:
    """A dated week of a plan: which week of each cycle it is, and the one-week plan and timetable."""

    monday: date
    horizon_week: int
    school_weeks: dict[str, int]  # school id -> week of its cycle
    employer_weeks: dict[str, int]  # employer id -> week of its cycle
    staff_weeks: dict[str, int]  # staff id -> week of their own cycle (else the employer's)
    plan: Plan
    timetable: Timetable
    copies: dict[tuple[str, int], int] = field(default_factory=dict)  # (lesson, copy here) -> copy in the timetable
    source_plan: Plan | None = None  # the plan it was projected from

    def date_of(self, day: str) -> date:
        """The date of a day (mon ... sun) of this week."""
        return self.monday + timedelta(days=day_index(day) % DAYS_PER_WEEK)

    def original_copy(self, lesson: str, copy: int) -> int:
        """The copy number in the timetable of copy `copy` of `lesson` in this week."""
        return self.copies.get((lesson, copy), copy)


def week_issue(path: str, message: str, source: str | None = None) -> PlanError:
    return PlanError([PlanIssue(path=path, message=message)], source)


def check_monday(day: date, path: str) -> date:
    """A week is named by its Monday: anything else is an error naming `path`."""
    if day.weekday() != 0:
        monday = day - timedelta(days=day.weekday())
        raise week_issue(path, f"{day.isoformat()} is a {day.strftime('%A')}; a week is named by its Monday "
                               f"({monday.isoformat()})")
    return day


def horizon_week(plan: Plan, monday: date, path: str = "--week") -> int:
    """Which week of the plan's horizon the dated week beginning on `monday` is (1 without cycles).

    A plan with cycles of several weeks needs a date to place a dated week in them (the reference Monday:
    the first school's `cycle_starts`, else the earliest `starts`); a week before that date is not in the
    plan."""
    check_monday(monday, path)
    horizon = plan_horizon(plan)
    if horizon.reference is not None and monday < horizon.reference:
        raise week_issue(path, f"the week of {monday.isoformat()} is before the plan's first week "
                               f"({horizon.reference.isoformat()}, where its cycles start)")
    if horizon.weeks == 1:
        return 1
    if horizon.reference is None:
        named = ", ".join(f"{c.owner} ({c.cycle.weeks} weeks)" for c in horizon.cycles if c.cycle.weeks > 1)
        raise week_issue("schools[0].cycle_starts", f"the plan's cycles ({named}) have no start date, so a dated "
                                                    "week cannot be placed in them: give schools[0].cycle_starts "
                                                    "or the cycles' `starts` (a Monday)")
    return (monday - horizon.reference).days // 7 % horizon.weeks + 1


def project_week(plan: Plan, timetable: Timetable, monday: date, path: str = "--week") -> DatedWeek:
    """The dated week beginning on `monday` of the plan and its timetable (see the module docstring)."""
    h = horizon_week(plan, monday, path)
    horizon = plan_horizon(plan)
    school_weeks = {s.id: horizon.week_of(school_cycle(s), h) for s in plan.schools}
    employer_weeks = {e.id: horizon.week_of(e.cycle, h) for e in plan.employers}
    staff_weeks = {p.id: horizon.week_of(p.cycle or e.cycle, h) for e in plan.employers for p in e.staff}
    cycled = {s.id: school_weeks[s.id] for s in plan.schools if school_cycle(s).weeks > 1}
    first_school = plan.schools[0].id
    school_of = {lesson.id: lesson.school or first_school for lesson in plan.lessons}

    placements, copies, counts = _placements(timetable, cycled, school_of)
    lessons = _lessons(plan.lessons, cycled, school_of, counts, copies)
    schools = [_school(s, cycled[s.id]) if s.id in cycled else s for s in plan.schools]
    teacher_week = cycled.get(first_school, next(iter(cycled.values()), 1))
    teachers = [t.model_copy(update={"unavailable": _windows(t.unavailable, teacher_week)}) for t in plan.teachers] \
        if cycled else plan.teachers
    employers = [_employer(e, employer_weeks[e.id], staff_weeks) for e in plan.employers]
    week_plan = plan.model_copy(update={
        "schools": schools, "teachers": teachers, "lessons": lessons, "employers": employers,
        "constraints": [] if cycled else plan.constraints,
    })
    week_timetable = timetable.model_copy(update={
        "plan_fingerprint": None, "objective": None, "bound": None, "kpis": {}, "soft_cost": {},
        "hto_teaching": [], "released": [],
        "placements": placements,
        "unplaced": [u for u in timetable.unplaced if school_of.get(u.lesson) not in cycled],
        "open_vacancies": [v for v in timetable.open_vacancies if school_of.get(v.lesson) not in cycled],
        "rosters": [r.model_copy(update={"week": 1}) for r in timetable.rosters if r.week == h],
        "removed_shifts": [r.model_copy(update={"week": 1}) for r in timetable.removed_shifts if r.week == h],
    })
    return DatedWeek(monday=monday, horizon_week=h, school_weeks=school_weeks, employer_weeks=employer_weeks,
                     staff_weeks=staff_weeks, plan=week_plan, timetable=week_timetable, copies=copies,
                     source_plan=plan)


def _in_week(day: str, week: int) -> str | None:
    """The calendar day (mon ... sun) of a school day in school-cycle week `week`, or None if in another week."""
    index = day_index(day)
    return CALENDAR_DAYS[index % DAYS_PER_WEEK] if index // DAYS_PER_WEEK == week - 1 else None


def _windows(windows: list, week: int) -> list:
    return [w.model_copy(update={"day": _in_week(w.day, week)}) for w in windows if _in_week(w.day, week)]


def _school(school, week: int):
    periods = [p.model_copy(update={"day": _in_week(p.day, week)}) for p in school.periods if _in_week(p.day, week)]
    groups = [g.model_copy(update={"unavailable": _windows(g.unavailable, week)}) for g in school.groups]
    rooms = [r.model_copy(update={"unavailable": _windows(r.unavailable, week)}) for r in school.rooms]
    return school.model_copy(update={"periods": periods, "groups": groups, "rooms": rooms, "cycle_starts": None})


def _placements(timetable: Timetable, cycled: dict[str, int], school_of: dict[str, str]):
    """The placements of the week; for a school with a cycle, those of its week, copies renumbered."""
    out: list[LessonPlacement] = []
    copies: dict[tuple[str, int], int] = {}
    counts: dict[str, int] = {}
    if not cycled:
        return list(timetable.placements), copies, counts
    for p in sorted(timetable.placements, key=lambda p: (p.lesson, p.copy)):
        week = cycled.get(school_of.get(p.lesson, ""))
        if week is None:
            out.append(p)
            continue
        day = _in_week(p.day, week)
        if day is None:
            continue
        copy = counts.get(p.lesson, 0)
        counts[p.lesson] = copy + 1
        copies[(p.lesson, copy)] = p.copy
        out.append(p.model_copy(update={"day": day, "copy": copy}))
    return out, copies, counts


def _lessons(lessons: list[Lesson], cycled: dict[str, int], school_of: dict[str, str],
             counts: dict[str, int], copies: dict[tuple[str, int], int]) -> list[Lesson]:
    """A lesson of a school with a cycle keeps the copies placed in the week (none: it is left out)."""
    if not cycled:
        return lessons
    out = []
    for lesson in lessons:
        week = cycled.get(school_of[lesson.id])
        if week is None:
            out.append(lesson)
            continue
        count = counts.get(lesson.id, 0)
        if not count:
            continue
        here = {original: copy for (lid, copy), original in copies.items() if lid == lesson.id}
        current = [c.model_copy(update={"day": _in_week(c.day, week), "copy": here[c.copy]})
                   for c in lesson.current if c.copy in here and _in_week(c.day, week)]
        lock = lesson.lock
        if len(current) < count:
            lock = lock.model_copy(update={"slot": False, "room": False, "teacher": False})
        out.append(lesson.model_copy(update={"count": count, "current": current, "lock": lock}))
    return out


def _employer(employer, week: int, staff_weeks: dict[str, int]):
    """The employer's shifts and demand of its cycle week `week`, and each person's roster of their week."""
    staff = []
    used: set[str] = set()
    for person in employer.staff:
        own = staff_weeks[person.id]
        roster = [item.model_copy(update={"week": 1}) for item in person.roster if item.week == own]
        used |= {item.shift for item in roster}
        staff.append(person.model_copy(update={"roster": roster, "cycle": None, "history": None}))
    # a person's own rotation may name a shift outside the employer's week: keep what a roster names
    shifts = [s.model_copy(update={"weeks": []}) for s in employer.shifts
              if not s.weeks or week in s.weeks or s.id in used]
    demand = [d.model_copy(update={"weeks": []}) for d in employer.demand if not d.weeks or week in d.weeks]
    return employer.model_copy(update={"shifts": shifts, "demand": demand, "staff": staff, "cycle": Cycle()})
