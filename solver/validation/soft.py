"""Soft rules: each check returns its amount in units (gap periods, moves, ...); cost = weight x units."""

from __future__ import annotations

from collections import defaultdict

from solver.timeline import DAYS, DAYS_NL, MINUTES_PER_DAY, parse_hhmm
from solver.validation import preferences
from solver.validation.context import Context


def free_lesuren(count: int, language: str = "en") -> str:
    """'1 free lesuur' / '2 free lesuren'; Dutch '1 tussenuur' / '2 tussenuren'."""
    if language == "nl":
        return f"{count} tussenuur" if count == 1 else f"{count} tussenuren"
    return f"{count} free lesuur" if count == 1 else f"{count} free lesuren"


def _gaps(numbers: set[int]) -> int:
    return max(numbers) - min(numbers) + 1 - len(numbers)


def check_teacher_gaps(ctx: Context) -> int:
    """Free periods between a teacher's lessons, per teacher, school and day."""
    occupied: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for slot in ctx.timed:
        for teacher in slot.teachers:
            occupied[(teacher, slot.school.id, slot.day)].update(slot.numbers)
    units = 0
    for (teacher, school, day), numbers in sorted(occupied.items()):
        gaps = _gaps(numbers)
        units += gaps
        if gaps and ctx.weights.teacher_gaps:
            ctx.soft("teacher_gaps", {"teacher": teacher, "school": school, "day": DAYS[day]},
                     f"Teacher {teacher} has {free_lesuren(gaps)} between lessons on {DAYS[day]}",
                     f"Docent {teacher} heeft {free_lesuren(gaps, 'nl')} op {DAYS_NL[day]}", gaps)
    return units


def check_student_gaps(ctx: Context) -> int:
    """Free periods between a student set's lessons, per student set and day (tussenuren)."""
    occupied: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for slot in ctx.timed:
        for school, set_id in ctx.lesson_sets(slot.lesson):
            occupied[(school, set_id, slot.day)].update(slot.numbers)
    units = 0
    for (school, set_id, day), numbers in sorted(occupied.items()):
        gaps = _gaps(numbers)
        units += gaps
        if gaps and ctx.weights.student_gaps:
            ctx.soft("student_gaps", {"student_set": set_id, "school": school, "day": DAYS[day]},
                     f"Students of {set_id} have {free_lesuren(gaps)} between lessons on {DAYS[day]}",
                     f"Leerlingen van {set_id} hebben {free_lesuren(gaps, 'nl')} op {DAYS_NL[day]}", gaps)
    return units


def _current(slot):
    return next((c for c in slot.lesson.current if c.copy == slot.copy), None)


def check_lesson_move(ctx: Context) -> int:
    """Placed copies standing at another day or period than in the current timetable."""
    units = 0
    for slot in ctx.slots:
        current = _current(slot)
        if current is None or (current.day == DAYS[slot.day] and current.period == slot.first):
            continue
        units += 1
        if ctx.weights.lesson_move:
            ctx.soft("lesson_move", {"lessons": [slot.key]},
                     f"Lesson {slot.slot_en()} moved from {current.day} lesuur {current.period}",
                     f"Les {slot.slot_nl()} is verplaatst van {DAYS_NL[DAYS.index(current.day)]} "
                     f"{current.period}e uur")
    return units


def check_teacher_change(ctx: Context) -> int:
    """Placed copies whose current placement names another teacher."""
    units = 0
    for slot in ctx.slots:
        current = _current(slot)
        if current is None or current.teacher is None or current.teacher == slot.teacher:
            continue
        units += 1
        if ctx.weights.teacher_change:
            ctx.soft("teacher_change", {"lessons": [slot.key], "teacher": slot.teacher},
                     f"Lesson {slot.slot_en()} is taught by {slot.teacher} instead of {current.teacher}",
                     f"Les {slot.slot_nl()} wordt gegeven door {slot.teacher} in plaats van {current.teacher}")
    return units


def check_roster_change(ctx: Context) -> int:
    """Shifts added to or taken from each staff member's current roster, in each horizon week (against
    their roster of that week)."""
    horizon = ctx.horizon
    new: dict[tuple[str, str, int], set[tuple[str, str]]] = defaultdict(set)
    for entry in ctx.timetable.rosters:
        if (entry.employer, entry.staff) in ctx.staff:
            new[(entry.employer, entry.staff, entry.week)].add((entry.shift, entry.day))
    units = 0
    for (employer, staff_id), person in ctx.staff.items():
        for h in horizon.weeks_range():
            current = {(item.shift, item.day) for item in horizon.current_roster(employer, person, h)}
            mine = new.get((employer, staff_id, h), set())
            added, removed = sorted(mine - current), sorted(current - mine)
            changes = len(added) + len(removed)
            units += changes
            if changes and ctx.weights.roster_change:
                ctx.soft("roster_change",
                         {"staff": staff_id, "employer": employer, "added": [f"{s}@{d}" for s, d in added],
                          "removed": [f"{s}@{d}" for s, d in removed], **horizon.week_entity(h)},
                         f"Staff member {staff_id}: {len(added)} shift(s) added, {len(removed)} taken away"
                         f"{horizon.tail(h, 'en', employer, person)}",
                         f"Medewerker {staff_id}: {len(added)} dienst(en) erbij, {len(removed)} eraf"
                         f"{horizon.tail(h, 'nl', employer, person)}", changes)
    return units


