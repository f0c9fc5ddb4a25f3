"""Preference windows and marks (level "preference"): each use is reported with who, when, why and its
cost; the check returns its units (weight × lesuren, or weight per lesson away), cost = Plan.weights × units.

Recomputed from the plan and the timetable alone, as docs/rules.md defines them; the hard windows and
marks are checked in clashes.py and company.py.
"""

from __future__ import annotations

from collections import defaultdict

from solver.validation.context import Context, Slot, span_en, span_nl, window_interval
from solver.validation.people import people


def _lesuren(slot: Slot, start: int, end: int) -> int:
    """How many of the slot's occupied lesuren overlap [start, end)."""
    return sum(1 for s, e in slot.periods if start < e and s < end)


def _why(reason: str) -> str:
    return f" ({reason})" if reason else ""


def _lesuren_text(count: int) -> str:
    """'1 lesuur', '2 lesuren' (the word in both languages)."""
    return f"{count} {'lesuur' if count == 1 else 'lesuren'}"


def _windows_used(ctx: Context, rule: str, scale: int, owners, words) -> int:
    """For each placement and each (entities, windows) of `owners(slot)`: every preference window the
    placement's lesuren overlap costs its weight × those lesuren; `words(who, slot, start, end, reason)`
    says who would rather not, in English and Dutch."""
    units = 0
    for slot in ctx.timed:
        for who, windows in owners(slot):
            for window in windows:
                if window.hard:
                    continue
                ws, we = window_interval(window)
                count = _lesuren(slot, ws, we)
                if not count:
                    continue
                weight = window.preference_weight
                units += weight * count
                if scale:
                    cost = scale * weight * count
                    en, nl = words(who, slot, ws, we, _why(window.reason))
                    ctx.soft(rule, {**who, "lessons": [slot.key], "day": window.day, "start": window.start,
                                    "end": window.end, "reason": window.reason, "weight": weight, "lesuren": count,
                                    "cost": cost},
                             f"{en}: a preference, weight {weight} x {_lesuren_text(count)}, cost {cost}",
                             f"{nl}: een voorkeur, gewicht {weight} x {_lesuren_text(count)}, kosten {cost}",
                             weight * count)
    return units


def check_teacher_unavailable_preference(ctx: Context) -> int:
    """Per placement, teacher and preference window of theirs: the weight × the lesuren overlapping it."""
    def owners(slot):
        return [({"teacher": t}, ctx.teachers[t].unavailable) for t in slot.teachers if t in ctx.teachers]

    def words(who, slot, ws, we, why):
        t = who["teacher"]
        return (f"Teacher {t} would rather not teach {span_en(ws, we)}{why} but teaches {slot.slot_en()}",
                f"Docent {t} geeft liever geen les {span_nl(ws, we)}{why} maar geeft {slot.slot_nl()}")

    return _windows_used(ctx, "teacher_unavailable_preference", ctx.weights.teacher_unavailable_preference,
                         owners, words)


def check_group_unavailable_preference(ctx: Context) -> int:
    """Per placement, group of its lesson and preference window of the group: the weight × the lesuren
    overlapping it."""
    def owners(slot):
        groups = [(g, ctx.groups.get((slot.school.id, g))) for g in dict.fromkeys(slot.lesson.groups)]
        return [({"group": g}, group.unavailable) for g, group in groups if group is not None]

    def words(who, slot, ws, we, why):
        g = who["group"]
        return (f"Group {g} would rather have no lesson {span_en(ws, we)}{why} but has {slot.slot_en()}",
                f"Groep {g} heeft liever geen les {span_nl(ws, we)}{why} maar heeft {slot.slot_nl()}")

    return _windows_used(ctx, "group_unavailable_preference", ctx.weights.group_unavailable_preference,
                         owners, words)


def check_sme_unavailable_preference(ctx: Context) -> int:
    """Per hto'er's busy window (a lesson with travel on both sides) and preference mark of their staff id
    that it overlaps: the mark's weight; in every horizon week the lesson is taught in."""
    scale = ctx.weights.sme_unavailable_preference
    marks = defaultdict(list)
    for mark in ctx.plan.unavailable_marks:
        if not mark.hard:
            marks[mark.staff].append((window_interval(mark), mark))
    units = 0
    if not marks:
        return units
    horizon = ctx.horizon
    for person in people(ctx).values():
        for (start, end), slot, week in person.busy:  # every horizon week the lesson is taught in
            for (ms, me), mark in marks.get(person.id, []):
                if not horizon.meets_weekly((ms, me), start, end, week):
                    continue
                amount = mark.preference_weight
                units += amount
                if scale:
                    teacher = person.htos[0].teacher
                    tail_en = horizon.tail(week, "en", person.employer, person.staff)
                    tail_nl = horizon.tail(week, "nl", person.employer, person.staff)
                    ctx.soft("sme_unavailable_preference",
                             {"staff": person.id, "teacher": teacher, "lessons": [slot.key], "day": mark.day,
                              "start": mark.start, "end": mark.end, "reason": mark.reason, "weight": amount,
                              "cost": scale * amount, **horizon.week_entity(week)},
                             f"The company would rather keep {person.id} {span_en(ms, me)}{_why(mark.reason)}, but "
                             f"they are away for {slot.slot_en()} ({horizon.span(start, end, 'en')} with travel)"
                             f"{tail_en}: a preference, weight {amount}, cost {scale * amount}",
                             f"Het bedrijf houdt {person.id} liever {span_nl(ms, me)}{_why(mark.reason)}, maar hij/zij "
                             f"is weg voor {slot.slot_nl()} ({horizon.span(start, end, 'nl')} met reistijd){tail_nl}: "
                             f"een voorkeur, gewicht {amount}, kosten {scale * amount}", amount)
    return units


CHECKS = {
    "teacher_unavailable_preference": check_teacher_unavailable_preference,
    "group_unavailable_preference": check_group_unavailable_preference,
    "sme_unavailable_preference": check_sme_unavailable_preference,
}
