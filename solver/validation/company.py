"""Hto'er and employer rules: work vs lessons, marks, staffing, rosters, release agreement."""

from __future__ import annotations

from collections import Counter, defaultdict

from solver.timeline import DAYS, DAYS_NL, MINUTES_PER_DAY, day_index, parse_hhmm
from solver.validation.context import (
    Context, Interval, shift_interval, span_en, span_nl, when_en, window_interval,
)
from solver.validation.intervals import overlap_minutes, overlapping_pairs
from solver.validation.people import people


def _first_overlap(intervals, start: int, end: int):
    return next(((s, e) for s, e in intervals if s < end and start < e), None)


def check_hto_no_lesson_during_work(ctx: Context) -> None:
    """No busy window (lesson with travel on both sides) overlaps the hto'er's company work; the
    timetable's person-minutes released per employer add up its rosters' released windows."""
    _check_released_report(ctx)
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
        if not mark.hard:
            continue  # a preference mark costs (solver/validation/preferences.py), it does not forbid
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
    """Person-minutes short in the demand windows; hard unless the policy allows output loss.

    Each person present fills at most one window at a time. Time is cut at every boundary of the
    employer's windows and of their staff's work; on each piece the people present are matched to the
    places the active windows ask for (max flow), one connected group of windows and people at a time.
    A window that shares nobody with another is reported per window, as its own shortfall; windows
    that share people are reported together, per stretch of time, naming who was there."""
    report = ctx.soft if ctx.policy.allow_output_loss else ctx.hard
    by_employer = defaultdict(list)
    for person in people(ctx).values():
        by_employer[person.employer].append(person)
    total_short = 0
    for employer in ctx.plan.employers:
        demands = employer.demand
        windows = [shift_interval(d, d.day) for d in demands]
        staff = by_employer[employer.id]
        own = [0] * len(demands)  # person-minutes short of a window that shared nobody
        runs: list[list] = []  # [start, end, windows, people, places, filled] of windows sharing people
        for lo, hi in _pieces(windows, staff):
            active = [k for k, (a, b) in enumerate(windows) if a <= lo and hi <= b]
            present = [p for p in staff if overlap_minutes(p.work, lo, hi)] if active else []
            for group, persons in _connected(active, present, demands):
                places = sum(demands[k].min_staff for k in group)
                filled = _max_assignment(group, persons, demands)
                if filled >= places:
                    continue
                total_short += (places - filled) * (hi - lo)
                if len(group) == 1:
                    own[group[0]] += (places - filled) * (hi - lo)
                    continue
                ids = [p.id for p in persons]
                last = next((r for r in reversed(runs) if r[2] == group and r[3] == ids), None)
                if last is not None and last[1] == lo:
                    last[1] = hi
                else:
                    runs.append([lo, hi, group, ids, places, filled])
        for k, short in enumerate(own):
            if short:
                _window_short(report, employer.id, demands[k], windows[k], short)
        skills = {p.id: p.staff.skills for p in staff}
        for lo, hi, group, ids, places, filled in runs:
            _shared_short(report, employer.id, [demands[k] for k in group], (lo, hi),
                          [(i, skills[i]) for i in ids], places, filled)
    return total_short


def _label(demand) -> str:
    return f"'{demand.name}' " if demand.name else ""


def _window_short(report, employer_id: str, demand, window: Interval, short: int) -> None:
    ent = {"employer": employer_id, "skill": demand.skill, "day": demand.day,
           "start": demand.start, "end": demand.end, "min_staff": demand.min_staff}
    en = (f"Staffing window {_label(demand)}at {employer_id} ({span_en(*window)}, {demand.min_staff} x "
          f"{demand.skill}) is {short} person-minutes short")
    nl = (f"Bezettingsvenster {_label(demand)}bij {employer_id} ({span_nl(*window)}, {demand.min_staff} x "
          f"{demand.skill}) komt {short} persoonsminuten tekort")
    report("staffing_demand", ent, en, nl, short)


