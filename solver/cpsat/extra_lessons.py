"""Extra constraints between lessons: spread, preferred times, same start, order, groups, gaps.

One rule function per constraint type of `solver.domain.constraints`, named after the type; exact
definitions in docs/rules.md ('Extra constraints'). Hard preferred starts / slots / rooms are
pruned in compile (solver/compile/) and need nothing here.
"""

from __future__ import annotations

from itertools import combinations, permutations

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.extras import Kit
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData
from solver.problem_extra import ExtraData
from solver.timeline import DAYS


def _adjacent(kit: Kit, a: int, b: int, day: int, first: int, either_side: bool, over_breaks: bool) -> list[Lit]:
    """Literals 'b starts right after a (at `first` on `day`) ends' [or 'b ends right before it']."""
    school, last = kit.data.copies[a].school, first + kit.duration(a) - 1
    out = []
    if kit.next_ok(school, day, last + 1, over_breaks):
        out.append(kit.start(b, day, last + 1))
    if either_side and kit.next_ok(school, day, first, over_breaks):
        out.append(kit.end(b, day, first - 1))
    return out


@rule("min_days_between")
def min_days_between(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Copies of the named lessons lie at least min_days days apart (FET MinDaysBetweenActivities)."""
    kit, out = Kit(m, data, v), []
    copies, days = e.groups[0], e.amount
    if e.hard:  # any `days` consecutive days hold at most one of the copies
        for first_day in range(len(DAYS)):
            window = [lit for c in copies for d in range(first_day, first_day + days)
                      for lit in v.copy_day[c].get(d, [])]
            if len(window) > 1:
                m.cp.add_at_most_one(window)
        return out
    for a, b in combinations(copies, 2):
        if e.weight:
            terms = []
            for d in sorted(v.copy_day[a]):
                near = v.cached(("near", b, d, days), lambda: m.lits.sum_as_bool(
                    [lit for d2 in range(d - days + 1, d + days) for lit in v.copy_day[b].get(d2, [])]))
                terms.append(m.lits.and_of([kit.on_day(a, d), near]))
            out += kit.charge(e, m.lits.sum_as_bool(terms, f"close[{e.index}:{a}:{b}]"))
        if e.flag:  # consecutive if same day: hard whatever the weight (0 included), as in FET
            for d, f in sorted(kit.starts(a)):
                m.lits.clause([m.lits.negate(kit.start(a, d, f)), m.lits.negate(kit.on_day(b, d))]
                                 + _adjacent(kit, a, b, d, f, either_side=True, over_breaks=False))
    return out


def _charge_options(kit: Kit, e: ExtraData, copies, outside) -> list[Penalty]:
    """Soft: a term per option of the copies that `outside(option)` rejects."""
    return [p for c in copies for o, lit in kit.options(c) if outside(o) for p in kit.charge(e, lit)]


@rule("preferred_starts")
def preferred_starts(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each copy starts at one of the listed slots (hard: options pruned in compile)."""
    if e.hard:
        return []
    return _charge_options(Kit(m, data, v), e, e.groups[0], lambda o: (o.day, o.first) not in e.starts)


@rule("preferred_slots")
def preferred_slots(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each copy occupies only listed slots (hard: options pruned in compile)."""
    if e.hard:
        return []
    allowed = set(e.periods)
    return _charge_options(Kit(m, data, v), e, e.groups[0], lambda o: not allowed.issuperset(o.periods))


def _same(kit: Kit, e: ExtraData, key, lits_of) -> list[Penalty]:
    """Copy k of every named lesson shares `key` (start slot or day): one choice per group."""
    out: list[Penalty] = []
    for k, group in enumerate(e.groups):
        values = sorted(set().union(*({key(o) for o, _ in kit.options(c)} for c in group)))
        if e.hard:
            y = {v: kit.m.cp.new_bool_var(f"{e.type}[{e.index}:{k}:{v}]") for v in values}
            if len(y) > 1:
                kit.m.cp.add_at_most_one(y.values())
            for c in group:
                for v in values:
                    here = [lit for o, lit in kit.options(c) if key(o) == v]
                    if here:
                        kit.m.cp.add(sum(here) <= y[v])
            continue
        for a, b in combinations(group, 2):
            both = [kit.m.lits.and_of([lits_of(a, v), lits_of(b, v)]) for v in values]
            out += kit.violated(e, kit.m.lits.sum_as_bool(both), (a, b), f"[{a}:{b}]")
    return out


@rule("same_starting_time")
def same_starting_time(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Copy k of every named lesson starts at the same day and lesuur (FET ActivitiesSameStartingTime)."""
    kit = Kit(m, data, v)
    return _same(kit, e, lambda o: (o.day, o.first), lambda c, slot: kit.start(c, *slot))


@rule("same_starting_day")
def same_starting_day(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Copy k of every named lesson is on the same day (FET ActivitiesSameStartingDay)."""
    kit = Kit(m, data, v)
    return _same(kit, e, lambda o: o.day, kit.on_day)


@rule("not_overlapping")
def not_overlapping(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """No two copies of the named lessons share a lesuur (FET ActivitiesNotOverlapping)."""
    kit, out = Kit(m, data, v), []
    copies = e.groups[0]
    periods = sorted(set().union(*(v.copy_period[c].keys() for c in copies)))
    for p in periods:
        holders = [c for c in copies if v.copy_period[c].get(p)]
        if len(holders) > 1:
            out += kit.at_most(e, [lit for c in holders for lit in v.copy_period[c][p]], 1, f"[{p}]")
    return out


@rule("consecutive")
def consecutive(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Copy k of `second` starts right after copy k of `first` ends, same day (FET TwoActivitiesConsecutive)."""
    kit, out = Kit(m, data, v), []
    for a, b in e.groups:
        terms = []
        for d, f in sorted(kit.starts(a)):
            follows = _adjacent(kit, a, b, d, f, either_side=False, over_breaks=True)
            if e.hard:
                m.lits.clause([m.lits.negate(kit.start(a, d, f)), m.lits.negate(kit.placed(b))]
                                 + follows)
            else:
                terms.append(m.lits.and_of([kit.start(a, d, f), *follows] if follows else [False]))
        if not e.hard:
            out += kit.violated(e, m.lits.sum_as_bool(terms), (a, b), f"[{a}:{b}]")
    return out


def _chain(kit: Kit, order: tuple[int, ...]) -> Lit:
    """'The copies stand back to back in this order on one day' (a marked break between them is fine)."""
    first, school = order[0], kit.data.copies[order[0]].school
    terms = []
    for d, f in sorted(kit.starts(first)):
        lits, pos = [kit.start(first, d, f)], f + kit.duration(first)
        for c in order[1:]:
            if not kit.next_ok(school, d, pos, over_breaks=True):
                lits = [False]
                break
            lits.append(kit.start(c, d, pos))
            pos += kit.duration(c)
        terms.append(kit.m.lits.and_of(lits))
    return kit.m.lits.sum_as_bool(terms)


@rule("grouped")
def grouped(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Copy k of the 2 or 3 named lessons forms one block on one day, any order (FET Two/ThreeActivitiesGrouped)."""
    kit, out = Kit(m, data, v), []
    for group in e.groups:
        if e.hard and len(group) == 2:
            a, b = group
            for d, f in sorted(kit.starts(a)):
                m.lits.clause([m.lits.negate(kit.start(a, d, f)), m.lits.negate(kit.placed(b))]
                                 + _adjacent(kit, a, b, d, f, either_side=True, over_breaks=True))
            continue
        ok = m.lits.or_of([_chain(kit, order) for order in permutations(group)])
        out += kit.violated(e, ok, group, f"[{group[0]}]")
    return out


def _positions(kit: Kit, day_list) -> list[int]:
    """Per lesuur of a day (index): its place when every marked break counts as one free lesuur."""
    out, pos = [], -1
    for p in day_list:
        pos += 2 if p in kit.data.breaks else 1
        out.append(pos)
    return out


@rule("min_gaps_between")
def min_gaps_between(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Copies of the named lessons on one day have at least min_gaps free lesuren (or breaks) between them."""
    kit, out = Kit(m, data, v), []
    copies, n = e.groups[0], e.amount
    school = data.copies[copies[0]].school
    for day_list in data.day_periods:
        head = data.periods[day_list[0]]
        if head.school != school:
            continue
        pos = _positions(kit, day_list)
        spans = [(c, pos[o.first - 1], pos[o.first + kit.duration(c) - 2], lit)
                 for c in copies for o, lit in kit.options(c) if o.day == head.day]
        if e.hard:  # any n+1 consecutive places of a day touch at most one of the copies
            for w in range(0, max(0, pos[-1] - n) + 1):
                touch = [(c, lit) for c, lo, hi, lit in spans if lo <= w + n and hi >= w]
                if len({c for c, _ in touch}) > 1:
                    m.cp.add_at_most_one([lit for _, lit in touch])
            continue
        for a, b in combinations(copies, 2):
            terms = []
            for ca, lo, hi, lit in spans:
                if ca == a:
                    near = m.lits.sum_as_bool([x for cb, lo_b, hi_b, x in spans
                                                  if cb == b and lo_b <= hi + n and hi_b >= lo - n])
                    terms.append(m.lits.and_of([lit, near]))
            out += kit.charge(e, m.lits.sum_as_bool(terms, f"close[{e.index}:{a}:{b}:{head.day}]"))
    return out


@rule("ends_students_day")
def ends_students_day(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """No student set of a copy has a lesson later that day (FET ActivityEndsStudentsDay)."""
    kit, out = Kit(m, data, v), []
    day_lists = {(data.periods[dl[0]].school, data.periods[dl[0]].day): dl
                 for dl in data.day_periods}
    for c in e.groups[0]:
        copy = data.copies[c]
        if not copy.sets:
            continue
        terms = []
        for d in sorted(v.copy_day[c]):
            dl = day_lists[(copy.school, d)]
            occupied = [m.lits.or_of([v.period_lit(m, "set", s, p) for s in copy.sets]) for p in dl]
            if e.hard:
                for k in range(1, len(dl)):  # lesuur k+1 is later than every copy ending before it
                    before = [lit for o, lit in kit.options(c) if o.day == d and o.first + copy.duration - 1 <= k]
                    if before and occupied[k] is not False:
                        m.cp.add(sum(before) + occupied[k] <= 1)
                continue
            later: list[Lit] = [False] * len(dl)  # later[k]: a set is busy after lesuur k+1
            for k in range(len(dl) - 2, -1, -1):
                later[k] = m.lits.or_of([later[k + 1], occupied[k + 1]])
            for dd, f in sorted(kit.starts(c)):
                if dd == d:
                    terms.append(m.lits.and_of([kit.start(c, d, f), later[f + copy.duration - 2]]))
        if not e.hard:
            out += kit.charge(e, m.lits.sum_as_bool(terms, f"{e.type}[{e.index}:{c}]"))
    return out


@rule("occupy_max_slots")
def occupy_max_slots(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """The named lessons occupy at most max_occupied of the listed lesuren (FET OccupyMaxTimeSlotsFromSelection)."""
    kit, out = Kit(m, data, v), []
    copies = e.groups[0]
    used = [m.lits.or_of([lit for c in copies for lit in v.copy_period[c].get(p, [])]) for p in e.periods]
    out += kit.at_most(e, used, e.amount)
    return out


@rule("preferred_rooms")
def preferred_rooms(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Each copy is in one of the listed rooms (hard: rooms pruned in compile; soft: pools never mix them)."""
    kit, out = Kit(m, data, v), []
    if e.hard:
        return out
    for c in e.groups[0]:
        if not data.copies[c].needs_room:  # placed without a room: never in one of them
            out += _charge_options(kit, e, [c], lambda o: True)
            continue
        for pool, chosen in v.pool_choice[c].items():
            if pool in e.pools:
                continue
            if chosen is True:  # the copy's only pool: it costs whenever it is placed
                out += _charge_options(kit, e, [c], lambda o: True)
            else:
                out += kit.charge(e, chosen)
    return out


@rule("same_teacher")
def same_teacher(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """All placed copies of the named lessons have one teacher; soft: each distinct teacher beyond the first."""
    kit = Kit(m, data, v)
    chosen: dict[int, list[Lit]] = {}
    for c in e.groups[0]:
        for o, lit in kit.options(c):
            if o.teacher >= 0:
                chosen.setdefault(o.teacher, []).append(lit)
    used = [m.lits.or_of(lits, f"{e.type}[{e.index}]:t{t}") for t, lits in sorted(chosen.items())]
    return kit.at_most(e, used, 1)


@rule("spread_events")
def spread_events(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, e: ExtraData) -> list[Penalty]:
    """Per time group, the copies of the named lessons starting in it number min..max (XHSTT SpreadEvents);
    soft: the starts outside the bounds, summed over the time groups, under the entry's cost function."""
    kit, out = Kit(m, data, v), []
    for k, (days, slots, least, most) in enumerate(e.spread):
        # a copy's options exclude each other, so these literals sum to its starts in the group
        starts = [lit for c in e.groups[0] for o, lit in kit.options(c) if o.day in days or (o.day, o.first) in slots]
        if most >= 0:
            out += kit.at_most(e, starts, most, f"[{k}]")
        out += kit.at_least(e, starts, least, f"[{k}]:min")
    return kit.shaped(e, out)
