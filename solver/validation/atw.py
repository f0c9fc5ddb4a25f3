"""Arbeidstijdenwet on the merged week (shifts + lessons + travel) of hto'ers and re-rosterable staff.

Over a horizon of several weeks the work lies on a circle (solver/validation/horizon.py): the rests run
across week boundaries and from week H into week 1; the weekly rules count each horizon week on its own.
A horizon of one week is the week line, as it always was."""

from __future__ import annotations

from dataclasses import dataclass

from solver.timeline import DAYS_PER_WEEK, MINUTES_PER_DAY, parse_hhmm
from solver.validation.context import Context, Interval
from solver.validation.horizon import circular_diensten
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
    """One person's merged weeks (the whole horizon): their work intervals (on the circle over a horizon
    of several weeks), diensten, the rests between them and how violations name them."""

    person: Person
    work: list[Interval]
    diensten: list[list[Interval]]
    rests: list[Interval]  # (end of a dienst, start of the next), in time order
    ent: dict
    who_en: str
    who_nl: str

    def tail(self, ctx: Context, minute_or_week: int, lang: str, *, week: bool = False) -> str:
        """The phrase naming the horizon week of a minute (or, week=True, the week itself); '' on one week."""
        horizon = ctx.horizon
        h = minute_or_week if week else horizon.week_of_minute(minute_or_week)
        return horizon.tail(h, lang, self.person.employer, self.person.staff)

    def this_week(self, ctx: Context, h: int, lang: str) -> str:
        """'this week' on a horizon of one week, else the phrase naming week h."""
        if not ctx.horizon.circular:
            return "this week" if lang == "en" else "deze week"
        return ctx.horizon.phrase(h, lang, self.person.employer, self.person.staff)


def _weeks(ctx: Context) -> list[_Week]:
    """The merged weeks of every hto'er and every re-rosterable staff member who works at all."""
    horizon = ctx.horizon
    separating = ctx.policy.dienst_separating_rest_minutes
    out = []
    for person in people(ctx).values():
        if not (person.htos or person.staff.may_reroster):
            continue
        pieces = [piece for i in person.instances for piece in _shift_work(i)] + [b.interval for b in person.busy]
        if not horizon.circular:  # the week line, as it always was: no rest after the last dienst
            work = merge(pieces)
            diensten = _diensten(work, separating)
            rests = [(x[-1][1], y[0][0]) for x, y in zip(diensten, diensten[1:])]
        else:  # the circle: after the last dienst of week H comes the first of week 1
            work = horizon.wrap(pieces)
            diensten = circular_diensten(work, horizon.length, separating)
            rests = [(x[-1][1], y[0][0]) for x, y in zip(diensten, diensten[1:])]
            if diensten and diensten[0][0][0] + horizon.length - diensten[-1][-1][1] >= separating:
                rests.append((diensten[-1][-1][1], diensten[0][0][0] + horizon.length))
            rests.sort(key=lambda r: r[0] % horizon.length)
        if work:
            ent, who_en, who_nl = _who(person)
            out.append(_Week(person, work, diensten, rests, ent, who_en, who_nl))
    return out


def check_atw_max_shift_duration(ctx: Context) -> None:
    policy, horizon = ctx.policy, ctx.horizon
    for week in _weeks(ctx):
        for run in week.diensten:
            start, end = run[0][0], run[-1][1]
            if end - start > policy.max_shift_minutes:
                ctx.hard("atw_max_shift_duration",
                         week.ent | {"start": start, "end": end, **horizon.week_entity(horizon.week_of_minute(start))},
                         f"{week.who_en} has a dienst of {end - start} minutes ({horizon.span(start, end, 'en')})"
                         f"{week.tail(ctx, start, 'en')}, more than {policy.max_shift_minutes}",
                         f"{week.who_nl} heeft een dienst van {end - start} minuten ({horizon.span(start, end, 'nl')})"
                         f"{week.tail(ctx, start, 'nl')}, meer dan {policy.max_shift_minutes}",
                         end - start - policy.max_shift_minutes)


