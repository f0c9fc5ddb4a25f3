"""One timetable of the school: its state and figures, what a re-plan changed (as a roosteraar may see it),
which employers still have to approve it, Publish, its conflicts and its downloads."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep
from api.routes.timetables import publish_timetable, summary
from api.services import publishing
from api.services.visibility import report_for
from api.services.visibility_jobs import diff_for
from api.web.deps import FormPageDep, PageDep
from api.services.fet_files import fet_upload
from api.web.render import render
from api.web.routes.school_common import employer_names, school_for, timetable_of

router = APIRouter(include_in_schema=False)


def _context(session, page, school, record) -> dict:
    in_force = publishing.in_force_id(session, school.id)
    diff = diff_for(page.caller, record.diff)
    waiting = publishing.waiting_for(session, record) if record.state == "draft" else []
    return {"school": school, "record": record, "info": summary(session, page.caller, record, in_force),
            "diff": diff, "waiting": employer_names(session, waiting),
            "report": report_for(page.caller, record.report),
            "fet_version": getattr(fet_upload(session, school), "version", None)}


@router.get("/school/{org_id}/timetables/{timetable_id}")
def timetable_page(org_id: str, timetable_id: str, request: Request, page: PageDep, session: SessionDep
                   ) -> Response:
    school = school_for(session, page, org_id)
    record = timetable_of(session, page, school, timetable_id)
    return render(request, page, "school/timetable.html", **_context(session, page, school, record))


@router.post("/school/{org_id}/timetables/{timetable_id}/publish")
def publish(org_id: str, timetable_id: str, request: Request, page: FormPageDep, session: SessionDep) -> Response:
    """Publishing through the API's route: refused (409) while an employer has not approved; the page then
    names them."""
    school = school_for(session, page, org_id)
    record = timetable_of(session, page, school, timetable_id)
    try:
        publish_timetable(record.id, page.caller, session)
    except HTTPException as error:
        if error.status_code != 409:
            raise
        session.rollback()
        record = timetable_of(session, page, school, timetable_id)
        context = _context(session, page, school, record)
        return render(request, page, "school/timetable.html", status_code=409, refused=True,
                      refused_detail=str(error.detail), **context)
    return RedirectResponse(f"/app/school/{school.id}/timetables/{record.id}?published=1", status_code=303)
