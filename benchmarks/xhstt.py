"""XHSTT benchmark (issue 26, item 5): the development instances solved, their XHSTT costs beside the best known.

    python -m benchmarks.xhstt --set dev --time-limit 600 [--instances ID,...] [--workers 2]
        [--checkpoints 60,600] [--seed S] [--data DIR] [--ignore-unsupported] [--out-dir DIR]

Per instance, one at a time (never two solves at once):

1. Import: `solver.io.xhstt.plan_files.import_xhstt`, what `hybrooster import xhstt` runs (default split),
   without --ignore-unsupported unless given. An instance that cannot be imported (a constraint the
   plan cannot state, a file that cannot be read) is a row "not imported" with the reason. With
   --ignore-unsupported, `left_out` counts the constraints the plan leaves out (named in the note); the
   evaluator still costs the whole instance, so they may cost hard or soft.
2. Solve, once per checkpoint: `solve_plan` (the CLI's call) on --workers CP-SAT workers with the
   checkpoint as its time limit (compile, build and search), seed --seed. The solver hands out only its
   final timetable (SolveParams.on_progress reports objective and bound, not the timetable), so the
   best timetable "at 60 s" is the final one of a separate 60 s solve, not a snapshot of the 600 s run;
   with two or more workers CP-SAT is not deterministic, so the two runs differ beyond their lengths.
   A solve that ends OPTIMAL before a later checkpoint stands for it too (not solved again).
3. Costs at each checkpoint: the timetable is exported as `export xhstt` writes it, the solution file is
   written to --out-dir (default benchmarks/results/xhstt/) as ID-<checkpoint>s.xml, a SolutionGroup of
   one Solution, and its XHSTT hard cost (infeasibility value) and soft cost (objective value) are the
   independent evaluator's (solver/io/xhstt/evaluate.py). The timetable is also certified by our own
   validator (solver.validate): `hard_violations` must be 0, `certified` says yes; a timetable it does
   not certify is flagged in the table and makes the exit status 1, as does a solve that fails (status
   ERROR, the exception in the note; the run goes on with the next checkpoint).
4. The solver's figures: `objective` (the plan's objective as the solver reports it), `plan_soft` (our
   validator's soft cost of the same timetable; a note when the two differ) and `bound` (CP-SAT's best
   bound of the objective). The plan's soft rules carry the XHSTT weights and cost functions
   (docs/xhstt.md, the mapping), so the objective is in XHSTT soft units, less what the plan cannot
   change: the costs fixed by the import's split (e.g. BR-SA-00's DistributeSplitEvents, 58).
   `offset` = soft - plan_soft is that constant, and `bound_xhstt` = bound + offset. It bounds the plan
   as imported (split fixed, blocks within a day, one room per lesson), which may be narrower than the
   instance: it is a lower bound for XHSTT only as far as the plan is no narrower. An offset that differs
   between checkpoints of one instance shows a mapping that is not exact.
5. `first_hard0_s`: seconds from the start of the solve (compile + build + search, not the import) to the
   solver's first timetable, from the on_progress callback of the longest solve. That timetable meets
   every hard rule of the plan, and an import without --ignore-unsupported states every required XHSTT
   constraint as a hard rule, so its XHSTT hard cost is 0. This is checked, not assumed, only on the
   final timetable: when the evaluator finds its hard cost above 0 the column is left empty.

The CSV (--out-dir/xhstt-<set>-<limit>s.csv, one row per instance and checkpoint) starts with `#` lines:
commit, OR-Tools version, machine, date and the command. A Markdown table with the Acceptance's counts
(benchmarks/xhstt_summary.py) is printed at the end and written beside the CSV (.md, with the same stamp). Method: benchmarks/README.md, "XHSTT".
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from benchmarks.run import stamp, write_stamped_csv
from benchmarks.xhstt_summary import markdown, read_best_known, within

# The ten instances of ../shared/data/xhstt/ (its README: where they come from, the best known costs).
DEV = ["AU-TE-99", "BR-SA-00", "BR-SM-00", "ES-SS-08", "FI-WP-06", "GR-H1-97", "IT-I4-96", "NL-KP-03",
       "NL-KP-05", "NL-KP-09"]
SETS = {"dev": DEV}
DEFAULT_DATA = Path(os.environ.get("XHSTT_DATA", Path(__file__).resolve().parents[2] / "shared" / "data" / "xhstt"))
RESULTS = Path(__file__).parent / "results" / "xhstt"

COLUMNS = [
    "instance", "imported", "left_out", "checkpoint_s", "status", "hard", "soft", "objective", "plan_soft", "bound",
    "offset", "bound_xhstt", "certified", "hard_violations", "first_hard0_s", "best_hard", "best_soft", "within_10pct",
    "lessons", "import_s", "solve_s", "solution_file", "note",
]


def instance_files(data: Path, ids: list[str]) -> list[tuple[str, Path]]:
    """(id, file) per instance; SystemExit naming the folder, or the missing files, before anything runs."""
    if not data.is_dir():
        raise SystemExit(f"{data}: the XHSTT data folder is not there (it holds the ten dev instances and their "
                         "README; give another folder with --data DIR)")
    files = [(i, data / f"{i}.xml") for i in ids]
    missing = [str(f) for _, f in files if not f.is_file()]
    if missing:
        raise SystemExit(f"{data}: no such instance file: {', '.join(missing)}")
    return files


def _row(name: str, **values) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update(instance=name, **values)
    if row["note"]:
        row["note"] = " ".join(str(row["note"]).split())
    return row


def import_instance(name: str, path: Path, ignore_unsupported: bool):
    """(the import, None) or (None, a row 'not imported' with the reason)."""
    from solver.domain import PlanError
    from solver.io.xhstt.model import XhsttFormatError
    from solver.io.xhstt.plan_files import XhsttUnsupportedError, import_xhstt
    from solver.io.xhstt.to_plan import XhsttMappingError

    try:
        return import_xhstt(path, name, ignore_unsupported=ignore_unsupported), None
    except XhsttUnsupportedError as error:
        reason = "unsupported: " + "; ".join(f"{u.constraint} ({u.kind}): {u.reason}" for u in error.unsupported)
    except (XhsttFormatError, XhsttMappingError, PlanError) as error:
        reason = f"{type(error).__name__}: {error}"
    return None, _row(name, imported="no", note=reason)


def solve_once(plan, seconds: float, workers: int, seed: int):
    """(outcome, seconds to the first timetable from the start of solve_plan or None)."""
    from solver.params import SolveParams
    from solver.pipeline import solve_plan

    first: list[float] = []
    started = time.perf_counter()

    def on_progress(_progress) -> None:
        if not first:
            first.append(time.perf_counter() - started)

    outcome = solve_plan(plan, SolveParams(time_limit=seconds, workers=workers, seed=seed, on_progress=on_progress))
    return outcome, (first[0] if first else None)


def checkpoint_row(name: str, imported, outcome, at: int, path: Path, out_dir: Path, note: str = "") -> dict:
    """One checkpoint: the timetable's solution written and evaluated, certified by our validator."""
    from solver.io.xhstt.plan_files import timetable_costs, write_solution
    from solver.validate import validate

    result = outcome.result
    row = _row(name, imported="yes", checkpoint_s=at, status=result.status, lessons=len(imported.plan.lessons),
               solve_s=round(result.build_seconds + result.solve_seconds, 2), note=note)
    if outcome.timetable is None:
        return row
    costs = timetable_costs(imported.plan, outcome.timetable, path)
    solution = write_solution(out_dir / f"{name}-{at}s.xml", costs, f"{name} at {at} s")
    report = validate(imported.plan, outcome.timetable)
    violations = report.hard_violations
    ev = costs.evaluation
    row.update(hard=ev.infeasibility, soft=ev.objective, certified="yes" if violations == 0 else "NO",
               hard_violations=violations, plan_soft=report.soft_cost, solution_file=solution.name)
    offset = ev.objective - report.soft_cost
    row.update(offset=offset, objective="" if result.objective is None else result.objective,
               bound="" if result.bound is None else result.bound,
               bound_xhstt="" if result.bound is None else result.bound + offset)
    if result.objective is not None and result.objective != report.soft_cost:
        row["note"] = " ".join(filter(None, [row["note"], f"the solver's objective {result.objective} is not the "
                                             f"validator's soft cost {report.soft_cost} of its timetable"]))
    return row


