"""Why can't this fit? A small set of conflicting rules for a plan that has no timetable.

    explanation = explain(plan, time_limit=30)
    explanation.status        # "infeasible" | "feasible" | "unknown"
    explanation.items         # rule, guard key, entities, message_nl, message_en
    explanation.minimal       # True: every item was tested and is needed

Method. The plan is compiled and built in explain mode (solver/compile_guards.py,
`ModelBuilder(data, explain=True)`): every rule instance group — one teacher's no-clash rule,
one lesson's placement, one staffing window, one person's rest after night shifts, one extra
constraint, ... — has a guard literal, and its constraints hold only when the guard is true.
CP-SAT solves with every guard as an assumption; when that is infeasible it names a sufficient
subset of the assumptions. That subset is shrunk by deletion: drop one guard, solve with the rest
as assumptions (the dropped one is free, so its rule is off); if still infeasible it stays
dropped (and the new, smaller core is taken), else it is needed. Within the time limit every
remaining guard gets tested once; then the set is minimal (each item is needed: relaxing any
one of them makes the plan solvable, with the others kept). No solution hints are given:
hints must not be mixed with assumptions (google/or-tools #4324).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from time import perf_counter

from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import BuiltModel, ModelBuilder
from solver.cpsat.literals import value
from solver.domain import Plan, Timetable
from solver.explain_text import describe, headline
from solver.problem import ProblemData
from solver.result import Result
from solver.rules import RULES


@dataclass
class ExplanationItem:
    """One rule instance of the conflict, with what it is about, in Dutch and English."""

    rule: str
    key: tuple  # the guard key: (rule, ids ...)
    entities: dict
    message_nl: str
    message_en: str

    def to_dict(self) -> dict:
        out = asdict(self)
        out["key"] = list(self.key)
        return out


@dataclass
class Explanation:
    status: str  # "infeasible" (items explain it) | "feasible" (a timetable exists) | "unknown" (no answer in time)
    items: list[ExplanationItem] = field(default_factory=list)
    minimal: bool = False  # every item was tested and is needed
    seconds: float = 0.0
    summary_nl: str = ""
    summary_en: str = ""
    solves: int = 0  # CP-SAT calls made

    @property
    def feasible(self) -> bool:
        return self.status == "feasible"

    @property
    def keys(self) -> list[tuple]:
        return [item.key for item in self.items]

    def to_dict(self) -> dict:
        return {
            "status": self.status, "minimal": self.minimal, "seconds": round(self.seconds, 3),
            "solves": self.solves, "summary_nl": self.summary_nl, "summary_en": self.summary_en,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass
class _Model:
    data: ProblemData
    built: BuiltModel

    @property
    def keys(self) -> list[tuple]:
        return list(self.built.guards)

    def solve(self, on: Iterable[tuple], off: Iterable[tuple] = (), *, time_limit: float, workers: int,
              seed: int) -> tuple[str, list[tuple], cp_model.CpSolver]:
        """Solve with the guards `on` (and the negations of `off`) as assumptions: (status, core, solver)."""
        model, guards = self.built.model, self.built.guards
        model.clear_assumptions()
        model.add_assumptions([guards[k] for k in on] + [guards[k].Not() for k in off])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, float(time_limit))
        solver.parameters.random_seed = int(seed)
        # Pigeonhole-like conflicts (a group's lessons over its periods) need the at-most-one rows in
        # the LP: without them one worker searched a 21-into-20 plan for over 20 s; with them 0.1 s.
        solver.parameters.linearization_level = 2
        if workers:
            solver.parameters.num_workers = int(workers)
        code = solver.solve(model)
        status = {cp_model.OPTIMAL: "feasible", cp_model.FEASIBLE: "feasible",
                  cp_model.INFEASIBLE: "infeasible"}.get(code, "unknown")
        if code == cp_model.MODEL_INVALID:
            raise RuntimeError(f"explain model invalid: {model.validate()}")
        core: list[tuple] = []
        if status == "infeasible":
            by_index = {guards[k].Index(): k for k in guards}
            core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
        return status, core, solver


def build_explain_model(plan: Plan) -> _Model:
    data = compile_plan(plan, explain=True)
    return _Model(data=data, built=ModelBuilder(data, explain=True).build())


def guard_keys(plan: Plan) -> list[tuple]:
    """Every guard key of the plan's explain model."""
    return build_explain_model(plan).keys


