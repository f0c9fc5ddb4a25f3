"""Extra constraints on the week of a teacher or a student set: gaps, periods, days, early start.

One method per constraint type of `solver.domain.constraints`, named after the type; each applies
to every owner (named teacher, student set of a named group) separately. Exact definitions in
docs/rules.md ('Extra constraints').
"""

from __future__ import annotations

from collections import defaultdict

from solver.cpsat.literals import Lit
from solver.problem_extra import ExtraData, Owner


class ExtraScopedRules:
    """Mixin of ModelBuilder (needs ExtraBase): the teacher / student-set extra constraints."""

    def _each_owner(self, e: ExtraData):
        """The rule's owners, each the builder's scope while its constraints are added."""
        for owner in e.owners:
            self.scope = owner
            yield owner
        self.scope = ("extra", e.index)

    def _scope_day(self, owner: Owner, day: int) -> None:
        """The terms added next are about one day of the owner (the repair search frees that day)."""
        self.scope = (owner, day)

    def _owner_lit(self, e: ExtraData, owner: Owner, p: int) -> Lit:
        """'The owner has a lesson in period p' (only lessons with the tag when the rule has one)."""
        if e.tag is None:
            return self.period_lit(owner.kind, owner.index, p)
        table = self._cached(("tags", e.tag), lambda: self._tag_table(e))
        return self._cached(("tag", e.tag, owner.kind, owner.index, p), lambda: self.lits.sum_as_bool(
            table.get((owner.kind, owner.index, p), []), f"tag[{e.tag}:{owner.kind}{owner.index}:{p}]"))

    def _tag_table(self, e: ExtraData) -> dict:
        table: dict[tuple[str, int, int], list] = defaultdict(list)
        for c in sorted(e.tagged):
            copy = self.data.copies[c]
            for o, lit in self._options(c):
                for p in o.periods:
                    for t in o.teachers:
                        table[("teacher", t, p)].append(lit)
                    for s in copy.sets:
                        table[("set", s, p)].append(lit)
        return table

    def _day_lits(self, e: ExtraData, owner: Owner) -> list[list[Lit]]:
        """Per (school, day) the owner may teach / learn on: the occupied-lesuur literals in order."""
        return [[self._owner_lit(e, owner, p) for p in self.data.day_periods[k]] for k in owner.day_lists]

    def _calendar_days(self, e: ExtraData, owner: Owner) -> dict[int, list[Lit]]:
        """Per day of the week: the occupied-lesuur literals of all schools."""
        out: dict[int, list[Lit]] = defaultdict(list)
        for k in owner.day_lists:
            day_list = self.data.day_periods[k]
            out[self.data.periods[day_list[0]].day].extend(self._owner_lit(e, owner, p) for p in day_list)
        return dict(sorted(out.items()))

    def _gap_lits(self, e: ExtraData, owner: Owner, k: int) -> list[Lit]:
        """Empty lesuren, the owner available, between its first and last occupied one of day list k (exact)."""
        return self._cached(("gaps", e.tag, owner.kind, owner.index, k), lambda: self._make_gaps(e, owner, k))

    def _make_gaps(self, e: ExtraData, owner: Owner, k: int) -> list[Lit]:
        o = [self._owner_lit(e, owner, p) for p in self.data.day_periods[k]]
        if sum(1 for lit in o if lit is not False) < 2:
            return []
        n = len(o)
        before: list[Lit] = [False] * n
        for i in range(1, n):
            before[i] = self.lits.or_of([before[i - 1], o[i - 1]])
        after: list[Lit] = [False] * n
        for i in range(n - 2, -1, -1):
            after[i] = self.lits.or_of([after[i + 1], o[i + 1]])
        day_list = self.data.day_periods[k]
        gaps = [self.lits.and_of([before[i], after[i], self.lits.negate(o[i])]) for i in range(1, n - 1)
                if day_list[i] not in owner.unavailable]
        return [g for g in gaps if g is not False]

    def max_gaps_per_week(self, e: ExtraData) -> None:
        """Each owner has at most max_gaps empty lesuren between lessons in the week."""
        for owner in self._each_owner(e):
            gaps = [g for k in owner.day_lists for g in self._gap_lits(e, owner, k)]
            self._at_most(e, gaps, e.amount, f"[{owner.kind}{owner.index}]")

    def max_gaps_per_day(self, e: ExtraData) -> None:
        """Each owner has at most max_gaps empty lesuren between lessons on each day."""
        for owner in self._each_owner(e):
            for k in owner.day_lists:
                self._scope_day(owner, self.data.periods[self.data.day_periods[k][0]].day)
                self._at_most(e, self._gap_lits(e, owner, k), e.amount, f"[{owner.kind}{owner.index}:{k}]")

    def max_periods_per_day(self, e: ExtraData) -> None:
        """Each owner has at most max_periods occupied lesuren a day."""
        for owner in self._each_owner(e):
            for day, lits in self._calendar_days(e, owner).items():
                self._scope_day(owner, day)
                self._at_most(e, lits, e.amount, f"[{owner.kind}{owner.index}:{day}]")

    def min_periods_per_day(self, e: ExtraData) -> None:
        """Each owner has at least min_periods occupied lesuren a day (allow_empty_days: on each day with any)."""
        for owner in self._each_owner(e):
            for day, lits in self._calendar_days(e, owner).items():
                self._scope_day(owner, day)
                gate = self.lits.or_of(lits) if e.flag else True
                self._at_least(e, lits, e.amount, f"[{owner.kind}{owner.index}:{day}]", gate=gate)

    def max_periods_continuously(self, e: ExtraData) -> None:
        """Each owner has no run of more than max_periods occupied lesuren (tag: of tagged lessons) between breaks."""
        n = e.amount
        for owner in self._each_owner(e):
            for k, o in zip(owner.day_lists, self._day_lits(e, owner)):
                day_list = self.data.day_periods[k]
                self._scope_day(owner, self.data.periods[day_list[0]].day)
                for w in range(len(o) - n):
                    if any(p in self.data.breaks for p in day_list[w + 1:w + n + 1]):
                        continue
                    window = o[w:w + n + 1]
                    if e.hard:
                        self._at_most(e, window, n)
                    else:  # one unit per fully occupied window of n+1 = per lesuur beyond n in a run
                        self._charge(e, self.lits.and_of(window, f"{e.type}[{e.index}:{owner.index}:{day_list[w]}]"))

    def tag_max_periods_per_day(self, e: ExtraData) -> None:
        """Each owner has at most max_periods lesuren of lessons with the tag a day."""
        self.max_periods_per_day(e)

    def min_days_per_week(self, e: ExtraData) -> None:
        """Each owner has lessons on at least min_days days."""
        for owner in self._each_owner(e):
            days = [self.lits.or_of(lits) for lits in self._calendar_days(e, owner).values()]
            self._at_least(e, days, e.amount, f"[{owner.kind}{owner.index}]")

    def interval_max_days_per_week(self, e: ExtraData) -> None:
        """Each owner has lessons in lesuren [first_period, end_period) on at most max_days days."""
        for owner in self._each_owner(e):
            by_day: dict[int, list[Lit]] = defaultdict(list)
            for k in owner.day_lists:
                for p in self.data.day_periods[k]:
                    period = self.data.periods[p]
                    if e.first_period <= period.number < e.end_period:
                        by_day[period.day].append(self._owner_lit(e, owner, p))
            days = [self.lits.or_of(lits) for _, lits in sorted(by_day.items())]
            self._at_most(e, days, e.amount, f"[{owner.kind}{owner.index}]")

    def early_max_beginnings_at_second_period(self, e: ExtraData) -> None:
        """Each owner's day starts at its first available lesuur; on at most max_beginnings days one later."""
        for owner in self._each_owner(e):
            second = []
            for k, o in zip(owner.day_lists, self._day_lits(e, owner)):
                free = [i for i, p in enumerate(self.data.day_periods[k]) if p not in owner.unavailable]
                one, two = (free + [len(o), len(o)])[:2]  # the first two available lesuren (index)
                none_to_one = self.lits.negate(self.lits.or_of(o[:one + 1]))
                none_to_two = self.lits.negate(self.lits.or_of(o[:two + 1]))
                second.append(self.lits.and_of([none_to_one, self.lits.or_of(o[one + 1:two + 1])]))
                if e.hard:
                    for lit in o[two + 1:]:  # a lesson after the second available lesuur needs one before it
                        self.lits.clause([self.lits.negate(lit), *o[:two + 1]])
                else:
                    self._charge(e, self.lits.and_of([none_to_two, self.lits.or_of(o[two + 1:])]))
            self._at_most(e, second, e.amount, f"[{owner.kind}{owner.index}]")
