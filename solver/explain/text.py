"""Plain Dutch and English for the items of an explanation (solver/explain/conflicts.py).

`describe(plan, key, keys)` turns one guard key — (rule, ids ...) — into (entities, nl, en), naming
the concrete lesson, groups, teachers, shifts with their days and times, marks with their reason
and staffing windows. `keys` are the other items of the same explanation, so a sentence can say
how much the lessons in it ask for (e.g. 22 lesuren for 2A in a week of 20). Numbers of the law
come from the plan's policy. The words (names, days, times, rosters) are solver/explain/words.py.
"""

from __future__ import annotations

from collections.abc import Callable

from solver.domain import Plan, hard_windows
from solver.explain.text_company import COMPANY_TEXT
from solver.explain.text_history import HISTORY_TEXT
from solver.explain.text_weeks import plan_in_week, split_week, week_sentence
from solver.explain.words import (
    Text, count_of, days_text, find_lesson, join_and, lesson_label, lesson_teachers, lessons_in, name_of,
    teacher_name, window_text, windows_text,
)
from solver.rules import RULES, rule_text
from solver.timeline import DAY_NAMES_EN, DAY_NAMES_NL, day_index


# --- one sentence per rule ---------------------------------------------------------------------------


def _lesson_placed(plan, key, keys) -> Text:
    lesson = find_lesson(plan, key[1])
    nl = f"{lesson_label(plan, key[1], long=True)} moet ingeroosterd worden."
    en = f"{lesson_label(plan, key[1], long=True, lang='en')} must be placed."
    return {"lesson": key[1], "subject": lesson.subject, "groups": list(lesson.groups),
            "teachers": lesson_teachers(lesson), "count": lesson.count, "duration": lesson.duration}, nl, en


def _set_groups(plan: Plan, set_id: str) -> list[str]:
    out = []
    for school in plan.schools:
        for group in school.groups:
            if group.id == set_id and not group.student_sets or set_id in group.student_sets:
                out.append(group.id)
    return out


def _group_no_clash(plan, key, keys) -> Text:
    set_id = key[1]
    groups = _set_groups(plan, set_id)
    names = join_and([name_of(g) for s in plan.schools for g in s.groups if g.id in groups], "nl") or set_id
    names_en = join_and([name_of(g) for s in plan.schools for g in s.groups if g.id in groups], "en") or set_id
    lessons = lessons_in(plan, keys, lambda le: any(g in groups for g in le.groups))
    asked = sum(le.count * le.duration for le in lessons)
    week = len(plan.lesson_school(lessons[0]).periods) if lessons else 0
    nl = f"Groep {names} heeft hooguit één les tegelijk"
    en = f"Group {names_en} has at most one lesson at a time"
    if lessons:
        nl += f"; de lessen hier vragen samen {count_of(asked, 'period', 'nl')}, de week heeft er {week}"
        en += f"; the lessons here need {count_of(asked, 'period', 'en')} together, the week has {week}"
    entities = {"student_set": set_id, "groups": groups, "lesson_periods": asked, "week_periods": week}
    return entities, nl + ".", en + "."


def _teacher_no_clash(plan, key, keys) -> Text:
    name = teacher_name(plan, key[1])
    lessons = lessons_in(plan, keys, lambda le: key[1] in lesson_teachers(le))
    asked = sum(le.count * le.duration for le in lessons)
    nl, en = f"{name} geeft hooguit één les tegelijk", f"{name} teaches at most one lesson at a time"
    if len(lessons) > 1:
        nl += f"; de lessen hier vragen samen {count_of(asked, 'period', 'nl')} van {name}"
        en += f"; the lessons here need {count_of(asked, 'period', 'en')} of {name} together"
    return {"teacher": key[1], "lesson_periods": asked}, nl + ".", en + "."


def _rooms(key) -> tuple[str, list[str]]:
    return key[1], list(key[2:])


def _room_no_clash(plan, key, keys) -> Text:
    school, rooms = _rooms(key)
    n = len(rooms)
    nl = f"Lokaal {rooms[0]} heeft hooguit één les tegelijk." if n == 1 else \
        f"De lokalen {join_and(rooms, 'nl')} hebben samen hooguit {n} lessen tegelijk."
    en = f"Room {rooms[0]} holds at most one lesson at a time." if n == 1 else \
        f"Rooms {join_and(rooms, 'en')} hold at most {n} lessons at a time together."
    return {"school": school, "rooms": rooms}, nl, en


