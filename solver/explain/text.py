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
from solver.explain.text_history import HISTORY_TEXT
from solver.explain.words import (
    count_of, days_text, find_hto, find_lesson, find_staff, join_and, lesson_label, lesson_teachers, lessons_in,
    min_teaching_minutes, minutes_text, name_of, person_name, possessive_nl, roster_text, teacher_name,
    week_span, when_text, window_text, windows_text,
)
from solver.rules import RULES, hours_number, times_a_week, rule_text
from solver.timeline import DAY_NAMES_EN, DAY_NAMES_NL, day_index, parse_hhmm


# --- one sentence per rule ---------------------------------------------------------------------------

Text = tuple[dict, str, str]


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


def _release_agreement(plan, key, keys) -> Text:
    hto = find_hto(plan, key[1])
    name = hto.name or teacher_name(plan, hto.teacher)
    days = [day_index(d) for d in hto.release.allowed_days]
    nl = f"Afspraak met {possessive_nl(name)} werkgever: lesgeven alleen op {days_text(days, 'nl')}"
    en = f"Agreement with {name}'s employer: teaching only on {days_text(days, 'en')}"
    limit = hto.release.max_teaching_minutes_per_week
    if limit is not None:
        nl += f", hooguit {minutes_text(limit, 'nl')} per week"
        en += f", at most {minutes_text(limit, 'en')} a week"
    entities = {"hto": key[1], "teacher": hto.teacher, "allowed_days": list(hto.release.allowed_days),
                "max_teaching_minutes_per_week": limit}
    return entities, nl + ".", en + "."


def _release_min(plan, key, keys) -> Text:
    hto = find_hto(plan, key[1])
    name = hto.name or teacher_name(plan, hto.teacher)
    need = hto.release.min_teaching_minutes
    nl = f"Afspraak met {possessive_nl(name)} werkgever: minstens {minutes_text(need, 'nl')} per week lesgeven."
    en = f"Agreement with {name}'s employer: teaching at least {minutes_text(need, 'en')} a week."
    return {"hto": key[1], "teacher": hto.teacher, "min_teaching_minutes": need}, nl, en


def _unqualified(plan, key, keys) -> Text:
    hto = find_hto(plan, key[1])
    name = hto.name or teacher_name(plan, hto.teacher)
    limit = plan.policy.unqualified_max_teaching_minutes
    lessons = lessons_in(plan, keys, lambda le: le.teacher == hto.teacher)
    asked = sum(min_teaching_minutes(plan, le) for le in lessons)
    hours_nl, hours_en = hours_number(limit, "nl"), hours_number(limit, "en")
    clock_nl = f" ({count_of(hours_nl, 'hour', 'nl')})" if hours_nl else ""
    clock_en = f" ({count_of(hours_en, 'hour', 'en')})" if hours_en else ""
    nl = f"{name} is onbevoegd en mag hooguit {count_of(limit, 'minute', 'nl')}{clock_nl} per week lesgeven"
    en = f"{name} is unqualified and may teach at most {count_of(limit, 'minute', 'en')}{clock_en} a week"
    if lessons:
        nl += f"; de lessen hier vragen minstens {count_of(asked, 'minute', 'nl')}"
        en += f"; the lessons here need at least {count_of(asked, 'minute', 'en')}"
    return {"hto": key[1], "teacher": hto.teacher, "limit_minutes": limit, "asked_minutes": asked}, nl + ".", en + "."


def _sme_mark(plan, key, keys) -> Text:
    mark = plan.unavailable_marks[key[1]]
    employer, _ = find_staff(plan, mark.staff)
    name = person_name(plan, mark.staff)
    company = name_of(employer) if employer else ""
    why_nl = f" ({mark.reason})" if mark.reason else ""
    nl = f"De planner van {company} heeft {name} gemarkeerd als niet weg te missen op " \
         f"{window_text(mark.day, mark.start, mark.end, 'nl')}{why_nl}: een harde blokkade, geen voorkeur."
    en = f"{company}'s planner marked {name} as not able to leave on " \
         f"{window_text(mark.day, mark.start, mark.end, 'en')}{why_nl}: a hard block, not a preference."
    return {"mark": key[1], "staff": mark.staff, "day": mark.day, "start": mark.start, "end": mark.end,
            "reason": mark.reason, "level": mark.level}, nl, en


