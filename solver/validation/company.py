"""Hto'er and employer rules: work vs lessons, marks, staffing, rosters, release agreement."""

from __future__ import annotations

from collections import Counter, defaultdict

from solver.timeline import DAYS, DAYS_NL, DAYS_PER_WEEK, MINUTES_PER_DAY, day_index, parse_hhmm
from solver.validation import staffing
from solver.validation.context import Context, shift_interval, window_interval
from solver.validation.intervals import overlapping_pairs
from solver.validation.people import people


def check_hto_no_lesson_during_work(ctx: Context) -> None:
    """No busy window (lesson with travel on both sides) overlaps the hto'er's company work; the
    timetable's person-minutes released per employer add up its rosters' released windows."""
    _check_released_report(ctx)
    horizon = ctx.horizon
    for person in people(ctx).values():
        for (start, end), slot, week in person.busy:
            minutes = horizon.overlap(person.work, start, end)
            if minutes:
                ws, we = horizon.first_overlap(person.work, start, end)
                teacher = person.htos[0].teacher
                ctx.hard("hto_no_lesson_during_work",
                         {"staff": person.id, "teacher": teacher, "lessons": [slot.key], **horizon.week_entity(week)},
                         f"Hto'er {teacher} works at the company {horizon.span(ws, we, 'en')} but is away for "
                         f"{slot.slot_en()} with travel ({horizon.span(start, end, 'en')})"
                         f"{horizon.tail(week, 'en', person.employer, person.staff)}",
                         f"Hto'er {teacher} werkt op het bedrijf {horizon.span(ws, we, 'nl')} maar is weg voor "
                         f"{slot.slot_nl()} met reistijd ({horizon.span(start, end, 'nl')})"
                         f"{horizon.tail(week, 'nl', person.employer, person.staff)}", minutes)


def check_sme_unavailable_mark(ctx: Context) -> None:
    """No busy window of an hto'er overlaps an unavailable mark of their staff id (in any horizon week:
    a mark holds every week)."""
    horizon = ctx.horizon
    marks: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for mark in ctx.plan.unavailable_marks:
        if not mark.hard:
            continue  # a preference mark costs (solver/validation/preferences.py), it does not forbid
        base = day_index(mark.day) * MINUTES_PER_DAY
        marks[mark.staff].append((base + parse_hhmm(mark.start), base + parse_hhmm(mark.end), mark.reason))
    for person in people(ctx).values():
        for (start, end), slot, week in person.busy:
            hit = next((m for m in marks.get(person.id, []) if horizon.meets_weekly(m, start, end, week)), None)
            if hit:
                reason = f" ({hit[2]})" if hit[2] else ""
                tail_en = horizon.tail(week, "en", person.employer, person.staff)
                tail_nl = horizon.tail(week, "nl", person.employer, person.staff)
                ctx.hard("sme_unavailable_mark", {"staff": person.id, "teacher": person.htos[0].teacher,
                                                 "lessons": [slot.key], **horizon.week_entity(week)},
                         f"The company marked {horizon.span(hit[0], hit[1], 'en')} as a time {person.id} cannot "
                         f"leave{reason}, but they are away for {slot.slot_en()}{tail_en}",
                         f"Het bedrijf heeft {horizon.span(hit[0], hit[1], 'nl')} gemarkeerd als tijd waarop "
                         f"{person.id} niet weg kan{reason}, maar hij/zij is weg voor {slot.slot_nl()}{tail_nl}")


def check_staffing_demand(ctx: Context) -> int:
    """Person-minutes short in the demand windows; hard unless the policy allows output loss.

    Each person present fills at most one window at a time. Time is cut at every boundary of the
    employer's windows and of their staff's work; on each piece the people present are matched to the
    places the active windows ask for (max flow), one connected group of windows and people at a time.
    A window that shares nobody with another is reported per window, as its own shortfall; windows
    that share people are reported together, per stretch of time, naming who was there. Over the
    horizon: every window in every horizon week it applies in (solver/validation/staffing.py)."""
    report = ctx.soft if ctx.policy.allow_output_loss else ctx.hard
    by_employer = defaultdict(list)
    for person in people(ctx).values():
        by_employer[person.employer].append(person)
    return sum(staffing.shortfall(ctx, employer, by_employer[employer.id], report) for employer in ctx.plan.employers)


