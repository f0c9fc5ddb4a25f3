"""An SME planner's marks: kept as records (a deleted mark keeps its row, with the time it was deleted), each
change with its audit entry in the same transaction. A mark names a staff member of the employer's newest
part; `assemble` merges the live marks into the plan."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import not_found
from api.services import audit
from api.services.plans import latest_version
from api.services.uploads import refuse, refused
from api.store.models import Mark, Organisation, User, now
from solver.domain import PlanError
from solver.domain.base import validated
from solver.domain.hto import UnavailableMark

FIELDS = ("staff", "day", "start", "end", "reason", "level", "weight")


def mark_record(mark: Mark) -> dict:
    """The mark as it is kept (for the audit trail)."""
    return {name: getattr(mark, name) for name in FIELDS} | {
        "deleted_at": mark.deleted_at.isoformat() if mark.deleted_at is not None else None}


def staff_ids(session: Session, employer: Organisation) -> list[str]:
    row = latest_version(session, employer.id)
    if row is None:
        return []
    # A version is never changed once kept: its staff are read from its JSON once, not on every mark.
    if row.id not in _STAFF_OF_VERSION:
        if len(_STAFF_OF_VERSION) >= 256:
            _STAFF_OF_VERSION.clear()
        _STAFF_OF_VERSION[row.id] = tuple(person["id"] for person in row.body.get("staff", []))
    return list(_STAFF_OF_VERSION[row.id])


_STAFF_OF_VERSION: dict[str, tuple[str, ...]] = {}


def _checked(session: Session, employer: Organisation, values: dict) -> dict:
    """The mark's fields checked as the plan checks them, and its staff a staff member of the employer."""
    try:
        validated(UnavailableMark, {k: v for k, v in values.items() if v is not None})
    except PlanError as error:  # the window's own check has no field: it is about the end
        raise refused([{"loc": ["body", issue.path or ("end" if "ends (" in issue.message else "level")],
                        "msg": issue.message, "type": "value_error"} for issue in error.issues]) from None
    known = staff_ids(session, employer)
    if not known:
        raise refuse("body", f"{employer.name} has no staff in Hybrooster yet: upload its part of the plan first",
                     "staff", kind="value_error")
    if values["staff"] not in known:
        raise refuse("body", f"'{values['staff']}' is not a staff member of {employer.name} in its newest plan "
                             f"({len(known)} staff known)", "staff", kind="value_error")
    return values


def list_marks(session: Session, *, employer: Organisation, deleted: bool = False) -> list[Mark]:
    query = select(Mark).where(Mark.org_id == employer.id)
    if not deleted:
        query = query.where(Mark.deleted_at.is_(None))
    return list(session.scalars(query.order_by(Mark.day, Mark.start, Mark.created_at, Mark.id)))


def get_mark(session: Session, *, employer: Organisation, mark_id: str) -> Mark:
    mark = session.get(Mark, mark_id)
    if mark is None or mark.org_id != employer.id:
        raise not_found("mark")
    return mark


def add_mark(session: Session, *, employer: Organisation, user: User | None, values: dict) -> Mark:
    values = _checked(session, employer, {name: values.get(name) for name in FIELDS} | {
        "reason": values.get("reason") or "", "level": values.get("level") or "hard"})
    mark = Mark(org_id=employer.id, created_by=user.id if user is not None else None, **values)
    session.add(mark)
    session.flush()
    audit.record(session, org=employer, user=user, action="create", entity="mark", entity_id=mark.id,
                 after=mark_record(mark))
    return mark


def change_mark(session: Session, *, employer: Organisation, mark_id: str, user: User | None,
                changes: dict) -> Mark:
    """Change the given fields (a `weight` of null removes it); a deleted mark stays as it was (409)."""
    mark = get_mark(session, employer=employer, mark_id=mark_id)
    if mark.deleted_at is not None:
        raise refuse("body", "this mark was deleted; deleted marks are kept as they were", status=409,
                     kind="deleted")
    before = mark_record(mark)
    if changes.get("level") == "hard" and "weight" not in changes:
        changes = {**changes, "weight": None}  # a hard block has no cost
    values = _checked(session, employer, {name: getattr(mark, name) for name in FIELDS} | changes)
    for name, value in values.items():
        setattr(mark, name, value)
    mark.updated_at = now()
    session.flush()
    audit.record(session, org=employer, user=user, action="update", entity="mark", entity_id=mark.id,
                 before=before, after=mark_record(mark))
    return mark


def delete_mark(session: Session, *, employer: Organisation, mark_id: str, user: User | None) -> Mark:
    """Soft delete: the row stays with its deletion time (deleting it again changes nothing)."""
    mark = get_mark(session, employer=employer, mark_id=mark_id)
    if mark.deleted_at is not None:
        return mark
    before = mark_record(mark)
    mark.deleted_at = now()
    session.flush()
    audit.record(session, org=employer, user=user, action="delete", entity="mark", entity_id=mark.id,
                 before=before, after=mark_record(mark))
    return mark