def _shifts_in(employer, person, demand, lang: str) -> str:
    """The person's current shifts that overlap a demand window, e.g. 'vroege dienst 06:00–14:00'."""
    shifts = {s.id: s for s in employer.shifts}
    a, b = week_span(day_index(demand.day), demand.start, demand.end, demand.crosses_midnight)
    out = []
    for item in person.roster:
        shift = shifts[item.shift]
        x, y = week_span(day_index(item.day), shift.start, shift.end, shift.crosses_midnight)
        if x < b and a < y:
            out.append(f"{name_of(shift)} {window_text(item.day, shift.start, shift.end, lang)}")
    return ", ".join(out)


def _shared_windows(employer, demand, skilled) -> list:
    """The employer's other windows overlapping `demand` in time that ask a skill some of `skilled`
    also have, with those people: the one place each person fills may go to either (rule staffing_demand)."""
    a, b = week_span(day_index(demand.day), demand.start, demand.end, demand.crosses_midnight)
    out = []
    for other in employer.demand:
        if other is demand or other.skill == demand.skill:
            continue
        x, y = week_span(day_index(other.day), other.start, other.end, other.crosses_midnight)
        ids = [p.id for p in skilled if other.skill in p.skills]
        if x < b and a < y and ids:
            out.append((other, ids))
    return out


def _staffing_demand(plan, key, keys) -> Text:
    employer = next(e for e in plan.employers if e.id == key[1])
    demand = employer.demand[key[2]]
    day = day_index(demand.day)
    skilled = [p for p in employer.staff if demand.skill in p.skills]
    who_nl, who_en = [], []
    for person in skilled:
        is_hto = any(h.staff == person.id for h in plan.htos)
        tag = " (hto'er)" if is_hto else ""
        shifts_nl = _shifts_in(employer, person, demand, "nl")
        shifts_en = _shifts_in(employer, person, demand, "en")
        flex_nl = ", mag verroosterd worden" if person.may_reroster else ""
        flex_en = ", may be re-rostered" if person.may_reroster else ""
        who_nl.append(f"{person_name(plan, person.id)}{tag}: {shifts_nl or 'geen dienst'}{flex_nl}")
        who_en.append(f"{person_name(plan, person.id)}{tag}: {shifts_en or 'no shift'}{flex_en}")
    window_nl = f"{DAY_NAMES_NL[day]} {demand.start}–{demand.end}"
    window_en = f"{DAY_NAMES_EN[day]} {demand.start}–{demand.end}"
    people_nl = "1 persoon" if demand.min_staff == 1 else f"{demand.min_staff} mensen"
    people_en = "1 person" if demand.min_staff == 1 else f"{demand.min_staff} people"
    nl = (f"Bij {name_of(employer)} moet op {window_nl} minstens {people_nl} met vaardigheid "
          f"'{demand.skill}' aan het werk zijn (geen productieverlies); die vaardigheid hebben: "
          + ("; ".join(who_nl) or "niemand") + ".")
    en = (f"At {name_of(employer)}, {people_en} with skill '{demand.skill}' must be at work on "
          f"{window_en} (no output loss); with that skill: " + ("; ".join(who_en) or "nobody") + ".")
    shared = _shared_windows(employer, demand, skilled)
    if shared:
        needed = "; ".join(f"'{other.skill}' {other.start}–{other.end} ({', '.join(person_name(plan, p) for p in ids)})"
                           for other, ids in shared)
        nl += f" Ieder vult één plaats tegelijk, en tegelijk is er ook vraag naar: {needed}."
        en += f" Each fills one place at a time, and at the same time they are also needed for: {needed}."
    return {"employer": key[1], "demand": key[2], "skill": demand.skill, "day": demand.day,
            "start": demand.start, "end": demand.end, "min_staff": demand.min_staff,
            "skilled_staff": [p.id for p in skilled]}, nl, en