def _shared_short(report, employer_id: str, demands: list, span: Interval, present: list[tuple[str, list[str]]],
                  places: int, filled: int) -> None:
    """Windows that share people, short together on `span`: who was there and how many places they fill."""
    short = (places - filled) * (span[1] - span[0])
    asked = [f"{_label(d)}({d.min_staff} x {d.skill})" for d in demands]
    there = ", ".join(f"{staff_id} ({'/'.join(skills)})" for staff_id, skills in present)
    ent = {"employer": employer_id, "from": when_en(span[0]), "to": when_en(span[1]), "span": list(span),
           "windows": [{"name": d.name, "skill": d.skill, "day": d.day, "start": d.start, "end": d.end,
                        "min_staff": d.min_staff} for d in demands],
           "present": [staff_id for staff_id, _ in present], "places": places, "filled": filled}
    en = (f"Staffing windows {' and '.join(asked)} at {employer_id}, {span_en(*span)}: {places} places, but "
          f"the people there, {there}, fill only {filled}, each one place at a time; {short} person-minutes short")
    nl = (f"Bezettingsvensters {' en '.join(asked)} bij {employer_id}, {span_nl(*span)}: {places} plaatsen, maar "
          f"de aanwezigen, {there}, vullen er maar {filled}, ieder één plaats tegelijk; {short} persoonsminuten tekort")
    report("staffing_demand", ent, en, nl, short)


def _pieces(windows: list[Interval], staff) -> list[Interval]:
    """Time cut at every window boundary and every boundary of the staff's company work."""
    points = {x for w in windows for x in w} | {x for p in staff for iv in p.work for x in iv}
    points = sorted(points)
    return list(zip(points, points[1:]))


def _connected(active: list[int], present, demands) -> list[tuple[list[int], list]]:
    """The active windows in groups linked by present people who have the skills of both, with those people."""
    groups, seen = [], set()
    for first in active:
        if first in seen:
            continue
        seen.add(first)
        group, mine, to_visit = [first], set(), [first]
        while to_visit:
            k = to_visit.pop()
            for i, p in enumerate(present):
                if i in mine or demands[k].skill not in p.staff.skills:
                    continue
                mine.add(i)
                for j in active:
                    if j not in seen and demands[j].skill in p.staff.skills:
                        seen.add(j)
                        group.append(j)
                        to_visit.append(j)
        groups.append((sorted(group), [p for i, p in enumerate(present) if i in mine]))
    return groups


def _max_assignment(group: list[int], persons, demands) -> int:
    """How many places of the windows `group` the persons fill, each at most one (augmenting paths)."""
    holders = {k: [] for k in group}

    def place(i: int, tried: set[int]) -> bool:
        for k in group:
            if k in tried or demands[k].skill not in persons[i].staff.skills:
                continue
            tried.add(k)
            if len(holders[k]) < demands[k].min_staff:
                holders[k].append(i)
                return True
            for other in list(holders[k]):
                if place(other, tried):
                    holders[k].remove(other)
                    holders[k].append(i)
                    return True
        return False

    return sum(place(i, set()) for i in range(len(persons)))


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
    """An hto'er teaches only on the agreed days and at most the agreed minutes a week; the timetable's
    teaching minutes per hto'er are those of the placements."""
    _check_teaching_report(ctx)
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


def check_release_min_teaching(ctx: Context) -> None:
    """An hto'er with an agreed minimum teaches at least that many minutes a week."""
    for hto in ctx.plan.htos:
        need = hto.release.min_teaching_minutes
        if not need:
            continue
        minutes = sum(s.teaching_minutes for s in _hto_slots(ctx, hto))
        if minutes < need:
            ctx.hard("release_min_teaching", {"hto": hto.id, "teacher": hto.teacher, "minutes": minutes},
                     f"Hto'er {hto.id} teaches {minutes} minutes a week, less than the agreed minimum of {need}",
                     f"Hto'er {hto.id} geeft {minutes} minuten per week les, minder dan het afgesproken minimum "
                     f"van {need}", need - minutes)


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
    "release_min_teaching": check_release_min_teaching,
}
