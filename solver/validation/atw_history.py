"""Arbeidstijdenwet over several weeks (Staff.history), what was not checked, and the warnings for
fixed rosters.

* The history rules judge the planned week together with the weeks before it, for every hto'er and
  re-rosterable staff member whose history covers the rule's window (docs/rules.md, "History").
* `not_checked`: per history rule, the people under the law whose history does not cover its window.
* `fixed_roster_warnings`: staff who are neither hto'er nor re-rosterable cannot be changed, so the
  model leaves them out; every Atw check runs on their week too, and what breaks is a warning.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from solver.rules import night_shifts_text
from solver.timeline import DAYS_NL, MINUTES_PER_DAY, day_index, parse_hhmm
from solver.validation import atw
from solver.validation.context import Context
from solver.validation.intervals import merge, overlap_minutes, total
from solver.validation.people import Person, people
from solver.validation.report import Violation

# rule -> the weeks before the planned one its window needs (previous_weeks_minutes), or None: the night count
HISTORY_RULES = {"atw_average_4_weeks": 3, "atw_average_16_weeks": 15, "atw_nights_16_weeks": None}


def _under_law(person: Person) -> bool:
    return bool(person.htos or person.staff.may_reroster)


def _work(person: Person) -> list[tuple[int, int]]:
    """The merged week W: shift instances (whole) and busy windows (lessons with travel)."""
    return merge([i.interval for i in person.instances] + [b.interval for b in person.busy])


def _weekly(ctx: Context, person: Person) -> list[int]:
    """The work minutes of each horizon week (on one week: the whole line, as always)."""
    horizon = ctx.horizon
    if not horizon.circular:
        return [total(_work(person))]
    work = horizon.wrap(_work(person))
    return [overlap_minutes(work, *horizon.week_window(h)) for h in horizon.weeks_range()]


def _in_week(ctx: Context, person: Person, h: int, lang: str) -> str:
    """'this week' on one week, else the phrase naming horizon week h."""
    if not ctx.horizon.circular:
        return "this week" if lang == "en" else "deze week"
    return ctx.horizon.phrase(h, lang, person.employer, person.staff)


def _average(ctx: Context, rule: str, weeks: int, per_week: int) -> None:
    """Each horizon week's work minutes + the `weeks` weeks before it (the history, then the horizon's
    earlier weeks) <= (weeks + 1) x per_week, for everyone under the law whose history gives those weeks
    (also when they do not work: the model agrees)."""
    limit = (weeks + 1) * per_week
    for person in people(ctx).values():
        history = person.staff.history
        if not _under_law(person) or history is None:
            continue
        known = list(history.previous_weeks_minutes)
        for h, worked in enumerate(_weekly(ctx, person), start=1):
            before = sum(known[-weeks:]) if len(known) >= weeks else None
            known.append(worked)
            if before is None or worked + before <= limit:
                continue
            ent, who_en, who_nl = atw._who(person)
            left = limit - before
            this_en, this_nl = _in_week(ctx, person, h, "en"), _in_week(ctx, person, h, "nl")
            that_en, that_nl = ("that week", "die week") if ctx.horizon.circular else (this_en, this_nl)
            ctx.hard(rule, ent | {"minutes": worked, "previous_minutes": before, "weeks": weeks + 1,
                                  **ctx.horizon.week_entity(h)},
                     f"{who_en} works {worked} minutes {this_en} and {before} in the {weeks} weeks before: "
                     f"{worked + before}, more than {weeks + 1} x {per_week} = {limit} "
                     f"({that_en} at most {max(left, 0)})",
                     f"{who_nl} werkt {this_nl} {worked} minuten en {before} in de {weeks} weken ervoor: "
                     f"{worked + before}, meer dan {weeks + 1} x {per_week} = {limit} "
                     f"({that_nl} hooguit {max(left, 0)})", worked + before - limit)


def check_atw_average_4_weeks(ctx: Context) -> None:
    _average(ctx, "atw_average_4_weeks", HISTORY_RULES["atw_average_4_weeks"], ctx.policy.max_average_4_weeks_minutes)


def check_atw_average_16_weeks(ctx: Context) -> None:
    _average(ctx, "atw_average_16_weeks", HISTORY_RULES["atw_average_16_weeks"],
             ctx.policy.max_average_16_weeks_minutes)


def late_night_shifts(ctx: Context, person: Person) -> list:
    """The person's shift instances (every horizon week) with more than the night minimum in the night
    window that end after night_rest_after_end (as ShiftInstance.night_late in compile)."""
    policy = ctx.policy
    night_start, night_end = parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)
    late_after = parse_hhmm(policy.night_rest_after_end)
    return [i for i in person.instances
            if atw._night_minutes(i.interval, night_start, night_end) > policy.night_min_work_in_window_minutes
            and i.interval[1] % MINUTES_PER_DAY > late_after]


def check_atw_nights_16_weeks(ctx: Context) -> None:
    """Each horizon week's late night shifts + those of the history and of the horizon's earlier weeks."""
    limit = ctx.policy.max_night_shifts_16_weeks
    for person in people(ctx).values():
        history = person.staff.history
        if not _under_law(person) or history is None or history.previous_night_shifts is None:
            continue
        before = history.previous_night_shifts
        late = late_night_shifts(ctx, person)
        for h in ctx.horizon.weeks_range():
            nights = [i for i in late if i.week == h]
            if len(nights) + before > limit:
                ent, who_en, who_nl = atw._who(person)
                days = [i.entry.day for i in nights]
                days_nl = [DAYS_NL[day_index(d)] for d in days]
                late_end = ctx.policy.night_rest_after_end
                this_en, this_nl = _in_week(ctx, person, h, "en"), _in_week(ctx, person, h, "nl")
                earlier = " (history and earlier weeks of the horizon)" if h > 1 else ""
                earlier_nl = " (geschiedenis en eerdere weken van de horizon)" if h > 1 else ""
                ctx.hard("atw_nights_16_weeks",
                         ent | {"night_shifts": len(nights), "previous_night_shifts": before, "days": days,
                                **ctx.horizon.week_entity(h)},
                         f"{who_en} works {night_shifts_text(len(nights), late_end, 'en')} {this_en}"
                         f"{' (' + ', '.join(days) + ')' if days else ''} and {before} in the 15 weeks before"
                         f"{earlier}: {len(nights) + before}, more than {limit}",
                         f"{who_nl} werkt {this_nl} {night_shifts_text(len(nights), late_end, 'nl')}"
                         f"{' (' + ', '.join(days_nl) + ')' if days else ''} en {before} in de 15 weken ervoor"
                         f"{earlier_nl}: {len(nights) + before}, meer dan {limit}", len(nights) + before - limit)
            before += len(nights)


CHECKS = {  # rule name -> its check, for every hto'er and re-rosterable staff member with the history it needs
    "atw_average_4_weeks": check_atw_average_4_weeks,
    "atw_average_16_weeks": check_atw_average_16_weeks,
    "atw_nights_16_weeks": check_atw_nights_16_weeks,
}


def unchecked_rules(history) -> list[str]:
    """The history rules a Staff.history (None: no history) does not cover, in catalogue order."""
    out = []
    for rule, weeks in HISTORY_RULES.items():
        if history is None:
            out.append(rule)
        elif weeks is None and history.previous_night_shifts is None:
            out.append(rule)
        elif weeks is not None and history.last_weeks(weeks) is None:
            out.append(rule)
    return out


def not_checked(ctx: Context) -> dict[str, list[str]]:
    """Per history rule, the staff ids of the hto'ers and re-rosterable staff it could not judge; rules
    judged for everyone are left out."""
    out: dict[str, list[str]] = {}
    for person in people(ctx).values():
        if _under_law(person):
            for rule in unchecked_rules(person.staff.history):
                out.setdefault(rule, []).append(person.id)
    return {rule: sorted(ids) for rule, ids in out.items()}


def fixed_roster_warnings(ctx: Context) -> list[Violation]:
    """Every Atw check (atw.CHECKS and the history rules) on the weeks of the staff with a fixed roster
    who are no hto'er, as warnings: they cannot change, so the model leaves them out and the report
    does not count them. The checks judge the people under the law (hto'ers and re-rosterable staff), so
    they run on a copy of the context in which only these people are there, marked re-rosterable."""
    fixed = {key: person for key, person in people(ctx).items() if not _under_law(person)}
    if not fixed:
        return []
    shadow = copy.copy(ctx)
    shadow.violations = []
    shadow.people_index = {
        key: replace(person, staff=person.staff.model_copy(update={"may_reroster": True}))
        for key, person in fixed.items()
    }
    for check in {**atw.CHECKS, **CHECKS}.values():
        check(shadow)
    return [replace(v, kind="warning") for v in shadow.violations]
