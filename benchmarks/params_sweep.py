"""Side-by-side CP-SAT parameter comparison on one generated school (same model, same run).

    python -m benchmarks.params_sweep --lesson-periods 1500 --seed 2 --time-limit 90 w2 w4light

Prints, per configuration: time to the first timetable, the best objective at 30 s, the final
objective and bound. Configurations run one after the other, never in parallel.
"""

from __future__ import annotations

import argparse
import time

from ortools.sat.python import cp_model

from scenarios.generator import generate_plan
from solver.compile import compile_plan
from solver.cpsat.builder import build_model

CONFIGS: dict[str, dict] = {
    "w2": {"num_workers": 2},
    "w4": {"num_workers": 4},
    "w2light": {"num_workers": 2, "max_presolve_iterations": 1, "cp_model_probing_level": 0},
    "w4light": {"num_workers": 4, "max_presolve_iterations": 1, "cp_model_probing_level": 0},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.params_sweep")
    parser.add_argument("--lesson-periods", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("configs", nargs="+", choices=sorted(CONFIGS))
    args = parser.parse_args(argv)
    data = compile_plan(generate_plan(args.seed, lesson_periods=args.lesson_periods))
    for name in args.configs:
        built = build_model(data)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = args.time_limit
        for key, value in CONFIGS[name].items():
            setattr(solver.parameters, key, value)
        events: list[tuple[float, int]] = []
        started = time.perf_counter()

        class Callback(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                events.append((round(time.perf_counter() - started, 1), int(self.objective_value)))

        status = solver.solve(built.model, Callback())
        at30 = [e for e in events if e[0] <= 30][-1:]
        print(f"{name}: {solver.status_name(status)} first={events[0] if events else None} "
              f"at30={at30} final={events[-1:]} bound={solver.best_objective_bound}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