def _room_unavailable(plan, key, keys) -> Text:
    school_id, rooms = _rooms(key)
    school = next(s for s in plan.schools if s.id == school_id)
    windows = [w for r in school.rooms if r.id in rooms for w in r.unavailable]
    nl = f"Lokaal {join_and(rooms, 'nl')} is niet beschikbaar: {windows_text(windows, 'nl')}"
    en = f"Room {join_and(rooms, 'en')} is unavailable: {windows_text(windows, 'en')}"
    return {"school": school_id, "rooms": rooms}, nl + ".", en + "."


def _room_fits(plan, key, keys) -> Text:
    lesson = find_lesson(plan, key[1])
    school = plan.lesson_school(lesson)
    label, label_en = lesson_label(plan, key[1]), lesson_label(plan, key[1], lang="en")
    from solver.compile.rooms import extra_compatible  # the extra rooms' rule exactly as compile applies it

    for extra in lesson.extra_rooms:
        if not extra_compatible(extra, lesson, school):
            of_kind = (f" van soort '{extra.room_kind}'", f" of kind '{extra.room_kind}'") if extra.room_kind else ("", "")
            wanted_nl = join_and(extra.rooms, "nl") if extra.rooms else f"een lokaal{of_kind[0]}"
            wanted_en = join_and(extra.rooms, "en") if extra.rooms else f"a room{of_kind[1]}"
            entities = {"lesson": key[1], "school": school.id, "extra_rooms": list(extra.rooms or []),
                        "room_kind": extra.room_kind}
            return (entities, f"{label} heeft tegelijk ook {wanted_nl} nodig (extra lokaal), en daarvan past er geen.",
                    f"{label_en} also needs {wanted_en} at the same time (an extra room), and none of them fits.")
    kind = lesson.room_kind
    of_kind = [r for r in school.rooms if kind is None or r.kind == kind]
    entities = {"lesson": key[1], "room_kind": kind, "school": school.id}
    if kind is not None and not of_kind:
        nl = f"{label} heeft een lokaal van soort '{kind}' nodig, maar {name_of(school)} heeft er geen."
        en = f"{label_en} needs a room of kind '{kind}', but {name_of(school)} has none."
        return entities, nl, en
    if lesson.rooms is not None:
        allowed = [r.id for r in of_kind if r.id in lesson.rooms]
        if not allowed:
            nl = f"{label} mag alleen in {join_and(lesson.rooms, 'nl')}, en geen daarvan is van soort '{kind}'."
            en = f"{label_en} may only use {join_and(lesson.rooms, 'en')}, and none of them is of kind '{kind}'."
            entities["rooms"] = list(lesson.rooms)
            return entities, nl, en
        of_kind = [r for r in of_kind if r.id in lesson.rooms]
    from solver.compile.rooms import lesson_size  # the size rule exactly as compile applies it

    size = lesson_size(school, lesson)
    biggest = max((r.capacity for r in of_kind), default=0)
    entities.update(size=size, largest_capacity=biggest)
    if biggest < size:
        nl = (f"{label} heeft {count_of(size, 'student', 'nl')}, maar het grootste passende lokaal heeft "
              f"{count_of(biggest, 'seat', 'nl')}.")
        en = f"{label_en} has {count_of(size, 'student', 'en')}, but the largest fitting room seats {biggest}."
        return entities, nl, en
    nl = f"{label} heeft een passend lokaal nodig (soort '{kind}', {count_of(size, 'student', 'nl')})."
    en = f"{label_en} needs a fitting room (kind '{kind}', {count_of(size, 'student', 'en')})."
    return entities, nl, en


def _blocks(windows) -> tuple[list, str, str]:
    """The hard windows (a preference never makes a plan infeasible) and them in words, with reasons."""
    hard = hard_windows(windows)
    texts = {lang: ", ".join(window_text(w.day, w.start, w.end, lang) + (f" ({w.reason})" if getattr(w, "reason", "")
                                                                         else "") for w in hard)
             for lang in ("nl", "en")}
    return hard, texts["nl"], texts["en"]


def _window_entities(windows) -> list[dict]:
    return [{"day": w.day, "start": w.start, "end": w.end, "reason": w.reason} for w in windows]


