"""Generate a region from a preset and a seed (issue 23; docs/regions.md "The generator").

    region = generate_region("brainport", seed=1, scale=1.0)
    python -m scenarios.regions.generate brainport --seed 1 --scale 1 -o region.json

Deterministic per seed: one random.Random(seed), never the global one, and no clock (route start dates are
counted back from REFERENCE_DATE). `scale` multiplies the preset's counts; explicit counts override them
(the 50/200/500 benchmark).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from pathlib import Path

from scenarios.common import WEEKDAYS
from scenarios.regions.employers import Names, make_employer
from scenarios.regions.geo import distance_km, place_of, postcodes_of
from scenarios.regions.model import Region
from scenarios.regions.presets import PRESETS, Preset
from scenarios.regions.routes import add_months
from scenarios.regions.schools import make_school
from scenarios.regions.skills import JOB_TITLES

__all__ = ["PRESETS", "REFERENCE_DATE", "generate_region", "generate_region_dict", "main"]

# The date route starts are counted back from (the start of school year 2026-2027); the regional run
# passes its own `today` to routes.route_for.
REFERENCE_DATE = date(2026, 8, 31)
ROUTE_MONTHS_AGO = (1, 22)            # a route started 1-22 months before REFERENCE_DATE: within its 2 years
HOURLY_WAGE_EUR = (22.0, 38.0)        # gross hourly wage of a skilled technician (synthetic)
HOME_RADIUS_KM = 25.0
MAX_CANDIDATES_PER_EMPLOYER = 5
RELEASE_SHARES = (0.1, 0.15, 0.2, 0.25, 0.3)
TITLES_OF: dict[str, list[str]] = {}
for _title, _skill in JOB_TITLES.items():
    TITLES_OF.setdefault(_skill, []).append(_title)


def _count(base: int, scale: float, explicit: int | None) -> int:
    if explicit is not None:
        if explicit < 0:
            raise ValueError("counts must be >= 0")
        return explicit
    return max(1, round(base * scale))


def _weighted(rng: random.Random, pairs) -> object:
    items, weights = zip(*pairs)
    return rng.choices(items, weights)[0]


def _spread(total: int, bins: int, rng: random.Random) -> list[int]:
    """`total` candidates over `bins` employers, 1-5 each where the total allows, at random."""
    if bins == 0:
        return []
    per = [0] * bins
    order = list(range(bins))
    rng.shuffle(order)
    left = total
    while left:
        open_bins = [b for b in order if per[b] < MAX_CANDIDATES_PER_EMPLOYER] or order
        for b in open_bins:
            if not left:
                break
            per[b] += 1
            left -= 1
        rng.shuffle(order)
    return per


def generate_region_dict(preset: str, seed: int = 1, scale: float = 1.0, *, n_schools: int | None = None,
                         n_employers: int | None = None, n_candidates: int | None = None) -> dict:
    """A region as JSON-ready data (see generate_region)."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose from {', '.join(PRESETS)}")
    if scale <= 0:
        raise ValueError("scale must be > 0")
    p: Preset = PRESETS[preset]
    rng = random.Random(seed)
    names = Names(rng)
    counts = (_count(p.n_schools, scale, n_schools), _count(p.n_employers, scale, n_employers),
              _count(p.n_candidates, scale, n_candidates))
    if counts[2] and not counts[1]:
        raise ValueError("candidates need an employer: give n_employers >= 1")

    school_pcs = postcodes_of(list(p.school_towns))
    taken: set[str] = set()
    schools = []
    for k in range(counts[0]):
        town = p.school_towns[k % len(p.school_towns)]
        pc = rng.choice([pc for pc in school_pcs if place_of(pc) == town])
        level = "vo" if rng.random() < p.vo_share else "mbo"
        schools.append(make_school(rng, p, f"{p.id}-s{k + 1:02d}", level, town, pc, taken))

    employer_pcs = postcodes_of(list(p.employer_towns))
    all_pcs = postcodes_of(list(dict.fromkeys(p.school_towns + p.employer_towns)))
    per_employer = _spread(counts[2], counts[1], rng)
    employers, candidates = [], []
    for k in range(counts[1]):
        sector = _weighted(rng, p.sectors)
        pc = rng.choice(employer_pcs)
        employer_id = f"{p.id}-e{k + 1:03d}"
        data, chosen = make_employer(rng, names, employer_id, sector, place_of(pc), per_employer[k])
        employers.append({"id": employer_id, "sector": sector.name, "postcode": pc, "employer": data,
                          "max_release_share": rng.choice(RELEASE_SHARES)})
        for raw in chosen:
            candidates.append(_candidate(rng, p, f"{p.id}-c{len(candidates) + 1:03d}", employer_id, pc,
                                         raw, list(sector.skills), all_pcs))
    return {"id": p.id, "name": p.name, "seed": seed, "scale": scale, "schools": schools,
            "employers": employers, "candidates": candidates}