def run_instance(name: str, path: Path, checkpoints: list[int], *, workers: int, seed: int,
                 ignore_unsupported: bool, out_dir: Path, best: tuple[int, int] | None) -> list[dict]:
    started = time.perf_counter()
    imported, failed = import_instance(name, path, ignore_unsupported)
    import_s = round(time.perf_counter() - started, 2)
    best_hard, best_soft = best if best else ("", "")
    if failed is not None:
        failed.update(best_hard=best_hard, best_soft=best_soft, import_s=import_s, within_10pct="no")
        return [failed]
    left_out = "; ".join(f"{u.constraint} ({u.kind}): {u.reason}" for u in imported.unsupported)
    rows, first, optimal = [], None, None
    for at in checkpoints:
        try:
            if optimal is not None:
                outcome, note = optimal, f"OPTIMAL within the {optimal_at} s solve: not solved again"
            else:
                (outcome, first), note = solve_once(imported.plan, at, workers, seed), ""
            row = checkpoint_row(name, imported, outcome, at, path, out_dir, note)
        except Exception as error:  # a bug or a timetable that does not fit: the row says so, the run goes on
            row = _row(name, imported="yes", checkpoint_s=at, status="ERROR", note=f"{type(error).__name__}: {error}")
        if optimal is None and row["status"] == "OPTIMAL":
            optimal, optimal_at = outcome, at
        ok = within(row["hard"] if row["hard"] != "" else None, row["soft"] if row["soft"] != "" else None,
                    best[0] if best else None, best[1] if best else None)
        if left_out:  # --ignore-unsupported: the costs are still the whole instance's, by the evaluator
            row["left_out"] = len(imported.unsupported)
            row["note"] = " ".join(filter(None, [row["note"], f"left out (--ignore-unsupported): {left_out}"]))
        row.update(import_s=import_s, best_hard=best_hard, best_soft=best_soft,
                   within_10pct="" if ok is None else ("yes" if ok and row["certified"] == "yes" else "no"))
        rows.append(row)
    last = rows[-1]
    if last["hard"] == 0 and first is not None:  # the first timetable of the longest solve (docstring, 5.)
        for row in rows:
            row["first_hard0_s"] = round(first, 2)
    return rows


