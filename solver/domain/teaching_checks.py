"""Reference checks for teaching by hto'ers (a lesson's preferred teachers, a release's teaching minutes) and
for a lesson's extra rooms.

Called from `solver.domain.plan.check_references`; every issue names its field path, e.g.
`lessons[4].preferred_teachers[0]: 'HUIS' is not one of the lesson's candidates`.
"""

from __future__ import annotations

from collections.abc import Callable

Add = Callable[[str, str], None]


def check_preferred_teachers(lesson, path: str, add: Add) -> None:
    """Preferred teachers are candidates of the lesson, each listed once."""
    if lesson.preferred_teachers and lesson.teacher is not None:
        add(f"{path}.preferred_teachers", f"the lesson has a fixed teacher ('{lesson.teacher}'): there is no "
                                          "choice to prefer (list the teachers under candidates instead)")
        return
    for k, teacher_id in enumerate(lesson.preferred_teachers):
        where = f"{path}.preferred_teachers[{k}]"
        if teacher_id not in lesson.candidates:
            add(where, f"'{teacher_id}' is not one of the lesson's candidates")
        elif teacher_id in lesson.preferred_teachers[:k]:
            add(where, f"teacher '{teacher_id}' is listed twice")


def check_release_teaching(plan, add: Add) -> None:
    """An unqualified hto'er's minimum and target fit within the policy's limit for teaching without a
    qualification (the order min <= target <= max is checked by Release itself)."""
    limit = plan.policy.unqualified_max_teaching_minutes
    for hi, hto in enumerate(plan.htos):
        if hto.qualification != "unqualified":
            continue
        for name in ("min_teaching_minutes", "target_teaching_minutes"):
            minutes = getattr(hto.release, name)
            if minutes is not None and minutes > limit:
                add(f"htos[{hi}].release.{name}",
                    f"{minutes} minutes, but an unqualified hto'er may teach at most {limit} minutes a week "
                    "(policy.unqualified_max_teaching_minutes)")


def check_extra_rooms(lesson, path: str, rooms: set[str], add: Add) -> None:
    """An extra room's listed rooms exist at the lesson's school; a lesson with extra rooms needs a room itself."""
    if lesson.extra_rooms and lesson.room_kind is None and lesson.rooms is None:
        add(f"{path}.extra_rooms", "the lesson needs no room of its own (room_kind null): give it one, or make "
                                   "the first extra room its room")
    for k, extra in enumerate(lesson.extra_rooms):
        for j, room_id in enumerate(extra.rooms or []):
            if room_id not in rooms:
                add(f"{path}.extra_rooms[{k}].rooms[{j}]", f"unknown room '{room_id}'")
