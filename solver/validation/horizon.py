"""The plan's horizon in the validator (docs/rules.md, "Cycles and the horizon"): which horizon weeks a
placement is taught in, each school's, employer's and person's week of their cycle, the circular time
line, and how a message names a week.

A horizon of one week (a plan without cycles) is the week line as it always was: not closed, so a
Sunday night shift runs past minute 10080 and never meets Monday's lessons. A horizon of H > 1 weeks
is a circle of length H x 10080: after week H comes week 1 again, and an interval that runs past the
end continues at the start (`wrap`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from solver.domain.cycles import plan_horizon, school_cycle
from solver.timeline import DAYS, DAYS_NL, DAYS_PER_WEEK, MINUTES_PER_DAY, WEEK_MINUTES, fmt_hhmm, fmt_week_minute
from solver.validation.intervals import Interval, merge, overlap_minutes

SCHOOL_WEEK_LETTERS = "ABCD"


def wrap(intervals: Iterable[Interval], length: int) -> list[Interval]:
    """Intervals of the unrolled line taken onto the circle [0, length), merged; a part past the end
    continues at 0 (and one before 0 at the end)."""
    out: list[Interval] = []
    for start, end in intervals:
        if end <= start:
            continue
        if end - start >= length:
            return [(0, length)]
        a = start % length
        b = a + (end - start)
        if b <= length:
            out.append((a, b))
        else:
            out += [(a, length), (0, b - length)]
    return merge(out)


def circular_diensten(merged: list[Interval], length: int, separating: int) -> list[list[Interval]]:
    """The diensten of merged intervals on a circle of `length`: maximal runs in which each gap to the next
    interval is shorter than `separating`. The runs are on the unrolled line, starting after a gap of at
    least `separating` (a run that crosses the end of the circle goes on past `length`); without any such
    gap all work is one run, cut at its longest gap."""
    n = len(merged)
    if not n:
        return []
    gaps = [merged[i][0] - merged[i - 1][1] + (length if i == 0 else 0) for i in range(n)]
    first = next((i for i in range(n) if gaps[i] >= separating), None)
    no_rest = first is None
    if no_rest:
        first = max(range(n), key=gaps.__getitem__)
    order = list(range(first, n)) + list(range(first))
    line = merge((merged[i][0] + (length if i < first else 0), merged[i][1] + (length if i < first else 0))
                 for i in order)
    if no_rest:
        return [line]
    runs: list[list[Interval]] = []
    for interval in line:
        if runs and interval[0] - runs[-1][-1][1] < separating:
            runs[-1].append(interval)
        else:
            runs.append([interval])
    return runs


class HorizonInfo:
    """The horizon of a plan as the checks use it; one per validation (Context.horizon)."""

    def __init__(self, plan):
        self.plan = plan
        self.horizon = plan_horizon(plan)
        self.weeks = self.horizon.weeks
        self.length = self.weeks * WEEK_MINUTES
        self.circular = self.weeks > 1
        self.school_cycles = {s.id: school_cycle(s) for s in plan.schools}
        self.employers = {e.id: e for e in plan.employers}
        # the teaching repeats with the schools' cycles: horizon weeks 1 .. school_span are every
        # combination of school weeks there is (each school's cycle divides the horizon)
        self.school_span = math.lcm(*(c.weeks for c in self.school_cycles.values())) if plan.schools else 1
        self.multi_week_schools = [s for s, c in self.school_cycles.items() if c.weeks > 1]

    # --- weeks of the cycles ----------------------------------------------------------------------
    def school_week(self, school_id: str, h: int) -> int:
        cycle = self.school_cycles.get(school_id)
        return 1 if cycle is None else self.horizon.week_of(cycle, h)

    def employer_week(self, employer_id: str, h: int) -> int:
        employer = self.employers.get(employer_id)
        return 1 if employer is None else self.horizon.week_of(employer.cycle, h)

    def staff_cycle(self, employer_id: str, staff):
        """The person's own cycle, else their employer's."""
        if staff.cycle is not None:
            return staff.cycle
        return self.employers[employer_id].cycle

    def staff_week(self, employer_id: str, staff, h: int) -> int:
        """Which week of their roster (their own cycle, else the employer's) a person works in horizon week h."""
        return self.horizon.week_of(self.staff_cycle(employer_id, staff), h)

    def current_roster(self, employer_id: str, staff, h: int) -> list:
        """The person's roster items of horizon week h (their `week` is the person's cycle week then)."""
        week = self.staff_week(employer_id, staff, h)
        return [item for item in staff.roster if item.week == week]

    def runs_in(self, employer_id: str, item, h: int) -> bool:
        """A shift or demand window with `weeks` runs in horizon week h (empty `weeks`: every week)."""
        return not item.weeks or self.employer_week(employer_id, h) in item.weeks

    def slot_weeks(self, slot) -> list[int]:
        """The horizon weeks in which a placement is taught: those whose school week is the placement's."""
        week = slot.day // DAYS_PER_WEEK + 1
        return [h for h in range(1, self.weeks + 1) if self.school_week(slot.school.id, h) == week]

    def slot_shift(self, slot, h: int) -> int:
        """Minutes to add to a placement's times (on its school's cycle line) to put it in horizon week h."""
        return (h - 1 - slot.day // DAYS_PER_WEEK) * WEEK_MINUTES

    def teaching_weeks(self, slots) -> list[tuple[list[int], list]]:
        """The horizon weeks grouped by what is taught in them: [(weeks, the slots taught then)], one group
        per different teaching week (every horizon week when the horizon is one week)."""
        groups: dict[tuple[int, ...], list[int]] = {}
        taught: dict[tuple[int, ...], list] = {}
        for h in range(1, self.weeks + 1):
            mine = [s for s in slots if h in self.slot_weeks(s)]
            key = tuple(sorted(s.index for s in mine))
            groups.setdefault(key, []).append(h)
            taught.setdefault(key, mine)
        return [(weeks, taught[key]) for key, weeks in groups.items()]

    # --- the line or circle -------------------------------------------------------------------------
    def wrap(self, intervals: Iterable[Interval]) -> list[Interval]:
        """Onto the circle when the horizon has several weeks; merged on the line when it has one."""
        return wrap(intervals, self.length) if self.circular else merge(intervals)

    def pieces(self, start: int, end: int) -> list[Interval]:
        """[start, end) on the circle (one or two pieces), or as it is on the line."""
        return wrap([(start, end)], self.length) if self.circular else [(start, end)]

    def overlap(self, merged: list[Interval], start: int, end: int) -> int:
        """Minutes of [start, end) covered by `merged` (sorted, disjoint; on the circle when it is one)."""
        return sum(overlap_minutes(merged, a, b) for a, b in self.pieces(start, end))

    def first_overlap(self, merged: list[Interval], start: int, end: int) -> Interval | None:
        """The first interval of `merged` that shares a minute with [start, end)."""
        return next(((s, e) for a, b in self.pieces(start, end) for s, e in merged if s < b and a < e), None)

    def meets_weekly(self, window: tuple, start: int, end: int, week: int) -> bool:
        """A window that holds every week (a mark, on the week's minutes) meets [start, end) of horizon week
        `week`: on the line as always; on the circle the window of that week, or of the week before or
        after (for a busy window over midnight)."""
        if not self.circular:
            return window[0] < end and start < window[1]
        local = (week - 1) * WEEK_MINUTES
        return any(window[0] + d < end - local and start - local < window[1] + d
                   for d in (-WEEK_MINUTES, 0, WEEK_MINUTES))

    def week_of_minute(self, minute: int) -> int:
        """The horizon week (1-based) a minute of the line or circle lies in."""
        if not self.circular:
            return 1
        return (minute % self.length) // WEEK_MINUTES + 1

    def weeks_range(self) -> range:
        return range(1, self.weeks + 1)

    def week_window(self, h: int) -> Interval:
        return (h - 1) * WEEK_MINUTES, h * WEEK_MINUTES

    # --- words ----------------------------------------------------------------------------------------
    def when(self, minute: int, lang: str) -> str:
        """'tue 08:30' / 'di 08:30': on a horizon of several weeks the day of the week (the phrase says which)."""
        if not self.circular:  # the line as it always was (context.when_en / when_nl)
            day = minute // MINUTES_PER_DAY
            if lang == "en":
                return fmt_week_minute(minute)
            return f"{DAYS_NL[day] if 0 <= day < len(DAYS_NL) else f'dag {day + 1}'} {fmt_hhmm(minute)}"
        day = (minute % self.length) // MINUTES_PER_DAY % DAYS_PER_WEEK
        return f"{(DAYS if lang == 'en' else DAYS_NL)[day]} {fmt_hhmm(minute)}"

    def span(self, start: int, end: int, lang: str) -> str:
        return f"{self.when(start, lang)}-{fmt_hhmm(end)}"

    def phrase(self, weeks: int | list[int], lang: str, employer: str | None = None, staff=None) -> str:
        """How a message names the horizon week(s): 'in week 2 of the horizon (school week B, week 2 of
        metaal-hengelo's rotation)'; '' for a horizon of one week (messages as they always were).
        `employer` (id) and `staff` (its Staff) name the rotation the person works on."""
        weeks = [weeks] if isinstance(weeks, int) else sorted(set(weeks))
        if not self.circular or not weeks:
            return ""
        return week_phrase(self, weeks, lang, employer, staff)

    def school_letters(self, h: int) -> str:
        """The school week of horizon week h by letter ('B'; 'S1 B, S2 A' for several schools with
        cycles); '' when every school has one week."""
        schools = self.multi_week_schools
        if len(schools) == 1:
            return _letters([self.school_week(schools[0], h)])
        return ", ".join(f"{s} {_letters([self.school_week(s, h)])}" for s in schools)

    def tail(self, weeks: int | list[int], lang: str, employer: str | None = None, staff=None) -> str:
        """The phrase with a space before it, to end a sentence part with; '' on one week."""
        words = self.phrase(weeks, lang, employer, staff)
        return f" {words}" if words else ""

    def week_entity(self, week: int) -> dict:
        """{'week': h} for a violation's entities on a horizon of several weeks; {} on one week."""
        return {"week": week} if self.circular else {}


def _letters(weeks: list[int]) -> str:
    return "/".join(SCHOOL_WEEK_LETTERS[w - 1] if w <= len(SCHOOL_WEEK_LETTERS) else str(w) for w in weeks)


def _and(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" en " if lang == "nl" else " and ") + items[-1]


def week_phrase(info: HorizonInfo, weeks: list[int], lang: str, employer: str | None = None, staff=None) -> str:
    """The phrase of HorizonInfo.phrase for a horizon of several weeks (weeks: sorted, not empty)."""
    numbers = _and([str(h) for h in weeks], lang)
    if lang == "nl":
        head = f"in week {numbers} van de horizon"
    else:
        head = f"in week{'s' if len(weeks) > 1 else ''} {numbers} of the horizon"
    parts = []
    schools = info.multi_week_schools
    for school_id in schools:
        letters = _letters(sorted({info.school_week(school_id, h) for h in weeks}))
        if len(schools) == 1:
            parts.append(f"schoolweek {letters}" if lang == "nl" else f"school week {letters}")
        else:
            parts.append(f"school {school_id} week {letters}")
    if employer is not None and employer in info.employers:
        own = staff is not None and staff.cycle is not None
        cycle = info.staff_cycle(employer, staff) if staff is not None else info.employers[employer].cycle
        if cycle.weeks > 1:
            of = sorted({info.horizon.week_of(cycle, h) for h in weeks})
            owner = staff.id if own else employer
            numbers = _and([str(k) for k in of], lang)
            if lang == "nl":
                parts.append(f"week {numbers} van de {'eigen ' if own else ''}rotatie van {owner}")
            else:
                parts.append(f"week{'s' if len(of) > 1 else ''} {numbers} of {owner}'s {'own ' if own else ''}rotation")
    return head + (f" ({', '.join(parts)})" if parts else "")


def plan_week_phrase(plan, weeks: int | list[int], lang: str, employer: str | None = None, staff=None) -> str:
    """HorizonInfo(plan).phrase, for callers without a validation context (explanations, views)."""
    return HorizonInfo(plan).phrase(weeks, lang, employer, staff)

