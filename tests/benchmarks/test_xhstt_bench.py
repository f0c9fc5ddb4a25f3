"""benchmarks.xhstt (issue 26, item 5): the harness on the smallest instance with a tiny limit writes its CSV
and solution files, and the evaluator reading a solution file back gets the CSV's costs; the summary
arithmetic on a made-up table; bad input named before anything runs. The harness test uses the copy of
BR-SA-00 in tests/data/xhstt (so it runs anywhere); the check of the shared README is skipped without the
shared data folder."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from benchmarks import xhstt
from benchmarks.xhstt import COLUMNS, DEFAULT_DATA, DEV, main, parse_checkpoints, run_instance
from benchmarks.xhstt_summary import markdown, per_instance, read_best_known, summarise, within
from solver.io.xhstt.plan_files import solution_costs

ROOT = Path(__file__).resolve().parents[2]
SMALLEST = ROOT / "tests" / "data" / "xhstt" / "BR-SA-00.xml"
README_ROWS = """# made-up copy of the shared README's table

| instance | country | best known hard / soft | by |
|---|---|---|---|
| BR-SA-00 | Brazil | 0 / 5 | Lectio |
| XX-NO-00 | nowhere | unknown | nobody |
"""


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    stamp = [line for line in lines if line.startswith("#")]
    return stamp, list(csv.DictReader(line for line in lines if not line.startswith("#")))


def test_harness_on_the_smallest_instance(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(SMALLEST, data / "BR-SA-00.xml")
    (data / "README.md").write_text(README_ROWS, encoding="utf-8")
    out = tmp_path / "results"

    # BR-SA-00's first timetable comes in 0.2-1.2 s (compile included) when the machine is quiet
    code = main(["--set", "dev", "--instances", "BR-SA-00", "--time-limit", "6", "--checkpoints", "4",
                 "--data", str(data), "--out-dir", str(out)])

    assert code == 0
    stamp, rows = read_csv(out / "xhstt-dev-BR-SA-00-6s.csv")
    assert [line.split(":")[0] for line in stamp] == ["# commit", "# ortools", "# machine", "# date", "# command"]
    assert "--time-limit 6" in stamp[-1]
    assert [r["checkpoint_s"] for r in rows] == ["4", "6"]
    for row in rows:
        assert row["imported"] == "yes" and row["certified"] == "yes" and row["hard_violations"] == "0"
        assert (row["best_hard"], row["best_soft"]) == ("0", "5")
        solution = out / row["solution_file"]
        assert solution.name == f"BR-SA-00-{row['checkpoint_s']}s.xml" and solution.is_file()
        # the independent evaluator, reading the written file back, gets the CSV's costs
        _, evaluations = solution_costs(data / "BR-SA-00.xml", solution)
        assert len(evaluations) == 1
        assert (evaluations[0][1].infeasibility, evaluations[0][1].objective) == (int(row["hard"]), int(row["soft"]))
        # soft = the plan validator's soft cost + what the fixed split costs (58 on BR-SA-00, docs/xhstt.md)
        assert int(row["soft"]) - int(row["plan_soft"]) == int(row["offset"]) == 58
        assert int(row["bound_xhstt"]) == int(row["bound"]) + 58 <= int(row["soft"])
        assert row["within_10pct"] == ("yes" if int(row["soft"]) <= 5.5 else "no")
    assert rows[0]["first_hard0_s"] != "" and float(rows[0]["first_hard0_s"]) <= 6
    printed = capsys.readouterr().out
    written = (out / "xhstt-dev-BR-SA-00-6s.md").read_text(encoding="utf-8")
    for text in (printed, written):
        assert f"| BR-SA-00 | yes | 0 / {rows[0]['soft']} | 0 / {rows[1]['soft']} | {rows[1]['bound_xhstt']} | 0 / 5 |" in text
        assert "hard cost 0 on 1 of the 1 instances whose best known hard cost is 0" in text
    assert sorted(p.name for p in out.iterdir()) == ["BR-SA-00-4s.xml", "BR-SA-00-6s.xml", "xhstt-dev-BR-SA-00-6s.csv",
                                                     "xhstt-dev-BR-SA-00-6s.md"]


def test_an_instance_that_cannot_be_imported_is_a_row_not_a_crash(monkeypatch, tmp_path):
    from solver.io.xhstt import plan_files
    from solver.io.xhstt.to_plan_rules import Unmapped

    def refuse(path, instance_id, **_):
        raise plan_files.XhsttUnsupportedError(str(path), [Unmapped("AR_Pista", "AssignResource", "two rooms")])

    monkeypatch.setattr(plan_files, "import_xhstt", refuse)
    rows = run_instance("ES-SS-08", tmp_path / "ES-SS-08.xml", [60, 600], workers=2, seed=0,
                        ignore_unsupported=False, out_dir=tmp_path, best=(0, 335))
    assert len(rows) == 1
    assert rows[0]["imported"] == "no" and rows[0]["within_10pct"] == "no"
    assert "AR_Pista (AssignResource): two rooms" in rows[0]["note"]
    assert list(tmp_path.iterdir()) == []  # nothing solved, nothing written
    assert "| ES-SS-08 | no: unsupported: AR_Pista" in markdown(rows, [60, 600])


def test_left_out_constraints_are_counted_and_named(monkeypatch, tmp_path):
    """--ignore-unsupported: the row counts and names what the import left out, the table says so."""
    from solver.io.xhstt import plan_files
    from solver.io.xhstt.to_plan_rules import Unmapped

    real = plan_files.import_xhstt

    def with_one_left_out(path, instance_id, **options):  # as --ignore-unsupported returns one
        imported = real(path, instance_id, **options)
        imported.unsupported.append(Unmapped("AR_Room2", "AssignResource", "a second room"))
        return imported

    monkeypatch.setattr(plan_files, "import_xhstt", with_one_left_out)
    rows = run_instance("BR-SA-00", SMALLEST, [4], workers=2, seed=0, ignore_unsupported=True, out_dir=tmp_path,
                        best=None)
    assert [(r["imported"], r["left_out"]) for r in rows] == [("yes", 1)]
    assert "left out (--ignore-unsupported): AR_Room2 (AssignResource): a second room" in rows[0]["note"]
    assert rows[0]["within_10pct"] == "" and rows[0]["certified"] == "yes"
    assert "| BR-SA-00 | yes, 1 left out | 0 / " in markdown(rows, [4])


def row(instance, at, hard, soft, *, best=(0, 100), certified="yes", status="FEASIBLE", bound=""):
    values = {c: "" for c in COLUMNS}
    values.update(instance=instance, imported="yes", checkpoint_s=at, status=status, hard=hard, soft=soft,
                  certified=certified if hard != "" else "", best_hard=best[0], best_soft=best[1],
                  bound_xhstt=bound, first_hard0_s=1.5)
    return values


# A made-up run, checkpoints 60 and 600. Best known soft 100 unless given; within 10 %: soft <= 110.
TABLE = [
    row("A", 60, 0, 150), row("A", 600, 0, 110, bound=40),  # within (the edge)
    row("B", 60, 0, 120), row("B", 600, 0, 111),  # just outside
    row("C", 60, 3, 50), row("C", 600, 1, 90),  # hard above 0: neither within nor hard 0
    row("D", 60, 0, 0, best=(0, 0)), row("D", 600, 0, 0, best=(0, 0), status="OPTIMAL"),  # best soft 0: optimal does not count
    row("E", 60, 0, 80, certified="NO"), row("E", 600, 0, 80, certified="NO"),  # uncertified: counts for nothing
    row("NL-KP-03", 60, 0, 260, best=(0, 199)), row("NL-KP-03", 600, 0, 199, best=(0, 199), status="OPTIMAL", bound=199),
    row("NL-KP-05", 60, "", "", best=(0, 425)), row("NL-KP-05", 600, 0, 440, best=(0, 425)),  # within, above GOAL
    row("NL-KP-09", 60, "", "", best=(0, 1620)), row("NL-KP-09", 600, "", "", best=(0, 1620)),  # no timetable
    # best known hard 2: beaten (imported with --ignore-unsupported, which the table says)
    {**row("F", 60, 0, 30, best=(2, 40)), "left_out": 2}, {**row("F", 600, 0, 30, best=(2, 40)), "left_out": 2},
    {**{c: "" for c in COLUMNS}, "instance": "G", "imported": "no", "note": "unsupported: X", "best_hard": 0,
     "best_soft": 5},
]


def test_summary_arithmetic_on_a_made_up_table():
    s = summarise(per_instance(TABLE))
    assert (s.hard0, s.hard0_of) == (5, 9)  # A B D NL-KP-03 NL-KP-05; C, E, NL-KP-09 and G miss; F's best is 2
    assert (s.within, s.within_of) == (5, 10)  # A D NL-KP-03 NL-KP-05 F (E is within, but uncertified)
    assert s.goal == {"NL-KP-03": (199, 199, True, True), "NL-KP-05": (440, 425, False, True),
                      "NL-KP-09": (None, 1620, False, True)}
    assert s.beaten == ["F"]
    assert s.proven == ["NL-KP-03"]
    assert s.uncertified == ["E"]
    table = markdown(TABLE, [60, 600])
    assert "| A | yes | 0 / 150 | 0 / 110 | 40 | 0 / 100 | yes | 1.5 |" in table
    assert "| B | yes | 0 / 120 | 0 / 111 |  | 0 / 100 | no | 1.5 |" in table
    assert "| E | yes | 0 / 80 (UNCERTIFIED) | 0 / 80 (UNCERTIFIED) |" in table
    assert "| NL-KP-09 | yes | none | none |" in table
    assert "| NL-KP-03 | yes | 0 / 260 | 0 / 199 | 199 (optimal) |" in table
    assert "soft cost within 10 % of the best known on 5 of 10" in table
    assert "NL-KP-05: soft 440 against GOAL's 425: above GOAL" in table
    assert "NL-KP-09: no timetable with hard cost 0 against GOAL's 1620" in table
    assert "best known beaten: F; proven optimal for the plan as imported (CP-SAT's bound): NL-KP-03" in table
    assert "UNCERTIFIED (our validator found hard violations): E" in table
    assert "| F | yes, 2 left out | 0 / 30 | 0 / 30 |" in table
    not_imported = [{**TABLE[-1], "instance": "NL-KP-05"}]
    assert summarise(per_instance(not_imported)).goal == {"NL-KP-05": (None, 425, False, False)}
    assert "NL-KP-05: not imported against GOAL's 425" in markdown(not_imported, [60, 600])


@pytest.mark.parametrize(("hard", "soft", "best", "expected"), [
    (0, 218, (0, 199), True), (0, 219, (0, 199), False), (0, 0, (0, 0), True), (0, 1, (0, 0), False),
    (1, 0, (0, 5), False), (None, None, (0, 5), False), (0, 3, (None, None), None),
])
def test_within_ten_percent(hard, soft, best, expected):
    assert within(hard, soft, *best) is expected


def test_checkpoints_and_bad_input(tmp_path):
    assert parse_checkpoints(None, 600) == [60, 600]
    assert parse_checkpoints("600,60", 600) == [60, 600]
    assert parse_checkpoints(None, 20) == [20]
    assert parse_checkpoints("2", 4.0) == [2, 4]
    with pytest.raises(SystemExit, match="at most the time limit"):
        parse_checkpoints("60,700", 600)
    with pytest.raises(SystemExit, match="whole seconds"):
        parse_checkpoints("1m", 600)
    missing = tmp_path / "nowhere"
    with pytest.raises(SystemExit, match=f"{missing}: the XHSTT data folder is not there"):
        main(["--data", str(missing), "--out-dir", str(tmp_path / "out")])
    with pytest.raises(SystemExit, match="no such instance file: .*NL-KP-03.xml"):
        main(["--data", str(tmp_path), "--instances", "NL-KP-03", "--out-dir", str(tmp_path / "out")])
    with pytest.raises(SystemExit, match="not in set dev: XX-00"):
        main(["--data", str(tmp_path), "--instances", "XX-00"])
    assert not (tmp_path / "out").exists()


def test_the_shared_readme_gives_every_dev_instance_its_best_known():
    readme = DEFAULT_DATA / "README.md"
    if not readme.is_file():
        pytest.skip(f"{readme} is not here (the shared data folder)")
    best = read_best_known(readme)
    assert sorted(best) == sorted(DEV)
    assert best["NL-KP-03"] == (0, 199) and best["NL-KP-09"] == (0, 1620) and best["BR-SA-00"] == (0, 5)
    assert all((DEFAULT_DATA / f"{name}.xml").is_file() for name in DEV)
    assert xhstt.SETS["dev"] == DEV