def _drop_order(key: tuple) -> tuple:
    """Lessons are tried first: the explanation then names as few lessons as it can."""
    return (key[0] != "lesson_placed", str(key))


def explain(plan: Plan, *, time_limit: float = 30.0, workers: int = 0, seed: int = 0) -> Explanation:
    """A small set of rule instances that cannot all hold, or `feasible`, or `unknown` (see module doc)."""
    started = perf_counter()
    deadline = started + time_limit
    em = build_explain_model(plan)
    keys = em.keys
    status, core, _ = em.solve(keys, time_limit=time_limit, workers=workers, seed=seed)
    solves = 1
    if status != "infeasible":
        return Explanation(status=status, minimal=status == "feasible", seconds=perf_counter() - started,
                           solves=solves)
    remaining = _in_order(keys, core)
    needed: set[tuple] = set()
    complete = True
    for key in sorted(remaining, key=_drop_order):
        if key not in remaining:
            continue
        left = deadline - perf_counter()
        if left <= 0.05:
            complete = False
            break
        trial = [k for k in remaining if k != key]
        status, core, _ = em.solve(trial, time_limit=left, workers=workers, seed=seed)
        solves += 1
        if status == "infeasible":
            remaining = _in_order(trial, core)
        elif status == "feasible":
            needed.add(key)
        else:
            complete = False
    minimal = complete and all(k in needed for k in remaining)
    remaining.sort(key=_show_order)
    items = [_item(plan, em.data, key, remaining) for key in remaining]
    nl, en = headline(plan, remaining)
    return Explanation(status="infeasible", items=items, minimal=minimal, seconds=perf_counter() - started,
                       summary_nl=nl, summary_en=en, solves=solves)


def _show_order(key: tuple) -> tuple:
    """The lessons first, then the rules in catalogue order (solver/rules.py)."""
    return (key[0] != "lesson_placed", _RULE_ORDER.get(key[0], len(_RULE_ORDER)), str(key))


_RULE_ORDER = {name: k for k, name in enumerate(RULES)}


def _in_order(keys: list[tuple], core: list[tuple]) -> list[tuple]:
    wanted = set(core)
    return [k for k in keys if k in wanted]


def _item(plan: Plan, data: ProblemData, key: tuple, keys: list[tuple]) -> ExplanationItem:
    entities, nl, en = describe(plan, key, keys)
    return ExplanationItem(rule=key[0], key=key, entities=entities, message_nl=nl, message_en=en)


@dataclass
class Relaxed:
    status: str  # "feasible" | "infeasible" | "unknown"
    timetable: Timetable | None
    unknown_keys: list[tuple]  # keys asked to switch off that the model does not have


def relax(plan: Plan, off: Iterable[tuple], *, time_limit: float = 30.0, workers: int = 1,
          seed: int = 0) -> Relaxed:
    """Solve with the guards `off` switched off and every other guard on; decode any timetable.

    The timetable meets every rule except (possibly) the switched-off ones; `validate` shows which.
    """
    from solver.decode import decode

    em = build_explain_model(plan)
    off = list(dict.fromkeys(tuple(k) for k in off))
    unknown = [k for k in off if k not in em.built.guards]
    off = [k for k in off if k in em.built.guards]
    on = [k for k in em.keys if k not in set(off)]
    status, _, solver = em.solve(on, off, time_limit=time_limit, workers=workers, seed=seed)
    timetable = None
    if status == "feasible":
        built = em.built
        solution = {
            "options": [next((k for k, lit in enumerate(xs) if value(solver, lit)), None) for xs in built.x],
            "pools": [next((p for p, lit in choice.items() if value(solver, lit)), None)
                      for choice in built.pool_choice],
            "shifts": [value(solver, lit) for lit in built.w],
            "costs": {},
        }
        timetable = decode(plan, em.data, Result(status="FEASIBLE", solution=solution))
    return Relaxed(status=status, timetable=timetable, unknown_keys=unknown)
