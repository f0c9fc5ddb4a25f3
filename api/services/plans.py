"""A plan in the store: a school's part (the Plan without employers and marks) and each employer's part
(one Employer, plus the marks its planner keeps as records). `assemble` puts them together into the Plan
the solver takes; `split_plan` takes an uploaded whole Plan apart."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.store.models import Mark, Organisation, PlanVersion, User
from solver.domain import Plan, PlanError
from solver.domain.base import PlanIssue
from solver.domain.plan import check_counts, parse_plan

SCHOOL_ONLY = ("employers", "unavailable_marks")


def split_plan(plan: Plan) -> tuple[dict, dict[str, dict], list[dict]]:
    """(the school's part, each employer's part by its id, the marks) of a whole plan."""
    data = plan.model_dump(mode="json", exclude_defaults=True)
    school = {key: value for key, value in data.items() if key not in SCHOOL_ONLY}
    employers = {employer["id"]: employer for employer in data.get("employers", [])}
    return school, employers, data.get("unavailable_marks", [])


def latest_version(session: Session, org_id: str) -> PlanVersion | None:
    return session.scalar(select(PlanVersion).where(PlanVersion.org_id == org_id)
                          .order_by(PlanVersion.version.desc()).limit(1))


def lock_org(session: Session, org_id: str) -> None:
    """Take the organisation's row for writing before numbering a version, so that two uploads at the same
    moment get 1 and 2, not both 1: a row lock on PostgreSQL, the write lock on SQLite (whose driver starts
    the transaction at the first write, so the numbers read after it are current)."""
    session.execute(update(Organisation).where(Organisation.id == org_id).values(name=Organisation.name))


def add_version(session: Session, *, org: Organisation, body: dict, user: User | None, source: str = "",
                note: str = "", upload: bytes | None = None) -> PlanVersion:
    """A new version (the next number) of the organisation's part; nothing old is changed."""
    lock_org(session, org.id)
    last = session.scalar(select(func.max(PlanVersion.version)).where(PlanVersion.org_id == org.id)) or 0
    row = PlanVersion(org_id=org.id, version=last + 1, body=body, source=source, note=note, upload=upload,
                      created_by=user.id if user is not None else None)
    session.add(row)
    session.flush()
    return row


def mark_body(mark: Mark) -> dict:
    """A stored mark as an `unavailable_marks` item of the plan."""
    body = {"staff": mark.staff, "day": mark.day, "start": mark.start, "end": mark.end, "reason": mark.reason}
    if mark.level != "hard":
        body["level"] = mark.level
    if mark.weight is not None:
        body["weight"] = mark.weight
    return body


def live_marks(session: Session, org_id: str) -> list[Mark]:
    return list(session.scalars(select(Mark).where(Mark.org_id == org_id, Mark.deleted_at.is_(None))
                                .order_by(Mark.day, Mark.start, Mark.id)))


def employer_codes(school_body: dict) -> list[str]:
    """The employers the school's hto'ers work for, in first-seen order."""
    return list(dict.fromkeys(hto["employer"] for hto in school_body.get("htos", [])))


def stored_employer(session: Session, code: str) -> tuple[Organisation | None, PlanVersion | None]:
    """The employer with this code in the store, and the newest version of its part (None for what is not there)."""
    from api.services.access import org_by_code

    org = org_by_code(session, "employer", code)
    return org, latest_version(session, org.id) if org is not None else None


def assemble(session: Session, school: Organisation, *, school_body: dict | None = None,
             employer_bodies: dict[str, dict] | None = None, extra_marks: list[dict] = ()) -> tuple[Plan, dict]:
    """The whole Plan of a school from the newest versions in the store (or the bodies given instead, for
    a check before an upload is kept), and the versions it was made of ({org id: version})."""
    versions: dict[str, int] = {}
    if school_body is None:
        row = latest_version(session, school.id)
        if row is None:
            raise PlanError([PlanIssue(path="plan", message=f"school '{school.name}' has no plan yet: upload one")])
        school_body, versions[school.id] = row.body, row.version
    employers, marks, issues = [], [], []
    for code in employer_codes(school_body):
        given = (employer_bodies or {}).get(code)
        org, row = stored_employer(session, code)
        if given is None and row is not None:
            given, versions[org.id] = row.body, row.version
        if given is None:
            issues.append(PlanIssue(path=f"htos (employer '{code}')", message=(
                f"employer '{code}' has no plan in Hybrooster yet: its planner (or an admin) uploads it first")))
            continue
        employers.append(given)
        if org is not None:
            marks.extend(mark_body(mark) for mark in live_marks(session, org.id))
    if issues:
        raise PlanError(issues, what="the school's plan")
    plan = parse_plan({**school_body, "employers": employers, "unavailable_marks": [*marks, *extra_marks]})
    counted = check_counts(plan)
    if counted:
        raise PlanError(counted)
    return plan, versions
