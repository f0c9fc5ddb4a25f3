"""Each staff member's week: shift instances, released windows, company work and busy windows."""

from __future__ import annotations

from dataclasses import dataclass, field

from solver.domain import Hto, RosterAssignment, ShiftDef, Staff
from solver.validation.context import Context, Interval, Slot, shift_interval, window_interval
from solver.validation.intervals import subtract


@dataclass
class Instance:
    interval: Interval
    entry: RosterAssignment
    shift: ShiftDef


@dataclass
class Person:
    employer: str
    staff: Staff
    entries: list[RosterAssignment] = field(default_factory=list)
    instances: list[Instance] = field(default_factory=list)
    released: list[Interval] = field(default_factory=list)
    htos: list[Hto] = field(default_factory=list)
    busy: list[tuple[Interval, Slot]] = field(default_factory=list)
    work: list[Interval] = field(default_factory=list)  # company work: instances minus releases

    @property
    def id(self) -> str:
        return self.staff.id


def people(ctx: Context) -> dict[tuple[str, str], Person]:
    """Every staff member of every employer, keyed (employer, staff id); computed once per context."""
    if ctx.people_index is not None:
        return ctx.people_index
    out = {key: Person(key[0], staff) for key, staff in ctx.staff.items()}
    for entry in ctx.timetable.rosters:
        person = out.get((entry.employer, entry.staff))
        if person is None:
            continue
        person.entries.append(entry)
        shift = ctx.shifts.get((entry.employer, entry.shift))
        if shift is not None:
            person.instances.append(Instance(shift_interval(shift, entry.day), entry, shift))
            person.released.extend(window_interval(w) for w in entry.released)
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
            person.busy.append(((slot.start - travel, slot.end + travel), slot))
    for person in out.values():
        person.instances.sort(key=lambda i: i.interval)
        person.busy.sort(key=lambda b: b[0])
        person.work = subtract((i.interval for i in person.instances), person.released)
    ctx.people_index = out
    return out
