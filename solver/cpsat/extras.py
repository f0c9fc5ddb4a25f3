"""The extra constraints of `Plan.constraints` (the breadth of FET): the dispatcher and the literals they share.

Each constraint type is a rule of solver/rules.py with one function in extra_lessons.py or
extra_scoped.py: rule(m, data, v, opts, extra) -> list[Penalty], hard, or soft at the entry's weight.
Every literal here is exact in both directions (it equals what its name says in every solution),
so penalties built from them cost exactly what the validator recomputes.
"""

from __future__ import annotations

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.literals import Lit
from solver.cpsat.registry import MODEL_RULES
from solver.cpsat.variables import Variables
from solver.problem import ProblemData
from solver.problem_extra import ExtraData


def extra_constraints(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Every extra constraint of the plan (docs/rules.md, 'Extra constraints'), by its type's rule function."""
    out: list[Penalty] = []
    for extra in data.extras:
        if extra.weight == 0 and not (extra.type == "min_days_between" and extra.flag):
            continue  # a weight of 0 switches the constraint off (no penalty variables)
        m.scope = ("extra", extra.index)
        with m.guarding(extra.type, extra.index):  # explain mode: one guard per entry
            out += MODEL_RULES[extra.type](m, data, v, opts, extra)
    m.scope = None
    return out


class Kit:
    """The lesson-copy literals the extra constraints share (cached in v.cache), over one model."""

    def __init__(self, m: Model, data: ProblemData, v: Variables):
        self.m, self.data, self.v, self.lits = m, data, v, m.lits

    def duration(self, c: int) -> int:
        return self.data.copies[c].duration

    def options(self, c: int):
        """(option, literal) pairs of copy c that can still be chosen."""
        return [(o, lit) for o, lit in zip(self.data.copies[c].options, self.v.x[c]) if lit is not False]

    def placed(self, c: int) -> Lit:
        return self.v.placed(self.m, c)

    def start(self, c: int, day: int, first: int) -> Lit:
        """Copy c starts at lesuur `first` on `day`."""
        return self.v.cached(("start", c, day, first), lambda: self.lits.sum_as_bool(
            [lit for o, lit in self.options(c) if o.day == day and o.first == first]))

    def end(self, c: int, day: int, last: int) -> Lit:
        """Copy c ends with lesuur `last` on `day`."""
        return self.start(c, day, last - self.duration(c) + 1)

    def on_day(self, c: int, day: int) -> Lit:
        return self.v.cached(("day", c, day), lambda: self.lits.sum_as_bool(self.v.copy_day[c].get(day, [])))

    def starts(self, c: int) -> set[tuple[int, int]]:
        """The (day, first lesuur) where copy c can start."""
        return {(o.day, o.first) for o, _ in self.options(c)}

    def next_ok(self, school: int, day: int, number: int, over_breaks: bool) -> bool:
        """Lesuur `number` exists and follows number - 1 directly (unless over_breaks: no marked break between)."""
        p = self.v.slot_period.get((school, day, number))
        return p is not None and number > 1 and (over_breaks or p not in self.data.breaks)

    # --- counting: hard, or a penalty per unit --------------------------------------------------
    def charge(self, e: ExtraData, lit) -> list[Penalty]:
        return self.m.penalty(e.type, e.weight, lit)

    def at_most(self, e: ExtraData, lits: list, limit: int, name: str = "") -> list[Penalty]:
        """Hard: sum(lits) <= limit. Soft: cost weight x max(0, sum - limit)."""
        lits = [lit for lit in lits if lit is not False]
        if len(lits) <= limit:
            return []
        if e.hard:
            self.m.cp.add(sum(lits) <= limit)
            return []
        excess = self.m.cp.new_int_var(0, len(lits) - limit, f"{e.type}[{e.index}]{name}")
        self.m.cp.add_max_equality(excess, [0, sum(lits) - limit])
        return self.charge(e, excess)

    def at_least(self, e: ExtraData, lits: list, need: int, name: str = "", gate: Lit = True) -> list[Penalty]:
        """Hard: sum(lits) >= need when `gate` holds. Soft: cost weight x the shortfall (0 without gate)."""
        lits = [lit for lit in lits if lit is not False]
        if need <= 0 or gate is False:
            return []
        required = need if gate is True else need * gate
        if e.hard:
            self.m.cp.add(sum(lits) >= required)
            return []
        short = self.m.cp.new_int_var(0, need, f"{e.type}[{e.index}]{name}")
        self.m.cp.add_max_equality(short, [0, required - sum(lits)])
        return self.charge(e, short)

    def violated(self, e: ExtraData, ok: Lit, copies, name: str = "") -> list[Penalty]:
        """The copies, when all placed, must satisfy `ok`: hard clause, or a cost when they do not."""
        placed = [self.placed(c) for c in copies]
        if e.hard:
            self.lits.clause([self.lits.negate(p) for p in placed] + [ok])
            return []
        bad = self.lits.and_of(placed + [self.lits.negate(ok)], f"{e.type}[{e.index}]{name}")
        return [] if bad is False else self.charge(e, bad)

    def shaped(self, e: ExtraData, penalties: list[Penalty], name: str = "") -> list[Penalty]:
        """One owner's soft units of e under its cost function (docs/rules.md, 'Cost functions'): linear as
        they are; quadratic weight x u², step weight if u > 0, u the sum of the units. The units are exact
        counts, and so are u and its ladder (u = the number of true steps, each implying the one below),
        so the cost is exact in every solution. A linear constraint gets no variable here."""
        if e.cost_function == "linear" or not penalties:
            return penalties
        terms = [p.lit for p in penalties]
        top = sum(1 if isinstance(t, bool) else list(t.proto.domain)[-1] for t in terms)
        cp, label = self.m.cp, f"{e.type}[{e.index}]{name}"
        if e.cost_function == "step":
            some = cp.new_bool_var(f"{label}:any")
            cp.add(sum(terms) >= 1).only_enforce_if(some)
            cp.add(sum(terms) == 0).only_enforce_if(some.Not())
            return self.m.penalty(e.type, e.weight, some)
        steps = [cp.new_bool_var(f"{label}:u>={k}") for k in range(1, top + 1)]
        cp.add(sum(steps) == sum(terms))
        for lower, upper in zip(steps, steps[1:]):
            cp.add_implication(upper, lower)
        # u² = 1 + 3 + 5 + ... : the k-th step costs 2k - 1
        return [p for k, step in enumerate(steps, start=1) for p in self.m.penalty(e.type, e.weight * (2 * k - 1), step)]
