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
from solver.validation.intervals import merge, total
from solver.validation.people import Person, people
from solver.validation.report import Violation

# rule -> the weeks before the planned one its window needs (previous_weeks_minutes), or None: the night count
HISTORY_RULES = {"atw_average_4_weeks": 3, "atw_average_16_weeks": 15, "atw_nights_16_weeks": None}


def _under_law(person: Person) -> bool:
    return bool(person.htos or person.staff.may_reroster)


def _work(person: Person) -> list[tuple[int, int]]:
    """The merged week W: shift instances (whole) and busy windows (lessons with travel)."""
    return merge([i.interval for i in person.instances] + [b[0] for b in person.busy])


def _average(ctx: Context, rule: str, weeks: int, per_week: int) -> None:
    """This week's work minutes + the `weeks` weeks before <= (weeks + 1) x per_week, for everyone under
    the law whose history gives those weeks (also when they do not work this week: the model agrees)."""
    limit = (weeks + 1) * per_week
    for person in people(ctx).values():
        history = person.staff.history
        before = history.last_weeks(weeks) if _under_law(person) and history is not None else None
        if before is None:
            continue
        worked = total(_work(person))
        if worked + before > limit:
            ent, who_en, who_nl = atw._who(person)
            left = limit - before
            ctx.hard(rule, ent | {"minutes": worked, "previous_minutes": before, "weeks": weeks + 1},
                     f"{who_en} works {worked} minutes this week and {before} in the {weeks} weeks before: "
                     f"{worked + before}, more than {weeks + 1} x {per_week} = {limit} "
                     f"(this week at most {max(left, 0)})",
                     f"{who_nl} werkt deze week {worked} minuten en {before} in de {weeks} weken ervoor: "
                     f"{worked + before}, meer dan {weeks + 1} x {per_week} = {limit} "
                     f"(deze week hooguit {max(left, 0)})", worked + before - limit)


def check_atw_average_4_weeks(ctx: Context) -> None:
    _average(ctx, "atw_average_4_weeks", HISTORY_RULES["atw_average_4_weeks"], ctx.policy.max_average_4_weeks_minutes)


def check_atw_average_16_weeks(ctx: Context) -> None:
    _average(ctx, "atw_average_16_weeks", HISTORY_RULES["atw_average_16_weeks"],
             ctx.policy.max_average_16_weeks_minutes)


def late_night_shifts(ctx: Context, person: Person) -> list:
    """The person's shift instances this week with more than the night minimum in the night window that
    end after night_rest_after_end (as ShiftInstance.night_late in compile)."""
    policy = ctx.policy
    night_start, night_end = parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)
    late_after = parse_hhmm(policy.night_rest_after_end)
    return [i for i in person.instances
            if atw._night_minutes(i.interval, night_start, night_end) > policy.night_min_work_in_window_minutes
            and i.interval[1] % MINUTES_PER_DAY > late_after]


def check_atw_nights_16_weeks(ctx: Context) -> None:
    limit = ctx.policy.max_night_shifts_16_weeks
    for person in people(ctx).values():
        history = person.staff.history
        if not _under_law(person) or history is None or history.previous_night_shifts is None:
            continue
        before = history.previous_night_shifts
        nights = late_night_shifts(ctx, person)
        if len(nights) + before > limit:
            ent, who_en, who_nl = atw._who(person)
            days = [i.entry.day for i in nights]
            days_nl = [DAYS_NL[day_index(d)] for d in days]
            late = ctx.policy.night_rest_after_end
            ctx.hard("atw_nights_16_weeks", ent | {"night_shifts": len(nights), "previous_night_shifts": before,
                                                   "days": days},
                     f"{who_en} works {night_shifts_text(len(nights), late, 'en')} this week"
                     f"{' (' + ', '.join(days) + ')' if days else ''} and {before} in the 15 weeks before: "
                     f"{len(nights) + before}, more than {limit}",
                     f"{who_nl} werkt deze week {night_shifts_text(len(nights), late, 'nl')}"
                     f"{' (' + ', '.join(days_nl) + ')' if days else ''} en {before} in de 15 weken ervoor: "
                     f"{len(nights) + before}, meer dan {limit}", len(nights) + before - limit)


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
