"""What the school pages share: the roosteraar's school (404 for anyone else, as for an id that does not
exist), the timetable shown by default, and an HTTPException's detail in words."""

from __future__ import annotations

from fastapi import HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.routes.timetables import summary
from api.services import publishing
from api.services.access import org_by_code, visible_org
from api.services.overview import availability
from api.services.plans import latest_version
from api.services.visibility import report_for
from api.store.models import Organisation, TimetableRecord
from api.web.deps import Page
from solver.domain import PlanError

ROLE = "roosteraar"


def school_for(session: Session, page: Page, org_id: str) -> Organisation:
    """The roosteraar's own school; any other role or organisation gets 404 (the pages are theirs alone)."""
    if page.caller.role != ROLE:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return visible_org(session, page.caller, org_id, "school")


def timetable_of(session: Session, page: Page, school: Organisation, timetable_id: str) -> TimetableRecord:
    """A stored timetable of this school as the caller may see it; 404 for one of another school."""
    record = publishing.visible_timetable(session, page.caller, timetable_id)
    if record.org_id != school.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return record


def current_timetable(session: Session, school: Organisation) -> TimetableRecord | None:
    """The one in force, else the newest draft: the timetable whose conflicts the desk shows."""
    return publishing.published(session, school.id) or session.scalar(
        select(TimetableRecord).where(TimetableRecord.org_id == school.id)
        .order_by(TimetableRecord.created_at.desc()).limit(1))


def employer_names(session: Session, codes: list[str]) -> list[str]:
    """The employers' names (their code when the store has no organisation for it)."""
    names = []
    for code in codes:
        org = org_by_code(session, "employer", code)
        names.append(f"{org.name} ({code})" if org is not None and org.name != code else code)
    return names


def problems(error: HTTPException) -> list[dict]:
    """An API error's detail as rows {loc, msg}: a 422's items keep their place; a sentence is one row."""
    if isinstance(error.detail, list):
        return [{"loc": [str(part) for part in item.get("loc", [])], "msg": str(item.get("msg", ""))}
                for item in error.detail if isinstance(item, dict)]
    return [{"loc": [], "msg": str(error.detail)}]


def _availability(session, school) -> list[dict] | None:
    try:
        return availability(session, school=school)["htos"]
    except PlanError:  # no plan that can be put together yet, and nothing in force
        return None


def desk_context(session, page, school) -> dict:
    """What the desk shows (also when an action on it was refused and the page is shown again)."""
    in_force = publishing.in_force_id(session, school.id)
    timetables = [summary(session, page.caller, record, in_force)
                  for record in publishing.school_timetables(session, school.id)]
    for item in timetables:  # the employers by name, as on the timetable's own page
        item["waiting_for"] = employer_names(session, item["waiting_for"])
    current = current_timetable(session, school)
    report = report_for(page.caller, current.report) if current is not None else None
    return {"school": school, "timetables": timetables, "version": latest_version(session, school.id),
            "htos": _availability(session, school), "current": current, "report": report}
