"""Read an XHSTT-2014 archive file (ITC 2011 format; Post, Kingston et al.) into the model.

`read_archive(path)` reads every instance and every solution group; `read_instance(path, id)`
picks one instance (the `--instance ID` of the import; without an id, the first); and
`read_solutions(path, instance)` reads the solutions for an instance from a file that may hold
only <SolutionGroups>. Anything that is not a readable archive raises XhsttFormatError naming the
file, the line and the element, e.g. `Instance[@Id=X]/Events/Event[@Id=Y]`.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from .model import (
    Archive, Event, EventGroup, EventResource, Instance, Resource, ResourceGroup, ResourceType,
    Solution, Time, TimeGroup, XhsttFormatError,
)
from .reader_constraints import read_constraints
from .reader_solutions import read_solution_groups
from .xml import Doc

ROOT = "HighSchoolTimetableArchive"
TIME_GROUP_KINDS = ("Week", "Day", "TimeGroup")
EVENT_GROUP_KINDS = ("Course", "EventGroup")


def _open(path: str | Path) -> Doc:
    doc = Doc(path)
    if doc.root.tag != ROOT:
        raise doc.fail(doc.root, "root", f"not an XHSTT archive: the root element is "
                       f"<{doc.root.tag}>, not <{ROOT}>")
    return doc


def read_archive(path: str | Path) -> Archive:
    """Every instance and solution group of an archive file; each solution is checked against
    its instance (an instance the archive does not hold is an error)."""
    doc = _open(path)
    doc.only(doc.root, ("MetaData", "Instances", "SolutionGroups"), ROOT)
    instances = []
    holder = doc.root.find("Instances")
    if holder is not None:
        doc.only(holder, ("Instance",), "Instances")
        seen = set()
        for element in holder.findall("Instance"):
            instance = _instance(doc, element)
            if instance.id in seen:
                raise doc.fail(element, f"Instance[@Id={instance.id}]", "an instance of this Id "
                               "came before")
            seen.add(instance.id)
            instances.append(instance)
    by_id = {i.id: i for i in instances}
    groups = read_solution_groups(doc, doc.root.find("SolutionGroups"), by_id)
    return Archive(id=doc.root.get("Id"), instances=tuple(instances), solution_groups=tuple(groups))


def read_instance(path: str | Path, instance_id: str | None = None) -> Instance:
    """One instance of an archive: the one with this Id, or the first. Only that instance is
    read closely (an archive of many instances is not checked all over for one of them)."""
    doc = _open(path)
    holder = doc.root.find("Instances")
    elements = holder.findall("Instance") if holder is not None else []
    if not elements:
        raise doc.fail(doc.root, ROOT, "the archive holds no <Instance>")
    if instance_id is None:
        return _instance(doc, elements[0])
    for element in elements:
        if element.get("Id") == instance_id:
            return _instance(doc, element)
    known = ", ".join(str(e.get("Id")) for e in elements)
    raise XhsttFormatError(f"{doc.path}: no instance '{instance_id}' (there are: {known})")


def read_solutions(path: str | Path, instance: Instance) -> list[tuple[str, Solution]]:
    """(solution group id, Solution) for every solution of `instance` in a file whose
    <SolutionGroups> may refer to instances it does not hold; solutions of other instances are
    skipped, those of this one are checked against it."""
    doc = _open(path)
    groups = read_solution_groups(doc, doc.root.find("SolutionGroups"), {instance.id: instance},
                                  skip_unknown=True)
    return [(g.id, s) for g in groups for s in g.solutions if s.instance == instance.id]


# --- instance parts ---------------------------------------------------------------------------

def _instance(doc: Doc, element: Element) -> Instance:
    iid = doc.attr(element, "Id", "Instances/Instance")
    where = f"Instance[@Id={iid}]"
    doc.only(element, ("MetaData", "Times", "Resources", "Events", "Constraints"), where)
    metadata = {}
    meta = element.find("MetaData")
    if meta is not None:
        metadata = {child.tag: (child.text or "").strip() for child in meta}
    times, time_groups = _times(doc, doc.child(element, "Times", where), where)
    types, rgroups, resources = _resources(doc, element.find("Resources"), where)
    egroups, events = _events(doc, doc.child(element, "Events", where), where, times, types,
                              rgroups, resources)
    instance = Instance.make(
        id=iid, name=metadata.get("Name", iid), metadata=metadata, times=tuple(times),
        time_groups=time_groups, resource_types=types, resource_groups=rgroups,
        resources=resources, event_groups=egroups, events=events, constraints=())
    constraints = read_constraints(doc, element.find("Constraints"), where, instance)
    return Instance.make(**{**instance.__dict__, "constraints": tuple(constraints)})


def _declare(doc: Doc, known: dict, key: str, element: Element, where: str, what: str) -> None:
    if key in known:
        raise doc.fail(element, where, f"a {what} of Id \"{key}\" came before")


def _times(doc: Doc, element: Element, where: str):
    where = f"{where}/Times"
    doc.only(element, ("TimeGroups", "Time"), where)
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    holder = element.find("TimeGroups")
    if holder is not None:
        doc.only(holder, TIME_GROUP_KINDS, f"{where}/TimeGroups")
        for tg in holder:
            gid = doc.attr(tg, "Id", f"{where}/TimeGroups/{tg.tag}")
            _declare(doc, kinds, gid, tg, f"{where}/TimeGroups/{tg.tag}[@Id={gid}]", "time group")
            kinds[gid] = tg.tag
            names[gid] = doc.text(tg, "Name", f"{where}/TimeGroups/{tg.tag}[@Id={gid}]", default=gid)
    members: dict[str, list[int]] = {gid: [] for gid in kinds}
    times: list[Time] = []
    seen: set[str] = set()
    for index, te in enumerate(element.findall("Time")):
        tid = doc.attr(te, "Id", f"{where}/Time")
        at = f"{where}/Time[@Id={tid}]"
        if tid in seen:
            raise doc.fail(te, at, "a time of this Id came before")
        seen.add(tid)
        doc.only(te, ("Name", "Week", "Day", "TimeGroups"), at)
        day = week = None
        for tag in ("Week", "Day"):
            ref_el = te.find(tag)
            if ref_el is None:
                continue
            ref = doc.attr(ref_el, "Reference", at)
            if kinds.get(ref) != tag:
                raise doc.fail(ref_el, at, f"<{tag} Reference=\"{ref}\"> names no {tag} time group")
            members[ref].append(index)
            day, week = (ref, week) if tag == "Day" else (day, ref)
        for ref in doc.refs(te.find("TimeGroups"), "TimeGroup", at, kinds, "time group"):
            members[ref].append(index)
        times.append(Time(id=tid, name=doc.text(te, "Name", at, default=tid), index=index,
                          day=day, week=week))
    groups = {gid: TimeGroup(id=gid, name=names[gid], kind=kinds[gid],
                             times=tuple(sorted(set(members[gid])))) for gid in kinds}
    return times, groups


def _resources(doc: Doc, element: Element | None, where: str):
    types: dict[str, ResourceType] = {}
    groups: dict[str, tuple[str, str, str]] = {}
    resources: dict[str, Resource] = {}
    members: dict[str, list[str]] = {}
    if element is None:
        return types, {}, resources
    where = f"{where}/Resources"
    doc.only(element, ("ResourceTypes", "ResourceGroups", "Resource"), where)
    holder = element.find("ResourceTypes")
    for rt in (holder.findall("ResourceType") if holder is not None else []):
        tid = doc.attr(rt, "Id", f"{where}/ResourceTypes/ResourceType")
        at = f"{where}/ResourceTypes/ResourceType[@Id={tid}]"
        _declare(doc, types, tid, rt, at, "resource type")
        types[tid] = ResourceType(id=tid, name=doc.text(rt, "Name", at, default=tid))
    holder = element.find("ResourceGroups")
    for rg in (holder.findall("ResourceGroup") if holder is not None else []):
        gid = doc.attr(rg, "Id", f"{where}/ResourceGroups/ResourceGroup")
        at = f"{where}/ResourceGroups/ResourceGroup[@Id={gid}]"
        _declare(doc, groups, gid, rg, at, "resource group")
        rtype = _type_ref(doc, rg, at, types)
        groups[gid] = (gid, doc.text(rg, "Name", at, default=gid), rtype)
        members[gid] = []
    for re in element.findall("Resource"):
        rid = doc.attr(re, "Id", f"{where}/Resource")
        at = f"{where}/Resource[@Id={rid}]"
        _declare(doc, resources, rid, re, at, "resource")
        doc.only(re, ("Name", "ResourceType", "ResourceGroups"), at)
        rtype = _type_ref(doc, re, at, types)
        refs = doc.refs(re.find("ResourceGroups"), "ResourceGroup", at, groups, "resource group")
        for ref in refs:
            if groups[ref][2] != rtype:
                raise doc.fail(re, at, f"resource group \"{ref}\" holds resources of type "
                               f"\"{groups[ref][2]}\", not \"{rtype}\"")
            members[ref].append(rid)
        resources[rid] = Resource(id=rid, name=doc.text(re, "Name", at, default=rid),
                                  resource_type=rtype, groups=tuple(refs))
    rgroups = {gid: ResourceGroup(id=gid, name=name, resource_type=rtype,
                                  resources=tuple(members[gid])) for gid, name, rtype in groups.values()}
    return types, rgroups, resources


def _type_ref(doc: Doc, element: Element, where: str, types: dict) -> str:
    ref_el = doc.child(element, "ResourceType", where)
    ref = doc.attr(ref_el, "Reference", where)
    if ref not in types:
        raise doc.fail(ref_el, where, f"<ResourceType Reference=\"{ref}\"> names no resource type")
    return ref


def _events(doc: Doc, element: Element, where: str, times, types, rgroups, resources):
    where = f"{where}/Events"
    doc.only(element, ("EventGroups", "Event"), where)
    kinds: dict[str, tuple[str, str]] = {}
    holder = element.find("EventGroups")
    if holder is not None:
        doc.only(holder, EVENT_GROUP_KINDS, f"{where}/EventGroups")
        for eg in holder:
            gid = doc.attr(eg, "Id", f"{where}/EventGroups/{eg.tag}")
            at = f"{where}/EventGroups/{eg.tag}[@Id={gid}]"
            _declare(doc, kinds, gid, eg, at, "event group")
            kinds[gid] = (eg.tag, doc.text(eg, "Name", at, default=gid))
    members: dict[str, list[str]] = {gid: [] for gid in kinds}
    time_ids = {t.id for t in times}
    events: dict[str, Event] = {}
    for ee in element.findall("Event"):
        event = _event(doc, ee, where, time_ids, kinds, types, rgroups, resources)
        if event.id in events:
            raise doc.fail(ee, f"{where}/Event[@Id={event.id}]", "an event of this Id came before")
        events[event.id] = event
        for gid in ((event.course,) if event.course else ()) + event.groups:
            members[gid].append(event.id)
    egroups = {gid: EventGroup(id=gid, name=name, kind=kind, events=tuple(members[gid]))
               for gid, (kind, name) in kinds.items()}
    return egroups, events


def _event(doc: Doc, ee: Element, where: str, time_ids, kinds, types, rgroups, resources) -> Event:
    eid = doc.attr(ee, "Id", f"{where}/Event")
    at = f"{where}/Event[@Id={eid}]"
    doc.only(ee, ("Name", "Duration", "Workload", "Course", "Time", "Resources", "ResourceGroups",
                  "EventGroups"), at)
    duration = doc.integer(ee, "Duration", at, minimum=1)
    workload = doc.integer(ee, "Workload", at, default=duration)
    course = None
    if ee.find("Course") is not None:
        course = doc.attr(ee.find("Course"), "Reference", at)
        if course not in kinds:
            raise doc.fail(ee.find("Course"), at, f"<Course Reference=\"{course}\"> names no event group")
    time = None
    if ee.find("Time") is not None:
        time = doc.attr(ee.find("Time"), "Reference", at)
        if time not in time_ids:
            raise doc.fail(ee.find("Time"), at, f"<Time Reference=\"{time}\"> names no time")
    slots: list[EventResource] = []
    holder = ee.find("Resources")
    if holder is not None:
        doc.only(holder, ("Resource",), at)
        for re in holder.findall("Resource"):
            slots.append(_event_resource(doc, re, at, workload, types, resources))
    for gid in doc.refs(ee.find("ResourceGroups"), "ResourceGroup", at, rgroups, "resource group"):
        group = rgroups[gid]
        slots.extend(EventResource(resource_type=group.resource_type, resource=rid,
                                   workload=workload, from_group=gid) for rid in group.resources)
    roles = [s.role for s in slots if s.role is not None]
    if len(roles) != len(set(roles)):
        dup = next(r for r in roles if roles.count(r) > 1)
        raise doc.fail(ee, at, f"two resources of the event have the role \"{dup}\"")
    groups = doc.refs(ee.find("EventGroups"), "EventGroup", at, kinds, "event group")
    return Event(id=eid, name=doc.text(ee, "Name", at, default=eid), duration=duration,
                 workload=workload, time=time, resources=tuple(slots), course=course,
                 groups=tuple(groups), color=ee.get("Color"))


def _event_resource(doc: Doc, re: Element, at: str, workload: int, types, resources) -> EventResource:
    doc.only(re, ("Role", "ResourceType", "Workload"), at)
    ref = re.get("Reference")
    if ref is not None and ref not in resources:
        raise doc.fail(re, at, f"<Resource Reference=\"{ref}\"> names no resource")
    role = doc.text(re, "Role", at, default="") or None
    rtype = _type_ref(doc, re, at, types) if re.find("ResourceType") is not None else None
    if ref is None and (role is None or rtype is None):
        raise doc.fail(re, at, "a <Resource> that is not preassigned needs a <Role> and a <ResourceType>")
    if ref is not None:
        if rtype is not None and rtype != resources[ref].resource_type:
            raise doc.fail(re, at, f"<ResourceType> \"{rtype}\" does not match resource \"{ref}\" "
                           f"(of type \"{resources[ref].resource_type}\")")
        rtype = resources[ref].resource_type
    return EventResource(resource_type=rtype, role=role, resource=ref,
                         workload=doc.integer(re, "Workload", at, default=workload))
