"""The conditions of the match, once, for both its forms: the CP-SAT match (match.py, yes/no choices) and
its linear relaxation (bound.py, fractions). Each is a row over the options' indices.

- `one_per_lesson`: a vacancy lesson goes to at most one candidate;
- `caps`: sum(coefficient x option) <= limit: a candidate's release minutes, their route's minutes per level,
  the lesuren of their days in class, and a school's budget in cents a week at the secondment rate;
- `pairs`: the options of one candidate at one school (the person goes there);
- a person goes to at most MAX_SCHOOLS schools, and an employer releases at most its share of its staff
  (`people_caps`: the candidates of an employer with the most of them that may teach).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scenarios.regional.eligible import Option, Options
from scenarios.regions.costs import secondment_rate
from scenarios.regions.model import Region

MAX_SCHOOLS = 2  # per candidate: teaching at a third school leaves too little of a week for any of them


@dataclass
class Rows:
    options: list[Option]
    one_per_lesson: list[list[int]] = field(default_factory=list)
    caps: list[tuple[list[int], list[int], int]] = field(default_factory=list)  # (indices, coefficients, limit)
    pairs: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (candidate, school) -> indices
    schools_of: dict[str, list[str]] = field(default_factory=dict)  # candidate -> the schools of their pairs
    people_caps: list[tuple[list[str], int]] = field(default_factory=list)  # (candidates, most of them)


def employer_caps(region: Region) -> dict[str, int]:
    """How many of its people each employer releases at most (its policy share of its staff, at least 1)."""
    return {e.id: max(1, math.floor(e.max_release_share * len(e.employer.staff))) for e in region.employers}


def match_rows(region: Region, found: Options, options: list[Option]) -> Rows:
    rows = Rows(options)
    by_lesson: dict[tuple[str, str], list[int]] = {}
    by_candidate: dict[str, list[int]] = {}
    for i, o in enumerate(options):
        by_lesson.setdefault((o.school, o.lesson), []).append(i)
        by_candidate.setdefault(o.candidate, []).append(i)
        rows.pairs.setdefault((o.candidate, o.school), []).append(i)
    rows.one_per_lesson = list(by_lesson.values())
    for c, school in rows.pairs:
        rows.schools_of.setdefault(c, []).append(school)
    level_of = {s.id: s.level for s in region.schools}
    for c, members in by_candidate.items():
        rows.caps.append((members, [options[i].minutes for i in members], found.release[c]))
        if c in found.lesuren_cap:
            rows.caps.append((members, [options[i].lesuren for i in members], found.lesuren_cap[c]))
        for level in ("vo", "mbo"):
            cap = found.route_cap.get((c, level))
            at_level = [i for i in members if level_of[options[i].school] == level]
            if cap is not None and at_level:
                rows.caps.append((at_level, [options[i].minutes for i in at_level], cap))
    rate = secondment_rate(region.params)  # an hto'er stays employed by their firm: seconded (kpis.py)
    for school in region.schools:
        if school.budget_eur_per_week is not None:
            members = [i for i, o in enumerate(options) if o.school == school.id]
            # cents a week, rounded up per option so that rounding never overruns the budget
            cents = [math.ceil(rate * options[i].minutes / 60 * 100) for i in members]
            rows.caps.append((members, cents, round(school.budget_eur_per_week * 100)))
    employer_of = {c.id: c.employer for c in region.candidates}
    for employer, cap in employer_caps(region).items():
        people = [c for c in by_candidate if employer_of[c] == employer]
        if len(people) > cap:
            rows.people_caps.append((people, cap))
    return rows
