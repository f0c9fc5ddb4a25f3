"""The plan workbook opens without repair in LibreOffice (issue 22): `soffice --headless --convert-to csv`
writes every sheet, and a workbook LibreOffice saved again reads back as the same plan."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from scenarios.demo import DEMO_PLAN_PATH
from solver.domain import load_plan
from solver.io.workbook import read_workbook, write_workbook
from solver.io.workbook.sheets import SHEETS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice, Debian's libreoffice-calc) is "
                                                        "not installed; .ci/run installs it")
# CSV, ';'-separated, UTF-8, every sheet to its own file (the last token, -1: LibreOffice 7.2 and later).
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):59,34,UTF8,1,,0,false,true,false,false,false,-1"


def _soffice(tmp_path: Path, target: str, source: Path, out: Path) -> None:
    profile = (tmp_path / "profile").as_uri()  # its own profile: no clash with another LibreOffice running
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                           "--outdir", str(out), str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def demo_workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("lo") / "plan.xlsx"
    write_workbook(load_plan(DEMO_PLAN_PATH), path)
    return path


def test_every_sheet_converts_to_csv(demo_workbook, tmp_path):
    _soffice(tmp_path, ALL_SHEETS_CSV, demo_workbook, tmp_path / "csv")
    for sheet in ["Uitleg", *(s.name for s in SHEETS)]:
        path = tmp_path / "csv" / f"plan-{sheet}.csv"
        assert path.is_file(), sheet
        with path.open(encoding="utf-8") as handle:
            header = next(csv.reader(handle, delimiter=";"))
        spec = next((s for s in SHEETS if s.name == sheet), None)
        if spec is not None and not spec.key_value:
            assert header == [c.header for c in spec.columns]
    lessons = (tmp_path / "csv" / "plan-Lessen.csv").read_text(encoding="utf-8").splitlines()
    assert len(lessons) == 1 + len(load_plan(DEMO_PLAN_PATH).lessons)


def test_a_workbook_saved_again_by_libreoffice_reads_back_the_same(demo_workbook, tmp_path):
    _soffice(tmp_path, "xlsx", demo_workbook, tmp_path / "saved")
    assert read_workbook(tmp_path / "saved" / "plan.xlsx").model_dump() == load_plan(DEMO_PLAN_PATH).model_dump()
