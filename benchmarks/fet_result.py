"""Read a timetable FET generated (its NAME_activities.xml) as our Timetable of an imported plan.

Used to check the importer against FET itself: a timetable FET made for a file must pass our
validator on the imported plan with no hard violations (benchmarks/vs_fet.py and the tests do).
"""

from __future__ import annotations

from pathlib import Path

from defusedxml import DefusedXmlException, ElementTree

from solver.domain import LessonPlacement, Plan, Timetable
from solver.io.fet_xml import FetFormatError, parse_xml, text
from solver.timeline import DAYS


def read_fet_timetable(path: str | Path, plan: Plan, mapping: dict) -> Timetable:
    """FET's activities.xml -> Timetable (placements of the plan's lessons; others are ignored)."""
    try:
        root = parse_xml(path)
    except (OSError, ElementTree.ParseError, DefusedXmlException) as error:
        raise FetFormatError(f"cannot read FET's timetable {path}: {error}") from None
    day_of = dict(zip(mapping["days"], DAYS))  # FET day i is DAYS[i]
    hour_of = {name: i for i, name in enumerate(mapping["hours"])}
    number = {(day, h): k + 1 for day, hours in mapping["periods"].items() for k, h in enumerate(hours)}
    lessons = {lesson.id: lesson for lesson in plan.lessons}
    school = plan.schools[0].id
    no_room = set(mapping.get("no_room", []))
    placements = []
    for act in root.findall("Activity"):
        lesson = lessons.get(text(act, "Id").strip())
        day = day_of.get(text(act, "Day"))
        hour = hour_of.get(text(act, "Hour"))
        if lesson is None or day is None or hour is None or (day, hour) not in number:
            continue
        room = text(act, "Room") or None
        if lesson.rooms is None:
            room = None
        elif room is None:  # FET placed it without a room: our pseudo-room for that, if it has one
            room = next((r for r in lesson.rooms if r in no_room), None)
        placements.append(LessonPlacement(
            lesson=lesson.id, copy=0, school=school, day=day, period=number[(day, hour)],
            duration=lesson.duration, room=room,
            teacher=lesson.teacher or "",
        ))
    return Timetable(plan=plan.name, status="FET", placements=placements)