def _staff_rule(plan, key, keys) -> Text:
    _, person = find_staff(plan, key[1])
    name = person_name(plan, key[1])
    if key[0] == "reroster_keeps_contract":
        hours = person.contract_hours
        nl = f"{name} wordt verroosterd maar houdt " \
             f"{'zijn of haar huidige uren' if hours is None else count_of(hours, 'contract_hour', 'nl')}."
        en = f"{name} may be re-rostered but keeps " \
             f"{'their current hours' if hours is None else count_of(hours, 'contract_hour', 'en')}."
    else:
        nl, en = f"{name} werkt hooguit één dienst tegelijk.", f"{name} works at most one shift at a time."
    return {"staff": key[1]}, nl, en


_ATW = {
    "atw_max_shift_duration": ("een dienst (al het werk tussen twee rustpauzes van {dienst_rest}, lessen en "
                               "reistijd meegeteld) duurt hooguit {max_shift}",
                               "a dienst (all work between two rests of {dienst_rest}, lessons and travel included) "
                               "lasts at most {max_shift}"),
    "atw_night_shift_duration": ("een nachtdienst (meer dan {night_min} werk tussen {night_start} en {night_end}, "
                                 "lessen en reistijd meegeteld) duurt hooguit {max_night}",
                                 "a night dienst (more than {night_min} of work between {night_start} and "
                                 "{night_end}, lessons and travel included) lasts at most {max_night}"),
    "atw_max_week": ("hooguit {max_week} werk per week, diensten, lessen en reistijd samen",
                     "at most {max_week} of work a week, shifts, lessons and travel together"),
    "atw_daily_rest": ("na een dienst {daily} rust{short}",
                       "{daily} of rest after a dienst{short}"),
    "atw_rest_after_night": ("na een nachtdienst die na {late} eindigt {night} rust, na {series} of meer nachten "
                             "{series_rest}",
                             "{night} of rest after a night shift ending after {late}, {series_rest} after "
                             "{series}+ nights"),
    "atw_weekly_rest": ("{weekly} aaneengesloten rust in de week",
                        "{weekly} of uninterrupted rest in the week"),
    "atw_breaks": ("een dienst met meer dan {break_after} werk (lessen en reistijd meegeteld) heeft minstens "
                   "{break_total} pauze, met meer dan {long_break_after} minstens {long_break_total}, in pauzes "
                   "van minstens {break_block} binnen de dienst",
                   "a dienst with more than {break_after} of work (lessons and travel included) has at least "
                   "{break_total} of break, with more than {long_break_after} at least {long_break_total}, in "
                   "pauses of at least {break_block} inside the dienst"),
}


def _atw(plan, key, keys) -> Text:
    policy = plan.policy
    name = person_name(plan, key[1])
    shorter = policy.daily_rest_short_per_week
    values = {lang: {
        "dienst_rest": minutes_text(policy.dienst_separating_rest_minutes, lang),
        "max_shift": minutes_text(policy.max_shift_minutes, lang),
        "max_week": minutes_text(policy.max_week_minutes, lang),
        "daily": minutes_text(policy.daily_rest_minutes, lang),
        "short": f" ({times_a_week(shorter, lang)} {minutes_text(policy.daily_rest_short_minutes, lang)})"
        if shorter else "",
        "late": policy.night_rest_after_end,
        "night": minutes_text(policy.night_rest_minutes, lang),
        "series": policy.night_series_length,
        "series_rest": minutes_text(policy.night_series_rest_minutes, lang),
        "weekly": minutes_text(policy.weekly_rest_minutes, lang),
        "max_night": minutes_text(policy.max_night_dienst_minutes, lang),
        "night_min": minutes_text(policy.night_min_work_in_window_minutes, lang),
        "night_start": policy.night_window_start,
        "night_end": policy.night_window_end,
        "break_after": minutes_text(policy.break_after_minutes, lang),
        "break_total": minutes_text(policy.break_minutes, lang),
        "long_break_after": minutes_text(policy.long_break_after_minutes, lang),
        "long_break_total": minutes_text(policy.long_break_minutes, lang),
        "break_block": minutes_text(policy.break_min_block_minutes, lang),
    } for lang in ("nl", "en")}
    rule_nl, rule_en = _ATW[key[0]]
    nl = f"Arbeidstijdenwet voor {name}: {rule_nl.format(**values['nl'])}; {name} werkt {roster_text(plan, key[1], 'nl')}"
    en = f"Working Hours Act for {name}: {rule_en.format(**values['en'])}; {name} works {roster_text(plan, key[1], 'en')}"
    if key[0] == "atw_breaks":
        nl += _pauses_text(plan, key[1], "nl")
        en += _pauses_text(plan, key[1], "en")
    if key[0] == "atw_rest_after_night":
        rests = _night_rests(plan, key[1])
        if rests:
            nl += ", dus rust tot " + ", ".join(when_text(m, "nl") for m in rests)
            en += ", so rest until " + ", ".join(when_text(m, "en") for m in rests)
    return {"staff": key[1]}, nl + ".", en + "."


