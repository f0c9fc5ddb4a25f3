"""Variables: every decision variable of the model, made up front in one explicit order, and the
literals derived from them (cached, so that every rule shares one literal per fact).

The order is part of the model: CP-SAT's search depends on it, so it stays as measured
(benchmarks/RESULTS.md). Per lesson copy: its option literals, then the copy's own constraint
"exactly one option, or unplaced" (rule lesson_placed, which is the domain of the copy's choice);
then the shifts worked; then each law person's work literals.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.literals import Lit
from solver.problem import ProblemData
from solver.timeline import WEEK_MINUTES


class Variables:
    def __init__(self, m: Model, data: ProblemData, opts: BuildOptions):
        self.data = data
        # x[c][k]: copy c is placed by its option k (day, first lesuur, teacher); False: never
        self.x: list[list[Lit]] = []
        self.unplaced: list[Lit] = []  # copy c is left out (False where every copy must be placed)
        self.w: list[Lit] = []  # the staff member works shift instance i (True: a fixed roster)
        self.work: list[list[Lit]] = []  # work[person][e]: works (shift, lesson or travel) in segment e
        # the room pools each copy uses: made by the rule room_no_clash together with the pool limits
        self.pool_choice: list[dict[int, Lit]] = []
        self.booked_sets: frozenset[int] = frozenset()  # set by implied.mark_fully_booked
        # the option literals by what they occupy
        self.teacher_period: dict[tuple[int, int], list] = defaultdict(list)
        self.set_period: dict[tuple[int, int], list] = defaultdict(list)
        self.copy_period: list[dict[int, list]] = []
        self.copy_day: list[dict[int, list]] = []
        # caches of derived literals
        self.period_lits: dict[tuple[str, int, int], Lit] = {}
        self._span_lits: dict[tuple[int, tuple], list] = defaultdict(list)
        self._busy: dict[tuple[int, int], Lit] = {}
        self._free: dict[tuple[int, int, int], Lit] = {}
        self.cache: dict[tuple, Lit] = {}  # the extra constraints' derived literals (extras.py)

    # --- making them ------------------------------------------------------------------------------
    def make(self, m: Model, opts: BuildOptions, lesson_placed) -> list[Penalty]:
        """Every decision variable, in the model's order; returns lesson_placed's penalties."""
        penalties = self._make_lessons(m, opts, lesson_placed)
        self._make_shifts(m)
        self._index_spans()
        self._make_work(m)
        return penalties

    def _make_lessons(self, m: Model, opts: BuildOptions, lesson_placed) -> list[Penalty]:
        penalties: list[Penalty] = []
        for c, copy in enumerate(self.data.copies):
            lesson = self.data.lessons[copy.lesson]
            usable = copy.options if (copy.pools or not copy.needs_room or opts.explain) else ()
            xs = [m.raw.new_bool_var(f"x[{lesson.id}#{copy.copy}:{o.day}.{o.first}.{o.teacher}]") for o in usable]
            xs += [False] * (len(copy.options) - len(usable))  # needs a room but none fits
            self.x.append(xs)
            if opts.explain:
                _pruned_options(m, copy, xs)
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
            unplaced, terms = lesson_placed(m, self.data, c, [lit for lit in xs if lit is not False])
            self.unplaced.append(unplaced)
            penalties += terms
        return penalties

    def _make_shifts(self, m: Model) -> None:
        several = self.data.weeks > 1  # a horizon: the week in the name too
        for inst in self.data.instances:
            person = self.data.staff[inst.staff]
            name = f"w[{person.id}:{inst.shift}:{inst.day}{f':{inst.week}' if several else ''}]"
            self.w.append(m.raw.new_bool_var(name) if person.flexible else True)

    def _index_spans(self) -> None:
        """Per (teacher, periods): the option literals that occupy exactly those periods (for busy_lit)."""
        if not self.data.htos:
            return
        for c, copy in enumerate(self.data.copies):
            for option, lit in zip(copy.options, self.x[c]):
                if lit is not False:
                    for t in option.teachers:
                        self._span_lits[(t, option.periods)].append(lit)

    def _make_work(self, m: Model) -> None:
        for person in self.data.law_persons:
            lits = []
            for e, seg in enumerate(person.segments):
                atoms = [self.w[i] for i in seg.shifts]
                atoms += [self.busy_lit(m, person.hto, k) for k in seg.spans]
                lits.append(m.lits.or_of(atoms, f"work[{person.staff}:{e}]"))
            self.work.append(lits)

    # --- derived literals -------------------------------------------------------------------------
    def placed(self, m: Model, c: int) -> Lit:
        return m.lits.negate(self.unplaced[c])

    def period_lit(self, m: Model, table: str, owner: int, p: int) -> Lit:
        """'This teacher (table "teacher") or student set ("set") has a lesson in period p'."""
        key = (table, owner, p)
        if table == "set" and owner in self.booked_sets and (owner, p) in self.set_period:
            return True  # a fully booked set is busy wherever it can be (implied.mark_fully_booked)
        if key not in self.period_lits:
            lits = (self.teacher_period if table == "teacher" else self.set_period).get((owner, p), [])
            self.period_lits[key] = m.lits.sum_as_bool(lits, f"{table}[{owner}:{p}]")
        return self.period_lits[key]

    def teach_lit(self, m: Model, t: int, p: int) -> Lit:
        return self.period_lit(m, "teacher", t, p)

    def busy_lit(self, m: Model, h: int, k: int) -> Lit:
        """'Hto'er h has a placement on exactly their span k', i.e. is away for its busy window."""
        if (h, k) not in self._busy:
            hto = self.data.htos[h]
            lits = self._span_lits.get((hto.teacher, hto.spans[k]), [])
            self._busy[(h, k)] = m.lits.sum_as_bool(lits, f"away[{hto.id}:{k}]")
        return self._busy[(h, k)]

    def free(self, m: Model, k: int, start: int, length: int) -> Lit:
        """A literal that implies no work of law person k in [start, start + length). On a horizon of several
        weeks the line is a circle: `start` is taken round it, and the stretch may run on past its end."""
        turn = self.data.weeks * WEEK_MINUTES if self.data.weeks > 1 else 0
        if turn:
            start %= turn
        key = (k, start, length)
        if key in self._free:
            return self._free[key]
        inside = [
            lit for seg, lit in zip(self.data.law_persons[k].segments, self.work[k])
            if seg.start < start + length and start < seg.end
            or turn and seg.start + turn < start + length and start < seg.end + turn
        ]
        if any(lit is True for lit in inside):
            out: Lit = False
        else:
            live = [lit for lit in inside if lit is not False]
            if not live:
                out = True
            else:
                out = m.cp.new_bool_var(f"free[{k}:{start}+{length}]")
                for lit in live:
                    m.cp.add_implication(out, lit.Not())
        self._free[key] = out
        return out

    @cached_property
    def slot_period(self) -> dict[tuple[int, int, int], int]:
        """The global period index of (school, day, lesuur number)."""
        return {(p.school, p.day, p.number): i for i, p in enumerate(self.data.periods)}

    def cached(self, key: tuple, make) -> Lit:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


def _pruned_options(m: Model, copy, xs: list) -> None:
    """Explain mode: an option compile would have pruned is off while any reason's guards all hold."""
    for option, lit in zip(copy.options, xs):
        for reason in option.guards:
            m.lits.clause([lit.Not()] + [m.guard(*key).Not() for key in reason])
