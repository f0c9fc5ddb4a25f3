"""Readable views of a timetable: grids per group and teacher, each hto'er's merged week, staffing.

Pure functions from a Plan and a Timetable to strings (HTML, markdown) and one pandas frame (CSV);
`write_views` writes them all into a folder. Times follow docs/rules.md: the week is a line of
minutes, lessons occupy lesuren, an hto'er's busy window is a lesson with travel on both sides,
and company work is the roster's shift instances minus their released windows.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from solver.domain import Plan, RosterAssignment, School, Timetable
from solver.domain.base import WEEKDAYS
from solver.io.files import write_atomic
from solver.timeline import (
    DAYS, DAYS_EN, DAYS_NL, DAYS_PER_WEEK, MINUTES_PER_DAY, WEEK_MINUTES, at, day_index, fmt_hhmm, parse_hhmm,
)

DAY_EN = dict(zip(DAYS, DAYS_EN))
DAY_NL = dict(zip(DAYS, DAYS_NL))

Interval = tuple[int, int]


# --- time helpers ----------------------------------------------------------------------------

def _union(intervals: list[Interval]) -> list[Interval]:
    out: list[list[int]] = []
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _subtract(intervals: list[Interval], cuts: list[Interval]) -> list[Interval]:
    out = []
    cuts = _union(cuts)
    for s, e in _union(intervals):
        pos = s
        for cs, ce in cuts:
            if ce <= pos or cs >= e:
                continue
            if cs > pos:
                out.append((pos, cs))
            pos = max(pos, ce)
        if pos < e:
            out.append((pos, e))
    return out


def _total(intervals: list[Interval]) -> int:
    return sum(e - s for s, e in _union(intervals))


def _span(start: int, end: int) -> str:
    """Two week minutes as 'HH:MM–HH:MM', with (+1) when the end is on a later day."""
    tail = " (+1)" if end // MINUTES_PER_DAY > start // MINUTES_PER_DAY and end % MINUTES_PER_DAY else ""
    return f"{fmt_hhmm(start)}–{fmt_hhmm(end)}{tail}"


def _hm(minutes: int) -> str:
    return f"{minutes} min ({minutes // 60}:{minutes % 60:02d} h)"


def _day_label(day: str) -> str:
    return f"{DAY_NL[day]} / {DAY_EN[day]}"


def _hhmm_or(text: str, default: int | None = None) -> int | None:
    try:
        return parse_hhmm(text)
    except (ValueError, AttributeError):
        return default


# --- placements on the week line ---------------------------------------------------------------

def _periods(school: School) -> dict[str, list[tuple[int, int, str | None]]]:
    """Per day the lesuren as (start, end, name), numbered 1, 2, ... by list position."""
    by_day: dict[str, list[tuple[int, int, str | None]]] = {}
    for p in school.periods:
        by_day.setdefault(p.day, []).append((parse_hhmm(p.start), parse_hhmm(p.end), p.name))
    return {day: sorted(ps) for day, ps in by_day.items()}


@dataclass(frozen=True)
class Placed:
    """One lesson placement with its times resolved against the school's lesuren."""

    lesson_id: str
    copy: int
    school: str
    day: str
    period: int
    duration: int
    start: int  # week minutes
    end: int
    teaching_minutes: int
    subject: str
    groups: tuple[str, ...]
    teacher: str
    room: str


def placed_lessons(plan: Plan, timetable: Timetable) -> list[Placed]:
    """Every placement of the timetable, with week-minute times and the lesson's subject and groups."""
    lessons = {lesson.id: lesson for lesson in plan.lessons}
    periods = {school.id: _periods(school) for school in plan.schools}
    out = []
    for pl in timetable.placements:
        day_periods = periods.get(pl.school, {}).get(pl.day, [])
        used = day_periods[pl.period - 1: pl.period - 1 + pl.duration]
        if used and len(used) == pl.duration:
            start, end = used[0][0], used[-1][1]
            teaching = sum(e - s for s, e, _ in used)
        else:  # not a valid lesuur of this school: trust the times the timetable gives
            start = _hhmm_or(pl.start, 0)
            end = max(start, _hhmm_or(pl.end, start))
            teaching = end - start
        lesson = lessons.get(pl.lesson)
        out.append(Placed(
            lesson_id=pl.lesson, copy=pl.copy, school=pl.school, day=pl.day, period=pl.period,
            duration=pl.duration, start=at(pl.day, start), end=at(pl.day, end),
            teaching_minutes=teaching, subject=lesson.subject if lesson else pl.lesson,
            groups=tuple(lesson.groups) if lesson else (), teacher=pl.teacher, room=pl.room or "",
        ))
    return sorted(out, key=lambda p: (p.start, p.school, p.lesson_id, p.copy))