def _pauses_text(plan: Plan, staff_id: str, lang: str) -> str:
    """', met pauze 12:00–12:45 in dagdienst' / ', zonder opgegeven pauzes' for the rostered shifts."""
    employer, person = find_staff(plan, staff_id)
    if person is None:
        return ""
    rostered = {item.shift for item in person.roster}
    parts = [f"{p.start}–{p.end} {'in' if lang == 'nl' else 'in the'} {name_of(s)}"
             for s in employer.shifts if s.id in rostered for p in s.pauses]
    if not parts:
        return ", zonder opgegeven pauzes" if lang == "nl" else ", with no declared pauses"
    word = ("pauze" if len(parts) == 1 else "pauzes") if lang == "nl" else ("pause" if len(parts) == 1 else "pauses")
    return f", {'met' if lang == 'nl' else 'with'} {word} {join_and(parts, lang)}"


def _night_rests(plan: Plan, staff_id: str) -> list[int]:
    """When the night rest (14 h) after each current night shift that ends late (after 02:00) is over
    (week minutes)."""
    employer, person = find_staff(plan, staff_id)
    if person is None:
        return []
    policy = plan.policy
    shifts = {s.id: s for s in employer.shifts}
    out = []
    for item in person.roster:
        shift = shifts[item.shift]
        start, end = week_span(day_index(item.day), shift.start, shift.end, shift.crosses_midnight)
        if shift.crosses_midnight and parse_hhmm(shift.end) > parse_hhmm(policy.night_rest_after_end):
            out.append(end + policy.night_rest_minutes)
    return sorted(out)


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
    nl = f"Extra regel {key[1] + 1}{title}: {rule_text(key[0], plan.policy, 'nl') if known else key[0]} Voor: {about_nl}."
    en = f"Extra constraint {key[1] + 1}{title}: {rule_text(key[0], plan.policy) if known else key[0]} For: {about_en}."
    return {"constraint": key[1], "type": key[0], **constraint.model_dump(mode="json", exclude_none=True)}, nl, en


_TEXT: dict[str, Callable] = {
    "lesson_placed": _lesson_placed, "group_no_clash": _group_no_clash, "teacher_no_clash": _teacher_no_clash,
    "room_no_clash": _room_no_clash, "room_unavailable": _room_unavailable, "room_fits": _room_fits,
    "teacher_unavailable": _teacher_unavailable, "group_unavailable": _group_unavailable,
    "lesson_locked": _lesson_locked, "min_days_apart": _min_days_apart, "block_consecutive": _block_consecutive,
    "teacher_max_periods_per_day": _teacher_limit, "teacher_max_days_per_week": _teacher_limit,
    "release_agreement": _release_agreement, "unqualified_teaching_limit": _unqualified,
    "release_min_teaching": _release_min,
    "sme_unavailable_mark": _sme_mark, "staffing_demand": _staffing_demand,
    "staff_one_shift_at_a_time": _staff_rule, "reroster_keeps_contract": _staff_rule,
    **{name: _atw for name in _ATW},
    **HISTORY_TEXT,  # the Atw rules over several weeks
}


def describe(plan: Plan, key: tuple, keys: list[tuple]) -> Text:
    """(entities, Dutch sentence, English sentence) for one guard key of an explanation."""
    make = _TEXT.get(key[0], _extra)
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

