"""Literals that may be constants: True/False fold away before they reach CP-SAT."""

from __future__ import annotations

from ortools.sat.python import cp_model

Lit = bool | cp_model.IntVar


def is_const(lit: Lit) -> bool:
    return isinstance(lit, bool)


class Literals:
    """Small helpers over a CpModel that fold constant literals."""

    def __init__(self, model: cp_model.CpModel):
        self.model = model
        self.guard: Lit | None = None  # explain mode: the guard of the rule being added (see clause)
        # explain mode: a rule that makes lits "at most one true" (a no-clash rule) may be off there,
        # so sum_as_bool must not state it again: it becomes a plain OR
        self.sums_as_or = False

    def clause(self, lits: list[Lit], guard: Lit | None = None) -> None:
        """At least one of lits holds (constants folded; an all-false clause makes the model infeasible).

        With a guard (given, or set on self.guard by context.Model.guarding) only when the guard holds."""
        if guard is None:
            guard = self.guard
        if guard is not None:
            lits = [*lits, guard.Not()]
        if any(lit is True for lit in lits):
            return
        rest = [lit for lit in lits if lit is not False]
        self.model.add_bool_or(rest)

    def negate(self, lit: Lit) -> Lit:
        return (not lit) if is_const(lit) else lit.Not()

    def or_of(self, lits: list[Lit], name: str = "") -> Lit:
        """A literal equal to the OR of lits."""
        rest = _folded(lits, absorbing=True)
        if isinstance(rest, bool) or len(rest) == 1:
            return rest if isinstance(rest, bool) else rest[0]
        out = self.model.new_bool_var(name)
        self.model.add_bool_or(rest).only_enforce_if(out)
        for lit in rest:
            self.model.add_implication(lit, out)
        return out

    def and_of(self, lits: list[Lit], name: str = "") -> Lit:
        """A literal equal to the AND of lits."""
        rest = _folded(lits, absorbing=False)
        if isinstance(rest, bool) or len(rest) == 1:
            return rest if isinstance(rest, bool) else rest[0]
        out = self.model.new_bool_var(name)
        for lit in rest:
            self.model.add_implication(out, lit)
        self.model.add_bool_or([lit.Not() for lit in rest]).only_enforce_if(out.Not())
        return out

    def sum_as_bool(self, lits: list[Lit], name: str = "") -> Lit:
        """A literal equal to sum(lits) for lits that are already known to be at most one true."""
        if self.sums_as_or:
            return self.or_of(lits, name)
        if any(lit is True for lit in lits):
            return True
        rest = [lit for lit in lits if lit is not False]
        if not rest:
            return False
        if len(rest) == 1:
            return rest[0]
        out = self.model.new_bool_var(name)
        self.model.add(sum(rest) == out)
        return out


def _folded(lits: list[Lit], absorbing: bool) -> list[Lit] | bool:
    """The literals of an OR (absorbing True) or an AND (absorbing False) once constants fold: the
    absorbing constant if one is there, the neutral one if none is left, else the rest without repeats."""
    if any(lit is absorbing for lit in lits):
        return absorbing
    rest = list(dict.fromkeys(lit for lit in lits if lit is not (not absorbing)))
    return rest or (not absorbing)


def value(solver: cp_model.CpSolver, lit: Lit) -> bool:
    return lit if is_const(lit) else bool(solver.boolean_value(lit))


class GuardedModel:
    """A CpModel seen through one guard (explain mode): the constraints a rule adds through it hold
    only when the guard does. Definitions made by Literals go to the plain model and always hold,
    so literals shared between rules keep their meaning."""

    _GUARDED = frozenset(("add", "add_at_most_one", "add_exactly_one", "add_bool_or", "add_bool_and",
                          "add_implication", "add_linear_constraint"))

    def __init__(self, model: cp_model.CpModel, guard: Lit):
        self._model, self._guard = model, guard

    def __getattr__(self, name: str):
        attr = getattr(self._model, name)
        if name not in self._GUARDED:
            return attr

        def guarded(*args, **kwargs):
            constraint = attr(*args, **kwargs)
            constraint.only_enforce_if(self._guard)
            return constraint
        return guarded
