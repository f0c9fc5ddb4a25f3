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


def _generated(lesson_periods: int, n_htos: int, n_employers: int, seed: int, rotation_weeks: int = 1) -> Instance:
    """`rotation_weeks` 2: the same plan with every hto'er on a two-week rotation (issue 21), named '-r2'."""
    rotation = "" if rotation_weeks == 1 else f"-r{rotation_weeks}"

    def load() -> Plan:
        from scenarios.generator import generate_plan

        return generate_plan(
            seed, lesson_periods=lesson_periods, n_htos=n_htos, n_employers=n_employers,
            name=f"gen-{lesson_periods}-s{seed}{rotation}", rotation_weeks=rotation_weeks,
        )

    return Instance(f"gen-{lesson_periods}-h{n_htos}-e{n_employers}-s{seed}{rotation}", load)


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


# 12 files outside fet-dev, to check that the engine is not tuned to the dev files. Chosen once
# (2026-12-05) by rule, not by result: of the 139 files, those that import fully and lie outside
# every dev file's school folder (the first two folders under FET-x-official, so all of
# Namibia/by-Bobby too): 53 files; sorted by lesson-periods, the (i + 1/2) * 53/12-th for i = 0..11.
FET_HELDOUT = [
    "FET-5-official/Sudan/Khartoum-2010-02-13.fet",
    "FET-5-official/Vietnam/3-THCS-(Mo-hinh-truong-hoc-moi)/TKB-THCS-DucHop_KimDong_HungYen-(8_2015).fet",
    "FET-5-official/anonymous/1/2008/anonymous-1-2008.fet",
    "FET-5-official/Germany/DGS-Pro/dgspro200809.fet",
    "FET-5-official/Romania/Constantin-Brancusi-School-Medgidia/2013-2014/Orar_5_3.fet",
    "FET-5-official/Bulgaria/Lom_high_school_2007-2008.fet",
    "FET-5-official/Saudi-Arabia/Arabic_Saudi_1.fet",
    "FET-5-official/India/St-Marys-College/St-Marys-College-Puthanagadi.fet",
    "FET-5-official/Indonesia/SMK-Negeri-1-Arahan-Kab-Indramayu/netura_2016-2017.fet",
    "FET-5-official/India/New-Delhi/Eng_College.fet",
    "FET-5-official/Hong-Kong/secondary-school-1/Yew-Chung-Intl-School/2008-09-difficult.fet",
    "FET-5-official/United-Arab-Emirates/IBDP-School-2016.fet",
]


@dataclass(frozen=True)
class FetInstance(Instance):
    """A FET file; load() imports it (FetUnsupportedError when it uses what the Plan cannot state)."""

    path: Path = Path()


def fet_name(path: Path) -> str:
    """A FET file's name in tables: its path under the examples folder, or as given, without .fet."""
    try:
        return str(path.relative_to(FET_EXAMPLES)).removesuffix(".fet")
    except ValueError:
        return str(path).removesuffix(".fet")


def _fet(path: Path) -> FetInstance:
    def load() -> Plan:
        from solver.io.fet_import import import_fet

        return import_fet(path).plan

    return FetInstance(fet_name(path).replace("-official", ""), load, path)


# The named FET sets: their files, in order.
FET_SETS: dict[str, Callable[[], list[Path]]] = {
    "fet-dev": lambda: [FET_EXAMPLES / "FET-5-official" / name for name in FET_DEV],
    "fet-heldout": lambda: [FET_EXAMPLES / name for name in FET_HELDOUT],
    "fet-all": lambda: sorted(p for sub in ("FET-5-official", "FET-6-official")
                              for p in (FET_EXAMPLES / sub).rglob("*.fet")),
    # issue 27: 83 schools that import fully (benchmarks/sets/fet-broad.txt), for every harness
    "fet-broad": lambda: _listed_fet_files(Path(__file__).parent / "sets" / "fet-broad.txt"),
}


def fet_files(which: str) -> list[Path]:
    """fet-dev: the 14 dev files; fet-heldout: 12 other schools; fet-all: all 139 of FET-5/6-official.

    Anything else is read as your own files: one .fet file, or a text file listing one .fet path per
    line (absolute, or relative to the examples folder; blank lines and # comments skipped).
    """
    if which not in FET_SETS:
        return _listed_fet_files(Path(which))
    if not FET_EXAMPLES.is_dir():
        raise SystemExit(f"{FET_EXAMPLES} not found: install the fet-data package (apt-get install fet-data)")
    return FET_SETS[which]()


def _listed_fet_files(given: Path) -> list[Path]:
    if not given.is_file():
        raise SystemExit(f"unknown set '{given}': not a set name ({', '.join(sorted(SETS | FET_SETS))}) and no such file")
    if given.suffix == ".fet":
        return [given]
    files, missing = [], []
    for number, line in enumerate(given.read_text(encoding="utf-8").splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        path = Path(entry) if Path(entry).is_absolute() else FET_EXAMPLES / entry
        if path.is_file():
            files.append(path)
        else:
            missing.append(f"line {number}: {entry}")
    if missing:
        raise SystemExit(f"{given}: no such FET file on " + "; ".join(missing))
    if not files:
        raise SystemExit(f"{given}: lists no FET files (one .fet path per line)")
    return files


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
    # issue 21's speed acceptance: gen-scale's 300 and 800 with every hto'er on a two-week rotation
    "gen-rotation": lambda seeds: [
        _generated(size, htos, employers, seed, rotation_weeks=2)
        for size, htos, employers in ((300, 5, 3), (800, 10, 5))
        for seed in range(1, seeds + 1)
    ],
}


def set_label(name: str) -> str:
    """The set's name in result file names: a named set as it is, your own list by its file's stem."""
    return name if name in SETS or name in FET_SETS else Path(name).stem


def instance_set(name: str, seeds: int = 1) -> list[Instance]:
    """A generated set, or FET files: a named FET set or your own (see fet_files)."""
    if name in SETS:
        return SETS[name](seeds)
    return [_fet(path) for path in fet_files(name)]
