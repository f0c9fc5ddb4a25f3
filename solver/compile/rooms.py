"""Rooms: which rooms each lesson copy may use, and the pools of rooms that every copy treats alike."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from solver.compile.options import drop_or_guard
from solver.compile.periods import blocked_periods
from solver.domain import Plan
from solver.domain.school import Lesson, School
from solver.problem import CopyData, ExtraRoomData, PoolData


def lesson_size(school: School, lesson: Lesson) -> int:
    """The lesson's own size, or the sum of its groups' sizes (a group's size, or its student sets')."""
    if lesson.size is not None:
        return lesson.size
    sets = {s.id: s.size for s in school.student_sets}
    total = 0
    for group in school.groups:
        if group.id in lesson.groups:
            total += group.size if group.size is not None else sum(sets.get(s, 0) for s in group.student_sets)
    return total


def compatible_rooms(lesson: Lesson, school: School) -> frozenset[str]:
    """The rooms of the right kind (or listed) and size; empty for a lesson that needs no room."""
    if lesson.room_kind is None and lesson.rooms is None:
        return frozenset()
    size = lesson_size(school, lesson)
    wanted = None if lesson.rooms is None else set(lesson.rooms)
    return frozenset(
        r.id for r in school.rooms
        if (wanted is None or r.id in wanted)
        and (lesson.room_kind is None or r.kind == lesson.room_kind)
        and r.capacity >= size
    )


def extra_compatible(extra, lesson: Lesson, school: School) -> frozenset[str]:
    """The rooms one of the lesson's extra_rooms may be: listed (if it lists), of its kind (if it names
    one) and big enough for the lesson."""
    size = lesson_size(school, lesson)
    return frozenset(r.id for r in school.rooms
                     if (extra.rooms is None or r.id in extra.rooms)
                     and (extra.room_kind is None or r.kind == extra.room_kind) and r.capacity >= size)


def locked_room(rooms: frozenset[str], lesson: Lesson, current) -> frozenset[str]:
    """A copy whose room is locked keeps only its current room."""
    if lesson.lock.room and current is not None and current.room is not None:
        return rooms & {current.room}
    return rooms


def room_preferences(plan: Plan, room_id: str) -> tuple[int, ...]:
    """The soft preferred_rooms constraints that list this room id: rooms differing here never pool
    (a same-named room of another school may split a pool needlessly; that is harmless)."""
    return tuple(k for k, c in enumerate(plan.constraints)
                 if c.type == "preferred_rooms" and c.weight and room_id in c.rooms)


def pool_rooms(plan: Plan, periods, copies: list[CopyData], copy_rooms: list[frozenset[str]],
               explain: bool = False, extra_rooms: tuple[tuple[int, frozenset[str]], ...] = ()
               ) -> tuple[list[PoolData], list[CopyData], tuple[ExtraRoomData, ...]]:
    """Rooms with the same compatible copies and the same blocked periods form one pool (exact).
    A copy with a single pool loses (explain: guards) the options in which that pool is unavailable.
    `extra_rooms`: (copy, its rooms) per extra room a copy holds; each is a user of its rooms as a copy
    is (so pools stay exact), and its copy loses the options its only pool is closed in (or all, with no room)."""
    users: dict[tuple[int, str], list[int]] = defaultdict(list)
    for c, rooms in enumerate(copy_rooms):
        for room in rooms:
            users[(copies[c].school, room)].append(c)
    for e, (c, rooms) in enumerate(extra_rooms):
        for room in rooms:
            users[(copies[c].school, room)].append(len(copies) + e)
    signature_pool: dict[tuple, int] = {}
    pools: list[PoolData] = []
    room_pool: dict[tuple[int, str], int] = {}
    for school_i, school in enumerate(plan.schools):
        for room in school.rooms:
            if (school_i, room.id) not in users:
                continue
            blocked = blocked_periods(periods, room.unavailable, school_i)
            key = (school_i, tuple(users[(school_i, room.id)]), blocked, room_preferences(plan, room.id))
            if key not in signature_pool:
                signature_pool[key] = len(pools)
                pools.append(PoolData(school=school_i, rooms=(), blocked=blocked))
            pool_i = signature_pool[key]
            pools[pool_i] = PoolData(school=school_i, rooms=pools[pool_i].rooms + (room.id,), blocked=blocked)
            room_pool[(school_i, room.id)] = pool_i
    out = []
    for c, copy in enumerate(copies):
        pool_ids = tuple(sorted({room_pool[(copy.school, r)] for r in copy_rooms[c]}))
        options = copy.options
        if copy.needs_room and len(pool_ids) == 1:
            pool = pools[pool_ids[0]]
            reason = (("room_unavailable", plan.schools[pool.school].id, *pool.rooms),)
            options = drop_or_guard(options, lambda o: [reason] if pool.blocked.intersection(o.periods) else [],
                                    explain)
        out.append(replace(copy, pools=pool_ids, options=options))
    extras = []
    for c, rooms in extra_rooms:
        pool_ids = tuple(sorted({room_pool[(copies[c].school, r)] for r in rooms}))
        extras.append(ExtraRoomData(copy=c, pools=pool_ids))
        lesson_id = plan.lessons[copies[c].lesson].id
        if not pool_ids:
            reasons = [(("room_fits", lesson_id),)]
            out[c] = replace(out[c], options=drop_or_guard(out[c].options, lambda o: reasons, explain))
        elif len(pool_ids) == 1:
            pool = pools[pool_ids[0]]
            reason = (("room_unavailable", plan.schools[pool.school].id, *pool.rooms),)
            out[c] = replace(out[c], options=drop_or_guard(
                out[c].options, lambda o: [reason] if pool.blocked.intersection(o.periods) else [], explain))
    return pools, out, tuple(extras)
