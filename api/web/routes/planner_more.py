"""The planner's demand editor (a new version of the employer's part at each edit), the coverage per window
(required against present, by skill, in the timetables shown) and the approvals of drafts that change this
employer's roster or release."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from api.deps import SessionDep, committed
from api.services import publishing, versions
from api.web.deps import FormPageDep, PageDep
from api.web.render import render
from api.web.routes.planner_common import (
    DAYS, current_part, detail_errors, employer_of, employer_view, part_version, school_name, shown_timetables,
)
from solver.domain import Plan, Timetable

router = APIRouter(include_in_schema=False)
_COVERAGE: dict[tuple[str, str], list] = {}  # (timetable id, employer code) -> rows; a stored timetable never changes


def _demand_page(request, page, session, employer, *, status_code=200, errors=None, values=None, saved=None):
    part = current_part(session, employer)
    return render(request, page, "planner/demand.html", status_code=status_code, employer=employer,
                  demand=part.get("demand", []), version=part_version(session, employer), errors=errors or {},
                  values=values or {}, saved=saved)


@router.get("/employer/{org_id}/demand")
def demand_page(org_id: str, request: Request, page: PageDep, session: SessionDep, saved: int | None = None):
    employer = employer_of(session, page, org_id)
    return _demand_page(request, page, session, employer, saved=saved)


@router.post("/employer/{org_id}/demand/{index}")
def change_demand(org_id: str, index: int, request: Request, page: FormPageDep, session: SessionDep,
                  min_staff: Annotated[str, Form()] = "", skill: Annotated[str, Form()] = ""):
    """One window's demand changed (as PATCH /employers/{id}/demand/{index}): a new version of the part."""
    employer = employer_of(session, page, org_id)
    demand = list(current_part(session, employer).get("demand", []))
    if not 0 <= index < len(demand):
        raise HTTPException(404, "demand item not found")
    values = {"min_staff": min_staff.strip(), "skill": skill.strip()}
    errors = {}
    if not values["min_staff"].isdigit() or int(values["min_staff"]) < 1:
        errors["min_staff"] = page.t("planner.demand_error_min")
    if not values["skill"]:
        errors["skill"] = page.t("planner.demand_error_skill")
    if not errors:
        demand[index] = {**demand[index], "min_staff": int(values["min_staff"]), "skill": values["skill"]}
        try:
            committed(session, versions.set_demand(session, employer=employer, user=page.caller.user, demand=demand,
                                                   index=index))
        except HTTPException as error:
            session.rollback()
            found = detail_errors(error.detail)
            errors = {"skill" if "skill" in " ".join(found) else "min_staff": "; ".join(found.values())}
    if errors:
        return _demand_page(request, page, session, employer, status_code=422, errors={index: errors},
                            values={index: values})
    return RedirectResponse(f"/app/employer/{employer.id}/demand?saved={index}#demand-{index}", status_code=303)


def _coverage_rows(record, employer) -> list:
    from solver.io.views.staffing import staffing_rows

    key = (record.id, employer.code)
    if key not in _COVERAGE:
        if len(_COVERAGE) >= 64:
            _COVERAGE.clear()
        plan, timetable = Plan.model_validate(record.plan), Timetable.model_validate(record.body)
        _COVERAGE[key] = [row for row in staffing_rows(plan, timetable) if row.employer_id == employer.code]
    return _COVERAGE[key]


@router.get("/employer/{org_id}/coverage")
def coverage(org_id: str, request: Request, page: PageDep, session: SessionDep, week: int = 1):
    """Required against present per window and skill, one week of the horizon at a time (loaded after the
    demand page is shown)."""
    employer = employer_of(session, page, org_id)
    charts = []
    for record, in_force in shown_timetables(session, employer)[:1]:
        rows = _coverage_rows(record, employer)
        weeks = sorted({row.week for row in rows}) or [1]
        shown = week if week in weeks else weeks[0]
        charts.append({"school": school_name(session, record), "in_force": in_force, "weeks": weeks, "week": shown,
                       "rows": [row for row in rows if row.week == shown]})
    return render(request, page, "planner/coverage.html", employer=employer, charts=charts,
                  when=lambda minutes: f"{minutes % 1440 // 60:02d}:{minutes % 60:02d}")


def _changes(draft_view: dict, before_view: dict | None, names: dict[str, str], short) -> dict:
    """What a draft changes for this employer only: shifts added or removed, and lesson time per person."""
    key = lambda r: (r["staff"], r["shift"], r["day"], r.get("week", 1))  # noqa: E731
    after = {key(r) for r in draft_view["rosters"]}
    before = {key(r) for r in before_view["rosters"]} if before_view else set()
    teach = lambda view: {(w["staff"], w["day"], w["start"], w["end"]) for w in view["teaching"]}  # noqa: E731
    t_after, t_before = teach(draft_view), teach(before_view) if before_view else set()
    people = sorted({s for s, *_ in t_after ^ t_before})
    return {"first": before_view is None,
            "added": sorted(after - before) if before_view else [], "removed": sorted(before - after),
            "teaching": [{"name": names.get(s, s),
                          "before": _when(t_before, s, short), "after": _when(t_after, s, short)} for s in people]}


def _when(windows: set, staff: str, short) -> str:
    mine = sorted((DAYS.index(day), day, start, end) for who, day, start, end in windows if who == staff)
    return ", ".join(f"{short(day)} {start}–{end}" for _, day, start, end in mine) or "–"


@router.get("/employer/{org_id}/approvals")
def approvals_page(org_id: str, request: Request, page: PageDep, session: SessionDep, approved: str = "",
                   problem: str = ""):
    employer = employer_of(session, page, org_id)
    names = {p["id"]: p.get("name") or p["id"] for p in current_part(session, employer).get("staff", [])}
    drafts = []
    for record in publishing.employer_timetables(session, employer.code):
        if record.state != "draft":
            continue
        in_force = publishing.published(session, record.org_id)
        drafts.append({
            "record": record, "school": school_name(session, record),
            "asked": employer.code in record.needs_approval,
            "waiting": employer.code in publishing.waiting_for(session, record),
            "approvals": publishing.approvals(session, record),
            "changes": _changes(employer_view(record, employer),
                                employer_view(in_force, employer) if in_force is not None else None, names,
                                lambda day: page.t(f"planner.short.{day}"))})
    return render(request, page, "planner/approvals.html", employer=employer, drafts=drafts, names=names,
                  approved=approved, problem=problem)


@router.post("/employer/{org_id}/approvals/{timetable_id}")
def approve(org_id: str, timetable_id: str, request: Request, page: FormPageDep, session: SessionDep):
    """Approve the draft for this employer (as POST /timetables/{id}/approve)."""
    employer = employer_of(session, page, org_id)
    if page.caller.role != "planner":
        raise HTTPException(403, "only the employer's planner approves")
    record = publishing.visible_timetable(session, page.caller, timetable_id)
    try:
        committed(session, publishing.approve(session, caller=page.caller, record=record))
    except HTTPException as error:
        session.rollback()
        return RedirectResponse(f"/app/employer/{employer.id}/approvals?problem={error.status_code}",
                                status_code=303)
    return RedirectResponse(f"/app/employer/{employer.id}/approvals?approved={record.id}", status_code=303)
