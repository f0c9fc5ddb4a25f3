"""A bound on the vacancy minutes a region can cover: the linear relaxation of the match over ALL options.

The CP-SAT match (match.py) looks at each candidate's nearest schools only, to stay small; its own bound
holds for that smaller choice. This bound holds for the region: every option, the same caps as the match
(one candidate per lesson, release and route minutes, the lesuren of the days in class, at most
MAX_SCHOOLS schools a person, the
employers' release shares, the schools' budgets), with the yes/no choices relaxed to fractions (GLOP).
Every schedule meets these conditions, so no schedule covers more (a schedule of this run: each vacancy
lesson is given by people who could each give all of its copies, eligible.py).
"""

from __future__ import annotations

import math

from ortools.linear_solver import pywraplp

from scenarios.regional.eligible import Options
from scenarios.regional.match import MAX_SCHOOLS, employer_caps
from scenarios.regions.costs import secondment_rate
from scenarios.regions.model import Region


def relaxed_bound(region: Region, found: Options) -> int:
    """The most vacancy minutes a week of the relaxed match, rounded down (an upper bound)."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    options = found.options
    x = [lp.NumVar(0, 1, f"x{i}") for i in range(len(options))]
    rows: dict[tuple, list[int]] = {}
    for i, o in enumerate(options):
        rows.setdefault(("lesson", o.school, o.lesson), []).append(i)
        rows.setdefault(("candidate", o.candidate), []).append(i)
        rows.setdefault(("pair", o.candidate, o.school), []).append(i)
    level = {s.id: s.level for s in region.schools}
    goes, used = {}, {}
    for key, members in rows.items():
        if key[0] == "lesson":
            lp.Add(sum(x[i] for i in members) <= 1)
        elif key[0] == "candidate":
            c = key[1]
            lp.Add(sum(options[i].minutes * x[i] for i in members) <= found.release[c])
            if c in found.lesuren_cap:
                lp.Add(sum(options[i].lesuren * x[i] for i in members) <= found.lesuren_cap[c])
            for lv in ("vo", "mbo"):
                cap = found.route_cap.get((c, lv))
                at = [i for i in members if level[options[i].school] == lv]
                if cap is not None and at:
                    lp.Add(sum(options[i].minutes * x[i] for i in at) <= cap)
            used[c] = lp.NumVar(0, 1, f"used_{c}")
        else:
            goes[key[1], key[2]] = g = lp.NumVar(0, 1, f"u_{key[1]}_{key[2]}")
            for i in members:
                lp.Add(x[i] <= g)
    for c in used:
        pairs = [g for (cc, _s), g in goes.items() if cc == c]
        lp.Add(sum(pairs) <= MAX_SCHOOLS)
        for g in pairs:
            lp.Add(g <= used[c])
    employer_of = {c.id: c.employer for c in region.candidates}
    for employer, cap in employer_caps(region).items():
        people = [used[c] for c in used if employer_of[c] == employer]
        if len(people) > cap:
            lp.Add(sum(people) <= cap)
    rate = secondment_rate(region.params)
    for school in region.schools:
        if school.budget_eur_per_week is not None:
            members = [i for i, o in enumerate(options) if o.school == school.id]
            lp.Add(sum(rate * options[i].minutes / 60 * x[i] for i in members) <= school.budget_eur_per_week)
    lp.Maximize(sum(o.minutes * v for o, v in zip(options, x)))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return sum(o.minutes for o in options)  # no LP answer: the trivial bound, all options taken
    return math.floor(lp.Objective().Value() + 1e-6)
