"""The audit trail of an organisation: who changed what when, with the record before and after."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CallerDep, SessionDep, require_role
from api.schemas_plans import AuditOut, AuditPageOut, errors
from api.services import audit
from api.services.access import visible_org

router = APIRouter(tags=["audit"])


@router.get("/organisations/{org_id}/audit", response_model=AuditPageOut, responses=errors(401, 403, 404))
def organisation_audit(org_id: str, caller: CallerDep, session: SessionDep,
                       limit: Annotated[int, Query(ge=1, le=500, description="Entries per page.")] = 50,
                       offset: Annotated[int, Query(ge=0, le=10**9, description="Entries to skip.")] = 0,
                       ) -> AuditPageOut:
    """Every change to your organisation's plan, marks and demand, newest first: who, when, before and after.
    (An hto'er sees their own week instead: the trail holds the reasons of colleagues' marks.)"""
    require_role(caller, "roosteraar", "planner", "coordinator", "admin")
    org = visible_org(session, caller, org_id)
    found = audit.page(session, org=org, limit=limit, offset=offset)
    return AuditPageOut(total=found.total, limit=limit, offset=offset, items=[
        AuditOut(id=entry.id, at=entry.at, user=username, action=entry.action, entity=entry.entity,
                 entity_id=entry.entity_id, before=entry.before, after=entry.after)
        for entry, username in found.entries])