def _school_weeks(ctx: Context, hto) -> list[tuple[int, list]]:
    """The hto'er's teaching in each school-cycle week: horizon weeks 1 .. school_span (the teaching
    repeats with the schools' cycles), each with the placements taught then."""
    horizon = ctx.horizon
    mine = [slot for slot in ctx.timed if hto.teacher in slot.teachers]
    return [(h, [slot for slot in mine if h in horizon.slot_weeks(slot)]) for h in range(1, horizon.school_span + 1)]


def check_compact_release(ctx: Context) -> int:
    """Days plus half-days on which each hto'er teaches, in each school-cycle week."""
    split = parse_hhmm(ctx.policy.halfday_split)
    horizon = ctx.horizon
    units = 0
    for hto in ctx.plan.htos:
        for h, slots in _school_weeks(ctx, hto):
            days: set[int] = set()
            halves: set[tuple[int, str]] = set()
            for slot in slots:
                days.add(slot.day)
                for start, _ in slot.periods:
                    halves.add((slot.day, "am" if start % MINUTES_PER_DAY < split else "pm"))
            amount = len(days) + len(halves)
            units += amount
            if amount and ctx.weights.compact_release:
                tail_en = horizon.tail(h, "en") if horizon.school_span > 1 else ""
                tail_nl = horizon.tail(h, "nl") if horizon.school_span > 1 else ""
                ctx.soft("compact_release", {"hto": hto.id, "teacher": hto.teacher, "days": len(days),
                                             "half_days": len(halves), **horizon.week_entity(h)},
                         f"Hto'er {hto.id} teaches on {len(days)} day(s) and {len(halves)} half-day(s){tail_en}",
                         f"Hto'er {hto.id} geeft les op {len(days)} dag(en) en {len(halves)} dagdeel/dagdelen"
                         f"{tail_nl}", amount)
    return units


def check_release_target_teaching(ctx: Context) -> int:
    """Minutes each hto'er with a target teaches below it, in each school-cycle week:
    max(0, target - teaching minutes)."""
    horizon = ctx.horizon
    units = 0
    for hto in ctx.plan.htos:
        target = hto.release.target_teaching_minutes
        if not target:
            continue
        for h, slots in _school_weeks(ctx, hto):
            taught = sum(slot.teaching_minutes for slot in slots)
            short = max(0, target - taught)
            units += short
            if short and ctx.weights.release_target_teaching:
                tail_en = horizon.tail(h, "en") if horizon.school_span > 1 else ""
                tail_nl = horizon.tail(h, "nl") if horizon.school_span > 1 else ""
                ctx.soft("release_target_teaching", {"hto": hto.id, "teacher": hto.teacher, "minutes": taught,
                                                     "target": target, **horizon.week_entity(h)},
                         f"Hto'er {hto.id} teaches {taught} minutes a week{tail_en}, {short} below the target of "
                         f"{target}",
                         f"Hto'er {hto.id} geeft {taught} minuten per week les{tail_nl}, {short} onder het doel van "
                         f"{target}", short)
    return units


def check_teacher_preference(ctx: Context) -> int:
    """Placed copies of a lesson with preferred teachers that another candidate teaches."""
    units = 0
    for slot in ctx.slots:
        preferred = slot.lesson.preferred_teachers
        if not preferred or slot.teacher in preferred:
            continue
        units += 1
        if ctx.weights.teacher_preference:
            wanted = ", ".join(preferred)
            ctx.soft("teacher_preference", {"lessons": [slot.key], "teacher": slot.teacher, "preferred": preferred},
                     f"Lesson {slot.slot_en()} is taught by {slot.teacher}; the school prefers {wanted}",
                     f"Les {slot.slot_nl()} wordt gegeven door {slot.teacher}; de school heeft liever {wanted}")
    return units


CHECKS = {
    "teacher_gaps": check_teacher_gaps,
    "student_gaps": check_student_gaps,
    "lesson_move": check_lesson_move,
    "teacher_change": check_teacher_change,
    "roster_change": check_roster_change,
    "compact_release": check_compact_release,
    **preferences.CHECKS,  # the preference windows and marks (level "preference")
    "release_target_teaching": check_release_target_teaching,
    "teacher_preference": check_teacher_preference,
}
