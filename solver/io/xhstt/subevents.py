"""A solution as the evaluator sees it: every event's sub-events, complete.

XHSTT lets a solution leave things out, and the reference evaluator (KHE/HSEval) fills them in:
- a sub-event without <Duration> lasts as long as its event;
- an event whose sub-events (if any) last less than the event gets one more sub-event for the rest,
  with no time and no resources of its own (so an event the solution does not mention at all is
  one unassigned sub-event of its whole duration);
- a sub-event without <Time> of an event with a preassigned time gets that time, and a resource
  slot the solution does not fill gets the event's preassigned resource, if any.

A solution that contradicts its instance is refused with an XhsttFormatError naming the event:
sub-events that together last longer than the event, a time it would run past the last time
from, a time or resource other than the preassigned one, an unknown role, a resource of the wrong
type, or one role filled twice in one sub-event.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Instance, Solution, XhsttFormatError


@dataclass(frozen=True)
class SubEvent:
    event: str
    duration: int
    start: int | None  # time index, or None when unassigned
    resources: tuple[str | None, ...]  # one per slot of Event.resources: the resource, or None
    added: bool = False  # made up by the evaluator for a part of the event the solution left out

    def times(self) -> range:
        return range(self.start, self.start + self.duration) if self.start is not None else range(0)


def normalise(ins: Instance, sol: Solution) -> dict[str, list[SubEvent]]:
    """Every event of the instance (in instance order) to its sub-events (in solution order)."""
    if sol.instance != ins.id:
        raise XhsttFormatError(f"the solution is for instance {sol.instance}, not {ins.id}")
    n_times = len(ins.times)
    out: dict[str, list[SubEvent]] = {eid: [] for eid in ins.events}
    for k, se in enumerate(sol.events, start=1):
        where = f"solution event {k} (Reference={se.event})"
        event = ins.events.get(se.event)
        if event is None:
            raise XhsttFormatError(f"{where}: names no event of instance {ins.id}")
        duration = se.duration if se.duration is not None else event.duration
        if duration < 1:
            raise XhsttFormatError(f"{where}: duration {duration} is not positive")
        start = None
        if se.time is not None:
            if se.time not in ins.time_index:
                raise XhsttFormatError(f"{where}: time {se.time} is no time of the instance")
            start = ins.time_index[se.time]
            if event.time is not None and se.time != event.time:
                raise XhsttFormatError(f"{where}: time {se.time}, but the event is preassigned "
                                       f"time {event.time}")
        elif event.time is not None:
            start = ins.time_index[event.time]
        if start is not None and start + duration > n_times:
            raise XhsttFormatError(f"{where}: starting at {ins.times[start].id} it would run "
                                   f"{start + duration - n_times} past the last time")
        slots: list[str | None] = [er.resource for er in event.resources]
        filled: set[int] = set()
        for sr in se.resources:
            slot = event.role_index(sr.role)
            if slot is None:
                raise XhsttFormatError(f"{where}: event {event.id} has no resource of role "
                                       f"\"{sr.role}\"")
            if slot in filled:
                raise XhsttFormatError(f"{where}: role \"{sr.role}\" is filled twice")
            filled.add(slot)
            er = event.resources[slot]
            resource = ins.resources.get(sr.resource)
            if resource is None:
                raise XhsttFormatError(f"{where}: {sr.resource} is no resource of the instance")
            if resource.resource_type != er.resource_type:
                raise XhsttFormatError(f"{where}: resource {sr.resource} is of type "
                                       f"{resource.resource_type}; role \"{sr.role}\" takes {er.resource_type}")
            if er.resource is not None and er.resource != sr.resource:
                raise XhsttFormatError(f"{where}: role \"{sr.role}\" is preassigned {er.resource}, "
                                       f"not {sr.resource}")
            slots[slot] = sr.resource
        out[event.id].append(SubEvent(event.id, duration, start, tuple(slots)))
    for eid, subs in out.items():
        event = ins.events[eid]
        total = sum(s.duration for s in subs)
        if total > event.duration:
            raise XhsttFormatError(f"event {eid}: its sub-events last {total} in all, more than "
                                   f"the event's duration {event.duration}")
        if total < event.duration:
            start = ins.time_index[event.time] if event.time is not None else None
            rest = event.duration - total
            if start is not None and start + rest > n_times:
                start = None  # the preassigned time cannot hold the rest: left unassigned
            subs.append(SubEvent(eid, rest, start, tuple(er.resource for er in event.resources),
                                 added=True))
    return out
