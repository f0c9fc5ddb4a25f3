"""Arbeidstijdenwet over several weeks: the planned week and the weeks before it (Staff.history).

The weeks before are fixed numbers, so each rule is a limit on the planned week alone: its work
minutes (as atw_max_week counts them) or its night shifts ending late. A person without the history
a rule needs gets no constraint (LawPerson.history, solver/compile/history.py): plans without
histories build the same model as before. Exact definitions: docs/rules.md, "History". On a horizon of
several weeks each week h is limited with the weeks before it, the history and then horizon weeks
1 ... h-1 (LawPerson.week_limits); the night shifts of all its weeks count together.
"""

from __future__ import annotations

from solver.cpsat.context import BuildOptions, Model, Penalty, weekly
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData
from solver.timeline import WEEK_MINUTES


def _at_most(m: Model, terms: list[tuple[int, Lit]], limit: int, guard: Lit | None) -> None:
    """sum(weight x lit) <= limit; constants folded, nothing added when it always holds."""
    fixed = sum(weight for weight, lit in terms if lit is True)
    live = [(weight, lit) for weight, lit in terms if not isinstance(lit, bool)]
    if fixed > limit:
        m.lits.clause([], guard)
    elif live and fixed + sum(weight for weight, _ in live) > limit:
        m.only_if(m.cp.add(sum(weight * lit for weight, lit in live) <= limit - fixed), guard)


def _week_minutes(m: Model, data: ProblemData, v: Variables, rule_name: str, field: str) -> None:
    """The planned week's work minutes at most what the person's history leaves under `field`; on a horizon,
    each week's window (its horizon weeks together) at most what the history leaves it."""
    for person, lits in zip(data.law_persons, v.work):
        for limit in person.week_limits:
            if limit.rule == rule_name:
                terms = [(s.end - s.start, lit) for s, lit in zip(person.segments, lits)
                         if limit.first <= s.start // WEEK_MINUTES + 1 <= limit.week]
                _at_most(m, terms, limit.left, m.guard(rule_name, data.staff[person.staff].id, limit.week))
        left = getattr(person.history, field, None)
        if left is None:
            continue
        guard = m.guard(rule_name, data.staff[person.staff].id)
        _at_most(m, [(s.end - s.start, lit) for s, lit in zip(person.segments, lits)], left, guard)


@rule("atw_average_4_weeks")
def atw_average_4_weeks(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Work minutes this week <= 4 x the 4-week average - the minutes of the 3 weeks before."""
    _week_minutes(m, data, v, "atw_average_4_weeks", "minutes_4_weeks")
    return []


@rule("atw_average_16_weeks")
def atw_average_16_weeks(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Work minutes this week <= 16 x the 16-week average - the minutes of the 15 weeks before."""
    _week_minutes(m, data, v, "atw_average_16_weeks", "minutes_16_weeks")
    return []


@rule("atw_nights_16_weeks")
def atw_nights_16_weeks(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Night shifts ending late this week <= the 16-week maximum - the night shifts of the 15 weeks before."""
    for person in data.law_persons:
        left = getattr(person.history, "night_shifts", None)
        if left is None:
            continue
        late = [(1, v.w[i]) for i in data.staff[person.staff].instances if data.instances[i].night_late]
        # a horizon: its last week's window holds all its weeks (the weeks before week h are fewer)
        key = weekly(data, ("atw_nights_16_weeks", data.staff[person.staff].id), data.weeks)
        _at_most(m, late, left, m.guard(*key))
    return []
