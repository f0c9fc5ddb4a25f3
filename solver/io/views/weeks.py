"""Each hto'er's merged week (shifts with their released parts, lessons, travel) and company work.

An hto'er's busy window is a lesson with travel on both sides; company work is the roster's shift
instances minus their released windows. A plan with cycles gets one merged week per horizon week.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from solver.domain import Plan, RosterAssignment, Timetable
from solver.domain.base import WEEKDAYS
from solver.io.views.placed import Placed, placed_lessons
from solver.io.views.times import DAY_EN, DAY_NL, hhmm_or, hours_minutes, span
from solver.timeline import DAYS, DAYS_PER_WEEK, MINUTES_PER_DAY, WEEK_MINUTES, at, day_index, parse_hhmm
from solver.validation.atw_history import unchecked_rules
from solver.validation.horizon import HorizonInfo
from solver.validation.intervals import Interval, merge, subtract, total


@dataclass
class WeekItem:
    start: int
    end: int
    kind: str  # shift | lesson | travel | mark
    text: str
    notes: list[str] = field(default_factory=list)


@dataclass
class HtoWeek:
    title: str
    days: dict[str, list[WeekItem]]
    teaching_minutes: int
    company_minutes: int
    travel_minutes: int
    work_minutes: int
    max_teaching_minutes: int | None
    removed: list[str]
    not_checked: list[str] = field(default_factory=list)  # Atw rules over several weeks: no history for them
    min_teaching_minutes: int | None = None
    target_teaching_minutes: int | None = None
    week: int = 1  # the horizon week (plans with cycles; docs/rules.md "Cycles and the horizon")
    week_label: str = ""  # 'In week 2 van de horizon (...) / in week 2 of the horizon (...)'; '' on one week


def _shift_interval(plan: Plan, ra: RosterAssignment) -> Interval:
    employer = next((e for e in plan.employers if e.id == ra.employer), None)
    shift = next((s for s in employer.shifts if s.id == ra.shift), None) if employer else None
    if shift is not None:
        start, end, night = parse_hhmm(shift.start), parse_hhmm(shift.end), shift.crosses_midnight
    else:
        start, end = hhmm_or(ra.start, 0), hhmm_or(ra.end, 0)
        night = end <= start
    return at(ra.day, start), at(ra.day, end) + (MINUTES_PER_DAY if night else 0)


def _released(ra: RosterAssignment, shift: Interval) -> list[Interval]:
    out = []
    for w in ra.released:
        s, e = at(w.day, parse_hhmm(w.start)), at(w.day, parse_hhmm(w.end))
        if e <= shift[0] and s + WEEK_MINUTES < shift[1]:  # a Sunday night shift released on Monday
            s, e = s + WEEK_MINUTES, e + WEEK_MINUTES
        out.append((s, e))
    return out


shift_interval, released_windows = _shift_interval, _released  # the public names (solver/io/ics.py uses them)


def company_work(plan: Plan, timetable: Timetable) -> dict[tuple[str, str], list[Interval]]:
    """Per (employer, staff) the minutes at work: shift instances minus their released windows. Over a
    horizon of several weeks each roster entry lies in its week, (week - 1) x 10080 on, and the minutes
    are on the circle of the horizon (solver/validation/horizon.py); on one week, on the week line."""
    info = HorizonInfo(plan)
    work: dict[tuple[str, str], list[Interval]] = {}
    for ra in timetable.rosters:
        shift = _shift_interval(plan, ra)
        offset = (ra.week - 1) * WEEK_MINUTES if info.circular else 0
        parts = subtract([shift], _released(ra, shift))
        work.setdefault((ra.employer, ra.staff), []).extend((s + offset, e + offset) for s, e in parts)
    return {key: info.wrap(value) for key, value in work.items()}


def hto_weeks(plan: Plan, timetable: Timetable) -> list[HtoWeek]:
    """Per hto'er: shifts with their released parts, lessons and travel, per day in time order. Over a
    horizon of several weeks one HtoWeek per hto'er and horizon week (`week`, `week_label`), each with
    that week's roster entries, the lessons of the school week taught then and its removed shifts."""
    info = HorizonInfo(plan)
    placed = placed_lessons(plan, timetable)
    out = []
    for hto in plan.htos:
        if not info.circular:
            out.append(_hto_week(plan, hto, timetable.rosters, placed, timetable.removed_shifts))
            continue
        employer = next((e for e in plan.employers if e.id == hto.employer), None)
        person = next((p for p in employer.staff if p.id == hto.staff), None) if employer else None
        for h in info.weeks_range():
            taught = [_in_week(p, info, h) for p in placed if _taught_in(p, info, h)]
            label = " / ".join(info.phrase(h, lang, hto.employer, person) for lang in ("nl", "en"))
            week = _hto_week(plan, hto, [r for r in timetable.rosters if r.week == h], taught,
                             [r for r in timetable.removed_shifts if r.week == h])
            week.week, week.week_label = h, label[0].upper() + label[1:]
            out.append(week)
    return out


def _taught_in(p: Placed, info: HorizonInfo, h: int) -> bool:
    """A placement is taught in horizon week h when its school's week then is the placement's."""
    return info.school_week(p.school, h) == day_index(p.day) // DAYS_PER_WEEK + 1 if p.day in DAYS else h == 1


