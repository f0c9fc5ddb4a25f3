"""Hybrooster against FET on FET's own example files: who finds a timetable meeting every 100% constraint, how fast.

    python -m benchmarks.vs_fet --set fet-dev --time-limit 60 --workers 2
    python -m benchmarks.vs_fet --set fet-broad --seeds 3      # issue 27: 83 schools, --files K: the first K

Per file, in turn (never in parallel):
1. Hybrooster: import the file, compile, build and solve until the FIRST feasible timetable
   (solve_plan with a stop event that the first progress callback sets). `hyb_s` is the wall time
   from the start of the import to that first timetable: import + compile + model build + search.
   `import_s`, `build_s` and `search_s` (CP-SAT's time to the first solution) are given apart.
   The timetable is validated (`hyb_hard`) and exported with every activity locked; fet-cl on the
   export must succeed at once (`fet_accepts` yes). If it does not within 20 s, the export is checked
   again with the soft (< 100%) constraints switched off: "hard only" means FET accepts every 100%
   constraint, but searched long on the soft ones (many broken soft min-days with all activities
   locked can keep fet-cl busy), "no" that FET rejects the timetable.
2. FET: fet-cl with the time limit, in a temporary output folder. `fet_s` is the wall time of the
   process (reading the file, searching, writing the result); `fet_search_s` FET's own count.
   FET's timetable is also checked by our validator on the imported plan (`fet_tt_hard`: our hard
   violations in FET's timetable; > 0 means our reading of some constraint is stricter than FET's).
`ratio` = hyb_s / fet_s for files both solve (Hybrooster's timetable certified: `hyb_hard` 0);
`load` is the machine's 1-minute load average before and after the file (both sides share the
machine with whatever else runs). The CSV goes to
benchmarks/results/vs-fet-SET.csv.

With `--seeds K` every file is run K times on both sides, with seeds SEED..SEED+K-1 on both
(fet-cl's six random seed components follow from ours: benchmarks.fet_run.fet_seed_args), one CSV
row per run (`run`, `seed`). Single times on these files vary 2-20x with the seed,
so the summary then compares per-file medians: a side's median counts a run without a timetable
as infinitely slow, so a side "solves" a file when it solved more than half of its runs.

The CSV is written after every run. `--resume` keeps the runs it has and does only the rest, so that
fet-broad with three seeds (3-4 hours) can run in parts; it refuses a CSV whose solver or benchmark
code differs from this checkout's.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.instances import fet_files, fet_name, set_label
from benchmarks.run import read_stamped_csv, stamp, write_stamped_csv
from benchmarks.vs_fet_figures import FILE_COLUMNS, figures_table, file_rows

# Named lists of FET files kept in benchmarks/sets/ (one path per line, under FET's examples folder).
SET_LISTS = {"fet-broad": Path(__file__).parent / "sets" / "fet-broad.txt"}  # issue 27: 83 schools

COLUMNS = [
    "file", "run", "seed", "lessons", "fet_status", "fet_s", "fet_search_s", "fet_tt_hard",
    "hyb_status", "hyb_s", "import_s", "build_s", "search_s", "hyb_hard", "fet_accepts", "fet_check_s",
    "ratio", "load", "note",
]


REFEREE_LIMIT = 20  # seconds for fet-cl on our exported file (it needs a fraction of a second when all is well)


def _round(value, digits=3):  # milliseconds: the small files take 10-30 ms on both sides
    return "" if value is None else round(value, digits)


def run_fet_side(path: Path, time_limit: float, work: Path, row: dict, plan=None, mapping=None,
                 seed: int | None = None) -> None:
    from benchmarks.fet_result import read_fet_timetable
    from benchmarks.fet_run import run_fet_cl
    from solver.validate import validate

    fet = run_fet_cl(path, time_limit=time_limit, output_dir=work / "fet", seed=seed)
    row.update(fet_status=fet.status, fet_s=_round(fet.seconds), fet_search_s=_round(fet.search_seconds, 0))
    if fet.message:
        row["note"] = (row["note"] + " fet: " + fet.message).strip()
    if fet.activities_xml is not None and plan is not None:
        timetable = read_fet_timetable(fet.activities_xml, plan, mapping)
        row["fet_tt_hard"] = validate(plan, timetable).hard_violations


def run_hybrooster_side(path: Path, time_limit: float, workers: int, seed: int, work: Path, row: dict,
                        hard_only: bool = False, constructive: bool = True):
    """Import -> first feasible timetable; returns (plan, mapping) of the import (None if it failed).

    hard_only: solve the plan without its soft constraints (FET's < 100% ones): a first timetable
    needs only the hard ones. The timetable is still validated against the whole plan.
    """
    from benchmarks.fet_run import run_fet_cl
    from solver.io.fet_export import export_fet
    from solver.io.fet_import import FetUnsupportedError, import_fet
    from solver.params import SolveParams
    from solver.pipeline import solve_plan
    from solver.validate import validate

    start = time.perf_counter()
    try:
        imported = import_fet(path)
    except FetUnsupportedError as error:
        row["hyb_status"] = "UNSUPPORTED"
        row["note"] = "; ".join(f"{d.type} x{d.count}" for d in error.unsupported)
        return None, None
    row["import_s"] = _round(time.perf_counter() - start)
    row["lessons"] = len(imported.plan.lessons)

    first: list[float] = []
    stop = threading.Event()

    def on_progress(progress) -> None:
        if not first:
            first.append(time.perf_counter())
        stop.set()

    try:
        plan = imported.plan
        if hard_only:
            plan = plan.model_copy(update={"constraints": [c for c in plan.constraints if c.weight is None]})
        outcome = solve_plan(plan, SolveParams(time_limit=time_limit, workers=workers, seed=seed,
                                               on_progress=on_progress, stop=stop, constructive=constructive))
    except Exception as error:  # a bug, or a constraint type the solver does not know yet
        row["hyb_status"] = "ERROR"
        row["note"] = f"{type(error).__name__}: {error}"[:300]
        return imported.plan, imported.mapping
    result = outcome.result
    row.update(hyb_status=result.status, build_s=_round(result.build_seconds),
               search_s=_round(result.first_solution_seconds))
    if outcome.timetable is None:
        return imported.plan, imported.mapping
    row["hyb_s"] = _round((first[0] if first else time.perf_counter()) - start)
    row["hyb_hard"] = validate(imported.plan, outcome.timetable).hard_violations
    export = export_fet(imported.plan, outcome.timetable, mapping=imported.mapping)
    exported = work / "exported.fet"
    exported.write_bytes(export.xml)
    check = run_fet_cl(exported, time_limit=REFEREE_LIMIT, output_dir=work / "check", grace=10)
    row["fet_check_s"] = _round(check.seconds)
    if check.status == "solved":
        row["fet_accepts"] = "yes"
    else:  # with every activity locked, fet-cl can search long on many broken soft min-days constraints
        export = export_fet(imported.plan, outcome.timetable, mapping=imported.mapping, keep_soft=False)
        exported.write_bytes(export.xml)
        check = run_fet_cl(exported, time_limit=REFEREE_LIMIT, output_dir=work / "check-hard", grace=10)
        row["fet_accepts"] = "hard only" if check.status == "solved" else f"no ({check.status})"
        row["fet_check_s"] = _round(check.seconds)
    return imported.plan, imported.mapping


def _hyb_time(row: dict):
    """Hybrooster's time for a run, counted only when the validator certified its timetable."""
    return row["hyb_s"] if row["hyb_s"] != "" and row["hyb_hard"] == 0 else ""


def _median_time(times: list) -> float:
    """The median of a side's runs of one file, a run without a timetable counting as infinite."""
    return statistics.median([math.inf if t == "" else t for t in times])


def per_file(rows: list[dict]) -> list[dict]:
    """One line per file: each side's median time over its runs and the ratio of the medians."""
    files: dict[str, list[dict]] = {}
    for r in rows:
        files.setdefault(r["file"], []).append(r)
    out = []
    for name, runs in files.items():
        fet = _median_time([r["fet_s"] if r["fet_status"] == "solved" else "" for r in runs])
        hyb = _median_time([_hyb_time(r) for r in runs])
        both = math.isfinite(fet) and math.isfinite(hyb)
        out.append({"file": name, "runs": len(runs), "fet": fet, "hyb": hyb,
                    "fet_solved": sum(r["fet_status"] == "solved" for r in runs),
                    "hyb_solved": sum(_hyb_time(r) != "" for r in runs),
                    "ratio": hyb / fet if both and fet > 0 else None})  # rounded only when shown
    return out


def summary(rows: list[dict]) -> list[str]:
    """Markdown: success counts (runs) and the median ratio of per-file medians over files both solve."""
    files = per_file(rows)
    ratios = [f["ratio"] for f in files if f["ratio"] is not None]
    n, k = len(rows), len(files)
    lines = [
        "| | runs | files (median over runs) |", "|---|---|---|",
        f"| FET finds a timetable | {sum(r['fet_status'] == 'solved' for r in rows)}/{n} | "
        f"{sum(math.isfinite(f['fet']) for f in files)}/{k} |",
        f"| Hybrooster imports the file | {sum(r['hyb_status'] not in ('UNSUPPORTED', '') for r in rows)}/{n} | |",
        f"| Hybrooster finds a timetable | {sum(r['hyb_s'] != '' for r in rows)}/{n} | |",
        f"| ... with 0 hard violations (our validator) | {sum(_hyb_time(r) != '' for r in rows)}/{n} | "
        f"{sum(math.isfinite(f['hyb']) for f in files)}/{k} |",
        f"| ... accepted by fet-cl (at once / on its 100% constraints) | "
        f"{sum(r['fet_accepts'] == 'yes' for r in rows)} / "
        f"{sum(r['fet_accepts'] in ('yes', 'hard only') for r in rows)} | |",
        f"| both find one | | {len(ratios)}/{k} |",
        f"| median ratio Hybrooster/FET (time to first timetable) | | "
        f"{statistics.median(ratios):.3f} |" if ratios else "| median ratio | | — |",
    ]
    return lines


def medians_table(rows: list[dict]) -> list[str]:
    """Markdown: per file, each side's solved runs and median seconds, and the ratio of the medians."""
    out = ["| file | FET solved | FET median s | Hyb solved | Hyb median s | ratio |", "|---|---|---|---|---|---|"]
    for f in per_file(rows):
        shown = [("none" if not math.isfinite(t) else round(t, 2)) for t in (f["fet"], f["hyb"])]
        out.append(f"| {f['file']} | {f['fet_solved']}/{f['runs']} | {shown[0]} | {f['hyb_solved']}/{f['runs']} | "
                   f"{shown[1]} | {'' if f['ratio'] is None else round(f['ratio'], 2)} |")
    return out


def markdown_table(rows: list[dict]) -> list[str]:
    head = ["file", "run", "lessons", "FET", "FET s", "Hyb", "Hyb s", "import", "build", "search", "valid", "FET accepts",
            "ratio"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        out.append("| " + " | ".join(str(x) for x in (
            r["file"], r["run"], r["lessons"], r["fet_status"], r["fet_s"], r["hyb_status"], r["hyb_s"], r["import_s"],
            r["build_s"], r["search_s"], r["hyb_hard"], r["fet_accepts"], r["ratio"])) + " |")
    return out


def coverage(which: str) -> list[str]:
    """Markdown: how many files import fully, and for every other file what it uses that we cannot state."""
    from collections import Counter

    from solver.io.fet_import import FetUnsupportedError, import_fet

    files = fet_files(which)
    failed: list[tuple[str, list]] = []
    for path in files:
        try:
            import_fet(path)
        except FetUnsupportedError as error:
            failed.append((fet_name(path), error.unsupported))
    lines = [f"{len(files) - len(failed)} of {len(files)} files import fully.", "",
             "| file | what cannot be imported (FET type x count: reason) |", "|---|---|"]
    for name, items in failed:
        lines.append(f"| {name} | " + "; ".join(f"{d.type} x{d.count}: {d.reason}" for d in items) + " |")
    reasons = Counter(d.type for _, items in failed for d in items)
    lines += ["", "| FET type (or feature) | files it keeps from importing |", "|---|---|"]
    lines += [f"| {t} | {n} |" for t, n in reasons.most_common()]
    return lines


def _same_code(before: str, now: str) -> bool:
    """Whether the solver and the benchmarks are the same at two stamped commits (a commit of notes between the
    parts of a run does not matter; uncommitted changes always do)."""
    if before == now:
        return not now.endswith("+dirty")
    if before.endswith("+dirty") or now.endswith("+dirty"):
        return False
    same = subprocess.run(["git", "diff", "--quiet", before, now, "--", "solver", "benchmarks/*.py", "pyproject.toml"],
                          cwd=Path(__file__).parent, capture_output=True)
    return same.returncode == 0


def _kept_runs(out: Path, info: dict) -> list[dict]:
    """The runs an earlier, stopped run of the same commit and machine wrote to `out` (none if there is no file)."""
    if not out.exists():
        return []
    kept, rows = read_stamped_csv(out)
    for key in ("ortools", "machine"):
        if kept.get(key) != info[key]:
            raise SystemExit(f"--resume: {out} was written with {key} {kept.get(key)!r}, this run has {info[key]!r}; "
                             "runs of different code or machines are not mixed (give another --out)")
    if not _same_code(kept.get("commit", ""), info["commit"]):
        raise SystemExit(f"--resume: {out} was written at {kept.get('commit')!r}, and the solver or the benchmark "
                         f"changed since ({info['commit']!r}); runs of different code are not mixed (give another "
                         "--out)")
    print(f"# resumed: {len(rows)} runs kept from {out}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.vs_fet", description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="fet-dev",
                        help="fet-dev (default), fet-heldout, fet-broad, fet-all, a .fet file, or a text file listing "
                             ".fet paths")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds for each side (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT threads (FET uses one)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=1,
                        help="runs per file on both sides (seeds SEED..SEED+K-1, ours and FET's); medians compared")
    parser.add_argument("--files", type=int, default=None, metavar="K",
                        help="only the set's first K files (a quick look)")
    parser.add_argument("--hard-only", action="store_true",
                        help="solve without the soft constraints (validated and exported with them all)")
    parser.add_argument("--no-constructive", action="store_true",
                        help="skip the greedy first pass (solver/constructive): CP-SAT only, for side-by-side runs")
    parser.add_argument("--fet-for-unsupported", action="store_true",
                        help="run FET also on files Hybrooster cannot import (default: skip them)")
    parser.add_argument("--out", type=Path, default=None, help="CSV (default benchmarks/results/vs-fet-SET.csv)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the runs the CSV already has (written after every run, by the same commit) and "
                             "do only the rest: a long set can be run in parts")
    parser.add_argument("--coverage", action="store_true",
                        help="only import every file of the set and list what cannot be imported (markdown)")
    args = parser.parse_args(argv)
    if args.files is not None and args.files < 1:
        parser.error("--files: at least 1")
    which = str(SET_LISTS.get(args.set, args.set))
    if args.coverage:
        print("\n".join(coverage(which)))
        return 0

    files = fet_files(which)[:args.files]  # a wrong name or list fails here, before any run
    info = stamp()
    suffix = ("-hard-only" if args.hard_only else "") + ("-no-constructive" if args.no_constructive else "")
    out = args.out or Path(__file__).parent / "results" / f"vs-fet-{set_label(args.set)}{suffix}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    print(f"# set={args.set} commit={info['commit']} ortools={info['ortools']} machine={info['machine']}")
    command = "python -m benchmarks.vs_fet " + " ".join(argv if argv is not None else sys.argv[1:])
    rows = _kept_runs(out, info) if args.resume else []
    done = {(r["file"], r["run"]) for r in rows}
    for path, run in ((p, k) for p in files for k in range(max(1, args.seeds))):
        if (fet_name(path), run) in done:
            continue
        row = {c: "" for c in COLUMNS}
        row["file"], row["run"], row["seed"] = fet_name(path), run, args.seed + run
        load_before = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="vs-fet-") as tmp:
            work = Path(tmp)
            plan, mapping = run_hybrooster_side(path, args.time_limit, args.workers, args.seed + run, work, row,
                                                hard_only=args.hard_only, constructive=not args.no_constructive)
            if plan is not None or args.fet_for_unsupported:
                run_fet_side(path, args.time_limit, work, row, plan, mapping, seed=args.seed + run)
            else:
                row["fet_status"] = "skipped"
        row["load"] = f"{load_before:.1f}-{os.getloadavg()[0]:.1f}"  # 1-min load average, before-after
        if _hyb_time(row) != "" and row["fet_status"] == "solved" and row["fet_s"]:
            row["ratio"] = round(row["hyb_s"] / row["fet_s"], 2)
        rows.append(row)
        print(" | ".join(str(row[c]) for c in COLUMNS), flush=True)
        write_stamped_csv(out, info, command, COLUMNS, rows)  # after every run: a stopped run keeps what it did
    write_stamped_csv(out, info, command, COLUMNS, rows)
    files_out = out.with_name(out.stem + "-files.csv")  # one line per file: each side's median, the ratio
    write_stamped_csv(files_out, info, command, FILE_COLUMNS, file_rows(per_file(rows)))
    print("\n".join(markdown_table(rows)))
    print()
    if args.seeds > 1:
        print("\n".join(medians_table(rows)))
        print()
    print("\n".join(summary(rows)))
    print()
    print("\n".join(figures_table(per_file(rows))))
    print(f"written: {out}, {files_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