def _teacher_unavailable(plan, key, keys) -> Text:
    teacher = next(t for t in plan.teachers if t.id == key[1])
    name = name_of(teacher)
    hard, when_nl, when_en = _blocks(teacher.unavailable)
    nl = f"{name} is niet beschikbaar (een harde blokkade): {when_nl}."
    en = f"{name} is unavailable (a hard block): {when_en}."
    return {"teacher": key[1], "level": "hard", "windows": _window_entities(hard)}, nl, en


def _group_unavailable(plan, key, keys) -> Text:
    group = next(g for s in plan.schools for g in s.groups if g.id == key[1])
    hard, when_nl, when_en = _blocks(group.unavailable)
    nl = f"Groep {name_of(group)} is niet beschikbaar (een harde blokkade): {when_nl}."
    en = f"Group {name_of(group)} is unavailable (a hard block): {when_en}."
    return {"group": key[1], "level": "hard", "windows": _window_entities(hard)}, nl, en


def _lesson_locked(plan, key, keys) -> Text:
    lesson = find_lesson(plan, key[1])
    label, label_en = lesson_label(plan, key[1]), lesson_label(plan, key[1], lang="en")
    parts_nl, parts_en = [], []
    for p in sorted(lesson.current, key=lambda p: p.copy):
        last = p.period + lesson.duration - 1
        numbers = f"{p.period}" if last == p.period else f"{p.period}–{last}"
        nl_bits, en_bits = [], []
        if lesson.lock.slot:
            nl_bits.append(f"{DAY_NAMES_NL[day_index(p.day)]} lesuur {numbers}")
            en_bits.append(f"{DAY_NAMES_EN[day_index(p.day)]} period {numbers}")
        if lesson.lock.teacher and p.teacher:
            nl_bits.append(f"docent {teacher_name(plan, p.teacher)}")
            en_bits.append(f"teacher {teacher_name(plan, p.teacher)}")
        if lesson.lock.room and p.room:
            nl_bits.append(f"lokaal {p.room}")
            en_bits.append(f"room {p.room}")
        parts_nl.append(", ".join(nl_bits))
        parts_en.append(", ".join(en_bits))
    nl = f"{label} staat vast op {'; '.join(parts_nl)}."
    en = f"{label_en} is locked to {'; '.join(parts_en)}."
    return {"lesson": key[1], "current": [p.model_dump(mode='json') for p in lesson.current]}, nl, en


def _min_days_apart(plan, key, keys) -> Text:
    lesson = find_lesson(plan, key[1])
    days = sorted({p.day for p in plan.lesson_school(lesson).periods}, key=day_index)
    m = lesson.min_days_apart
    nl = (f"De {count_of(lesson.count, 'copy', 'nl')} {lesson_label(plan, key[1])} liggen minstens "
          f"{count_of(m, 'day', 'nl')} uit elkaar; de school heeft les op {days_text([day_index(d) for d in days], 'nl')}.")
    en = (f"The {count_of(lesson.count, 'copy', 'en')} of {lesson_label(plan, key[1], lang='en')} lie at least "
          f"{count_of(m, 'day', 'en')} apart; the school teaches on {days_text([day_index(d) for d in days], 'en')}.")
    return {"lesson": key[1], "count": lesson.count, "min_days_apart": m}, nl, en


def _block_consecutive(plan, key, keys) -> Text:
    lesson = find_lesson(plan, key[1])
    nl = f"Het blokuur {lesson_label(plan, key[1])} ({count_of(lesson.duration, 'period', 'nl')}) mag niet over een pauze heen."
    en = (f"The block {lesson_label(plan, key[1], lang='en')} ({count_of(lesson.duration, 'period', 'en')}) may not "
          "span a marked break.")
    return {"lesson": key[1], "duration": lesson.duration}, nl, en


def _teacher_limit(plan, key, keys) -> Text:
    teacher = next(t for t in plan.teachers if t.id == key[1])
    name = name_of(teacher)
    if key[0] == "teacher_max_periods_per_day":
        n = teacher.max_periods_per_day
        nl = f"{name} geeft hooguit {count_of(n, 'period', 'nl')} per dag."
        en = f"{name} teaches at most {count_of(n, 'period', 'en')} a day."
    else:
        n = teacher.max_days_per_week
        nl = f"{name} geeft op hooguit {count_of(n, 'day', 'nl')} per week les."
        en = f"{name} teaches on at most {count_of(n, 'day', 'en')} a week."
    return {"teacher": key[1], "limit": n}, nl, en


