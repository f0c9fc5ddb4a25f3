"""Why can't this fit? A small set of conflicting rules for a plan that has no timetable.

    explanation = explain(plan, time_limit=30)
    explanation.status        # "infeasible" | "feasible" | "unknown"
    explanation.items         # rule, guard key, entities, message_nl, message_en
    explanation.minimal       # True: every item was tested and is needed (every other rule off)
    explanation.claims        # what was proven, as sentences (solver/explain/claims.py)

Method. The plan is compiled and built in explain mode (solver/compile/options.py,
`build_model(data, explain=True)`): every rule instance group — one teacher's no-clash rule,
one lesson's placement, one staffing window, one person's rest after night shifts, one extra
constraint, ... — has a guard literal, and its constraints hold only when the guard is true.
With every guard on the model is the normal one. A conflict is a set of guards that cannot all
be on, even with every other rule off: found from CP-SAT's sufficient assumptions or, when those
take too long, by QuickXplain; then shrunk by deletion (drop one guard; if the rest is still
infeasible it stays dropped). `minimal`: every guard left was tested and is needed (switching
any one of them off, with the others of the conflict on, gives a timetable). Then the whole plan
is solved once more with the conflict's guards switched off and every other rule on: if that is
still infeasible the plan has another, independent conflict, which is searched for in turn
(`max_conflicts`). `holds`: proven that switching off every item gives a timetable; `more`: proven
that it does not (the plan has more conflicts than shown).

Minimal is not "relaxing any one item makes room": the deletion test leaves every other rule off,
while relaxing one item in the plan leaves every other rule on. So after the search each item of
a single conflict is solved once more on its own (`ExplanationItem.alone`), and `claims` says only
what was proven, each sentence with what proved it (solver/explain/claims.py).
The search itself is solver/explain/search.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from time import perf_counter

from solver.cpsat.literals import value
from solver.domain import Plan, Timetable
from solver.explain.claims import Claim, Facts, alone_statuses, claims, no_conflict
from solver.explain.search import GuardModel, Search
from solver.explain.text import describe, headline
from solver.result import Result, Solution
from solver.rules import RULES


@dataclass
class ExplanationItem:
    """One rule instance of the conflict, with what it is about, in Dutch and English."""

    rule: str
    key: tuple  # the guard key: (rule, ids ...)
    entities: dict
    message_nl: str
    message_en: str
    conflict: int = 1  # which independent conflict it belongs to (1, 2, ...)
    alone: str = ""  # switching off only this item, every other rule on: feasible | infeasible | unknown | "" (not checked)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["key"] = list(self.key)
        return out


@dataclass
class Explanation:
    status: str  # "infeasible" (items explain it) | "feasible" (a timetable exists) | "unknown" (no answer in time)
    items: list[ExplanationItem] = field(default_factory=list)
    minimal: bool = False  # every conflict proven minimal: cannot all hold with every other rule off, each item needed
    seconds: float = 0.0
    summary_nl: str = ""
    summary_en: str = ""
    solves: int = 0  # CP-SAT calls made
    holds: bool = False  # proven: with every item switched off (and every other rule on) a timetable exists
    conflicts: int = 0  # independent conflicts found
    more: bool = False  # proven: with every item switched off (and every other rule on) still no timetable
    claims: list[Claim] = field(default_factory=list)  # what was proven, in words (solver/explain/claims.py)

    @property
    def feasible(self) -> bool:
        return self.status == "feasible"

    @property
    def keys(self) -> list[tuple]:
        return [item.key for item in self.items]

    def to_dict(self) -> dict:
        return {
            "status": self.status, "minimal": self.minimal, "holds": self.holds, "more": self.more,
            "seconds": round(self.seconds, 3), "solves": self.solves, "conflicts": self.conflicts, "summary_nl": self.summary_nl, "summary_en": self.summary_en,
            "items": [item.to_dict() for item in self.items],
            "claims": [claim.to_dict() for claim in self.claims],
        }


def build_explain_model(plan: Plan) -> GuardModel:
    return GuardModel.of(plan)


def guard_keys(plan: Plan) -> list[tuple]:
    """Every guard key of the plan's explain model."""
    return build_explain_model(plan).keys


def _drop_order(key: tuple) -> tuple:
    """Lessons are tried first: the explanation then names as few lessons as it can."""
    return (key[0] != "lesson_placed", str(key))


