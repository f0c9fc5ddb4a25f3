"""Preference windows and marks (level "preference"): rather not, at a cost (docs/rules.md).

Compile gave every option that uses one its cost (ProblemData.preferences, solver/compile/preferences.py);
each rule books weight × the option's literal. A hard window or mark is no rule here: compile left out
the options it forbids (teacher_unavailable, group_unavailable, sme_unavailable_mark).
"""

from __future__ import annotations

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData


def _option_costs(m: Model, data: ProblemData, v: Variables, rule_name: str) -> list[Penalty]:
    out: list[Penalty] = []
    for cost in data.preferences:
        if cost.rule == rule_name:
            out += m.penalty(rule_name, cost.weight, v.x[cost.copy][cost.option])
    return out


@rule("teacher_unavailable_preference")
def teacher_unavailable_preference(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: each lesuur a teacher teaches in a window they would rather not, times its weight."""
    return _option_costs(m, data, v, "teacher_unavailable_preference")


@rule("group_unavailable_preference")
def group_unavailable_preference(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: each lesuur a group has a lesson in a window it would rather not, times its weight."""
    return _option_costs(m, data, v, "group_unavailable_preference")


@rule("sme_unavailable_preference")
def sme_unavailable_preference(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: each lesson an hto'er is away for (travel included) in a mark of level preference, times its weight."""
    return _option_costs(m, data, v, "sme_unavailable_preference")
