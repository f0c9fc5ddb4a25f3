"""Extra constraints on the week of a teacher or a student set: gaps, periods, days, early start.

One rule function per constraint type of `solver.domain.constraints`, named after the type; each
applies to every owner (named teacher, student set of a named group) separately. Exact definitions
in docs/rules.md ('Extra constraints').
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.extras import Kit
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData
from solver.problem_extra import ExtraData, Owner


def _each_owner(kit: Kit, e: ExtraData):
    """The rule's owners, each the builder's scope while its constraints are added."""
    for owner in e.owners:
        kit.m.scope = owner
        yield owner
    kit.m.scope = ("extra", e.index)


def _scope_day(kit: Kit, owner: Owner, day: int) -> None:
    """The terms added next are about one day of the owner (the repair search frees that day)."""
    kit.m.scope = (owner, day)


def _owner_lit(kit: Kit, e: ExtraData, owner: Owner, p: int) -> Lit:
    """'The owner has a lesson in period p' (only lessons with the tag when the rule has one)."""
    if e.tag is None:
        return kit.v.period_lit(kit.m, owner.kind, owner.index, p)
    table = kit.v.cached(("tags", e.tag), lambda: _tag_table(kit, e))
    return kit.v.cached(("tag", e.tag, owner.kind, owner.index, p), lambda: kit.m.lits.sum_as_bool(
        table.get((owner.kind, owner.index, p), []), f"tag[{e.tag}:{owner.kind}{owner.index}:{p}]"))


def _tag_table(kit: Kit, e: ExtraData) -> dict:
    table: dict[tuple[str, int, int], list] = defaultdict(list)
    for c in sorted(e.tagged):
        copy = kit.data.copies[c]
        for o, lit in kit.options(c):
            for p in o.periods:
                for t in o.teachers:
                    table[("teacher", t, p)].append(lit)
                for s in copy.sets:
                    table[("set", s, p)].append(lit)
    return table


def _day_lits(kit: Kit, e: ExtraData, owner: Owner) -> list[list[Lit]]:
    """Per (school, day) the owner may teach / learn on: the occupied-lesuur literals in order."""
    return [[_owner_lit(kit, e, owner, p) for p in kit.data.day_periods[k]] for k in owner.day_lists]


def _calendar_days(kit: Kit, e: ExtraData, owner: Owner) -> dict[int, list[Lit]]:
    """Per day of the week: the occupied-lesuur literals of all schools."""
    out: dict[int, list[Lit]] = defaultdict(list)
    for k in owner.day_lists:
        day_list = kit.data.day_periods[k]
        out[kit.data.periods[day_list[0]].day].extend(_owner_lit(kit, e, owner, p) for p in day_list)
    return dict(sorted(out.items()))


def _gap_lits(kit: Kit, e: ExtraData, owner: Owner, k: int) -> list[Lit]:
    """Empty lesuren, the owner available, between its first and last occupied one of day list k (exact)."""
    return kit.v.cached(("gaps", e.tag, owner.kind, owner.index, k), lambda: _make_gaps(kit, e, owner, k))


def _make_gaps(kit: Kit, e: ExtraData, owner: Owner, k: int) -> list[Lit]:
    o = [_owner_lit(kit, e, owner, p) for p in kit.data.day_periods[k]]
    if sum(1 for lit in o if lit is not False) < 2:
        return []
    n = len(o)
    before: list[Lit] = [False] * n
    for i in range(1, n):
        before[i] = kit.m.lits.or_of([before[i - 1], o[i - 1]])
    after: list[Lit] = [False] * n
    for i in range(n - 2, -1, -1):
        after[i] = kit.m.lits.or_of([after[i + 1], o[i + 1]])
    day_list = kit.data.day_periods[k]
    gaps = [kit.m.lits.and_of([before[i], after[i], kit.m.lits.negate(o[i])]) for i in range(1, n - 1)
            if day_list[i] not in owner.unavailable]
    return [g for g in gaps if g is not False]


@rule("max_gaps_per_week")
def max_gaps_per_week(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has at most max_gaps empty lesuren between lessons in the week."""
    kit, out = Kit(m, data, v), []
    for owner in _each_owner(kit, e):
        gaps = [g for k in owner.day_lists for g in _gap_lits(kit, e, owner, k)]
        out += kit.shaped(e, kit.at_most(e, gaps, e.amount, f"[{owner.kind}{owner.index}]"), f"[{owner.kind}{owner.index}]")
    return out


