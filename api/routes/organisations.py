"""Organisations (schools, employers, regions) and their users. Everyone lists what they may see; only an
admin adds organisations and users."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import select

from api.deps import CallerDep, SessionDep, require_role
from api.schemas import OrgIn, OrgOut, UserIn, UserOut
from api.services.access import visible_org, visible_orgs
from api.services.people import PeopleError, add_organisation, add_user
from api.store.models import User

router = APIRouter(tags=["organisations"])


def org_out(org) -> OrgOut:
    return OrgOut(id=org.id, kind=org.kind, code=org.code, name=org.name, region_id=org.region_id)


def user_out(user: User) -> UserOut:
    return UserOut(id=user.id, username=user.username, name=user.name, role=user.role, org_id=user.org_id,
                   staff=user.staff_code)


@router.get("/organisations", response_model=list[OrgOut])
def list_organisations(caller: CallerDep, session: SessionDep) -> list[OrgOut]:
    """The organisations you may see: your own; a coordinator also the schools and employers of the region."""
    return [org_out(org) for org in visible_orgs(session, caller)]


@router.get("/organisations/{org_id}", response_model=OrgOut)
def get_organisation(org_id: str, caller: CallerDep, session: SessionDep) -> OrgOut:
    """One organisation you may see (404 for any other)."""
    return org_out(visible_org(session, caller, org_id))


@router.post("/organisations", response_model=OrgOut, status_code=201)
def create_organisation(body: OrgIn, caller: CallerDep, session: SessionDep) -> OrgOut:
    """Add a school, employer or region (admin only)."""
    require_role(caller, "admin")
    try:
        return org_out(add_organisation(session, kind=body.kind, code=body.code, name=body.name,
                                        region_id=body.region_id))
    except PeopleError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, [error.detail()]) from None


@router.get("/users", response_model=list[UserOut])
def list_users(caller: CallerDep, session: SessionDep) -> list[UserOut]:
    """The users of your organisation (an admin: everyone)."""
    query = select(User).order_by(User.username)
    if caller.role != "admin":
        query = query.where(User.org_id == caller.org_id)
    return [user_out(user) for user in session.scalars(query)]


@router.post("/users", response_model=UserOut, status_code=201)
def create_user(body: UserIn, caller: CallerDep, session: SessionDep) -> UserOut:
    """Add a user (admin only). A roosteraar belongs to a school, a planner and an hto'er to an employer
    (an hto'er also names their staff id), a coordinator to a region; an admin to none."""
    require_role(caller, "admin")
    try:
        return user_out(add_user(session, username=body.username, name=body.name, password=body.password,
                                 role=body.role, org_id=body.org_id, staff=body.staff))
    except PeopleError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, [error.detail()]) from None
