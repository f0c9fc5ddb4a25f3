"""Checks that make no timetable: validate a timetable you have against the school's plan, explain why a plan
has no timetable, and why a lesson is where it is. For the school's roosteraar; a coordinator and an admin
may read them too."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool

from api.deps import CallerDep, SessionDep, SettingsDep, require_role
from api.schemas import body_example
from api.schemas_timetables import CheckReport, ExplainIn, ExplainOut, WhyOut
from api.services import publishing
from api.services.access import visible_org
from api.services.checks import TIMETABLE_UPLOAD, explain_school, timetable_from_request, validate_school, why_lesson

router = APIRouter(tags=["checks"])
READERS = ("roosteraar", "coordinator", "admin")


@router.post("/schools/{school_id}/validate", response_model=CheckReport, openapi_extra=TIMETABLE_UPLOAD)
async def validate_timetable(school_id: str, request: Request, caller: CallerDep, session: SessionDep,
                             settings: SettingsDep) -> CheckReport:
    """Check a timetable you already have (for example from another program) against the school's plan,
    without solving: the rules it breaks. Send it as a JSON body, or as the file 'file' of a form."""
    require_role(caller, *READERS)
    school = visible_org(session, caller, school_id, "school")
    timetable = await timetable_from_request(request, max_bytes=settings.max_upload_bytes)
    # the validator takes a moment on a big school: not in the event loop
    answer = await run_in_threadpool(partial(validate_school, session, caller=caller, school=school, timetable=timetable))
    return CheckReport(**answer)


@router.post("/schools/{school_id}/explain", response_model=ExplainOut,
             openapi_extra=body_example("application/json", {"time_limit": 10}))
def explain(school_id: str, caller: CallerDep, session: SessionDep, body: ExplainIn | None = None) -> dict:
    """Why the school's plan has no timetable: the smallest set of rules that cannot all hold at once.
    It searches for at most the time limit (30 seconds at most)."""
    require_role(caller, *READERS)
    school = visible_org(session, caller, school_id, "school")
    return explain_school(session, caller=caller, school=school, time_limit=(body or ExplainIn()).time_limit)


@router.get("/timetables/{timetable_id}/why/{lesson_id}", response_model=WhyOut)
def why(timetable_id: str, lesson_id: str, caller: CallerDep, session: SessionDep,
        copy: int = Query(default=0, ge=0, le=1000, description="Which copy of the lesson (0 is the first).")) -> dict:
    """Why a lesson is where it is: every other place it could go, and what each would break or cost."""
    require_role(caller, *READERS)
    record = publishing.visible_timetable(session, caller, timetable_id)
    answer = why_lesson(caller=caller, record=record, lesson_id=lesson_id, copy=copy)
    if answer is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND,
                            f"lesson '{lesson_id}' (copy {copy}) is not placed in this timetable")
    return answer
