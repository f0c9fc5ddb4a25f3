"""Solve jobs: start a solve, re-plan, what-if or regional batch (202 with the job), follow it (status,
progress, a server-sent-events stream), cancel it, and read its result as your role may see it."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from time import monotonic
from typing import Annotated

import anyio
from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, undefer

from api.deps import Caller, CallerDep, SessionDep, SettingsDep, not_found, require_role
from api.jobs import submit
from api.schemas import body_example
from api.schemas_jobs import (
    BatchRequest, EmployerWhatIfRequest, JobKind, JobLinks, JobOut, JobResultOut, JobState, ReplanRequest,
    SchoolWhatIfRequest, SolveRequest,
)
from api.services.access import may_see, visible_org
from api.services.visibility import timetable_for
from api.services.visibility_jobs import diff_for, job_result_for
from api.store.models import Job, Organisation, TimetableRecord, new_id, now
from solver.domain import Plan, Timetable

router = APIRouter(tags=["jobs"])

READERS = ("roosteraar", "planner", "coordinator", "admin")
SCHOOL_ROLES = ("roosteraar", "coordinator", "admin")
STREAM_SECONDS = 3600.0  # a stream ends after an hour at most; the client connects again
Wait = Annotated[float, Query(ge=0, le=10, description=(
    "Seconds to wait for the job to end: if it ends in time the answer is 200 with its result, "
    "otherwise 202 as without waiting."))]
DENIED = {401: {"description": "Not logged in, or the login has expired."},
          403: {"description": "Your role may not do this."},
          404: {"description": "Not found, or not one you may see."}}
ACCEPTED = {**DENIED, 200: {"model": JobOut, "description": "The job ended within `wait` seconds: its result is in."},
            409: {"description": "There is nothing to start from yet (a re-plan or what-if needs a timetable)."},
            429: {"description": "The job queue is full: try again in a minute."}}


def job_links(job: Job) -> JobLinks:
    base = f"/jobs/{job.id}"
    return JobLinks(self=base, events=f"{base}/events", result=f"{base}/result", cancel=f"{base}/cancel",
                    report=f"{base}/report" if job.kind == "batch" else None)


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; they were stored in UTC (the answer names its time zone)."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


def job_out(session: Session, caller: Caller, job: Job) -> JobOut:
    position = None
    if job.state == "queued":
        position = session.scalar(select(func.count()).select_from(Job).where(
            Job.state == "queued", Job.created_at < job.created_at))
    return JobOut(id=job.id, kind=job.kind, state=job.state, org_id=job.org_id, created_at=_utc(job.created_at),
                  started_at=_utc(job.started_at), finished_at=_utc(job.finished_at), attempts=job.attempts,
                  queue_position=position, progress=job.progress or [], error=job.error,
                  timetable_id=job.timetable_id, result=job_result_for(caller, job), links=job_links(job))


def visible_job(session: Session, caller: Caller, job_id: str) -> Job:
    """The job, if the caller may see its organisation; 404 as for a job that does not exist."""
    require_role(caller, *READERS)
    # the result summary in the same query: job_out reads it, and a deferred column costs a query of its own
    job = session.get(Job, job_id, options=[undefer(Job.result)])
    org = session.get(Organisation, job.org_id) if job is not None else None
    if org is None or not may_see(caller, org):
        raise not_found("job")
    return job


def _accepted(request: Request, response: Response, session: Session, caller: Caller, job: Job,
              wait: float) -> JobOut:
    """Commit the job (so that the dispatcher sees it), wake the dispatcher, wait if asked: 200 when it ended."""
    session.commit()
    manager = request.app.state.jobs
    if manager is not None:
        manager.wake()
    if wait > 0 and manager is not None:  # a server without workers would only wait in vain
        job = submit.wait_for(request.app.state.store, job.id, wait)
        session.expire_all()
        job = session.get(Job, job.id)
    response.headers["Location"] = f"/jobs/{job.id}"
    if job.state in submit.FINAL_STATES:
        response.status_code = status.HTTP_200_OK
    return job_out(session, caller, job)


@router.post("/schools/{org_id}/solve", response_model=JobOut, status_code=202, responses=ACCEPTED,
             openapi_extra=body_example("application/json", {"time_limit": 30, "seed": 0, "workers": 1}))
def solve_school(org_id: str, request: Request, response: Response, caller: CallerDep, session: SessionDep,
                 settings: SettingsDep, body: SolveRequest | None = None, wait: Wait = 0) -> JobOut:
    """Make a new timetable for the school from its plan and the planners' marks as they are now. The answer
    comes at once with the job: follow it at its links; the timetable is kept as a draft."""
    require_role(caller, *SCHOOL_ROLES)
    school = visible_org(session, caller, org_id, "school")
    body = body or SolveRequest()
    data = submit.solve_input(session, settings=settings, school=school, time_limit=body.time_limit,
                              seed=body.seed, workers=body.workers)
    job = submit.queue_job(session, settings=settings, org=school, user=caller.user, kind="solve", data=data)
    return _accepted(request, response, session, caller, job, wait)


@router.post("/schools/{org_id}/replan", response_model=JobOut, status_code=202, responses=ACCEPTED)
def replan_school(org_id: str, body: ReplanRequest, request: Request, response: Response, caller: CallerDep,
                  session: SessionDep, settings: SettingsDep, wait: Wait = 0) -> JobOut:
    """Re-plan with as few changes as possible to the timetable in force (or the one you name), after the
    planners' new marks or the change you give. The new timetable is kept as a draft, with what changed."""
    require_role(caller, *SCHOOL_ROLES)
    school = visible_org(session, caller, org_id, "school")
    data = submit.replan_input(session, settings=settings, school=school, based_on=body.based_on,
                               change=body.change, polish_seconds=body.polish_seconds, time_limit=body.time_limit)
    job = submit.queue_job(session, settings=settings, org=school, user=caller.user, kind="replan", data=data)
    return _accepted(request, response, session, caller, job, wait)


