"""A section per employer: its planned roster per person (per horizon week when the plan has cycles), the
roster changes against the current roster, the unavailable marks of its staff, and the staffing per demand
window with who fills it under which skill.

The changes compare each person's roster entries of a horizon week with their current roster of that week,
as the validator's rule roster_change does (HorizonInfo.current_roster). Who fills a window is the
validator's own matching (solver/validation/staffing.py: time cut at every boundary, on each piece the people
present matched to the places, each person one place at a time), so the views and the validator agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from solver.domain import Plan, Timetable
from solver.domain.base import WEEKDAYS
from solver.io.views.staffing import StaffingRow, staffing_rows
from solver.io.views.times import day_label, span
from solver.timeline import CALENDAR_DAYS, WEEK_MINUTES, at, parse_hhmm
from solver.validate import validate
from solver.validation import staffing as matching
from solver.validation.context import Context
from solver.validation.horizon import HorizonInfo
from solver.validation.intervals import Interval, merge, overlap_minutes, total
from solver.validation.people import people
from solver.validation.report import ValidationReport


@dataclass
class PersonRoster:
    staff: str
    title: str  # 'Jan de Vries (s1) · cnc, lassen · hto'er'
    days: dict[str, list[str]]  # calendar day -> its shifts, e.g. 'early (nieuw / new)', 'vrij / released 08:00–09:50'


@dataclass
class RosterWeek:
    week: int
    week_label: str  # '' on a horizon of one week
    days: list[str]  # the calendar days shown: mon .. fri, and sat, sun when anybody works then
    people: list[PersonRoster]


@dataclass(frozen=True)
class RosterChange:
    """A shift taken away (before), added (after), or both: the person moved from one to the other."""

    staff: str
    week: int
    before_day: str  # '' when only added
    before: str  # the shift of the current roster, '' for none
    after_day: str  # '' when only taken away
    after: str  # the planned shift, '' for none
    week_label: str = ""

    @property
    def text(self) -> str:
        who = self.staff + (f", week {self.week}" if self.week_label else "")
        if self.before and self.after and self.before_day == self.after_day:
            return f"{who}, {day_label(self.after_day)}: {self.before} → {self.after} (andere dienst / other shift)"
        if self.before and self.after:
            return (f"{who}: {self.before} {day_label(self.before_day)} → {self.after} {day_label(self.after_day)} "
                    "(verschoven / moved)")
        if self.after:
            return f"{who}, {day_label(self.after_day)}: {self.after} erbij / added"
        return f"{who}, {day_label(self.before_day)}: {self.before} eraf / removed"


@dataclass(frozen=True)
class MarkRow:
    staff: str
    day: str
    start: str
    end: str
    level: str  # 'blokkade / block' or 'voorkeur / preference, gewicht / weight N'
    reason: str


@dataclass(frozen=True)
class Fill:
    staff: str
    skill: str
    spans: tuple[Interval, ...]  # minutes of the window's week

    @property
    def minutes(self) -> int:
        return total(list(self.spans))

    @property
    def text(self) -> str:
        return f"{self.staff} als / as {self.skill}: {', '.join(span(s, e) for s, e in self.spans)}"


@dataclass
class WindowFill:
    row: StaffingRow
    fills: list[Fill]


@dataclass
class EmployerView:
    id: str
    name: str
    weeks: list[RosterWeek]
    changes: list[RosterChange]
    marks: list[MarkRow]
    windows: list[WindowFill] = field(default_factory=list)


def _week_label(info: HorizonInfo, h: int) -> str:
    if not info.circular:
        return ""
    label = " / ".join(info.phrase(h, lang) for lang in ("nl", "en"))
    return label[0].upper() + label[1:]


def _rosters(plan: Plan, timetable: Timetable, info: HorizonInfo, employer) -> list[RosterWeek]:
    htos = {h.staff: h for h in plan.htos if h.employer == employer.id}
    names = {s.id: s.name or s.id for s in employer.shifts}
    out = []
    for h in info.weeks_range():
        entries = [r for r in timetable.rosters if r.employer == employer.id and (r.week == h or not info.circular)]
        days = list(WEEKDAYS) + [d for d in CALENDAR_DAYS if d not in WEEKDAYS and any(r.day == d for r in entries)]
        persons = []
        for person in employer.staff:
            cells: dict[str, list[str]] = {d: [] for d in days}
            for r in entries:
                if r.staff != person.id:
                    continue
                text = names.get(r.shift, r.shift) + (" (nieuw / new)" if r.change == "added" else "")
                text += "".join(f"; vrij / released {span(at(w.day, parse_hhmm(w.start)), at(w.day, parse_hhmm(w.end)))}"
                                for w in r.released)
                cells.setdefault(r.day, []).append(text)
            bits = [f"{person.name} ({person.id})" if person.name else person.id, ", ".join(person.skills)]
            if person.id in htos:
                bits.append(f"hto'er {htos[person.id].teacher}")
            persons.append(PersonRoster(person.id, " · ".join(b for b in bits if b), cells))
        out.append(RosterWeek(h, _week_label(info, h), days, persons))
    return out


def _changes(timetable: Timetable, info: HorizonInfo, employer) -> list[RosterChange]:
    """Per person and horizon week: the shifts taken away and added (as the rule roster_change counts them),
    paired into a change of shift on the same day first, then into moves to another day, in day order."""
    names = {s.id: s.name or s.id for s in employer.shifts}
    order = {d: k for k, d in enumerate(CALENDAR_DAYS)}
    out = []
    for person in employer.staff:
        for h in info.weeks_range():
            current = {(item.day, item.shift) for item in info.current_roster(employer.id, person, h)}
            new = {(r.day, r.shift) for r in timetable.rosters
                   if r.employer == employer.id and r.staff == person.id and r.week == h}
            gone = sorted(current - new, key=lambda x: (order.get(x[0], 99), x[1]))
            came = sorted(new - current, key=lambda x: (order.get(x[0], 99), x[1]))
            pairs = []
            for g in list(gone):
                c = next((c for c in came if c[0] == g[0]), None)
                if c is not None:
                    gone.remove(g)
                    came.remove(c)
                    pairs.append((g, c))
            pairs += list(zip(gone, came)) + [(g, ("", "")) for g in gone[len(came):]] + \
                [(("", ""), c) for c in came[len(gone):]]
            label = _week_label(info, h)
            for (bd, bs), (ad, as_) in sorted(pairs, key=lambda p: min(order.get(d, 99) for d in (p[0][0], p[1][0]))):
                out.append(RosterChange(person.id, h, bd, names.get(bs, bs), ad, names.get(as_, as_), label))
    return out


def _marks(plan: Plan, employer) -> list[MarkRow]:
    ids = {s.id for s in employer.staff}
    return [MarkRow(m.staff, m.day, m.start, m.end, "blokkade / block" if m.hard else
                    f"voorkeur / preference, gewicht / weight {m.preference_weight}", m.reason)
            for m in plan.unavailable_marks if m.staff in ids]


def window_fills(plan: Plan, timetable: Timetable) -> dict[tuple[str, int, int], list[Fill]]:
    """(employer id, demand index, horizon week) -> who fills the window, under its skill, and when: the
    validator's matching on each piece of time (staffing.shortfall cuts time the same way)."""
    ctx = Context(plan, timetable)
    info = ctx.horizon
    by_employer = defaultdict(list)
    for person in people(ctx).values():
        by_employer[person.employer].append(person)
    found_spans: dict[tuple[str, int, int], dict[str, list[Interval]]] = defaultdict(lambda: defaultdict(list))
    for employer in plan.employers:
        staff = by_employer[employer.id]
        found, pieces = matching.windows(ctx, employer)
        demands = [found[w].demand for _, w in pieces]
        for lo, hi in matching._cuts([iv for iv, _ in pieces], staff):
            active = [k for k, ((a, b), _) in enumerate(pieces) if a <= lo and hi <= b]
            if not active:
                continue
            present = [p for p in staff if overlap_minutes(p.work, lo, hi)]
            for group, persons in matching._connected(active, present, demands):
                for k, held in matching.assignment(group, persons, demands).items():
                    window = found[pieces[k][1]]
                    offset = (window.week - 1) * WEEK_MINUTES if info.circular else 0
                    start = (lo - offset) % info.length if info.circular else lo
                    for i in held:
                        found_spans[(employer.id, window.index, window.week)][persons[i].id].append(
                            (start, start + hi - lo))
    return {key: [Fill(staff_id, _skill(plan, key), tuple(merge(spans))) for staff_id, spans in who.items()]
            for key, who in found_spans.items()}


def _skill(plan: Plan, key: tuple[str, int, int]) -> str:
    employer = next(e for e in plan.employers if e.id == key[0])
    return employer.demand[key[1]].skill


def employer_views(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> list[EmployerView]:
    """One view per employer of the plan (`report`: the validation, made if not given)."""
    info = HorizonInfo(plan)
    rows = staffing_rows(plan, timetable, report if report is not None else validate(plan, timetable))
    fills = window_fills(plan, timetable)
    out = []
    for employer in plan.employers:
        windows = [WindowFill(r, sorted(fills.get((employer.id, r.index, r.week), []), key=lambda f: f.spans))
                   for r in rows if r.employer_id == employer.id]
        out.append(EmployerView(employer.id, employer.name or employer.id, _rosters(plan, timetable, info, employer),
                                _changes(timetable, info, employer), _marks(plan, employer), windows))
    return out
