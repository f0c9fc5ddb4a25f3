"""Shared pieces of the extra-constraint mixins: the dispatch hook and cached literals.

Every literal here is exact in both directions (it equals what its name says in every solution),
so penalties built from them cost exactly what the validator recomputes.
"""

from __future__ import annotations

from solver.cpsat.literals import Lit
from solver.problem_extra import ExtraData


class ExtraBase:
    """Mixin of ModelBuilder: `extra_constraints` dispatches each `Plan.constraints` entry by type."""

    def extra_constraints(self) -> None:
        """Every extra constraint of the plan (docs/rules.md, 'Extra constraints'), hard or weighted."""
        if not self.data.extras:
            return
        self._xcache: dict[tuple, Lit] = {}
        self._slot_period = {(p.school, p.day, p.number): i for i, p in enumerate(self.data.periods)}
        for extra in self.data.extras:
            if extra.weight == 0 and not (extra.type == "min_days_between" and extra.flag):
                continue  # a weight of 0 switches the constraint off (no penalty variables)
            self.scope = ("extra", extra.index)
            with self.guarding(extra.type, extra.index):  # explain mode: one guard per entry
                getattr(self, extra.type)(extra)
        self.scope = None

    # --- lesson copies ---------------------------------------------------------------------------
    def _cached(self, key: tuple, make) -> Lit:
        if key not in self._xcache:
            self._xcache[key] = make()
        return self._xcache[key]

    def _options(self, c: int):
        """(option, literal) pairs of copy c that can still be chosen."""
        return [(o, lit) for o, lit in zip(self.data.copies[c].options, self.x[c]) if lit is not False]

    def _placed(self, c: int) -> Lit:
        return self.lits.negate(self.unplaced[c])

    def _start(self, c: int, day: int, first: int) -> Lit:
        """Copy c starts at lesuur `first` on `day`."""
        return self._cached(("start", c, day, first), lambda: self.lits.sum_as_bool(
            [lit for o, lit in self._options(c) if o.day == day and o.first == first]))

    def _end(self, c: int, day: int, last: int) -> Lit:
        """Copy c ends with lesuur `last` on `day`."""
        duration = self.data.copies[c].duration
        return self._start(c, day, last - duration + 1)

    def _on_day(self, c: int, day: int) -> Lit:
        return self._cached(("day", c, day), lambda: self.lits.sum_as_bool(self.copy_day[c].get(day, [])))

    def _starts(self, c: int) -> set[tuple[int, int]]:
        """The (day, first lesuur) where copy c can start."""
        return {(o.day, o.first) for o, _ in self._options(c)}

    def _next_ok(self, school: int, day: int, number: int, over_breaks: bool) -> bool:
        """Lesuur `number` exists and follows number - 1 directly (unless over_breaks: no marked break between)."""
        p = self._slot_period.get((school, day, number))
        return p is not None and number > 1 and (over_breaks or p not in self.data.breaks)

    # --- counting --------------------------------------------------------------------------------
    def _charge(self, extra: ExtraData, lit) -> None:
        self.add_cost(extra.type, extra.weight, lit)

    def _at_most(self, extra: ExtraData, lits: list, limit: int, name: str = "") -> None:
        """Hard: sum(lits) <= limit. Soft: cost weight x max(0, sum - limit)."""
        lits = [lit for lit in lits if lit is not False]
        if len(lits) <= limit:
            return
        if extra.hard:
            self.model.add(sum(lits) <= limit)
            return
        excess = self.model.new_int_var(0, len(lits) - limit, f"{extra.type}[{extra.index}]{name}")
        self.model.add_max_equality(excess, [0, sum(lits) - limit])
        self._charge(extra, excess)

    def _at_least(self, extra: ExtraData, lits: list, need: int, name: str = "", gate: Lit = True) -> None:
        """Hard: sum(lits) >= need when `gate` holds. Soft: cost weight x the shortfall (0 without gate)."""
        lits = [lit for lit in lits if lit is not False]
        if need <= 0 or gate is False:
            return
        required = need if gate is True else need * gate
        if extra.hard:
            self.model.add(sum(lits) >= required)
            return
        short = self.model.new_int_var(0, need, f"{extra.type}[{extra.index}]{name}")
        self.model.add_max_equality(short, [0, required - sum(lits)])
        self._charge(extra, short)

    def _violated(self, extra: ExtraData, ok: Lit, copies, name: str = "") -> None:
        """The copies, when all placed, must satisfy `ok`: hard clause, or a cost when they do not."""
        placed = [self._placed(c) for c in copies]
        if extra.hard:
            self.lits.clause([self.lits.negate(p) for p in placed] + [ok])
        else:
            bad = self.lits.and_of(placed + [self.lits.negate(ok)], f"{extra.type}[{extra.index}]{name}")
            if bad is not False:
                self._charge(extra, bad)
