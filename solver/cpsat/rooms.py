"""Rooms: a pool of interchangeable rooms never holds more lessons than it has free rooms (room_no_clash).

room_fits and room_unavailable are enforced by pooling in compile: a copy's pools hold only rooms
that fit it, and a pool's closed lesuren are closed for all its rooms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData


@rule("room_no_clash")
def room_no_clash(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A room pool never holds more lessons in a period than it has free rooms. Makes v.pool_choice."""
    usage: dict[tuple[int, int], list] = defaultdict(list)
    out: list[Penalty] = []
    counted = counted_copies(data) if opts.rooms_counted else set()
    for c, copy in enumerate(data.copies):
        choice: dict[int, Lit] = {}
        if copy.needs_room and len(copy.pools) == 1:
            choice[copy.pools[0]] = True
            for p, lits in v.copy_period[c].items():
                usage[(copy.pools[0], p)].extend(lits)
        elif c in counted:
            pass  # no pool literal: the loads of _pool_union_loads suffice (pools chosen after the search)
        elif copy.needs_room and copy.pools and not opts.explain:
            choice = _option_pools(m, data, v, c, copy, usage)
        elif copy.needs_room and copy.pools:
            choice = _guarded_pools(m, data, v, c, copy, usage)
        v.pool_choice.append(choice)
    for extra in data.extra_rooms:  # after the copies': pool_choice[len(copies) + e] is extra room e's
        v.pool_choice.append(_extra_pools(m, data, v, extra, usage, opts))
    out += _pool_union_loads(m, data, v, opts, counted)
    for (pool, p), lits in usage.items():
        size = _free_rooms(data, pool, p)
        if len(lits) > size:
            blocked = p in data.pools[pool].blocked
            guard = _room_guard(m, data, "room_unavailable" if blocked else "room_no_clash", pool)
            out += _pool_limit(m, opts, lits, size, (pool,), p, guard)
    return out


def _extra_pools(m: Model, data: ProblemData, v: Variables, extra, usage: dict, opts: BuildOptions) -> dict[int, Lit]:
    """An extra room of copy `extra.copy`: used in every lesuur the copy is, from one of its pools, as a copy's
    own room is. Counted in the same pools as the copies' rooms, so it never shares a room with its own copy."""
    copy = replace(data.copies[extra.copy], pools=extra.pools)
    if len(extra.pools) == 1:
        for p, lits in v.copy_period[extra.copy].items():
            usage[(extra.pools[0], p)].extend(lits)
        return {extra.pools[0]: True}
    if not extra.pools:
        return {}  # compile dropped the copy's options
    if opts.explain:
        return _guarded_pools(m, data, v, extra.copy, copy, usage)
    return _option_pools(m, data, v, extra.copy, copy, usage)


def _guarded_pools(m: Model, data: ProblemData, v: Variables, c: int, copy, usage: dict) -> dict[int, Lit]:
    """Explain mode: one pool literal per copy and pool, and a use literal per lesuur it is there."""
    placed = [lit for lit in v.x[c] if lit is not False]
    choice = {pool: m.cp.new_bool_var(f"pool[{c}:{pool}]") for pool in copy.pools}
    m.cp.add(sum(choice.values()) == sum(placed))
    for p, lits in v.copy_period[c].items():
        here = m.lits.sum_as_bool(lits)
        for pool, chosen in choice.items():
            if p in data.pools[pool].blocked:
                m.lits.clause([m.lits.negate(here), chosen.Not()], _room_guard(m, data, "room_unavailable", pool))
                continue
            usage[(pool, p)].append(m.lits.and_of([here, chosen], f"use[{c}:{pool}:{p}]"))
    return choice


def _pool_limit(m: Model, opts: BuildOptions, lits: list, size: int, pools: tuple, p: int,
                guard=None) -> list[Penalty]:
    """At most `size` of `lits` (lessons in `pools` in lesuur p); with rooms_soft each one too many
    costs 1 under room_no_clash instead (but closed rooms, size 0, stay closed)."""
    if not opts.rooms_soft or size == 0:
        m.only_if(m.cp.add(sum(lits) <= size), guard)
        return []
    over = m.cp.new_int_var(0, len(lits) - size, f"over[{'+'.join(map(str, pools))}:{p}]")
    m.cp.add(sum(lits) - over <= size)
    m.scope = ("rooms", pools, p)
    out = m.penalty("room_no_clash", 1, over)
    m.scope = None
    return out


