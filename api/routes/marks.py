"""An SME planner's marks (when a staff member cannot leave the company) and the company's staffing demand.
Only the employer's own planner (and an admin) reads and changes them; a school sees only when its hto'ers
are busy, never the marks or their reasons. Every change is kept in the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import Caller, CallerDep, SessionDep, committed, not_found, require_role
from api.schemas_plans import DemandIn, DemandOut, DemandPatch, MarkIn, MarkOut, MarkPatch, errors
from api.services import marks, versions
from api.services.access import visible_org
from api.store.models import Mark, Organisation

router = APIRouter(tags=["marks and demand"])

PLANNERS = ("planner", "admin")
Index = Annotated[int, Path(ge=0, le=100_000, description="The demand item's place in the list, from 0.")]


def _employer(session, caller: Caller, org_id: str) -> Organisation:
    require_role(caller, *PLANNERS)
    return visible_org(session, caller, org_id, "employer")


def _out(mark: Mark) -> MarkOut:
    return MarkOut(id=mark.id, staff=mark.staff, day=mark.day, start=mark.start, end=mark.end, reason=mark.reason,
                   level=mark.level, weight=mark.weight, created_at=mark.created_at, updated_at=mark.updated_at,
                   deleted_at=mark.deleted_at)


@router.get("/employers/{org_id}/marks", response_model=list[MarkOut], responses=errors(401, 403, 404))
def list_marks(org_id: str, caller: CallerDep, session: SessionDep,
               deleted: Annotated[bool, Query(description="true: the deleted marks too.")] = False) -> list[MarkOut]:
    """Your company's marks: when a staff member cannot (or would rather not) leave the company, and why."""
    employer = _employer(session, caller, org_id)
    return [_out(mark) for mark in marks.list_marks(session, employer=employer, deleted=deleted)]


@router.post("/employers/{org_id}/marks", response_model=MarkOut, status_code=201, responses=errors(401, 403, 404))
def create_mark(org_id: str, body: MarkIn, caller: CallerDep, session: SessionDep) -> MarkOut:
    """Mark a window in which a staff member cannot leave the company (hard), or would rather not (preference).
    The next timetable keeps them at work then."""
    employer = _employer(session, caller, org_id)
    return _out(committed(session, marks.add_mark(session, employer=employer, user=caller.user,
                                                  values=body.model_dump())))


@router.get("/employers/{org_id}/marks/{mark_id}", response_model=MarkOut, responses=errors(401, 403, 404))
def get_mark(org_id: str, mark_id: str, caller: CallerDep, session: SessionDep) -> MarkOut:
    """One mark of your company."""
    employer = _employer(session, caller, org_id)
    return _out(marks.get_mark(session, employer=employer, mark_id=mark_id))


@router.patch("/employers/{org_id}/marks/{mark_id}", response_model=MarkOut, responses=errors(401, 403, 404, 409))
def change_mark(org_id: str, mark_id: str, body: MarkPatch, caller: CallerDep, session: SessionDep) -> MarkOut:
    """Change a mark: only the fields you send change."""
    employer = _employer(session, caller, org_id)
    return _out(committed(session, marks.change_mark(session, employer=employer, mark_id=mark_id, user=caller.user,
                                                     changes=body.model_dump(exclude_unset=True))))


@router.delete("/employers/{org_id}/marks/{mark_id}", response_model=MarkOut, responses=errors(401, 403, 404))
def delete_mark(org_id: str, mark_id: str, caller: CallerDep, session: SessionDep) -> MarkOut:
    """Delete a mark: it no longer counts, but it is kept (with the time it was deleted) for the record."""
    employer = _employer(session, caller, org_id)
    return _out(committed(session, marks.delete_mark(session, employer=employer, mark_id=mark_id,
                                                     user=caller.user)))


# --- the staffing demand --------------------------------------------------------------------------------

def _demand_out(row) -> DemandOut:
    return DemandOut(version=row.version, demand=row.body.get("demand", []))


@router.get("/employers/{org_id}/demand", response_model=DemandOut, responses=errors(401, 403, 404))
def get_demand(org_id: str, caller: CallerDep, session: SessionDep) -> DemandOut:
    """Your company's staffing demand: how many people with a skill must be at work in each window."""
    employer = _employer(session, caller, org_id)
    return _demand_out(versions.current_employer_part(session, employer))


@router.put("/employers/{org_id}/demand", response_model=DemandOut, responses=errors(401, 403, 404))
def replace_demand(org_id: str, body: DemandIn, caller: CallerDep, session: SessionDep) -> DemandOut:
    """Replace the whole staffing demand. This makes a new version of your company's part of the plan."""
    employer = _employer(session, caller, org_id)
    demand = [item.model_dump(mode="json", exclude_defaults=True) for item in body.demand]
    return _demand_out(committed(session, versions.set_demand(session, employer=employer, user=caller.user,
                                                             demand=demand, note=body.note)))


@router.patch("/employers/{org_id}/demand/{index}", response_model=DemandOut, responses=errors(401, 403, 404))
def change_demand_item(org_id: str, index: Index, body: DemandPatch, caller: CallerDep,
                       session: SessionDep) -> DemandOut:
    """Change one window of the staffing demand (for example how many people are needed): only the fields you
    send change. This makes a new version of your company's part of the plan."""
    employer = _employer(session, caller, org_id)
    demand = list(versions.current_employer_part(session, employer).body.get("demand", []))
    if index >= len(demand):
        raise not_found(f"demand item {index} (there are {len(demand)})")
    demand[index] = {**demand[index], **body.model_dump(mode="json", exclude_unset=True)}
    return _demand_out(committed(session, versions.set_demand(session, employer=employer, user=caller.user,
                                                             demand=demand, index=index)))
