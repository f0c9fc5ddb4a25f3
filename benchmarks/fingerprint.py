"""Fingerprints of compiled problems and CP-SAT models, for restructurings that must not change behaviour.

Two CP-SAT models whose protos are byte-identical are searched identically by CP-SAT (same seed,
same parameters), so a refactoring of compile or of the model builder that keeps every fingerprint
keeps every timetable and every solve time. Used two ways:

    python -m benchmarks.fingerprint --out before.json      # compile + build every plan of the corpus
    python -m benchmarks.fingerprint --compare before.json  # the same now, and every difference named

and, for every model the test suite builds, `HYBROOSTER_FINGERPRINTS=FILE pytest` (tests/conftest.py)
records {problem fingerprint + build options: model fingerprint}; `--compare-suite A B` compares two
such records.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from pathlib import Path


def canonical(value):
    """A JSON-able, order-stable form of compiled data (dataclasses, sets, tuples, dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return [[canonical(k), canonical(v)] for k, v in value.items()]
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


def digest(value) -> str:
    text = json.dumps(canonical(value), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def model_digest(built) -> str:
    """The model's proto, bytes for bytes, and the per-rule cost books and guards beside it."""
    with tempfile.TemporaryDirectory() as folder:  # the binary proto, as CP-SAT itself writes it
        path = Path(folder) / "model.pb"
        built.model.export_to_file(str(path))
        proto = path.read_bytes()
    books = {
        "costs": {rule: [(w, _lit_name(lit)) for w, lit in items] for rule, items in built.costs.items()},
        "scopes": {rule: [canonical(s) for s in items] for rule, items in built.scopes.items()},
        "guards": [[list(map(str, key)), _lit_name(lit)] for key, lit in built.guards.items()],
        "x": [[_lit_name(lit) for lit in xs] for xs in built.x],
        "w": [_lit_name(lit) for lit in built.w],
        "pools": [[[p, _lit_name(lit)] for p, lit in choice.items()] for choice in built.pool_choice],
    }
    return hashlib.sha256(proto + json.dumps(books, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _lit_name(lit) -> str:
    if isinstance(lit, bool):
        return str(lit)
    index = getattr(lit, "index", None)
    return f"{'~' if index is not None and index < 0 else ''}{index}"


# --- the corpus --------------------------------------------------------------------------------------
BUILD_VARIANTS = {
    "default": {},
    "no_implied": {"implied": False},
    "hard_only": {"soft": False},
    "repair": {"soft": False, "rooms_counted": True, "rooms_soft": True},
}


def corpus(fet_files: int):
    """(name, Plan) pairs: the demo, generated schools, and FET example files that import fully."""
    from benchmarks.instances import FET_DEV, FET_EXAMPLES, instance_set

    for inst in instance_set("demo"):
        yield inst.name, inst.load()
    for inst in instance_set("gen-scale", seeds=2):  # the 300 and 800 lesson-period schools, seeds 1-2
        if not inst.name.startswith("gen-1500"):
            yield inst.name, inst.load()
    if FET_EXAMPLES.is_dir():
        from solver.io.fet_import import import_fet

        for rel in FET_DEV[:fet_files]:
            path = FET_EXAMPLES / "FET-5-official" / rel
            try:
                plan = import_fet(path).plan
            except Exception as exc:  # noqa: BLE001  (a file that does not import is named, not fatal)
                print(f"skip {rel}: {exc}", file=sys.stderr)
                continue
            yield rel, plan


def fingerprints(fet_files: int, solve_seconds: float, compile_only: bool = False) -> dict[str, str]:
    from solver.compile import compile_plan

    if not compile_only:
        from solver.cpsat.builder import build_model
        from solver.cpsat.repair import relaxed, relaxed_indices

    out: dict[str, str] = {}
    for name, plan in corpus(fet_files):
        data = compile_plan(plan)
        out[f"{name}|compile"] = digest(data)
        if compile_only:
            out[f"{name}|compile:explain"] = digest(compile_plan(plan, explain=True))
            print(name, file=sys.stderr)
            continue
        for variant, options in BUILD_VARIANTS.items():
            out[f"{name}|build:{variant}"] = model_digest(build_model(data, **options))
        wide = relaxed(data, relaxed_indices(data, wide=True))
        out[f"{name}|build:relaxed"] = model_digest(build_model(wide, soft=False, rooms_counted=True,
                                                                 rooms_soft=True))
        if len(data.copies) <= 400:  # explain mode builds a guard per rule instance: small plans
            guarded = compile_plan(plan, explain=True)
            out[f"{name}|compile:explain"] = digest(guarded)
            out[f"{name}|build:explain"] = model_digest(build_model(guarded, explain=True))
        if solve_seconds > 0:
            out[f"{name}|solve"] = solve_digest(data, solve_seconds)
        print(name, file=sys.stderr)
    return out


def solve_digest(data, deterministic_seconds: float) -> str:
    """One worker, seed 0, a deterministic-time limit: the same model gives the same timetable."""
    from solver.cpsat.solve import solve
    from solver.params import SolveParams

    result = solve(data, SolveParams(time_limit=3600, workers=1, seed=0, deterministic_time=deterministic_seconds))
    solution = dataclasses.asdict(result.solution) if result.solution is not None else None  # as the dict it was
    return digest({"status": result.status, "objective": result.objective, "solution": solution})


def compare(before: dict[str, str], after: dict[str, str], only_after: bool = False) -> list[str]:
    lines = []
    for key in sorted(set(after) & set(before) if only_after else set(before) | set(after)):
        if key.startswith("_"):  # the file's stamp (commit, OR-Tools version), not a fingerprint
            continue
        a, b = before.get(key), after.get(key)
        if a != b:
            lines.append(f"{key}: {a} -> {b}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="write the corpus's fingerprints here")
    parser.add_argument("--compare", type=Path, help="compare the corpus's fingerprints with this file")
    parser.add_argument("--compare-suite", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                        help="compare two records of HYBROOSTER_FINGERPRINTS test runs")
    parser.add_argument("--fet-files", type=int, default=14, help="how many fet-dev files (default all 14)")
    parser.add_argument("--compile-only", action="store_true",
                        help="only the compiled problems (normal and explain mode), no models")
    parser.add_argument("--solve-seconds", type=float, default=2.0,
                        help="deterministic seconds of a 1-worker solve per plan (0: no solve)")
    args = parser.parse_args(argv)
    if args.compare_suite:
        before, after = (_read_suite(p) for p in args.compare_suite)
        shared = set(before) & set(after)
        diffs = [f"{k}: {sorted(before[k])} -> {sorted(after[k])}" for k in sorted(shared) if before[k] != after[k]]
        print(f"{len(shared)} problems built in both runs ({len(before)} / {len(after)} in all); "
              f"{len(diffs)} differ")
        print("\n".join(diffs))
        return 1 if diffs else 0
    now = fingerprints(args.fet_files, args.solve_seconds, args.compile_only)
    if args.out:
        args.out.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
    if args.compare:
        diffs = compare(json.loads(args.compare.read_text()), now, only_after=args.compile_only or args.fet_files < 14)
        print(f"{len(now)} fingerprints; {len(diffs)} differ")
        print("\n".join(diffs))
        return 1 if diffs else 0
    return 0


def _read_suite(path: Path) -> dict[str, set[str]]:
    """A suite record: one 'problem-key model-digest test-id' line per build; a key may get several models."""
    out: dict[str, set[str]] = {}
    for line in path.read_text().splitlines():
        key, model = line.split(" ")[:2]
        out.setdefault(key, set()).add(model)
    return out


if __name__ == "__main__":
    sys.exit(main())
