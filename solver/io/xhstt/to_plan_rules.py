"""The constraint half of the XHSTT -> Plan mapping (to_plan.py): each XHSTT constraint onto the
Plan's existing rules, or into `unmapped` with the reason; and which open roles the plan fills."""

from __future__ import annotations

from dataclasses import dataclass

from solver.timeline import DAYS

from .evaluate import cost_of
from .model import Constraint, Event, Instance


@dataclass(frozen=True)
class Unmapped:
    """An XHSTT constraint the mapping leaves out, and why."""
    constraint: str
    kind: str
    reason: str


KINDS = (("teacher", "teacher"), ("room", "room"), ("class", "group"), ("student", "group"),
         ("group", "group"))  # words in a resource type's id or name, and the kind of resource it is


def resource_kind(ins: Instance, rtype: str) -> str:
    """"teacher", "group", "room" by the resource type's id and name, else "other"."""
    rt = ins.resource_types[rtype]
    return next((k for word, k in KINDS if word in f"{rt.id} {rt.name}".lower()), "other")


def kept_roles(ins: Instance, event: Event) -> dict[str, str]:
    """The open roles the plan fills, by kind: the event's first open teacher role (the lesson's
    teacher) and its first open room role when no room is preassigned (the lesson's one room). The
    import and solution_of both go by this; other open roles stay empty."""
    preassigned_room = any(er.resource is not None and resource_kind(ins, er.resource_type) == "room"
                           for er in event.resources)
    out: dict[str, str] = {}
    for er in event.resources:
        if er.resource is None and er.role is not None:
            kind = resource_kind(ins, er.resource_type)
            if not (kind == "room" and preassigned_room):
                out.setdefault(kind, er.role)
    return out


def extra_room_roles(ins: Instance, event: Event) -> list[str]:
    """The open room roles beyond the lesson's room (kept_roles) that a required AssignResource of some
    weight asks to fill, in the event's order: each is one of the lesson's extra_rooms (after one per
    preassigned room beyond the first). An open room role nothing requires stays empty, as before."""
    main = kept_roles(ins, event).get("room")
    required = {c.role for c in ins.constraints
                if c.kind == "AssignResource" and c.required and c.weight and event.id in c.points}
    return [er.role for er in event.resources
            if er.resource is None and er.role is not None and er.role != main and er.role in required
            and resource_kind(ins, er.resource_type) == "room"]


SCOPED = ("LimitIdleTimes", "ClusterBusyTimes", "LimitBusyTimes")
NEEDS_NEW_RULE = {
    "OrderEvents": "no rule for a separation between two events (only `consecutive`)",
}


def map_constraints(m, of_event: dict[str, list[str]]) -> None:
    """Fill m.extra (Plan.constraints entries), m.unavailable, m.unmapped and m.notes."""
    for c in m.ins.constraints:
        if c.weight == 0:
            continue  # costs nothing whatever happens
        if c.kind in NEEDS_NEW_RULE:
            _skip(m, c, NEEDS_NEW_RULE[c.kind])
        elif c.kind in ("AssignTime", "AssignResource", "PreferResources", "AvoidClashes",
                        "AvoidUnavailableTimes"):
            _built_in(m, c)
        elif c.kind in ("SplitEvents", "DistributeSplitEvents"):
            _split(m, c, of_event)
        elif c.kind == "PreferTimes":
            _prefer_times(m, c, of_event)
        elif c.kind == "SpreadEvents":
            _spread(m, c, of_event)
        elif c.kind == "LinkEvents":
            _link(m, c, of_event)
        elif c.kind == "AvoidSplitAssignments":
            _same_teacher(m, c, of_event)
        elif c.kind == "LimitWorkload":
            _workload(m, c, of_event)
        else:
            _scoped(m, c)


def _skip(m, c: Constraint, reason: str) -> None:
    m.unmapped.append(Unmapped(c.id, c.kind, reason))


def _split(m, c: Constraint, of_event) -> None:
    """The import fixes each event's split (to_plan's `split`); the solver does not choose it. A split
    that breaks a required split constraint cannot be helped: unmapped. One that breaks a soft one
    costs a constant: a note with the cost."""
    broken: list[tuple[str, int]] = []
    for eid in c.points:
        blocks = [m.lesson_by_id[lid]["duration"] for lid in of_event[eid]
                  for _ in range(m.lesson_by_id[lid]["count"])]
        if c.kind == "SplitEvents":
            deviation = (sum(1 for b in blocks if not c.min_duration <= b <= c.max_duration)
                         + _outside(len(blocks), c.min_amount, c.max_amount))
        else:
            deviation = _outside(blocks.count(c.duration), c.minimum, c.maximum)
        if deviation:
            broken.append((eid, deviation))
    if not broken:
        return
    what = (f"the import's split ({m.split}) breaks it for {len(broken)} event(s), the first "
            f"{broken[0][0]}; cost {sum(cost_of(c, d) for _, d in broken)}")
    if c.required:
        _skip(m, c, f"{what}; the solver does not choose the split")
    else:
        m.notes.append(f"{c.id} ({c.kind}, soft): {what}, which the solver cannot lower")


