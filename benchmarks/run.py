"""Benchmark harness: solve a named instance set, certify every timetable, write a stamped CSV.

    python -m benchmarks.run --set gen-scale --time-limit 120 --workers 2

Columns: instance, size, seed, status, first_feasible_s, objective, bound, gap, gap_at_60, gap_at_120,
build_s, solve_s, hard_violations, note (why a row failed, e.g. a FET file that cannot be imported:
status LOAD_FAILED). The CSV's first lines (# comments) name the git commit, the OR-Tools version
and the machine. Method: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import ortools

from benchmarks.instances import instance_set, set_label
from solver.machine import usable_cores
from solver.params import SolveParams
from solver.pipeline import solve_plan
from solver.result import Progress
from solver.validate import validate

COLUMNS = [
    "instance", "size", "seed", "status", "first_feasible_s", "objective", "bound", "gap",
    "gap_at_60", "gap_at_120", "build_s", "solve_s", "hard_violations", "note",
]


def stamp() -> dict[str, str]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True,
            cwd=Path(__file__).parent,
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, cwd=Path(__file__).parent).stdout.strip()
        commit += "+dirty" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "commit": commit,
        "ortools": ortools.__version__,
        "machine": f"{platform.machine()} {platform.processor() or ''} cores={usable_cores() or 1} python={platform.python_version()}".strip(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def write_stamped_csv(out: Path, info: dict[str, str], command: str, columns: list[str], rows: list[dict]) -> None:
    """The CSV every benchmark writes: '# key: value' stamp lines and the command, then the rows."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        for key, value in info.items():
            handle.write(f"# {key}: {value}\n")
        handle.write(f"# command: {command}\n")
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _typed(value: str):
    """A CSV cell back as the number it was written as ('' and words stay strings)."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def read_stamped_csv(path: Path) -> tuple[dict[str, str], list[dict]]:
    """What write_stamped_csv wrote: its stamp (with the command) and its rows, numbers as numbers."""
    info, body = {}, []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("# ") and not body:
            key, _, value = line[2:].partition(": ")
            info[key] = value.rstrip("\n")
        else:
            body.append(line)
    rows = [{key: _typed(value) for key, value in row.items()} for row in csv.DictReader(body)]
    return info, rows



def gap_at(progress: list[Progress], seconds: float) -> float | None:
    """The gap of the last progress event at or before `seconds` (None: no timetable yet)."""
    seen = [p for p in progress if p.elapsed <= seconds]
    return seen[-1].gap if seen else None


def failed_row(instance, seed: int, status: str, error: Exception) -> dict:
    """A row for an instance that could not be loaded or solved; the note says why, on one line."""
    unsupported = getattr(error, "unsupported", None)
    if unsupported:  # a FET file using what the Plan cannot state
        note = "unsupported: " + "; ".join(f"{d.type} x{d.count} ({d.reason})" for d in unsupported)
    else:
        note = f"{type(error).__name__}: {error}"
    row = {c: "" for c in COLUMNS}
    row.update(instance=instance.name, seed=seed, status=status, note=" ".join(note.split()))
    return row


def run_one(instance, *, time_limit: float, workers: int, seed: int) -> dict:
    try:
        plan = instance.load()
    except Exception as error:  # e.g. FetUnsupportedError: the row fails, the run goes on
        return failed_row(instance, seed, "LOAD_FAILED", error)
    try:
        outcome = solve_plan(plan, SolveParams(time_limit=time_limit, workers=workers, seed=seed))
    except Exception as error:
        return failed_row(instance, seed, "ERROR", error)
    result = outcome.result
    hard = validate(plan, outcome.timetable).hard_violations if outcome.timetable else ""
    fmt = lambda v, d=3: "" if v is None else round(v, d)  # noqa: E731
    return {
        "instance": instance.name, "size": outcome.data.size, "seed": seed, "status": result.status,
        "first_feasible_s": fmt(result.first_solution_seconds, 2), "objective": fmt(result.objective),
        "bound": fmt(result.bound), "gap": fmt(result.gap, 4),
        "gap_at_60": fmt(gap_at(result.progress, 60), 4) if time_limit >= 60 else "",
        "gap_at_120": fmt(gap_at(result.progress, 120), 4) if time_limit >= 120 else "",
        "build_s": fmt(result.build_seconds, 2), "solve_s": fmt(result.solve_seconds, 2), "hard_violations": hard,
        "note": "",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--set", required=True, help="instance set: demo, gen-small, gen-scale, gen-rotation, fet-dev, "
                        "fet-heldout, fet-all, a .fet file, or a text file listing .fet paths")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=0, help="0: the solver default (4 CP-SAT workers)")
    parser.add_argument("--seeds", type=int, default=1, help="instances per family (generator seeds)")
    parser.add_argument("--solver-seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="CSV path (default benchmarks/results/SET.csv)")
    args = parser.parse_args(argv)

    instances = instance_set(args.set, args.seeds)  # a wrong name or list fails here, before any run
    info = stamp()
    out = args.out or Path(__file__).parent / "results" / f"{set_label(args.set)}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"# set={args.set} commit={info['commit']} ortools={info['ortools']} machine={info['machine']}")
    print(" | ".join(COLUMNS))
    for instance in instances:
        row = run_one(instance, time_limit=args.time_limit, workers=args.workers, seed=args.solver_seed)
        rows.append(row)
        print(" | ".join(str(row[c]) for c in COLUMNS), flush=True)
    write_stamped_csv(out, info, "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:]),
                      COLUMNS, rows)
    print(f"written: {out}")
    return 0 if all(r["hard_violations"] in ("", 0) for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
