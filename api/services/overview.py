"""Figures that cross an organisation's own data: when a school's hto'ers are busy (never why), and a
region's aggregates for its coordinator (counts and minutes, no names of pupils, shifts or staff)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.services.plans import assemble, latest_version
from api.services.timetables import published
from api.services.visibility import hto_busy
from api.store.models import Organisation, TimetableRecord
from solver.domain import Plan, PlanError, Timetable


def availability(session: Session, *, school: Organisation) -> dict:
    """Per hto'er of the school's plan, when they are busy: the marks of now and the shifts of the timetable
    in force (the plan of that timetable when the current plan cannot be put together)."""
    record = published(session, school.id)
    try:
        plan, _ = assemble(session, school)
    except PlanError:
        if record is None:
            raise
        plan = Plan.model_validate(record.plan)
    timetable = Timetable.model_validate(record.body) if record is not None else None
    return {"school_id": school.id, "timetable_id": record.id if record is not None else None,
            "htos": hto_busy(plan, timetable)}


def _members(session: Session, region: Organisation, kind: str) -> list[Organisation]:
    return list(session.scalars(select(Organisation).where(Organisation.region_id == region.id,
                                                           Organisation.kind == kind).order_by(Organisation.name)))


def _school_figures(session: Session, school: Organisation, record: TimetableRecord | None) -> dict:
    version = latest_version(session, school.id)
    figures = {"id": school.id, "name": school.name, "plan_version": version.version if version else None,
               "timetable_in_force": record.id if record is not None else None}
    lessons = (record.plan if record is not None else version.body if version else {}).get("lessons", [])
    figures["lessons_total"] = sum(lesson.get("count", 1) for lesson in lessons)
    if record is not None:
        body = record.body
        figures["lessons_placed"] = len(body.get("placements", []))
        figures["hto_teaching_minutes"] = sum(h["minutes"] for h in body.get("hto_teaching", []))
        figures["open_vacancy_minutes"] = sum(v["minutes"] for v in body.get("open_vacancies", []))
    return figures


def region_overview(session: Session, *, region: Organisation) -> dict:
    """Per school: its plan version, timetable in force, lessons placed and hto'er minutes; per employer: its
    staffing windows met in the timetables in force and its hto'ers at the region's schools."""
    from solver.io.views import staffing_rows

    schools = _members(session, region, "school")
    in_force = {school.id: published(session, school.id) for school in schools}
    rows = []  # the staffing windows of every timetable in force
    htos: dict[str, set[str]] = {}
    for school in schools:
        record = in_force[school.id]
        version = latest_version(session, school.id)
        body = record.plan if record is not None else (version.body if version else {})
        for hto in body.get("htos", []):
            htos.setdefault(hto["employer"], set()).add(hto["staff"])
        if record is not None:
            rows += staffing_rows(Plan.model_validate(record.plan), Timetable.model_validate(record.body))
    employers = []
    for employer in _members(session, region, "employer"):
        version = latest_version(session, employer.id)
        mine = [row for row in rows if row.employer_id == employer.code]
        employers.append({"id": employer.id, "name": employer.name, "plan_version": version.version if version else None,
                          "htos": len(htos.get(employer.code, ())), "staffing_windows": len(mine),
                          "staffing_windows_met": sum(row.ok for row in mine)})
    return {"id": region.id, "name": region.name, "employers": employers,
            "schools": [_school_figures(session, school, in_force[school.id]) for school in schools]}