def _owner_days(kit: Kit, e: ExtraData, days_of):
    """(owner, label, lits) for each day of each owner, the scope set to that day; days_of(owner)
    yields (day of the week, label for the variable names, literals)."""
    for owner in _each_owner(kit, e):
        for day, label, lits in days_of(owner):
            _scope_day(kit, owner, day)
            yield owner, label, lits


def _calendar(kit: Kit, e: ExtraData):
    return lambda owner: ((day, day, lits) for day, lits in _calendar_days(kit, e, owner).items())


def _gap_days(kit: Kit, e: ExtraData):
    data = kit.data
    return lambda owner: ((data.periods[data.day_periods[k][0]].day, k, _gap_lits(kit, e, owner, k))
                          for k in owner.day_lists)


def _at_most_each_day(kit: Kit, e: ExtraData, days_of) -> list[Penalty]:
    return [p for owner, label, lits in _owner_days(kit, e, days_of)
            for p in kit.at_most(e, lits, e.amount, f"[{owner.kind}{owner.index}:{label}]")]


@rule("max_gaps_per_day")
def max_gaps_per_day(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has at most max_gaps empty lesuren between lessons on each day."""
    kit = Kit(m, data, v)
    return _at_most_each_day(kit, e, _gap_days(kit, e))


def _per_owner(kit: Kit, e: ExtraData, days_of, terms) -> list[Penalty]:
    """terms(owner, label, lits) for each day of each owner, an owner's units then under e's cost function."""
    if e.cost_function == "linear":
        return [p for owner, label, lits in _owner_days(kit, e, days_of) for p in terms(owner, label, lits)]
    units: dict[Owner, list[Penalty]] = defaultdict(list)
    for owner, label, lits in _owner_days(kit, e, days_of):
        units[owner] += terms(owner, label, lits)
    out = []
    for owner, penalties in units.items():
        kit.m.scope = owner
        out += kit.shaped(e, penalties, f"[{owner.kind}{owner.index}]")
    kit.m.scope = ("extra", e.index)
    return out


@rule("max_periods_per_day")
def max_periods_per_day(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has at most max_periods occupied lesuren a day (and, with a minimum, at least that many on
    each day with any)."""
    kit = Kit(m, data, v)
    if e.minimum == 0 and e.cost_function == "linear":
        return _at_most_each_day(kit, e, _calendar(kit, e))

    def terms(owner, day, lits):
        name = f"[{owner.kind}{owner.index}:{day}]"
        out = kit.at_most(e, lits, e.amount, name)
        if e.minimum:
            out += kit.at_least(e, lits, e.minimum, name + ":min", gate=m.lits.or_of(lits))
        return out
    return _per_owner(kit, e, _calendar(kit, e), terms)


@rule("min_periods_per_day")
def min_periods_per_day(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has at least min_periods occupied lesuren a day (allow_empty_days: on each day with any)."""
    kit = Kit(m, data, v)

    def terms(owner, day, lits):
        gate = m.lits.or_of(lits) if e.flag else True
        return kit.at_least(e, lits, e.amount, f"[{owner.kind}{owner.index}:{day}]", gate=gate)
    return _per_owner(kit, e, _calendar(kit, e), terms)


@rule("max_periods_continuously")
def max_periods_continuously(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has no run of more than max_periods occupied lesuren (tag: of tagged lessons) between breaks."""
    kit, out = Kit(m, data, v), []
    n = e.amount
    for owner in _each_owner(kit, e):
        for k, o in zip(owner.day_lists, _day_lits(kit, e, owner)):
            day_list = data.day_periods[k]
            _scope_day(kit, owner, data.periods[day_list[0]].day)
            for w in range(len(o) - n):
                if any(p in data.breaks for p in day_list[w + 1:w + n + 1]):
                    continue
                window = o[w:w + n + 1]
                if e.hard:
                    out += kit.at_most(e, window, n)
                else:  # one unit per fully occupied window of n+1 = per lesuur beyond n in a run
                    out += kit.charge(e, m.lits.and_of(window, f"{e.type}[{e.index}:{owner.index}:{day_list[w]}]"))
    return out


@rule("tag_max_periods_per_day")
def tag_max_periods_per_day(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has at most max_periods lesuren of lessons with the tag a day."""
    return max_periods_per_day(m, data, v, opts, e)


def _busy_days(kit: Kit, e: ExtraData, owner: Owner, keep=lambda period: True) -> list[Lit]:
    """Per day of the week, in order: 'the owner has a lesson that day', over the lesuren `keep` accepts."""
    by_day: dict[int, list[Lit]] = defaultdict(list)
    for k in owner.day_lists:
        for p in kit.data.day_periods[k]:
            period = kit.data.periods[p]
            if keep(period):
                by_day[period.day].append(_owner_lit(kit, e, owner, p))
    return [kit.m.lits.or_of(lits) for _, lits in sorted(by_day.items())]


@rule("min_days_per_week")
def min_days_per_week(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has lessons on at least min_days days (in lesuren [first_period, end_period) when given)."""
    kit = Kit(m, data, v)
    inside = (lambda period: e.first_period <= period.number < (e.end_period or period.number + 1)) \
        if e.first_period else (lambda period: True)
    return [p for owner in _each_owner(kit, e)
            for p in kit.shaped(e, kit.at_least(e, _busy_days(kit, e, owner, inside), e.amount,
                                                f"[{owner.kind}{owner.index}]"),
                                f"[{owner.kind}{owner.index}]")]


@rule("interval_max_days_per_week")
def interval_max_days_per_week(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner has lessons in lesuren [first_period, end_period) on at most max_days days."""
    kit = Kit(m, data, v)
    inside = lambda period: e.first_period <= period.number < e.end_period  # noqa: E731
    return [p for owner in _each_owner(kit, e)
            for p in kit.shaped(e, kit.at_most(e, _busy_days(kit, e, owner, inside), e.amount,
                                               f"[{owner.kind}{owner.index}]"), f"[{owner.kind}{owner.index}]")]


@rule("early_max_beginnings_at_second_period")
def early_max_beginnings_at_second_period(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner's day starts at its first available lesuur; on at most max_beginnings days one later."""
    kit, out = Kit(m, data, v), []
    for owner in _each_owner(kit, e):
        second = []
        for k, o in zip(owner.day_lists, _day_lits(kit, e, owner)):
            free = [i for i, p in enumerate(data.day_periods[k]) if p not in owner.unavailable]
            one, two = (free + [len(o), len(o)])[:2]  # the first two available lesuren (index)
            none_to_one = m.lits.negate(m.lits.or_of(o[:one + 1]))
            none_to_two = m.lits.negate(m.lits.or_of(o[:two + 1]))
            second.append(m.lits.and_of([none_to_one, m.lits.or_of(o[one + 1:two + 1])]))
            if e.hard:
                for lit in o[two + 1:]:  # a lesson after the second available lesuur needs one before it
                    m.lits.clause([m.lits.negate(lit), *o[:two + 1]])
            else:
                out += kit.charge(e, m.lits.and_of([none_to_two, m.lits.or_of(o[two + 1:])]))
        out += kit.at_most(e, second, e.amount, f"[{owner.kind}{owner.index}]")
    return out


@rule("workload_per_week")
def workload_per_week(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each owner's workload (its share of the copies it teaches or is in) within [min_workload, max_workload];
    soft: per owner the workload outside, rounded up (ceil of the scaled excess over the scale, exact)."""
    kit, out = Kit(m, data, v), []
    for owner in _each_owner(kit, e):
        terms = []
        for c, share in e.shares:
            if owner.kind == "teacher":
                terms += [(share, lit) for o, lit in kit.options(c) if owner.index in o.teachers]
            elif owner.index in data.copies[c].sets:
                terms.append((share, kit.placed(c)))
        variable = [(share, lit) for share, lit in terms if not isinstance(lit, bool)]
        fixed = sum(share for share, lit in terms if lit is True)
        load = cp_model.LinearExpr.weighted_sum([lit for _, lit in variable], [share for share, _ in variable]) + fixed
        top = fixed + sum(share for share, _ in variable)
        bounds = [(e.minimum * e.scale - load, e.minimum * e.scale)] if e.minimum else []
        if e.amount >= 0 and top > e.amount * e.scale:
            bounds.append((load - e.amount * e.scale, top - e.amount * e.scale))
        for k, (beyond, most) in enumerate(bounds):
            if e.hard:
                m.cp.add(beyond <= 0)
                continue
            name = f"{e.type}[{e.index}][{owner.kind}{owner.index}:{k}]"
            over = m.cp.new_int_var(0, most, name + ":scaled")
            m.cp.add_max_equality(over, [0, beyond])
            units = m.cp.new_int_var(0, -(-most // e.scale), name)
            m.cp.add(units * e.scale >= over)  # units = ceil(over / scale)
            m.cp.add(units * e.scale <= over + e.scale - 1)
            out += kit.charge(e, units)
    return out
