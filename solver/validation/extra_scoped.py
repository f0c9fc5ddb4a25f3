"""Extra constraints on the week of each named teacher and each student set of each named group.

Part of the validator (see solver/validation/extra.py); definitions in docs/rules.md ('Extra
constraints'). An owner's occupied lesuren are kept per (school, day); counts per day add up all
schools, gaps / runs / beginnings are judged per school and day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil

from solver.timeline import DAYS, DAYS_NL, day_index
from solver.validation.context import Context, window_interval
from solver.validation.soft import free_lesuren

Finding = tuple[dict, str, str, int]


@dataclass
class Owner:
    kind: str  # "teacher" | "set"
    id: str
    school: str | None  # a student set's school; None for a teacher (any school)
    occupied: dict[tuple[str, int], set[int]] = field(default_factory=lambda: defaultdict(set))
    windows: list[tuple[int, int]] = field(default_factory=list)  # unavailable (week minutes)
    counted: set[int] | None = None  # the days the constraint counts (None: all)

    def available(self, ctx: Context, school: str, day: int) -> list[int]:
        """The lesuren of (school, day) that overlap none of the owner's unavailable windows."""
        periods = ctx.day_periods.get((school, day), [])
        return [n for n, (s, e, _) in enumerate(periods, start=1)
                if not any(ws < e and s < we for ws, we in self.windows)]

    def gaps(self, ctx: Context, school: str, day: int) -> int:
        """Empty available lesuren between the first and the last occupied one."""
        numbers = self.occupied.get((school, day))
        if not numbers:
            return 0
        lo, hi = min(numbers), max(numbers)
        return sum(1 for n in self.available(ctx, school, day) if lo < n < hi and n not in numbers)

    @property
    def en(self) -> str:
        return f"teacher {self.id}" if self.kind == "teacher" else f"student set {self.id}"

    @property
    def nl(self) -> str:
        return f"docent {self.id}" if self.kind == "teacher" else f"leerlingengroep {self.id}"

    @property
    def entities(self) -> dict:
        return {"teacher": self.id} if self.kind == "teacher" else {"student_set": self.id, "school": self.school}

    def school_days(self, ctx: Context) -> list[tuple[str, int]]:
        """The (school, day)s on which the owner could have lessons."""
        return sorted(key for key in ctx.day_periods if self.school is None or key[0] == self.school)

    def only_days(self, days: list[str]) -> None:
        """Forget every day but these (a constraint's `days`; empty: keep all)."""
        if days:
            keep = {day_index(d) for d in days}
            self.occupied = defaultdict(set, {k: v for k, v in self.occupied.items() if k[1] in keep})
            self.counted = keep

    def days(self, ctx: Context) -> list[int]:
        return sorted({day for _, day in self.school_days(ctx) if self.counted is None or day in self.counted})

    def count(self, day: int) -> int:
        return sum(len(numbers) for (_, d), numbers in self.occupied.items() if d == day)


def owners(ctx: Context, c) -> list[Owner]:
    """Each named teacher and each distinct student set of each named group, with its occupied lesuren."""
    found: dict[tuple, Owner] = {}
    open_all = getattr(c, "unavailable_gaps", False)  # XHSTT's idle times: unavailable lesuren are gaps too
    for teacher in c.teachers:
        if ("teacher", teacher) not in found:
            # only hard windows make a lesuur unavailable; a preference window (rather not) is available
            windows = [w for w in ctx.teachers[teacher].unavailable if w.hard] if teacher in ctx.teachers else []
            windows = [] if open_all else windows
            found[("teacher", teacher)] = Owner("teacher", teacher, None, windows=[window_interval(w) for w in windows])
    for group in c.groups:
        for school in ctx.plan.schools:
            if (school.id, group) in ctx.groups:
                for key in ctx.group_sets(school.id, group):
                    if ("set", key) not in found:
                        windows = [window_interval(w) for g in school.groups if key in ctx.group_sets(school.id, g.id)
                                   for w in g.unavailable if w.hard and not open_all]
                        found[("set", key)] = Owner("set", key[1], school.id, windows=windows)
    tag = getattr(c, "tag", None)
    for slot in ctx.timed:
        if tag is not None and tag not in slot.lesson.tags:
            continue
        keys = [("teacher", t) for t in slot.teachers] + [("set", key) for key in ctx.lesson_sets(slot.lesson)]
        for key in keys:
            if key in found:
                found[key].occupied[(slot.school.id, slot.day)].update(slot.numbers)
    for owner in found.values():
        owner.only_days(getattr(c, "days", []))
    return list(found.values())


