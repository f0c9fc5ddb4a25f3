"""Explain mode of compile (`compile_plan(plan, explain=True)`): keep what the normal compile prunes.

The normal compile enforces many rules by leaving options out: unavailable teachers, groups and
rooms, locks, the release agreement's days, SME marks, rooms of the wrong kind and hard preferred
starts / slots / rooms. For an explanation each of those must be a rule that can be switched off,
so here the option stays and carries `guards`: the reasons compile would have dropped it, each
a tuple of guard keys that together forbid it. The builder then adds (not x or not g1 or ...) per
reason, so with every guard on the model is the normal one.

A guard key is a tuple: the rule's name (solver/rules.py) and the ids of what it is about, e.g.
("teacher_unavailable", "JdV"), ("sme_unavailable_mark", 3), ("preferred_slots", 12).
"""

from __future__ import annotations

from dataclasses import replace

from solver.compile_extra import COPYWISE, prune_options
from solver.domain import Plan
from solver.problem import CopyData, LessonData, OptionData, PeriodData
from solver.timeline import at, day_index, overlaps, parse_hhmm

PRUNED_EXTRAS = ("preferred_starts", "preferred_slots", "preferred_rooms")


def with_reason(option: OptionData, reason: tuple) -> OptionData:
    if reason in option.guards:
        return option
    return replace(option, guards=option.guards + (reason,))


def group_blocks(periods: list[PeriodData], school, lesson, school_i: int) -> dict[int, list[str]]:
    """Per period of the school: the lesson's groups that are unavailable in it."""
    out: dict[int, list[str]] = {}
    for group in school.groups:
        if group.id not in lesson.groups or not group.unavailable:
            continue
        spans = [(at(w.day, parse_hhmm(w.start)), at(w.day, parse_hhmm(w.end))) for w in group.unavailable]
        for i, p in enumerate(periods):
            if p.school == school_i and any(overlaps(p.start, p.end, a, b) for a, b in spans):
                out.setdefault(i, []).append(group.id)
    return out


def explained_options(lesson, day, first, indices, breaks, periods, group_blocked, blocked, hto_block,
                      teacher_index, teachers, locked_teacher, co_teachers, school_i, current) -> list[OptionData]:
    """The options of one (day, first lesuur), one per teacher, each with the reasons that forbid it."""
    reasons: list[tuple] = []
    if lesson.lock.slot and current is not None and (day != day_index(current.day) or first != current.period):
        reasons.append((("lesson_locked", lesson.id),))
    numbers = range(first, first + lesson.duration)
    if any((day, n) in breaks for n in numbers[1:]):
        reasons.append((("block_consecutive", lesson.id),))
    occupied = tuple(indices[n - 1] for n in numbers)
    for group in sorted({g for p in occupied for g in group_blocked.get(p, ())}):
        reasons.append((("group_unavailable", group),))
    start, end = periods[occupied[0]].start, periods[occupied[-1]].end

    def why(teacher_id: str) -> list[tuple]:
        out = []
        if any(p in blocked[teacher_index[teacher_id]] for p in occupied):
            out.append((("teacher_unavailable", teacher_id),))
        if teacher_id in hto_block:
            allowed_days, marks, travel, hto_id = hto_block[teacher_id]
            if day not in allowed_days:
                out.append((("release_agreement", hto_id),))
            a0, b0 = start - travel[school_i], end + travel[school_i]
            out += [(("sme_unavailable_mark", k),) for k, a, b in marks if overlaps(a0, b0, a, b)]
        return out

    for co in lesson.co_teachers:
        reasons += why(co)
    options = []
    for teacher_id in teachers:
        t = -1 if teacher_id is None else teacher_index[teacher_id]
        mine = list(reasons)
        if t >= 0:
            mine += why(teacher_id)
            if locked_teacher is not None and teacher_id != locked_teacher:
                mine.append((("lesson_locked", lesson.id),))
        options.append(OptionData(day=day, first=first, periods=occupied, teacher=t,
                                  teachers=(t,) * (t >= 0) + co_teachers, guards=tuple(dict.fromkeys(mine))))
    return options


def explain_prune(plan: Plan, lessons: list[LessonData], copies: list[CopyData], periods: list[PeriodData],
                  copy_rooms: list[frozenset[str]], base_rooms: list[frozenset[str]]) -> list[CopyData]:
    """What `prune_options` and the room filter drop, kept as guarded reasons instead.

    Hard preferred starts / slots / rooms are pruned one constraint at a time (so each dropped
    option knows its constraint). The pair pruning of same start / same day / consecutive /
    grouped is only a speed-up (the model states those rules in full), so it is left out.
    `base_rooms`: per copy the rooms of the right kind and size, before a room lock.
    Limitation: a hard preferred_rooms that narrows but does not empty a copy's rooms is applied
    as in the normal compile (its rooms pool apart), so a shortage of those rooms explains as
    room_no_clash of the listed rooms.
    """
    extra: list[dict[int, list[tuple]]] = [{} for _ in copies]
    room_reasons: list[list[tuple]] = [[] for _ in copies]
    for c, copy in enumerate(copies):
        if copy.needs_room and not copy_rooms[c]:
            lesson_id = lessons[copy.lesson].id
            room_reasons[c].append((("room_fits", lesson_id),) if not base_rooms[c]
                                   else (("room_fits", lesson_id), ("lesson_locked", lesson_id)))
    for k, constraint in enumerate(plan.constraints):
        if constraint.weight is not None or constraint.type not in PRUNED_EXTRAS:
            continue
        reason = ((constraint.type, k),)
        rooms = list(copy_rooms)
        pruned = prune_options(plan.model_copy(update={"constraints": [constraint]}), lessons, copies,
                               periods, rooms)
        for c, (before, after) in enumerate(zip(copies, pruned)):
            if after is not before:
                kept = {id(o) for o in after.options}
                for i, option in enumerate(before.options):
                    if id(option) not in kept:
                        extra[c].setdefault(i, []).append(reason)
            if rooms[c] != copy_rooms[c]:
                if copy_rooms[c] and not rooms[c] and before.needs_room:
                    room_reasons[c].append(reason)
                copy_rooms[c] = rooms[c]
    tied = {name for con in plan.constraints if con.type in COPYWISE
            for name in ([con.first, con.second] if con.type == "consecutive" else con.lessons)}
    for i, lesson in enumerate(lessons):  # copies tied to other lessons' copies are not alike
        if lesson.id in tied and lesson.interchangeable:
            lessons[i] = replace(lesson, interchangeable=False)
    out = []
    for c, copy in enumerate(copies):
        if not extra[c] and not room_reasons[c]:
            out.append(copy)
            continue
        options = []
        for i, option in enumerate(copy.options):
            for reason in extra[c].get(i, []) + room_reasons[c]:
                option = with_reason(option, reason)
            options.append(option)
        out.append(replace(copy, options=tuple(options)))
    return out
