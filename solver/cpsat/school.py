"""School rules: lessons placed, clashes, spread, teacher limits, gaps and changes (docs/rules.md)."""

from __future__ import annotations

from collections import defaultdict

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData
from solver.timeline import DAYS


@rule("lesson_placed")
def lesson_placed(m: Model, data: ProblemData, c: int, live: list) -> tuple[Lit, list[Penalty]]:
    """Every copy of every required lesson is placed (or, if the policy allows, left out at a tier-1 cost);
    a copy of an optional lesson is placed at most once, its open literal costing under vacancy_open.
    Stated per copy as its option literals are made (Variables): it is the domain of the copy's choice.
    Returns the copy's unplaced literal and its penalty."""
    if data.lessons[data.copies[c].lesson].optional:
        u = m.raw.new_bool_var(f"open[{c}]")
        m.raw.add_exactly_one(live + [u])
        return u, []
    if data.weights.unplaced is None:
        guard = m.guard("lesson_placed", data.lessons[data.copies[c].lesson].id)
        if guard is not None:  # explain mode: placed at most once always, at least once under the guard
            if len(live) > 1:
                m.raw.add_at_most_one(live)
            m.lits.clause(live, guard)
        elif live:
            m.raw.add_exactly_one(live)
        else:
            m.lits.clause([])  # this copy has nowhere to go: the plan is infeasible
        return False, []
    u = m.raw.new_bool_var(f"unplaced[{c}]")
    m.raw.add_exactly_one(live + [u])
    return u, m.penalty("lesson_placed", data.weights.unplaced, u)