def check_atw_night_shift_duration(ctx: Context) -> None:
    policy, horizon = ctx.policy, ctx.horizon
    night_start, night_end = parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)
    for week in _weeks(ctx):
        for run in week.diensten:
            start, end = run[0][0], run[-1][1]
            night = sum(_night_minutes(interval, night_start, night_end) for interval in run)
            if night > policy.night_min_work_in_window_minutes and end - start > policy.max_night_dienst_minutes:
                ctx.hard("atw_night_shift_duration",
                         week.ent | {"start": start, "end": end, **horizon.week_entity(horizon.week_of_minute(start))},
                         f"{week.who_en} has a night dienst of {end - start} minutes ({horizon.span(start, end, 'en')}, "
                         f"{night} of them at night){week.tail(ctx, start, 'en')}, more than "
                         f"{policy.max_night_dienst_minutes}",
                         f"{week.who_nl} heeft een nachtdienst van {end - start} minuten "
                         f"({horizon.span(start, end, 'nl')}, waarvan {night} 's nachts){week.tail(ctx, start, 'nl')}, "
                         f"meer dan {policy.max_night_dienst_minutes}",
                         end - start - policy.max_night_dienst_minutes)


def check_atw_max_week(ctx: Context) -> None:
    """The work of each horizon week on its own ([(h-1) x 10080, h x 10080) of the circle; on one week the
    whole line, a Sunday night shift's Monday morning included, as always)."""
    policy, horizon = ctx.policy, ctx.horizon
    for week in _weeks(ctx):
        for h in horizon.weeks_range():
            worked = overlap_minutes(week.work, *horizon.week_window(h)) if horizon.circular else total(week.work)
            if worked > policy.max_week_minutes:
                ctx.hard("atw_max_week", week.ent | {"minutes": worked, **horizon.week_entity(h)},
                         f"{week.who_en} works {worked} minutes {week.this_week(ctx, h, 'en')}, more than "
                         f"{policy.max_week_minutes}",
                         f"{week.who_nl} werkt {week.this_week(ctx, h, 'nl')} {worked} minuten, meer dan "
                         f"{policy.max_week_minutes}", worked - policy.max_week_minutes)


def check_atw_daily_rest(ctx: Context) -> None:
    """The rest between consecutive diensten; the shorter rests are counted per horizon week, each in the
    week in which it starts."""
    policy, horizon = ctx.policy, ctx.horizon
    for week in _weeks(ctx):
        ent, who_en, who_nl = week.ent, week.who_en, week.who_nl
        short_seen: dict[int, int] = {}
        for rest_start, rest_end in week.rests:
            rest = rest_end - rest_start
            if rest >= policy.daily_rest_minutes:
                continue
            h = horizon.week_of_minute(rest_start)
            at = {"rest_start": rest_start, "rest_end": rest_end, **horizon.week_entity(h)}
            span_en, span_nl = horizon.span(rest_start, rest_end, "en"), horizon.span(rest_start, rest_end, "nl")
            tail_en, tail_nl = week.tail(ctx, rest_start, "en"), week.tail(ctx, rest_start, "nl")
            if rest < policy.daily_rest_short_minutes:
                ctx.hard("atw_daily_rest", ent | at,
                         f"{who_en} rests only {rest} minutes ({span_en}){tail_en}; "
                         f"even the shorter rest of the week is {policy.daily_rest_short_minutes}",
                         f"{who_nl} rust maar {rest} minuten ({span_nl}){tail_nl}; "
                         f"ook de kortere rust van de week is {policy.daily_rest_short_minutes}",
                         policy.daily_rest_short_minutes - rest)
                continue
            short_seen[h] = short_seen.get(h, 0) + 1
            if short_seen[h] > policy.daily_rest_short_per_week:
                ctx.hard("atw_daily_rest", ent | at,
                         f"{who_en} rests only {rest} minutes ({span_en}){tail_en}; "
                         f"{policy.daily_rest_minutes} needed (the one shorter rest of the week is already used)",
                         f"{who_nl} rust maar {rest} minuten ({span_nl}){tail_nl}; "
                         f"{policy.daily_rest_minutes} nodig (de ene kortere rust van de week is al gebruikt)",
                         policy.daily_rest_minutes - rest)


def _night_series(day: int, night_days: set[int], days: int | None) -> tuple[int, bool]:
    """How many nights in a row end with the night starting on `day`, and whether none starts the next day.
    `days`: the number of days of the circle, None on the week line."""
    def on(d: int) -> bool:
        return (d % days if days else d) in night_days

    series = 0
    while on(day - series) and (days is None or series < days):
        series += 1
    return series, not on(day + 1)