def _outside(value: int, minimum: int, maximum: int) -> int:
    return minimum - value if value < minimum else value - maximum if value > maximum else 0


def _weight(c: Constraint) -> int | None:
    return None if c.required else c.weight


def _built_in(m, c: Constraint) -> None:
    """Hard ones are the lessons as built and the Plan's own rules; soft ones have no rule but a soft
    AvoidUnavailableTimes (below)."""
    if not c.required and c.kind == "AvoidUnavailableTimes":
        _soft_unavailable(m, c)
        return
    if not c.required:
        _skip(m, c, "soft; the Plan has this only as a hard rule")
        return
    if c.kind == "AssignResource":
        _roles_kept(m, c)
    elif c.kind == "AvoidClashes":  # every room an event holds is in the plan (extra_rooms beyond the first)
        covered = {k: set(m.of_kind[k]) for k in m.of_kind}
        points = set(c.points)
        if any(points < rs for rs in covered.values() if points & rs):
            m.notes.append(f"{c.id}: clashes are forbidden for every teacher, group and room, "
                           "not only those it names")
    elif c.kind == "AvoidUnavailableTimes":
        for rid in c.points:
            m.unavailable[rid].extend(m.window(t) for t in sorted(c.times))


def _soft_unavailable(m, c: Constraint) -> None:
    """A window of level preference with the constraint's weight on each given time: the Plan's
    teacher_ and group_unavailable_preference cost weight x the lesuren of a lesson in it, which is
    XHSTT's linear deviation (the busy given times: a teacher or group is never in two lessons at once)."""
    if c.cost_function != "Linear":
        _skip(m, c, f"{c.cost_function} cost; a preference window costs each lesuur apart")
        return
    rooms = [r for r in c.points if m.kind_of[r] == "room"]
    if rooms:
        _skip(m, c, f"room {rooms[0]}: rooms have no preference windows in the Plan")
        return
    for rid in c.points:
        m.unavailable[rid].extend({**m.window(t), "level": "preference", "weight": c.weight} for t in sorted(c.times))


def _roles_kept(m, c: Constraint) -> None:
    """The plan fills one teacher and one room per lesson (to_plan.kept_roles) and the extra rooms the
    required AssignResource constraints ask for (extra_room_roles): a role it leaves empty cannot be assigned."""
    empty = [eid for eid in c.points if m.ins.events[eid].role_index(c.role) is not None
             and c.role not in kept_roles(m.ins, m.ins.events[eid]).values()
             and c.role not in extra_room_roles(m.ins, m.ins.events[eid])]
    if empty:
        _skip(m, c, f"role {c.role} of {len(empty)} event(s), the first {empty[0]}, stays empty: the plan "
                    "fills one teacher and one room per lesson, and further rooms only for a required AssignResource")


def _prefer_times(m, c: Constraint, of_event) -> None:
    if not c.required and c.cost_function != "Linear":
        _skip(m, c, f"{c.cost_function} cost; the Plan's weights are linear")
        return
    slots = [{"day": m.slot[t][0], "period": m.slot[t][1]} for t in sorted(c.times)]
    for eid in c.points:
        for lid in of_event[eid]:
            lesson = m.lesson_by_id[lid]
            if c.duration is not None and lesson["duration"] != c.duration:
                continue
            weight = None if c.required else c.weight * lesson["duration"]
            m.extra.append({"type": "preferred_starts", "name": c.id, "lessons": [lid],
                            "slots": slots, "weight": weight})


def _spread(m, c: Constraint, of_event) -> None:
    """At most one start on every day, hard: min_days_between 1 (as before). Anything else, soft ones too
    (min_days_between counts pairs on a day, XHSTT starts beyond the first): spread_events, per event group,
    with each time group as its whole days and single lesuren."""
    days = {limit.time_group for limit in c.spread}
    if days != m.day_groups or any((lim.minimum, lim.maximum) != (0, 1) for lim in c.spread) or not c.required:
        _spread_events(m, c, of_event)
        return
    for gid in c.points:
        lessons = [lid for eid in m.ins.event_groups[gid].events for lid in of_event[eid]]
        if lessons:
            m.extra.append({"type": "min_days_between", "name": c.id, "lessons": lessons,
                            "min_days": 1, "weight": _weight(c)})


