"""Named instance sets for the benchmark harness: generated families (and, later, FET files)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from solver.domain import Plan


@dataclass(frozen=True)
class Instance:
    name: str
    load: Callable[[], Plan]


def _generated(lesson_periods: int, n_htos: int, n_employers: int, seed: int) -> Instance:
    def load() -> Plan:
        from scenarios.generator import generate_plan

        return generate_plan(
            seed, lesson_periods=lesson_periods, n_htos=n_htos, n_employers=n_employers,
            name=f"gen-{lesson_periods}-s{seed}",
        )

    return Instance(f"gen-{lesson_periods}-h{n_htos}-e{n_employers}-s{seed}", load)


def _demo() -> Instance:
    def load() -> Plan:
        from scenarios.demo import DEMO_PLAN_PATH
        from solver.domain import load_plan

        return load_plan(DEMO_PLAN_PATH)

    return Instance("demo", load)


# size (lesson-periods), hto'ers, employers: issue 2 asks for ~300, 800, 1,500 with 5-15 hto'ers
# from 3-8 employers.
SETS: dict[str, Callable[[int], list[Instance]]] = {
    "demo": lambda seeds: [_demo()],
    "gen-scale": lambda seeds: [
        _generated(size, htos, employers, seed)
        for size, htos, employers in ((300, 5, 3), (800, 10, 5), (1500, 15, 8))
        for seed in range(1, seeds + 1)
    ],
    "gen-small": lambda seeds: [
        _generated(size, 3, 2, seed) for size in (60, 120) for seed in range(1, seeds + 1)
    ],
}


def instance_set(name: str, seeds: int = 1) -> list[Instance]:
    if name not in SETS:
        raise SystemExit(f"unknown set '{name}'; known sets: {', '.join(sorted(SETS))}")
    return SETS[name](seeds)
