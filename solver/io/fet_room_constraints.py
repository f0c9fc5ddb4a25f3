"""One handler per FET room (space) constraint: read its fields, state it on the Plan being built.

Preferred and home rooms are collected per activity; Builder.rooms_of turns them into each lesson's
rooms. The others are taken only where they always hold (one building, few enough rooms) and raise
Unsupported elsewhere. Conventions in fet_handlers.py; time constraints are in fet_constraints.py.
"""

from __future__ import annotations

from solver.io.fet_builder import Builder, Unsupported
from solver.io.fet_handlers import Handler, int_field, registrar
from solver.io.fet_xml import text, texts

HANDLERS: dict[str, Handler] = {}
handles = registrar(HANDLERS)


def _room(b: Builder, name: str) -> str:
    room = b.fet.rooms.get(name)
    if room is None:
        raise Unsupported(f"refers to an unknown room '{name}'")
    if room.virtual:
        raise Unsupported("virtual room (one real room from each of several sets)")
    return name


def _room_set(b: Builder, el) -> set:
    if el.find("Room") is not None:
        return {_room(b, text(el, "Room"))}
    return {_room(b, name) for name in texts(el, "Preferred_Room")}


def _activities_where(b: Builder, keep) -> list[int]:
    return [act.id for act in b.fet.activities if keep(act)]


@handles("ConstraintActivityPreferredRoom", "ConstraintActivityPreferredRooms",
         "ConstraintSubjectPreferredRoom", "ConstraintSubjectPreferredRooms",
         "ConstraintActivityTagPreferredRoom", "ConstraintActivityTagPreferredRooms",
         "ConstraintSubjectActivityTagPreferredRoom", "ConstraintSubjectActivityTagPreferredRooms")
def _preferred_rooms(b: Builder, el, weight: int | None) -> None:
    """Collected per activity; Builder.rooms_of turns them into the lesson's rooms (see there)."""
    rooms = _room_set(b, el)
    tag = el.tag
    if tag.startswith("ConstraintActivityPreferred"):
        ids = [int(i) for i in b.activity_ids([text(el, "Activity_Id")])]
    elif tag.startswith("ConstraintSubjectActivityTag"):
        subject, atag = text(el, "Subject"), text(el, "Activity_Tag")
        ids = _activities_where(b, lambda a: a.subject == subject and atag in a.tags)
    elif tag.startswith("ConstraintSubject"):
        subject = text(el, "Subject")
        ids = _activities_where(b, lambda a: a.subject == subject)
    else:
        atag = text(el, "Activity_Tag")
        ids = _activities_where(b, lambda a: atag in a.tags)
    for act in ids:
        b.preferred_rooms[act].append((rooms, weight))


@handles("ConstraintTeacherHomeRoom", "ConstraintTeacherHomeRooms",
         "ConstraintStudentsSetHomeRoom", "ConstraintStudentsSetHomeRooms")
def _home_rooms(b: Builder, el, weight: int | None) -> None:
    """Home rooms hold for activities of exactly that one teacher (students set) with no preferred room."""
    rooms = _room_set(b, el)
    if el.tag.startswith("ConstraintTeacher"):
        teacher = b.teacher(text(el, "Teacher"))
        ids = _activities_where(b, lambda a: a.teachers == [teacher])
    else:
        students = text(el, "Students")
        b.leaves(students)
        ids = _activities_where(b, lambda a: a.students == [students])
    for act in ids:
        b.home_rooms[act].append((rooms, weight))


@handles("ConstraintTeacherMaxBuildingChangesPerDay", "ConstraintTeachersMaxBuildingChangesPerDay",
         "ConstraintTeacherMaxBuildingChangesPerWeek", "ConstraintTeachersMaxBuildingChangesPerWeek",
         "ConstraintStudentsSetMaxBuildingChangesPerDay", "ConstraintStudentsMaxBuildingChangesPerDay",
         "ConstraintStudentsSetMaxBuildingChangesPerWeek", "ConstraintStudentsMaxBuildingChangesPerWeek",
         "ConstraintTeacherMinGapsBetweenBuildingChanges", "ConstraintTeachersMinGapsBetweenBuildingChanges",
         "ConstraintStudentsSetMinGapsBetweenBuildingChanges", "ConstraintStudentsMinGapsBetweenBuildingChanges")
def _buildings(b: Builder, el, weight: int | None) -> None:
    """Always met when every real room is in one building (or in none): then nobody changes building."""
    buildings = {r.building for r in b.fet.rooms.values() if not r.virtual}
    if len(buildings) > 1:
        raise Unsupported("building changes (Hybrooster has no buildings)")


@handles("ConstraintActivitiesOccupyMaxDifferentRooms")
def _max_different_rooms(b: Builder, el, weight: int | None) -> None:
    """Always met when the activities can only use that many real rooms between them (checked at the end)."""
    ids = b.activity_ids(texts(el, "Activity_Id"))
    b.room_count_checks.append((el.tag, ids, int_field(el, "Max_Number_of_Different_Rooms")))


@handles("ConstraintActivitiesSameRoomIfConsecutive")
def _same_room_if_consecutive(b: Builder, el, weight: int | None) -> None:
    """Always met when the activities can only use one real room between them (checked at the end)."""
    ids = b.activity_ids(texts(el, "Activity_Id"))
    b.room_count_checks.append((el.tag, ids, 1))
