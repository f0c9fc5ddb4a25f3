"""Explanation benchmark (issue 4): plant one conflict in a generated plan, time `explain`, count items.

    python -m benchmarks.explain_bench --sizes 300 800 --time-limit 60 --workers 1

Per size (scenarios.generator.generate_plan, seed 1) and per planted conflict, the plan is first
solved as generated (it must have a timetable), then the conflict is planted and `solver.explain`
runs with the time limit. Each row: seconds (compile + build + every CP-SAT call), CP-SAT calls,
items, whether minimality was proven, and whether the explanation holds: the plan solves once
exactly its items are switched off (`relax`). Written to benchmarks/results/explain.csv with the
stamp (commit, OR-Tools version, machine) of benchmarks.run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.run import stamp, write_stamped_csv
from scenarios.generator import generate_plan
from solver.domain import Plan, parse_plan
from solver.explain import explain, relax

COLUMNS = ["size", "lesson_periods", "conflict", "status", "items", "rules", "minimal", "holds", "seconds",
           "solves", "expected"]


def _lock_clash(data: dict) -> str:
    """Two one-lesuur lessons of one group locked into Monday lesuur 1."""
    group = data["lessons"][0]["groups"][0]
    mine = [le for le in data["lessons"] if group in le["groups"] and le["duration"] == 1][:2]
    for le in mine:
        le.update(count=1, min_days_apart=0, lock={"slot": True}, current=[{"copy": 0, "day": "mon", "period": 1}])
    return "lesson_locked x2 + lesson_placed x2 + a no-clash rule"


def _room_missing(data: dict) -> str:
    """A lesson needs a room kind the school does not have."""
    data["lessons"][3]["room_kind"] = "cleanroom"
    return "room_fits + lesson_placed"


def _hto_marked(data: dict) -> str:
    """The first hto'er with a fixed lesson may teach on one day only, and the SME marks that whole day."""
    for hto in data["htos"]:
        if any(le.get("teacher") == hto["teacher"] for le in data["lessons"]):
            hto["release"]["allowed_days"] = ["wed"]
            data["unavailable_marks"].append({"staff": hto["staff"], "day": "wed", "start": "00:00",
                                              "end": "23:59", "reason": "storingsdienst"})
            return "sme_unavailable_mark + release_agreement + lesson_placed"
    raise ValueError("no hto'er with a fixed lesson")


def _over_booked(data: dict) -> str:
    """The busiest student set's group gets a lesson of as many lesuren as make its week one too long."""
    school = data["schools"][0]
    sets = {g["id"]: g["student_sets"] or [g["id"]] for g in school["groups"]}
    load: dict[str, int] = {}
    for le in data["lessons"]:
        for s in {s for g in le["groups"] for s in sets[g]}:
            load[s] = load.get(s, 0) + le["count"] * le["duration"]
    busiest = max(load, key=load.get)
    group = next(g for g, members in sets.items() if members == [busiest] or g == busiest) \
        if any(members == [busiest] or g == busiest for g, members in sets.items()) \
        else next(g for g, members in sets.items() if busiest in members)
    worst = max(load[s] for s in sets[group])
    extra = len(school["periods"]) - worst + 1
    data["teachers"].append({"id": "XTRA", "name": "Extra Docent"})
    data["lessons"].append({"id": "XTRA-1", "subject": "Extra uren", "groups": [group], "teacher": "XTRA",
                            "count": extra})
    return f"group_no_clash + the lessons of {group} ({worst}+{extra} > {len(school['periods'])} lesuren)"


CONFLICTS: dict[str, Callable[[dict], str]] = {
    "lock_clash": _lock_clash, "room_missing": _room_missing, "hto_marked": _hto_marked,
    "over_booked": _over_booked,
}


def planted(size: int, conflict: str, seed: int = 1) -> tuple[Plan, Plan, str]:
    base = generate_plan(seed, lesson_periods=size)
    data = base.model_dump(mode="json")
    expected = CONFLICTS[conflict](data)
    return base, parse_plan(data), expected


def run_one(size: int, conflict: str, *, time_limit: float, workers: int) -> dict:
    _, plan, expected = planted(size, conflict)
    e = explain(plan, time_limit=time_limit, workers=workers)
    holds = relax(plan, e.keys, time_limit=time_limit, workers=workers).status == "feasible" \
        if e.status == "infeasible" else None
    rules: dict[str, int] = {}
    for key in e.keys:
        rules[key[0]] = rules.get(key[0], 0) + 1
    return {
        "size": size, "lesson_periods": sum(le.count * le.duration for le in plan.lessons), "conflict": conflict,
        "status": e.status, "items": len(e.items), "rules": " ".join(f"{k}x{v}" for k, v in rules.items()),
        "minimal": e.minimal, "holds": holds, "seconds": round(e.seconds, 2), "solves": e.solves,
        "expected": expected,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 800])
    parser.add_argument("--conflicts", nargs="+", default=list(CONFLICTS), choices=list(CONFLICTS))
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "explain.csv"))
    args = parser.parse_args(argv)
    info = stamp()
    rows = []
    for size in args.sizes:
        for conflict in args.conflicts:
            row = run_one(size, conflict, time_limit=args.time_limit, workers=args.workers)
            rows.append(row)
            print(" | ".join(str(row[c]) for c in COLUMNS), flush=True)
    out = Path(args.out)
    write_stamped_csv(out, info, "python -m benchmarks.explain_bench " + " ".join(argv or sys.argv[1:]), COLUMNS, rows)
    failed = [r for r in rows if r["status"] != "infeasible" or not r["holds"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
