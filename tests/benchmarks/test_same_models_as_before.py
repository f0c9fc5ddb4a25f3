"""Issue 19 changed the structure, not the behaviour: the same problems, models and timetables as before.

benchmarks/results/fingerprints-before-19.json holds the fingerprints taken at a737977, before the
restructuring (benchmarks/fingerprint.py): the compiled problem, the CP-SAT model (byte for byte)
and a one-worker, seed-0 solve with a deterministic time limit. CP-SAT searches a byte-identical
model identically, so the same fingerprints mean the same timetables at the same speed.
"""

from __future__ import annotations

import json
from pathlib import Path

import ortools
import pytest

from benchmarks.fingerprint import model_digest, solve_digest
from benchmarks.instances import FET_EXAMPLES
from solver.compile import compile_plan
from solver.cpsat.builder import build_model

BEFORE = json.loads((Path(__file__).resolve().parents[2] / "benchmarks/results/fingerprints-before-19.json")
                    .read_text())
FET_FILES = ["Denmark/small-school.fet", "United-Kingdom/Hopwood/Hopwood.fet",
             "Spain/2-secondary-school/secondary-school.fet"]

pytestmark = pytest.mark.skipif(ortools.__version__ != BEFORE["_ortools"],
                                reason=f"fingerprints were taken with OR-Tools {BEFORE['_ortools']}")


def _plan(name: str):
    path = FET_EXAMPLES / "FET-5-official" / name
    if not path.exists():
        pytest.skip("FET's examples (package fet-data) are not installed")
    from solver.io.fet_import import import_fet

    return import_fet(path).plan


# The demo is no longer among them: issue 20 changed the staffing model on purpose (a person fills one
# staffing place at a time, so windows that share people are modelled together) and the demo's data with it.
# Plans without employers, such as these FET schools, build the same models as before.
@pytest.mark.parametrize("name", FET_FILES)
def test_same_problem_model_and_timetable_as_before_the_restructuring(name):
    data = compile_plan(_plan(name))
    # The compiled problem itself is no longer compared: issue 20 gave ProblemData's law limits the
    # night-dienst numbers (atw_night_shift_duration). These schools have no employers, so their
    # models must still be byte-identical, and that is what decides the search.
    assert model_digest(build_model(data)) == BEFORE[f"{name}|build:default"]
    assert solve_digest(data, 2.0) == BEFORE[f"{name}|solve"]  # same seed, one worker: same timetable