def _in_week(p: Placed, info: HorizonInfo, h: int) -> Placed:
    """The placement on the days of one calendar week (tue2 is a Tuesday)."""
    back = (day_index(p.day) // DAYS_PER_WEEK) * WEEK_MINUTES if p.day in DAYS else 0
    return replace(p, start=p.start - back, end=p.end - back)


def _hto_week(plan: Plan, hto, rosters, placed: list[Placed], removed_shifts) -> HtoWeek:
    """One hto'er's merged week from the roster entries, placements and removed shifts given."""
    schools = {s.id: s for s in plan.schools}
    employer = next((e for e in plan.employers if e.id == hto.employer), None)
    where = (employer.name or employer.id) if employer else hto.employer
    shift_names = {s.id: s.name or s.id for s in employer.shifts} if employer else {}
    items: list[WeekItem] = []
    shifts: list[Interval] = []
    company: list[Interval] = []
    for ra in rosters:
        if ra.employer != hto.employer or ra.staff != hto.staff:
            continue
        interval = _shift_interval(plan, ra)
        released = _released(ra, interval)
        shifts.append(interval)
        company.extend(subtract([interval], released))
        text = f"dienst / shift {shift_names.get(ra.shift, ra.shift)} @ {where}"
        if ra.change == "added":
            text += " (nieuw / new)"
        notes = [f"vrijgesteld / released {span(s, e)}" for s, e in sorted(released)]
        items.append(WeekItem(*interval, "shift", text, notes))
    mine = [p for p in placed if hto.teacher in p.teachers]  # co-teaching too, as the validator
    busy: list[Interval] = []
    for p in mine:
        school = schools.get(p.school)
        at_school = (school.name or school.id) if school else p.school
        room = f", lokaal / room {p.room}" if p.room else ""
        groups = "+".join(p.groups) or "—"
        text = f"les / lesson {p.subject} · {groups}{room} @ {at_school}"
        items.append(WeekItem(p.start, p.end, "lesson", text))
    travel: list[Interval] = []
    for school_id in sorted({p.school for p in mine}):
        minutes = hto.travel_minutes.get(school_id, 0)
        windows = [(p.start - minutes, p.end + minutes) for p in mine if p.school == school_id]
        busy.extend(windows)
        for s, e in merge(windows):
            if minutes > 0:
                travel += [(s, s + minutes), (e - minutes, e)]
                to = schools[school_id].name or school_id if school_id in schools else school_id
                items.append(WeekItem(s, s + minutes, "travel", f"reizen / travel {where} → {to}"))
                items.append(WeekItem(e - minutes, e, "travel", f"reizen / travel {to} → {where}"))
    items += _marks(plan, hto, mine)
    by_day: dict[str, list[WeekItem]] = {d: [] for d in WEEKDAYS}
    for item in sorted(items, key=lambda i: (i.start, i.end, i.kind)):
        day = DAYS[min(max(item.start, 0) // MINUTES_PER_DAY, DAYS_PER_WEEK - 1)]  # hto'ers: one calendar week
        by_day.setdefault(day, []).append(item)
    removed = [
        f"{DAY_NL[r.day]} / {DAY_EN[r.day]} {shift_names.get(r.shift, r.shift)}"
        for r in removed_shifts if r.employer == hto.employer and r.staff == hto.staff
    ]
    title = f"{hto.name or hto.id} (docent / teacher {hto.teacher}; medewerker / staff {hto.staff} @ {where})"
    person = next((p for p in employer.staff if p.id == hto.staff), None) if employer else None
    return HtoWeek(
        title=title, days={d: by_day[d] for d in DAYS if d in by_day},
        teaching_minutes=sum(p.teaching_minutes for p in mine), company_minutes=total(merge(company)),
        travel_minutes=total(merge(travel)), work_minutes=total(merge(shifts + busy)),
        max_teaching_minutes=hto.release.max_teaching_minutes_per_week, removed=removed,
        not_checked=unchecked_rules(person.history if person else None),
        min_teaching_minutes=hto.release.min_teaching_minutes,
        target_teaching_minutes=hto.release.target_teaching_minutes,
    )


def _marks(plan: Plan, hto, mine) -> list[WeekItem]:
    """The SME planner's marks on the hto'er: a block (cannot leave) or a preference (rather not), with the
    lessons (travel included) that use a preference."""
    out = []
    for mark in plan.unavailable_marks:
        if mark.staff != hto.staff:
            continue
        start, end = at(mark.day, parse_hhmm(mark.start)), at(mark.day, parse_hhmm(mark.end))
        why = f" ({mark.reason})" if mark.reason else ""
        if mark.hard:
            out.append(WeekItem(start, end, "mark", f"gemarkeerd: kan niet weg / marked: cannot leave{why}"))
            continue
        weight, cost = mark.preference_weight, mark.preference_weight * plan.weights.sme_unavailable_preference
        notes = []
        for p in mine:
            travel = hto.travel_minutes.get(p.school, 0)
            if p.start - travel < end and start < p.end + travel:
                notes.append(f"toch weg / away anyway: {p.subject} {span(p.start, p.end)} (kosten / cost {cost})")
        out.append(WeekItem(start, end, "mark", f"liever niet weg / rather not leave{why}, gewicht / weight {weight}",
                            notes))
    return out


def week_totals(week: HtoWeek) -> list[str]:
    """The week's totals as text lines (the markdown and the HTML view both list them)."""
    agreed = [f"{label} {minutes}" for label, minutes in (("min", week.min_teaching_minutes),
                                                            ("doel / target", week.target_teaching_minutes),
                                                            ("max", week.max_teaching_minutes)) if minutes is not None]
    cap = f" ({', '.join(agreed)} min)" if agreed else ""
    return [
        f"lesgeven / teaching: {hours_minutes(week.teaching_minutes)}{cap}",
        f"bedrijf / company: {hours_minutes(week.company_minutes)}",
        f"reizen / travel: {hours_minutes(week.travel_minutes)}",
        f"werk totaal (ATW) / total work (working-hours law): {hours_minutes(week.work_minutes)}",
    ] + ([f"niet gecontroleerd, geen geschiedenis / not checked, no history: {', '.join(week.not_checked)}"]
         if week.not_checked else [])
