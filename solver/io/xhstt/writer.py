"""Write XHSTT solutions: an archive with one <SolutionGroup> holding a <Solution> per solution,
each a list of sub-events (Event Reference, Duration, Time, Resources by role).

`solution_xml` gives the text; `write_solutions` writes it atomically. With `instance_from`, the
archive also carries the instance, copied from the file it was read from, so that the one file
can be given to any XHSTT evaluator (HSEval needs the instance beside the solution). What is
written reads back (reader.read_archive / read_solutions) as the same Solution objects.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from ..files import write_atomic
from .model import Solution, XhsttFormatError
from .xml import Doc

ROOT = "HighSchoolTimetableArchive"


def _solution_element(parent: Element, sol: Solution) -> None:
    se = SubElement(parent, "Solution", Reference=sol.instance)
    if sol.description is not None:
        SubElement(se, "Description").text = sol.description
    if sol.running_time is not None:
        SubElement(se, "RunningTime").text = sol.running_time
    events = SubElement(se, "Events")
    for sub in sol.events:
        ee = SubElement(events, "Event", Reference=sub.event)
        if sub.duration is not None:
            SubElement(ee, "Duration").text = str(sub.duration)
        if sub.time is not None:
            SubElement(ee, "Time", Reference=sub.time)
        if sub.resources:
            holder = SubElement(ee, "Resources")
            for sr in sub.resources:
                re = SubElement(holder, "Resource", Reference=sr.resource)
                SubElement(re, "Role").text = sr.role


def _instances_from(path: str | Path, ids: set[str]) -> Element:
    """The <Instances> of an archive file, with only the instances named (read with the same
    protections as the reader)."""
    doc = Doc(path)
    holder = doc.root.find("Instances")
    found = [i for i in (holder.findall("Instance") if holder is not None else []) if i.get("Id") in ids]
    missing = ids - {i.get("Id") for i in found}
    if missing:
        raise XhsttFormatError(f"{doc.path}: no instance {', '.join(sorted(missing))} to copy")
    out = Element("Instances")
    out.extend(found)
    return out


def solution_xml(solutions: list[Solution] | tuple[Solution, ...], *, group_id: str = "Hybrooster",
                 contributor: str = "Hybrooster", description: str = "Solutions written by Hybrooster",
                 when: date | None = None, instance_from: str | Path | None = None) -> str:
    """The archive text: one SolutionGroup with the solutions, after the instances they refer to
    when `instance_from` names the file to copy them from."""
    root = Element(ROOT)
    if instance_from is not None:
        root.append(_instances_from(instance_from, {s.instance for s in solutions}))
    groups = SubElement(root, "SolutionGroups")
    group = SubElement(groups, "SolutionGroup", Id=group_id)
    meta = SubElement(group, "MetaData")
    SubElement(meta, "Contributor").text = contributor
    SubElement(meta, "Date").text = (when or date.today()).isoformat()
    SubElement(meta, "Description").text = description
    for sol in solutions:
        _solution_element(group, sol)
    indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def write_solutions(path: str | Path, solutions: list[Solution] | tuple[Solution, ...], **options) -> Path:
    """Write `solution_xml(solutions, **options)` to path, never half a file."""
    return write_atomic(path, solution_xml(solutions, **options))
