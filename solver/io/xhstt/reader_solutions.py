"""Read the <SolutionGroups> of an XHSTT archive: each Solution's sub-events (Event Reference,
Duration, Time, Resources by role), checked against the instance they refer to. A solution's
<Report> (the solver's own account of its costs) is not read: costs come from the evaluator."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from .model import Instance, Solution, SolutionEvent, SolutionGroup, SolutionResource
from .xml import Doc


def read_solution_groups(doc: Doc, element: Element | None, instances: dict[str, Instance],
                         skip_unknown: bool = False) -> list[SolutionGroup]:
    """Every solution group; a solution of an instance not in `instances` is an error, or, with
    skip_unknown, left out."""
    if element is None:
        return []
    doc.only(element, ("SolutionGroup",), "SolutionGroups")
    groups: list[SolutionGroup] = []
    seen: set[str] = set()
    for ge in element.findall("SolutionGroup"):
        gid = doc.attr(ge, "Id", "SolutionGroups/SolutionGroup")
        at = f"SolutionGroups/SolutionGroup[@Id={gid}]"
        if gid in seen:
            raise doc.fail(ge, at, "a solution group of this Id came before")
        seen.add(gid)
        doc.only(ge, ("MetaData", "Solution"), at)
        meta = ge.find("MetaData")
        metadata = {c.tag: (c.text or "").strip() for c in meta} if meta is not None else {}
        solutions = []
        for n, se in enumerate(ge.findall("Solution"), start=1):
            ref = doc.attr(se, "Reference", f"{at}/Solution[{n}]")
            if ref not in instances:
                if skip_unknown:
                    continue
                raise doc.fail(se, f"{at}/Solution[{n}]", f"Reference \"{ref}\" names no instance "
                               "of this archive")
            solutions.append(_solution(doc, se, f"{at}/Solution[{n}][@Reference={ref}]", instances[ref]))
        groups.append(SolutionGroup(id=gid, metadata=metadata, solutions=tuple(solutions)))
    return groups


def _solution(doc: Doc, se: Element, at: str, ins: Instance) -> Solution:
    doc.only(se, ("Description", "RunningTime", "Events", "Report"), at)
    events = []
    holder = se.find("Events")
    if holder is not None:
        doc.only(holder, ("Event",), f"{at}/Events")
        for ee in holder.findall("Event"):
            events.append(_sub_event(doc, ee, f"{at}/Events", ins))
    description = se.find("Description")
    running = se.find("RunningTime")
    return Solution(instance=ins.id, events=tuple(events),
                    description=(description.text or "").strip() if description is not None else None,
                    running_time=(running.text or "").strip() if running is not None else None)


def _sub_event(doc: Doc, ee: Element, where: str, ins: Instance) -> SolutionEvent:
    eid = doc.attr(ee, "Reference", f"{where}/Event")
    at = f"{where}/Event[@Reference={eid}]"
    if eid not in ins.events:
        raise doc.fail(ee, at, f"Reference \"{eid}\" names no event of instance {ins.id}")
    event = ins.events[eid]
    doc.only(ee, ("Duration", "Time", "Resources"), at)
    duration = doc.integer(ee, "Duration", at, minimum=1) if ee.find("Duration") is not None else None
    if duration is not None and duration > event.duration:
        raise doc.fail(ee, at, f"<Duration> {duration} exceeds the event's duration {event.duration}")
    time = None
    if ee.find("Time") is not None:
        time = doc.attr(ee.find("Time"), "Reference", at)
        if time not in ins.time_index:
            raise doc.fail(ee.find("Time"), at, f"<Time Reference=\"{time}\"> names no time")
    resources = []
    holder = ee.find("Resources")
    if holder is not None:
        doc.only(holder, ("Resource",), at)
        for re in holder.findall("Resource"):
            rid = doc.attr(re, "Reference", at)
            if rid not in ins.resources:
                raise doc.fail(re, at, f"<Resource Reference=\"{rid}\"> names no resource")
            doc.only(re, ("Role",), at)
            role = doc.text(re, "Role", at)
            slot = event.role_index(role)
            if slot is None:
                raise doc.fail(re, at, f"event {eid} has no resource of role \"{role}\"")
            wanted = event.resources[slot].resource_type
            if ins.resources[rid].resource_type != wanted:
                raise doc.fail(re, at, f"resource \"{rid}\" is of type "
                               f"\"{ins.resources[rid].resource_type}\"; role \"{role}\" takes \"{wanted}\"")
            resources.append(SolutionResource(role=role, resource=rid))
    return SolutionEvent(event=eid, duration=duration, time=time, resources=tuple(resources))