def _extra(plan, key, keys) -> Text:
    constraint = plan.constraints[key[1]]
    named = getattr(constraint, "lessons", None) or [x for x in (getattr(constraint, "first", None),
                                                                  getattr(constraint, "second", None)) if x]
    about_nl = join_and([lesson_label(plan, x) for x in named], "nl")
    about_en = join_and([lesson_label(plan, x, lang="en") for x in named], "en")
    owners = [teacher_name(plan, t) for t in getattr(constraint, "teachers", [])] + list(getattr(constraint, "groups", []))
    if owners:
        about_nl = join_and(owners, "nl") + (f" ({about_nl})" if about_nl else "")
        about_en = join_and(owners, "en") + (f" ({about_en})" if about_en else "")
    title = f" '{constraint.name}'" if constraint.name else ""
    known = key[0] in RULES
    more_nl, more_en = _scoped_more(constraint)
    nl = (f"Extra regel {key[1] + 1}{title}: {rule_text(key[0], plan.policy, 'nl') if known else key[0]}{more_nl} "
          f"Voor: {about_nl}.")
    en = (f"Extra constraint {key[1] + 1}{title}: {rule_text(key[0], plan.policy) if known else key[0]}{more_en} "
          f"For: {about_en}.")
    return {"constraint": key[1], "type": key[0], **constraint.model_dump(mode="json", exclude_none=True)}, nl, en


def _scoped_more(constraint) -> tuple[str, str]:
    """What a scoped rule's XHSTT fields add (docs/rules.md, 'Cost functions'): its days, a minimum a day."""
    nl = en = ""
    least = getattr(constraint, "min_periods", 0) if constraint.type == "max_periods_per_day" else 0
    if least:
        nl += f" En minstens {count_of(least, 'period', 'nl')} op een dag met les."
        en += f" And at least {count_of(least, 'period', 'en')} on a day with lessons."
    days = getattr(constraint, "days", [])
    if days:
        nl += f" Alleen op {days_text([day_index(d) for d in days], 'nl')}."
        en += f" Only on {days_text([day_index(d) for d in days], 'en')}."
    return nl, en


_TEXT: dict[str, Callable] = {
    "lesson_placed": _lesson_placed, "group_no_clash": _group_no_clash, "teacher_no_clash": _teacher_no_clash,
    "room_no_clash": _room_no_clash, "room_unavailable": _room_unavailable, "room_fits": _room_fits,
    "teacher_unavailable": _teacher_unavailable, "group_unavailable": _group_unavailable,
    "lesson_locked": _lesson_locked, "min_days_apart": _min_days_apart, "block_consecutive": _block_consecutive,
    "teacher_max_periods_per_day": _teacher_limit, "teacher_max_days_per_week": _teacher_limit,
    **COMPANY_TEXT,  # employers, hto'ers and the Atw on the merged week
    **HISTORY_TEXT,  # the Atw rules over several weeks
}


def describe(plan: Plan, key: tuple, keys: list[tuple]) -> Text:
    """(entities, Dutch sentence, English sentence) for one guard key of an explanation; a key that ends
    with a horizon week (solver/explain/text_weeks.py) names that week and the rosters of that week."""
    base, week = split_week(plan, key)
    make = _TEXT.get(base[0], _extra)
    if week is not None:
        return week_sentence(plan, base, week, make(plan_in_week(plan, week), base, keys))
    return make(plan, key, keys)


def headline(plan: Plan, keys: list[tuple]) -> tuple[str, str]:
    """One line above the items: which lessons do not fit."""
    lessons = [k[1] for k in keys if k[0] == "lesson_placed"]
    if len(lessons) == 1:
        return (f"{lesson_label(plan, lessons[0], long=True)} past nergens:",
                f"{lesson_label(plan, lessons[0], long=True, lang='en')} fits nowhere:")
    if lessons:
        nl = join_and([lesson_label(plan, x) for x in lessons], "nl")
        en = join_and([lesson_label(plan, x, lang="en") for x in lessons], "en")
        return f"Deze {len(lessons)} lessen passen niet samen: {nl}.", f"These {len(lessons)} lessons do not fit together: {en}."
    return "Deze regels kunnen niet tegelijk gelden:", "These rules cannot all hold at once:"