# --- grids per group and per teacher ---------------------------------------------------------

@dataclass(frozen=True)
class GridEntry:
    subject: str
    detail: str  # teacher (group grid) or groups (teacher grid)
    room: str
    time: str = ""  # only when the lesuur has other times than the row says


@dataclass
class GridRow:
    number: int
    time: str
    cells: dict[str, list[GridEntry] | None]  # None: the school has no such lesuur that day


@dataclass
class Grid:
    title: str
    subtitle: str
    days: list[str]
    rows: list[GridRow]


def _grid(school: School, title: str, subtitle: str, items: list[tuple[Placed, str]]) -> Grid:
    periods = _periods(school)
    days = sorted(periods, key=day_index)  # the days the school has lesuren on (a cycle may have 28)
    rows = []
    for number in range(1, max((len(ps) for ps in periods.values()), default=0) + 1):
        times = Counter(periods[d][number - 1][:2] for d in days if len(periods.get(d, [])) >= number)
        usual = times.most_common(1)[0][0]
        cells: dict[str, list[GridEntry] | None] = {}
        for day in days:
            if len(periods.get(day, [])) < number:
                cells[day] = None
                continue
            own = periods[day][number - 1][:2]
            other_time = "" if own == usual else f"{fmt_hhmm(own[0])}–{fmt_hhmm(own[1])}"
            cells[day] = [
                GridEntry(p.subject, detail, p.room, other_time)
                for p, detail in items
                if p.day == day and p.period <= number < p.period + p.duration
            ]
        rows.append(GridRow(number, f"{fmt_hhmm(usual[0])}–{fmt_hhmm(usual[1])}", cells))
    return Grid(title, subtitle, days, rows)


def _school_name(school: School) -> str:
    return f"{school.name} ({school.id})" if school.name else school.id


def group_grids(plan: Plan, timetable: Timetable) -> list[Grid]:
    """One grid per group: every lesson that includes one of the group's student sets (clusters too)."""
    placed = placed_lessons(plan, timetable)
    grids = []
    for school in plan.schools:
        sets = {g.id: set(g.student_sets or [g.id]) for g in school.groups}
        for group in school.groups:
            items = []
            for p in placed:
                lesson_sets = set().union(*(sets.get(g, {g}) for g in p.groups)) if p.groups else set()
                if p.school == school.id and lesson_sets & sets[group.id]:
                    detail = p.teacher if list(p.groups) == [group.id] else f"{p.teacher} · {'+'.join(p.groups)}"
                    items.append((p, detail))
            title = f"{group.id} — {group.name}" if group.name else group.id
            grids.append(_grid(school, title, _school_name(school), items))
    return grids


def teacher_grids(plan: Plan, timetable: Timetable) -> list[Grid]:
    """One grid per teacher and school where they teach."""
    placed = placed_lessons(plan, timetable)
    names = {t.id: t.name for t in plan.teachers}
    htos = {h.teacher for h in plan.htos}
    order = [t.id for t in plan.teachers] + sorted({p.teacher for p in placed} - set(names))
    grids = []
    for teacher in order:
        title = f"{teacher} — {names[teacher]}" if names.get(teacher) else teacher
        if teacher in htos:
            title += " (hto'er)"
        for school in plan.schools:
            items = [(p, "+".join(p.groups) or "—") for p in placed if p.teacher == teacher and p.school == school.id]
            if items:
                grids.append(_grid(school, title, _school_name(school), items))
    return grids


# --- each hto'er's merged week -----------------------------------------------------------------

@dataclass
class WeekItem:
    start: int
    end: int
    kind: str  # shift | lesson | travel
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


