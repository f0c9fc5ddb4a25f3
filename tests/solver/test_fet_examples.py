"""The FET importer on FET's own examples (package fet-data), and FET (fet-cl) as referee."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.fet_run import fet_cl, run_fet_cl
from solver.io.fet_import import FetUnsupportedError, import_fet, write_import
from solver.timeline import DAYS

EXAMPLES = Path("/usr/share/doc/fet-data/examples")
OFFICIAL = [EXAMPLES / "FET-5-official", EXAMPLES / "FET-6-official"]

needs_examples = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="fet-data is not installed")
needs_fet = pytest.mark.skipif(fet_cl() is None or not EXAMPLES.is_dir(), reason="fet (fet-cl) is not installed")


def official_files() -> list[Path]:
    return sorted(p for folder in OFFICIAL for p in folder.rglob("*.fet"))


@needs_examples
@pytest.mark.slow
def test_at_least_108_of_the_139_official_files_import_fully():
    """Every official example either imports with all its constraints or fails with the list of what it cannot state."""
    files = official_files()
    assert len(files) == 139
    supported, unsupported = [], []
    for path in files:
        try:
            import_fet(path)
            supported.append(path)
        except FetUnsupportedError as error:
            assert error.unsupported, path
            unsupported.append(path)
    assert len(supported) >= 108, f"{len(supported)}/139 import fully"


@needs_examples
@pytest.mark.parametrize("name, lessons, extra", [
    ("Denmark/small-school.fet", 25, 0),
    ("United-Kingdom/Hopwood/Hopwood.fet", 163, 0),
    ("Greece/Vartholomio/2008-2009.fet", 226, 96),
    ("Germany/secondary-school-2/GYR.fet", 1477, 541),
])
def test_dev_files_import(name, lessons, extra):
    """A handful of the dev set: all active activities become lessons; constraints become extras."""
    plan = import_fet(EXAMPLES / "FET-5-official" / name).plan
    assert len(plan.lessons) == lessons
    assert len(plan.constraints) == extra


@needs_examples
def test_lycee_farabi_imports_as_a_cycle_of_weeks():
    """lycee-Farabi has 17 FET days (half-days and dummy days): they become mon .. wed3, in file order."""
    result = import_fet(EXAMPLES / "FET-5-official" / "Morocco/Hadkourt/lycee-Farabi.fet")
    assert len(result.mapping["days"]) == 17 and len(result.plan.lessons) == 600
    used = {p.day for p in result.plan.schools[0].periods}
    assert used <= set(DAYS[:17]) and "wed3" in used


@needs_fet
@pytest.mark.parametrize("name", ["Denmark/small-school.fet", "United-Kingdom/Hopwood/Hopwood.fet"])
def test_fets_own_timetable_passes_our_validator(name, tmp_path):
    """What FET generates for a file breaks none of our hard rules on the imported plan."""
    from benchmarks.fet_result import read_fet_timetable
    from solver.validate import validate

    path = EXAMPLES / "FET-5-official" / name
    imported = import_fet(path)
    run = run_fet_cl(path, time_limit=30, output_dir=tmp_path / "fet")
    assert run.status == "solved" and run.activities_xml is not None, run.message
    timetable = read_fet_timetable(run.activities_xml, imported.plan, imported.mapping)
    assert len(timetable.placements) == len(imported.plan.lessons)
    assert validate(imported.plan, timetable).hard_violations == 0


@needs_fet
def test_export_of_our_timetable_is_accepted_by_fet(tmp_path):
    """small-school: import, solve, validate, export with every activity locked; fet-cl accepts it at once."""
    from solver.domain import load_plan
    from solver.io.fet_export import export_fet_file
    from solver.params import SolveParams
    from solver.pipeline import solve_plan
    from solver.validate import validate

    plan_path, _ = write_import(import_fet(EXAMPLES / "FET-5-official" / "Denmark/small-school.fet"),
                                tmp_path / "plan.json")
    plan = load_plan(plan_path)
    outcome = solve_plan(plan, SolveParams(time_limit=30, workers=1, seed=0))
    assert outcome.timetable is not None, outcome.result.status
    assert validate(plan, outcome.timetable).hard_violations == 0
    export = export_fet_file(plan, outcome.timetable, plan_path=plan_path, out_path=tmp_path / "out.fet")
    assert export.locked_times == 25 and not export.warnings
    check = run_fet_cl(tmp_path / "out.fet", time_limit=30, output_dir=tmp_path / "check")
    assert check.status == "solved", check.message
