"""Regional run figures for benchmarks/RESULTS.md (issue 23): wall time of a large region, the Dask
speed-up from 1 to 2 workers, and the gap of the result to its bound.

    python -m benchmarks.regional large --schools 50 --employers 200 --candidates 500 --school-seconds 8
    python -m benchmarks.regional speedup --regions 8 --scale 0.4 --deterministic 2

`large` runs one region (joint, one round) in this process and times each stage; `speedup` runs the same
batch of regions (the three presets over several seeds, joint only, deterministic limits so that both runs
do the same work) with 1 and then 2 local Dask workers, one after the other, and gives the ratio. Each
writes a CSV under benchmarks/results/issue23/ whose `#` lines hold the commit, the OR-Tools version and
the command. Every region is validated; the figures are refused if one is not certified.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import stamp
from scenarios.regional.batch import run_batch
from scenarios.regional.run import RunSettings, run_region
from scenarios.regional.units import Unit
from scenarios.regions.generate import generate_region
from solver.validate import validate

OUT = Path(__file__).resolve().parent / "results" / "issue23"


def _header(command: str) -> list[str]:
    return [f"# {key} {value}" for key, value in stamp().items()] + [f"# command {command}"]


def _write(name: str, rows: list[dict], command: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write("\n".join(_header(command)) + "\n")
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def large(args) -> dict:
    started = time.perf_counter()
    region = generate_region(args.preset, seed=args.seed, n_schools=args.schools, n_employers=args.employers,
                             n_candidates=args.candidates)
    generated = time.perf_counter()
    done = []
    settings = RunSettings(school_seconds=args.school_seconds, rounds=args.rounds, workers=args.workers)
    run = run_region(region, "joint", settings, on_school=lambda s: done.append((s, time.perf_counter())))
    solved = time.perf_counter()
    report = validate(run.plan, run.timetable)
    validated = time.perf_counter()
    if report.hard_violations:
        raise SystemExit(f"not certified: {report.hard_by_rule()}")
    total = sum(v.minutes_per_week for s in region.schools for v in s.vacancies)
    row = {"schools": len(region.schools), "employers": len(region.employers), "candidates": len(region.candidates),
           "lessons": len(run.plan.lessons), "vacancy_minutes": total, "covered": run.placed_vacancy_minutes,
           "bound": run.bound, "gap_to_bound": round((run.bound - run.placed_vacancy_minutes) / run.bound, 4),
           "generate_s": round(generated - started, 1), "run_s": round(solved - generated, 1),
           "validate_s": round(validated - solved, 1), "wall_s": round(validated - started, 1),
           "school_seconds": args.school_seconds, "rounds": args.rounds, "workers": args.workers}
    print(row)
    print("written:", _write("large.csv", [row], " ".join(sys.argv)))
    return row


def speedup(args) -> list[dict]:
    presets = ["brainport", "rijnmond", "twente"]
    units = [Unit(presets[i % 3], "baseline", "joint", seed=1 + i // 3, scale=args.scale) for i in range(args.regions)]
    settings = RunSettings(rounds=1, school_seconds=600, deterministic_time=args.deterministic)
    rows = []
    for workers in (1, 2):
        out = Path(tempfile.mkdtemp(prefix=f"speedup-{workers}-"))
        started = time.perf_counter()
        outcome = run_batch(units, out, settings, workers=workers)
        wall = time.perf_counter() - started
        if outcome.failed or not all(r["kpis"]["certified"] for r in outcome.results):
            raise SystemExit(f"a unit failed or is not certified: {outcome.failed}")
        covered = sum(r["kpis"]["vacancy_minutes_covered"] for r in outcome.results)
        rows.append({"workers": workers, "units": len(units), "wall_s": round(wall, 1), "covered_minutes": covered})
        shutil.rmtree(out)
        print(rows[-1])
    rows[1]["speedup"] = round(rows[0]["wall_s"] / rows[1]["wall_s"], 2)
    rows[0]["speedup"] = 1.0
    print("written:", _write("speedup.csv", rows, " ".join(sys.argv)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.regional", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("large")
    p.add_argument("--preset", default="brainport")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--schools", type=int, default=50)
    p.add_argument("--employers", type=int, default=200)
    p.add_argument("--candidates", type=int, default=500)
    p.add_argument("--school-seconds", type=float, default=8.0)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--workers", type=int, default=2)
    p.set_defaults(run=large)
    p = sub.add_parser("speedup")
    p.add_argument("--regions", type=int, default=8)
    p.add_argument("--scale", type=float, default=0.4)
    p.add_argument("--deterministic", type=float, default=2.0)
    p.set_defaults(run=speedup)
    args = parser.parse_args(argv)
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