def check_staff_one_shift_at_a_time(ctx: Context) -> None:
    """A staff member's shift instances do not overlap (on the circle over a horizon of several weeks)."""
    horizon = ctx.horizon
    for person in people(ctx).values():
        items = [(a, b, k) for k, i in enumerate(person.instances) for a, b in horizon.pieces(*i.interval)]
        for a, b in sorted(set(overlapping_pairs(items))):
            x, y = person.instances[a], person.instances[b]
            ctx.hard("staff_one_shift_at_a_time",
                     {"staff": person.id, "shifts": [f"{x.shift.id}@{x.entry.day}", f"{y.shift.id}@{y.entry.day}"],
                      **horizon.week_entity(x.week)},
                     f"Staff member {person.id} works two shifts at once: {x.shift.id} "
                     f"({horizon.span(*x.interval, 'en')}) and {y.shift.id} ({horizon.span(*y.interval, 'en')})"
                     f"{horizon.tail(x.week, 'en', person.employer, person.staff)}",
                     f"Medewerker {person.id} werkt twee diensten tegelijk: {x.shift.id} "
                     f"({horizon.span(*x.interval, 'nl')}) en {y.shift.id} ({horizon.span(*y.interval, 'nl')})"
                     f"{horizon.tail(x.week, 'nl', person.employer, person.staff)}")


def _check_roster_entries(ctx: Context, rule: str) -> None:
    """Every roster entry names known staff, a shift of their employer on a day (and horizon week) it runs."""
    horizon = ctx.horizon
    for entry in ctx.timetable.rosters:
        ent = {"employer": entry.employer, "staff": entry.staff, "shift": entry.shift, "day": entry.day,
               **horizon.week_entity(entry.week)}
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
        elif entry.week > horizon.weeks:
            weeks = f"{horizon.weeks} week{'s' if horizon.weeks > 1 else ''}"
            ctx.hard(rule, ent, f"Staff member {entry.staff} has shift {entry.shift} in week {entry.week}, but the "
                                f"plan's horizon has {weeks}",
                     f"Medewerker {entry.staff} heeft dienst {entry.shift} in week {entry.week}, maar de horizon van "
                     f"het plan is {horizon.weeks} {'weken' if horizon.weeks > 1 else 'week'}")
        elif not horizon.runs_in(entry.employer, shift, entry.week):
            k = horizon.employer_week(entry.employer, entry.week)
            ctx.hard(rule, ent, f"Staff member {entry.staff} has shift {entry.shift} in week {entry.week} of the "
                                f"horizon, week {k} of {entry.employer}'s rotation, when it does not run",
                     f"Medewerker {entry.staff} heeft dienst {entry.shift} in week {entry.week} van de horizon, week "
                     f"{k} van de rotatie van {entry.employer}, wanneer die dienst niet draait")


def check_reroster_keeps_contract(ctx: Context) -> None:
    """Known staff and shifts on running days; fixed staff keep their roster, others their hours; in each
    horizon week, against the person's current roster of that week."""
    rule = "reroster_keeps_contract"
    horizon = ctx.horizon
    _check_roster_entries(ctx, rule)
    for (employer, staff_id), person in people(ctx).items():
        staff = person.staff
        for h in horizon.weeks_range():
            ent = {"employer": employer, "staff": staff_id, **horizon.week_entity(h)}
            tail_en, tail_nl = (horizon.tail(h, lang, employer, staff) for lang in ("en", "nl"))
            current = horizon.current_roster(employer, staff, h)
            if not staff.may_reroster:
                new = Counter((e.shift, e.day) for e in person.entries if e.week == h)
                old = Counter((item.shift, item.day) for item in current)
                diff = sum(((new - old) + (old - new)).values())
                if diff:
                    ctx.hard(rule, ent, f"Staff member {staff_id} may not be re-rostered, but {diff} shift(s) differ "
                             f"from the current roster{tail_en}",
                             f"Medewerker {staff_id} mag niet verroosterd worden, maar {diff} dienst(en) wijken af "
                             f"van het huidige rooster{tail_nl}", diff)
                continue
            worked = sum(i.interval[1] - i.interval[0] for i in person.instances if i.week == h)
            if staff.contract_hours is not None:
                target = round(staff.contract_hours * 60)
            else:
                target = 0
                for item in current:
                    shift = ctx.shifts.get((employer, item.shift))
                    if shift is not None:
                        s, e = shift_interval(shift, item.day)
                        target += e - s
            if worked != target:
                ctx.hard(rule, ent | {"worked_minutes": worked, "contract_minutes": target},
                         f"Staff member {staff_id} is rostered {worked} minutes, but their contract is {target} "
                         f"minutes{tail_en}",
                         f"Medewerker {staff_id} staat {worked} minuten ingeroosterd, maar het contract is {target} "
                         f"minuten{tail_nl}", abs(worked - target))