def check_atw_rest_after_night(ctx: Context) -> None:
    policy, horizon = ctx.policy, ctx.horizon
    night_start, night_end = parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)
    late_after = parse_hhmm(policy.night_rest_after_end)
    days = horizon.weeks * DAYS_PER_WEEK if horizon.circular else None
    for week in _weeks(ctx):
        nights = [i for i in week.person.instances
                  if _night_minutes(i.interval, night_start, night_end) > policy.night_min_work_in_window_minutes]
        night_days = {i.interval[0] // MINUTES_PER_DAY % (days or 1 << 30) for i in nights}
        for night in nights:
            day = night.interval[0] // MINUTES_PER_DAY
            end = night.interval[1]
            series, last = _night_series(day, night_days, days)
            rests = []
            if end % MINUTES_PER_DAY > late_after:
                rests.append((policy.night_rest_minutes, "a night shift", "een nachtdienst"))
            if last and series >= policy.night_series_length:
                rests.append((policy.night_series_rest_minutes, f"a series of {series} night shifts",
                              f"een reeks van {series} nachtdiensten"))
            if not rests:
                continue
            rest, what_en, what_nl = max(rests)
            minutes = horizon.overlap(week.work, end, end + rest)
            if minutes:
                ctx.hard("atw_rest_after_night", week.ent | {"shift": night.shift.id, "day": night.entry.day,
                                                             **horizon.week_entity(night.week)},
                         f"{week.who_en} needs {rest} minutes of rest after {what_en} ending "
                         f"{horizon.when(end, 'en')}{week.tail(ctx, night.week, 'en', week=True)}, "
                         f"but works {minutes} minutes before {horizon.when(end + rest, 'en')}",
                         f"{week.who_nl} heeft {rest} minuten rust nodig na {what_nl} die eindigt "
                         f"{horizon.when(end, 'nl')}{week.tail(ctx, night.week, 'nl', week=True)}, "
                         f"maar werkt {minutes} minuten voor {horizon.when(end + rest, 'nl')}", minutes)


def check_atw_weekly_rest(ctx: Context) -> None:
    """Some uninterrupted rest of the policy's length inside each horizon week."""
    policy, horizon = ctx.policy, ctx.horizon
    for week in _weeks(ctx):
        for h in horizon.weeks_range():
            longest = max((e - s for s, e in free_gaps(week.work, *horizon.week_window(h))), default=0)
            if longest < policy.weekly_rest_minutes:
                ctx.hard("atw_weekly_rest", week.ent | {"longest_rest": longest, **horizon.week_entity(h)},
                         f"{week.who_en} has at most {longest} minutes of uninterrupted rest "
                         f"{week.this_week(ctx, h, 'en')}; {policy.weekly_rest_minutes} needed",
                         f"{week.who_nl} heeft {week.this_week(ctx, h, 'nl')} hooguit {longest} minuten "
                         f"aaneengesloten rust; {policy.weekly_rest_minutes} nodig", policy.weekly_rest_minutes - longest)


def check_atw_breaks(ctx: Context) -> None:
    policy, horizon = ctx.policy, ctx.horizon
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
                ctx.hard("atw_breaks", week.ent | {"start": start, "end": end, "work": worked, "break": taken,
                                                   **horizon.week_entity(horizon.week_of_minute(start))},
                         f"{week.who_en} works {worked} minutes in the dienst {horizon.span(start, end, 'en')}"
                         f"{week.tail(ctx, start, 'en')} with {taken} minutes of break (pauses of at least {block} "
                         f"minutes count); {need} needed",
                         f"{week.who_nl} werkt {worked} minuten in de dienst {horizon.span(start, end, 'nl')}"
                         f"{week.tail(ctx, start, 'nl')} met {taken} minuten pauze (pauzes van minstens {block} "
                         f"minuten tellen); {need} nodig", need - taken)


CHECKS = {  # rule name -> its check, on the merged week of every hto'er and re-rosterable staff member
    "atw_max_shift_duration": check_atw_max_shift_duration,
    "atw_night_shift_duration": check_atw_night_shift_duration,
    "atw_max_week": check_atw_max_week,
    "atw_daily_rest": check_atw_daily_rest,
    "atw_rest_after_night": check_atw_rest_after_night,
    "atw_weekly_rest": check_atw_weekly_rest,
    "atw_breaks": check_atw_breaks,
}
