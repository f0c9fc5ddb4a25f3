"""What the planner's pages share: the employer a page is about (404 for anyone else, as the API answers), its
current part, its hto'ers, and the timetable whose roster a page shows. All data comes from the services the
API routes use; nothing here decides who may see what."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import not_found
from api.services import publishing, versions
from api.services.access import visible_org
from api.services.plans import latest_version
from api.services.visibility import employer_timetable
from api.store.models import Organisation, TimetableRecord
from api.web.deps import Page

PLANNERS = ("planner", "admin")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def employer_of(session: Session, page: Page, org_id: str) -> Organisation:
    """The employer the page is about; 404 for another organisation or a role that has no planner pages."""
    if page.caller.role not in PLANNERS:
        raise not_found("page")
    return visible_org(session, page.caller, org_id, "employer")


def current_part(session: Session, employer: Organisation) -> dict:
    return versions.current_employer_part(session, employer).body


def part_version(session: Session, employer: Organisation) -> int:
    return versions.current_employer_part(session, employer).version


def htos_of(session: Session, employer: Organisation) -> dict[str, list[dict]]:
    """Per staff id: the hto agreements (with the school's name) of the schools' newest plans."""
    found: dict[str, list[dict]] = {}
    for school in session.scalars(select(Organisation).where(Organisation.kind == "school").order_by(Organisation.name)):
        row = latest_version(session, school.id)
        for hto in (row.body.get("htos", []) if row is not None else []):
            if hto.get("employer") == employer.code:
                found.setdefault(hto["staff"], []).append({**hto, "school_name": school.name})
    return found


def shown_timetables(session: Session, employer: Organisation) -> list[tuple[TimetableRecord, bool]]:
    """Per school with this employer's hto'ers: the timetable in force, else its newest draft (in_force)."""
    chosen: dict[str, tuple[TimetableRecord, bool]] = {}
    for record in publishing.employer_timetables(session, employer.code):  # newest first
        in_force = record.state == "published"
        if record.org_id not in chosen or (in_force and not chosen[record.org_id][1]):
            chosen[record.org_id] = (record, in_force)
    return list(chosen.values())


def employer_view(record: TimetableRecord, employer: Organisation) -> dict:
    plan, timetable = publishing.plan_and_timetable(record)
    return employer_timetable(plan, timetable, employer.code)


def school_name(session: Session, record: TimetableRecord) -> str:
    school = session.get(Organisation, record.org_id)
    return school.name if school is not None else record.org_id


def staff_member(part: dict, staff_id: str) -> dict:
    person = next((p for p in part.get("staff", []) if p["id"] == staff_id), None)
    if person is None:
        raise not_found("staff member")
    return person


def detail_errors(detail) -> dict[str, str]:
    """A 422's detail (list of {loc, msg}) as field name -> message, for showing at the field."""
    if not isinstance(detail, list):
        return {"": str(detail)}
    out: dict[str, str] = {}
    for item in detail:
        loc = [str(part) for part in item.get("loc", [])]
        field = loc[-1] if loc else ""
        out.setdefault(field, item.get("msg", ""))
    return out
