"""The roosteraar's desk ("Rooster"): the school's timetables, the plan's current version, when the hto'ers
are busy, the actions, the conflicts of the current timetable and, loaded after the page, why the plan has
no timetable. The upload wizard, the jobs and one timetable's page are sub-routers included here."""

from __future__ import annotations

import io
import zipfile

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from api.deps import SessionDep
from api.routes import exports as export_routes
from api.routes import templates as template_routes
from api.services import publishing
from api.services.checks import explain_school
from api.services.fet_files import timetable_as_fet
from api.services.visibility import school_plan
from api.web.deps import PageDep
from api.web.render import render
from api.web.routes import school_jobs, school_timetable, school_upload
from api.web.routes.school_common import desk_context, school_for, timetable_of
from solver.domain import Plan, PlanError

router = APIRouter(prefix="/app", include_in_schema=False)
router.include_router(school_upload.router)
router.include_router(school_jobs.router)
router.include_router(school_timetable.router)

NAV = {"roosteraar": [("school.title", "/app/school/{org}"), ("school.nav_upload", "/app/school/{org}/upload"),
                      ("grid.title", "/app/school/{org}/grid")]}
START = {"roosteraar": "/app/school/{org}"}

EXPLAIN_SECONDS = 5.0  # the explanation searches this long at most: the fragment answers within seconds
DOWNLOADS = {"xlsx": export_routes.export_xlsx, "csv": export_routes.export_csv, "html": export_routes.export_html}


@router.get("/school/{org_id}")
def desk(org_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    school = school_for(session, page, org_id)
    return render(request, page, "school/desk.html", **desk_context(session, page, school))


@router.get("/school/{org_id}/explain")
def explain(org_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    """The explanation fragment (htmx, after the page is shown): it solves, so never inside the page itself."""
    school = school_for(session, page, org_id)
    try:
        found = explain_school(session, caller=page.caller, school=school, time_limit=EXPLAIN_SECONDS)
    except PlanError as error:
        found = {"status": "plan_error", "items": [], "summary_nl": str(error), "summary_en": str(error)}
    return render(request, page, "school/_explain.html", explanation=found)


@router.get("/school/{org_id}/timetables/{timetable_id}/download.{fmt}")
def download(org_id: str, timetable_id: str, fmt: str, page: PageDep, session: SessionDep) -> Response:
    """The API's exports with the page's login: the same functions, so the same cut of what a roosteraar sees."""
    school = school_for(session, page, org_id)
    record = timetable_of(session, page, school, timetable_id)
    if fmt == "untis":
        return _untis(record)
    if fmt == "fet":
        data, name = timetable_as_fet(session, school=school, record=record)
        return Response(data, media_type="application/xml",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    if fmt not in DOWNLOADS:
        raise HTTPException(404, "not found")
    answer = DOWNLOADS[fmt](record.id, page.caller, session)
    if fmt == "html":
        answer.headers["Content-Disposition"] = f'attachment; filename="timetable-{record.id[:8]}.html"'
    return answer


def _untis(record) -> Response:
    """The timetable as Untis GPU files in a zip, made from the school's part of the plan only and without
    the companies' rosters (no shift of any company leaves through a school's file)."""
    from solver.io.untis.read import Dialect
    from solver.io.untis.write import render as render_rows, untis_files

    plan, timetable = publishing.plan_and_timetable(record)
    plan = Plan.model_validate(school_plan(plan))
    timetable = timetable.model_copy(update={"rosters": []})
    dialect = Dialect()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in untis_files(plan, timetable).items():
            archive.writestr(name, render_rows(rows, dialect).encode(dialect.encoding))
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="untis-{record.id[:8]}.zip"'})


@router.get("/school/{org_id}/templates/{name}")
def template(org_id: str, name: str, page: PageDep, session: SessionDep, example: bool = False) -> Response:
    """The plan templates (empty or filled with the demo) with the page's login."""
    school_for(session, page, org_id)
    files = {"plan.xlsx": template_routes.plan_workbook, "plan-csv.zip": template_routes.plan_csv_zip}
    if name not in files:
        raise HTTPException(404, "not found")
    return files[name](page.caller, example)