def _hto_slots(ctx: Context, hto):
    return [slot for slot in ctx.slots if hto.teacher in slot.teachers]


def teaching_weeks(ctx: Context, hto) -> list[tuple[list[int], int, str, str]]:
    """Per different teaching week of an hto'er: (horizon weeks, teaching minutes, the phrase naming the
    weeks in en and nl with a space before it; '' when they are every week of the horizon)."""
    horizon = ctx.horizon
    out = []
    for weeks, slots in horizon.teaching_weeks(_hto_slots(ctx, hto)):
        every = len(weeks) == horizon.weeks
        tails = ("", "") if every else (horizon.tail(weeks, "en"), horizon.tail(weeks, "nl"))
        out.append((weeks, sum(s.teaching_minutes for s in slots), *tails))
    return out


def check_release_agreement(ctx: Context) -> None:
    """An hto'er teaches only on the agreed days and at most the agreed minutes a week (each week of the
    horizon); the timetable's teaching minutes per hto'er are those of the placements."""
    _check_teaching_report(ctx)
    for hto in ctx.plan.htos:
        slots = _hto_slots(ctx, hto)
        for day in sorted({s.day for s in slots}):
            if DAYS[day % DAYS_PER_WEEK] not in hto.release.allowed_days:  # tue2 is a Tuesday
                ctx.hard("release_agreement", {"hto": hto.id, "teacher": hto.teacher, "day": DAYS[day]},
                         f"Hto'er {hto.id} teaches on {DAYS[day]}, which is not an agreed release day",
                         f"Hto'er {hto.id} geeft les op {DAYS_NL[day]}, geen afgesproken lesdag")
        limit = hto.release.max_teaching_minutes_per_week
        for weeks, minutes, tail_en, tail_nl in teaching_weeks(ctx, hto):
            if limit is not None and minutes > limit:
                ctx.hard("release_agreement", {"hto": hto.id, "teacher": hto.teacher, "minutes": minutes,
                                               **_weeks_entity(ctx, weeks)},
                         f"Hto'er {hto.id} teaches {minutes} minutes a week{tail_en}, more than the agreed {limit}",
                         f"Hto'er {hto.id} geeft {minutes} minuten per week les{tail_nl}, meer dan de afgesproken "
                         f"{limit}", minutes - limit)


def _weeks_entity(ctx: Context, weeks: list[int]) -> dict:
    return {"weeks": weeks} if ctx.horizon.circular else {}


def check_release_min_teaching(ctx: Context) -> None:
    """An hto'er with an agreed minimum teaches at least that many minutes a week (each week of the horizon)."""
    for hto in ctx.plan.htos:
        need = hto.release.min_teaching_minutes
        if not need:
            continue
        for weeks, minutes, tail_en, tail_nl in teaching_weeks(ctx, hto):
            if minutes < need:
                ctx.hard("release_min_teaching", {"hto": hto.id, "teacher": hto.teacher, "minutes": minutes,
                                                  **_weeks_entity(ctx, weeks)},
                         f"Hto'er {hto.id} teaches {minutes} minutes a week{tail_en}, less than the agreed minimum "
                         f"of {need}",
                         f"Hto'er {hto.id} geeft {minutes} minuten per week les{tail_nl}, minder dan het afgesproken "
                         f"minimum van {need}", need - minutes)


