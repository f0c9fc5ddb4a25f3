"""benchmarks.vs_fet_groups (issue 27, item 3): the files of a vs_fet CSV grouped into missed, slow and fine,
with what each uses, taken from the file itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.instances import FET_EXAMPLES
from benchmarks.run import write_stamped_csv
from benchmarks.vs_fet import COLUMNS
from benchmarks.vs_fet_groups import features, kind_of, main, report
from solver.io.fet_import import import_fet
from tests.benchmarks.test_vs_fet_broad import run

needs_fet_data = pytest.mark.skipif(not FET_EXAMPLES.is_dir(), reason="package fet-data not installed")
SMALL = "FET-5-official/Denmark/small-school"
HOPWOOD = "FET-5-official/United-Kingdom/Hopwood/Hopwood"


def test_the_kinds():
    assert kind_of({"fet": 1.0, "hyb": float("inf"), "ratio": None}, 2.0) == "missed"
    assert kind_of({"fet": 1.0, "hyb": 2.5, "ratio": 2.5}, 2.0) == "slow"
    assert kind_of({"fet": 1.0, "hyb": 2.0, "ratio": 2.0}, 2.0) == "fine"
    assert kind_of({"fet": float("inf"), "hyb": 1.0, "ratio": None}, 2.0) is None


@needs_fet_data
def test_the_features_come_from_the_file():
    plan = import_fet(FET_EXAMPLES / f"{SMALL}.fet").plan
    f = features(FET_EXAMPLES / f"{SMALL}.fet")
    assert f["lesuren"] == sum(lesson.count * lesson.duration for lesson in plan.lessons)
    assert 0 < f["set_full"] <= 1 and 0 <= f["teacher_full"] <= 1 and f["options"] >= 1


@needs_fet_data
def test_a_made_up_run_is_grouped(tmp_path: Path, capsys):
    rows = [run(SMALL, 0.1, 0.1), run(SMALL, 0.1, 0.12), run(HOPWOOD, 0.2, ""), run(HOPWOOD, 0.2, "")]
    lines = report(rows, slow=2.0)
    assert lines[0] == "Files FET solved: 2; missed 1, slow (ratio > 2) 0, fine 1."
    missed = [line for line in lines if line.startswith(f"| {HOPWOOD} |")]
    assert len(missed) == 1 and "| missed | 0.20 | none |" in missed[0]
    assert not any(line.startswith(f"| {SMALL} |") for line in lines)  # fine files are only counted
    out = tmp_path / "run.csv"
    write_stamped_csv(out, {"commit": "abc1234"}, "python -m benchmarks.vs_fet", COLUMNS, rows)
    assert main([str(out)]) == 0
    assert f"| {HOPWOOD} | missed |" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="no such file"):
        main([str(tmp_path / "absent.csv")])
