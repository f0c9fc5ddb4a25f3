"""Hto'er and employer rules: work vs lessons, marks, staffing, rosters, release agreement."""

from __future__ import annotations

from collections import Counter, defaultdict

from solver.timeline import DAYS, DAYS_NL, MINUTES_PER_DAY, day_index, parse_hhmm
from solver.validation.context import Context, shift_interval, span_en, span_nl
from solver.validation.intervals import overlap_minutes, overlapping_pairs, shortfall
from solver.validation.people import people


def _first_overlap(intervals, start: int, end: int):
    return next(((s, e) for s, e in intervals if s < end and start < e), None)


def check_hto_no_lesson_during_work(ctx: Context) -> None:
    """No busy window (lesson with travel on both sides) overlaps the hto'er's company work."""
    for person in people(ctx).values():
        for (start, end), slot in person.busy:
            minutes = overlap_minutes(person.work, start, end)
            if minutes:
                ws, we = _first_overlap(person.work, start, end)
                ctx.hard("hto_no_lesson_during_work",
                         {"staff": person.id, "teacher": person.htos[0].teacher, "lessons": [slot.key]},
                         f"Hto'er {person.htos[0].teacher} works at the company {span_en(ws, we)} but is away for "
                         f"{slot.slot_en()} with travel ({span_en(start, end)})",
                         f"Hto'er {person.htos[0].teacher} werkt op het bedrijf {span_nl(ws, we)} maar is weg voor "
                         f"{slot.slot_nl()} met reistijd ({span_nl(start, end)})", minutes)


def check_sme_unavailable_mark(ctx: Context) -> None:
    """No busy window of an hto'er overlaps an unavailable mark of their staff id."""
    marks: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for mark in ctx.plan.unavailable_marks:
        base = day_index(mark.day) * MINUTES_PER_DAY
        marks[mark.staff].append((base + parse_hhmm(mark.start), base + parse_hhmm(mark.end), mark.reason))
    for person in people(ctx).values():
        for (start, end), slot in person.busy:
            hit = next((m for m in marks.get(person.id, []) if m[0] < end and start < m[1]), None)
            if hit:
                reason = f" ({hit[2]})" if hit[2] else ""
                ctx.hard("sme_unavailable_mark", {"staff": person.id, "teacher": person.htos[0].teacher,
                                                 "lessons": [slot.key]},
                         f"The company marked {span_en(hit[0], hit[1])} as a time {person.id} cannot leave{reason}, "
                         f"but they are away for {slot.slot_en()}",
                         f"Het bedrijf heeft {span_nl(hit[0], hit[1])} gemarkeerd als tijd waarop {person.id} "
                         f"niet weg kan{reason}, maar hij/zij is weg voor {slot.slot_nl()}")


def check_staffing_demand(ctx: Context) -> int:
    """Person-minutes short in the demand windows; hard unless the policy allows output loss."""
    allowed = ctx.policy.allow_output_loss
    by_employer = defaultdict(list)
    for person in people(ctx).values():
        by_employer[person.employer].append(person)
    total_short = 0
    for employer in ctx.plan.employers:
        for demand in employer.demand:
            window = shift_interval(demand, demand.day)
            covers = [p.work for p in by_employer[employer.id] if demand.skill in p.staff.skills]
            short = shortfall(window, demand.min_staff, covers)
            if not short:
                continue
            total_short += short
            label = f"'{demand.name}' " if demand.name else ""
            ent = {"employer": employer.id, "skill": demand.skill, "day": demand.day,
                   "start": demand.start, "end": demand.end, "min_staff": demand.min_staff}
            en = (f"Staffing window {label}at {employer.id} ({span_en(*window)}, {demand.min_staff} x "
                  f"{demand.skill}) is {short} person-minutes short")
            nl = (f"Bezettingsvenster {label}bij {employer.id} ({span_nl(*window)}, {demand.min_staff} x "
                  f"{demand.skill}) komt {short} persoonsminuten tekort")
            (ctx.soft if allowed else ctx.hard)("staffing_demand", ent, en, nl, short)
    return total_short


def check_staff_one_shift_at_a_time(ctx: Context) -> None:
    """A staff member's shift instances do not overlap."""
    for person in people(ctx).values():
        items = [(i.interval[0], i.interval[1], k) for k, i in enumerate(person.instances)]
        for a, b in sorted(overlapping_pairs(items)):
            x, y = person.instances[a], person.instances[b]
            ctx.hard("staff_one_shift_at_a_time",
                     {"staff": person.id, "shifts": [f"{x.shift.id}@{x.entry.day}", f"{y.shift.id}@{y.entry.day}"]},
                     f"Staff member {person.id} works two shifts at once: {x.shift.id} ({span_en(*x.interval)}) "
                     f"and {y.shift.id} ({span_en(*y.interval)})",
                     f"Medewerker {person.id} werkt twee diensten tegelijk: {x.shift.id} ({span_nl(*x.interval)}) "
                     f"en {y.shift.id} ({span_nl(*y.interval)})")


