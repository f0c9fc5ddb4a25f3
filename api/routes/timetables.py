"""Timetables: the list per school and per employer, one timetable as your role may see it, the one in force,
an hto'er's own week, the planners' approvals, publishing, when hto'ers are busy and a region's overview."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response, status

from api.deps import Caller, CallerDep, SessionDep, committed, require_role
from api.schemas_timetables import (
    ApprovalOut, AvailabilityOut, HtoWeekPart, MyWeekOut, RegionOverview, TimetableOut, TimetableSummary,
)
from api.services import publishing
from api.services.access import visible_org
from api.services.overview import availability, region_overview
from api.services.view_cache import VIEWS
from api.services.visibility import hto_timetable
from api.store.models import Organisation, TimetableRecord, User

router = APIRouter(tags=["timetables"])


def summary(session, caller: Caller, record: TimetableRecord, in_force: str | None) -> dict:
    figures = VIEWS.figures(record)
    teaching = figures["teaching_minutes"]
    minutes = teaching.get(caller.org.code, 0) if caller.role == "planner" else sum(teaching.values())
    publisher = session.get(User, record.published_by) if record.published_by else None
    return {
        "id": record.id, "school_id": record.org_id, "state": record.state, "in_force": record.id == in_force,
        "created_at": record.created_at, "job_id": record.job_id, "needs_approval": list(record.needs_approval),
        "waiting_for": publishing.waiting_for(session, record) if record.state == "draft" else [],
        "approvals": [ApprovalOut(employer=org.code, employer_name=org.name, by=user.username, at=approval.at)
                      for approval, org, user in publishing.approvals(session, record)],
        "published_at": record.published_at, "published_by": publisher.username if publisher else None,
        "lessons_placed": figures["lessons_placed"], "lessons_total": figures["lessons_total"],
        "hto_teaching_minutes": minutes,
    }


def full(session, caller: Caller, record: TimetableRecord, in_force: str | None = None) -> Response:
    """The summary and the timetable as the caller may see it (TimetableOut); the timetable part comes from
    the view cache as JSON text and is put in as it is. `in_force`: the id in force, when the caller knows it."""
    in_force = in_force or publishing.in_force_id(session, record.org_id)
    head = TimetableSummary(**summary(session, caller, record, in_force)).model_dump_json()
    body = f'{head[:-1]},"timetable":{VIEWS.view_json(caller, record)}}}'
    return Response(body.encode("utf-8"), media_type="application/json")


@router.get("/schools/{school_id}/timetables", response_model=list[TimetableSummary])
def list_school_timetables(school_id: str, caller: CallerDep, session: SessionDep) -> list[TimetableSummary]:
    """The school's timetables, newest first: drafts, the one in force and the ones before it, with who
    approved and published them."""
    require_role(caller, "roosteraar", "coordinator", "admin")
    school = visible_org(session, caller, school_id, "school")
    in_force = publishing.in_force_id(session, school.id)
    return [TimetableSummary(**summary(session, caller, record, in_force))
            for record in publishing.school_timetables(session, school.id)]


@router.get("/schools/{school_id}/timetable", response_model=TimetableOut)
def school_timetable_in_force(school_id: str, caller: CallerDep, session: SessionDep) -> TimetableOut:
    """The school's timetable in force, as you may see it."""
    require_role(caller, "roosteraar", "coordinator", "admin")
    school = visible_org(session, caller, school_id, "school")
    record = publishing.published(session, school.id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{school.name} has no timetable in force yet: "
                                                       "its roosteraar publishes a draft first")
    return full(session, caller, record, in_force=record.id)


@router.get("/employers/{employer_id}/timetables", response_model=list[TimetableSummary])
def list_employer_timetables(employer_id: str, caller: CallerDep, session: SessionDep) -> list[TimetableSummary]:
    """The drafts and published timetables of the schools where your staff teach as hto'ers."""
    require_role(caller, "planner", "coordinator", "admin")
    employer = visible_org(session, caller, employer_id, "employer")
    records = publishing.employer_timetables(session, employer.code)
    return [TimetableSummary(**summary(session, caller, record, publishing.in_force_id(session, record.org_id)))
            for record in records]


@router.get("/timetables/{timetable_id}", response_model=TimetableOut)
def get_timetable(timetable_id: str, caller: CallerDep, session: SessionDep) -> TimetableOut:
    """One timetable as you may see it, with its state, approvals and whether it is in force."""
    return full(session, caller, publishing.visible_timetable(session, caller, timetable_id))


@router.post("/timetables/{timetable_id}/approve", response_model=TimetableSummary)
def approve_timetable(timetable_id: str, caller: CallerDep, session: SessionDep) -> TimetableSummary:
    """Approve a draft that changes your staff's shifts or your hto'ers' teaching (planners of the employers
    it names). Answers 409 when your employer was not asked, or has approved already."""
    require_role(caller, "planner")
    record = publishing.visible_timetable(session, caller, timetable_id)
    committed(session, publishing.approve(session, caller=caller, record=record))
    return TimetableSummary(**summary(session, caller, record, publishing.in_force_id(session, record.org_id)))


@router.post("/timetables/{timetable_id}/publish", response_model=TimetableSummary)
def publish_timetable(timetable_id: str, caller: CallerDep, session: SessionDep) -> TimetableSummary:
    """Put a draft in force (the school's roosteraar). Answers 409 naming the employers that still have to
    approve it. The timetable in force before is kept, marked superseded."""
    require_role(caller, "roosteraar")
    record = publishing.visible_timetable(session, caller, timetable_id)
    committed(session, publishing.publish(session, caller=caller, record=record))
    return TimetableSummary(**summary(session, caller, record, record.id))


@router.get("/me/week", response_model=MyWeekOut)
def my_week(caller: CallerDep, session: SessionDep) -> MyWeekOut:
    """Your week in force (hto'ers): your lessons and your shifts."""
    require_role(caller, "hto")
    parts = []
    for record in publishing.in_force_for_hto(session, caller):
        plan, timetable = publishing.plan_and_timetable(record)
        school = session.get(Organisation, record.org_id)
        parts.append(HtoWeekPart(school_id=school.id, school=school.name, timetable_id=record.id,
                                 week=hto_timetable(plan, timetable, caller.user.staff_code, caller.org.code)))
    if not parts:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "you have no week in force yet: no school has published "
                                                       "a timetable with you in it")
    return MyWeekOut(parts=parts)


@router.get("/schools/{school_id}/htos/availability", response_model=AvailabilityOut)
def hto_availability(school_id: str, caller: CallerDep, session: SessionDep) -> AvailabilityOut:
    """When each of the school's hto'ers is busy at their company (never why, nor which shift)."""
    require_role(caller, "roosteraar", "coordinator", "admin")
    school = visible_org(session, caller, school_id, "school")
    return AvailabilityOut(**availability(session, school=school))


@router.get("/regions/{region_id}/overview", response_model=RegionOverview)
def overview(region_id: str, caller: CallerDep, session: SessionDep) -> RegionOverview:
    """The region's figures: per school its plan, timetable in force and lessons; per employer its staffing
    windows met and its hto'ers."""
    require_role(caller, "coordinator", "admin")
    region = visible_org(session, caller, region_id, "region")
    return RegionOverview(**region_overview(session, region=region))
