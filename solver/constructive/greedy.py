"""A greedy first pass over the compiled problem: place every lesson copy, most constrained first.

Plain Python on ProblemData (no CP-SAT, numpy or pandas), so that on an easy school a first timetable
exists before OR-Tools is imported (issue 27). It keeps the hard rules that are cheap to check while
placing: teacher, student-set and room-pool clashes (also across schools), a lesson's min_days_apart,
hard min_days_between, same_starting_time (its copies are placed as one unit), same_starting_day,
not_overlapping, consecutive and grouped (placed as one unit, solver/constructive/units.py), the
teachers' max lesuren a day and max days a week, and the rules on an owner's day and week in
solver/constructive/idle.py (gaps, late beginnings, lesuren a day and in a row). Every other rule is left
to the independent validator, which certifies the result or drops it (solver/constructive/certified.py).

When a unit has no free place, a swap of two windows may make one (solver/constructive/kempe.py);
otherwise a cheap repair takes the place with the fewest (least often bumped) blockers, takes them out
and puts them back in the queue. The run around it (order, when to give up) is
solver/constructive/run.py.
"""

from __future__ import annotations

import random
from collections import defaultdict

from solver.constructive.blocks import Blocks
from solver.constructive.idle import IdleRules
from solver.constructive.ties import ties
from solver.constructive.units import units
from solver.problem import OptionData, ProblemData

Slot = tuple[int, int]  # (day, first lesuur)


def _back_to_back(data: ProblemData, a: OptionData, b: OptionData) -> bool:
    """b starts right after a ends, with no marked break between them (a break parts them, as in FET)."""
    return a.first + len(a.periods) == b.first and b.periods[0] not in data.breaks


