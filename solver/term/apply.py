"""A dated week with the calendar's exceptions applied: what is taught and worked that week (docs/term.md).

In the order applied:
* a school **holiday**: the school's lessons on that date are not given (not a failure);
* a **shutdown** week of an employer: no demand and no shifts (its hto'ers are free to teach);
* **leave** of a staff member on a date: no shifts that start that day; an hto'er's lessons that day cannot
  be taught (reason `leave`);
* a **peak** week of an employer: each demand window asks `PeakWeek.min_staff(min_staff)` people, and
  nobody is released: an hto'er's lesson whose busy window (travel included) overlaps one of their shifts
  cannot be taught (reason `peak`); they work the whole shift.
Every other release shrinks to the lessons still given (a hto'er whose lesson falls out works instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from solver.decode import released_windows
from solver.domain import Plan, Timetable
from solver.term.calendar import Calendar, PeakWeek, ShutdownWeek
from solver.term.week import DatedWeek
from solver.term.words import because_en, date_en, date_nl
from solver.timeline import CALENDAR_DAYS, DAYS, fmt_hhmm
from solver.validation.context import Context, Slot, shift_interval, window_interval


@dataclass
class Untaught:
    """A lesson copy that cannot be taught in a dated week, and why."""

    lesson: str
    copy: int
    school: str
    date: date
    start: str
    end: str
    teacher: str
    staff: str
    employer: str
    reason: str  # "leave" | "peak" | a rule of the validator ("hto_no_lesson_during_work", ...)
    message_en: str
    message_nl: str

    def to_dict(self) -> dict:
        return {"lesson": self.lesson, "copy": self.copy, "school": self.school, "date": self.date.isoformat(),
                "start": self.start, "end": self.end, "teacher": self.teacher, "staff": self.staff,
                "employer": self.employer, "reason": self.reason, "message_en": self.message_en,
                "message_nl": self.message_nl}


@dataclass
class Away:
    """A staff member away from a shift they would work: on leave, or released for lessons."""

    employer: str
    staff: str
    skills: list[str]
    start: int  # week minutes
    end: int
    why: str  # "leave" | "released"


@dataclass
class AppliedWeek:
    week: DatedWeek
    plan: Plan
    timetable: Timetable
    untaught: list[Untaught] = field(default_factory=list)
    holidays: list[tuple[str, date, str]] = field(default_factory=list)  # (school, date, name)
    school_off: bool = False  # every school day of the week is a holiday
    peaks: dict[str, PeakWeek] = field(default_factory=dict)
    shutdowns: dict[str, ShutdownWeek] = field(default_factory=dict)
    leave: list[tuple[str, str, date, str]] = field(default_factory=list)  # (employer, staff, date, reason)
    away: list[Away] = field(default_factory=list)


def apply_calendar(week: DatedWeek, calendar: Calendar | None) -> AppliedWeek:
    """The dated week as the calendar makes it (see the module docstring)."""
    calendar = calendar or Calendar()
    plan, timetable = week.plan, week.timetable
    ctx = Context(plan, timetable)
    out = AppliedWeek(week=week, plan=plan, timetable=timetable)
    dates = {d: week.date_of(d) for d in CALENDAR_DAYS}
    drop: set[int] = set()

    _holidays(out, calendar, dates, ctx, drop)
    leave_days: dict[str, dict[str, str]] = {}  # staff -> day -> reason
    for entry in calendar.employers:
        shut = next((s for s in entry.shutdown_weeks if s.week == week.monday), None)
        if shut is not None:
            out.shutdowns[entry.employer] = shut
        peak = next((p for p in entry.peak_weeks if p.week == week.monday), None)
        if peak is not None:
            out.peaks[entry.employer] = peak
        for leave in entry.leave:
            for d in CALENDAR_DAYS:
                if leave.holds(dates[d]):
                    leave_days.setdefault(leave.staff, {})[d] = leave.reason
                    out.leave.append((entry.employer, leave.staff, dates[d], leave.reason))

    skills = {p.id: p.skills for e in plan.employers for p in e.staff}
    kept_rosters = []
    for entry in timetable.rosters:
        if entry.employer in out.shutdowns:
            continue
        if entry.day in leave_days.get(entry.staff, {}):
            shift = ctx.shifts.get((entry.employer, entry.shift))
            if shift is not None:
                out.away.append(Away(entry.employer, entry.staff, skills.get(entry.staff, []),
                                     *shift_interval(shift, entry.day), "leave"))
            continue
        kept_rosters.append(entry)

    for slot in ctx.slots:
        if slot.index in drop or slot.periods is None:
            continue
        for teacher in slot.teachers:
            hto = ctx.hto_by_teacher.get(teacher)
            if hto is None:
                continue
            reason = leave_days.get(hto.staff, {}).get(DAYS[slot.day])
            if reason is not None:
                why_en, why_nl = f"is on leave{because_en(reason)}", f"is afwezig{because_en(reason)}"
                out.untaught.append(_untaught(week, slot, hto, "leave", why_en, why_nl))
                drop.add(slot.index)
                break
            peak = out.peaks.get(hto.employer)
            if peak is None:
                continue
            hit = _shift_hit(ctx, kept_rosters, hto, slot)
            if hit is not None:
                name, span = hit
                why_en = (f"is not released from shift {name} ({span}): a peak week at {hto.employer}"
                          f"{because_en(peak.reason)}")
                why_nl = (f"wordt niet vrijgesteld van dienst {name} ({span}): een piekweek bij {hto.employer}"
                          f"{because_en(peak.reason)}")
                out.untaught.append(_untaught(week, slot, hto, "peak", why_en, why_nl))
                drop.add(slot.index)
                break

    rosters = _shrink_releases(ctx, kept_rosters, drop, out)
    placements = [p for k, p in enumerate(timetable.placements) if k not in drop]
    out.plan = _week_plan(plan, out, leave_days)
    out.timetable = timetable.model_copy(update={
        "placements": placements, "rosters": rosters,
        "removed_shifts": [r for r in timetable.removed_shifts if r.employer not in out.shutdowns],
    })
    return out


def _holidays(out: AppliedWeek, calendar: Calendar, dates: dict[str, date], ctx: Context, drop: set[int]) -> None:
    """A school's lessons on its holidays are not given; the week is off when every school day is."""
    off: dict[str, set[str]] = {}
    for school in out.plan.schools:
        holidays = calendar.holidays_of(school.id)
        for d in CALENDAR_DAYS:
            hit = next((h for h in holidays if h.holds(dates[d])), None)
            if hit is not None:
                off.setdefault(school.id, set()).add(d)
                out.holidays.append((school.id, dates[d], hit.name))
    for slot in ctx.slots:
        if DAYS[slot.day] in off.get(slot.school.id, set()):
            drop.add(slot.index)
    lesson_days = {s.id: {p.day for p in s.periods} for s in out.plan.schools}
    out.school_off = bool(off) and all(days <= off.get(school, set()) for school, days in lesson_days.items())


