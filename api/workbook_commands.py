"""The plan workbook's commands (issue 22): a workbook or CSV folder to PLAN.json and back; the CLI's
handlers (api/cli/workbook.py) call these, as the others call api/commands.py."""

from __future__ import annotations

from pathlib import Path

from scenarios.demo import DEMO_PLAN_PATH
from solver.domain import Plan, load_plan
from solver.io.files import check_writable, write_atomic

__all__ = ["DEMO_PLAN_PATH", "export_csv_folder", "export_xlsx_file", "import_xlsx_file"]


def import_xlsx_file(*, xlsx_path: str | Path, out_path: str | Path, csv: bool = False) -> tuple[Path, Plan]:
    """Read a plan workbook (issue 22), or the same as a folder of CSV files, and write it as PLAN.json;
    a WorkbookError names every sheet and cell (file and line)."""
    import json

    from solver.io.workbook import read_workbook
    from solver.io.workbook.csvdir import read_csv_folder

    out = check_writable(out_path, inputs=(xlsx_path,))
    plan = (read_csv_folder if csv else read_workbook)(xlsx_path)  # before anything is written
    text = json.dumps(plan.model_dump(mode="json", exclude_defaults=True), indent=1, ensure_ascii=False) + "\n"
    return write_atomic(out, text), plan


def export_xlsx_file(*, plan_path: str | Path | None, out_path: str | Path) -> Path:
    """Write a plan (None: the empty template) as a workbook."""
    from solver.io.workbook import write_workbook

    out = check_writable(out_path, inputs=(plan_path,) if plan_path else ())
    return write_workbook(load_plan(plan_path) if plan_path else None, out)


def export_csv_folder(*, plan_path: str | Path, out_dir: str | Path) -> list[Path]:
    """Write a plan as a folder of CSV files (the workbook's sheets)."""
    from solver.io.workbook.csvdir import csv_files, write_csv_folder

    plan = load_plan(plan_path)
    for name in csv_files(plan):
        check_writable(Path(out_dir) / name, inputs=(plan_path,))
    return write_csv_folder(plan, out_dir)
