"""Templates to fill in: the plan workbook (empty, or filled with the demo as an example), the same as a zip
of CSV files, a small Plan JSON and an employer's part as JSON. Any logged-in user may download them."""

from __future__ import annotations

import io
import zipfile
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import CallerDep
from api.schemas_plans import EMPLOYER_EXAMPLE, PLAN_EXAMPLE, errors
from api.workbook_commands import DEMO_PLAN_PATH

router = APIRouter(tags=["templates"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Example = Annotated[bool, Query(description="true: filled with the demo plan, as an example; false: empty.")]


def _file(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _binary(media: str) -> dict:
    return {200: {"content": {media: {}}, "description": "The file."}, **errors(401)}


@router.get("/templates/plan.xlsx", response_class=Response, responses=_binary(XLSX))
def plan_workbook(caller: CallerDep, example: Example = False) -> Response:
    """The plan workbook to fill in (as `hybrooster template` makes it): a sheet per part of the plan and
    an explanation (Uitleg). With example=true it holds the demo plan."""
    from solver.domain import load_plan
    from solver.io.workbook.write import workbook_bytes

    plan = load_plan(DEMO_PLAN_PATH) if example else None
    return _file(workbook_bytes(plan), XLSX, "plan-example.xlsx" if example else "plan.xlsx")


@router.get("/templates/plan-csv.zip", response_class=Response, responses=_binary("application/zip"))
def plan_csv_zip(caller: CallerDep, example: Example = False) -> Response:
    """The plan as CSV files (one per sheet of the workbook, ';' and UTF-8), in a zip to upload again."""
    from solver.domain import load_plan
    from solver.io.workbook.csvdir import BOM, csv_files
    from solver.io.workbook.sheets import SHEETS
    from solver.io.workbook.write import sheet_headers

    if example:
        files = csv_files(load_plan(DEMO_PLAN_PATH))
    else:
        files = {f"{sheet.name}.csv": BOM + ";".join(sheet_headers(sheet)) + "\r\n" for sheet in SHEETS}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return _file(buffer.getvalue(), "application/zip", "plan-example-csv.zip" if example else "plan-csv.zip")


@router.get("/templates/plan.json", responses=errors(401))
def plan_json(caller: CallerDep) -> dict:
    """A small example of a whole plan as JSON: a school, two teachers, lessons, a company and an hto'er."""
    return PLAN_EXAMPLE


@router.get("/templates/employer.json", responses=errors(401))
def employer_json(caller: CallerDep) -> dict:
    """A small example of a company's part as JSON: its shifts, staffing demand and staff with their roster."""
    return EMPLOYER_EXAMPLE