def _check_teaching_report(ctx: Context) -> None:
    """The timetable's hto_teaching entries say what the placements and the plan say (release_agreement)."""
    htos = {h.id: h for h in ctx.plan.htos}
    seen: set[str] = set()
    for index, entry in enumerate(ctx.timetable.hto_teaching):
        hto = htos.get(entry.hto)
        ent = {"hto": entry.hto, "hto_teaching": index}
        if hto is None or entry.hto in seen:
            ctx.hard("release_agreement", ent,
                     f"hto_teaching[{index}] names hto'er {entry.hto}, who is not in the plan or is listed twice",
                     f"hto_teaching[{index}] noemt hto'er {entry.hto}, die niet in het plan staat of dubbel staat")
            continue
        seen.add(entry.hto)
        release = hto.release
        true = (hto.teacher, hto.employer, sum(s.teaching_minutes for s in _hto_slots(ctx, hto)),
                release.min_teaching_minutes, release.target_teaching_minutes, release.max_teaching_minutes_per_week)
        given = (entry.teacher, entry.employer, entry.minutes, entry.min_minutes, entry.target_minutes,
                 entry.max_minutes)
        if given != true:
            ctx.hard("release_agreement", ent | {"minutes": entry.minutes, "placed_minutes": true[2]},
                     f"hto_teaching[{index}] reports hto'er {hto.id} (teacher, employer, minutes, min, target, max) "
                     f"as {given}, but the placements and the plan give {true}",
                     f"hto_teaching[{index}] meldt voor hto'er {hto.id} (docent, werkgever, minuten, minimum, doel, "
                     f"maximum) {given}, maar de plaatsingen en het plan geven {true}")


def _check_released_report(ctx: Context) -> None:
    """The timetable's released entries add up the released windows of each employer's rosters
    (hto_no_lesson_during_work: the release is what the lessons and travel take from a shift)."""
    minutes: dict[str, int] = defaultdict(int)
    for entry in ctx.timetable.rosters:
        for w in entry.released:
            start, end = window_interval(w)
            minutes[entry.employer] += end - start
    seen: set[str] = set()
    for index, entry in enumerate(ctx.timetable.released):
        ent = {"employer": entry.employer, "released": index, "person_minutes": entry.person_minutes}
        if entry.employer not in ctx.employers or entry.employer in seen:
            ctx.hard("hto_no_lesson_during_work", ent,
                     f"released[{index}] names employer {entry.employer}, who is not in the plan or is listed twice",
                     f"released[{index}] noemt werkgever {entry.employer}, die niet in het plan staat of dubbel staat")
        elif entry.person_minutes != minutes.get(entry.employer, 0):
            ctx.hard("hto_no_lesson_during_work", ent | {"released_minutes": minutes.get(entry.employer, 0)},
                     f"released[{index}] reports {entry.person_minutes} person-minutes released at {entry.employer}, "
                     f"but its rosters' released windows add up to {minutes.get(entry.employer, 0)}",
                     f"released[{index}] meldt {entry.person_minutes} vrijgestelde persoonsminuten bij "
                     f"{entry.employer}, maar de vrijgestelde tijdvakken van de roosters tellen op tot "
                     f"{minutes.get(entry.employer, 0)}")
        seen.add(entry.employer)


def check_unqualified_teaching_limit(ctx: Context) -> None:
    """An unqualified hto'er teaches at most the policy's minutes a week (6 klokuren), each week of the horizon."""
    limit = ctx.policy.unqualified_max_teaching_minutes
    for hto in ctx.plan.htos:
        if hto.qualification != "unqualified":
            continue
        for weeks, minutes, tail_en, tail_nl in teaching_weeks(ctx, hto):
            if minutes > limit:
                ctx.hard("unqualified_teaching_limit", {"hto": hto.id, "teacher": hto.teacher, "minutes": minutes,
                                                        **_weeks_entity(ctx, weeks)},
                         f"Hto'er {hto.id} has no teaching qualification and teaches {minutes} minutes a week"
                         f"{tail_en}, more than {limit}",
                         f"Hto'er {hto.id} is onbevoegd en geeft {minutes} minuten per week les{tail_nl}, meer dan "
                         f"{limit}", minutes - limit)


CHECKS = {  # rule name -> its check
    "hto_no_lesson_during_work": check_hto_no_lesson_during_work,
    "sme_unavailable_mark": check_sme_unavailable_mark,
    "staff_one_shift_at_a_time": check_staff_one_shift_at_a_time,
    "reroster_keeps_contract": check_reroster_keeps_contract,
    "release_agreement": check_release_agreement,
    "unqualified_teaching_limit": check_unqualified_teaching_limit,
    "release_min_teaching": check_release_min_teaching,
}
