"""Each staff member's weeks: shift instances, released windows, company work and busy windows.

Over the plan's horizon (solver/validation/horizon.py): a roster entry of horizon week h lies at
(h-1) x 10080 on the line; an hto'er's lesson is a busy window in every horizon week whose school week
is the lesson's. On a horizon of several weeks the company work is taken onto the circle (`wrap`); on
one week it stays on the week line, as it always was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from solver.domain import Hto, RosterAssignment, ShiftDef, Staff
from solver.timeline import WEEK_MINUTES
from solver.validation.context import Context, Interval, Slot, shift_interval, window_interval
from solver.validation.intervals import subtract


@dataclass
class Instance:
    interval: Interval  # on the unrolled horizon line: (week - 1) x 10080 + the week's minutes
    entry: RosterAssignment
    shift: ShiftDef

    @property
    def week(self) -> int:
        return self.entry.week


class Busy(NamedTuple):
    """A lesson with travel on both sides, in one horizon week."""

    interval: Interval
    slot: Slot
    week: int


@dataclass
class Person:
    employer: str
    staff: Staff
    entries: list[RosterAssignment] = field(default_factory=list)
    instances: list[Instance] = field(default_factory=list)
    released: list[Interval] = field(default_factory=list)
    htos: list[Hto] = field(default_factory=list)
    busy: list[Busy] = field(default_factory=list)
    work: list[Interval] = field(default_factory=list)  # company work: instances minus releases (wrapped)

    @property
    def id(self) -> str:
        return self.staff.id


def _released(ctx: Context, window, interval: Interval, week: int) -> Interval:
    """A released window of a roster entry of horizon week `week`, on the line. On a horizon of several
    weeks a window that lies before its shift starts is on the next Monday (a Sunday night shift)."""
    start, end = window_interval(window)
    if not ctx.horizon.circular:
        return start, end  # the week line, as it always was
    offset = (week - 1) * WEEK_MINUTES
    start, end = start + offset, end + offset
    if end <= interval[0]:
        start, end = start + WEEK_MINUTES, end + WEEK_MINUTES
    return start, end


def people(ctx: Context) -> dict[tuple[str, str], Person]:
    """Every staff member of every employer, keyed (employer, staff id); computed once per context."""
    if ctx.people_index is not None:
        return ctx.people_index
    horizon = ctx.horizon
    out = {key: Person(key[0], staff) for key, staff in ctx.staff.items()}
    for entry in ctx.timetable.rosters:
        person = out.get((entry.employer, entry.staff))
        if person is None:
            continue
        person.entries.append(entry)
        shift = ctx.shifts.get((entry.employer, entry.shift))
        if shift is not None and entry.week <= horizon.weeks:  # a week past the horizon: reroster_keeps_contract
            start, end = shift_interval(shift, entry.day)
            offset = (entry.week - 1) * WEEK_MINUTES
            interval = (start + offset, end + offset)
            person.instances.append(Instance(interval, entry, shift))
            person.released.extend(_released(ctx, w, interval, entry.week) for w in entry.released)
    slots_by_teacher: dict[str, list[Slot]] = {}
    for slot in ctx.timed:
        for teacher in slot.teachers:
            slots_by_teacher.setdefault(teacher, []).append(slot)
    for hto in ctx.plan.htos:
        person = out.get((hto.employer, hto.staff))
        if person is None:
            continue
        person.htos.append(hto)
        for slot in slots_by_teacher.get(hto.teacher, []):
            travel = ctx.travel(hto, slot.school.id)
            for h in horizon.slot_weeks(slot):
                shift = horizon.slot_shift(slot, h)
                person.busy.append(Busy((slot.start - travel + shift, slot.end + travel + shift), slot, h))
    for person in out.values():
        person.instances.sort(key=lambda i: i.interval)
        person.busy.sort(key=lambda b: b.interval)
        person.work = horizon.wrap(subtract((i.interval for i in person.instances), person.released))
    ctx.people_index = out
    return out
