"""benchmarks.vs_fet with --seeds: per-file medians, a run without a timetable counting as infinitely slow."""

from __future__ import annotations

import math

from benchmarks.vs_fet import COLUMNS, medians_table, per_file, summary


def run(file, fet_s, hyb_s):
    row = {c: "" for c in COLUMNS}
    row.update(file=file, fet_status="solved" if fet_s != "" else "time limit", fet_s=fet_s, hyb_s=hyb_s,
               hyb_status="FEASIBLE" if hyb_s != "" else "UNKNOWN", hyb_hard=0 if hyb_s != "" else "")
    return row


ROWS = [
    run("a", 10.0, 5.0), run("a", 30.0, 50.0), run("a", 20.0, ""),  # medians: FET 20, Hyb 50
    run("b", "", 1.0), run("b", "", 2.0), run("b", 4.0, 3.0),  # FET solved 1 of 3: not solved
    run("c", 2.0, ""), run("c", 2.0, ""), run("c", 2.0, 1.0),  # Hyb solved 1 of 3: not solved
]


def test_per_file_medians_count_a_missing_timetable_as_infinite():
    files = {f["file"]: f for f in per_file(ROWS)}
    assert (files["a"]["fet"], files["a"]["hyb"], files["a"]["ratio"]) == (20.0, 50.0, 2.5)
    assert math.isinf(files["b"]["fet"]) and files["b"]["hyb"] == 2.0 and files["b"]["ratio"] is None
    assert math.isinf(files["c"]["hyb"]) and files["c"]["hyb_solved"] == 1


def test_the_summary_takes_the_median_ratio_over_files_both_solve():
    lines = summary(ROWS)
    assert lines[-1].endswith("2.500 |")  # only file a: both sides solve more than half of its runs
    assert "| FET finds a timetable | 7/9 | 2/3 |" in lines
    table = medians_table(ROWS)
    assert any(line.startswith("| b | 1/3 | none | 3/3 | 2.0 |") for line in table)


def test_a_timetable_the_validator_rejects_does_not_count_as_solved():
    broken = run("d", 5.0, 1.0) | {"hyb_hard": 2}
    files = per_file([broken, run("d", 5.0, 2.0), run("d", 5.0, "")])
    assert files[0]["hyb_solved"] == 1 and math.isinf(files[0]["hyb"])


def test_the_median_is_taken_over_unrounded_ratios():
    """1.0 and 1.0137 (shown 1.01): their median is 1.007, above 1.0, not a rounded 1.00."""
    rows = [run("e", 0.01, 0.01), run("f", 3.65, 3.7)]
    assert summary(rows)[-1].endswith("1.007 |")
