"""Staffing per demand window: the fewest people with the skill at work at any minute of it."""

from __future__ import annotations

from dataclasses import dataclass

from solver.domain import Plan, Timetable
from solver.io.views.times import DAY_NL
from solver.io.views.weeks import company_work
from solver.timeline import MINUTES_PER_DAY, at, parse_hhmm
from solver.validation.intervals import Interval, merge


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
                short_person_minutes=short, short_at=tuple(merge(short_at)),
            ))
    return rows
