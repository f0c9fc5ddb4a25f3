"""Plain Dutch and English for the company side of an explanation: the release agreement, teaching
limits, the SME planner's marks, staffing windows, rosters and the Arbeidstijdenwet on the merged week
(the part of solver/explain/text.py about employers and hto'ers)."""

from __future__ import annotations

from solver.domain import Plan
from solver.explain.words import (
    Text, count_of, days_text, find_hto, find_staff, join_and, lessons_in, min_teaching_minutes, minutes_text,
    name_of, person_name, possessive_nl, roster_text, teacher_name, week_span, when_text, window_text,
)
from solver.rules import hours_number, times_a_week
from solver.timeline import DAY_NAMES_EN, DAY_NAMES_NL, day_index, parse_hhmm


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


COMPANY_TEXT = {
    "release_agreement": _release_agreement, "unqualified_teaching_limit": _unqualified,
    "release_min_teaching": _release_min,
    "sme_unavailable_mark": _sme_mark, "staffing_demand": _staffing_demand,
    "staff_one_shift_at_a_time": _staff_rule, "reroster_keeps_contract": _staff_rule,
    **{name: _atw for name in _ATW},
}
