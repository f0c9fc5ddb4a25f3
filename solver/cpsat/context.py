"""What every rule function works with: the build options, the model as rules see it, and penalties.

A rule function (solver/cpsat/rules_*.py) has the signature
    rule(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]
and is registered under its name from solver/rules.py (solver/cpsat/registry.py).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from ortools.sat.python import cp_model

from solver.cpsat.literals import GuardedModel, Lit, Literals


@dataclass(frozen=True)
class BuildOptions:
    """`explain`: every rule instance group gets a guard literal and holds only when it is true; no
    objective (solver/explain/, with compile_plan(explain=True)). `implied`: add the implied
    constraints (solver/cpsat/implied.py). `soft`: add the soft rules (False: a search for any
    timetable). `rooms_counted`: one-lesuur copies with a choice of room pools that no other choice
    overlaps get only an exact count per lesuur, their pools chosen after the search.
    `rooms_soft`: a pool's limit may be exceeded at a cost of 1 per lesson too many (repair search).
    Explain mode switches the last four off."""

    explain: bool = False
    implied: bool = True
    soft: bool = True
    rooms_counted: bool = False
    rooms_soft: bool = False

    @classmethod
    def of(cls, *, explain: bool = False, implied: bool = True, soft: bool = True, rooms_counted: bool = False,
           rooms_soft: bool = False) -> BuildOptions:
        return cls(explain=explain, implied=implied, soft=soft and not explain,
                   rooms_counted=rooms_counted and not explain, rooms_soft=rooms_soft and not explain)


class Penalty(NamedTuple):
    """Objective term weight x lit, booked under a rule's name; `scope` says what it is about (an extra's
    Owner, (owner, day), ("extra", index), ("rooms", pools, lesuur) or None): the repair search frees
    the lessons around a violated term. A named tuple: a big school makes tens of thousands of them."""

    rule: str
    weight: int
    lit: Lit
    scope: object = None


class Model:
    """The CP-SAT model as the rules see it: `cp` (the CpModel, seen through the current guard in
    explain mode), `lits` (constant-folding literal helpers) and the explain-mode guards."""

    def __init__(self, name: str, explain: bool):
        self.explain = explain
        self.raw = cp_model.CpModel()
        self.raw.name = name
        self.cp = self.raw
        self.lits = Literals(self.raw)
        self.lits.sums_as_or = explain
        self.guards: dict[tuple, Lit] = {}
        self.scope = None  # what the terms made next are about (see Penalty.scope)

    def guard(self, *key) -> Lit | None:
        """Explain mode: the guard literal of one rule instance group, e.g. ("teacher_no_clash", "JdV").
        Normal mode: None (no variable)."""
        if not self.explain:
            return None
        lit = self.guards.get(key)
        if lit is None:
            lit = self.guards[key] = self.raw.new_bool_var("guard:" + ":".join(map(str, key)))
        return lit

    @staticmethod
    def only_if(constraint, guard: Lit | None) -> None:
        """Enforce a constraint only when its guard holds (explain mode; nothing in normal mode)."""
        if guard is not None:
            constraint.only_enforce_if(guard)

    @contextmanager
    def guarding(self, *key):
        """Explain mode: every constraint (not definition) added inside holds only under the guard of key."""
        if not self.explain:
            yield
            return
        guard = self.guard(*key)
        self.cp, self.lits.guard = GuardedModel(self.raw, guard), guard
        try:
            yield
        finally:
            self.cp, self.lits.guard = self.raw, None

    def penalty(self, rule: str, weight: int, lit) -> list[Penalty]:
        """[weight x lit] under the rule's name and the current scope; nothing for a term that cannot cost."""
        if lit is False or weight == 0:
            return []
        return [Penalty(rule, weight, lit, self.scope)]


def weekly(data, key: tuple, week: int) -> tuple:
    """A guard key of a rule instance of one horizon week: the key with the week (1-based) at its end on a
    horizon of several weeks, as it is with one week (docs/rules.md, "Cycles and the horizon")."""
    return (*key, week) if data.weeks > 1 else key
