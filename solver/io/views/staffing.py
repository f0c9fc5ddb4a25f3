"""Staffing per demand window: the fewest people with the skill at work at any minute of it, and the
shortfalls the validator finds when windows at the same time share people (each person fills one
place at a time: rule staffing_demand, solver/validation/company.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from solver.domain import Plan, Timetable
from solver.io.views.times import DAY_NL, span
from solver.io.views.weeks import company_work
from solver.timeline import MINUTES_PER_DAY, WEEK_MINUTES, at, parse_hhmm
from solver.validate import validate
from solver.validation.horizon import HorizonInfo
from solver.validation.intervals import Interval, merge
from solver.validation.report import ValidationReport


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
    # short together with other windows at the same time: enough people with each skill are there,
    # but they are the same people, and each fills one place at a time
    shared_with: tuple[str, ...] = ()
    shared_short_person_minutes: int = 0
    shared_at: tuple[Interval, ...] = ()
    week: int = 1  # the horizon week (plans with cycles); start, end and the spans are minutes of that week
    week_label: str = ""  # '' on a horizon of one week
    employer_id: str = ""
    index: int = 0  # the window's index in employer.demand

    @property
    def ok(self) -> bool:
        return self.present >= self.required and not self.shared_short_person_minutes


def _label(demand) -> str:
    return demand.name or f"{demand.skill} {DAY_NL[demand.day]} {demand.start}–{demand.end}"


def _shared_shortfalls(plan: Plan, info: HorizonInfo, report: ValidationReport) -> dict[tuple[str, int, int], list]:
    """(employer id, demand index, horizon week) -> [(other windows' labels, person-minutes, (from, to))] of
    the validator's shortfalls shared by several windows (times in minutes of that week)."""
    found = defaultdict(list)
    for v in report.violations:
        if v.rule != "staffing_demand" or "windows" not in v.entities:
            continue
        employer = next(e for e in plan.employers if e.id == v.entities["employer"])
        keys = [(w["skill"], w["day"], w["start"], w["end"], w["min_staff"]) for w in v.entities["windows"]]
        indices = [k for k, d in enumerate(employer.demand) if (d.skill, d.day, d.start, d.end, d.min_staff) in keys]
        week = v.entities.get("week", 1)
        start, end = v.entities["span"]
        if info.circular:  # the span on the circle, as minutes of its week (past 10080: the Monday after)
            start = (start - (week - 1) * WEEK_MINUTES) % info.length
            end = start + v.entities["span"][1] - v.entities["span"][0]
        for k in indices:
            others = tuple(_label(employer.demand[j]) for j in indices if j != k)
            found[(employer.id, k, week)].append((others, v.amount, (start, end)))
    return found


def staffing_rows(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> list[StaffingRow]:
    """Per demand window: the fewest people with the skill at work at any minute of it, vs required, and
    the validator's shortfalls shared with other windows (`report`: the validation, made if not given).
    Over a horizon of several weeks: per window and horizon week it applies in (its `weeks`)."""
    info = HorizonInfo(plan)
    work = company_work(plan, timetable)
    shared = _shared_shortfalls(plan, info, report if report is not None else validate(plan, timetable))
    rows = []
    for h in info.weeks_range():
        label = " / ".join(info.phrase(h, lang) for lang in ("nl", "en"))
        for employer in plan.employers:
            for k, demand in enumerate(employer.demand):
                if info.circular and not info.runs_in(employer.id, demand, h):
                    continue
                offset = (h - 1) * WEEK_MINUTES if info.circular else 0
                row = replace(_row(info, employer, demand, work, offset, shared.get((employer.id, k, h), [])), index=k)
                if info.circular:
                    row = replace(row, week=h, week_label=label[0].upper() + label[1:])
                rows.append(row)
    return rows


def _row(info: HorizonInfo, employer, demand, work, offset: int, together: list) -> StaffingRow:
    """One window in one week: presence counted on the week line (one week) or the circle (offset: the week's)."""
    ws = at(demand.day, parse_hhmm(demand.start))
    we = at(demand.day, parse_hhmm(demand.end)) + (MINUTES_PER_DAY if demand.crosses_midnight else 0)
    people = [work.get((employer.id, p.id), []) for p in employer.staff if demand.skill in p.skills]
    present, short, short_at = None, 0, []
    for lo, hi in info.pieces(ws + offset, we + offset):
        points = {lo, hi}
        for intervals in people:
            points.update(x for s, e in intervals for x in (s, e) if lo < x < hi)
        cuts = sorted(points)
        for a, b in zip(cuts, cuts[1:]):
            count = sum(any(s <= a < e for s, e in intervals) for intervals in people)
            present = count if present is None else min(present, count)
            if count < demand.min_staff:
                short += (demand.min_staff - count) * (b - a)
                short_at.append(_local(info, a, b, offset))
    return StaffingRow(
        employer=employer.name or employer.id, employer_id=employer.id, window=_label(demand), skill=demand.skill,
        day=demand.day,
        start=ws, end=we, required=demand.min_staff, present=present or 0,
        short_person_minutes=short, short_at=tuple(merge(short_at)),
        shared_with=tuple(dict.fromkeys(label for others, _, _ in together for label in others)),
        shared_short_person_minutes=sum(amount for _, amount, _ in together),
        shared_at=tuple(merge([span for _, _, span in together])),
    )


def _local(info: HorizonInfo, a: int, b: int, offset: int) -> Interval:
    """[a, b) of the line (one week: as it is) or of the circle, as minutes of the week at `offset`."""
    if not info.circular:
        return a, b
    start = (a - offset) % info.length
    return start, start + b - a


def staffing_status(row: StaffingRow, short_word: str) -> str:
    """'OK', or where and by how much the window is short, alone or together with other windows."""
    if row.ok:
        return "OK"
    parts = []
    if row.short_person_minutes:
        parts.append(f"{short_word} {row.short_person_minutes} person-min at "
                     + ", ".join(span(s, e) for s, e in row.short_at))
    if row.shared_short_person_minutes:
        parts.append(f"{short_word} samen met / together with {', '.join(row.shared_with)}: "
                     f"{row.shared_short_person_minutes} person-min at " + ", ".join(span(s, e) for s, e in row.shared_at)
                     + " (dezelfde mensen, ieder één plaats / the same people, one place each)")
    return "; ".join(parts)
