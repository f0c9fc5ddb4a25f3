"""Where the time of a solve goes before the search: load (FET import or plan), compile, model build.

    python -m benchmarks.stages --set fet-dev --repeats 5

Per instance, the median over `--repeats` runs in this process of each stage (wall clock,
perf_counter), one instance after the other. For comparing two commits side by side, run it in both
checkouts in turn (alternating, on a quiet machine) and compare the medians; absolute figures on
the shared 2-core machine are noisy (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from time import perf_counter

from benchmarks.instances import instance_set
from solver.compile import compile_plan
from solver.cpsat.builder import build_model


def stage_times(instance, repeats: int) -> dict[str, float]:
    load, comp, build = [], [], []
    for _ in range(repeats):
        t0 = perf_counter()
        plan = instance.load()
        t1 = perf_counter()
        data = compile_plan(plan)
        t2 = perf_counter()
        build_model(data)
        t3 = perf_counter()
        load.append(t1 - t0)
        comp.append(t2 - t1)
        build.append(t3 - t2)
    return {"load": statistics.median(load), "compile": statistics.median(comp), "build": statistics.median(build)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="fet-dev", help="an instance set of benchmarks.run (demo, gen-scale, fet-dev, ...)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    print("instance,load_s,compile_s,build_s")
    for instance in instance_set(args.set):
        times = stage_times(instance, args.repeats)
        print(f"{instance.name},{times['load']:.4f},{times['compile']:.4f},{times['build']:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