def parse_checkpoints(text: str | None, time_limit: float) -> list[int]:
    """Whole seconds, ascending, the time limit last; SystemExit for one beyond the limit or not a number."""
    limit = int(time_limit)
    try:
        given = [int(x) for x in text.split(",") if x.strip()] if text else [min(60, limit)]
    except ValueError:
        raise SystemExit(f"--checkpoints {text}: whole seconds separated by commas, e.g. 60,600") from None
    if any(c <= 0 or c > limit for c in given):
        raise SystemExit(f"--checkpoints {text}: each must be above 0 and at most the time limit ({limit} s)")
    return sorted(set(given) | {limit})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.xhstt", description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dev", choices=sorted(SETS), help="dev: the ten instances of the data folder")
    parser.add_argument("--time-limit", type=float, default=600.0, help="seconds of the longest solve (the last checkpoint)")
    parser.add_argument("--instances", default=None, help="ID,ID,...: only these of the set, in this order")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    parser.add_argument("--checkpoints", default=None, help="seconds, e.g. 60,600 (default 60 and the time limit)")
    parser.add_argument("--seed", type=int, default=0, help="CP-SAT's random seed")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the instances' folder (default {DEFAULT_DATA})")
    parser.add_argument("--ignore-unsupported", action="store_true", help="import leaving out what the plan cannot state")
    parser.add_argument("--out-dir", type=Path, default=RESULTS, help=f"solutions and CSV (default {RESULTS})")
    args = parser.parse_args(argv)

    ids = SETS[args.set]
    if args.instances:
        chosen = [i.strip() for i in args.instances.split(",") if i.strip()]
        unknown = [i for i in chosen if i not in ids]
        if unknown:
            raise SystemExit(f"--instances: not in set {args.set}: {', '.join(unknown)} (it has {', '.join(ids)})")
        ids = chosen
    checkpoints = parse_checkpoints(args.checkpoints, args.time_limit)
    files = instance_files(args.data, ids)  # a missing folder or file fails here, before any run
    best = read_best_known(args.data / "README.md")
    label = args.set if not args.instances else f"{args.set}-{'+'.join(ids)}" if len(ids) <= 3 else f"{args.set}-{len(ids)}"
    out = args.out_dir / f"xhstt-{label}-{checkpoints[-1]}s.csv"
    args.out_dir.mkdir(parents=True, exist_ok=True)
    info = stamp()
    print(f"# set={args.set} commit={info['commit']} ortools={info['ortools']} machine={info['machine']}")
    print(" | ".join(COLUMNS))
    rows = []
    for name, path in files:
        for row in run_instance(name, path, checkpoints, workers=args.workers, seed=args.seed,
                                ignore_unsupported=args.ignore_unsupported, out_dir=args.out_dir, best=best.get(name)):
            rows.append(row)
            print(" | ".join(str(row[c]) for c in COLUMNS), flush=True)
    command = "python -m benchmarks.xhstt " + " ".join(argv if argv is not None else sys.argv[1:])
    write_stamped_csv(out, info, command, COLUMNS, rows)
    table = markdown(rows, checkpoints)
    stamp_line = f"commit {info['commit']}, OR-Tools {info['ortools']}, {info['machine']}, {info['date']}: `{command}`"
    out.with_suffix(".md").write_text(f"{stamp_line}\n\n{table}\n", encoding="utf-8")  # for RESULTS.md
    print()
    print(table)
    print(f"\nwritten: {out} and {out.with_suffix('.md').name}")
    return 1 if any(r["certified"] == "NO" or r["status"] == "ERROR" for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
