"""The upload wizard: 1. which kind of file (with its templates), 2. the file, 3. the new version with its
notes, or every problem at its file, sheet or row and column. The upload goes through the API's own route
function, so a file with a mistake keeps nothing, exactly as there."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import Response

from api.deps import SessionDep, SettingsDep
from api.routes.plans import upload_school_plan
from api.services.plans import latest_version
from api.web.deps import FormPageDep, PageDep
from api.web.render import render
from api.web.routes.school_common import problems, school_for

router = APIRouter(include_in_schema=False)

# kind -> the file types the browser offers, and the templates to start from (name, example?)
KINDS = {"xlsx": (".xlsx", [("plan.xlsx", False), ("plan.xlsx", True)]),
         "csv": (".zip", [("plan-csv.zip", False), ("plan-csv.zip", True)]),
         "untis": (".zip", []),
         "fet": (".fet,.xml", [])}


@router.get("/school/{org_id}/upload")
def upload_form(org_id: str, request: Request, page: PageDep, session: SessionDep, kind: str | None = None
                ) -> Response:
    school = school_for(session, page, org_id)
    chosen = kind if kind in KINDS else None
    return render(request, page, "school/upload.html", school=school, kinds=KINDS, kind=chosen,
                  version=latest_version(session, school.id))


@router.post("/school/{org_id}/upload")
def upload(org_id: str, request: Request, page: FormPageDep, session: SessionDep, settings: SettingsDep,
           file: Annotated[UploadFile, File()], kind: Annotated[str, Form(max_length=10)] = "xlsx",
           note: Annotated[str, Form(max_length=2000)] = "",
           ignore_unsupported: Annotated[bool, Form()] = False) -> Response:
    school = school_for(session, page, org_id)
    try:
        kept = upload_school_plan(school.id, page.caller, session, settings, file, note, ignore_unsupported)
    except HTTPException as error:
        if error.status_code not in (413, 422):
            raise
        session.rollback()
        return render(request, page, "school/upload_result.html", status_code=error.status_code, school=school,
                      kept=None, errors=problems(error), kind=kind if kind in KINDS else None,
                      file_name=file.filename or "")
    return render(request, page, "school/upload_result.html", school=school, kept=kept, errors=[],
                  kind=kind if kind in KINDS else None, file_name=file.filename or "")
