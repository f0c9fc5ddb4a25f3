"""What makes a school hard for us: the files of a vs_fet CSV grouped by what they use (issue 27, item 3).

    python -m benchmarks.vs_fet_groups benchmarks/results/vs-fet-fet-broad.csv [--slow 2.0]

Per file of the CSV: each side's median over its runs (vs_fet.per_file) and, from the file itself
(imported and compiled again; nothing is solved), what may make it hard:
- `lesuren`: lesson-periods to place;
- `set full` / `teacher full`: the fullest student set's and teacher's lesuren to sit or teach, over the
  lesuren of the week (1.00: every lesuur taken);
- `options`: the median number of places (day, lesuur, teacher) a lesson copy may take, its freedom;
- the hard rule types it uses (Plan constraints, compiled; `min_days_between` and the like).

A file is "missed" (FET solved it, we did not), "slow" (both solved, ratio above --slow) or "fine".
The output (Markdown): the missed and slow files with these figures, then per hard rule type how many
of the missed, slow and fine files use it, so that a rule type shared by the misses stands out.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.instances import FET_EXAMPLES
from benchmarks.run import read_stamped_csv
from benchmarks.vs_fet import per_file

KINDS = ("missed", "slow", "fine")


def kind_of(file: dict, slow: float) -> str | None:
    """missed, slow or fine; None for a file FET did not solve (nothing to compare)."""
    if not math.isfinite(file["fet"]):
        return None
    if not math.isfinite(file["hyb"]):
        return "missed"
    return "slow" if file["ratio"] is not None and file["ratio"] > slow else "fine"


def features(fet_path: Path) -> dict:
    """The figures of the module docstring for one FET file."""
    from solver.compile import compile_plan
    from solver.io.fet_import import import_fet

    data = compile_plan(import_fet(fet_path).plan)
    week = len(data.periods)
    per_set: dict[int, int] = defaultdict(int)
    per_teacher: dict[int, int] = defaultdict(int)
    for copy in data.copies:
        for s in copy.sets:
            per_set[s] += copy.duration
        teachers = {o.teachers for o in copy.options}
        if len(teachers) == 1:  # a fixed teacher (or team): every option takes the same ones
            for t in next(iter(teachers)):
                per_teacher[t] += copy.duration
    return {
        "lesuren": sum(copy.duration for copy in data.copies),
        "set_full": max(per_set.values(), default=0) / week if week else 0.0,
        "teacher_full": max(per_teacher.values(), default=0) / week if week else 0.0,
        "options": statistics.median(len(copy.options) for copy in data.copies) if data.copies else 0,
        "hard_types": sorted({e.type for e in data.extras if e.hard}),
    }


def report(rows: list[dict], slow: float, examples: Path = FET_EXAMPLES) -> list[str]:
    """The Markdown of the module docstring."""
    grouped: list[tuple[str, dict, dict]] = []
    for file in per_file(rows):
        kind = kind_of(file, slow)
        if kind is not None:
            grouped.append((kind, file, features(examples / f"{file['file']}.fet")))
    counts = Counter(kind for kind, _, _ in grouped)
    out = [f"Files FET solved: {len(grouped)}; missed {counts['missed']}, slow (ratio > {slow:g}) {counts['slow']}, "
           f"fine {counts['fine']}.", "",
           "| file | kind | FET s | Hyb s | ratio | lesuren | set full | teacher full | options | hard rule types |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for kind, file, f in sorted(grouped, key=lambda g: (KINDS.index(g[0]), g[1]["file"])):
        if kind == "fine":
            continue
        hyb = "none" if not math.isfinite(file["hyb"]) else f"{file['hyb']:.2f}"
        ratio = "" if file["ratio"] is None else f"{file['ratio']:.2f}"
        out.append(f"| {file['file']} | {kind} | {file['fet']:.2f} | {hyb} | {ratio} | {f['lesuren']} | "
                   f"{f['set_full']:.2f} | {f['teacher_full']:.2f} | {f['options']:g} | "
                   f"{', '.join(f['hard_types']) or '—'} |")
    by_type: dict[str, Counter] = defaultdict(Counter)
    for kind, _, f in grouped:
        for rule in f["hard_types"]:
            by_type[rule][kind] += 1
    out += ["", "| hard rule type | " + " | ".join(f"{k} ({counts[k]})" for k in KINDS) + " |",
            "|---|" + "---|" * len(KINDS)]
    for rule, seen in sorted(by_type.items(), key=lambda item: (-item[1]["missed"] - item[1]["slow"], item[0])):
        out.append(f"| {rule} | " + " | ".join(str(seen[k]) for k in KINDS) + " |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.vs_fet_groups", description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="a CSV that benchmarks.vs_fet wrote")
    parser.add_argument("--slow", type=float, default=2.0, help="a ratio above this is slow (default 2)")
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        raise SystemExit(f"{args.csv}: no such file (run python -m benchmarks.vs_fet first)")
    info, rows = read_stamped_csv(args.csv)
    print(f"{args.csv.name}: commit {info.get('commit')}, {info.get('command', '')}\n")
    print("\n".join(report(rows, args.slow)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
