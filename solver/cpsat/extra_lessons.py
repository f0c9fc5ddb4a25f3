"""Extra constraints between lessons: spread, preferred times, same start, order, groups, gaps.

One method per constraint type of `solver.domain.constraints`, named after the type; exact
definitions in docs/rules.md ('Extra constraints'). Hard preferred starts / slots are pruned in
compile (solver/compile_extra.py) and need nothing here.
"""

from __future__ import annotations

from itertools import combinations, permutations

from solver.cpsat.literals import Lit
from solver.problem_extra import ExtraData
from solver.timeline import DAYS


class ExtraLessonRules:
    """Mixin of ModelBuilder (needs ExtraBase): the lesson-relation extra constraints."""

    def _duration(self, c: int) -> int:
        return self.data.copies[c].duration

    def _adjacent(self, a: int, b: int, day: int, first: int, either_side: bool, over_breaks: bool) -> list[Lit]:
        """Literals 'b starts right after a (at `first` on `day`) ends' [or 'b ends right before it']."""
        school, last = self.data.copies[a].school, first + self._duration(a) - 1
        out = []
        if self._next_ok(school, day, last + 1, over_breaks):
            out.append(self._start(b, day, last + 1))
        if either_side and self._next_ok(school, day, first, over_breaks):
            out.append(self._end(b, day, first - 1))
        return out

    def min_days_between(self, e: ExtraData) -> None:
        """Copies of the named lessons lie at least min_days days apart (FET MinDaysBetweenActivities)."""
        copies, m = e.groups[0], e.amount
        if e.hard:  # any m consecutive days hold at most one of the copies
            for first_day in range(len(DAYS)):
                window = [lit for c in copies for d in range(first_day, first_day + m)
                          for lit in self.copy_day[c].get(d, [])]
                if len(window) > 1:
                    self.model.add_at_most_one(window)
            return
        for a, b in combinations(copies, 2):
            if e.weight:
                terms = []
                for d in sorted(self.copy_day[a]):
                    near = self._cached(("near", b, d, m), lambda: self.lits.sum_as_bool(
                        [lit for d2 in range(d - m + 1, d + m) for lit in self.copy_day[b].get(d2, [])]))
                    terms.append(self.lits.and_of([self._on_day(a, d), near]))
                self._charge(e, self.lits.sum_as_bool(terms, f"close[{e.index}:{a}:{b}]"))
            if e.flag:  # consecutive if same day: hard whatever the weight (0 included), as in FET
                for d, f in sorted(self._starts(a)):
                    self.lits.clause([self.lits.negate(self._start(a, d, f)), self.lits.negate(self._on_day(b, d))]
                                     + self._adjacent(a, b, d, f, either_side=True, over_breaks=False))

    def preferred_starts(self, e: ExtraData) -> None:
        """Each copy starts at one of the listed slots (hard: options pruned in compile)."""
        if e.hard:
            return
        for c in e.groups[0]:
            for o, lit in self._options(c):
                if (o.day, o.first) not in e.starts:
                    self._charge(e, lit)

    def preferred_slots(self, e: ExtraData) -> None:
        """Each copy occupies only listed slots (hard: options pruned in compile)."""
        if e.hard:
            return
        allowed = set(e.periods)
        for c in e.groups[0]:
            for o, lit in self._options(c):
                if not allowed.issuperset(o.periods):
                    self._charge(e, lit)

    def _same(self, e: ExtraData, key, lits_of) -> None:
        """Copy k of every named lesson shares `key` (start slot or day): one choice per group."""
        for k, group in enumerate(e.groups):
            values = sorted(set().union(*({key(o) for o, _ in self._options(c)} for c in group)))
            if e.hard:
                y = {v: self.model.new_bool_var(f"{e.type}[{e.index}:{k}:{v}]") for v in values}
                if len(y) > 1:
                    self.model.add_at_most_one(y.values())
                for c in group:
                    for v in values:
                        here = [lit for o, lit in self._options(c) if key(o) == v]
                        if here:
                            self.model.add(sum(here) <= y[v])
                continue
            for a, b in combinations(group, 2):
                both = [self.lits.and_of([lits_of(a, v), lits_of(b, v)]) for v in values]
                self._violated(e, self.lits.sum_as_bool(both), (a, b), f"[{a}:{b}]")

    def same_starting_time(self, e: ExtraData) -> None:
        """Copy k of every named lesson starts at the same day and lesuur (FET ActivitiesSameStartingTime)."""
        self._same(e, lambda o: (o.day, o.first), lambda c, v: self._start(c, *v))

    def same_starting_day(self, e: ExtraData) -> None:
        """Copy k of every named lesson is on the same day (FET ActivitiesSameStartingDay)."""
        self._same(e, lambda o: o.day, self._on_day)

    def not_overlapping(self, e: ExtraData) -> None:
        """No two copies of the named lessons share a lesuur (FET ActivitiesNotOverlapping)."""
        copies = e.groups[0]
        periods = sorted(set().union(*(self.copy_period[c].keys() for c in copies)))
        for p in periods:
            holders = [c for c in copies if self.copy_period[c].get(p)]
            if len(holders) > 1:
                self._at_most(e, [lit for c in holders for lit in self.copy_period[c][p]], 1, f"[{p}]")

    def consecutive(self, e: ExtraData) -> None:
        """Copy k of `second` starts right after copy k of `first` ends, same day (FET TwoActivitiesConsecutive)."""
        for a, b in e.groups:
            terms = []
            for d, f in sorted(self._starts(a)):
                follows = self._adjacent(a, b, d, f, either_side=False, over_breaks=True)
                if e.hard:
                    self.lits.clause([self.lits.negate(self._start(a, d, f)), self.lits.negate(self._placed(b))]
                                     + follows)
                else:
                    terms.append(self.lits.and_of([self._start(a, d, f), *follows] if follows else [False]))
            if not e.hard:
                self._violated(e, self.lits.sum_as_bool(terms), (a, b), f"[{a}:{b}]")

    def _chain(self, order: tuple[int, ...]) -> Lit:
        """'The copies stand back to back in this order on one day' (a marked break between them is fine)."""
        first, school = order[0], self.data.copies[order[0]].school
        terms = []
        for d, f in sorted(self._starts(first)):
            lits, pos = [self._start(first, d, f)], f + self._duration(first)
            for c in order[1:]:
                if not self._next_ok(school, d, pos, over_breaks=True):
                    lits = [False]
                    break
                lits.append(self._start(c, d, pos))
                pos += self._duration(c)
            terms.append(self.lits.and_of(lits))
        return self.lits.sum_as_bool(terms)

    def grouped(self, e: ExtraData) -> None:
        """Copy k of the 2 or 3 named lessons forms one block on one day, any order (FET Two/ThreeActivitiesGrouped)."""
        for group in e.groups:
            if e.hard and len(group) == 2:
                a, b = group
                for d, f in sorted(self._starts(a)):
                    self.lits.clause([self.lits.negate(self._start(a, d, f)), self.lits.negate(self._placed(b))]
                                     + self._adjacent(a, b, d, f, either_side=True, over_breaks=True))
                continue
            ok = self.lits.or_of([self._chain(order) for order in permutations(group)])
            self._violated(e, ok, group, f"[{group[0]}]")

    def _positions(self, day_list) -> list[int]:
        """Per lesuur of a day (index): its place when every marked break counts as one free lesuur."""
        out, pos = [], -1
        for p in day_list:
            pos += 2 if p in self.data.breaks else 1
            out.append(pos)
        return out

    def min_gaps_between(self, e: ExtraData) -> None:
        """Copies of the named lessons on one day have at least min_gaps free lesuren (or breaks) between them."""
        copies, n = e.groups[0], e.amount
        school = self.data.copies[copies[0]].school
        for day_list in self.data.day_periods:
            head = self.data.periods[day_list[0]]
            if head.school != school:
                continue
            pos = self._positions(day_list)
            spans = [(c, pos[o.first - 1], pos[o.first + self._duration(c) - 2], lit)
                     for c in copies for o, lit in self._options(c) if o.day == head.day]
            if e.hard:  # any n+1 consecutive places of a day touch at most one of the copies
                for w in range(0, max(0, pos[-1] - n) + 1):
                    touch = [(c, lit) for c, lo, hi, lit in spans if lo <= w + n and hi >= w]
                    if len({c for c, _ in touch}) > 1:
                        self.model.add_at_most_one([lit for _, lit in touch])
                continue
            for a, b in combinations(copies, 2):
                terms = []
                for ca, lo, hi, lit in spans:
                    if ca == a:
                        near = self.lits.sum_as_bool([x for cb, lo_b, hi_b, x in spans
                                                      if cb == b and lo_b <= hi + n and hi_b >= lo - n])
                        terms.append(self.lits.and_of([lit, near]))
                self._charge(e, self.lits.sum_as_bool(terms, f"close[{e.index}:{a}:{b}:{head.day}]"))

    def ends_students_day(self, e: ExtraData) -> None:
        """No student set of a copy has a lesson later that day (FET ActivityEndsStudentsDay)."""
        day_lists = {(self.data.periods[dl[0]].school, self.data.periods[dl[0]].day): dl
                     for dl in self.data.day_periods}
        for c in e.groups[0]:
            copy = self.data.copies[c]
            if not copy.sets:
                continue
            terms = []
            for d in sorted(self.copy_day[c]):
                dl = day_lists[(copy.school, d)]
                occupied = [self.lits.or_of([self.period_lit("set", s, p) for s in copy.sets]) for p in dl]
                if e.hard:
                    for k in range(1, len(dl)):  # lesuur k+1 is later than every copy ending before it
                        before = [lit for o, lit in self._options(c) if o.day == d and o.first + copy.duration - 1 <= k]
                        if before and occupied[k] is not False:
                            self.model.add(sum(before) + occupied[k] <= 1)
                    continue
                later: list[Lit] = [False] * len(dl)  # later[k]: a set is busy after lesuur k+1
                for k in range(len(dl) - 2, -1, -1):
                    later[k] = self.lits.or_of([later[k + 1], occupied[k + 1]])
                for dd, f in sorted(self._starts(c)):
                    if dd == d:
                        terms.append(self.lits.and_of([self._start(c, d, f), later[f + copy.duration - 2]]))
            if not e.hard:
                self._charge(e, self.lits.sum_as_bool(terms, f"{e.type}[{e.index}:{c}]"))

    def occupy_max_slots(self, e: ExtraData) -> None:
        """The named lessons occupy at most max_occupied of the listed lesuren (FET OccupyMaxTimeSlotsFromSelection)."""
        copies = e.groups[0]
        used = [self.lits.or_of([lit for c in copies for lit in self.copy_period[c].get(p, [])]) for p in e.periods]
        self._at_most(e, used, e.amount)

    def preferred_rooms(self, e: ExtraData) -> None:
        """Each copy is in one of the listed rooms (hard: rooms pruned in compile; soft: pools never mix them)."""
        if e.hard:
            return
        for c in e.groups[0]:
            if not self.data.copies[c].needs_room:  # placed without a room: never in one of them
                for _, lit in self._options(c):
                    self._charge(e, lit)
                continue
            for pool, chosen in self.pool_choice[c].items():
                if pool in e.pools:
                    continue
                if chosen is True:  # the copy's only pool: it costs whenever it is placed
                    for _, lit in self._options(c):
                        self._charge(e, lit)
                else:
                    self._charge(e, chosen)
