"""A school's own plan under region-wide ids: every school's ids are prefixed with the school's id.

Generated schools reuse ids (each has a 'B1.01' and a teacher 'JANS'); in one regional Plan, teachers
are global and lessons must be unique, so each school's lessons, teachers, groups, student sets and rooms
get the prefix `<school>/`, and every reference to them follows.
"""

from __future__ import annotations

from typing import Any

from solver.domain import Plan

SEP = "/"
# The keys that name ids of each kind, wherever they appear (lessons and constraints alike).
_REFS = {
    "lesson": ("lesson", "lessons", "lesson_ids"),
    "teacher": ("teacher", "teachers", "candidates", "co_teachers", "preferred_teachers"),
    "group": ("group", "groups"),
    "room": ("room", "rooms"),
}


def prefixed(school: str, local_id: str) -> str:
    return f"{school}{SEP}{local_id}"


def _rename(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [mapping.get(v, v) if isinstance(v, str) else v for v in value]
    return value


def _walk_refs(item: dict, maps: dict[str, dict[str, str]]) -> dict:
    out = dict(item)
    for kind, keys in _REFS.items():
        for key in keys:
            if key in out:
                out[key] = _rename(out[key], maps[kind])
    return out


def namespaced(plan: Plan, school_id: str) -> dict:
    """The plan's one school, its teachers and lessons as JSON-ready data with region-wide ids.

    The school itself gets `school_id`; a student set shares its group's renaming (a group's id is often
    its own student set)."""
    data = plan.model_dump(mode="json", exclude_defaults=True)
    if len(data.get("schools", [])) != 1:
        raise ValueError(f"school {school_id}: its plan must hold exactly one school")
    school = data["schools"][0]
    p = lambda x: prefixed(school_id, x)  # noqa: E731
    sets = {s["id"]: p(s["id"]) for s in school.get("student_sets", [])}
    groups = {g["id"]: p(g["id"]) for g in school.get("groups", [])}
    maps = {
        "lesson": {lesson["id"]: p(lesson["id"]) for lesson in data.get("lessons", [])},
        "teacher": {t["id"]: p(t["id"]) for t in data.get("teachers", [])},
        "group": groups | sets,
        "room": {r["id"]: p(r["id"]) for r in school.get("rooms", [])},
    }
    school["id"] = school_id
    school["student_sets"] = [s | {"id": sets[s["id"]]} for s in school.get("student_sets", [])]
    school["groups"] = [g | {"id": groups[g["id"]], "student_sets": _rename(g.get("student_sets", []), sets)}
                        for g in school.get("groups", [])]
    school["rooms"] = [r | {"id": maps["room"][r["id"]]} for r in school.get("rooms", [])]
    data["teachers"] = [t | {"id": maps["teacher"][t["id"]]} for t in data.get("teachers", [])]
    data["lessons"] = [_walk_refs(lesson | {"id": maps["lesson"][lesson["id"]], "school": school_id}, maps)
                       for lesson in data.get("lessons", [])]
    for lesson in data["lessons"]:  # a current timetable names its rooms and teachers too
        lesson["current"] = [_walk_refs(placed, maps) for placed in lesson.get("current", [])]
    data["constraints"] = [_walk_refs(c, maps) for c in data.get("constraints", [])]
    data["maps"] = maps
    return data
