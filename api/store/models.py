"""The tables. Every id is a random UUID (never guessable); plan versions and audit entries are only ever
added, never changed; a deleted mark is kept with its deletion time. The large JSON columns (plans, timetables,
job inputs and results) are deferred: loaded only when read, so that lists and lookups stay cheap."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ORG_KINDS = ("school", "employer", "region")
ROLES = ("roosteraar", "planner", "hto", "coordinator", "admin")
ROLE_ORG_KIND = {"roosteraar": "school", "planner": "employer", "hto": "employer", "coordinator": "region"}
JOB_KINDS = ("solve", "replan", "whatif", "batch")
JOB_STATES = ("queued", "running", "done", "failed", "cancelled")
TIMETABLE_STATES = ("draft", "published", "superseded")


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(timezone.utc)


class UtcDateTime(TypeDecorator):
    """DateTime(timezone=True) that always reads back aware (UTC): SQLite returns naive values, which would
    leave the API without a time zone (not an RFC 3339 date-time). The column type in the database is unchanged."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime()}


class Meta(Base):
    """Settings the service makes for itself once (the token signing key)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Organisation(Base):
    """A school, an employer or a region; `code` is its id inside plans (School.id, Employer.id)."""

    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)
    __table_args__ = (UniqueConstraint("kind", "code", name="uq_organisation_kind_code"),)


class User(Base):
    """A person who logs in. An hto'er belongs to their employer and names their staff id there."""

    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(16))
    org_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"), default=None)
    staff_code: Mapped[str | None] = mapped_column(String(200), default=None)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=now)


class ApiKey(Base):
    """A key for batch clients: only its hash is kept; `prefix` finds it without a scan."""

    __tablename__ = "api_keys"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=now)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)


class PlanVersion(Base):
    """One version of a school's part of the plan (a Plan without employers and marks) or of an employer's
    part (one Employer). Versions are numbered per organisation from 1 and never changed."""

    __tablename__ = "plan_versions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict] = mapped_column(JSON, deferred=True)
    source: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    upload: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)
    __table_args__ = (UniqueConstraint("org_id", "version", name="uq_plan_version"),)


class Mark(Base):
    """An SME planner's mark: a staff member cannot leave the company in this window."""

    __tablename__ = "marks"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    staff: Mapped[str] = mapped_column(String(200))
    day: Mapped[str] = mapped_column(String(3))
    start: Mapped[str] = mapped_column(String(5))
    end: Mapped[str] = mapped_column(String(5))
    reason: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(16), default="hard")
    weight: Mapped[int | None] = mapped_column(Integer, default=None)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)


class AuditEntry(Base):
    """Who changed what when, with the record before and after; readable by the organisation's users."""

    __tablename__ = "audit"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    at: Mapped[datetime] = mapped_column(default=now)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    before: Mapped[dict | None] = mapped_column(JSON, default=None)
    after: Mapped[dict | None] = mapped_column(JSON, default=None)


class Job(Base):
    """A solve, re-plan, what-if or regional batch, persisted from submit to its end."""

    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    input: Mapped[dict] = mapped_column(JSON, deferred=True)
    progress: Mapped[list] = mapped_column(JSON, default=list)
    result: Mapped[dict | None] = mapped_column(JSON, default=None, deferred=True)
    timetable_id: Mapped[str | None] = mapped_column(String(36), default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker_pid: Mapped[int | None] = mapped_column(Integer, default=None)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=now)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class TimetableRecord(Base):
    """A certified timetable of one school: a draft until its roosteraar publishes it. `needs_approval` lists
    the employer organisations whose roster or release it changes; each must approve before publishing."""

    __tablename__ = "timetables"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    job_id: Mapped[str | None] = mapped_column(ForeignKey("jobs.id"), default=None)
    plan: Mapped[dict] = mapped_column(JSON, deferred=True)
    body: Mapped[dict] = mapped_column(JSON, deferred=True)
    report: Mapped[dict] = mapped_column(JSON, deferred=True)
    diff: Mapped[dict | None] = mapped_column(JSON, default=None, deferred=True)
    based_on: Mapped[str | None] = mapped_column(String(36), default=None)
    needs_approval: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=now)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    published_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)


class Approval(Base):
    """An employer planner's approval of a draft that changes their roster or an hto'er's release."""

    __tablename__ = "approvals"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    timetable_id: Mapped[str] = mapped_column(ForeignKey("timetables.id"), index=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=now)
    __table_args__ = (UniqueConstraint("timetable_id", "org_id", name="uq_approval"),)


class IcsToken(Base):
    """The secret in an hto'er's calendar subscription URL; only its hash is kept; revocable."""

    __tablename__ = "ics_tokens"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class WebSession(Base):
    """A login of the web pages. The cookie holds a random secret; only its hash is kept, so logging out (or an
    admin) ends the session on the server at once. `csrf` is the token every form and htmx request must carry."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie's secret
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)
    expires_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
