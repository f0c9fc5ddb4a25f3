"""The aggregated weekly match: which candidate takes which vacancy lessons (CP-SAT).

Time is left out: the match knows minutes a week, not days or lesuren. Everything it does enforce is a
condition every schedule must meet as well, so its best bound is an upper bound on the vacancy minutes
the region can cover (the bound the report measures the result against):
- a vacancy lesson goes to at most one candidate;
- a candidate teaches at most their release minutes, and at each level at most what their route allows;
- a candidate teaches at most the lesuren their days in class hold;
- a candidate teaches at at most `MAX_SCHOOLS` schools;
- an employer releases at most its `max_release_share` of its staff (at least one person);
- a school with a budget pays at most that a week for its placements (at the placement form's rate);
- options cut by earlier rounds (lessons the schedule could not place) are not taken again.
The objective: the most vacancy minutes, then the least travel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scenarios.regional.eligible import Option, Options
from scenarios.regions.costs import secondment_rate
from scenarios.regions.model import Region

MAX_SCHOOLS = 2  # per candidate: teaching at a third school leaves too little of a week for any of them


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


def employer_caps(region: Region) -> dict[str, int]:
    """How many of its people each employer releases at most (its policy share of its staff, at least 1)."""
    return {e.id: max(1, math.floor(e.max_release_share * len(e.employer.staff))) for e in region.employers}


def match(region: Region, found: Options, *, cut: set[tuple[str, str, str]] = frozenset(),
          time_limit: float = 10.0, workers: int = 1, seed: int = 0,
          deterministic_time: float | None = None) -> Match:
    """The best match of `found`'s options, leaving out the `cut` ones."""
    options = [o for o in found.options if (o.candidate, o.school, o.lesson) not in cut]
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(len(options))]
    by_lesson: dict[tuple[str, str], list[int]] = {}
    by_candidate: dict[str, list[int]] = {}
    by_pair: dict[tuple[str, str], list[int]] = {}
    for i, o in enumerate(options):
        by_lesson.setdefault((o.school, o.lesson), []).append(i)
        by_candidate.setdefault(o.candidate, []).append(i)
        by_pair.setdefault((o.candidate, o.school), []).append(i)
    for members in by_lesson.values():
        model.add_at_most_one(x[i] for i in members)
    level_of = {s.id: s.level for s in region.schools}
    for c, members in by_candidate.items():
        model.add(sum(options[i].minutes * x[i] for i in members) <= found.release[c])
        if c in found.lesuren_cap:
            model.add(sum(options[i].lesuren * x[i] for i in members) <= found.lesuren_cap[c])
        for level in ("vo", "mbo"):
            cap = found.route_cap.get((c, level))
            at_level = [i for i in members if level_of[options[i].school] == level]
            if cap is not None and at_level:
                model.add(sum(options[i].minutes * x[i] for i in at_level) <= cap)
    goes = {}
    for (c, s), members in by_pair.items():
        goes[c, s] = model.new_bool_var(f"u_{c}_{s}")
        for i in members:
            model.add_implication(x[i], goes[c, s])
        model.add(goes[c, s] <= sum(x[i] for i in members))
    used = {}
    for c in by_candidate:
        used[c] = model.new_bool_var(f"used_{c}")
        pairs = [goes[c, s] for (cc, s) in goes if cc == c]
        model.add(sum(pairs) <= MAX_SCHOOLS)
        for g in pairs:
            model.add_implication(g, used[c])
    employer_of = {c.id: c.employer for c in region.candidates}
    for employer, cap in employer_caps(region).items():
        people = [used[c] for c in used if employer_of[c] == employer]
        if len(people) > cap:
            model.add(sum(people) <= cap)
    for school in region.schools:
        if school.budget_eur_per_week is None:
            continue
        members = [i for i, o in enumerate(options) if o.school == school.id]
        # cents a week, rounded up per option so the budget is never overrun by rounding
        rate = secondment_rate(region.params)  # an hto'er stays employed by their firm: seconded (kpis.py)
        cost = [math.ceil(rate * options[i].minutes / 60 * 100) for i in members]
        model.add(sum(c * x[i] for c, i in zip(cost, members)) <= round(school.budget_eur_per_week * 100))
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
