"""XHSTT onto the Plan, using only the Plan's existing fields and rules (`hybrooster import xhstt`
through plan_files.py; docs/xhstt.md has the whole mapping and what is still missing).

What it maps:
- Day time groups become days (mon, tue, ..., then mon2, ...) in the order of their first time; a
  day's times become its lesuren 1, 2, ... with made-up clock times (from 08:00). Every time must
  be in exactly one Day group.
- Resource types by name: "teacher" -> teachers; "class", "student", "group" -> groups (each its
  own student set); "room" -> rooms (kind "classroom"). Another type is an error.
- Each event becomes a lesson per block duration: the import fixes the split (SplitEvents,
  DistributeSplitEvents: the minimum number of blocks of each asked duration, the rest in the
  longest allowed blocks; or, with split="shortest", as many blocks as the required SplitEvents
  allow, and events no required SplitEvents applies to whole). Preassigned teachers: the first is
  the teacher, the others co-teachers;
  an open Teacher role: candidates (the hard PreferResources of the role, else every teacher).
  Class/Student resources: the groups. A preassigned room: `rooms`; an open Room role: any room,
  or the hard PreferResources of the role. Further rooms (ES-SS-08's GIM and PISTA, NL-KP-09's RoomTek
  and RoomHdv): `extra_rooms`, one per preassigned room beyond the first and one per further open room
  role a required AssignResource asks to fill (extra_room_roles). A preassigned time of an unsplit event: a locked slot.
- AssignTime, AssignResource, PreferResources (hard): the lesson as built. AvoidClashes (hard):
  the Plan's no-clash rules. AvoidUnavailableTimes: unavailable windows (soft: of level preference
  with the weight). PreferTimes: preferred_starts (soft: weight x duration). SpreadEvents (hard, at
  most 1 a day on all days): min_days_between 1; any other: spread_events per event group.
  LinkEvents (hard, one lesson each, equal counts): same_starting_time. LimitIdleTimes /
  ClusterBusyTimes / LimitBusyTimes over Day groups (all, or some: `days`): max_gaps_per_week
  (unavailable_gaps); interval_max_days_per_week and min_days_per_week (also over the same lesuren
  of several days: first_period, end_period); max_ and min_periods_per_day (empty days allowed),
  each with the weight and the cost function (the Plan's units summed per owner equal XHSTT's
  deviation there).
  LimitWorkload: workload_per_week; AvoidSplitAssignments of the teacher role: same_teacher.

Everything else is reported in `unmapped` with the reason; approximations in `notes`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from solver.domain import Plan, parse_plan
from solver.timeline import DAYS
from .model import Constraint, Event, Instance, Solution, SolutionEvent, SolutionResource
from .to_plan_rules import KINDS, Unmapped, extra_room_roles, kept_roles, map_constraints, resource_kind

START = 8 * 60


class XhsttMappingError(ValueError):
    """An instance the mapping cannot turn into a Plan at all (the message says why)."""


@dataclass
class PlanMapping:
    plan: Plan
    unmapped: list[Unmapped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lessons: dict[str, list[str]] = field(default_factory=dict)  # event id -> its lesson ids
    slot: dict[int, tuple[str, int]] = field(default_factory=dict)  # time index -> (day, lesuur)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class _Mapper:
    def __init__(self, ins: Instance, split: str = "distribute"):
        self.ins = ins
        self.split = split
        self.unmapped: list[Unmapped] = []
        self.notes: list[str] = []
        self.extra: list[dict] = []
        self.unavailable: dict[str, list[dict]] = defaultdict(list)
        self._days()
        self._resources()

    # --- times and resources -----------------------------------------------------------------

    def _days(self) -> None:
        days = sorted((g for g in self.ins.time_groups.values() if g.kind == "Day" and g.times),
                      key=lambda g: g.times[0])
        if len(days) > len(DAYS):
            raise XhsttMappingError(f"{len(days)} days; a school cycle has at most {len(DAYS)}")
        owner: dict[int, str] = {}
        self.periods: list[dict] = []
        self.slot: dict[int, tuple[str, int]] = {}
        self.windows: dict[int, dict] = {}
        self.day_groups = {g.id for g in days}
        self.per_day: dict[str, int] = {}
        self.day_of = {group.id: day for day, group in zip(DAYS, days)}  # Day group -> the plan's day
        for day, group in zip(DAYS, days):
            length = 60 if len(group.times) <= 15 else 900 // len(group.times)
            for number, t in enumerate(group.times, start=1):
                if t in owner:
                    raise XhsttMappingError(f"time {self.ins.times[t].id} is in two Day groups, "
                                            f"{owner[t]} and {group.id}")
                owner[t] = group.id
                begin = START + (number - 1) * length
                self.periods.append({"day": day, "start": _hhmm(begin), "end": _hhmm(begin + length),
                                     "name": self.ins.times[t].id})
                self.slot[t] = (day, number)
                self.windows[t] = {"day": day, "start": _hhmm(begin), "end": _hhmm(begin + length)}
            self.per_day[day] = len(group.times)
        lost = [t.id for t in self.ins.times if t.index not in owner]
        if lost:
            raise XhsttMappingError(f"times in no Day group: {', '.join(lost[:5])}")

    def _resources(self) -> None:
        self.kind_of: dict[str, str] = {}
        for rid, res in self.ins.resources.items():
            rtype = self.ins.resource_types[res.resource_type]
            name = f"{rtype.id} {rtype.name}".lower()
            kind = next((k for word, k in KINDS if word in name), None)
            if kind is None:
                raise XhsttMappingError(f"resource type {rtype.id} is no teacher, class, student "
                                        "or room type")
            self.kind_of[rid] = kind
        self.of_kind = {k: [r for r in self.ins.resources if self.kind_of[r] == k]
                        for k in ("teacher", "group", "room")}

    def window(self, t: int) -> dict:
        return dict(self.windows[t])

    # --- events ------------------------------------------------------------------------------

    def _applying(self, kind: str, eid: str) -> list[Constraint]:
        return [c for c in self.ins.constraints if c.kind == kind and eid in c.points]

    def blocks(self, event: Event) -> list[int]:
        """The fixed split of an event: durations of its blocks."""
        splits = self._applying("SplitEvents", event.id)
        shortest = max((c.min_duration for c in splits), default=1)
        longest = min((c.max_duration for c in splits), default=event.duration)
        if self.split == "shortest":
            return self._shortest(event, [c for c in splits if c.required])
        wanted: dict[int, tuple[int, int]] = {}
        for c in self._applying("DistributeSplitEvents", event.id):
            lo, hi = wanted.get(c.duration, (0, event.duration))
            wanted[c.duration] = (max(lo, c.minimum), min(hi, c.maximum))
        out = [d for d, (lo, _) in sorted(wanted.items()) for _ in range(lo)]
        rest = event.duration - sum(out)
        if rest < 0:
            return [event.duration]
        while rest > 0:
            size = next((d for d in range(min(longest, rest), 0, -1)
                         if out.count(d) < wanted.get(d, (0, rest))[1] and d >= min(shortest, rest)), 1)
            out.append(size)
            rest -= size
        return sorted(out, reverse=True)

    @staticmethod
    def _shortest(event: Event, splits: list[Constraint]) -> list[int]:
        """As many blocks as the required SplitEvents allow (durations and amounts), as even as can
        be; an event no required SplitEvents applies to stays whole (nothing asks to split it)."""
        if not splits:
            return [event.duration]
        lo, hi = max(c.min_duration for c in splits), min(c.max_duration for c in splits)
        fewest, most = max(c.min_amount for c in splits), min(c.max_amount for c in splits)
        for n in range(min(most, event.duration), max(fewest, 1) - 1, -1):
            size, extra = divmod(event.duration, n)  # the even split: if it does not fit, none of n does
            if lo <= size and size + (extra > 0) <= hi:
                return [size + 1] * extra + [size] * (n - extra)
        return [event.duration]  # no split fits them all (the constraints' check reports the breach)

    def preferred(self, eid: str, role: str | None) -> set[str] | None:
        chosen = None
        for c in self._applying("PreferResources", eid):
            if c.required and c.role == role:
                chosen = set(c.resources) if chosen is None else chosen & c.resources
        return chosen

    def lessons(self) -> tuple[list[dict], dict[str, list[str]]]:
        out: list[dict] = []
        of_event: dict[str, list[str]] = {}
        for event in self.ins.events.values():
            base = self._lesson_base(event)
            counts: dict[int, int] = defaultdict(int)
            for d in self.blocks(event):
                counts[d] += 1
            ids = []
            for d, n in sorted(counts.items(), reverse=True):
                lid = event.id if len(counts) == 1 else f"{event.id}:{d}"
                ids.append(lid)
                out.append({**base, "id": lid, "duration": d, "count": n})
            if event.time is not None:
                t = self.ins.time_index[event.time]
                if len(counts) == 1 and sum(counts.values()) == 1:
                    day, number = self.slot[t]
                    out[-1]["lock"] = {"slot": True}
                    out[-1]["current"] = [{"copy": 0, "day": day, "period": number}]
                else:
                    self.notes.append(f"event {event.id}: preassigned time {event.time} of a split "
                                      "event not kept")
            of_event[event.id] = ids
        return out, of_event

    def _lesson_base(self, event: Event) -> dict:
        teachers, groups, rooms = [], [], []
        open_rooms = 0
        for er in event.resources:
            kind = self.kind_of[er.resource] if er.resource else resource_kind(self.ins, er.resource_type)
            if er.resource is not None:
                {"teacher": teachers, "group": groups, "room": rooms}[kind].append(er.resource)
            elif kind not in ("teacher", "room"):
                raise XhsttMappingError(f"event {event.id}: an open {kind} role ({er.role})")
            open_rooms += er.resource is None and kind == "room"
        kept = kept_roles(self.ins, event)
        open_teacher, open_room = kept.get("teacher"), kept.get("room")
        base: dict = {"subject": event.course or event.id, "groups": groups}
        if open_teacher is not None:
            chosen = self.preferred(event.id, open_teacher)
            base["candidates"] = sorted(chosen & set(self.of_kind["teacher"])) if chosen else self.of_kind["teacher"]
            base["co_teachers"] = teachers
        elif teachers:
            base["teacher"], base["co_teachers"] = teachers[0], teachers[1:]
        else:
            base["teacherless"] = True
        extra = [{"rooms": [room]} for room in rooms[1:]]
        for role in extra_room_roles(self.ins, event):
            chosen = self.preferred(event.id, role)
            extra.append({"rooms": sorted(chosen)} if chosen else {})
        if extra:
            base["extra_rooms"] = extra
        if len(rooms) + open_rooms > 1 + len(extra):
            self.notes.append(f"event {event.id}: {len(rooms) + open_rooms - 1 - len(extra)} open room role(s) "
                              "no required AssignResource fills: left empty")
        if rooms:
            base["rooms"] = rooms[:1]
        elif open_room is not None:
            chosen = self.preferred(event.id, open_room)
            base["rooms"] = sorted(chosen) if chosen else None
        else:
            base["room_kind"] = None
        return base



def to_plan(ins: Instance, split: str = "distribute") -> PlanMapping:
    """The Plan for an instance, with what could not be mapped. Raises XhsttMappingError when
    no Plan can be made (times outside the days, an unknown resource type, open class roles).

    `split` fixes how events are cut into lesson copies: "distribute" (the minimum number of
    blocks each DistributeSplitEvents asks for, the rest as long as SplitEvents allows) or
    "shortest" (as many blocks as the required SplitEvents allow; the soft split constraints are
    left to cost what they cost). Neither is the solver's choice: on BR-SA-00 "distribute" is
    infeasible (class S6 would need 11 doubles in five days of five lesuren), which is why the
    next step needs a rule that chooses the split. A split that breaks a required split
    constraint is reported in `unmapped`, one that breaks a soft one in `notes`, with its cost."""
    if split not in ("distribute", "shortest"):
        raise ValueError(f"split '{split}': not distribute or shortest")
    m = _Mapper(ins, split)
    lessons, of_event = m.lessons()
    m.lesson_by_id = {lesson["id"]: lesson for lesson in lessons}
    map_constraints(m, of_event)
    for lesson in lessons:
        if lesson.get("rooms") is None and "room_kind" not in lesson:
            lesson.pop("rooms", None)  # any room of the kind
    school = {
        "id": ins.id, "name": ins.name, "periods": m.periods,
        "groups": [{"id": r, "name": ins.resources[r].name, "unavailable": m.unavailable.get(r, [])}
                   for r in m.of_kind["group"]],
        "rooms": [{"id": r, "name": ins.resources[r].name, "unavailable": m.unavailable.get(r, [])}
                  for r in m.of_kind["room"]],
    }
    teachers = [{"id": r, "name": ins.resources[r].name, "unavailable": m.unavailable.get(r, [])}
                for r in m.of_kind["teacher"]]
    data = {"name": ins.id, "schools": [school], "teachers": teachers, "lessons": lessons,
            "constraints": m.extra,
            # XHSTT's costs are the only costs: the Plan's own soft rules are switched off
            "weights": {name: 0 for name in ("student_gaps", "teacher_gaps", "compact_release",
                                             "roster_change", "lesson_move", "teacher_change")}}
    plan = parse_plan(data, source=f"XHSTT instance {ins.id}")
    return PlanMapping(plan=plan, unmapped=m.unmapped, notes=m.notes, lessons=of_event, slot=m.slot)


def mapping_of(plan: Plan, ins: Instance) -> PlanMapping:
    """The PlanMapping of a plan to_plan made from `ins` (as read back from its file): each lesson's
    event from its id (the event's id, or the event's id and ":duration"), each time's (day, lesuur)
    as the import numbers them. XhsttMappingError names a lesson that is no part of an event."""
    lessons: dict[str, list[str]] = defaultdict(list)
    for lesson in plan.lessons:
        eid = lesson.id if lesson.id in ins.events else lesson.id.rpartition(":")[0]
        if eid not in ins.events:
            raise XhsttMappingError(f"lesson {lesson.id} is no event of instance {ins.id}, nor a part of one")
        lessons[eid].append(lesson.id)
    return PlanMapping(plan=plan, lessons=dict(lessons), slot=_Mapper(ins).slot)


def solution_of(mapping: PlanMapping, ins: Instance, timetable) -> Solution:
    """The XHSTT solution of a Timetable of `mapping.plan`: a sub-event per placed copy, at the
    time of its first lesuur, with the chosen teacher and room in the open roles the plan fills
    (kept_roles) and the chosen extra rooms in the further open room roles (extra_room_roles). Times and open roles are always written, preassigned
    times too (so no evaluator's defaults matter); an unplaced copy is left out (the evaluator
    counts it unassigned). XhsttMappingError names a placement with no event or no time."""
    event_of = {lid: eid for eid, ids in mapping.lessons.items() for lid in ids}
    time_at = {slot: ins.times[t].id for t, slot in mapping.slot.items()}
    for p in timetable.placements:
        if p.lesson not in event_of:
            raise XhsttMappingError(f"placement of lesson {p.lesson}: no event of instance {ins.id}")
        if (p.day, p.period) not in time_at:
            raise XhsttMappingError(f"placement of lesson {p.lesson}: {p.day} lesuur {p.period} is no time "
                                    f"of instance {ins.id}")
    out = []
    for p in sorted(timetable.placements, key=lambda p: (event_of[p.lesson], p.lesson, p.copy)):
        event = ins.events[event_of[p.lesson]]
        roles = kept_roles(ins, event)
        filled = tuple(SolutionResource(roles[kind], value) for kind, value in (("teacher", p.teacher), ("room", p.room))
                       if kind in roles and value)
        open_extra = extra_room_roles(ins, event)  # the lesson's last extra rooms, after its preassigned ones
        chosen = p.extra_rooms[max(0, len(p.extra_rooms) - len(open_extra)):] if open_extra else []
        filled += tuple(SolutionResource(role, room) for role, room in zip(open_extra, chosen))
        out.append(SolutionEvent(event.id, p.duration, time_at[(p.day, p.period)], filled))
    return Solution(instance=ins.id, events=tuple(out))