@router.post("/schools/{org_id}/whatif", response_model=JobOut, status_code=202, responses=ACCEPTED)
def whatif_school(org_id: str, body: SchoolWhatIfRequest, request: Request, response: Response, caller: CallerDep,
                  session: SessionDep, settings: SettingsDep, wait: Wait = 0) -> JobOut:
    """What would move if this change were made? Nothing is kept; add `?wait=5` to get the answer at once."""
    require_role(caller, *SCHOOL_ROLES)
    school = visible_org(session, caller, org_id, "school")
    data = submit.replan_input(session, settings=settings, school=school, based_on=None, change=body.change,
                               time_limit=submit.WHATIF_SECONDS, cap=submit.WHATIF_SECONDS)
    job = submit.queue_job(session, settings=settings, org=school, user=caller.user, kind="whatif", data=data)
    return _accepted(request, response, session, caller, job, wait)


@router.post("/employers/{org_id}/whatif", response_model=JobOut, status_code=202, responses=ACCEPTED)
def whatif_employer(org_id: str, body: EmployerWhatIfRequest, request: Request, response: Response,
                    caller: CallerDep, session: SessionDep, settings: SettingsDep, wait: Wait = 0) -> JobOut:
    """If you marked this, what would move? For each school where your hto'ers teach: when your staff would
    teach instead and which of your shifts would change. Nothing is kept; add `?wait=5` for the answer at once."""
    require_role(caller, "planner", "coordinator", "admin")
    employer = visible_org(session, caller, org_id, "employer")
    data = submit.employer_whatif_input(session, settings=settings, employer=employer,
                                        mark=body.mark.model_dump())
    job = submit.queue_job(session, settings=settings, org=employer, user=caller.user, kind="whatif", data=data)
    return _accepted(request, response, session, caller, job, wait)


@router.post("/regions/{org_id}/batch", response_model=JobOut, status_code=202, responses=ACCEPTED)
def batch_region(org_id: str, body: BatchRequest, request: Request, response: Response, caller: CallerDep,
                 session: SessionDep, settings: SettingsDep, wait: Wait = 0) -> JobOut:
    """Start regional runs: match hto candidates to schools' vacancies and compare the policy levers. When it
    is done, download the report from the job's report link."""
    require_role(caller, "coordinator", "admin")
    region = visible_org(session, caller, org_id, "region")
    job_id = new_id()
    data = submit.batch_input(settings=settings, job_id=job_id, **body.model_dump())
    job = submit.queue_job(session, settings=settings, org=region, user=caller.user, kind="batch", data=data,
                           job_id=job_id)
    return _accepted(request, response, session, caller, job, wait)


@router.get("/jobs", response_model=list[JobOut], responses=DENIED)
def list_jobs(caller: CallerDep, session: SessionDep, state: JobState | None = None, kind: JobKind | None = None,
              limit: Annotated[int, Query(ge=1, le=200)] = 50) -> list[JobOut]:
    """The jobs of your organisation, newest first (a coordinator: of the region; an admin: all of them)."""
    require_role(caller, *READERS)
    query = select(Job).options(undefer(Job.result)).join(Organisation, Organisation.id == Job.org_id)
    if caller.role == "coordinator":
        query = query.where((Job.org_id == caller.org_id) | (Organisation.region_id == caller.org_id))
    elif caller.role != "admin":
        query = query.where(Job.org_id == caller.org_id)
    if state is not None:
        query = query.where(Job.state == state)
    if kind is not None:
        query = query.where(Job.kind == kind)
    jobs = session.scalars(query.order_by(Job.created_at.desc(), Job.id).limit(limit))
    return [job_out(session, caller, job) for job in jobs]


@router.get("/jobs/{job_id}", response_model=JobOut, responses=DENIED)
def get_job(job_id: str, caller: CallerDep, session: SessionDep) -> JobOut:
    """One job: its state, its progress so far, why it failed, and what it found."""
    return job_out(session, caller, visible_job(session, caller, job_id))


