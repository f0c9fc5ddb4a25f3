"""School rules: lesson variables, clashes, rooms, spread, teacher limits, gaps, changes."""

from __future__ import annotations

from collections import defaultdict

from solver.cpsat.literals import Lit
from solver.timeline import DAYS


class SchoolRules:
    """Mixin of ModelBuilder: one method per school rule (names as in solver/rules.py)."""

    def _make_lesson_variables(self) -> None:
        """x[c][k]: copy c is placed by its option k (day, first lesuur, teacher)."""
        data, model = self.data, self.model
        self.x: list[list] = []
        self.unplaced: list[Lit] = []
        self.teacher_period: dict[tuple[int, int], list] = defaultdict(list)
        self.set_period: dict[tuple[int, int], list] = defaultdict(list)
        self.copy_period: list[dict[int, list]] = []
        self.copy_day: list[dict[int, list]] = []
        for c, copy in enumerate(data.copies):
            lesson = data.lessons[copy.lesson]
            usable = copy.options if (copy.pools or not copy.needs_room or self.explain) else ()
            xs = [model.new_bool_var(f"x[{lesson.id}#{copy.copy}:{o.day}.{o.first}.{o.teacher}]") for o in usable]
            xs += [False] * (len(copy.options) - len(usable))  # needs a room but none fits
            self.x.append(xs)
            if self.explain:
                self._pruned_options(copy, xs)
            by_period, by_day = defaultdict(list), defaultdict(list)
            for option, lit in zip(copy.options, xs):
                if lit is False:
                    continue
                by_day[option.day].append(lit)
                for p in option.periods:
                    by_period[p].append(lit)
                    for t in option.teachers:
                        self.teacher_period[(t, p)].append(lit)
                    for s in copy.sets:
                        self.set_period[(s, p)].append(lit)
            self.copy_period.append(by_period)
            self.copy_day.append(by_day)
            live = [lit for lit in xs if lit is not False]
            self.lesson_placed(c, live)

    def _pruned_options(self, copy, xs: list) -> None:
        """Explain mode: an option compile would have pruned is off while any reason's guards all hold."""
        for option, lit in zip(copy.options, xs):
            for reason in option.guards:
                self.lits.clause([lit.Not()] + [self.guard(*key).Not() for key in reason])

    def lesson_placed(self, c: int, live: list) -> None:
        """Every copy of every lesson is placed (or, if the policy allows, left out at a tier-1 cost)."""
        if self.data.weights.unplaced is None:
            self.unplaced.append(False)
            guard = self.guard("lesson_placed", self.data.lessons[self.data.copies[c].lesson].id)
            if guard is not None:  # explain mode: placed at most once always, at least once under the guard
                if len(live) > 1:
                    self.model.add_at_most_one(live)
                self.lits.clause(live, guard)
            elif live:
                self.model.add_exactly_one(live)
            else:
                self.lits.clause([])  # this copy has nowhere to go: the plan is infeasible
        else:
            u = self.model.new_bool_var(f"unplaced[{c}]")
            self.model.add_exactly_one(live + [u])
            self.unplaced.append(u)
            self.add_cost("lesson_placed", self.data.weights.unplaced, u)

    def period_lit(self, table: str, owner: int, p: int) -> Lit:
        """'This teacher (table "teacher") or student set ("set") has a lesson in period p', cached."""
        key = (table, owner, p)
        if table == "set" and owner in self.booked_sets and (owner, p) in self.set_period:
            return True  # a fully booked set is busy wherever it can be (ImpliedRules.mark_fully_booked)
        if key not in self._period_lits:
            lits = (self.teacher_period if table == "teacher" else self.set_period).get((owner, p), [])
            self._period_lits[key] = self.lits.sum_as_bool(lits, f"{table}[{owner}:{p}]")
        return self._period_lits[key]

    def teach_lit(self, t: int, p: int) -> Lit:
        return self.period_lit("teacher", t, p)

    def teacher_no_clash(self) -> None:
        """A teacher teaches at most one lesson at a time, also across schools."""
        for (t, _p), lits in self.teacher_period.items():
            if len(lits) > 1:
                self.only_if(self.model.add_at_most_one(lits), self.guard("teacher_no_clash", self.data.teachers[t].id))
        for p, q in self.data.cross_school_overlaps:
            for t in range(len(self.data.teachers)):
                both = self.teacher_period.get((t, p), []) + self.teacher_period.get((t, q), [])
                if len(both) > 1:
                    self.only_if(self.model.add_at_most_one(both),
                                 self.guard("teacher_no_clash", self.data.teachers[t].id))

    def group_no_clash(self) -> None:
        """A student set has at most one lesson at a time."""
        covered = set() if self.explain else self._sets_covered_by_others()
        for (s, _p), lits in self.set_period.items():
            if len(lits) > 1 and s not in covered:
                self.only_if(self.model.add_at_most_one(lits), self.guard("group_no_clash", self.data.student_sets[s]))

    def _sets_covered_by_others(self) -> set[int]:
        """Student sets whose every lesson copy is also a copy of one other set that is kept.

        Their no-clash constraints follow from that set's (a subset of its literals in every period),
        so they are left out: FET's subgroups made GYR's model 1.6 million clash literals."""
        copies_of: dict[int, set[int]] = defaultdict(set)
        for c, copy in enumerate(self.data.copies):
            for s in copy.sets:
                copies_of[s].add(c)
        sets_of_copy: dict[int, set[int]] = defaultdict(set)
        for s, copies in copies_of.items():
            for c in copies:
                sets_of_copy[c].add(s)
        covered: set[int] = set()
        # larger sets first, so that of sets with the same copies the first one is kept
        for s in sorted(copies_of, key=lambda s: (-len(copies_of[s]), s)):
            holders = set.intersection(*(sets_of_copy[c] for c in copies_of[s])) - {s} - covered
            if holders:
                covered.add(s)
        return covered

    def room_no_clash(self) -> None:
        """A room pool never holds more lessons in a period than it has free rooms (room_fits by pooling)."""
        data, model = self.data, self.model
        usage: dict[tuple[int, int], list] = defaultdict(list)
        self.pool_choice: list[dict[int, Lit]] = []
        counted = self._counted_copies() if self.rooms_counted else set()
        for c, copy in enumerate(data.copies):
            choice: dict[int, Lit] = {}
            if copy.needs_room and len(copy.pools) == 1:
                choice[copy.pools[0]] = True
                for p, lits in self.copy_period[c].items():
                    usage[(copy.pools[0], p)].extend(lits)
            elif c in counted:
                pass  # no pool literal: the loads of _pool_union_loads suffice (pools chosen after the search)
            elif copy.needs_room and copy.pools and not self.explain:
                choice = self._option_pools(c, copy, usage)
            elif copy.needs_room and copy.pools:
                placed = [lit for lit in self.x[c] if lit is not False]
                for pool in copy.pools:
                    choice[pool] = model.new_bool_var(f"pool[{c}:{pool}]")
                model.add(sum(choice.values()) == sum(placed))
                for p, lits in self.copy_period[c].items():
                    here = self.lits.sum_as_bool(lits)
                    for pool, chosen in choice.items():
                        if p in data.pools[pool].blocked:
                            self.lits.clause([self.lits.negate(here), chosen.Not()], self._room_guard("room_unavailable", pool))
                            continue
                        both = self.lits.and_of([here, chosen], f"use[{c}:{pool}:{p}]")
                        usage[(pool, p)].append(both)
            self.pool_choice.append(choice)
        self._pool_union_loads(counted)
        for (pool, p), lits in usage.items():
            size = self._free_rooms(pool, p)
            if len(lits) > size:
                blocked = p in data.pools[pool].blocked
                guard = self._room_guard("room_unavailable" if blocked else "room_no_clash", pool)
                self._pool_limit(lits, size, (pool,), p, guard)

    def _pool_limit(self, lits: list, size: int, pools: tuple, p: int, guard=None) -> None:
        """At most `size` of `lits` (lessons in `pools` in lesuur p); with rooms_soft each one too many
        costs 1 under room_no_clash instead (but closed rooms, size 0, stay closed)."""
        if not self.rooms_soft or size == 0:
            self.only_if(self.model.add(sum(lits) <= size), guard)
            return
        over = self.model.new_int_var(0, len(lits) - size, f"over[{'+'.join(map(str, pools))}:{p}]")
        self.model.add(sum(lits) - over <= size)
        self.scope = ("rooms", pools, p)
        self.add_cost("room_no_clash", 1, over)
        self.scope = None

    def _free_rooms(self, pool: int, p: int) -> int:
        """The rooms of a pool that are open in lesuur p (all or none: a pool shares its closed lesuren)."""
        info = self.data.pools[pool]
        return 0 if p in info.blocked else len(info.rooms)

    def _counted_copies(self) -> set[int]:
        """Copies of one lesuur whose pools no other copy's choice of pools overlaps (unless it is the same).

        For them the per-lesuur count of _pool_union_loads is exact (Hall's condition: every pool on its
        own, and their union), so a timetable of the counted model always gets its pools afterwards.
        A lesson of several lesuren keeps its pool literals: it must stay in one room throughout."""
        copies = self.data.copies
        choices = {frozenset(c.pools) for c in copies if c.needs_room and len(c.pools) > 1}
        alone = {s for s in choices if not any(t != s and t & s for t in choices)}
        return {c for c, copy in enumerate(copies)
                if copy.needs_room and copy.duration == 1 and len(copy.pools) > 1 and frozenset(copy.pools) in alone}

    def _pool_union_loads(self, counted: set[int]) -> None:
        """The counted copies' constraint: per lesuur, the lessons whose every pool lies in their choice
        of pools fit in those pools' free rooms. Only there: as an implied constraint on overlapping
        choices it kept German-100_and_0's relaxed start from coming in 60 s (benchmarks/RESULTS.md)."""
        data = self.data
        for union in sorted({frozenset(data.copies[c].pools) for c in counted}, key=sorted):
            inside = [c for c, copy in enumerate(data.copies)
                      if copy.needs_room and copy.pools and union.issuperset(copy.pools)]
            for p in range(len(data.periods)):
                lits = [lit for c in inside for lit in self.copy_period[c].get(p, [])]
                size = sum(self._free_rooms(q, p) for q in union)
                if len(lits) > size:
                    self._pool_limit(lits, size, tuple(sorted(union)), p)

    def _option_pools(self, c: int, copy, usage: dict) -> dict[int, Lit]:
        """A copy with several pools: one literal per (option, pool) it may use, summing to the option's.

        Linear in the lesson literals, so a pool's load in a period is a plain sum: the form with one
        pool literal per copy needed an AND of (copy here, pool chosen) per period and pool (86,000
        of them on lycee-Farabi, whose presolve alone then took ~8 s; benchmarks/RESULTS.md)."""
        model, pools = self.model, self.data.pools
        by_pool: dict[int, list] = defaultdict(list)
        for option, lit in zip(copy.options, self.x[c]):
            if lit is False:
                continue
            open_pools = [pool for pool in copy.pools if not pools[pool].blocked.intersection(option.periods)]
            uses = [lit] if len(open_pools) == 1 else [
                model.new_bool_var(f"room[{c}:{option.day}.{option.first}:{pool}]") for pool in open_pools]
            if not open_pools:
                self.lits.clause([self.lits.negate(lit)])
            elif len(uses) > 1:
                model.add(sum(uses) == lit)
            for pool, use in zip(open_pools, uses):
                by_pool[pool].append(use)
                for p in option.periods:
                    usage[(pool, p)].append(use)
        return {pool: self.lits.sum_as_bool(by_pool.get(pool, []), f"pool[{c}:{pool}]") for pool in copy.pools}

    def _room_guard(self, rule: str, pool: int) -> Lit | None:
        """The guard of a rule about the rooms of one pool: (rule, school id, room ids ...)."""
        if not self.explain:
            return None
        info = self.data.pools[pool]
        return self.guard(rule, self.data.schools[info.school], *info.rooms)

    def min_days_apart(self) -> None:
        """Copies of a lesson are at least min_days_apart days apart: any m consecutive days hold one copy."""
        for lesson in self.data.lessons:
            m = lesson.min_days_apart
            if m <= 0 or len(lesson.copies) < 2:
                continue
            for first_day in range(len(DAYS)):
                window = [
                    lit for c in lesson.copies for d in range(first_day, first_day + m)
                    for lit in self.copy_day[c].get(d, [])
                ]
                if len(window) > 1:
                    self.only_if(self.model.add_at_most_one(window), self.guard("min_days_apart", lesson.id))

    def interchangeable_copies(self) -> None:
        """Copies of a lesson without a current placement are alike: order them by slot (symmetry breaking)."""
        for lesson in self.data.lessons:
            if not lesson.interchangeable or len(lesson.copies) < 2:
                continue
            ranks = []
            for c in lesson.copies:
                copy = self.data.copies[c]
                ranks.append(sum(
                    (o.day * 100 + o.first) * lit for o, lit in zip(copy.options, self.x[c]) if lit is not False
                ))
            for a, b in zip(ranks, ranks[1:]):
                # explain mode: <= holds for any guards (copies left unplaced sort first, rank 0)
                self.model.add(a < b if lesson.has_groups and not self.explain else a <= b)

    def _teacher_day_lits(self):
        """Per teacher and day: the occupied-period literals (all schools)."""
        by_day: dict[tuple[int, int], list] = defaultdict(list)
        for (t, p) in self.teacher_period:
            by_day[(t, self.data.periods[p].day)].append(self.teach_lit(t, p))
        return by_day

    def teacher_max_periods_per_day(self) -> None:
        """A teacher teaches at most max_periods_per_day lesuren a day."""
        for (t, _day), lits in self._teacher_day_lits().items():
            limit = self.data.teachers[t].max_periods_per_day
            if limit is not None and len(lits) > limit:
                guard = self.guard("teacher_max_periods_per_day", self.data.teachers[t].id)
                self.only_if(self.model.add(sum(lits) <= limit), guard)

    def teacher_max_days_per_week(self) -> None:
        """A teacher comes in on at most max_days_per_week days."""
        per_teacher: dict[int, list] = defaultdict(list)
        for (t, day), lits in sorted(self._teacher_day_lits().items()):
            if self.data.teachers[t].max_days_per_week is not None:
                per_teacher[t].append(self.lits.or_of(lits, f"teaches_on[{t}:{day}]"))
        for t, days in per_teacher.items():
            limit = self.data.teachers[t].max_days_per_week
            if len(days) > limit:
                guard = self.guard("teacher_max_days_per_week", self.data.teachers[t].id)
                self.only_if(self.model.add(sum(days) <= limit), guard)

    def _gap_cost(self, rule: str, weight: int, table: str) -> None:
        """Count free periods between the first and the last lesson of a day, for each owner."""
        if weight <= 0:
            return
        period_lits = self.teacher_period if table == "teacher" else self.set_period
        owners = {owner for owner, _ in period_lits}
        for owner in sorted(owners):
            for day_periods in self.data.day_periods:
                if sum(1 for p in day_periods if (owner, p) in period_lits) < 2:
                    continue
                o = [self.period_lit(table, owner, p) for p in day_periods]
                n = len(o)
                before = [False] * n
                for k in range(1, n):
                    before[k] = self.lits.or_of([before[k - 1], o[k - 1]])
                after = [False] * n
                for k in range(n - 2, -1, -1):
                    after[k] = self.lits.or_of([after[k + 1], o[k + 1]])
                for k in range(1, n - 1):
                    gap = self.lits.and_of([before[k], after[k], self.lits.negate(o[k])], f"{rule}[{owner}:{day_periods[k]}]")
                    if gap is not False:
                        self.add_cost(rule, weight, gap)

    def teacher_gaps(self) -> None:
        """Soft: free periods between a teacher's lessons on a day."""
        self._gap_cost("teacher_gaps", self.data.weights.teacher_gaps, "teacher")

    def student_gaps(self) -> None:
        """Soft: tussenuren of every student set."""
        self._gap_cost("student_gaps", self.data.weights.student_gaps, "set")

    def lesson_move(self) -> None:
        """Soft: a copy placed away from its current slot."""
        weight = self.data.weights.lesson_move
        for c, copy in enumerate(self.data.copies):
            if weight <= 0 or copy.current_slot is None:
                continue
            moved = [lit for o, lit in zip(copy.options, self.x[c])
                     if lit is not False and (o.day, o.first) != copy.current_slot]
            for lit in moved:
                self.add_cost("lesson_move", weight, lit)

    def teacher_change(self) -> None:
        """Soft: a copy given another teacher than in the current timetable."""
        weight = self.data.weights.teacher_change
        for c, copy in enumerate(self.data.copies):
            if weight <= 0 or copy.current_teacher is None:
                continue
            for o, lit in zip(copy.options, self.x[c]):
                if lit is not False and o.teacher != copy.current_teacher:
                    self.add_cost("teacher_change", weight, lit)
