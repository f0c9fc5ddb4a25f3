"""The rules on a teacher's or student set's day that the greedy keeps while it places (issue 27).

max_gaps_per_week / _per_day, early_max_beginnings_at_second_period, min_periods_per_day, min_days_per_week
judge a whole day or week, so a half-built timetable cannot break them yet. What it can do is leave more to
mend than the lessons still to place could mend: each lesuur placed fills at most one gap or one empty
lesuur before a day's first lesson, or adds one day. So an owner's week is allowed only while (gaps -
lesuren still to place) <= max_gaps, and alike for the others (FET's greedy checks its partial timetable
the same way). max_periods_per_day, tag_max_periods_per_day, max_periods_continuously and
interval_max_days_per_week only grow as lessons are added: they are checked as they are. With every
lesson placed these tests are the rules themselves, so a complete placement keeps them.

Each owner's day is a bitmask over its day list's lesuren (bit i: the (i+1)-th lesuur), as in the model
and the validator: an unavailable lesuur is never a gap and never a late beginning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from solver.problem import OptionData, ProblemData

IDLE_RULES = frozenset(("max_gaps_per_week", "max_gaps_per_day", "early_max_beginnings_at_second_period",
                        "min_periods_per_day", "max_periods_per_day", "tag_max_periods_per_day",
                        "max_periods_continuously", "interval_max_days_per_week", "min_days_per_week"))


def _low(mask: int) -> int:
    return (mask & -mask).bit_length() - 1


def holes(mask: int, free: int) -> int:
    """Free lesuren between the first and the last occupied one."""
    if not mask:
        return 0
    span = (1 << mask.bit_length()) - (1 << _low(mask))
    return (span & free & ~mask).bit_count()


def late(mask: int, free: int) -> int:
    """Free lesuren before the first occupied one (0 on an empty day)."""
    return (free & ((1 << _low(mask)) - 1)).bit_count() if mask else 0


def longest_run(mask: int, cut: int) -> int:
    """The most lesuren in a row; a lesuur in `cut` (a marked break before it) starts a new run."""
    best = run = 0
    i = 0
    while mask >> i:
        if mask >> i & 1:
            run = run + 1 if run and not cut >> i & 1 else 1
            best = max(best, run)
        else:
            run = 0
        i += 1
    return best


@dataclass(eq=False)  # a week is itself, whatever its lessons
class Week:
    """One owner's lessons on the day lists a rule counts (with a tag: only lessons that have it), the limits
    of every kept rule about them, and per day list its gaps and late lesuren (kept up to date: the greedy
    asks about a week far more often than it changes)."""

    owner: tuple[str, int]  # ("teacher" | "set", index)
    lists: tuple[int, ...]
    free: dict[int, int]  # per day list: the lesuren that can be a gap (the owner is available)
    tagged: frozenset[int] | None
    day_of: dict[int, int]  # day list: day of the week
    occupied: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    remaining: int = 0  # lesuren still to place that could land in this week
    max_gaps_week: int | None = None
    max_gaps_day: int | None = None
    max_late: int | None = None  # early_max_beginnings_at_second_period
    least: list[tuple[int, bool]] = field(default_factory=list)  # (min lesuren on a day, empty days allowed)
    most: int | None = None  # lesuren on a calendar day
    max_run: int | None = None
    busy_days: list[tuple[int, int, bool]] = field(default_factory=list)  # (lesuren as bits, days, at most?)
    gaps: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    late: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    count: dict[int, int] = field(init=False)  # per day of the week: lesuren

    def __post_init__(self):
        self.count = {self.day_of[k]: 0 for k in self.lists}

    def set(self, k: int, mask: int) -> None:
        old = self.occupied[k]
        self.occupied[k] = mask
        self.gaps[k] = holes(mask, self.free[k])
        self.late[k] = late(mask, self.free[k])
        self.count[self.day_of[k]] += mask.bit_count() - old.bit_count()

    def excess(self, k: int | None, mask: int, remaining: int, cut: int) -> int:
        """How far the week, with day list k's lesuren `mask` (k None: as it is) and `remaining` lesuren still
        to place, is from one that can still be completed within every limit (<= 0: it can)."""
        gaps, skipped = self.gaps, self.late
        if k is not None:
            gaps, skipped = {**gaps, k: holes(mask, self.free[k])}, {**skipped, k: late(mask, self.free[k])}
        worst = -1
        if self.max_gaps_week is not None:
            worst = max(worst, sum(gaps.values()) - remaining - self.max_gaps_week)
        if self.max_gaps_day is not None:
            worst = max(worst, max(gaps.values(), default=0) - remaining - self.max_gaps_day)
        if self.max_late is not None:
            one_late = sum(1 for n in skipped.values() if n >= 1)
            worst = max(worst, sum(1 for n in skipped.values() if n >= 2) - remaining,
                        one_late - self.max_late - remaining)
            if self.max_gaps_week is not None:  # a lesuur fills a gap or an empty lesuur before the first
                worst = max(worst, sum(gaps.values()) + sum(skipped.values()) - remaining
                            - self.max_gaps_week - self.max_late)
        if k is not None and self.max_run is not None:
            worst = max(worst, longest_run(mask, cut) - self.max_run)
        if self.least or self.most is not None:
            count = self.count
            if k is not None:
                day = self.day_of[k]
                count = {**count, day: count[day] + mask.bit_count() - self.occupied[k].bit_count()}
                if self.most is not None:
                    worst = max(worst, count[day] - self.most)
            for least, empty_ok in self.least:
                worst = max(worst, sum(least - n for n in count.values() if n < least and (n or not empty_ok))
                            - remaining)
        for window, days, at_most in self.busy_days:
            busy = len({self.day_of[j] for j in self.lists if (mask if j == k else self.occupied.get(j, 0)) & window})
            # each lesuur still to place adds at most one day
            worst = max(worst, busy - days if at_most else days - busy - remaining)
        return worst


class IdleRules:
    """The kept rules' weeks, and which copies count in which."""

    def __init__(self, data: ProblemData, required: list[int]):
        self.data = data
        self.weeks: list[Week] = []
        self.where: dict[int, tuple[int, int]] = {}  # global period: (day list, bit)
        self.day_of: dict[int, int] = {}
        self.cuts: dict[int, int] = defaultdict(int)
        kept = [e for e in data.extras if e.hard and e.type in IDLE_RULES]
        for k, periods in enumerate(data.day_periods if kept else ()):  # most plans have none: no start-up cost
            self.day_of[k] = data.periods[periods[0]].day
            for i, p in enumerate(periods):
                self.where[p] = (k, i)
                if p in data.breaks:
                    self.cuts[k] |= 1 << i
        found: dict[tuple, int] = {}
        self.by_owner: dict[tuple[str, int], list[int]] = defaultdict(list)
        for e in kept:
            for owner in e.owners:
                key = (owner.kind, owner.index, e.tag, owner.day_lists, owner.unavailable)
                if key not in found:
                    free = {k: sum(1 << i for i, p in enumerate(data.day_periods[k]) if p not in owner.unavailable)
                            for k in owner.day_lists}
                    found[key] = len(self.weeks)
                    self.weeks.append(Week((owner.kind, owner.index), owner.day_lists, free,
                                           e.tagged if e.tag is not None else None, self.day_of))
                    self.by_owner[(owner.kind, owner.index)].append(found[key])
                _limit(self.weeks[found[key]], e)
        # which weeks each copy could count in (any of its options), for the lesuren still to place
        self._touch: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self.could: list[list[int]] = [[] for _ in data.copies]
        for c in required if self.weeks else ():
            copy = data.copies[c]
            # sorted: a set's order of strings changes from one process to the next, the greedy must not
            owners = sorted({("set", s) for s in copy.sets} | {("teacher", t) for o in copy.options for t in o.teachers})
            for owner in owners:
                for w in self.by_owner.get(owner, ()):
                    if self.weeks[w].tagged is None or c in self.weeks[w].tagged:
                        self.could[c].append(w)
                        self.weeks[w].remaining += copy.duration

    def _touched(self, c: int, option: OptionData) -> list[tuple[int, int, int]]:
        """(week, day list, the option's lesuren there as bits) for each week the option puts lesuren in."""
        key = (c, id(option))  # options live as long as the data: their id names them
        found = self._touch.get(key)
        if found is None:
            copy, found = self.data.copies[c], []
            k, bits = None, 0
            for p in option.periods:
                k, i = self.where[p]
                bits |= 1 << i
            owners = [("set", s) for s in copy.sets] + [("teacher", t) for t in option.teachers]
            for owner in owners:
                for w in self.by_owner.get(owner, ()):
                    week = self.weeks[w]
                    if (week.tagged is None or c in week.tagged) and k in week.free:
                        found.append((w, k, bits))
            self._touch[key] = found
        return found

    def failing(self, c: int, option: OptionData, among: list[Week] | None = None) -> dict[Week, int]:
        """The weeks (of `among`, else all the copy counts in) that placing the copy by this option would
        leave uncompletable, with how far from completable each is."""
        duration = self.data.copies[c].duration
        changed = {w: (k, bits) for w, k, bits in self._touched(c, option)}
        out = {}
        for w in self.could[c]:
            week = self.weeks[w]
            if among is not None and week not in among:
                continue
            k, bits = changed.get(w, (None, 0))
            mask = week.occupied[k] | bits if k is not None else 0
            excess = week.excess(k, mask, week.remaining - duration, self.cuts.get(k, 0))
            if excess > 0:
                out[week] = excess
        return out

    def added(self, c: int, option: OptionData) -> int:
        """How many gaps and late beginnings the option adds to the weeks under a gap rule (a lower score
        places tighter)."""
        out = 0
        for w, k, bits in self._touched(c, option):
            week = self.weeks[w]
            if week.max_gaps_week is None and week.max_gaps_day is None and week.max_late is None:
                continue
            before, free = week.occupied[k], week.free[k]
            out += holes(before | bits, free) - holes(before, free)
            if week.max_late is not None:
                out += late(before | bits, free) - late(before, free)
        return out

    def put(self, c: int, option: OptionData) -> None:
        for w, k, bits in self._touched(c, option):
            self.weeks[w].set(k, self.weeks[w].occupied[k] | bits)
        for w in self.could[c]:
            self.weeks[w].remaining -= self.data.copies[c].duration

    def take(self, c: int, option: OptionData) -> None:
        for w, k, bits in self._touched(c, option):
            self.weeks[w].set(k, self.weeks[w].occupied[k] & ~bits)
        for w in self.could[c]:
            self.weeks[w].remaining += self.data.copies[c].duration


def _limit(week: Week, e) -> None:
    """Add rule e's limit to the week (the strictest of several rules of one type)."""
    def least(old, new):
        return new if old is None else min(old, new)

    if e.type == "max_gaps_per_week":
        week.max_gaps_week = least(week.max_gaps_week, e.amount)
    elif e.type == "max_gaps_per_day":
        week.max_gaps_day = least(week.max_gaps_day, e.amount)
    elif e.type == "early_max_beginnings_at_second_period":
        week.max_late = least(week.max_late, e.amount)
    elif e.type == "min_periods_per_day":
        week.least.append((e.amount, e.flag))
    elif e.type in ("max_periods_per_day", "tag_max_periods_per_day"):
        week.most = least(week.most, e.amount)
        if e.minimum:
            week.least.append((e.minimum, True))
    elif e.type in ("interval_max_days_per_week", "min_days_per_week"):
        first, end = max(e.first_period, 1), e.end_period or 256  # lesuur numbers [first, end); 0: to the end
        window = (1 << (end - 1)) - (1 << (first - 1))
        week.busy_days.append((window, e.amount, e.type == "interval_max_days_per_week"))
    elif e.type == "max_periods_continuously":
        week.max_run = least(week.max_run, e.amount)
