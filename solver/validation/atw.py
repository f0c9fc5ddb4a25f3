"""Arbeidstijdenwet on the merged week (shifts + lessons + travel) of hto'ers and re-rosterable staff."""

from __future__ import annotations

from dataclasses import dataclass

from solver.timeline import MINUTES_PER_DAY, WEEK_MINUTES, parse_hhmm
from solver.validation.context import Context, Interval, span_en, span_nl, when_en, when_nl
from solver.validation.intervals import free_gaps, merge, overlap_minutes, total
from solver.validation.people import Person, people


def _diensten(work: list[Interval], separating_rest: int) -> list[list[Interval]]:
    """Maximal runs of work intervals in which each gap to the next is shorter than the separating rest."""
    runs: list[list[Interval]] = []
    for interval in work:
        if runs and interval[0] - runs[-1][-1][1] < separating_rest:
            runs[-1].append(interval)
        else:
            runs.append([interval])
    return runs


def _night_minutes(interval: Interval, night_start: int, night_end: int) -> int:
    start, end = interval
    minutes = 0
    for day in range(start // MINUTES_PER_DAY - 1, end // MINUTES_PER_DAY + 1):
        ws, we = day * MINUTES_PER_DAY + night_start, day * MINUTES_PER_DAY + night_end
        minutes += max(0, min(end, we) - max(start, ws))
    return minutes


def _shift_work(instance) -> list[Interval]:
    """A shift instance without its declared pauses: pauses are not working time (Atw)."""
    base, end = instance.interval
    out, cur = [], base
    for a, b in instance.shift.pause_offsets():
        out.append((cur, base + a))
        cur = base + b
    return out + [(cur, end)]


def _who(person: Person) -> tuple[dict, str, str]:
    entities = {"staff": person.id, "employer": person.employer}
    if person.htos:
        entities["teacher"] = person.htos[0].teacher
        return entities, f"Hto'er {person.htos[0].teacher} (staff {person.id})", \
            f"Hto'er {person.htos[0].teacher} (medewerker {person.id})"
    return entities, f"Staff member {person.id}", f"Medewerker {person.id}"


@dataclass
class _Week:
    """One person's merged week: their work intervals, diensten and how violations name them."""

    person: Person
    work: list[Interval]
    diensten: list[list[Interval]]
    ent: dict
    who_en: str
    who_nl: str


def _weeks(ctx: Context) -> list[_Week]:
    """The merged weeks of every hto'er and every re-rosterable staff member who works at all."""
    out = []
    for person in people(ctx).values():
        if not (person.htos or person.staff.may_reroster):
            continue
        work = merge([piece for i in person.instances for piece in _shift_work(i)] + [b[0] for b in person.busy])
        if work:
            ent, who_en, who_nl = _who(person)
            out.append(_Week(person, work, _diensten(work, ctx.policy.dienst_separating_rest_minutes),
                             ent, who_en, who_nl))
    return out


def check_atw_max_shift_duration(ctx: Context) -> None:
    policy = ctx.policy
    for week in _weeks(ctx):
        for run in week.diensten:
            start, end = run[0][0], run[-1][1]
            if end - start > policy.max_shift_minutes:
                ctx.hard("atw_max_shift_duration", week.ent | {"start": start, "end": end},
                         f"{week.who_en} has a dienst of {end - start} minutes ({span_en(start, end)}), "
                         f"more than {policy.max_shift_minutes}",
                         f"{week.who_nl} heeft een dienst van {end - start} minuten ({span_nl(start, end)}), "
                         f"meer dan {policy.max_shift_minutes}", end - start - policy.max_shift_minutes)


def check_atw_night_shift_duration(ctx: Context) -> None:
    policy = ctx.policy
    night_start, night_end = parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)
    for week in _weeks(ctx):
        for run in week.diensten:
            start, end = run[0][0], run[-1][1]
            night = sum(_night_minutes(interval, night_start, night_end) for interval in run)
            if night > policy.night_min_work_in_window_minutes and end - start > policy.max_night_dienst_minutes:
                ctx.hard("atw_night_shift_duration", week.ent | {"start": start, "end": end},
                         f"{week.who_en} has a night dienst of {end - start} minutes ({span_en(start, end)}, "
                         f"{night} of them at night), more than {policy.max_night_dienst_minutes}",
                         f"{week.who_nl} heeft een nachtdienst van {end - start} minuten ({span_nl(start, end)}, "
                         f"waarvan {night} 's nachts), meer dan {policy.max_night_dienst_minutes}",
                         end - start - policy.max_night_dienst_minutes)


def check_atw_max_week(ctx: Context) -> None:
    policy = ctx.policy
    for week in _weeks(ctx):
        worked = total(week.work)
        if worked > policy.max_week_minutes:
            ctx.hard("atw_max_week", week.ent | {"minutes": worked},
                     f"{week.who_en} works {worked} minutes this week, more than {policy.max_week_minutes}",
                     f"{week.who_nl} werkt deze week {worked} minuten, meer dan {policy.max_week_minutes}",
                     worked - policy.max_week_minutes)


