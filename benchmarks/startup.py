"""Where the time of a first timetable goes, from the start of the process (issue 27).

    python -m benchmarks.startup --set fet-broad --files 8 --repeats 3
    python -m benchmarks.startup --set my-easy-files.txt

Per file, one after the other, `--repeats` fresh Python processes (never two at once). Each does what
`benchmarks.vs_fet` does for Hybrooster's side, with wall-clock stamps (time.time(), comparable across
processes) at every step:

* `start`: from the parent's launch of the process to the child's first line (the interpreter, site,
  the editable install's finder);
* `imports`: the modules of the path (solver.io.fet_import, solver.pipeline, ortools' cp_model with
  numpy and pandas that it imports);
* `fet`: import_fet on the file;
* `compile`, `greedy`, `build`, `search`: solve_plan's stages (SolveParams.on_stage) up to the first
  timetable (the progress callback, which stops the search). `greedy` is the constructive first pass
  (solver/constructive/) with the validator's check, up to its certified timetable or, when it gives
  none, to the build (which then includes the import of solver.cpsat: OR-Tools, numpy, pandas); `greedy ok` counts the runs whose first timetable it gave (then nothing is built);
* `total`: from the launch to that first timetable.

Presolve happens inside `search` and is not told apart there; after the run the child builds the model
once more and times CP-SAT's presolve alone (`stop_after_presolve`, one worker) twice: `presolve_light`
with the quick look's settings (solver/cpsat/first.py: one presolve iteration, no probing) and
`presolve_full` with CP-SAT's defaults. The medians over the repeats are printed as a markdown table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.instances import fet_files, fet_name

STAGES = ["start", "imports", "fet", "compile", "greedy", "build", "search", "total", "presolve_light", "presolve_full"]

CHILD = r"""
import time
t_start = time.time()
import json, sys, threading
from solver.io.fet_import import import_fet
from solver.params import SolveParams
from solver.pipeline import solve_plan
t_imports = time.time()
path, time_limit, workers, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
imported = import_fet(path)
t_fet = time.time()
stamps, first, stop = {}, [], threading.Event()
def on_stage(name):
    stamps[name] = time.time()
def on_progress(progress):
    if not first:
        first.append(time.time())
    stop.set()
outcome = solve_plan(imported.plan, SolveParams(time_limit=time_limit, workers=workers, seed=seed,
                                                on_progress=on_progress, on_stage=on_stage, stop=stop))
found = first[0] if first and outcome.timetable is not None else None
from ortools.sat.python import cp_model
from solver.cpsat.builder import build_model
def presolve(light):
    built = build_model(outcome.data)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.stop_after_presolve = True
    if light:
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
    began = time.time()
    solver.solve(built.model)
    return time.time() - began
print(json.dumps({"t_start": t_start, "t_imports": t_imports, "t_fet": t_fet, "stamps": stamps, "found": found,
                  "status": outcome.result.status, "lessons": len(imported.plan.lessons),
                  "presolve_light": presolve(True), "presolve_full": presolve(False)}))
"""


def one_run(path: Path, time_limit: float, workers: int, seed: int) -> dict:
    """One fresh process on `path`: the seconds of each stage (None where it did not happen)."""
    launched = time.time()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), str(time_limit), str(workers), str(seed)],
                          capture_output=True, text=True, check=True)
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    s = got["stamps"]
    found = got["found"]
    return {
        "lessons": got["lessons"], "status": got["status"],
        "start": got["t_start"] - launched, "imports": got["t_imports"] - got["t_start"],
        "fet": got["t_fet"] - got["t_imports"],
        "compile": _after(s, "compile", ("constructive", "build")),
        "greedy": _greedy(s, found),
        "greedy_ok": bool(found) and "constructive" in s and "build" not in s,
        "build": s["search"] - s["build"] if "search" in s else None,
        "search": found - s["search"] if found and "search" in s else None,
        "total": found - launched if found else None,
        "presolve_light": got["presolve_light"], "presolve_full": got["presolve_full"],
    }


def _after(stamps: dict, stage: str, following: tuple[str, ...]) -> float | None:
    """Seconds from `stage` to the first of `following` that began (None: none did)."""
    nxt = next((stamps[name] for name in following if name in stamps), None)
    return nxt - stamps[stage] if nxt is not None and stage in stamps else None


def _greedy(stamps: dict, found: float | None) -> float | None:
    """Seconds of the first pass: to the build when it gave no timetable, else to its timetable."""
    end = stamps.get("build", found)
    return end - stamps["constructive"] if end is not None and "constructive" in stamps else None


def median_or_none(values: list) -> float | None:
    """The median of the runs that reached the stage; None when fewer than half did."""
    seen = [v for v in values if v is not None]
    return statistics.median(seen) if len(seen) * 2 > len(values) else None


def main(argv: list[str] | None = None) -> int:
    from benchmarks.vs_fet import SET_LISTS

    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--set", required=True, help="fet-broad, fet-dev, a .fet file or a text file listing .fet paths")
    parser.add_argument("--files", type=int, default=None, metavar="K", help="only the set's first K files")
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per file (medians)")
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    files = fet_files(str(SET_LISTS.get(args.set, args.set)))[:args.files]
    print("| file | lessons | greedy ok | " + " | ".join(STAGES) + " |")
    print("|---|---|---|" + "---|" * len(STAGES))
    for path in files:
        runs = [one_run(path, args.time_limit, args.workers, args.seed + k) for k in range(args.repeats)]
        cells = [median_or_none([r[stage] for r in runs]) for stage in STAGES]
        shown = ["—" if c is None else f"{c:.3f}" for c in cells]
        ok = f"{sum(r['greedy_ok'] for r in runs)}/{len(runs)}"
        print(f"| {fet_name(path)} | {runs[0]['lessons']} | {ok} | " + " | ".join(shown) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