class Greedy:
    """The state of one greedy run: who holds each teacher, set and pool lesuur, and each copy's day."""

    def __init__(self, data: ProblemData, seed: int = 0):
        self.data = data
        self.rng = random.Random(seed)
        self.overlaps: dict[int, list[int]] = defaultdict(list)
        for p, q in data.cross_school_overlaps:
            self.overlaps[p].append(q)
            self.overlaps[q].append(p)
        # not_overlapping: apart holds the rules a copy is in
        self.spread, self.soft_spread, self.adjacent, self.same_day, self.apart = ties(data)
        self.apart_at: dict[tuple[int, int, int], int] = {}  # (rule, day, lesuur number): the unit there
        self.units, self.offset = units(data)  # offset: a copy's lesuren after its unit's start
        self.unit_of = {c: u for u, unit in enumerate(self.units) for c in unit}
        self.slots: list[list[Slot]] = [self._slots(unit) for unit in self.units]
        self.teacher_at: dict[tuple[int, int], int] = {}
        self.set_at: dict[tuple[int, int], int] = {}
        self.pool_at: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.teacher_day: dict[tuple[int, int], int] = defaultdict(int)  # lesuren a day
        self.teacher_days: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # copies a day
        self.set_day: dict[tuple[int, int], list[int]] = defaultdict(list)  # lesuur numbers taken
        self.option: list[int | None] = [None] * len(data.copies)
        self.pool: list[int | None] = [None] * len(data.copies)
        self.placed: set[int] = set()  # units
        self.by_slot: dict[int, dict[Slot, list[int]]] = {}
        self.idle = IdleRules(data, [c for unit in self.units for c in unit])
        self.blocks = Blocks(data, self.unit_of, self.offset) or None  # None: a cheap test in the hot path
        self.version = 0  # bumped by every put and take: what the caches below were computed at
        self.near: dict[int, tuple[int, dict[int, set[int]]]] = {}  # copy: (version, day: units too close)

    def _slots(self, unit: tuple[int, ...]) -> list[Slot]:
        """The (day, first lesuur)s every copy of the unit has an option at."""
        common = None
        for c in unit:
            copy = self.data.copies[c]
            off = self.offset.get(c, 0)
            here = {(o.day, o.first - off) for o in copy.options} if (copy.pools or not copy.needs_room) else set()
            common = here if common is None else common & here
        return sorted(common or ())

    # --- checking ---------------------------------------------------------------------------------

    def _free_pool(self, c: int, option: OptionData) -> int | None:
        """A pool of the copy with a free room in each of the option's lesuren (-1: needs no room)."""
        copy = self.data.copies[c]
        if not copy.needs_room:
            return -1
        for pool in copy.pools:
            info = self.data.pools[pool]
            if all(p not in info.blocked and len(self.pool_at[(pool, p)]) < len(info.rooms) for p in option.periods):
                return pool
        return None

    def _apart_keys(self, c: int, option: OptionData):
        """not_overlapping: (rule, day, lesuur number) for each of the copy's rules and the option's lesuren."""
        periods = self.data.periods
        return [(i, periods[p].day, periods[p].number) for i in self.apart.get(c, ()) for p in option.periods]

    def _blockers(self, c: int, option: OptionData, limit: int, idle: bool = True) -> set[int] | None:
        """The placed units in the way of this option (empty: it fits); None when a rule the repair cannot
        free (a teacher's daily or weekly limit, a closed room, an owner's day or week) is in the way, or
        more than `limit` units are. Without `idle`, the owners' weeks are not looked at."""
        copy, out = self.data.copies[c], set()
        for p in option.periods:
            for t in option.teachers:
                for q in (p, *self.overlaps.get(p, ())):
                    u = self.teacher_at.get((t, q))
                    if u is not None:
                        out.add(u)
            for s in copy.sets:
                u = self.set_at.get((s, p))
                if u is not None:
                    out.add(u)
            if len(out) > limit:  # the repair asks for many slots; most are over the limit early
                return None
        if self.apart:
            for key in self._apart_keys(c, option):
                u = self.apart_at.get(key)
                if u is not None:
                    out.add(u)
        return self._rest(c, option, out, limit, idle)

    def _rest(self, c: int, option: OptionData, out: set[int], limit: int, idle: bool = True) -> set[int] | None:
        """`_blockers` beyond the teachers', sets' and not_overlapping's lesuren, added to `out`."""
        data, copy = self.data, self.data.copies[c]
        if c in self.spread:
            too_close = self._near_days(c).get(option.day)
            if too_close:
                out |= too_close
        for group in self.adjacent.get(c, ()):
            for other in group:
                k = self.option[other]
                if k is None or other == c:
                    continue
                o = data.copies[other].options[k]
                if o.day == option.day and not _back_to_back(data, o, option) and not _back_to_back(data, option, o):
                    out.add(self.unit_of[other])
        for group in self.same_day.get(c, ()) if self.same_day else ():
            for other in group:
                k = self.option[other]
                if k is not None and data.copies[other].options[k].day != option.day:
                    out.add(self.unit_of[other])
        if self.blocks:
            out.update(self.unit_of[other] for other in self.blocks.misplaced(c, option, self.option))
        if len(out) > limit:
            return None
        for t in option.teachers:
            info = data.teachers[t]
            if info.max_periods_per_day is not None and \
                    self.teacher_day[(t, option.day)] + len(option.periods) > info.max_periods_per_day:
                return None
            if info.max_days_per_week is not None and self.teacher_days[t][option.day] == 0 and \
                    sum(1 for n in self.teacher_days[t].values() if n) >= info.max_days_per_week:
                return None
        if copy.needs_room and self._free_pool(c, option) is None:
            best = None
            for pool in copy.pools:
                info = data.pools[pool]
                if any(p in info.blocked for p in option.periods) or not info.rooms:
                    continue
                held = {self.pool_at[(pool, p)][-1] for p in option.periods
                        if len(self.pool_at[(pool, p)]) >= len(info.rooms)}
                if best is None or len(held) < len(best):
                    best = held
            if best is None:
                return None
            out |= best
        if len(out) > limit:
            return None
        if not idle or not self.idle.weeks:  # (no rule on a day or week: the hot path of most plans)
            return out
        # judged with the blockers still in place: taking a unit out never makes an owner's week worse
        failing = self.idle.failing(c, option)
        if not failing:
            return out
        freeing = self._idle_blockers(c, option, failing, limit - len(out)) if len(out) < limit else None
        return None if freeing is None else out | freeing

    def _idle_blockers(self, c: int, option: OptionData, failing: dict, room: int) -> set[int] | None:
        """At most `room` placed units whose taking out lets the option keep the owners' weeks completable,
        taken one by one, each the first or last lesson of a failing owner on the option's day or next to
        a gap on another day that brings the weeks closest; None if that does not get there."""
        data, unit_here, here = self.data, self.unit_of[c], self.idle.where[option.periods[0]][0]
        out: set[int] = set()
        among = list(failing)
        while len(out) < room:
            best, best_left = None, None
            tried = 0
            for week in among:
                if week.tagged is not None:
                    return None
                at = self.teacher_at if week.owner[0] == "teacher" else self.set_at
                for k in [here] + [k for k in week.lists if k != here and week.gaps.get(k)]:
                    mask, periods = week.occupied.get(k, 0), data.day_periods[k]
                    for i in {mask.bit_length() - 1, (mask & -mask).bit_length() - 1} if mask else ():
                        u = at.get((week.owner[1], periods[i]))
                        if u is None or u in out or u == unit_here or tried >= 6:
                            continue  # the repair asks this of every slot: a few tries each
                        tried += 1
                        left = self._idle_left_without(out | {u}, c, option, among)
                        if best_left is None or left < best_left:
                            best, best_left = u, left
            if best is None:
                return None
            out.add(best)
            if best_left == 0:
                return out
        return None

    def _idle_left_without(self, units: set[int], c: int, option: OptionData, among) -> int:
        """How far the weeks `among` would be from completable with the option in and these units out
        (taking a unit out never makes a week worse: the other weeks still hold)."""
        placed = [(b, self.data.copies[b].options[self.option[b]])
                  for u in units for b in self.units[u] if self.option[b] is not None]
        for b, o in placed:
            self.idle.take(b, o)
        left = sum(self.idle.failing(c, option, among).values())
        for b, o in placed:
            self.idle.put(b, o)
        return left

    def _near_days(self, c: int) -> dict[int, set[int]]:
        """Hard spread (min_days_apart, min_days_between): per day, the placed units with a copy too close
        to the copy on that day. Cached until the next put or take: the repair and the placing ask it
        of every slot of the unit."""
        cached = self.near.get(c)
        if cached is not None and cached[0] == self.version:
            return cached[1]
        near: dict[int, set[int]] = defaultdict(set)
        for group, days in self.spread[c]:
            for other in group:
                k = self.option[other]
                if k is not None and other != c:
                    day = self.data.copies[other].options[k].day
                    for d in range(day - days + 1, day + days):
                        near[d].add(self.unit_of[other])
        self.near[c] = (self.version, near)
        return near

    def _fits(self, c: int, option: OptionData) -> bool:
        """The option is free: the same answer as `_blockers(c, option, 0) == set()`, at the first thing in
        the way (placing asks this of every slot of every unit, and on a full school most slots are taken)."""
        teacher_at, set_at, overlaps = self.teacher_at, self.set_at, self.overlaps
        sets = self.data.copies[c].sets
        for p in option.periods:
            for t in option.teachers:
                if (t, p) in teacher_at or any((t, q) in teacher_at for q in overlaps.get(p, ())):
                    return False
            for s in sets:
                if (s, p) in set_at:
                    return False
        if self.apart and c in self.apart and any(key in self.apart_at for key in self._apart_keys(c, option)):
            return False
        return self._rest(c, option, set(), 0) == set()

    # --- placing ----------------------------------------------------------------------------------

    def _put(self, u: int, c: int, k: int, pool: int | None = None) -> None:
        """Place the copy by option k, in `pool` (-1: no room) or else the first pool with a free room."""
        data, copy = self.data, self.data.copies[c]
        option = copy.options[k]
        pool = self._free_pool(c, option) if pool is None else pool
        self.option[c], self.pool[c] = k, (None if pool == -1 else pool)
        self.version += 1
        for p in option.periods:
            for t in option.teachers:
                self.teacher_at[(t, p)] = u
            for s in copy.sets:
                self.set_at[(s, p)] = u
            if pool is not None and pool >= 0:
                self.pool_at[(pool, p)].append(u)
        for t in option.teachers:
            self.teacher_day[(t, option.day)] += len(option.periods)
            self.teacher_days[t][option.day] += 1
        for s in copy.sets:
            self.set_day[(s, option.day)].extend(data.periods[p].number for p in option.periods)
        if self.apart:
            for key in self._apart_keys(c, option):
                self.apart_at[key] = u
        if self.idle.weeks:
            self.idle.put(c, option)

    def _take(self, c: int) -> None:
        data, copy, k = self.data, self.data.copies[c], self.option[c]
        option = copy.options[k]
        self.version += 1
        for p in option.periods:
            for t in option.teachers:
                self.teacher_at.pop((t, p), None)
            for s in copy.sets:
                self.set_at.pop((s, p), None)
            if self.pool[c] is not None:
                self.pool_at[(self.pool[c], p)].remove(self.unit_of[c])
        for t in option.teachers:
            self.teacher_day[(t, option.day)] -= len(option.periods)
            self.teacher_days[t][option.day] -= 1
        for s in copy.sets:
            taken = self.set_day[(s, option.day)]
            for p in option.periods:
                taken.remove(data.periods[p].number)
        if self.apart:
            for key in self._apart_keys(c, option):
                self.apart_at.pop(key, None)
        if self.idle.weeks:
            self.idle.take(c, option)
        self.option[c], self.pool[c] = None, None

    def unplace(self, u: int) -> None:
        for c in self.units[u]:
            if self.option[c] is not None:
                self._take(c)
        self.placed.discard(u)

    def _gaps_added(self, c: int, slot: Slot) -> int:
        """How many empty lesuren the copy's sets get between lessons on that day if it starts there."""
        copy = self.data.copies[c]
        added = 0
        for s in copy.sets:
            taken = self.set_day.get((s, slot[0]))
            if taken:
                lo, hi = min(taken), max(taken)
                new_lo, new_hi = min(lo, slot[1]), max(hi, slot[1] + copy.duration - 1)
                added += (new_hi - new_lo + 1 - len(taken) - copy.duration) - (hi - lo + 1 - len(taken))
        return added

    def _too_close(self, u: int, day: int) -> int:
        """Soft min_days_between: how many placed copies the unit's copies would be too close to on `day`."""
        close = 0
        for c in self.units[u]:
            for group, days in self.soft_spread.get(c, ()):
                for other in group:
                    k = self.option[other]
                    if k is not None and other != c and abs(self.data.copies[other].options[k].day - day) < days:
                        close += 1
        return close

    def _at(self, c: int, slot: Slot) -> list[int]:
        """The copy's options (indices) that start at `slot` (one per teacher who may teach it)."""
        by_slot = self.by_slot.get(c)
        if by_slot is None:
            by_slot = self.by_slot[c] = defaultdict(list)
            for k, o in enumerate(self.data.copies[c].options):
                by_slot[(o.day, o.first)].append(k)
        return by_slot.get(slot, [])

    def _shift(self, c: int, slot: Slot) -> Slot:
        """Where the copy starts when its unit starts at `slot`."""
        off = self.offset.get(c)
        return (slot[0], slot[1] + off) if off else slot

    def _free_option(self, c: int, slot: Slot) -> int | None:
        """The first of the copy's options at `slot` that fits (index), if any."""
        return next((k for k in self._at(c, slot) if self._fits(c, self.data.copies[c].options[k])), None)

    def try_slot(self, u: int, slot: Slot, known: int | None = None) -> bool:
        """Place every copy of the unit at `slot` if each has a free option there (else change nothing);
        `known`: a one-copy unit's option there, already found free."""
        done = []
        for c in self.units[u]:
            k = known if known is not None else self._free_option(c, self._shift(c, slot))
            if k is None:
                for d in done:
                    self._take(d)
                return False
            self._put(u, c, k)
            done.append(c)
        self.placed.add(u)
        return True

    def place(self, u: int) -> bool:
        """The unit at its best free slot: fewest new gaps for its sets (and for the owners under a gap
        rule), then the earliest lesuur, then the least busy day for its sets (a school's days fill from
        the morning, evenly)."""
        c0 = self.units[u][0]
        sets = self.data.copies[c0].sets
        slots = self.slots[u]
        draws = [self.rng.random() for _ in slots]  # the tie-breaks, drawn for every slot as always
        if len(self.units[u]) > 1:  # copies that start together may block each other: try them in turn
            order = sorted(range(len(slots)), key=lambda i: (
                *self._score(u, c0, sets, self._shift(c0, slots[i]), self._at(c0, self._shift(c0, slots[i]))[0]),
                draws[i]))
            return any(self.try_slot(u, slots[i]) for i in order)
        # one copy: score only the slots it fits at; the best of them is the one the full sort would reach first
        best, best_key = None, None
        options, fits = self.data.copies[c0].options, self._fits
        for i, slot in enumerate(slots):
            k = next((k for k in self._at(c0, slot) if fits(c0, options[k])), None)
            if k is not None:
                key = (*self._score(u, c0, sets, slot, k), draws[i])
                if best_key is None or key < best_key:
                    best, best_key = (slot, k), key
        return best is not None and self.try_slot(u, *best)

    def _score(self, u: int, c0: int, sets: tuple[int, ...], slot: Slot, k: int) -> tuple[int, int, int, int]:
        load = sum(len(self.set_day.get((s, slot[0]), ())) for s in sets)
        gaps = self._gaps_added(c0, slot)
        if self.idle.weeks:
            gaps += self.idle.added(c0, self.data.copies[c0].options[k])
        return gaps, self._too_close(u, slot[0]), slot[1], load

    def repair(self, u: int, bumped: dict[int, int], limit: int) -> list[int] | None:
        """Free the slot whose blockers weigh least (each counts 1 + how often it was bumped), place the
        unit there; the units taken out, or None when no slot can be freed within `limit` blockers."""
        best, best_weight = None, None
        find, units, rng = self._blockers, self.units[u], self.rng
        # the owners' weeks only add blockers: asked (the second pass) only where the slot may still win
        passes = (False, True) if self.idle.weeks else (False,)
        for slot in self.slots[u]:
            draw = None
            for idle in passes:
                blockers: set[int] | None = set()
                for c in units:  # the greedy's hottest loop: written out
                    options = self.data.copies[c].options
                    here = self._shift(c, slot)
                    found = [b for k in self._at(c, here) if (b := find(c, options[k], limit, idle)) is not None]
                    if not found:
                        blockers = None
                        break
                    blockers |= min(found, key=len)
                if blockers is None:
                    break
                draw = rng.random() if draw is None else draw
                weight = sum(1 + bumped.get(b, 0) for b in blockers) + draw
                if best_weight is not None and weight >= best_weight:
                    blockers = None
                    break
            if blockers is not None:
                best, best_weight = (slot, blockers), weight
        if best is None:
            return None
        slot, blockers = best
        for b in blockers:
            self.unplace(b)
        if not self.try_slot(u, slot):
            return list(blockers) + [u]
        return list(blockers)