def _candidate(rng: random.Random, p: Preset, candidate_id: str, employer_id: str, work_pc: str, raw: dict,
               demand_skills: list[str], all_pcs: list[str]) -> dict:
    person = raw["staff"]
    own = next((s for s in person["skills"] if s in demand_skills), person["skills"][0])
    state = _weighted(rng, p.qualification_mix)
    out = {
        "id": candidate_id, "name": person["name"], "employer": employer_id, "staff": person["id"],
        "job_title": rng.choice(TITLES_OF.get(own, [own.capitalize()])), "skills": list(person["skills"]),
        "qualification": state,
        "release_minutes_per_week": rng.choice(p.release_minutes if state == "none" else p.release_minutes_route),
        "release_days": _release_days(rng, p, raw["good_days"]),
        "max_teaching_days": p.max_teaching_days,
        "home_postcode": rng.choice([pc for pc in all_pcs if distance_km(pc, work_pc) <= HOME_RADIUS_KM]
                                    or [work_pc]),
        "hourly_wage_eur": round(rng.uniform(*HOURLY_WAGE_EUR), 2),
    }
    if state in ("zij_instroom", "pdg_trajectory"):
        out["route_started"] = add_months(REFERENCE_DATE, -rng.randint(*ROUTE_MONTHS_AGO)).isoformat()
    return out


def _release_days(rng: random.Random, p: Preset, good: list[str]) -> list[str]:
    """The agreed teaching days: one good day where there is one (so that some plan can honour the
    agreement), the others any school days. Whether and when a day works around the shifts is for the plan
    to find; that a good day is among them is what a coordinator would check first."""
    n = rng.randint(*p.days_per_candidate)
    first = [rng.choice(good)] if good else []
    rest = [d for d in WEEKDAYS if d not in first]
    return sorted(first + rng.sample(rest, n - len(first)), key=WEEKDAYS.index)


def generate_region(preset: str, seed: int = 1, scale: float = 1.0, *, n_schools: int | None = None,
                    n_employers: int | None = None, n_candidates: int | None = None) -> Region:
    """A validated Region: the same preset, seed, scale and counts give the same region."""
    data = generate_region_dict(preset, seed, scale, n_schools=n_schools, n_employers=n_employers,
                                n_candidates=n_candidates)
    return Region.model_validate(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenarios.regions.generate", description=__doc__.splitlines()[0])
    parser.add_argument("preset", choices=sorted(PRESETS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--schools", type=int, default=None, help="number of schools (overrides the scale)")
    parser.add_argument("--employers", type=int, default=None, help="number of employers (overrides the scale)")
    parser.add_argument("--candidates", type=int, default=None, help="number of candidates (overrides the scale)")
    parser.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    try:
        region = generate_region(args.preset, args.seed, args.scale, n_schools=args.schools,
                                 n_employers=args.employers, n_candidates=args.candidates)
    except ValueError as error:
        parser.error(str(error))
    text = json.dumps(region.model_dump(mode="json", exclude_defaults=True), indent=1, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
