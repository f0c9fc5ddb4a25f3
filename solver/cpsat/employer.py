"""Hto'er and employer rules: shifts worked, re-rostering, release, staffing demand."""

from __future__ import annotations

from collections import defaultdict

from solver.cpsat.literals import Lit


class EmployerRules:
    """Mixin of ModelBuilder: one method per company-side rule (names as in solver/rules.py)."""

    def _make_shift_variables(self) -> None:
        """w[i]: the staff member works shift instance i (a constant for a fixed roster)."""
        self.w: list[Lit] = []
        for i, inst in enumerate(self.data.instances):
            person = self.data.staff[inst.staff]
            if person.flexible:
                self.w.append(self.model.new_bool_var(f"w[{person.id}:{inst.shift}:{inst.day}]"))
            else:
                self.w.append(True)

    def staff_one_shift_at_a_time(self) -> None:
        """A staff member works at most one shift at a time."""
        for person in self.data.staff:
            for a, b in person.overlapping_pairs:
                self.lits.clause([self.lits.negate(self.w[a]), self.lits.negate(self.w[b])],
                                 self.guard("staff_one_shift_at_a_time", person.id))

    def reroster_keeps_contract(self) -> None:
        """A re-rostered colleague keeps their contract hours (others keep their roster: constants)."""
        for person in self.data.staff:
            if person.flexible:
                self.only_if(self.model.add(sum(
                    (self.data.instances[i].end - self.data.instances[i].start) * self.w[i]
                    for i in person.instances
                ) == person.target_minutes), self.guard("reroster_keeps_contract", person.id))

    def roster_change(self) -> None:
        """Soft: every shift added to or taken from a current roster."""
        weight = self.data.weights.roster_change
        if weight <= 0:
            return
        for person in self.data.staff:
            if not person.flexible:
                continue
            for i in person.instances:
                lit = self.w[i]
                self.add_cost("roster_change", weight, lit.Not() if self.data.instances[i].current else lit)

    def busy_lit(self, h: int, k: int) -> Lit:
        """'Hto'er h has a placement on exactly their span k', i.e. is away for its busy window (cached)."""
        if not hasattr(self, "_span_lits"):
            self._span_lits: dict = defaultdict(list)
            for c, copy in enumerate(self.data.copies):
                for option, lit in zip(copy.options, self.x[c]):
                    if lit is not False:
                        for t in option.teachers:
                            self._span_lits[(t, option.periods)].append(lit)
            self._busy_cache: dict[tuple[int, int], Lit] = {}
        if (h, k) not in self._busy_cache:
            hto = self.data.htos[h]
            lits = self._span_lits.get((hto.teacher, hto.spans[k]), [])
            self._busy_cache[(h, k)] = self.lits.sum_as_bool(lits, f"away[{hto.id}:{k}]")
        return self._busy_cache[(h, k)]

    def _hto_minutes(self, hto) -> list:
        if self.explain:  # per placement, as the validator counts: teacher_no_clash may be off here
            return [
                (sum(self.data.periods[p].minutes for p in o.periods), lit)
                for c, copy in enumerate(self.data.copies) for o, lit in zip(copy.options, self.x[c])
                if hto.teacher in o.teachers
            ]
        return [
            (self.data.periods[p].minutes, self.teach_lit(hto.teacher, p)) for p in hto.periods
        ]

    def release_agreement(self) -> None:
        """An hto'er teaches at most the agreed minutes a week (agreed days are filtered in compile)."""
        for hto in self.data.htos:
            if hto.release_max_minutes is not None:
                terms = [m * lit for m, lit in self._hto_minutes(hto) if lit is not False]
                if terms:
                    self.only_if(self.model.add(sum(terms) <= hto.release_max_minutes),
                                 self.guard("release_agreement", hto.id))

    def unqualified_teaching_limit(self) -> None:
        """An unqualified hto'er teaches at most 6 klokuren (360 minutes) a week."""
        for hto in self.data.htos:
            if hto.unqualified_max_minutes is not None:
                terms = [m * lit for m, lit in self._hto_minutes(hto) if lit is not False]
                if terms:
                    self.only_if(self.model.add(sum(terms) <= hto.unqualified_max_minutes),
                                 self.guard("unqualified_teaching_limit", hto.id))

    def compact_release(self) -> None:
        """Soft: each day and each half-day on which an hto'er teaches."""
        weight = self.data.weights.compact_release
        if weight <= 0:
            return
        for hto in self.data.htos:
            days, halves = defaultdict(list), defaultdict(list)
            for p in hto.periods:
                period = self.data.periods[p]
                lit = self.teach_lit(hto.teacher, p)
                days[period.day].append(lit)
                halves[(period.day, period.morning)].append(lit)
            for key, lits in list(days.items()) + list(halves.items()):
                on = self.lits.or_of(lits, f"release[{hto.id}:{key}]")
                if on is not False:
                    self.add_cost("compact_release", weight, on)

    def staffing_demand(self) -> None:
        """Every staffing window has enough people with the skill at every minute (zero output loss)."""
        penalty = self.data.weights.output_loss
        self.presence: dict[tuple[int, int], Lit] = {}
        for k, seg in enumerate(self.data.demand_segments):
            present = [self._present(term) for term in seg.terms]
            fixed = sum(1 for lit in present if lit is True)
            live = [lit for lit in present if not isinstance(lit, bool)]
            need = seg.min_staff - fixed
            if need <= 0:
                continue
            if penalty is None:
                guard = self.guard("staffing_demand", self.data.employers[seg.employer], seg.demand) \
                    if self.explain else None
                if len(live) < need:
                    self.lits.clause([], guard)  # not enough skilled staff could ever be there
                else:
                    self.only_if(self.model.add(sum(live) >= need), guard)
            else:
                short = self.model.new_int_var(0, need, f"short[{k}]")
                self.model.add_max_equality(short, [0, need - sum(live)])
                self.add_cost("staffing_demand", penalty * (seg.end - seg.start), short)

    def _present(self, term) -> Lit:
        """'This person is at work here': on a shift that covers the segment and not released."""
        key = (term.staff, term.shifts, term.busy_spans)
        if key in self.presence:
            return self.presence[key]
        on_shift = self.lits.sum_as_bool([self.w[i] for i in term.shifts])
        busy = [self.busy_lit(term.hto, k) for k in term.busy_spans] if term.hto is not None else []
        lit = self.lits.and_of([on_shift] + [self.lits.negate(b) for b in busy])
        self.presence[key] = lit
        return lit