def _spread_events(m, c: Constraint, of_event) -> None:
    groups = [{**_time_set(m, lim.time_group), "min_starts": lim.minimum, "max_starts": lim.maximum}
              for lim in c.spread]
    for gid in c.points:
        lessons = [lid for eid in m.ins.event_groups[gid].events for lid in of_event[eid]]
        if not lessons:
            continue
        entry = {"type": "spread_events", "name": c.id, "lessons": lessons, "time_groups": groups,
                 "weight": _weight(c)}
        if c.cost_function != "Linear" and not c.required:
            entry["cost_function"] = c.cost_function.lower()
        m.extra.append(entry)


def _time_set(m, gid: str) -> dict:
    """A time group as the Plan's days (those it holds whole) and single lesuren (the rest)."""
    times = set(m.ins.time_groups[gid].times)
    whole = [g for g in m.day_groups if set(m.ins.time_groups[g].times) <= times]
    rest = sorted(times - {t for g in whole for t in m.ins.time_groups[g].times})
    out: dict = {}
    if whole:
        out["days"] = sorted((m.day_of[g] for g in whole), key=DAYS.index)
    if rest:
        out["slots"] = [{"day": m.slot[t][0], "period": m.slot[t][1]} for t in rest]
    return out


def _link(m, c: Constraint, of_event) -> None:
    if not c.required:
        _skip(m, c, "soft: same_starting_time counts pairs of copies, XHSTT times")
        return
    made = []
    for gid in c.points:
        lessons = [of_event[eid] for eid in m.ins.event_groups[gid].events]
        shapes = {(m.lesson_by_id[ids[0]]["count"], m.lesson_by_id[ids[0]]["duration"])
                  for ids in lessons if len(ids) == 1}
        if any(len(ids) != 1 for ids in lessons) or len(shapes) > 1:
            _skip(m, c, f"event group {gid}: its events are not lessons of one shape")
            return  # all of the constraint or none of it
        if len(lessons) > 1:
            made.append({"type": "same_starting_time", "name": c.id, "lessons": [ids[0] for ids in lessons]})
    m.extra.extend(made)


def _owners(m, c: Constraint) -> dict | None:
    teachers = [r for r in c.points if m.kind_of[r] == "teacher"]
    groups = [r for r in c.points if m.kind_of[r] == "group"]
    if len(teachers) + len(groups) != len(c.points):
        return None
    return {"teachers": teachers, "groups": groups}


def _scoped(m, c: Constraint) -> None:
    """LimitIdleTimes, ClusterBusyTimes, LimitBusyTimes over Day time groups (all days, or `days`), with
    their cost function: an owner's deviation is summed over the time groups, as the Plan's units are."""
    span = _lesuren(m, c) if c.kind == "ClusterBusyTimes" else None
    if span is None and (len(set(c.time_groups)) != len(c.time_groups) or not set(c.time_groups) <= m.day_groups):
        _skip(m, c, "time groups other than days, each once (or, for ClusterBusyTimes, the same lesuren on "
                    "different days), need a new rule")
        return
    owners = _owners(m, c)
    if owners is None:
        _skip(m, c, "rooms have no gap, day or period limits in the Plan")
        return
    base = {"name": c.id, "weight": _weight(c), **owners}
    if c.cost_function != "Linear" and not c.required:
        base["cost_function"] = c.cost_function.lower()
    if span is not None:
        _cluster_lesuren(m, c, base, *span)
        return
    days = [m.day_of[g] for g in c.time_groups]
    if set(c.time_groups) != m.day_groups:
        base["days"] = sorted(days, key=DAYS.index)
    longest = max(m.per_day[d] for d in days)
    if c.kind == "LimitIdleTimes":
        if c.minimum > 0:
            _skip(m, c, "a minimum of idle times has no rule")
            return
        # XHSTT's idle times: a time the owner is unavailable is idle too when busy before and after
        m.extra.append({"type": "max_gaps_per_week", "max_gaps": c.maximum, "unavailable_gaps": True, **base})
    elif c.kind == "ClusterBusyTimes":  # a count below the minimum and one above the maximum exclude each other
        if c.maximum < len(days):
            m.extra.append({"type": "interval_max_days_per_week", "first_period": 1,
                            "end_period": longest + 1, "max_days": c.maximum, **base})
        if c.minimum > 0:
            m.extra.append({"type": "min_days_per_week", "min_days": c.minimum, **base})
    else:
        least = c.minimum if c.minimum > 1 else 0  # a day it is busy at all has one busy time already
        if least and c.maximum < longest and "cost_function" in base and len(days) > 1:
            # one day over and another short: the cost function sees the sum, so one rule
            m.extra.append({"type": "max_periods_per_day", "max_periods": c.maximum, "min_periods": least, **base})
            return
        if c.maximum < longest:
            m.extra.append({"type": "max_periods_per_day", "max_periods": c.maximum, **base})
        if least:
            m.extra.append({"type": "min_periods_per_day", "min_periods": least, "allow_empty_days": True, **base})