def explain(plan: Plan, *, time_limit: float = 30.0, workers: int = 1, seed: int = 0,
            max_conflicts: int = 5) -> Explanation:
    """A small set of rule instances that cannot all hold, or `feasible`, or `unknown` (see module doc).

    One worker by default: the tests are short, and on 2 cores one worker with linearization
    level 2 proved an over-booked group of 300 lesson-periods in 4.7 s where two took 13 s.
    Where the plan has several independent conflicts, up to `max_conflicts` are given (each item
    says which one); `holds` then says whether switching off every item gives a timetable."""
    started = perf_counter()
    em = build_explain_model(plan)
    search = Search(em, deadline=started + time_limit, workers=workers, seed=seed)
    keys = em.keys
    status, _, _ = em.test(keys, time_limit=time_limit, workers=workers, seed=seed)
    search.solves += 1
    if status != "infeasible":
        return Explanation(status=status, minimal=status == "feasible", seconds=perf_counter() - started,
                           solves=search.solves, holds=status == "feasible")
    neighbourhoods = _busiest(plan)
    conflicts: list[list[tuple]] = []
    relaxed: set[tuple] = set()
    minimal = True
    rest = "infeasible"  # every guard on except the conflicts found so far
    while len(conflicts) < max_conflicts:
        candidates = [k for k in keys if k not in relaxed]
        exact_before = search.exact
        core = search.core(candidates, neighbourhoods)
        if core is None:
            minimal = False
            break
        core, tested = search.shrink(core, _drop_order)
        minimal = minimal and tested and search.exact == exact_before
        conflicts.append(core)
        relaxed.update(core)
        rest = "unknown"
        if search.left() <= 0.05:
            break
        rest, _, _ = em.test([k for k in keys if k not in relaxed], time_limit=search.left(),
                             workers=workers, seed=seed)
        search.solves += 1
        if rest != "infeasible":
            break
    for conflict in conflicts:
        conflict.sort(key=_show_order)
    minimal = minimal and bool(conflicts)
    facts = Facts(conflicts=conflicts, minimal=minimal, holds=rest == "feasible", more=rest == "infeasible")
    if conflicts:
        facts.alone = alone_statuses(search, keys, facts)
    items = []
    for number, conflict in enumerate(conflicts, start=1):
        items += [_item(plan, key, conflict, number, facts.alone.get(key, "")) for key in conflict]
    first = conflicts[0] if conflicts else []
    nl, en = headline(plan, first)
    seconds = perf_counter() - started
    said = claims(plan, facts, seconds) if conflicts else no_conflict(seconds)
    return Explanation(status="infeasible", items=items, minimal=minimal, seconds=seconds,
                       summary_nl=nl, summary_en=en, solves=search.solves, holds=facts.holds,
                       conflicts=len(conflicts), more=facts.more and bool(conflicts), claims=said)


def _busiest(plan: Plan, count: int = 8) -> list[set[tuple]]:
    """The lessons of the most loaded student sets and teachers (lesson-periods over the school's
    periods), busiest first: where an over-booking hides."""
    owners: dict[tuple, list] = {}
    for lesson in plan.lessons:
        school = plan.lesson_school(lesson)
        groups = {g.id: g.student_sets or [g.id] for g in school.groups}
        for student_set in {s for g in lesson.groups for s in groups.get(g, [g])}:
            owners.setdefault(("set", school.id, student_set), []).append(lesson)
        for teacher in ([lesson.teacher] if lesson.teacher else []) + list(lesson.co_teachers):
            owners.setdefault(("teacher", teacher), []).append(lesson)
    sizes = {s.id: len(s.periods) for s in plan.schools}

    def load(item) -> float:
        lessons = item[1]
        return sum(le.count * le.duration for le in lessons) / max(1, sizes[plan.lesson_school(lessons[0]).id])

    ranked = sorted(owners.items(), key=load, reverse=True)[:count]
    return [{("lesson_placed", le.id) for le in lessons} for _, lessons in ranked]


def _show_order(key: tuple) -> tuple:
    """The lessons first, then the rules in catalogue order (solver/rules.py)."""
    return (key[0] != "lesson_placed", _RULE_ORDER.get(key[0], len(_RULE_ORDER)), str(key))


_RULE_ORDER = {name: k for k, name in enumerate(RULES)}


def _item(plan: Plan, key: tuple, keys: list[tuple], conflict: int, alone: str) -> ExplanationItem:
    entities, nl, en = describe(plan, key, keys)
    return ExplanationItem(rule=key[0], key=key, entities=entities, message_nl=nl, message_en=en,
                           conflict=conflict, alone=alone)


@dataclass
class Relaxed:
    status: str  # "feasible" | "infeasible" | "unknown"
    timetable: Timetable | None
    unknown_keys: list[tuple]  # keys asked to switch off that the model does not have


def relax(plan: Plan, off: Iterable[tuple], *, time_limit: float = 30.0, workers: int = 1,
          seed: int = 0, model: GuardModel | None = None) -> Relaxed:
    """Solve with the guards `off` switched off and every other guard on; decode any timetable.

    The timetable meets every rule except (possibly) the switched-off ones; `validate` shows which.
    `model`: the plan's explain model (`build_explain_model(plan)`), to reuse over many calls.
    """
    from solver.decode import decode

    em = model if model is not None else build_explain_model(plan)
    off = list(dict.fromkeys(tuple(k) for k in off))
    unknown = [k for k in off if k not in em.built.guards]
    off = [k for k in off if k in em.built.guards]
    on = [k for k in em.keys if k not in set(off)]
    status, _, solver = em.test(on, off, time_limit=time_limit, workers=workers, seed=seed)
    timetable = None
    if status == "feasible":
        built = em.built
        solution = Solution(
            options=tuple(next((k for k, lit in enumerate(xs) if value(solver, lit)), None) for xs in built.x),
            pools=tuple(next((p for p, lit in choice.items() if value(solver, lit)), None)
                        for choice in built.pool_choice),
            shifts=tuple(value(solver, lit) for lit in built.w),
            costs={},
        )
        timetable = decode(plan, em.data, Result(status="FEASIBLE", solution=solution))
    return Relaxed(status=status, timetable=timetable, unknown_keys=unknown)
