"""The audit trail: who changed what when, with the record before and after. Written in the same transaction
as the change itself, so that a change without its entry (or an entry without its change) cannot happen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.store.models import AuditEntry, Organisation, User


def record(session: Session, *, org: Organisation, user: User | None, action: str, entity: str, entity_id: str,
           before: dict | None = None, after: dict | None = None) -> AuditEntry:
    entry = AuditEntry(org_id=org.id, user_id=user.id if user is not None else None, action=action, entity=entity,
                       entity_id=entity_id, before=before, after=after)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class AuditPage:
    total: int
    entries: list[tuple[AuditEntry, str | None]]  # each entry with its user's name


def page(session: Session, *, org: Organisation, limit: int, offset: int) -> AuditPage:
    """The organisation's entries, newest first."""
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.org_id == org.id)) or 0
    rows = session.execute(
        select(AuditEntry, User.username).outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.org_id == org.id).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit).offset(offset))
    return AuditPage(total=total, entries=[(entry, username) for entry, username in rows])
