"""Implied constraints: true in every timetable that keeps the hard rules, added only to speed the search.

They cut no timetable away, so they are not rules (no name in docs/rules.md, nothing for the
validator): each one follows from rules the model already states, and the argument is in its
docstring. CP-SAT cannot derive them by itself, and without them it wanders on dense schools:
on FET's Greek and Hungarian examples they took the first timetable from "none in 60 s" to
seconds (benchmarks/RESULTS.md, issue 3). Explain mode leaves them out: there every rule can be
switched off by its guard, and a constraint derived from switched-off rules would not hold.
"""

from __future__ import annotations

from collections import defaultdict

from solver.cpsat.context import BuildOptions, Model
from solver.cpsat.literals import Lit
from solver.cpsat.variables import Variables
from solver.problem import ProblemData


def implied_constraints(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> None:
    """Every implied constraint below, after the rules (they reuse the rules' busy literals)."""
    if opts.explain or not opts.implied:
        return
    _occupancy_equals_load(m, data, v)
    _compact_days(m, data, v)


def mark_fully_booked(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> None:
    """Before the rules: student sets whose lessons take every lesuur they can use.

    Such a set is busy in each of those lesuren, so its busy literals are the constant True
    (`Variables.period_lit` reads v.booked_sets) and every rule about its gaps, early starts or daily
    load folds away. The fact is stated by one clause per lesuur: one of its lessons is there.
    Clauses on the lesson literals only: new literals slowed CP-SAT's local search badly
    (MAPS: 1-2 s without, none in 30 s with). Holds because every copy is placed and
    group_no_clash lets at most one lesson of the set use a lesuur."""
    v.booked_sets = frozenset()
    if opts.explain or not opts.implied:
        return
    load = set_loads(data, v)
    usable: dict[int, list] = defaultdict(list)
    for (owner, _p), lits in v.set_period.items():
        usable[owner].append(lits)
    booked = {owner for owner, lesuren in usable.items()
              if all(isinstance(n, int) for n in load[owner]) and sum(load[owner]) == len(lesuren)}
    for owner in sorted(booked):
        for lits in usable[owner]:
            m.lits.clause(lits)
    v.booked_sets = frozenset(booked)


def set_loads(data: ProblemData, v: Variables) -> dict[int, list]:
    """Per student set: its placed lesson-lesuren, as constants where every copy is always placed."""
    load: dict[int, list] = defaultdict(list)
    placed_always = data.weights.unplaced is None  # every required copy is placed: exactly one option
    for c, copy in enumerate(data.copies):
        live = [(option, lit) for option, lit in zip(copy.options, v.x[c]) if lit is not False]
        lengths = {len(option.periods) for option, _ in live}
        constant = placed_always and not data.lessons[copy.lesson].optional and len(lengths) == 1
        for owner in copy.sets:
            if constant:
                load[owner].append(next(iter(lengths)))
            else:
                load[owner].extend(len(option.periods) * lit for option, lit in live)
    return load


def _occupancy_equals_load(m: Model, data: ProblemData, v: Variables) -> None:
    """The lesuren a student set is busy = the lesuren its placed lessons take.

    Holds because group_no_clash (hard) lets at most one lesson of the set use a lesuur, so the
    busy literals count each lesson-lesuur once."""
    load = set_loads(data, v)
    busy: dict[int, list] = defaultdict(list)
    for (owner, p) in sorted(v.set_period):
        busy[owner].append(v.period_lits.get(("set", owner, p)))
    for owner, lits in busy.items():
        # Only where a rule already made the busy literals (see mark_fully_booked on new literals).
        if owner not in v.booked_sets and len(lits) > 1 and all(lit is not None for lit in lits):
            m.cp.add(sum(lits) == sum(load[owner]))


def _compact_days(m: Model, data: ProblemData, v: Variables) -> None:
    """Owners whose days must start at the first lesuur and have no gaps: a day is a prefix.

    With hard max 0 gaps (a week or every day) and hard early beginnings with 0 days starting
    later, a busy lesuur needs the available lesuur before it busy too. Lesuren the owner is
    unavailable in are skipped, as the two rules skip them; a day where such a lesuur can still
    be used is left alone."""
    no_gaps, early = {}, set()
    for e in data.extras:
        if not e.hard or e.tag is not None or e.amount != 0:
            continue
        for owner in e.owners:
            if e.type in ("max_gaps_per_week", "max_gaps_per_day"):
                no_gaps[(owner.kind, owner.index)] = owner
            elif e.type == "early_max_beginnings_at_second_period":
                early.add((owner.kind, owner.index))
    for key, owner in no_gaps.items():
        if key in early:
            for k in owner.day_lists:
                _prefix_day(m, v, owner, data.day_periods[k])


def _available_lits(m: Model, v: Variables, owner, day_list) -> list[Lit] | None:
    """The owner's busy literals over the lesuren of a day it is available in (None: see below)."""
    lits: list[Lit] = []
    for p in day_list:
        lit = v.period_lit(m, owner.kind, owner.index, p)
        if p in owner.unavailable:
            if lit is not False:
                return None  # the rules do not say what a lesson in an unavailable lesuur means here
            continue
        lits.append(lit)
    return lits


def _prefix_day(m: Model, v: Variables, owner, day_list) -> None:
    lits = _available_lits(m, v, owner, day_list) or []
    for before, busy in zip(lits, lits[1:]):
        if busy is not False:
            m.lits.clause([m.lits.negate(busy), before])
