"""Rules about time at school: no clashes, unavailable windows, teacher limits per day and week."""

from __future__ import annotations

from collections import defaultdict

from solver.timeline import DAYS, DAYS_NL
from solver.validation.context import Context, Slot, span_en, span_nl, window_interval
from solver.validation.intervals import overlapping_pairs


def _pairs(slots: list[Slot]) -> list[tuple[Slot, Slot]]:
    items = [(s.start, s.end, k) for k, s in enumerate(slots)]
    return [(slots[i], slots[j]) for i, j in sorted(overlapping_pairs(items))]


def check_teacher_no_clash(ctx: Context) -> None:
    """No two placements of one teacher overlap (any school)."""
    by_teacher: dict[str, list[Slot]] = defaultdict(list)
    for slot in ctx.timed:
        for teacher in slot.teachers:
            by_teacher[teacher].append(slot)
    for teacher, slots in by_teacher.items():
        for a, b in _pairs(slots):
            ctx.hard("teacher_no_clash", {"teacher": teacher, "lessons": [a.key, b.key]},
                     f"Teacher {teacher} has two lessons at once: {a.slot_en()} and {b.slot_en()}",
                     f"Docent {teacher} heeft twee lessen tegelijk: {a.slot_nl()} en {b.slot_nl()}")


def check_group_no_clash(ctx: Context) -> None:
    """No two placements whose lessons share a student set overlap."""
    by_set: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in ctx.timed:
        for key in ctx.lesson_sets(slot.lesson):
            by_set[key].append(slot)
    shared: dict[tuple[int, int], list[str]] = {}
    pair_slots: dict[tuple[int, int], tuple[Slot, Slot]] = {}
    for (_, set_id), slots in sorted(by_set.items()):
        for a, b in _pairs(slots):
            key = (min(a.index, b.index), max(a.index, b.index))
            shared.setdefault(key, []).append(set_id)
            pair_slots[key] = (a, b) if a.index < b.index else (b, a)
    for key in sorted(shared):
        a, b = pair_slots[key]
        sets = ", ".join(shared[key])
        ctx.hard("group_no_clash", {"student_sets": shared[key], "lessons": [a.key, b.key]},
                 f"Students of {sets} have two lessons at once: {a.slot_en()} and {b.slot_en()}",
                 f"Leerlingen van {sets} hebben twee lessen tegelijk: {a.slot_nl()} en {b.slot_nl()}")


def check_room_no_clash(ctx: Context) -> None:
    """No two placements in one room overlap (each room a placement holds: its room and extra rooms)."""
    by_room: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in ctx.timed:
        for room in slot.rooms:
            by_room[(slot.school.id, room)].append(slot)
    for (_, room), slots in by_room.items():
        for a, b in _pairs(slots):
            ctx.hard("room_no_clash", {"room": room, "lessons": [a.key, b.key]},
                     f"Room {room} holds two lessons at once: {a.slot_en()} and {b.slot_en()}",
                     f"Lokaal {room} heeft twee lessen tegelijk: {a.slot_nl()} en {b.slot_nl()}")


def _blocked(slot: Slot, windows) -> list[tuple[int, int]]:
    """The hard windows (week minutes) that overlap one of the periods the slot occupies (a window of
    level 'preference' blocks nothing: solver/validation/preferences.py prices it)."""
    hits = []
    for window in windows:
        if getattr(window, "level", "hard") != "hard":
            continue
        ws, we = window_interval(window)
        if any(ws < e and s < we for s, e in slot.periods):
            hits.append((ws, we))
    return hits


def check_teacher_unavailable(ctx: Context) -> None:
    """No occupied period overlaps one of the teacher's unavailable windows."""
    for slot in ctx.timed:
        for teacher_id in slot.teachers:
            teacher = ctx.teachers.get(teacher_id)
            hits = _blocked(slot, teacher.unavailable) if teacher else []
            if hits:
                ws, we = hits[0]
                ctx.hard("teacher_unavailable", {"teacher": teacher_id, "lessons": [slot.key]},
                         f"Teacher {teacher_id} is unavailable {span_en(ws, we)} but teaches {slot.slot_en()}",
                         f"Docent {teacher_id} is niet beschikbaar {span_nl(ws, we)} maar geeft {slot.slot_nl()}")


