"""Export a timetable of an imported FET plan as FET's "data and timetable" file.

The original .fet (found through the sidecar plan.fetmap.json that `hybrooster import fet` wrote,
or given explicitly) is copied with every placed activity locked: a ConstraintActivityPreferredStartingTime
(weight 100, permanently locked) at its day and hour, and a ConstraintActivityPreferredRoom (weight 100,
permanently locked) in its room when it has one. FET (fet-cl) then only has to check it: a timetable
that meets every 100% constraint of the original is accepted at once.

Constraints the import left out (`--ignore-unsupported`; listed in the mapping) are not kept by the
solver, so the export lists them and checks those it can (`DROPPED_CHECKS`) against the timetable:
a broken 100% one would make fet-cl reject the file, and `export fet` refuses it unless `--force`.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ElementTree, SubElement, indent

from defusedxml import ElementTree as SafeTree

from solver.domain import Plan, Timetable
from solver.domain.base import read_json
from solver.io.fet_builder import MAPPING_FORMAT
from solver.io.fet_import import mapping_path_for
from solver.io.fet_xml import FetFormatError, is_active, text, weight_percentage
from solver.timeline import DAYS

COMMENT = "Hybrooster timetable"


@dataclass
class FetExport:
    xml: bytes = b""
    soft_switched_off: int = 0
    locked_times: int = 0
    locked_rooms: int = 0
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # what the import left out, as the mapping lists it
    broken: list[str] = field(default_factory=list)  # dropped 100% constraints the timetable breaks
    unchecked: list[str] = field(default_factory=list)  # dropped 100% constraints no check here can judge


class FetDroppedBrokenError(ValueError):
    """The timetable breaks 100% constraints the import left out: fet-cl would reject the file."""

    def __init__(self, broken: list[str]):
        self.broken = broken
        lines = "\n".join(f"  - {line}" for line in broken)
        super().__init__(
            f"the timetable breaks {len(broken)} 100% constraint(s) of the FET file that the import left out "
            f"(--ignore-unsupported), so fet-cl would reject the file; nothing was written. "
            f"Use --force to write it anyway:\n{lines}"
        )


def load_mapping(plan_path: str | Path) -> dict:
    """The sidecar the importer wrote next to the plan (plan.fetmap.json)."""
    side = mapping_path_for(plan_path)
    if not side.is_file():
        raise FetFormatError(
            f"{side} not found: export fet needs the mapping that `hybrooster import fet` writes next to the plan"
        )
    mapping = read_json(side, max_number=None)  # PlanError naming the file and line if it is damaged
    if not isinstance(mapping, dict) or mapping.get("format") != MAPPING_FORMAT:
        raise FetFormatError(f"{side} is not a Hybrooster FET mapping ({MAPPING_FORMAT})")
    return mapping


def _existing_locks(root: Element) -> tuple[set, set]:
    """(activity id, day, hour) and (activity id, room) already fixed at 100% in the original."""
    times, rooms = set(), set()
    for el in root.iter("ConstraintActivityPreferredStartingTime"):
        if is_active(el) and weight_percentage(el) >= 100:
            times.add((text(el, "Activity_Id").strip(), text(el, "Preferred_Day"), text(el, "Preferred_Hour")))
    for el in root.iter("ConstraintActivityPreferredRoom"):
        if is_active(el) and weight_percentage(el) >= 100 and el.find("Real_Room") is None:
            rooms.add((text(el, "Activity_Id").strip(), text(el, "Room")))
    return times, rooms


def _switch_off_soft(root: Element) -> int:
    """Set <Active>false</Active> on every active constraint with 0 < weight < 100; returns how many."""
    count = 0
    for tag in ("Time_Constraints_List", "Space_Constraints_List"):
        for el in root.find(tag):
            if is_active(el) and 0 < weight_percentage(el) < 100:
                active = el.find("Active")
                if active is None:
                    active = SubElement(el, "Active")
                active.text = "false"
                count += 1
    return count


def _starts(timetable: Timetable, mapping: dict) -> dict[str, tuple[int, int, int]]:
    """Per placed activity id: (FET day index, FET hour index of its start, duration in hours)."""
    periods = mapping.get("periods", {})
    out = {}
    for p in timetable.placements:
        try:
            out[p.lesson] = (DAYS.index(p.day), int(periods[p.day][p.period - 1]), p.duration)
        except (KeyError, IndexError, ValueError, TypeError):
            continue
    return out


def _ordered(el: Element, starts: dict, same_day_only: bool) -> str | None:
    first, second = text(el, "First_Activity_Id").strip(), text(el, "Second_Activity_Id").strip()
    if first not in starts or second not in starts:
        return None
    (d1, h1, n1), (d2, h2, _) = starts[first], starts[second]
    if same_day_only and d1 != d2:
        return None
    if d1 > d2 or (d1 == d2 and h1 + n1 > h2):
        return f"activity {second} must begin after activity {first} ends" + (" on the same day" * same_day_only)
    return None


def _same_starting_hour(el: Element, starts: dict) -> str | None:
    ids = [i.strip() for i in (e.text or "" for e in el.findall("Activity_Id")) if i.strip() in starts]
    hours = {starts[i][1] for i in ids}
    return f"activities {', '.join(ids)} must start at the same hour" if len(hours) > 1 else None


# FET constraint type -> a check of one such constraint against the timetable's starts: the breach in words,
# or None when it holds (or cannot be judged: an activity not placed).
DROPPED_CHECKS = {
    "ConstraintTwoActivitiesOrdered": lambda el, starts: _ordered(el, starts, same_day_only=False),
    "ConstraintTwoActivitiesOrderedIfSameDay": lambda el, starts: _ordered(el, starts, same_day_only=True),
    "ConstraintActivitiesSameStartingHour": _same_starting_hour,
}


def _check_dropped(root: Element, mapping: dict, timetable: Timetable, out: FetExport) -> None:
    """List what the import left out; check the active constraints of those types against the timetable."""
    dropped = mapping.get("unsupported") or []
    out.dropped = [f"{d.get('type')} x{d.get('count')}: {d.get('reason')}" for d in dropped if isinstance(d, dict)]
    types = {d.get("type") for d in dropped if isinstance(d, dict)}
    if not types:
        return
    starts = _starts(timetable, mapping)
    for tag in ("Time_Constraints_List", "Space_Constraints_List"):
        for el in root.find(tag):
            if el.tag not in types or not is_active(el) or weight_percentage(el) < 100:
                continue
            check = DROPPED_CHECKS.get(el.tag)
            if check is None:
                out.unchecked.append(el.tag)
                continue
            breach = check(el, starts)
            if breach is not None:
                out.broken.append(f"{el.tag} (100%): {breach}")


def _element(parent: Element, tag: str, fields: list[tuple[str, str]]) -> None:
    el = SubElement(parent, tag)
    for name, value in fields:
        SubElement(el, name).text = value


def export_fet(
    plan: Plan, timetable: Timetable, *, mapping: dict, source: str | Path | None = None, keep_soft: bool = True,
) -> FetExport:
    """The original FET data with every placement of `timetable` locked (see the module doc), as bytes.

    keep_soft=False switches the original's soft constraints (0 < weight < 100) off: fet-cl then only
    checks the 100% ones. (With all activities locked, fet-cl can search for a long time on a file
    whose soft min-days constraints the timetable breaks many times, though they are only soft.)
    """
    source = Path(source or mapping["source"])
    out = FetExport()
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise FetFormatError(f"cannot read the original FET file {source}: {error.strerror}") from None
    if mapping.get("sha256") and hashlib.sha256(raw).hexdigest() != mapping["sha256"]:
        out.warnings.append(f"{source} changed since the import; the locks may not fit it")
    try:
        root = SafeTree.fromstring(raw)
    except Exception as error:  # bad XML, or what defusedxml refuses (entities, DTDs)
        raise FetFormatError(f"{source} is not a readable FET file: {error}") from None
    time_list, space_list = root.find("Time_Constraints_List"), root.find("Space_Constraints_List")
    if time_list is None or space_list is None:
        raise FetFormatError(f"{source} has no constraint lists")

    try:
        days, hours, periods = mapping["days"], mapping["hours"], mapping["periods"]
    except KeyError as missing:
        raise FetFormatError(f"the FET mapping next to the plan has no {missing}: import the FET file again") from None
    day_names = dict(zip(DAYS, days))  # FET day i is DAYS[i]
    lessons = {lesson.id for lesson in plan.lessons}
    _check_dropped(root, mapping, timetable, out)
    if not keep_soft:
        out.soft_switched_off = _switch_off_soft(root)
    have_times, have_rooms = _existing_locks(root)
    no_room = set(mapping.get("no_room", []))  # pseudo-rooms meaning "placed without a room"
    placed = set()
    for p in timetable.placements:
        if p.lesson not in lessons:
            out.warnings.append(f"placement of unknown lesson '{p.lesson}' left out")
            continue
        try:
            day, hour = day_names[p.day], hours[periods[p.day][p.period - 1]]
        except (KeyError, IndexError):
            out.warnings.append(f"lesson {p.lesson}: {p.day} period {p.period} is not in the FET grid; left out")
            continue
        placed.add(p.lesson)
        if (p.lesson, day, hour) not in have_times:
            _element(time_list, "ConstraintActivityPreferredStartingTime", [
                ("Weight_Percentage", "100"), ("Activity_Id", p.lesson), ("Preferred_Day", day),
                ("Preferred_Hour", hour), ("Permanently_Locked", "true"), ("Active", "true"), ("Comments", COMMENT),
            ])
            out.locked_times += 1
        if p.room is not None and p.room not in no_room and (p.lesson, p.room) not in have_rooms:
            _element(space_list, "ConstraintActivityPreferredRoom", [
                ("Weight_Percentage", "100"), ("Activity_Id", p.lesson), ("Room", p.room),
                ("Permanently_Locked", "true"), ("Active", "true"), ("Comments", COMMENT),
            ])
            out.locked_rooms += 1
    missing = sorted(lessons - placed, key=lambda x: (len(x), x))
    if missing:
        out.warnings.append(f"{len(missing)} activities have no placement and stay unlocked: {', '.join(missing[:10])}"
                            + (" ..." if len(missing) > 10 else ""))
    buffer = io.BytesIO()
    try:  # both recurse into the elements
        indent(root, space="\t")
        ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    except RecursionError:
        raise FetFormatError(f"{source}: its elements are nested too deeply to write") from None
    out.xml = buffer.getvalue() + b"\n"
    return out


def export_fet_file(plan: Plan, timetable: Timetable, *, plan_path: str | Path, out_path: str | Path,
                    source: str | Path | None = None, keep_soft: bool = True) -> FetExport:
    """export_fet with the mapping next to plan_path, written to out_path (for scripts and benchmarks)."""
    out = export_fet(plan, timetable, mapping=load_mapping(plan_path), source=source, keep_soft=keep_soft)
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    Path(out_path).write_bytes(out.xml)
    return out