@router.post("/jobs/{job_id}/cancel", response_model=JobOut, responses=DENIED)
def cancel_job(job_id: str, request: Request, caller: CallerDep, session: SessionDep) -> JobOut:
    """Stop a job. A waiting job never starts; a running solve stops within a second and keeps the best
    timetable it has found. A job that has ended stays as it is."""
    job = visible_job(session, caller, job_id)
    if job.state == "queued":
        stopped = session.execute(update(Job).where(Job.id == job.id, Job.state == "queued").values(
            state="cancelled", cancel_requested=True, finished_at=now(), error="cancelled before it started"))
        if stopped.rowcount != 1:  # a worker took it just now: stop it there
            session.execute(update(Job).where(Job.id == job.id).values(cancel_requested=True))
    elif job.state == "running":
        job.cancel_requested = True
    session.commit()
    if request.app.state.jobs is not None:
        request.app.state.jobs.cancel(job.id)
    session.expire_all()
    return job_out(session, caller, session.get(Job, job_id))


@router.get("/jobs/{job_id}/result", response_model=JobResultOut,
            responses={**DENIED, 409: {"description": "The job has not ended, or ended without a result."}})
def job_result(job_id: str, caller: CallerDep, session: SessionDep) -> JobResultOut:
    """What the job found: the timetable it made (as you may see it) with what changed, or a what-if's or
    a batch's answer. While the job waits or runs: 409."""
    job = visible_job(session, caller, job_id)
    if job.state not in ("done", "cancelled") or (job.timetable_id is None and job.result is None):
        why = f"it failed: {job.error}" if job.state == "failed" else f"it is {job.state}"
        raise HTTPException(status.HTTP_409_CONFLICT, f"this job has no result: {why}")
    out = JobResultOut(job_id=job.id, kind=job.kind, state=job.state, timetable_id=job.timetable_id)
    record = session.get(TimetableRecord, job.timetable_id) if job.timetable_id else None
    if record is not None:
        plan, timetable = Plan.model_validate(record.plan), Timetable.model_validate(record.body)
        out.timetable = timetable_for(caller, plan, timetable)
        out.diff = diff_for(caller, record.diff)
    elif job.kind in ("whatif", "batch"):
        out.answer = job_result_for(caller, job)
    return out


@router.get("/jobs/{job_id}/report", response_class=Response,
            responses={**DENIED,
                       200: {"content": {"application/zip": {}}, "description": "The report folder as a zip file."},
                       409: {"description": "The batch has not ended, or wrote no report."}})
def job_report(job_id: str, caller: CallerDep, session: SessionDep) -> Response:
    """A regional batch's report (report.html, the tables, and each run's timetable and views) as a zip file."""
    job = visible_job(session, caller, job_id)
    if job.kind != "batch":
        raise not_found("report")
    folder = Path(job.input["out"])
    if job.state not in ("done", "cancelled") or not (folder / "report.html").is_file():
        raise HTTPException(status.HTTP_409_CONFLICT, f"this batch has no report yet: it is {job.state}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.write(path, path.relative_to(folder).as_posix())
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="batch-{job.id[:8]}.zip"'})


def _event(name: str, data: dict, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\ndata: {json.dumps(data, default=str)}\n\n"


def _snapshot(store, job_id: str) -> dict:
    with store.session() as session:
        job = session.get(Job, job_id)
        return {"state": job.state, "progress": list(job.progress or []), "error": job.error,
                "timetable_id": job.timetable_id, "attempts": job.attempts}


@router.get("/jobs/{job_id}/events", response_class=StreamingResponse,
            responses={**DENIED, 200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
                             "description": "Server-sent events: 'state', 'progress' (one per new point), 'end'."}})
def job_events(job_id: str, request: Request, caller: CallerDep, session: SessionDep) -> StreamingResponse:
    """Follow a job as it runs: an event for each new progress point and each change of state, and a last
    'end' event when it has ended."""
    visible_job(session, caller, job_id)
    session.commit()  # no transaction stays open while the stream runs
    store, has_workers = request.app.state.store, request.app.state.jobs is not None

    async def stream():
        sent, state, began, pinged = 0, None, monotonic(), monotonic()
        while True:
            snap = await anyio.to_thread.run_sync(_snapshot, store, job_id)
            if len(snap["progress"]) < sent:  # it runs again (after a restart): its series began anew
                sent = 0
            if snap["state"] != state:
                state = snap["state"]
                yield _event("state", {"state": state, "attempts": snap["attempts"]})
            for index, point in enumerate(snap["progress"][sent:], start=sent):
                yield _event("progress", point, index)
            sent = len(snap["progress"])
            if state in submit.FINAL_STATES:
                yield _event("end", {"state": state, "error": snap["error"], "timetable_id": snap["timetable_id"]})
                return
            if not has_workers or monotonic() - began > STREAM_SECONDS:
                note = "this server runs no job workers" if not has_workers else "the stream ends: connect again"
                yield _event("end", {"state": state, "note": note})
                return
            if await request.is_disconnected():
                return
            if monotonic() - pinged > 15:
                pinged = monotonic()
                yield ": still running\n\n"
            await asyncio.sleep(0.25)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
