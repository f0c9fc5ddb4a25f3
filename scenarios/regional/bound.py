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
from scenarios.regional.rows import MAX_SCHOOLS, match_rows
from scenarios.regions.model import Region


def relaxed_bound(region: Region, found: Options) -> int:
    """The most vacancy minutes a week of the relaxed match, rounded down (an upper bound)."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    options = found.options
    rows = match_rows(region, found, options)
    x = [lp.NumVar(0, 1, f"x{i}") for i in range(len(options))]
    for members in rows.one_per_lesson:
        lp.Add(sum(x[i] for i in members) <= 1)
    for members, coefficients, limit in rows.caps:
        lp.Add(sum(k * x[i] for k, i in zip(coefficients, members)) <= limit)
    goes = {}
    for (c, s), members in rows.pairs.items():
        goes[c, s] = g = lp.NumVar(0, 1, f"u_{c}_{s}")
        for i in members:
            lp.Add(x[i] <= g)
    used = {}
    for c, schools in rows.schools_of.items():
        used[c] = lp.NumVar(0, 1, f"used_{c}")
        pairs = [goes[c, school] for school in schools]
        lp.Add(sum(pairs) <= MAX_SCHOOLS)
        for g in pairs:
            lp.Add(g <= used[c])
    for people, cap in rows.people_caps:
        lp.Add(sum(used[c] for c in people) <= cap)
    lp.Maximize(sum(o.minutes * v for o, v in zip(options, x)))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return sum(o.minutes for o in options)  # no LP answer: the trivial bound, all options taken
    return math.floor(lp.Objective().Value() + 1e-6)
