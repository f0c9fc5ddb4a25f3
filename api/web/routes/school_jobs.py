"""Solving and re-planning from the pages, and following a job: its page (progress as text and a chart, drawn
by school.js from the events), its event stream with the cookie login (an EventSource cannot send a bearer
header) and Cancel. Each calls the API's own route function, so the checks and the queue are the same."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from api.deps import SessionDep, SettingsDep
from api.routes import jobs as job_routes
from api.schemas_jobs import ReplanRequest
from api.web.deps import FormPageDep, PageDep
from api.web.render import render
from api.web.routes.school_common import desk_context, problems, school_for

router = APIRouter(include_in_schema=False)


def _job_of(session, page, school, job_id: str):
    job = job_routes.visible_job(session, page.caller, job_id)
    if job.org_id != school.id:
        raise HTTPException(404, "not found")
    return job


def _refused(request: Request, page, session, school, error: HTTPException) -> Response:
    """A solve or re-plan the API refuses (nothing to start from, a full queue, a plan with a mistake): the
    desk again, with why."""
    session.rollback()
    return render(request, page, "school/desk.html", status_code=error.status_code, refused=problems(error),
                  **desk_context(session, page, school))


@router.post("/school/{org_id}/solve")
def solve(org_id: str, request: Request, page: FormPageDep, session: SessionDep, settings: SettingsDep) -> Response:
    school = school_for(session, page, org_id)
    try:
        job = job_routes.solve_school(school.id, request, Response(), page.caller, session, settings, None, 0)
    except HTTPException as error:
        if error.status_code not in (409, 422, 429):
            raise
        return _refused(request, page, session, school, error)
    return RedirectResponse(f"/app/school/{school.id}/jobs/{job.id}", status_code=303)


@router.post("/school/{org_id}/replan")
def replan(org_id: str, request: Request, page: FormPageDep, session: SessionDep, settings: SettingsDep
           ) -> Response:
    school = school_for(session, page, org_id)
    try:
        job = job_routes.replan_school(school.id, ReplanRequest(), request, Response(), page.caller, session,
                                       settings, 0)
    except HTTPException as error:
        if error.status_code not in (409, 422, 429):
            raise
        return _refused(request, page, session, school, error)
    return RedirectResponse(f"/app/school/{school.id}/jobs/{job.id}", status_code=303)


@router.get("/school/{org_id}/jobs/{job_id}")
def job_page(org_id: str, job_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    school = school_for(session, page, org_id)
    job = job_routes.job_out(session, page.caller, _job_of(session, page, school, job_id))
    points = [point.model_dump() for point in job.progress]
    return render(request, page, "school/job.html", school=school, job=job, points=points,
                  last=points[-1] if points else None,
                  final=job.state in ("done", "failed", "cancelled"))


@router.get("/school/{org_id}/jobs/{job_id}/events")
def job_events(org_id: str, job_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    """The API's event stream of the job, for the page's login."""
    school = school_for(session, page, org_id)
    _job_of(session, page, school, job_id)
    return job_routes.job_events(job_id, request, page.caller, session)


@router.post("/school/{org_id}/jobs/{job_id}/cancel")
def cancel(org_id: str, job_id: str, request: Request, page: FormPageDep, session: SessionDep) -> Response:
    school = school_for(session, page, org_id)
    _job_of(session, page, school, job_id)
    job_routes.cancel_job(job_id, request, page.caller, session)
    return RedirectResponse(f"/app/school/{school.id}/jobs/{job_id}", status_code=303)
