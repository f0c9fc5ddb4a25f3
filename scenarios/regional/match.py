"""The aggregated weekly match: which candidate takes which vacancy lessons (CP-SAT).

Time is left out: the match knows minutes and lesuren a week, not when. Its conditions (rows.py) are ones
every schedule meets as well: one candidate per lesson; release, route and day limits per candidate; at
most MAX_SCHOOLS schools a person; each employer's release share; each school's budget. Options cut by
earlier rounds (lessons the schedule could not place) are not taken again. The objective: the most
vacancy minutes, then the least travel. The region's bound is the relaxation of the same rows over every
option (bound.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scenarios.regional.eligible import Option, Options
from scenarios.regional.rows import MAX_SCHOOLS, match_rows
from scenarios.regions.model import Region


@dataclass
class Match:
    chosen: list[Option]
    minutes: int  # vacancy minutes a week the match covers
    bound: int  # the most vacancy minutes any schedule could cover (CP-SAT's bound on the match)
    status: str
    cut: set[tuple[str, str, str]] = field(default_factory=set)  # (candidate, school, lesson) left out

    def schools_of(self, candidate: str) -> set[str]:
        return {o.school for o in self.chosen if o.candidate == candidate}

    def candidates_at(self, school: str) -> set[str]:
        return {o.candidate for o in self.chosen if o.school == school}


def match(region: Region, found: Options, *, cut: set[tuple[str, str, str]] = frozenset(),
          time_limit: float = 10.0, workers: int = 1, seed: int = 0,
          deterministic_time: float | None = None) -> Match:
    """The best match of `found`'s options, leaving out the `cut` ones."""
    options = [o for o in found.options if (o.candidate, o.school, o.lesson) not in cut]
    rows = match_rows(region, found, options)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(len(options))]
    for members in rows.one_per_lesson:
        model.add_at_most_one(x[i] for i in members)
    for members, coefficients, limit in rows.caps:
        model.add(sum(k * x[i] for k, i in zip(coefficients, members)) <= limit)
    goes = {}
    for (c, s), members in rows.pairs.items():
        goes[c, s] = model.new_bool_var(f"u_{c}_{s}")
        for i in members:
            model.add_implication(x[i], goes[c, s])
        model.add(goes[c, s] <= sum(x[i] for i in members))
    used = {}
    for c, schools in rows.schools_of.items():
        used[c] = model.new_bool_var(f"used_{c}")
        pairs = [goes[c, school] for school in schools]
        model.add(sum(pairs) <= MAX_SCHOOLS)
        for g in pairs:
            model.add_implication(g, used[c])
    for people, cap in rows.people_caps:
        model.add(sum(used[c] for c in people) <= cap)
    travel = sum(found.travel[c, s] * g for (c, s), g in goes.items())
    weight = 1 + sum(found.travel[c, s] for (c, s) in goes)  # one minute of teaching outweighs all travel
    minutes = sum(o.minutes * v for o, v in zip(options, x))
    model.maximize(weight * minutes - travel)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = deterministic_time
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Match([], 0, 0, name, set(cut))
    chosen = [o for o, v in zip(options, x) if solver.boolean_value(v)]
    # B bounds weight*minutes - travel and 0 <= travel < weight, so weight*minutes <= B + weight - 1
    bound = min(sum(o.minutes for o in options), (math.floor(solver.best_objective_bound) + weight - 1) // weight)
    return Match(chosen, sum(o.minutes for o in chosen), max(bound, sum(o.minutes for o in chosen)), name, set(cut))