def check_reroster_keeps_contract(ctx: Context) -> None:
    """Known staff and shifts on running days; fixed staff keep their roster, others their hours."""
    rule = "reroster_keeps_contract"
    for entry in ctx.timetable.rosters:
        ent = {"employer": entry.employer, "staff": entry.staff, "shift": entry.shift, "day": entry.day}
        shift = ctx.shifts.get((entry.employer, entry.shift))
        if (entry.employer, entry.staff) not in ctx.staff:
            ctx.hard(rule, ent, f"The roster names staff member {entry.staff} at {entry.employer}, who is not in the plan",
                     f"Het rooster noemt medewerker {entry.staff} bij {entry.employer}, die niet in het plan staat")
        elif shift is None:
            ctx.hard(rule, ent, f"Staff member {entry.staff} has shift {entry.shift}, which {entry.employer} does not have",
                     f"Medewerker {entry.staff} heeft dienst {entry.shift}, die {entry.employer} niet heeft")
        elif entry.day not in shift.days:
            ctx.hard(rule, ent, f"Staff member {entry.staff} has shift {entry.shift} on {entry.day}, when it does not run",
                     f"Medewerker {entry.staff} heeft dienst {entry.shift} op {DAYS_NL[DAYS.index(entry.day)]}, "
                     "wanneer die dienst niet draait")
    for (employer, staff_id), person in people(ctx).items():
        staff = person.staff
        ent = {"employer": employer, "staff": staff_id}
        if not staff.may_reroster:
            new = Counter((e.shift, e.day) for e in person.entries)
            old = Counter((item.shift, item.day) for item in staff.roster)
            diff = sum(((new - old) + (old - new)).values())
            if diff:
                ctx.hard(rule, ent, f"Staff member {staff_id} may not be re-rostered, but {diff} shift(s) differ "
                         "from the current roster",
                         f"Medewerker {staff_id} mag niet verroosterd worden, maar {diff} dienst(en) wijken af "
                         "van het huidige rooster", diff)
            continue
        worked = sum(i.interval[1] - i.interval[0] for i in person.instances)
        if staff.contract_hours is not None:
            target = round(staff.contract_hours * 60)
        else:
            target = 0
            for item in staff.roster:
                shift = ctx.shifts.get((employer, item.shift))
                if shift is not None:
                    s, e = shift_interval(shift, item.day)
                    target += e - s
        if worked != target:
            ctx.hard(rule, ent | {"worked_minutes": worked, "contract_minutes": target},
                     f"Staff member {staff_id} is rostered {worked} minutes, but their contract is {target} minutes",
                     f"Medewerker {staff_id} staat {worked} minuten ingeroosterd, maar het contract is {target} minuten",
                     abs(worked - target))


def _hto_slots(ctx: Context, hto):
    return [slot for slot in ctx.slots if hto.teacher in slot.teachers]


def check_release_agreement(ctx: Context) -> None:
    """An hto'er teaches only on the agreed days and at most the agreed minutes a week."""
    for hto in ctx.plan.htos:
        slots = _hto_slots(ctx, hto)
        for day in sorted({s.day for s in slots}):
            if DAYS[day] not in hto.release.allowed_days:
                ctx.hard("release_agreement", {"hto": hto.id, "teacher": hto.teacher, "day": DAYS[day]},
                         f"Hto'er {hto.id} teaches on {DAYS[day]}, which is not an agreed release day",
                         f"Hto'er {hto.id} geeft les op {DAYS_NL[day]}, geen afgesproken lesdag")
        limit = hto.release.max_teaching_minutes_per_week
        minutes = sum(s.teaching_minutes for s in slots)
        if limit is not None and minutes > limit:
            ctx.hard("release_agreement", {"hto": hto.id, "teacher": hto.teacher, "minutes": minutes},
                     f"Hto'er {hto.id} teaches {minutes} minutes a week, more than the agreed {limit}",
                     f"Hto'er {hto.id} geeft {minutes} minuten per week les, meer dan de afgesproken {limit}",
                     minutes - limit)


def check_unqualified_teaching_limit(ctx: Context) -> None:
    """An unqualified hto'er teaches at most the policy's minutes a week (6 klokuren)."""
    limit = ctx.policy.unqualified_max_teaching_minutes
    for hto in ctx.plan.htos:
        if hto.qualification != "unqualified":
            continue
        minutes = sum(s.teaching_minutes for s in _hto_slots(ctx, hto))
        if minutes > limit:
            ctx.hard("unqualified_teaching_limit", {"hto": hto.id, "teacher": hto.teacher, "minutes": minutes},
                     f"Hto'er {hto.id} has no teaching qualification and teaches {minutes} minutes a week, "
                     f"more than {limit}",
                     f"Hto'er {hto.id} is onbevoegd en geeft {minutes} minuten per week les, meer dan {limit}",
                     minutes - limit)


CHECKS = {  # rule name -> its check
    "hto_no_lesson_during_work": check_hto_no_lesson_during_work,
    "sme_unavailable_mark": check_sme_unavailable_mark,
    "staff_one_shift_at_a_time": check_staff_one_shift_at_a_time,
    "reroster_keeps_contract": check_reroster_keeps_contract,
    "release_agreement": check_release_agreement,
    "unqualified_teaching_limit": check_unqualified_teaching_limit,
}
