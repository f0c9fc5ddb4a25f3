"""Which organisations a caller may see. Anything else answers 404, exactly like an id that does not exist."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import Caller, not_found
from api.store.models import Organisation


def may_see(caller: Caller, org: Organisation) -> bool:
    """An admin sees every organisation; a coordinator their region and its members; anyone else their own."""
    if caller.role == "admin":
        return True
    if caller.org is None:
        return False
    if caller.role == "coordinator":
        return org.id == caller.org.id or org.region_id == caller.org.id
    return org.id == caller.org.id


def visible_org(session: Session, caller: Caller, org_id: str, *kinds: str) -> Organisation:
    """The organisation with this id, if the caller may see it and it is of one of `kinds`; else 404."""
    org = session.get(Organisation, org_id)
    if org is None or (kinds and org.kind not in kinds) or not may_see(caller, org):
        raise not_found("organisation")
    return org


def org_by_code(session: Session, kind: str, code: str) -> Organisation | None:
    return session.scalar(select(Organisation).where(Organisation.kind == kind, Organisation.code == code))


def visible_orgs(session: Session, caller: Caller) -> list[Organisation]:
    rows = session.scalars(select(Organisation).order_by(Organisation.kind, Organisation.name))
    return [org for org in rows if may_see(caller, org)]
