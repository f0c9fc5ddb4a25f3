"""benchmarks.vs_fet for issue 27: the fet-broad set, --files, FET's seeds and the summary figures."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from benchmarks.fet_run import fet_cl
from benchmarks.instances import FET_DEV, FET_EXAMPLES, fet_files
from benchmarks.vs_fet import COLUMNS, SET_LISTS, main, per_file
from benchmarks.vs_fet_figures import figures, figures_table

needs_fet_data = pytest.mark.skipif(not FET_EXAMPLES.is_dir(), reason="package fet-data not installed")
needs_fet = pytest.mark.skipif(fet_cl() is None or not FET_EXAMPLES.is_dir(), reason="fet-cl or fet-data missing")


def run(file, fet_s, hyb_s, hyb_hard=0):
    row = {c: "" for c in COLUMNS}
    row.update(file=file, fet_status="solved" if fet_s != "" else "time limit", fet_s=fet_s, hyb_s=hyb_s,
               hyb_status="FEASIBLE" if hyb_s != "" else "UNKNOWN", hyb_hard=hyb_hard if hyb_s != "" else "")
    return row


# One run a file. Ratios of the files both solve: quick 3.0, mid 0.5, slow 2.0, tie 1.0, huge 6.0.
ROWS = [
    run("quick", 0.1, 0.3),  # FET < 0.2 s
    run("fast", 0.05, ""),  # FET < 0.2 s, missed by Hybrooster
    run("mid", 4.0, 2.0),
    run("slow", 10.0, 20.0),
    run("tie", 0.5, 0.5),
    run("huge", 1.0, 6.0),  # FET needs exactly 1 s: counts as "at least 1 s"
    run("fet-none", "", 7.0),
    run("neither", "", ""),
    run("broken", 3.0, 1.0, hyb_hard=1),  # not certified: a miss
]


def test_the_figures_of_a_made_up_table():
    f = figures(per_file(ROWS))
    assert (f["files"], f["fet_solved"], f["hyb_solved"], f["both"]) == (9, 7, 6, 5)
    assert f["hyb_missed"] == ["fast", "broken"] and f["fet_missed"] == ["fet-none"]
    assert f["median_ratio"] == pytest.approx(2.0)  # 0.5, 1.0, 2.0, 3.0, 6.0
    assert f["slow"] == 3 and f["median_ratio_slow"] == pytest.approx(2.0)  # mid 0.5, slow 2.0, huge 6.0
    assert f["worst"] == ("huge", pytest.approx(6.0)) and f["worst_slow"] == ("huge", pytest.approx(6.0))
    assert f["easy"] == 2 and math.isinf(f["easy_hyb_median"])  # quick 0.3 and fast (none): median of 2 is inf
    table = figures_table(per_file(ROWS))
    assert "| missed by Hybrooster where FET solved | 2: fast, broken |" in table
    assert "| median ratio where FET needs >= 1 s (3) | 2.000 |" in table
    assert "| worst ratio, files both solve | 6.00 (huge) |" in table


def test_the_figures_take_medians_over_seeds_first():
    rows = [run("a", 1.0, 0.5), run("a", 3.0, 9.0), run("a", 2.0, 1.0),  # medians FET 2, Hyb 1: ratio 0.5
            run("b", 0.1, 0.05), run("b", 0.1, ""), run("b", 0.1, 0.07)]  # Hyb 0.07 over FET 0.1
    f = figures(per_file(rows))
    assert f["median_ratio_slow"] == pytest.approx(0.5) and f["slow"] == 1
    assert f["easy_hyb_median"] == pytest.approx(0.07) and f["median_ratio"] == pytest.approx((0.5 + 0.7) / 2)


def test_no_file_both_solve_gives_dashes_not_an_error():
    table = figures_table(per_file([run("x", "", 1.0), run("y", 1.0, "")]))
    assert "| median ratio Hybrooster/FET, files both solve (0) | — |" in table


@needs_fet_data
def test_fet_broad_lists_83_schools_that_exist_the_dev_files_among_them():
    files = fet_files(str(SET_LISTS["fet-broad"]))
    assert len(files) == len(set(files)) == 83
    assert {FET_EXAMPLES / "FET-5-official" / name for name in FET_DEV} <= set(files)


@needs_fet
def test_the_harness_on_the_first_two_files_of_a_list(tmp_path: Path):
    listing = tmp_path / "three.txt"
    listing.write_text("FET-5-official/Denmark/small-school.fet\nFET-5-official/United-Kingdom/Hopwood/Hopwood.fet\n"
                       "FET-5-official/Germany/secondary-school-2/GYR.fet\n")
    out = tmp_path / "out.csv"
    assert main(["--set", str(listing), "--files", "2", "--time-limit", "10", "--workers", "1", "--seed", "3",
                 "--out", str(out)]) == 0
    lines = [line for line in out.read_text().splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert [r["file"] for r in rows] == ["FET-5-official/Denmark/small-school",
                                         "FET-5-official/United-Kingdom/Hopwood/Hopwood"]  # GYR not run
    for r in rows:
        assert r["fet_status"] == "solved" and r["hyb_hard"] == "0" and r["fet_accepts"] == "yes", r
        assert r["seed"] == "3" and float(r["ratio"]) > 0
    per_file_lines = [line for line in (tmp_path / "out-files.csv").read_text().splitlines()
                      if not line.startswith("#")]
    assert len(per_file_lines) == 3 and per_file_lines[0].startswith("file,runs,fet_solved")


@needs_fet
def test_resume_keeps_the_runs_a_stopped_run_wrote_and_refuses_other_code(tmp_path: Path, monkeypatch):
    """The CSV is written after every run; --resume keeps its runs and does only the rest, and refuses a CSV
    that other code wrote."""
    import benchmarks.vs_fet as vs_fet

    info = {"commit": "abc1234", "ortools": "9.x", "machine": "test", "date": "now"}
    monkeypatch.setattr(vs_fet, "stamp", lambda: dict(info))
    listing = tmp_path / "two.txt"
    listing.write_text("FET-5-official/Denmark/small-school.fet\nFET-5-official/United-Kingdom/Hopwood/Hopwood.fet\n")
    out = tmp_path / "out.csv"
    common = ["--set", str(listing), "--time-limit", "10", "--workers", "1", "--out", str(out)]
    assert main([*common, "--files", "1"]) == 0
    first = out.read_text().splitlines()[-1]
    assert first.startswith("FET-5-official/Denmark/small-school,")
    assert main([*common, "--resume"]) == 0
    lines = [line for line in out.read_text().splitlines() if not line.startswith("#")]
    assert len(lines) == 3 and lines[1] == first  # kept as it was, not run again
    assert lines[2].startswith("FET-5-official/United-Kingdom/Hopwood/Hopwood,")
    info["commit"] = "0000000"  # other code: not mixed in
    with pytest.raises(SystemExit, match="runs of different code are not mixed"):
        main([*common, "--resume"])
