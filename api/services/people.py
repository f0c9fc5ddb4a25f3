"""Adding organisations and users, for the admin routes and `hybrooster user add` alike."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.security import hash_password
from api.store.models import ROLE_ORG_KIND, Organisation, User


class PeopleError(ValueError):
    """A user or organisation that cannot be added; `field` names the input that is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message

    def detail(self) -> dict:
        return {"loc": ["body", self.field], "msg": self.message, "type": "value_error"}


def add_organisation(session: Session, *, kind: str, code: str, name: str, region_id: str | None = None) -> Organisation:
    if session.scalar(select(Organisation).where(Organisation.kind == kind, Organisation.code == code)):
        raise PeopleError("code", f"there is already a {kind} with the code '{code}'")
    if region_id is not None:
        region = session.get(Organisation, region_id)
        if region is None or region.kind != "region":
            raise PeopleError("region_id", f"'{region_id}' is not the id of a region")
        if kind == "region":
            raise PeopleError("region_id", "a region does not belong to another region")
    org = Organisation(kind=kind, code=code, name=name, region_id=region_id)
    session.add(org)
    session.flush()
    return org


def add_user(session: Session, *, username: str, password: str, role: str, org_id: str | None = None,
             name: str = "", staff: str | None = None) -> User:
    if session.scalar(select(User).where(User.username == username)):
        raise PeopleError("username", f"the user name '{username}' is taken")
    wanted = ROLE_ORG_KIND.get(role)
    if wanted is None and org_id is not None:
        raise PeopleError("org_id", "an admin belongs to no organisation")
    if wanted is not None:
        org = session.get(Organisation, org_id) if org_id else None
        if org is None or org.kind != wanted:
            raise PeopleError("org_id", f"a {role} belongs to one {wanted}: give that {wanted}'s id")
    if (role == "hto") != (staff is not None):
        raise PeopleError("staff", "an hto'er names their staff id at the employer; other roles do not"
                          if role == "hto" else "only an hto'er has a staff id")
    if len(password) < 8:
        raise PeopleError("password", "at least 8 characters")
    user = User(username=username, name=name, password_hash=hash_password(password), role=role, org_id=org_id,
                staff_code=staff)
    session.add(user)
    session.flush()
    return user
