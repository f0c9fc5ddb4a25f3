"""Rules about where single lessons stand: placed once, consecutive, qualified, right room, locks."""

from __future__ import annotations

from collections import Counter, defaultdict

from solver.timeline import DAYS, DAYS_NL, MINUTES_PER_DAY, fmt_hhmm, parse_hhmm
from solver.validation.context import Context, Slot


def _copy_name(lesson, copy: int) -> str:
    return lesson.id if lesson.count == 1 else f"{lesson.id}#{copy}"


def check_lesson_placed(ctx: Context) -> int:
    """Every copy placed exactly once; returns the number of copies left unplaced at a tier cost."""
    rule = "lesson_placed"
    allowed = ctx.policy.allow_unplaced_lessons
    for index in ctx.unknown_lesson:
        p = ctx.timetable.placements[index]
        ctx.hard(rule, {"lesson": p.lesson, "placement": index},
                 f"Placement {index} names lesson {p.lesson}, which is not in the plan",
                 f"Plaatsing {index} noemt les {p.lesson}, die niet in het plan staat")
    placed: Counter = Counter()
    for slot in ctx.slots:
        lesson = slot.lesson
        if not 0 <= slot.copy < lesson.count:
            ctx.hard(rule, {"lesson": lesson.id, "copy": slot.copy},
                     f"Lesson {lesson.id} has no copy {slot.copy} (it is given {lesson.count} times a week)",
                     f"Les {lesson.id} heeft geen herhaling {slot.copy} (hij wordt {lesson.count} keer per week gegeven)")
            continue
        if slot.placement.school != slot.school.id:
            ctx.hard(rule, {"lessons": [slot.key], "school": slot.placement.school},
                     f"Lesson {slot.name()} is placed at school {slot.placement.school}, "
                     f"but it belongs to school {slot.school.id}",
                     f"Les {slot.name()} staat bij school {slot.placement.school}, "
                     f"maar hoort bij school {slot.school.id}")
        placed[(lesson.id, slot.copy)] += 1
    unplaced: set[tuple[str, int]] = set()
    for entry in ctx.timetable.unplaced:
        lesson = ctx.lessons.get(entry.lesson)
        if lesson is None or not 0 <= entry.copy < lesson.count:
            ctx.hard(rule, {"lesson": entry.lesson, "copy": entry.copy},
                     f"The unplaced list names lesson {entry.lesson} copy {entry.copy}, which does not exist",
                     f"De lijst met niet-ingeroosterde lessen noemt les {entry.lesson} herhaling {entry.copy}, "
                     "die niet bestaat")
            continue
        unplaced.add((lesson.id, entry.copy))
    charged = 0
    for lesson in ctx.plan.lessons:
        for copy in range(lesson.count):
            name = _copy_name(lesson, copy)
            ent = {"lesson": lesson.id, "copy": copy}
            n = placed[(lesson.id, copy)]
            listed = (lesson.id, copy) in unplaced
            if n > 1:
                ctx.hard(rule, ent, f"Lesson {name} is placed {n} times instead of once",
                         f"Les {name} staat {n} keer in het rooster in plaats van één keer", n - 1)
            if lesson.optional:  # placed once or open: vacancy_open's business
                if listed:
                    ctx.hard(rule, ent, f"Lesson {name} is optional: a copy left open is listed under "
                             "open_vacancies, not unplaced",
                             f"Les {name} is optioneel: een open les staat bij open_vacancies, niet bij unplaced")
                continue
            if n >= 1 and listed:
                ctx.hard(rule, ent, f"Lesson {name} is placed and also listed as unplaced",
                         f"Les {name} is ingeroosterd en staat ook bij de niet-ingeroosterde lessen")
            elif n == 0 and not listed:
                ctx.hard(rule, ent, f"Lesson {name} is missing: neither placed nor listed as unplaced",
                         f"Les {name} ontbreekt: niet ingeroosterd en niet als niet-ingeroosterd vermeld")
            elif n == 0 and allowed:
                charged += 1
                ctx.soft(rule, ent, f"Lesson {name} is not placed",
                         f"Les {name} is niet ingeroosterd")
            elif n == 0:
                ctx.hard(rule, ent, f"Lesson {name} is not placed",
                         f"Les {name} is niet ingeroosterd")
    return charged