@rule("teacher_no_clash")
def teacher_no_clash(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A teacher teaches at most one lesson at a time, also across schools."""
    for (t, _p), lits in v.teacher_period.items():
        if len(lits) > 1:
            m.only_if(m.cp.add_at_most_one(lits), m.guard("teacher_no_clash", data.teachers[t].id))
    for p, q in data.cross_school_overlaps:
        for t in range(len(data.teachers)):
            both = v.teacher_period.get((t, p), []) + v.teacher_period.get((t, q), [])
            if len(both) > 1:
                m.only_if(m.cp.add_at_most_one(both), m.guard("teacher_no_clash", data.teachers[t].id))
    return []


@rule("group_no_clash")
def group_no_clash(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A student set has at most one lesson at a time."""
    covered = set() if opts.explain else sets_covered_by_others(data)
    for (s, _p), lits in v.set_period.items():
        if len(lits) > 1 and s not in covered:
            m.only_if(m.cp.add_at_most_one(lits), m.guard("group_no_clash", data.student_sets[s]))
    return []


def sets_covered_by_others(data: ProblemData) -> set[int]:
    """Student sets whose every lesson copy is also a copy of one other set that is kept.

    Their no-clash constraints follow from that set's (a subset of its literals in every period),
    so they are left out: FET's subgroups made GYR's model 1.6 million clash literals."""
    copies_of: dict[int, set[int]] = defaultdict(set)
    for c, copy in enumerate(data.copies):
        for s in copy.sets:
            copies_of[s].add(c)
    sets_of_copy: dict[int, set[int]] = defaultdict(set)
    for s, copies in copies_of.items():
        for c in copies:
            sets_of_copy[c].add(s)
    covered: set[int] = set()
    # larger sets first, so that of sets with the same copies the first one is kept
    for s in sorted(copies_of, key=lambda s: (-len(copies_of[s]), s)):
        holders = set.intersection(*(sets_of_copy[c] for c in copies_of[s])) - {s} - covered
        if holders:
            covered.add(s)
    return covered


@rule("min_days_apart")
def min_days_apart(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Copies of a lesson are at least min_days_apart days apart: any m consecutive days hold one copy."""
    for lesson in data.lessons:
        days = lesson.min_days_apart
        if days <= 0 or len(lesson.copies) < 2:
            continue
        for first_day in range(len(DAYS)):
            window = [lit for c in lesson.copies for d in range(first_day, first_day + days)
                      for lit in v.copy_day[c].get(d, [])]
            if len(window) > 1:
                m.only_if(m.cp.add_at_most_one(window), m.guard("min_days_apart", lesson.id))
    return []


def interchangeable_copies(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Copies of a lesson without a current placement are alike: order them by slot. Not a rule (it cuts
    only symmetric copies of a timetable away): symmetry breaking, added in the rules' order."""
    for lesson in data.lessons:
        if not lesson.interchangeable or len(lesson.copies) < 2:
            continue
        ranks = []
        for c in lesson.copies:
            copy = data.copies[c]
            ranks.append(sum((o.day * 100 + o.first) * lit for o, lit in zip(copy.options, v.x[c]) if lit is not False))
        for a, b in zip(ranks, ranks[1:]):
            # explain mode: <= holds for any guards (copies left unplaced sort first, rank 0)
            m.cp.add(a < b if lesson.has_groups and not opts.explain else a <= b)
    return []


def _teacher_day_lits(m: Model, data: ProblemData, v: Variables) -> dict[tuple[int, int], list]:
    """Per teacher and day: the occupied-period literals (all schools)."""
    by_day: dict[tuple[int, int], list] = defaultdict(list)
    for (t, p) in v.teacher_period:
        by_day[(t, data.periods[p].day)].append(v.teach_lit(m, t, p))
    return by_day


@rule("teacher_max_periods_per_day")
def teacher_max_periods_per_day(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A teacher teaches at most max_periods_per_day lesuren a day."""
    for (t, _day), lits in _teacher_day_lits(m, data, v).items():
        limit = data.teachers[t].max_periods_per_day
        if limit is not None and len(lits) > limit:
            m.only_if(m.cp.add(sum(lits) <= limit), m.guard("teacher_max_periods_per_day", data.teachers[t].id))
    return []


@rule("teacher_max_days_per_week")
def teacher_max_days_per_week(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A teacher comes in on at most max_days_per_week days."""
    per_teacher: dict[int, list] = defaultdict(list)
    for (t, day), lits in sorted(_teacher_day_lits(m, data, v).items()):
        if data.teachers[t].max_days_per_week is not None:
            per_teacher[t].append(m.lits.or_of(lits, f"teaches_on[{t}:{day}]"))
    for t, days in per_teacher.items():
        limit = data.teachers[t].max_days_per_week
        if len(days) > limit:
            m.only_if(m.cp.add(sum(days) <= limit), m.guard("teacher_max_days_per_week", data.teachers[t].id))
    return []


def _gap_costs(m: Model, data: ProblemData, v: Variables, rule_name: str, weight: int, table: str) -> list[Penalty]:
    """A term per free period between the first and the last lesson of a day, for each owner."""
    if weight <= 0:
        return []
    out: list[Penalty] = []
    period_lits = v.teacher_period if table == "teacher" else v.set_period
    for owner in sorted({owner for owner, _ in period_lits}):
        for day_periods in data.day_periods:
            if sum(1 for p in day_periods if (owner, p) in period_lits) < 2:
                continue
            o = [v.period_lit(m, table, owner, p) for p in day_periods]
            n = len(o)
            before = [False] * n
            for k in range(1, n):
                before[k] = m.lits.or_of([before[k - 1], o[k - 1]])
            after = [False] * n
            for k in range(n - 2, -1, -1):
                after[k] = m.lits.or_of([after[k + 1], o[k + 1]])
            for k in range(1, n - 1):
                gap = m.lits.and_of([before[k], after[k], m.lits.negate(o[k])], f"{rule_name}[{owner}:{day_periods[k]}]")
                out += m.penalty(rule_name, weight, gap)
    return out


@rule("teacher_gaps")
def teacher_gaps(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: free periods between a teacher's lessons on a day."""
    return _gap_costs(m, data, v, "teacher_gaps", data.weights.teacher_gaps, "teacher")


@rule("student_gaps")
def student_gaps(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: tussenuren of every student set."""
    return _gap_costs(m, data, v, "student_gaps", data.weights.student_gaps, "set")


def _change_costs(m: Model, data: ProblemData, v: Variables, rule_name: str, weight: int, current_of,
                  changed) -> list[Penalty]:
    """A term per option of a copy with a current placement that `changed(option, current)` moves."""
    out: list[Penalty] = []
    for c, copy in enumerate(data.copies):
        current = current_of(copy)
        if weight <= 0 or current is None:
            continue
        for o, lit in zip(copy.options, v.x[c]):
            if lit is not False and changed(o, current):
                out += m.penalty(rule_name, weight, lit)
    return out


@rule("lesson_move")
def lesson_move(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: a copy placed away from its current slot."""
    return _change_costs(m, data, v, "lesson_move", data.weights.lesson_move, lambda copy: copy.current_slot,
                         lambda o, slot: (o.day, o.first) != slot)


@rule("teacher_change")
def teacher_change(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: a copy given another teacher than in the current timetable."""
    return _change_costs(m, data, v, "teacher_change", data.weights.teacher_change,
                         lambda copy: copy.current_teacher, lambda o, teacher: o.teacher != teacher)


@rule("vacancy_open")
def vacancy_open(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Tier 3: each lesson-minute of an optional lesson left open (its copies' open literals are made with
    the variables, by lesson_placed)."""
    out: list[Penalty] = []
    for lesson in data.lessons:
        if lesson.optional:
            for c in lesson.copies:
                out += m.penalty("vacancy_open", data.weights.vacancy * lesson.open_minutes, v.unplaced[c])
    return out


@rule("teacher_preference")
def teacher_preference(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: a copy given a candidate outside its lesson's preferred teachers."""
    weight, out = data.weights.teacher_preference, []
    if weight <= 0:
        return out
    for lesson in data.lessons:
        if not lesson.preferred:
            continue
        for c in lesson.copies:
            for o, lit in zip(data.copies[c].options, v.x[c]):
                if lit is not False and o.teacher not in lesson.preferred:
                    out += m.penalty("teacher_preference", weight, lit)
    return out