def _free_rooms(data: ProblemData, pool: int, p: int) -> int:
    """The rooms of a pool that are open in lesuur p (all or none: a pool shares its closed lesuren)."""
    info = data.pools[pool]
    return 0 if p in info.blocked else len(info.rooms)


def counted_copies(data: ProblemData) -> set[int]:
    """Copies of one lesuur whose pools no other copy's choice of pools overlaps (unless it is the same).

    For them the per-lesuur count of _pool_union_loads is exact (Hall's condition: every pool on its
    own, and their union), so a timetable of the counted model always gets its pools afterwards.
    A lesson of several lesuren keeps its pool literals: it must stay in one room throughout."""
    copies = data.copies
    choices = {frozenset(c.pools) for c in copies if c.needs_room and len(c.pools) > 1}
    alone = {s for s in choices if not any(t != s and t & s for t in choices)}
    if data.extra_rooms:  # a pool an extra room may use is counted per pool only (its load is not in the union's)
        held = {pool for extra in data.extra_rooms for pool in extra.pools}
        alone = {s for s in alone if not s & held}
    return {c for c, copy in enumerate(copies)
            if copy.needs_room and copy.duration == 1 and len(copy.pools) > 1 and frozenset(copy.pools) in alone}


def _pool_union_loads(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, counted: set[int]) -> list[Penalty]:
    """The counted copies' constraint: per lesuur, the lessons whose every pool lies in their choice
    of pools fit in those pools' free rooms. Only there: as an implied constraint on overlapping
    choices it kept German-100_and_0's relaxed start from coming in 60 s (benchmarks/RESULTS.md)."""
    out: list[Penalty] = []
    for union in sorted({frozenset(data.copies[c].pools) for c in counted}, key=sorted):
        inside = [c for c, copy in enumerate(data.copies)
                  if copy.needs_room and copy.pools and union.issuperset(copy.pools)]
        for p in range(len(data.periods)):
            lits = [lit for c in inside for lit in v.copy_period[c].get(p, [])]
            size = sum(_free_rooms(data, q, p) for q in union)
            if len(lits) > size:
                out += _pool_limit(m, opts, lits, size, tuple(sorted(union)), p)
    return out


def _option_pools(m: Model, data: ProblemData, v: Variables, c: int, copy, usage: dict) -> dict[int, Lit]:
    """A copy with several pools: one literal per (option, pool) it may use, summing to the option's.

    Linear in the lesson literals, so a pool's load in a period is a plain sum: the form with one
    pool literal per copy needed an AND of (copy here, pool chosen) per period and pool (86,000
    of them on lycee-Farabi, whose presolve alone then took ~8 s; benchmarks/RESULTS.md)."""
    pools = data.pools
    by_pool: dict[int, list] = defaultdict(list)
    for option, lit in zip(copy.options, v.x[c]):
        if lit is False:
            continue
        open_pools = [pool for pool in copy.pools if not pools[pool].blocked.intersection(option.periods)]
        uses = [lit] if len(open_pools) == 1 else [
            m.cp.new_bool_var(f"room[{c}:{option.day}.{option.first}:{pool}]") for pool in open_pools]
        if not open_pools:
            m.lits.clause([m.lits.negate(lit)])
        elif len(uses) > 1:
            m.cp.add(sum(uses) == lit)
        for pool, use in zip(open_pools, uses):
            by_pool[pool].append(use)
            for p in option.periods:
                usage[(pool, p)].append(use)
    return {pool: m.lits.sum_as_bool(by_pool.get(pool, []), f"pool[{c}:{pool}]") for pool in copy.pools}


def _room_guard(m: Model, data: ProblemData, rule_name: str, pool: int) -> Lit | None:
    """The guard of a rule about the rooms of one pool: (rule, school id, room ids ...)."""
    if not m.explain:
        return None
    info = data.pools[pool]
    return m.guard(rule_name, data.schools[info.school], *info.rooms)