def lesson_minutes(ctx: Context, lesson) -> int:
    """An optional lesson's lesson-minutes per copy: the fewest teaching minutes of any `duration`
    consecutive lesuren of one day of its school (docs/rules.md, vacancy_open)."""
    school = ctx.lesson_school[lesson.id]
    runs = [sum(end - start for start, end, _ in periods[first:first + lesson.duration])
            for (school_id, _day), periods in ctx.day_periods.items() if school_id == school.id
            for first in range(len(periods) - lesson.duration + 1)]
    return min(runs, default=0)


def check_vacancy_open(ctx: Context) -> int:
    """Each copy of an optional lesson is placed or listed once under open_vacancies, with its school and
    lesson-minutes; returns the minutes left open (each costs policy.vacancy_penalty_per_minute)."""
    rule = "vacancy_open"
    placed = Counter((slot.lesson.id, slot.copy) for slot in ctx.slots)
    listed: dict[tuple[str, int], object] = {}
    for index, entry in enumerate(ctx.timetable.open_vacancies):
        lesson = ctx.lessons.get(entry.lesson)
        ent = {"lesson": entry.lesson, "copy": entry.copy, "open_vacancy": index}
        if lesson is None or not 0 <= entry.copy < lesson.count:
            ctx.hard(rule, ent, f"Open vacancy {index} names lesson {entry.lesson} copy {entry.copy}, which does not exist",
                     f"Open vacature {index} noemt les {entry.lesson} herhaling {entry.copy}, die niet bestaat")
        elif not lesson.optional:
            ctx.hard(rule, ent, f"Lesson {_copy_name(lesson, entry.copy)} is listed as an open vacancy, but it is "
                     "not optional", f"Les {_copy_name(lesson, entry.copy)} staat als open vacature, maar is niet optioneel")
        elif (lesson.id, entry.copy) in listed:
            ctx.hard(rule, ent, f"Lesson {_copy_name(lesson, entry.copy)} is listed twice as an open vacancy",
                     f"Les {_copy_name(lesson, entry.copy)} staat twee keer als open vacature")
        else:
            listed[(lesson.id, entry.copy)] = entry
    total = 0
    for lesson in ctx.plan.lessons:
        if not lesson.optional:
            continue
        minutes, school = lesson_minutes(ctx, lesson), ctx.lesson_school[lesson.id].id
        for copy in range(lesson.count):
            name, entry = _copy_name(lesson, copy), listed.get((lesson.id, copy))
            ent = {"lesson": lesson.id, "copy": copy, "school": school, "minutes": minutes}
            if placed[(lesson.id, copy)]:
                if entry is not None:
                    ctx.hard(rule, ent, f"Lesson {name} is placed and also listed as an open vacancy",
                             f"Les {name} is ingeroosterd en staat ook als open vacature")
                continue
            total += minutes
            ctx.soft(rule, ent, f"Vacancy {name} at school {school} stays open ({minutes} lesson-minutes)",
                     f"Vacature {name} bij school {school} blijft open ({minutes} lesminuten)", minutes)
            if entry is None:
                ctx.hard(rule, ent, f"Lesson {name} is missing: neither placed nor listed as an open vacancy",
                         f"Les {name} ontbreekt: niet ingeroosterd en niet als open vacature vermeld")
            elif (entry.school, entry.minutes) != (school, minutes):
                ctx.hard(rule, ent | {"listed_school": entry.school, "listed_minutes": entry.minutes},
                         f"Open vacancy {name} is listed at school {entry.school} with {entry.minutes} minutes; "
                         f"it is at school {school} with {minutes} lesson-minutes",
                         f"Open vacature {name} staat bij school {entry.school} met {entry.minutes} minuten; "
                         f"hij hoort bij school {school} met {minutes} lesminuten")
    return total