def _lesuren(m, c: Constraint) -> tuple[list[str], int, int] | None:
    """(days, first lesuur, end lesuur) when each time group is the same run of lesuren [first, end) of a
    different day, and they are not whole days (IT-I4-96: the first lesuur of each day); else None."""
    spans = []
    for gid in c.time_groups:
        times = m.ins.time_groups[gid].times
        slots = [m.slot[t] for t in times]
        if not slots or len({day for day, _ in slots}) != 1:
            return None
        numbers = sorted(n for _, n in slots)
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            return None
        spans.append((slots[0][0], numbers[0], numbers[-1] + 1))
    days = [day for day, _, _ in spans]
    if len({(lo, hi) for _, lo, hi in spans}) != 1 or len(set(days)) != len(days) or set(c.time_groups) <= m.day_groups:
        return None
    return sorted(days, key=DAYS.index), spans[0][1], spans[0][2]


def _cluster_lesuren(m, c: Constraint, base: dict, days: list[str], first: int, end: int) -> None:
    """ClusterBusyTimes over the same lesuren of several days: busy in a time group is a lesson in lesuren
    [first, end) that day, so interval_max_days_per_week and min_days_per_week with that interval."""
    if set(days) != set(m.per_day):
        base["days"] = days
    if c.maximum < len(days):
        m.extra.append({"type": "interval_max_days_per_week", "first_period": first, "end_period": end,
                        "max_days": c.maximum, **base})
    if c.minimum > 0:
        m.extra.append({"type": "min_days_per_week", "min_days": c.minimum, "first_period": first,
                        "end_period": end, **base})


def _same_teacher(m, c: Constraint, of_event) -> None:
    """AvoidSplitAssignments of the role each event fills with its lesson's teacher: same_teacher (its unit,
    a teacher beyond the first, is XHSTT's deviation). A room role: rooms are chosen per copy, unmapped."""
    made = []
    for gid in c.points:
        events = [m.ins.events[eid] for eid in m.ins.event_groups[gid].events]
        if any(kept_roles(m.ins, ev).get("teacher") != c.role for ev in events if ev.role_index(c.role) is not None):
            _skip(m, c, f"event group {gid}: role {c.role} is no teacher role the plan fills; no rule keeps one "
                        "room for all copies of a lesson")
            return
        lessons = [lid for ev in events if ev.role_index(c.role) is not None for lid in of_event[ev.id]]
        if lessons:
            made.append({"type": "same_teacher", "name": c.id, "lessons": lessons, "weight": _weight(c)})
    m.extra.extend(made)


def _workload(m, c: Constraint, of_event) -> None:
    """LimitWorkload: workload_per_week with each lesson's share of its event's slot workload (the slots of
    the constraint's kinds, teachers or classes: one workload for all of them in an event, and a whole
    number per lesson)."""
    if c.cost_function != "Linear" and not c.required:
        _skip(m, c, f"{c.cost_function} cost; workload_per_week is linear")
        return
    owners = _owners(m, c)
    if owners is None:
        _skip(m, c, "rooms have no workload limit in the Plan")
        return
    workloads = []
    for event in m.ins.events.values():
        kept = kept_roles(m.ins, event)
        kinds = {kind for kind, key in (("teacher", "teachers"), ("group", "groups")) if owners[key]}
        slots = {er.workload for er in event.resources if (er.resource is not None and m.kind_of[er.resource] in kinds)
                 or (er.resource is None and "teacher" in kinds and er.role == kept.get("teacher"))}
        if not slots:
            continue
        if len(slots) > 1:
            _skip(m, c, f"event {event.id}: its teachers and classes have different workloads ({sorted(slots)})")
            return
        (slot,) = slots
        for lid in of_event[event.id]:
            lesson = m.lesson_by_id[lid]
            total, rest = divmod(slot * lesson["count"] * lesson["duration"], event.duration)
            if rest:
                _skip(m, c, f"lesson {lid}: a workload of {slot * lesson['count'] * lesson['duration']}/"
                            f"{event.duration}, no whole number")
                return
            if total != lesson["count"] * lesson["duration"]:
                workloads.append({"lesson": lid, "workload": total})
    m.extra.append({"type": "workload_per_week", "name": c.id, "weight": _weight(c), **owners,
                    "min_workload": c.minimum, "max_workload": c.maximum, "workloads": workloads})