def _shift_hit(ctx: Context, rosters, hto, slot: Slot) -> tuple[str, str] | None:
    """The first shift of the hto'er that the lesson's busy window (with travel) overlaps: (shift, 'hh:mm-hh:mm')."""
    travel = ctx.travel(hto, slot.school.id)
    start, end = slot.start - travel, slot.end + travel
    for entry in rosters:
        if entry.staff != hto.staff or entry.employer != hto.employer:
            continue
        shift = ctx.shifts.get((entry.employer, entry.shift))
        if shift is None:
            continue
        a, b = shift_interval(shift, entry.day)
        if a < end and start < b:
            return shift.id, f"{shift.start}-{shift.end}"
    return None


def _untaught(week: DatedWeek, slot: Slot, hto, reason: str, why_en: str, why_nl: str) -> Untaught:
    day = week.date_of(DAYS[slot.day])
    start, end = fmt_hhmm(slot.start), fmt_hhmm(slot.end)
    copy = week.original_copy(slot.lesson.id, slot.copy)
    name = slot.lesson.id if slot.lesson.count == 1 else f"{slot.lesson.id} #{copy}"
    who = f"{hto.teacher} ({hto.staff} at {hto.employer})"
    who_nl = f"{hto.teacher} ({hto.staff} bij {hto.employer})"
    return Untaught(
        lesson=slot.lesson.id, copy=copy, school=slot.school.id, date=day, start=start, end=end,
        teacher=hto.teacher, staff=hto.staff, employer=hto.employer, reason=reason,
        message_en=f"{name} on {date_en(day)} {start}-{end} cannot be taught: its teacher {who} {why_en}",
        message_nl=f"{name} op {date_nl(day)} {start}-{end} kan niet doorgaan: docent {who_nl} {why_nl}",
    )


def _shrink_releases(ctx: Context, rosters, drop: set[int], out: AppliedWeek):
    """Each release keeps only what the lessons still given cover; in a peak week nobody is released."""
    busy: dict[str, list[tuple[int, int]]] = {}
    for slot in ctx.timed:
        if slot.index in drop:
            continue
        for teacher in slot.teachers:
            hto = ctx.hto_by_teacher.get(teacher)
            if hto is not None:
                travel = ctx.travel(hto, slot.school.id)
                busy.setdefault(hto.staff, []).append((slot.start - travel, slot.end + travel))
    skills = {p.id: p.skills for e in out.plan.employers for p in e.staff}
    kept = []
    for entry in rosters:
        shift = ctx.shifts.get((entry.employer, entry.shift))
        if not entry.released or shift is None:
            kept.append(entry)
            continue
        start, end = shift_interval(shift, entry.day)
        if entry.employer in out.peaks:
            windows = []
        else:
            given = [window_interval(w) for w in entry.released]
            parts = [(max(a, c), min(b, d)) for a, b in given for c, d in busy.get(entry.staff, []) if a < d and c < b]
            windows = released_windows(start, end, parts)
        for w in windows:
            a, b = window_interval(w)
            out.away.append(Away(entry.employer, entry.staff, skills.get(entry.staff, []), a, b, "released"))
        kept.append(entry.model_copy(update={"released": windows}))
    return kept


def _week_plan(plan: Plan, out: AppliedWeek, leave_days: dict[str, dict[str, str]]) -> Plan:
    """The plan of the week: a shut company has no demand and no roster, leave days leave the roster (the
    contract follows it), a peak week asks more of each window."""
    employers = []
    for employer in plan.employers:
        shut = employer.id in out.shutdowns
        peak = out.peaks.get(employer.id)
        staff = []
        for person in employer.staff:
            days = leave_days.get(person.id, {})
            if shut or days:
                roster = [] if shut else [item for item in person.roster if item.day not in days]
                person = person.model_copy(update={"roster": roster, "contract_hours": None})
            staff.append(person)
        demand = [] if shut else employer.demand
        if peak is not None and not shut:
            demand = [d.model_copy(update={"min_staff": peak.min_staff(d.min_staff)}) for d in demand]
        employers.append(employer.model_copy(update={"staff": staff, "demand": demand}))
    return plan.model_copy(update={"employers": employers})