def check_block_consecutive(ctx: Context) -> None:
    """A lesson takes its own number of consecutive periods of one day, not across a marked break."""
    rule = "block_consecutive"
    for slot in ctx.slots:
        lesson, p = slot.lesson, slot.placement
        ent = {"lessons": [slot.key], "day": p.day, "period": p.period}
        if p.duration != lesson.duration:
            ctx.hard(rule, ent,
                     f"Lesson {slot.name()} lasts {lesson.duration} lesuren, but is placed as {p.duration}",
                     f"Les {slot.name()} duurt {lesson.duration} lesuren, maar staat er als {p.duration}")
        on_day = ctx.day_periods.get((slot.school.id, slot.day), [])
        last = slot.first + lesson.duration - 1
        numbers = f"{slot.first}" if last == slot.first else f"{slot.first}-{last}"
        if slot.periods is None:
            ctx.hard(rule, ent,
                     f"Lesson {slot.name()} needs lesuur {numbers} on {p.day}, "
                     f"but school {slot.school.id} has {len(on_day)} lesuren that day",
                     f"Les {slot.name()} heeft lesuur {numbers} op {DAYS_NL[slot.day]} nodig, "
                     f"maar school {slot.school.id} heeft die dag {len(on_day)} lesuren")
            continue
        for number in range(slot.first + 1, last + 1):
            if on_day[number - 1][2]:
                ctx.hard(rule, ent | {"break_before": number},
                         f"Blokuur {slot.slot_en()} spans the marked break before lesuur {number}",
                         f"Blokuur {slot.slot_nl()} loopt over de pauze voor het {number}e uur")
        _check_times(ctx, rule, slot, ent)


def _check_times(ctx: Context, rule: str, slot: Slot, ent: dict) -> None:
    """A placement's start and end, when given, are those of its lesuren: a timetable whose times were
    edited without its slot is not what it says (the times are what people read)."""
    p = slot.placement
    wrong = [(field, given, fmt_hhmm(real)) for field, given, real in (("start", p.start, slot.start),
                                                                        ("end", p.end, slot.end))
             if given and _minutes(given) != real % MINUTES_PER_DAY]  # 24:00 and 00:00 are one time
    if wrong:
        en = ", ".join(f"{field} {given} (lesuur: {real})" for field, given, real in wrong)
        nl = ", ".join(f"{'begin' if field == 'start' else 'einde'} {given} (lesuur: {real})"
                       for field, given, real in wrong)
        ctx.hard(rule, ent | {"start": p.start, "end": p.end},
                 f"placements[{slot.index}]: lesson {slot.slot_en()} gives {en}: its times do not match its lesuren",
                 f"placements[{slot.index}]: les {slot.slot_nl()} geeft {nl}: de tijden kloppen niet met de lesuren")


def _minutes(text: str) -> int | None:
    try:
        return parse_hhmm(text) % MINUTES_PER_DAY
    except (ValueError, TypeError, AttributeError):
        return None