def check_max_gaps_per_week(ctx: Context, c) -> Iterator[Finding]:
    """Owners with more than max_gaps empty lesuren between lessons in the week."""
    for owner in owners(ctx, c):
        gaps = sum(owner.gaps(ctx, school, day) for school, day in owner.occupied)
        if gaps > c.max_gaps:
            yield (owner.entities,
                   f"{owner.en} has {free_lesuren(gaps)} between lessons this week, at most {c.max_gaps}",
                   f"{owner.nl} heeft deze week {free_lesuren(gaps, 'nl')}, hooguit {c.max_gaps}", gaps - c.max_gaps)


def check_max_gaps_per_day(ctx: Context, c) -> Iterator[Finding]:
    """Owner-days with more than max_gaps empty lesuren between lessons."""
    for owner in owners(ctx, c):
        for school, day in sorted(owner.occupied):
            gaps = owner.gaps(ctx, school, day)
            if gaps > c.max_gaps:
                yield (owner.entities | {"day": DAYS[day]},
                       f"{owner.en} has {free_lesuren(gaps)} between lessons on {DAYS[day]}, at most {c.max_gaps}",
                       f"{owner.nl} heeft {free_lesuren(gaps, 'nl')} op {DAYS_NL[day]}, hooguit {c.max_gaps}",
                       gaps - c.max_gaps)


def _max_per_day(ctx: Context, c, what_en: str, what_nl: str) -> Iterator[Finding]:
    for owner in owners(ctx, c):
        for day in owner.days(ctx):
            count = owner.count(day)
            if count > c.max_periods:
                yield (owner.entities | {"day": DAYS[day]},
                       f"{owner.en} has {count} {what_en} on {DAYS[day]}, at most {c.max_periods}",
                       f"{owner.nl} heeft {count} {what_nl} op {DAYS_NL[day]}, hooguit {c.max_periods}",
                       count - c.max_periods)


def check_max_periods_per_day(ctx: Context, c) -> Iterator[Finding]:
    """Owner-days with more than max_periods occupied lesuren (all schools); with min_periods, also
    owner-days with some but fewer than min_periods."""
    yield from _max_per_day(ctx, c, "lesuren", "lesuren")
    if c.min_periods:
        yield from _min_per_day(ctx, c, c.min_periods, True)


def check_tag_max_periods_per_day(ctx: Context, c) -> Iterator[Finding]:
    """Owner-days with more than max_periods lesuren of lessons with the tag."""
    yield from _max_per_day(ctx, c, f"lesuren tagged {c.tag}", f"lesuren met label {c.tag}")


def check_min_periods_per_day(ctx: Context, c) -> Iterator[Finding]:
    """Owner-days with fewer than min_periods occupied lesuren (empty days allowed if allow_empty_days)."""
    yield from _min_per_day(ctx, c, c.min_periods, c.allow_empty_days)


def _min_per_day(ctx: Context, c, least: int, allow_empty: bool) -> Iterator[Finding]:
    for owner in owners(ctx, c):
        for day in owner.days(ctx):
            count = owner.count(day)
            if count < least and not (count == 0 and allow_empty):
                yield (owner.entities | {"day": DAYS[day]},
                       f"{owner.en} has {count} lesuren on {DAYS[day]}, at least {least}",
                       f"{owner.nl} heeft {count} lesuren op {DAYS_NL[day]}, minstens {least}",
                       least - count)


def check_max_periods_continuously(ctx: Context, c) -> Iterator[Finding]:
    """Runs of more than max_periods occupied lesuren in a row (a marked break ends a run)."""
    for owner in owners(ctx, c):
        for (school, day), numbers in sorted(owner.occupied.items()):
            periods = ctx.day_periods[(school, day)]
            runs: list[list[int]] = []
            for n in sorted(numbers):
                if runs and runs[-1][1] == n - 1 and not periods[n - 1][2]:
                    runs[-1][1] = n
                else:
                    runs.append([n, n])
            for first, last in runs:
                run = last - first + 1
                if run > c.max_periods:
                    yield (owner.entities | {"day": DAYS[day], "periods": [first, last]},
                           f"{owner.en} has {run} lesuren in a row on {DAYS[day]} ({first}-{last}), "
                           f"at most {c.max_periods}",
                           f"{owner.nl} heeft {run} lesuren achter elkaar op {DAYS_NL[day]} ({first}e-{last}e), "
                           f"hooguit {c.max_periods}", run - c.max_periods)


