"""Arbeidstijdenwet on each person's merged week (company shifts + lessons + travel).

Work is constant on each compiled segment, so every rule is a set of clauses over segment
literals `work[e]`. A free stretch of time always starts where some segment ends, so the rest
literals only need to be made at segment ends (see docs/rules.md for the exact definitions).
"""

from __future__ import annotations

from solver.cpsat.literals import Lit


class LabourLawRules:
    """Mixin of ModelBuilder: the Atw rules, one method each."""

    def _make_work_literals(self) -> None:
        """work[person][e]: the person works (shift, lesson or travel) during segment e."""
        self.work: list[list[Lit]] = []
        for person in self.data.law_persons:
            lits = []
            for e, seg in enumerate(person.segments):
                atoms = [self.w[i] for i in seg.shifts]
                atoms += [self.busy_lit(person.hto, k) for k in seg.spans]
                lits.append(self.lits.or_of(atoms, f"work[{person.staff}:{e}]"))
            self.work.append(lits)
        self._free_cache: dict[tuple[int, int, int], Lit] = {}

    def _free(self, k: int, start: int, length: int) -> Lit:
        """A literal that implies no work of person k in [start, start + length)."""
        key = (k, start, length)
        if key in self._free_cache:
            return self._free_cache[key]
        inside = [
            lit for seg, lit in zip(self.data.law_persons[k].segments, self.work[k])
            if seg.start < start + length and start < seg.end
        ]
        if any(lit is True for lit in inside):
            out: Lit = False
        else:
            live = [lit for lit in inside if lit is not False]
            if not live:
                out = True
            else:
                out = self.model.new_bool_var(f"free[{k}:{start}+{length}]")
                for lit in live:
                    self.model.add_implication(out, lit.Not())
        self._free_cache[key] = out
        return out

    def atw_max_week(self) -> None:
        """At most 60 hours of work in the week."""
        limit = self.data.law.max_week
        for person, lits in zip(self.data.law_persons, self.work):
            guard = self._law_guard("atw_max_week", person)
            fixed = sum(s.end - s.start for s, lit in zip(person.segments, lits) if lit is True)
            live = [(s.end - s.start) * lit for s, lit in zip(person.segments, lits) if not isinstance(lit, bool)]
            if fixed > limit:
                self.lits.clause([], guard)
            elif live and fixed + sum(s.end - s.start for s, lit in zip(person.segments, lits) if not isinstance(lit, bool)) > limit:
                self.only_if(self.model.add(sum(live) <= limit - fixed), guard)

    def _law_guard(self, rule: str, person) -> Lit | None:
        """Explain mode: the guard of one Atw rule for one person, (rule, staff id)."""
        return self.guard(rule, self.data.staff[person.staff].id) if self.explain else None

    def atw_max_shift_duration(self) -> None:
        """A dienst (work between two rests of 8 h or more) lasts at most 12 hours."""
        law = self.data.law
        for k, (person, lits) in enumerate(zip(self.data.law_persons, self.work)):
            segs = person.segments
            for a in range(len(segs)):
                if lits[a] is False:
                    continue
                for b in range(a, len(segs)):
                    if segs[b].start - segs[a].start >= law.max_shift + law.dienst_rest:
                        break
                    if segs[b].end - segs[a].start <= law.max_shift or lits[b] is False:
                        continue
                    rests = [
                        self._free(k, segs[e].end, law.dienst_rest) for e in range(a, b)
                        if segs[e].end + law.dienst_rest <= segs[b].start
                    ]
                    self.lits.clause([self.lits.negate(lits[a]), self.lits.negate(lits[b])] + rests,
                                     self._law_guard("atw_max_shift_duration", person))

    def atw_daily_rest(self) -> None:
        """11 hours of rest after a dienst; at most once a week 8 hours."""
        law = self.data.law
        for k, (person, lits) in enumerate(zip(self.data.law_persons, self.work)):
            segs = person.segments
            shorts = []
            for a in range(len(segs)):
                if lits[a] is False:
                    continue
                for b in range(a + 1, len(segs)):
                    gap = segs[b].start - segs[a].end
                    if gap >= law.daily_rest:
                        break
                    if gap < law.dienst_rest or lits[b] is False:
                        continue
                    between = [lits[e] for e in range(a + 1, b)]
                    if any(lit is True for lit in between):
                        continue
                    short = self.model.new_bool_var(f"short_rest[{k}:{a}:{b}]")
                    shorts.append(short)
                    self.lits.clause(
                        [self.lits.negate(lits[a]), self.lits.negate(lits[b]), short]
                        + [lit for lit in between if lit is not False]
                    )
            if len(shorts) > law.daily_rest_short_per_week:
                self.only_if(self.model.add(sum(shorts) <= law.daily_rest_short_per_week),
                             self._law_guard("atw_daily_rest", person))

    def atw_rest_after_night(self) -> None:
        """14 hours of rest after a night shift ending after 02:00; 46 hours after 3+ nights in a row."""
        for k, (person, lits) in enumerate(zip(self.data.law_persons, self.work)):
            for rest in person.night_rests:
                inst = self.data.instances[rest.instance]
                condition = [self.w[rest.instance]]
                condition += [self.lits.or_of([self.w[i] for i in day]) for day in rest.previous_nights]
                condition += [self.lits.negate(self.w[i]) for i in rest.next_nights]
                if any(c is False for c in condition):
                    continue
                negated = [self.lits.negate(c) for c in condition]
                for seg, lit in zip(person.segments, lits):
                    if seg.start < inst.end + rest.rest_minutes and inst.end < seg.end:
                        self.lits.clause(negated + [self.lits.negate(lit)],
                                         self._law_guard("atw_rest_after_night", person))

    def atw_weekly_rest(self) -> None:
        """36 hours of uninterrupted rest inside the week."""
        law = self.data.law
        for k, person in enumerate(self.data.law_persons):
            starts = sorted({0} | {s.end for s in person.segments})
            options = [
                self._free(k, b, law.weekly_rest) for b in starts if b + law.weekly_rest <= law.horizon
            ]
            self.lits.clause(options, self._law_guard("atw_weekly_rest", person))