def check_room_fits(ctx: Context) -> None:
    """The room is of the school, allowed, of the right kind and big enough; no room if none is needed."""
    rule = "room_fits"
    for slot in ctx.slots:
        lesson, room_id = slot.lesson, slot.room
        needs = lesson.room_kind is not None or lesson.rooms is not None
        en: list[str] = []
        nl: list[str] = []
        if not needs:
            if room_id is not None:
                en.append(f"needs no room but is given room {room_id}")
                nl.append(f"heeft geen lokaal nodig maar krijgt lokaal {room_id}")
        elif room_id is None:
            en.append("needs a room but has none")
            nl.append("heeft een lokaal nodig maar heeft er geen")
        elif (slot.school.id, room_id) not in ctx.rooms:
            en.append(f"is in room {room_id}, which school {slot.school.id} does not have")
            nl.append(f"staat in lokaal {room_id}, dat school {slot.school.id} niet heeft")
        else:
            room = ctx.rooms[(slot.school.id, room_id)]
            if lesson.rooms is not None and room_id not in lesson.rooms:
                en.append(f"is in room {room_id}, not one of its rooms {', '.join(lesson.rooms)}")
                nl.append(f"staat in lokaal {room_id}, niet een van zijn lokalen {', '.join(lesson.rooms)}")
            if lesson.room_kind is not None and room.kind != lesson.room_kind:
                en.append(f"needs a {lesson.room_kind} but room {room_id} is a {room.kind}")
                nl.append(f"heeft een lokaal van soort {lesson.room_kind} nodig, maar {room_id} is {room.kind}")
            size = ctx.lesson_size(lesson)
            if room.capacity < size:
                en.append(f"has {size} pupils but room {room_id} holds {room.capacity}")
                nl.append(f"heeft {size} leerlingen maar lokaal {room_id} biedt plaats aan {room.capacity}")
        _extra_rooms_fit(ctx, slot, en, nl)
        if en:
            ctx.hard(rule, {"lessons": [slot.key], "room": room_id or ""},
                     f"Lesson {slot.slot_en()} " + "; ".join(en),
                     f"Les {slot.slot_nl()} " + "; ".join(nl))


def _extra_rooms_fit(ctx: Context, slot, en: list[str], nl: list[str]) -> None:
    """One room per entry of the lesson's extra_rooms, each of the school, listed, of its kind, big enough,
    and no room held twice by the placement."""
    wanted, given = slot.lesson.extra_rooms, slot.placement.extra_rooms
    if len(given) != len(wanted):
        en.append(f"needs {len(wanted)} extra room{'s' * (len(wanted) != 1)} but has {len(given)}")
        nl.append(f"heeft {len(wanted)} extra {'lokaal' if len(wanted) == 1 else 'lokalen'} nodig maar heeft er "
                  f"{len(given)}")
    for k, (extra, room_id) in enumerate(zip(wanted, given)):
        room = ctx.rooms.get((slot.school.id, room_id))
        if room is None:
            en.append(f"has extra room {room_id}, which school {slot.school.id} does not have")
            nl.append(f"heeft extra lokaal {room_id}, dat school {slot.school.id} niet heeft")
            continue
        if room_id in [slot.placement.room, *given[:k]]:
            en.append(f"holds room {room_id} twice")
            nl.append(f"heeft lokaal {room_id} twee keer")
        if extra.rooms is not None and room_id not in extra.rooms:
            en.append(f"has extra room {room_id}, not one of {', '.join(extra.rooms)}")
            nl.append(f"heeft extra lokaal {room_id}, niet een van {', '.join(extra.rooms)}")
        if extra.room_kind is not None and room.kind != extra.room_kind:
            en.append(f"needs an extra {extra.room_kind} but room {room_id} is a {room.kind}")
            nl.append(f"heeft een extra lokaal van soort {extra.room_kind} nodig, maar {room_id} is {room.kind}")
        if room.capacity < ctx.lesson_size(slot.lesson):
            en.append(f"has {ctx.lesson_size(slot.lesson)} pupils but extra room {room_id} holds {room.capacity}")
            nl.append(f"heeft {ctx.lesson_size(slot.lesson)} leerlingen maar extra lokaal {room_id} biedt plaats "
                      f"aan {room.capacity}")