def check_min_days_per_week(ctx: Context, c) -> Iterator[Finding]:
    """Owners with lessons (in lesuren [first_period, end_period) when given) on fewer than min_days days."""
    lo, hi = c.first_period, c.end_period
    within_en = within_nl = ""
    if hi is None and lo > 1:
        within_en, within_nl = f" from lesuur {lo} on", f" vanaf lesuur {lo}"
    elif hi == lo + 1:
        within_en, within_nl = f" in lesuur {lo}", f" in lesuur {lo}"
    elif hi is not None:
        within_en, within_nl = f" in lesuren {lo}-{hi - 1}", f" in lesuur {lo}-{hi - 1}"
    for owner in owners(ctx, c):
        days = len({day for (_, day), numbers in owner.occupied.items()
                    if any(lo <= n and (hi is None or n < hi) for n in numbers)})
        if days < c.min_days:
            yield (owner.entities, f"{owner.en} has lessons{within_en} on {days} day(s), at least {c.min_days}",
                   f"{owner.nl} heeft les{within_nl} op {days} dag(en), minstens {c.min_days}", c.min_days - days)


def check_interval_max_days_per_week(ctx: Context, c) -> Iterator[Finding]:
    """Owners with lessons in lesuren [first_period, end_period) on more than max_days days."""
    lo, hi = c.first_period, c.end_period
    for owner in owners(ctx, c):
        days = sorted({day for (_, day), numbers in owner.occupied.items() if any(lo <= n < hi for n in numbers)})
        if len(days) > c.max_days:
            yield (owner.entities | {"days": [DAYS[d] for d in days]},
                   f"{owner.en} has lessons in lesuren {lo}-{hi - 1} on {len(days)} days, at most {c.max_days}",
                   f"{owner.nl} heeft les in lesuur {lo}-{hi - 1} op {len(days)} dagen, hooguit {c.max_days}",
                   len(days) - c.max_days)


def check_early_max_beginnings_at_second_period(ctx: Context, c) -> Iterator[Finding]:
    """Days starting two or more available lesuren late, and days one late beyond max_beginnings."""
    for owner in owners(ctx, c):
        second = []
        for (school, day), numbers in sorted(owner.occupied.items()):
            if not numbers:
                continue
            first = min(numbers)
            skipped = sum(1 for n in owner.available(ctx, school, day) if n < first)  # free lesuren before it
            if skipped == 1:
                second.append(day)
            elif skipped > 1:
                yield (owner.entities | {"day": DAYS[day]},
                       f"{owner.en} starts at lesuur {first} on {DAYS[day]}, {skipped} lesuren after it could",
                       f"{owner.nl} begint op {DAYS_NL[day]} pas het {first}e uur, {skipped} lesuren later dan kan",
                       1)
        if len(second) > c.max_beginnings:
            yield (owner.entities | {"days": [DAYS[d] for d in second]},
                   f"{owner.en} starts one lesuur late on {len(second)} days, at most {c.max_beginnings}",
                   f"{owner.nl} begint op {len(second)} dagen een uur later, hooguit {c.max_beginnings}",
                   len(second) - c.max_beginnings)


def check_workload_per_week(ctx: Context, c) -> Iterator[Finding]:
    """Owners whose workload (their share of each placed copy they teach or are in) is outside the bounds;
    units: the distance, rounded up (exact fractions)."""
    listed = {item.lesson: item.workload for item in c.workloads}
    found = {(o.kind, o.id, o.school): o for o in owners(ctx, c)}
    load: dict[tuple, Fraction] = defaultdict(Fraction)
    for slot in ctx.slots:
        share = Fraction(listed.get(slot.lesson.id, slot.lesson.count * slot.lesson.duration), slot.lesson.count)
        keys = [("teacher", t, None) for t in slot.teachers] + [("set", key[1], key[0]) for key in ctx.lesson_sets(slot.lesson)]
        for key in keys:
            if key in found:
                load[key] += share
    for key, owner in found.items():
        w = load[key]
        low, high = c.min_workload, c.max_workload
        units = ceil(low - w) if w < low else ceil(w - high) if high is not None and w > high else 0
        if units:
            bound_en, bound_nl = (f"at least {low}", f"minstens {low}") if w < low else (f"at most {high}", f"hooguit {high}")
            yield (owner.entities, f"{owner.en} has a workload of {float(w):g}, {bound_en}",
                   f"{owner.nl} heeft een werklast van {float(w):g}".replace(".", ",") + f", {bound_nl}", units)


CHECKS = {
    "workload_per_week": check_workload_per_week,
    "max_gaps_per_week": check_max_gaps_per_week,
    "max_gaps_per_day": check_max_gaps_per_day,
    "max_periods_per_day": check_max_periods_per_day,
    "min_periods_per_day": check_min_periods_per_day,
    "max_periods_continuously": check_max_periods_continuously,
    "tag_max_periods_per_day": check_tag_max_periods_per_day,
    "min_days_per_week": check_min_days_per_week,
    "interval_max_days_per_week": check_interval_max_days_per_week,
    "early_max_beginnings_at_second_period": check_early_max_beginnings_at_second_period,
}
