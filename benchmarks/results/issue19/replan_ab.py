"""Side by side re-plan timing for two checkouts: the same base timetables, the same 20 changes each.

    python replan_ab.py --make-bases DIR        # once, in either checkout
    python replan_ab.py --run DIR               # in each checkout (cwd = the checkout), alternating
"""
import argparse, json, random, statistics, sys
from pathlib import Path
from time import perf_counter

sys.path.insert(0, ".")
from benchmarks.replan_bench import draw_change  # noqa: E402
from scenarios.generator import generate_plan  # noqa: E402
from solver.domain import Timetable  # noqa: E402
from solver.validate import validate  # noqa: E402

try:
    from solver.params import SolveParams
    from solver.pipeline import solve_plan
    from solver.replan import replan
    from solver.replan.whatif import apply_change, parse_change

    def do_replan(changed, current):
        return replan(changed, current, SolveParams(time_limit=60, workers=2, seed=0))

    def do_solve(plan):
        return solve_plan(plan, SolveParams(time_limit=60, workers=2, seed=0))
except ImportError:  # the code before issue 19
    from solver.pipeline import solve_plan
    from solver.replan import replan
    from solver.whatif import apply_change, parse_change

    def do_replan(changed, current):
        return replan(changed, current, time_limit=60, workers=2, seed=0)

    def do_solve(plan):
        return solve_plan(plan, time_limit=60, workers=2, seed=0)

parser = argparse.ArgumentParser()
parser.add_argument("--make-bases", type=Path)
parser.add_argument("--run", type=Path)
parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
parser.add_argument("--changes", type=int, default=20)
args = parser.parse_args()
if args.make_bases:
    args.make_bases.mkdir(parents=True, exist_ok=True)
    for seed in args.seeds:
        plan = generate_plan(seed, lesson_periods=800)
        out = do_solve(plan)
        assert out.timetable is not None and validate(plan, out.timetable).ok
        (args.make_bases / f"base-s{seed}.json").write_text(out.timetable.model_dump_json())
    sys.exit(0)
times, certified, moved = [], 0, []
for seed in args.seeds:
    plan = generate_plan(seed, lesson_periods=800)
    current = Timetable.model_validate_json((args.run / f"base-s{seed}.json").read_text())
    rng = random.Random(seed * 1000 + 17)
    for k in range(args.changes):
        changed = apply_change(plan, parse_change(draw_change(rng, plan, current, k)))
        t0 = perf_counter()
        outcome = do_replan(changed, current)
        times.append(perf_counter() - t0)
        tt = current if outcome.still_holds else outcome.timetable
        ok = tt is None or validate(changed, tt).ok
        certified += ok
        moved.append(0 if outcome.still_holds or outcome.diff is None else len(outcome.diff.moved))
q = statistics.quantiles(times, n=20)
print(json.dumps({"n": len(times), "p50": round(statistics.median(times), 3), "p95": round(q[18], 3),
                  "max": round(max(times), 3), "certified": certified, "moved": moved}))