def check_atw_daily_rest(ctx: Context) -> None:
    policy = ctx.policy
    for week in _weeks(ctx):
        ent, who_en, who_nl = week.ent, week.who_en, week.who_nl
        short_seen = 0
        for before, after in zip(week.diensten, week.diensten[1:]):
            rest_start, rest_end = before[-1][1], after[0][0]
            rest = rest_end - rest_start
            if rest >= policy.daily_rest_minutes:
                continue
            if rest < policy.daily_rest_short_minutes:
                ctx.hard("atw_daily_rest", ent | {"rest_start": rest_start, "rest_end": rest_end},
                         f"{who_en} rests only {rest} minutes ({span_en(rest_start, rest_end)}); "
                         f"even the shorter rest of the week is {policy.daily_rest_short_minutes}",
                         f"{who_nl} rust maar {rest} minuten ({span_nl(rest_start, rest_end)}); "
                         f"ook de kortere rust van de week is {policy.daily_rest_short_minutes}",
                         policy.daily_rest_short_minutes - rest)
                continue
            short_seen += 1
            if short_seen > policy.daily_rest_short_per_week:
                ctx.hard("atw_daily_rest", ent | {"rest_start": rest_start, "rest_end": rest_end},
                         f"{who_en} rests only {rest} minutes ({span_en(rest_start, rest_end)}); "
                         f"{policy.daily_rest_minutes} needed (the one shorter rest of the week is already used)",
                         f"{who_nl} rust maar {rest} minuten ({span_nl(rest_start, rest_end)}); "
                         f"{policy.daily_rest_minutes} nodig (de ene kortere rust van de week is al gebruikt)",
                         policy.daily_rest_minutes - rest)


def check_atw_rest_after_night(ctx: Context) -> None:
    policy = ctx.policy
    night_start, night_end = parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)
    late_after = parse_hhmm(policy.night_rest_after_end)
    for week in _weeks(ctx):
        nights = [i for i in week.person.instances
                  if _night_minutes(i.interval, night_start, night_end) > policy.night_min_work_in_window_minutes]
        night_days = {i.interval[0] // MINUTES_PER_DAY for i in nights}
        for night in nights:
            day = night.interval[0] // MINUTES_PER_DAY
            end = night.interval[1]
            series = 0
            while day - series in night_days:
                series += 1
            rests = []
            if end % MINUTES_PER_DAY > late_after:
                rests.append((policy.night_rest_minutes, "a night shift", "een nachtdienst"))
            if day + 1 not in night_days and series >= policy.night_series_length:
                rests.append((policy.night_series_rest_minutes, f"a series of {series} night shifts",
                              f"een reeks van {series} nachtdiensten"))
            if not rests:
                continue
            rest, what_en, what_nl = max(rests)
            minutes = overlap_minutes(week.work, end, end + rest)
            if minutes:
                ctx.hard("atw_rest_after_night", week.ent | {"shift": night.shift.id, "day": night.entry.day},
                         f"{week.who_en} needs {rest} minutes of rest after {what_en} ending {when_en(end)}, "
                         f"but works {minutes} minutes before {when_en(end + rest)}",
                         f"{week.who_nl} heeft {rest} minuten rust nodig na {what_nl} die eindigt {when_nl(end)}, "
                         f"maar werkt {minutes} minuten voor {when_nl(end + rest)}", minutes)


def check_atw_weekly_rest(ctx: Context) -> None:
    policy = ctx.policy
    for week in _weeks(ctx):
        longest = max((e - s for s, e in free_gaps(week.work, 0, WEEK_MINUTES)), default=0)
        if longest < policy.weekly_rest_minutes:
            ctx.hard("atw_weekly_rest", week.ent | {"longest_rest": longest},
                     f"{week.who_en} has at most {longest} minutes of uninterrupted rest this week; "
                     f"{policy.weekly_rest_minutes} needed",
                     f"{week.who_nl} heeft deze week hooguit {longest} minuten aaneengesloten rust; "
                     f"{policy.weekly_rest_minutes} nodig", policy.weekly_rest_minutes - longest)


def check_atw_breaks(ctx: Context) -> None:
    policy = ctx.policy
    needs = ((policy.break_after_minutes, policy.break_minutes),
             (policy.long_break_after_minutes, policy.long_break_minutes))
    block = policy.break_min_block_minutes
    for week in _weeks(ctx):
        for run in week.diensten:
            worked = total(run)
            need = max((minutes for after, minutes in needs if worked > after), default=0)
            # a break is a free stretch inside the dienst, of at least the block; a shorter one does not count
            gaps = [after[0] - before[1] for before, after in zip(run, run[1:])]
            taken = sum(gap for gap in gaps if gap >= block)
            if taken < need:
                start, end = run[0][0], run[-1][1]
                ctx.hard("atw_breaks", week.ent | {"start": start, "end": end, "work": worked, "break": taken},
                         f"{week.who_en} works {worked} minutes in the dienst {span_en(start, end)} with "
                         f"{taken} minutes of break (pauses of at least {block} minutes count); "
                         f"{need} needed",
                         f"{week.who_nl} werkt {worked} minuten in de dienst {span_nl(start, end)} met "
                         f"{taken} minuten pauze (pauzes van minstens {block} minuten tellen); "
                         f"{need} nodig", need - taken)


CHECKS = {  # rule name -> its check, on the merged week of every hto'er and re-rosterable staff member
    "atw_max_shift_duration": check_atw_max_shift_duration,
    "atw_night_shift_duration": check_atw_night_shift_duration,
    "atw_max_week": check_atw_max_week,
    "atw_daily_rest": check_atw_daily_rest,
    "atw_rest_after_night": check_atw_rest_after_night,
    "atw_weekly_rest": check_atw_weekly_rest,
    "atw_breaks": check_atw_breaks,
}
