"""Minimal-change re-planning: a changed plan plus the current timetable -> a new timetable and a diff.

1. The current timetable becomes the plan's `current` placements (and the flexible staff's
   current roster), so every move, teacher change and roster change is penalised.
2. If the current timetable still meets every hard rule of the changed plan, nothing moves.
3. Otherwise the changes alone are minimised, lexicographically: fewest moved lessons first, then
   fewest teacher and roster changes (`change_weights`). The minimum is proven, in one of two ways:
   * *neighbourhood*: only the lessons near the trouble may change (every other lesson is locked to
     its current slot and teacher, so only its zero-change option is compiled; rosters stay free).
     Its proven optimum v is the global optimum when v <= LB0 + E + delta: LB0 sums, over the copies
     whose current option no longer exists (forced), the cheapest change each must make; E is what
     the copies now standing where a forced copy could go must change too (its students' or its
     teacher's lessons there; `_conflict_bound`); delta is the cheapest change of any copy outside the
     neighbourhood. A timetable that changes only neighbourhood copies costs >= v; one that changes
     a copy outside costs >= LB0 + E + delta. This is exact, and usually takes a fraction of a second
     where a full solve takes several.
   * *full*: otherwise the whole model is solved (hinted with the best neighbourhood timetable, or
     the current one); OPTIMAL proves the minimum. A plan with optional lessons (vacancies) goes here
     directly: a vacancy may also be left open, at a tier cost the neighbourhood's bound does not count.
   CP-SAT's presolve is known to lose or break hints (google/or-tools #4373, #4693) and hints must
   not be mixed with assumptions (#4324): we never pass assumptions here and report what happened
   to the hint.
4. Optionally (`polish_seconds`) the other soft rules are improved while the changes stay minimal.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from time import perf_counter

from solver.decode import decode
from solver.domain import Plan, Timetable, parse_plan, plan_fingerprint
from solver.params import SolveParams
from solver.pipeline import PlanOutcome, solve_plan
from solver.replan.changes import Diff, _changes_only_plan, _with_current_data, diff, hint_from, lexicographic_weights
from solver.replan.fewest import _fewest_changes
from solver.validate import validate

CHANGE_RULES = ("lesson_move", "teacher_change", "roster_change")
REPLAN_PARAMS = SolveParams(time_limit=30.0)  # replan's default settings: 30 s for the whole re-plan


@dataclass
class ReplanOutcome:
    still_holds: bool
    timetable: Timetable | None
    diff: Diff
    outcome: PlanOutcome | None = None
    hint_status: str = ""
    proof: str = ""  # how the minimum was proven: "neighbourhood" | "full" ("" when not proven)
    seconds: float = 0.0  # from the call to the (proven) result, polish excluded
    timings: dict[str, float] = field(default_factory=dict)  # prepare / compile / stages, seconds
    broken: list = field(default_factory=list)  # the hard violations of `current` under the changed plan



def replan(plan: Plan, current: Timetable, params: SolveParams = REPLAN_PARAMS, *,
           polish_seconds: float = 0.0) -> ReplanOutcome:
    """Re-plan the changed `plan` with as few changes to `current` as possible.

    Phase 1 minimises the changes alone (moves first, then teacher and roster changes) and proves
    the minimum (see the module docstring) within `params.time_limit`. Phase 2 (only with `polish_seconds`) improves the other
    soft rules with change weights that dominate them, hinted with phase 1's timetable, and is kept
    only if the validator confirms it is better and changes exactly as much.
    """
    started = perf_counter()
    timings: dict[str, float] = {}
    data_json = _with_current_data(plan, current)
    planned = parse_plan(data_json)
    report = validate(planned, current)
    if report.ok:
        stamp = plan_fingerprint(plan)  # the timetable now holds for the changed plan: say so
        held = current if current.plan_fingerprint == stamp else current.model_copy(update={"plan_fingerprint": stamp})
        return ReplanOutcome(still_holds=True, timetable=held, diff=Diff(),
                             seconds=perf_counter() - started)
    question = _changes_only_plan(planned)
    timings["prepare"] = perf_counter() - started
    stage, proof, _bound = _fewest_changes(question, current, report, params, started=started, timings=timings)
    result = stage.result
    timetable = decode(question, stage.data, result) if result.found else None
    first = PlanOutcome(result=result, timetable=timetable, data=stage.data)
    seconds = perf_counter() - started
    best = first
    if first.timetable is not None and polish_seconds > 0:
        best = _polish(planned, first, dataclasses.replace(params, time_limit=polish_seconds, on_progress=None))
    timetable = _restated(plan, best.timetable)
    return ReplanOutcome(
        still_holds=False, timetable=timetable, outcome=best,
        diff=diff(current, timetable) if timetable is not None else Diff(),
        hint_status=result.hint_status, proof=proof, seconds=seconds, timings=timings, broken=report.hard(),
    )


def _restated(plan: Plan, timetable: Timetable | None) -> Timetable | None:
    """The re-planned timetable as a timetable of the changed plan: its objective and soft cost are the
    validator's under the plan's own weights (the change weights only steered the re-plan)."""
    if timetable is None:
        return None
    report = validate(plan, timetable)
    return timetable.model_copy(update={
        "plan_fingerprint": plan_fingerprint(plan),  # the plan asked about, not the internal question
        "objective": report.soft_cost, "bound": None,
        "soft_cost": {rule: cost for rule, cost in report.breakdown.items() if cost},
    })


def _polish(planned: Plan, first: PlanOutcome, params: SolveParams) -> PlanOutcome:
    """Improve the other soft rules with the changes kept as they are in number (validator-checked);
    `params.time_limit` is the polish's own time."""
    weighted = lexicographic_weights(planned)
    polished = solve_plan(weighted, params, hint=lambda data: hint_from(data, first.timetable))
    if polished.timetable is None:
        return first
    old = validate(weighted, first.timetable)
    new = validate(weighted, polished.timetable)
    same_changes = all(
        new.breakdown.get(rule, 0) == old.breakdown.get(rule, 0) for rule in CHANGE_RULES
    )
    if new.ok and same_changes and new.soft_cost < old.soft_cost:
        return polished
    return first
