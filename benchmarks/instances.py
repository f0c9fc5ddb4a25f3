"""Named instance sets for the benchmark harness: generated families and FET's example files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


FET_EXAMPLES = Path("/usr/share/doc/fet-data/examples")  # Debian/Ubuntu package fet-data

# issue 3: 14 files of FET-5-official, from tiny to hard, for development and the vs-FET comparison
FET_DEV = [
    "Denmark/small-school.fet",
    "United-Kingdom/Hopwood/Hopwood.fet",
    "Greece/Vartholomio/2008-2009.fet",
    "Greece/Gymnasio/Gymnasio.fet",
    "Brazil/1/Brazil-more-difficult.fet",
    "Romania/Oradea/FS-2008-2009-difficult.fet",
    "Italy/2007/difficult/highschool-Ancona.fet",
    "Namibia/by-Bobby/set-2/MAPS.fet",
    "Italy/2010/Liceo-2010.fet",
    "Germany/secondary-school-1/constraints-min-days-100-few-0/German-100_and_0.fet",
    "Hungary/Bethlen/2008-2009/2-newer/Bethlen-2008-2009.fet",
    "Morocco/Hadkourt/lycee-Farabi.fet",
    "Spain/2-secondary-school/secondary-school.fet",
    "Germany/secondary-school-2/GYR.fet",
]


@dataclass(frozen=True)
class FetInstance(Instance):
    """A FET file; load() imports it (FetUnsupportedError when it uses what the Plan cannot state)."""

    path: Path = Path()


def _fet(path: Path) -> FetInstance:
    def load() -> Plan:
        from solver.io.fet_import import import_fet

        return import_fet(path).plan

    name = str(path.relative_to(FET_EXAMPLES)).removesuffix(".fet").replace("-official", "")
    return FetInstance(name, load, path)


def fet_files(which: str) -> list[Path]:
    """fet-dev: the 14 dev files; fet-all: every file of FET-5-official and FET-6-official (139)."""
    if not FET_EXAMPLES.is_dir():
        raise SystemExit(f"{FET_EXAMPLES} not found: install the fet-data package (apt-get install fet-data)")
    if which == "fet-dev":
        return [FET_EXAMPLES / "FET-5-official" / name for name in FET_DEV]
    return sorted(p for sub in ("FET-5-official", "FET-6-official") for p in (FET_EXAMPLES / sub).rglob("*.fet"))


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
    "fet-dev": lambda seeds: [_fet(path) for path in fet_files("fet-dev")],
    "fet-all": lambda seeds: [_fet(path) for path in fet_files("fet-all")],
}


def instance_set(name: str, seeds: int = 1) -> list[Instance]:
    if name not in SETS:
        raise SystemExit(f"unknown set '{name}'; known sets: {', '.join(sorted(SETS))}")
    return SETS[name](seeds)