def check_teacher_qualified(ctx: Context) -> None:
    """The teacher is the fixed one or a candidate, and may teach the subject."""
    rule = "teacher_qualified"
    for slot in ctx.slots:
        lesson, teacher_id = slot.lesson, slot.teacher
        ent = {"teacher": teacher_id, "lessons": [slot.key]}
        pool = [lesson.teacher] if lesson.teacher else list(lesson.candidates)
        if not pool or not teacher_id:
            if pool:
                ctx.hard(rule, ent, f"Lesson {slot.slot_en()} has no teacher",
                         f"Les {slot.slot_nl()} heeft geen docent")
            elif teacher_id:
                ctx.hard(rule, ent, f"Lesson {slot.slot_en()} has no teacher of its own but is given {teacher_id}",
                         f"Les {slot.slot_nl()} heeft geen eigen docent maar krijgt {teacher_id}")
            continue
        teacher = ctx.teachers.get(teacher_id)
        if teacher is None:
            ctx.hard(rule, ent, f"Lesson {slot.slot_en()} has teacher {teacher_id}, who is not in the plan",
                     f"Les {slot.slot_nl()} heeft docent {teacher_id}, die niet in het plan staat")
            continue
        if teacher_id not in pool:
            ctx.hard(rule, ent,
                     f"Teacher {teacher_id} teaches {slot.slot_en()}, but the lesson is for {', '.join(pool)}",
                     f"Docent {teacher_id} geeft {slot.slot_nl()}, maar de les is voor {', '.join(pool)}")
            continue
        hto = ctx.hto_by_teacher.get(teacher_id)
        subjects = hto.subjects if hto is not None and hto.subjects else teacher.subjects
        if subjects and lesson.subject not in subjects:
            ctx.hard(rule, ent | {"subject": lesson.subject},
                     f"Teacher {teacher_id} may not teach {lesson.subject} ({slot.slot_en()})",
                     f"Docent {teacher_id} mag geen {lesson.subject} geven ({slot.slot_nl()})")


def check_lesson_locked(ctx: Context) -> None:
    """A locked slot, room or teacher equals the current placement of that copy."""
    rule = "lesson_locked"
    for slot in ctx.slots:
        lock = slot.lesson.lock
        if not (lock.slot or lock.room or lock.teacher):
            continue
        current = next((c for c in slot.lesson.current if c.copy == slot.copy), None)
        if current is None:
            continue
        ent = {"lessons": [slot.key]}
        day = DAYS.index(current.day)
        if lock.slot and (slot.day != day or slot.first != current.period):
            ctx.hard(rule, ent | {"locked_day": current.day, "locked_period": current.period},
                     f"Lesson {slot.slot_en()} is locked at {current.day} lesuur {current.period}",
                     f"Les {slot.slot_nl()} is vastgezet op {DAYS_NL[day]} {current.period}e uur")
        if lock.room and current.room is not None and slot.room != current.room:
            ctx.hard(rule, ent | {"locked_room": current.room or ""},
                     f"Lesson {slot.slot_en()} is in room {slot.room} but is locked to room {current.room}",
                     f"Les {slot.slot_nl()} staat in lokaal {slot.room} maar is vastgezet op lokaal {current.room}")
        if lock.teacher and current.teacher is not None and slot.teacher != current.teacher:
            ctx.hard(rule, ent | {"locked_teacher": current.teacher or ""},
                     f"Lesson {slot.slot_en()} has teacher {slot.teacher} but is locked to {current.teacher}",
                     f"Les {slot.slot_nl()} heeft docent {slot.teacher} maar is vastgezet op {current.teacher}")


def check_min_days_apart(ctx: Context) -> None:
    """Any two placed copies of a lesson lie at least `min_days_apart` days apart."""
    rule = "min_days_apart"
    by_lesson: dict[str, list[Slot]] = defaultdict(list)
    for slot in ctx.slots:
        if slot.lesson.min_days_apart > 0:
            by_lesson[slot.lesson.id].append(slot)
    for slots in by_lesson.values():
        m = slots[0].lesson.min_days_apart
        for i, a in enumerate(slots):
            for b in slots[i + 1:]:
                if a.copy != b.copy and abs(a.day - b.day) < m:
                    ctx.hard(rule, {"lessons": [a.key, b.key], "min_days_apart": m},
                             f"{a.slot_en()} and {b.slot_en()} must be at least {m} days apart",
                             f"{a.slot_nl()} en {b.slot_nl()} moeten minstens {m} dagen uit elkaar liggen")


CHECKS = {  # rule name -> its check
    "block_consecutive": check_block_consecutive,
    "room_fits": check_room_fits,
    "teacher_qualified": check_teacher_qualified,
    "lesson_locked": check_lesson_locked,
    "min_days_apart": check_min_days_apart,
}