def _shift_interval(plan: Plan, ra: RosterAssignment) -> Interval:
    employer = next((e for e in plan.employers if e.id == ra.employer), None)
    shift = next((s for s in employer.shifts if s.id == ra.shift), None) if employer else None
    if shift is not None:
        start, end, night = parse_hhmm(shift.start), parse_hhmm(shift.end), shift.crosses_midnight
    else:
        start, end = _hhmm_or(ra.start, 0), _hhmm_or(ra.end, 0)
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


def company_work(plan: Plan, timetable: Timetable) -> dict[tuple[str, str], list[Interval]]:
    """Per (employer, staff) the minutes at work: shift instances minus their released windows."""
    work: dict[tuple[str, str], list[Interval]] = {}
    for ra in timetable.rosters:
        shift = _shift_interval(plan, ra)
        work.setdefault((ra.employer, ra.staff), []).extend(_subtract([shift], _released(ra, shift)))
    return {key: _union(value) for key, value in work.items()}


def hto_weeks(plan: Plan, timetable: Timetable) -> list[HtoWeek]:
    """Per hto'er: shifts with their released parts, lessons and travel, per day in time order."""
    placed = placed_lessons(plan, timetable)
    schools = {s.id: s for s in plan.schools}
    weeks = []
    for hto in plan.htos:
        employer = next((e for e in plan.employers if e.id == hto.employer), None)
        where = (employer.name or employer.id) if employer else hto.employer
        shift_names = {s.id: s.name or s.id for s in employer.shifts} if employer else {}
        items: list[WeekItem] = []
        shifts: list[Interval] = []
        company: list[Interval] = []
        for ra in timetable.rosters:
            if ra.employer != hto.employer or ra.staff != hto.staff:
                continue
            interval = _shift_interval(plan, ra)
            released = _released(ra, interval)
            shifts.append(interval)
            company.extend(_subtract([interval], released))
            text = f"dienst / shift {shift_names.get(ra.shift, ra.shift)} @ {where}"
            if ra.change == "added":
                text += " (nieuw / new)"
            notes = [f"vrijgesteld / released {_span(s, e)}" for s, e in sorted(released)]
            items.append(WeekItem(*interval, "shift", text, notes))
        mine = [p for p in placed if p.teacher == hto.teacher]
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
            for s, e in _union(windows):
                if minutes > 0:
                    travel += [(s, s + minutes), (e - minutes, e)]
                    to = schools[school_id].name or school_id if school_id in schools else school_id
                    items.append(WeekItem(s, s + minutes, "travel", f"reizen / travel {where} → {to}"))
                    items.append(WeekItem(e - minutes, e, "travel", f"reizen / travel {to} → {where}"))
        by_day: dict[str, list[WeekItem]] = {d: [] for d in WEEKDAYS}
        for item in sorted(items, key=lambda i: (i.start, i.end, i.kind)):
            day = DAYS[min(max(item.start, 0) // MINUTES_PER_DAY, DAYS_PER_WEEK - 1)]  # hto'ers: one calendar week
            by_day.setdefault(day, []).append(item)
        removed = [
            f"{DAY_NL[r.day]} / {DAY_EN[r.day]} {shift_names.get(r.shift, r.shift)}"
            for r in timetable.removed_shifts if r.employer == hto.employer and r.staff == hto.staff
        ]
        title = f"{hto.name or hto.id} (docent / teacher {hto.teacher}; medewerker / staff {hto.staff} @ {where})"
        weeks.append(HtoWeek(
            title=title, days={d: by_day[d] for d in DAYS if d in by_day},
            teaching_minutes=sum(p.teaching_minutes for p in mine), company_minutes=_total(company),
            travel_minutes=_total(travel), work_minutes=_total(shifts + busy),
            max_teaching_minutes=hto.release.max_teaching_minutes_per_week, removed=removed,
        ))
    return weeks


# --- staffing per demand window ------------------------------------------------------------------

@dataclass(frozen=True)
class StaffingRow:
    employer: str
    window: str
    skill: str
    day: str
    start: int
    end: int
    required: int
    present: int  # minimum over the window
    short_person_minutes: int
    short_at: tuple[Interval, ...]

    @property
    def ok(self) -> bool:
        return self.present >= self.required


def staffing_rows(plan: Plan, timetable: Timetable) -> list[StaffingRow]:
    """Per demand window: the fewest people with the skill at work at any minute of it, vs required."""
    work = company_work(plan, timetable)
    rows = []
    for employer in plan.employers:
        for demand in employer.demand:
            ws = at(demand.day, parse_hhmm(demand.start))
            we = at(demand.day, parse_hhmm(demand.end)) + (MINUTES_PER_DAY if demand.crosses_midnight else 0)
            people = [work.get((employer.id, p.id), []) for p in employer.staff if demand.skill in p.skills]
            points = {ws, we}
            for intervals in people:
                points.update(x for s, e in intervals for x in (s, e) if ws < x < we)
            cuts = sorted(points)
            present, short, short_at = None, 0, []
            for a, b in zip(cuts, cuts[1:]):
                count = sum(any(s <= a < e for s, e in intervals) for intervals in people)
                present = count if present is None else min(present, count)
                if count < demand.min_staff:
                    short += (demand.min_staff - count) * (b - a)
                    short_at.append((a, b))
            label = demand.name or f"{demand.skill} {DAY_NL[demand.day]} {demand.start}–{demand.end}"
            rows.append(StaffingRow(
                employer=employer.name or employer.id, window=label, skill=demand.skill, day=demand.day,
                start=ws, end=we, required=demand.min_staff, present=present or 0,
                short_person_minutes=short, short_at=tuple(_union(short_at)),
            ))
    return rows


# --- markdown ----------------------------------------------------------------------------------

def _md(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_entry(entry: GridEntry) -> str:
    parts = [entry.detail, entry.room, entry.time]
    return f"**{_md(entry.subject)}** " + " · ".join(_md(p) for p in parts if p)


def _md_grid(grid: Grid) -> str:
    lines = [f"## {_md(grid.title)}", "", f"_{_md(grid.subtitle)}_", ""]
    lines.append("| lesuur / period | " + " | ".join(_day_label(d) for d in grid.days) + " |")
    lines.append("|---" * (len(grid.days) + 1) + "|")
    for row in grid.rows:
        cells = []
        for day in grid.days:
            entries = row.cells[day]
            cells.append("·" if entries is None else "<br>".join(_md_entry(e) for e in entries))
        lines.append(f"| {row.number} ({row.time}) | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def groups_markdown(plan: Plan, timetable: Timetable) -> str:
    grids = group_grids(plan, timetable)
    return "# Rooster per klas / Timetable per group\n\n" + "\n".join(_md_grid(g) for g in grids)


def teachers_markdown(plan: Plan, timetable: Timetable) -> str:
    grids = teacher_grids(plan, timetable)
    body = "\n".join(_md_grid(g) for g in grids) or "Geen lessen / no lessons.\n"
    return "# Rooster per docent / Timetable per teacher\n\n" + body


def _totals(week: HtoWeek) -> list[str]:
    cap = f" (max {week.max_teaching_minutes} min)" if week.max_teaching_minutes is not None else ""
    return [
        f"lesgeven / teaching: {_hm(week.teaching_minutes)}{cap}",
        f"bedrijf / company: {_hm(week.company_minutes)}",
        f"reizen / travel: {_hm(week.travel_minutes)}",
        f"werk totaal (ATW) / total work (working-hours law): {_hm(week.work_minutes)}",
    ]


def htos_markdown(plan: Plan, timetable: Timetable) -> str:
    out = ["# Week per hto'er / Merged week per hto'er", ""]
    weeks = hto_weeks(plan, timetable)
    for week in weeks:
        out += [f"## {_md(week.title)}", ""]
        for day, items in week.days.items():
            out.append(f"### {_day_label(day)}")
            if not items:
                out.append("- vrij / free")
            for item in items:
                out.append(f"- {_span(item.start, item.end)} {_md(item.text)}")
                out += [f"  - {_md(note)}" for note in item.notes]
            out.append("")
        out += ["**Totalen / totals**", ""] + [f"- {t}" for t in _totals(week)]
        if week.removed:
            out.append(f"- vervallen diensten / removed shifts: {_md(', '.join(week.removed))}")
        out.append("")
    if not weeks:
        out.append("Geen hto'ers in dit plan / no hto'ers in this plan.")
    return "\n".join(out) + "\n"


def staffing_markdown(plan: Plan, timetable: Timetable) -> str:
    rows = staffing_rows(plan, timetable)
    out = ["# Bezetting per werkgever / Staffing per employer", ""]
    if not rows:
        return "\n".join(out + ["Geen bezettingsvensters / no staffing windows.", ""])
    out += ["| werkgever / employer | venster / window | dag / day | tijd / time | vaardigheid / skill "
            "| nodig / required | aanwezig / present | status |", "|---" * 8 + "|"]
    for r in rows:
        status = "OK" if r.ok else f"TEKORT / SHORT {r.short_person_minutes} person-min at " + ", ".join(
            _span(s, e) for s, e in r.short_at)
        out.append(f"| {_md(r.employer)} | {_md(r.window)} | {_day_label(r.day)} | {_span(r.start, r.end)} "
                   f"| {_md(r.skill)} | {r.required} | {r.present} | {status} |")
    met = sum(r.ok for r in rows)
    return "\n".join(out + ["", f"Vensters gedekt / windows met: {met}/{len(rows)}", ""])


# --- HTML --------------------------------------------------------------------------------------

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #446; margin-top: 2em; }
h3 { margin: 1.4em 0 .2em; } .sub { color: #666; margin: 0 0 .4em; }
table { border-collapse: collapse; margin: .4em 0 1em; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef; } td.none { background: #f3f3f3; }
table.grid td { min-width: 8em; } .subj { font-weight: 600; } .det, .time { color: #555; }
.entry + .entry { border-top: 1px dotted #aaa; margin-top: 2px; }
tr.short td { background: #fde2e2; } tr.ok td.status { color: #185c1e; }
ul.week { margin: .2em 0; padding-left: 1.2em; } li.shift { color: #234; }
li.lesson { font-weight: 600; } li.travel { color: #777; font-style: italic; }
nav a { margin-right: 1em; }
@media print { nav { display: none; } section + section { page-break-before: always; } }
"""


def _html_grid(grid: Grid) -> str:
    head = "".join(f"<th>{_e(_day_label(d))}</th>" for d in grid.days)
    rows = []
    for row in grid.rows:
        cells = []
        for day in grid.days:
            entries = row.cells[day]
            if entries is None:
                cells.append('<td class="none"></td>')
                continue
            parts = []
            for entry in entries:
                bits = [f'<span class="subj">{_e(entry.subject)}</span>']
                bits += [f'<span class="det">{_e(x)}</span>' for x in (entry.detail, entry.room) if x]
                if entry.time:
                    bits.append(f'<span class="time">{_e(entry.time)}</span>')
                parts.append('<div class="entry">' + " · ".join(bits) + "</div>")
            cells.append("<td>" + "".join(parts) + "</td>")
        rows.append(f"<tr><th>{row.number}<br><small>{_e(row.time)}</small></th>{''.join(cells)}</tr>")
    return (f"<h3>{_e(grid.title)}</h3><p class=\"sub\">{_e(grid.subtitle)}</p>"
            f"<table class=\"grid\"><tr><th>lesuur / period</th>{head}</tr>{''.join(rows)}</table>")


def _html_weeks(weeks: list[HtoWeek]) -> str:
    out = []
    for week in weeks:
        out.append(f"<h3>{_e(week.title)}</h3><table><tr><th>dag / day</th><th>programma / schedule</th></tr>")
        for day, items in week.days.items():
            lis = []
            for item in items:
                notes = "".join(f"<li>{_e(n)}</li>" for n in item.notes)
                notes = f"<ul>{notes}</ul>" if notes else ""
                lis.append(f'<li class="{item.kind}">{_e(_span(item.start, item.end))} {_e(item.text)}{notes}</li>')
            body = f'<ul class="week">{"".join(lis)}</ul>' if lis else "vrij / free"
            out.append(f"<tr><th>{_e(_day_label(day))}</th><td>{body}</td></tr>")
        out.append("</table><ul>" + "".join(f"<li>{_e(t)}</li>" for t in _totals(week)))
        if week.removed:
            out.append(f"<li>vervallen diensten / removed shifts: {_e(', '.join(week.removed))}</li>")
        out.append("</ul>")
    return "".join(out) or "<p>Geen hto'ers in dit plan / no hto'ers in this plan.</p>"


def _html_staffing(rows: list[StaffingRow]) -> str:
    if not rows:
        return "<p>Geen bezettingsvensters / no staffing windows.</p>"
    out = ["<table><tr><th>werkgever / employer</th><th>venster / window</th><th>dag / day</th>"
           "<th>tijd / time</th><th>vaardigheid / skill</th><th>nodig / required</th>"
           "<th>aanwezig / present</th><th>status</th></tr>"]
    for r in rows:
        status = "OK" if r.ok else (f"tekort / short: {r.short_person_minutes} person-min at "
                                    + ", ".join(_span(s, e) for s, e in r.short_at))
        out.append(f'<tr class="{"ok" if r.ok else "short"}"><td>{_e(r.employer)}</td><td>{_e(r.window)}</td>'
                   f"<td>{_e(_day_label(r.day))}</td><td>{_e(_span(r.start, r.end))}</td><td>{_e(r.skill)}</td>"
                   f'<td>{r.required}</td><td>{r.present}</td><td class="status">{_e(status)}</td></tr>')
    met = sum(r.ok for r in rows)
    return "".join(out) + f"</table><p>Vensters gedekt / windows met: {met}/{len(rows)}</p>"


def html_report(plan: Plan, timetable: Timetable) -> str:
    """One self-contained, printable HTML page with every view."""
    total = sum(lesson.count for lesson in plan.lessons)
    meta = (f"status: {timetable.status} · doelwaarde / objective: "
            f"{'—' if timetable.objective is None else timetable.objective} · "
            f"lessen / lessons: {len(timetable.placements)}/{total}")
    sections = [
        ("groups", "Rooster per klas / Timetable per group",
         "".join(_html_grid(g) for g in group_grids(plan, timetable)) or "<p>Geen klassen / no groups.</p>"),
        ("teachers", "Rooster per docent / Timetable per teacher",
         "".join(_html_grid(g) for g in teacher_grids(plan, timetable)) or "<p>Geen lessen / no lessons.</p>"),
        ("htos", "Week per hto'er / Merged week per hto'er", _html_weeks(hto_weeks(plan, timetable))),
        ("staffing", "Bezetting per werkgever / Staffing per employer",
         _html_staffing(staffing_rows(plan, timetable))),
    ]
    nav = "".join(f'<a href="#{key}">{_e(title)}</a>' for key, title, _ in sections)
    body = "".join(f'<section id="{key}"><h2>{_e(title)}</h2>{content}</section>' for key, title, content in sections)
    return (f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
            f"<title>Hybrooster — {_e(plan.name)}</title><style>{_CSS}</style></head>"
            f"<body><h1>Hybrooster — {_e(plan.name)}</h1><p class=\"sub\">{_e(meta)}</p>"
            f"<nav>{nav}</nav>{body}</body></html>\n")


# --- CSV and writing -------------------------------------------------------------------------

CSV_COLUMNS = ["school", "lesson", "copy", "subject", "groups", "day", "dag", "period", "duration",
               "start", "end", "teaching_minutes", "teacher", "hto", "room"]


def placements_frame(plan: Plan, timetable: Timetable) -> pd.DataFrame:
    """One row per lesson placement, in time order."""
    htos = {h.teacher for h in plan.htos}
    rows = [{
        "school": p.school, "lesson": p.lesson_id, "copy": p.copy, "subject": p.subject,
        "groups": " ".join(p.groups), "day": p.day, "dag": DAY_NL[p.day], "period": p.period,
        "duration": p.duration, "start": fmt_hhmm(p.start), "end": fmt_hhmm(p.end),
        "teaching_minutes": p.teaching_minutes, "teacher": p.teacher, "hto": p.teacher in htos,
        "room": p.room,
    } for p in placed_lessons(plan, timetable)]
    return pd.DataFrame(rows, columns=CSV_COLUMNS)


def _write_text(path: Path, text: str) -> None:
    write_atomic(path, text)


def write_views(plan: Plan, timetable: Timetable, out_dir: str | Path) -> list[Path]:
    """Write index.html, groups.md, teachers.md, htos.md, staffing.md and timetable.csv into out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "index.html": html_report(plan, timetable),
        "groups.md": groups_markdown(plan, timetable),
        "teachers.md": teachers_markdown(plan, timetable),
        "htos.md": htos_markdown(plan, timetable),
        "staffing.md": staffing_markdown(plan, timetable),
        "timetable.csv": placements_frame(plan, timetable).to_csv(index=False),
    }
    written = []
    for name, text in files.items():
        _write_text(out / name, text)
        written.append(out / name)
    return written
