"""Who may see a stored timetable, the planners' approvals and the roosteraar's publishing.

A draft that changes an employer's roster or an hto'er's release (`needs_approval`) waits for that employer's
planner; the roosteraar publishes it once every one of them has approved. The timetable published before is
kept as 'superseded'. Approvals and publishing are written to the audit trail."""

from __future__ import annotations

from fastapi import HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import Caller, not_found
from api.services.access import may_see
from api.services.timetables import published
from api.store.models import Approval, AuditEntry, Organisation, TimetableRecord, User, now
from solver.domain import Plan, Timetable


def plan_employers(record: TimetableRecord) -> list[str]:
    """The employer codes of the hto'ers in the plan the timetable was made for."""
    return list(dict.fromkeys(hto["employer"] for hto in record.plan.get("htos", [])))


def involves(caller: Caller, record: TimetableRecord) -> bool:
    """A planner or hto'er is involved when their employer (and, for an hto'er, they) are in the plan."""
    if caller.org is None:
        return False
    if caller.role == "planner":
        return caller.org.code in plan_employers(record)
    if caller.role == "hto":
        return any(hto["employer"] == caller.org.code and hto["staff"] == caller.user.staff_code
                   for hto in record.plan.get("htos", []))
    return False


def may_see_timetable(session: Session, caller: Caller, record: TimetableRecord) -> bool:
    if caller.role in ("planner", "hto"):
        return involves(caller, record)
    school = session.get(Organisation, record.org_id)
    return school is not None and may_see(caller, school)


def visible_timetable(session: Session, caller: Caller, timetable_id: str) -> TimetableRecord:
    """The stored timetable with this id if the caller may see it; else 404 (as if it did not exist)."""
    record = session.get(TimetableRecord, timetable_id)
    if record is None or not may_see_timetable(session, caller, record):
        raise not_found("timetable")
    return record


def plan_and_timetable(record: TimetableRecord) -> tuple[Plan, Timetable]:
    return Plan.model_validate(record.plan), Timetable.model_validate(record.body)


def approvals(session: Session, record: TimetableRecord) -> list[tuple[Approval, Organisation, User]]:
    rows = session.execute(select(Approval, Organisation, User)
                           .join(Organisation, Organisation.id == Approval.org_id)
                           .join(User, User.id == Approval.user_id)
                           .where(Approval.timetable_id == record.id).order_by(Approval.at))
    return [tuple(row) for row in rows]


def waiting_for(session: Session, record: TimetableRecord) -> list[str]:
    """The employer codes that still have to approve the draft."""
    done = {org.code for _, org, _ in approvals(session, record)}
    return [code for code in record.needs_approval if code not in done]


def in_force_id(session: Session, org_id: str) -> str | None:
    return session.scalar(select(TimetableRecord.id).where(TimetableRecord.org_id == org_id,
                                                           TimetableRecord.state == "published")
                          .order_by(TimetableRecord.published_at.desc()).limit(1))


def _audit(session: Session, *, caller: Caller, org_id: str, action: str, record: TimetableRecord,
           before: dict | None, after: dict) -> None:
    session.add(AuditEntry(org_id=org_id, user_id=caller.user.id, action=action, entity="timetable",
                           entity_id=record.id, before=before, after=after))


def conflict(message: str) -> HTTPException:
    return HTTPException(status.HTTP_409_CONFLICT, message)


def approve(session: Session, *, caller: Caller, record: TimetableRecord) -> Approval:
    """The caller's employer approves the draft: 409 when it was not asked to, or approved already."""
    code = caller.org.code
    if record.state != "draft":
        raise conflict(f"this timetable is {record.state}: only a draft can be approved")
    if code not in record.needs_approval:
        raise conflict(f"this draft does not change the roster or the hto'ers of {caller.org.name}: "
                       "there is nothing to approve")
    if code not in waiting_for(session, record):
        raise conflict(f"{caller.org.name} has approved this draft already")
    approval = Approval(timetable_id=record.id, org_id=caller.org.id, user_id=caller.user.id, at=now())
    session.add(approval)
    _audit(session, caller=caller, org_id=caller.org.id, action="approve", record=record, before=None,
           after={"timetable": record.id, "employer": code, "at": approval.at.isoformat()})
    session.flush()
    return approval


def publish(session: Session, *, caller: Caller, record: TimetableRecord) -> TimetableRecord:
    """Put the draft in force: 409 while an employer still has to approve; the one in force before is kept
    as 'superseded'."""
    if record.state != "draft":
        raise conflict(f"this timetable is {record.state}: only a draft can be published")
    missing = waiting_for(session, record)
    if missing:
        raise conflict("these employers still have to approve this draft before it can be published: "
                       + ", ".join(missing))
    before = published(session, record.org_id)
    if before is not None:
        before.state = "superseded"
        _audit(session, caller=caller, org_id=record.org_id, action="supersede", record=before,
               before={"state": "published"}, after={"state": "superseded", "by": record.id})
    record.state, record.published_at, record.published_by = "published", now(), caller.user.id
    _audit(session, caller=caller, org_id=record.org_id, action="publish", record=record,
           before={"state": "draft", "in_force": before.id if before is not None else None},
           after={"state": "published", "at": record.published_at.isoformat()})
    session.flush()
    return record


def school_timetables(session: Session, org_id: str) -> list[TimetableRecord]:
    return list(session.scalars(select(TimetableRecord).where(TimetableRecord.org_id == org_id)
                                .order_by(TimetableRecord.created_at.desc())))


def employer_timetables(session: Session, code: str) -> list[TimetableRecord]:
    """The drafts and published timetables of every school whose plan has hto'ers of this employer."""
    rows = session.scalars(select(TimetableRecord).where(TimetableRecord.state.in_(("draft", "published")))
                           .order_by(TimetableRecord.created_at.desc()))
    return [record for record in rows if code in plan_employers(record)]


def in_force_for_hto(session: Session, caller: Caller) -> list[TimetableRecord]:
    """The timetables in force of the schools where the calling hto'er is in the plan."""
    rows = session.scalars(select(TimetableRecord).where(TimetableRecord.state == "published"))
    return [record for record in rows if involves(caller, record)]
