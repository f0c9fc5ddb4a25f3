"""Read the <Constraints> of an XHSTT instance: the common fields (Required, Weight, CostFunction,
AppliesTo) and each type's own, with AppliesTo expanded to the points of application.

Each type's children are checked against the list below: an element this reader does not know
(e.g. a later extension such as <AllowZero>) is refused rather than silently ignored.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from .model import (
    COST_FUNCTIONS, EVENT_GROUP_KINDS, EVENT_KINDS, RESOURCE_KINDS, Constraint, EventPair, Instance,
    SpreadLimit,
)
from .xml import Doc

COMMON = ("Name", "Required", "Weight", "CostFunction", "AppliesTo")
OWN = {
    "AssignResource": ("Role",),
    "AssignTime": (),
    "SplitEvents": ("MinimumDuration", "MaximumDuration", "MinimumAmount", "MaximumAmount"),
    "DistributeSplitEvents": ("Duration", "Minimum", "Maximum"),
    "PreferResources": ("Role", "ResourceGroups", "Resources"),
    "PreferTimes": ("TimeGroups", "Times", "Duration"),
    "AvoidSplitAssignments": ("Role",),
    "SpreadEvents": ("TimeGroups",),
    "LinkEvents": (),
    "OrderEvents": (),
    "AvoidClashes": (),
    "AvoidUnavailableTimes": ("TimeGroups", "Times"),
    "LimitIdleTimes": ("TimeGroups", "Minimum", "Maximum"),
    "ClusterBusyTimes": ("TimeGroups", "Minimum", "Maximum"),
    "LimitBusyTimes": ("TimeGroups", "Minimum", "Maximum"),
    "LimitWorkload": ("Minimum", "Maximum"),
}


def read_constraints(doc: Doc, element: Element | None, where: str, ins: Instance) -> list[Constraint]:
    if element is None:
        return []
    where = f"{where}/Constraints"
    out: list[Constraint] = []
    seen: set[str] = set()
    for ce in element:
        kind = ce.tag[:-len("Constraint")] if ce.tag.endswith("Constraint") else ""
        if kind not in OWN:
            raise doc.fail(ce, where, f"<{ce.tag}> is not one of the 16 XHSTT constraint types")
        cid = doc.attr(ce, "Id", f"{where}/{ce.tag}")
        at = f"{where}/{ce.tag}[@Id={cid}]"
        if cid in seen:
            raise doc.fail(ce, at, "a constraint of this Id came before")
        seen.add(cid)
        out.append(_constraint(doc, ce, kind, cid, at, ins))
    return out


def _constraint(doc: Doc, ce: Element, kind: str, cid: str, at: str, ins: Instance) -> Constraint:
    doc.only(ce, COMMON + OWN[kind], at)
    cost_function = doc.text(ce, "CostFunction", at)
    if cost_function not in COST_FUNCTIONS:
        raise doc.fail(ce.find("CostFunction"), at, f"<CostFunction> is '{cost_function}', not one "
                       f"of {', '.join(COST_FUNCTIONS)}")
    fields = dict(kind=kind, id=cid, name=doc.text(ce, "Name", at, default=cid),
                  required=doc.boolean(ce, "Required", at), weight=doc.integer(ce, "Weight", at),
                  cost_function=cost_function)
    applies = doc.child(ce, "AppliesTo", at)
    fields.update(_applies_to(doc, applies, kind, f"{at}/AppliesTo", ins))
    fields.update(_own(doc, ce, kind, at, ins))
    return Constraint(**fields)


def _applies_to(doc: Doc, applies: Element, kind: str, at: str, ins: Instance) -> dict:
    written: list[tuple[str, str]] = []
    points: list[str] = []
    if kind in EVENT_KINDS or kind in EVENT_GROUP_KINDS:
        allowed = ("EventGroups", "Events") if kind in EVENT_KINDS else ("EventGroups",)
        doc.only(applies, allowed, at)
        for gid in doc.refs(applies.find("EventGroups"), "EventGroup", at, ins.event_groups, "event group"):
            written.append(("EventGroup", gid))
            points.extend(ins.event_groups[gid].events if kind in EVENT_KINDS else (gid,))
        for eid in doc.refs(applies.find("Events"), "Event", at, ins.events, "event"):
            written.append(("Event", eid))
            points.append(eid)
        return dict(points=tuple(points), applies_to=tuple(written))
    if kind in RESOURCE_KINDS:
        doc.only(applies, ("ResourceGroups", "Resources"), at)
        for gid in doc.refs(applies.find("ResourceGroups"), "ResourceGroup", at, ins.resource_groups,
                            "resource group"):
            written.append(("ResourceGroup", gid))
            points.extend(ins.resource_groups[gid].resources)
        for rid in doc.refs(applies.find("Resources"), "Resource", at, ins.resources, "resource"):
            written.append(("Resource", rid))
            points.append(rid)
        return dict(points=tuple(points), applies_to=tuple(written))
    # OrderEvents: pairs of events
    doc.only(applies, ("EventPairs",), at)
    pairs = []
    holder = doc.child(applies, "EventPairs", at)
    doc.only(holder, ("EventPair",), at)
    for pe in holder.findall("EventPair"):
        doc.only(pe, ("FirstEvent", "SecondEvent", "MinSeparation", "MaxSeparation"), at)
        first, second = (_event_ref(doc, doc.child(pe, tag, at), at, ins) for tag in
                         ("FirstEvent", "SecondEvent"))
        minimum = doc.integer(pe, "MinSeparation", at, default=0)
        maximum = doc.integer(pe, "MaxSeparation", at) if pe.find("MaxSeparation") is not None else None
        if maximum is not None and minimum > maximum:
            raise doc.fail(pe, at, f"<MinSeparation> {minimum} exceeds <MaxSeparation> {maximum}")
        pairs.append(EventPair(first, second, minimum, maximum))
        written.append(("EventPair", f"{first}>{second}"))
    return dict(points=tuple(str(i) for i in range(len(pairs))), applies_to=tuple(written),
                pairs=tuple(pairs))


def _event_ref(doc: Doc, element: Element, at: str, ins: Instance) -> str:
    ref = doc.attr(element, "Reference", at)
    if ref not in ins.events:
        raise doc.fail(element, at, f"<{element.tag} Reference=\"{ref}\"> names no event")
    return ref


def _times(doc: Doc, ce: Element, at: str, ins: Instance) -> frozenset[int]:
    """The union of the <Times> and the times of the <TimeGroups> of a constraint."""
    out: set[int] = set()
    for gid in doc.refs(ce.find("TimeGroups"), "TimeGroup", at, ins.time_groups, "time group"):
        out.update(ins.time_groups[gid].times)
    for tid in doc.refs(ce.find("Times"), "Time", at, ins.time_index, "time"):
        out.add(ins.time_index[tid])
    return frozenset(out)


def _min_max(doc: Doc, ce: Element, at: str) -> dict:
    minimum = doc.integer(ce, "Minimum", at)
    maximum = doc.integer(ce, "Maximum", at)
    if minimum > maximum:
        raise doc.fail(ce, at, f"<Minimum> {minimum} exceeds <Maximum> {maximum}")
    return dict(minimum=minimum, maximum=maximum)


def _own(doc: Doc, ce: Element, kind: str, at: str, ins: Instance) -> dict:
    """The type's own parameters."""
    if kind in ("AssignResource", "AvoidSplitAssignments"):
        return dict(role=doc.text(ce, "Role", at))
    if kind == "SplitEvents":
        out = dict(min_duration=doc.integer(ce, "MinimumDuration", at, minimum=1),
                   max_duration=doc.integer(ce, "MaximumDuration", at, minimum=1),
                   min_amount=doc.integer(ce, "MinimumAmount", at),
                   max_amount=doc.integer(ce, "MaximumAmount", at))
        if out["min_duration"] > out["max_duration"] or out["min_amount"] > out["max_amount"]:
            raise doc.fail(ce, at, "a minimum exceeds its maximum")
        return out
    if kind == "DistributeSplitEvents":
        return dict(duration=doc.integer(ce, "Duration", at, minimum=1), **_min_max(doc, ce, at))
    if kind == "PreferResources":
        chosen: set[str] = set()
        for gid in doc.refs(ce.find("ResourceGroups"), "ResourceGroup", at, ins.resource_groups,
                            "resource group"):
            chosen.update(ins.resource_groups[gid].resources)
        chosen.update(doc.refs(ce.find("Resources"), "Resource", at, ins.resources, "resource"))
        return dict(role=doc.text(ce, "Role", at), resources=frozenset(chosen))
    if kind == "PreferTimes":
        duration = doc.integer(ce, "Duration", at, minimum=1) if ce.find("Duration") is not None else None
        return dict(times=_times(doc, ce, at, ins), duration=duration)
    if kind == "AvoidUnavailableTimes":
        return dict(times=_times(doc, ce, at, ins))
    if kind == "SpreadEvents":
        holder = doc.child(ce, "TimeGroups", at)
        doc.only(holder, ("TimeGroup",), at)
        limits = []
        for tg in holder.findall("TimeGroup"):
            gid = doc.attr(tg, "Reference", at)
            if gid not in ins.time_groups:
                raise doc.fail(tg, at, f"<TimeGroup Reference=\"{gid}\"> names no time group")
            doc.only(tg, ("Minimum", "Maximum"), at)
            limits.append(SpreadLimit(gid, **_min_max(doc, tg, f"{at}/TimeGroups/TimeGroup[{gid}]")))
        return dict(spread=tuple(limits))
    if kind in ("LimitIdleTimes", "ClusterBusyTimes", "LimitBusyTimes"):
        groups = doc.refs(doc.child(ce, "TimeGroups", at), "TimeGroup", at, ins.time_groups, "time group")
        return dict(time_groups=tuple(groups), **_min_max(doc, ce, at))
    if kind == "LimitWorkload":
        return _min_max(doc, ce, at)
    return {}  # AssignTime, LinkEvents, OrderEvents, AvoidClashes: nothing of their own