def check_group_unavailable(ctx: Context) -> None:
    """No occupied period overlaps an unavailable window of one of the lesson's groups."""
    for slot in ctx.timed:
        hit_groups = []
        first = None
        for group_id in slot.lesson.groups:
            group = ctx.groups.get((slot.school.id, group_id))
            hits = _blocked(slot, group.unavailable) if group else []
            if hits:
                hit_groups.append(group_id)
                first = first or hits[0]
        if hit_groups:
            names = ", ".join(hit_groups)
            ctx.hard("group_unavailable", {"groups": hit_groups, "lessons": [slot.key]},
                     f"Group {names} is unavailable {span_en(*first)} but has {slot.slot_en()}",
                     f"Groep {names} is niet beschikbaar {span_nl(*first)} maar heeft {slot.slot_nl()}")


def check_room_unavailable(ctx: Context) -> None:
    """No occupied period overlaps an unavailable window of a room the placement holds."""
    for slot in ctx.timed:
        for room_id in slot.rooms:
            room = ctx.rooms.get((slot.school.id, room_id))
            hits = _blocked(slot, room.unavailable) if room else []
            if hits:
                ws, we = hits[0]
                ctx.hard("room_unavailable", {"room": room_id, "lessons": [slot.key]},
                         f"Room {room_id} is unavailable {span_en(ws, we)} but holds {slot.slot_en()}",
                         f"Lokaal {room_id} is niet beschikbaar {span_nl(ws, we)} maar heeft {slot.slot_nl()}")


def check_teacher_max_periods_per_day(ctx: Context) -> None:
    """A teacher occupies at most `max_periods_per_day` periods a day (all schools together)."""
    occupied: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for slot in ctx.timed:
        for teacher in slot.teachers:
            occupied[(teacher, slot.day)].update((slot.school.id, n) for n in slot.numbers)
    for (teacher_id, day), periods in sorted(occupied.items()):
        teacher = ctx.teachers.get(teacher_id)
        limit = teacher.max_periods_per_day if teacher else None
        if limit is not None and len(periods) > limit:
            ctx.hard("teacher_max_periods_per_day", {"teacher": teacher_id, "day": DAYS[day]},
                     f"Teacher {teacher_id} teaches {len(periods)} lesuren on {DAYS[day]}, at most {limit} allowed",
                     f"Docent {teacher_id} geeft {len(periods)} lesuren op {DAYS_NL[day]}, hooguit {limit} toegestaan",
                     len(periods) - limit)


def check_teacher_max_days_per_week(ctx: Context) -> None:
    """A teacher teaches on at most `max_days_per_week` days."""
    days: dict[str, set[int]] = defaultdict(set)
    for slot in ctx.slots:
        for teacher in slot.teachers:
            days[teacher].add(slot.day)
    for teacher_id, used in sorted(days.items()):
        teacher = ctx.teachers.get(teacher_id)
        limit = teacher.max_days_per_week if teacher else None
        if limit is not None and len(used) > limit:
            ctx.hard("teacher_max_days_per_week", {"teacher": teacher_id, "days": [DAYS[d] for d in sorted(used)]},
                     f"Teacher {teacher_id} teaches on {len(used)} days, at most {limit} allowed",
                     f"Docent {teacher_id} geeft les op {len(used)} dagen, hooguit {limit} toegestaan",
                     len(used) - limit)


CHECKS = {  # rule name -> its check
    "teacher_no_clash": check_teacher_no_clash,
    "group_no_clash": check_group_no_clash,
    "room_no_clash": check_room_no_clash,
    "teacher_unavailable": check_teacher_unavailable,
    "group_unavailable": check_group_unavailable,
    "room_unavailable": check_room_unavailable,
    "teacher_max_periods_per_day": check_teacher_max_periods_per_day,
    "teacher_max_days_per_week": check_teacher_max_days_per_week,
}
