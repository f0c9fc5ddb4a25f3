"""The SME planner's pages: the staff list, a person's week (roster, lesson time of an hto'er, marks) with
marking by click or drag, the immediate what-if answer before a mark is saved, and (planner_more) the demand,
its coverage and the approvals. The same services as the API's marks, jobs and timetables routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from api.deps import SessionDep, SettingsDep, committed, not_found
from api.jobs import submit
from api.schemas_jobs import MarkIn
from api.services import marks as marks_service
from api.store.models import Job
from api.web.deps import FormPageDep, PageDep
from api.web.render import render
from api.web.routes import planner_more
from api.web.routes.planner_common import (
    DAYS, current_part, detail_errors, employer_of, employer_view, htos_of, school_name, shown_timetables, staff_member,
)
from api.web.routes.planner_week import cycle_weeks, part_rosters, week_grid, whatif_lines

router = APIRouter(prefix="/app", include_in_schema=False)
router.include_router(planner_more.router)

NAV = {"planner": [("planner.nav_staff", "/app/employer/{org}"), ("planner.nav_demand", "/app/employer/{org}/demand"),
                   ("planner.nav_approvals", "/app/employer/{org}/approvals")]}
START = {"planner": "/app/employer/{org}"}
WHATIF_WAIT = 5.0  # seconds the page waits for the what-if answer before it shows progress and polls


@router.get("/employer/{org_id}")
def staff_list(org_id: str, request: Request, page: PageDep, session: SessionDep):
    employer = employer_of(session, page, org_id)
    part, htos = current_part(session, employer), htos_of(session, employer)
    return render(request, page, "planner/staff_list.html", employer=employer, staff=part.get("staff", []), htos=htos)


def _week_context(session, employer, staff_id: str, week: int) -> dict:
    part = current_part(session, employer)
    person = staff_member(part, staff_id)
    shift_names = {s["id"]: s.get("name") or s["id"] for s in part.get("shifts", [])}
    weeks = cycle_weeks(part, person)
    week = week if week in weeks else weeks[0]
    rosters, teaching, sources = [], [], []
    for record, in_force in shown_timetables(session, employer):
        view = employer_view(record, employer)
        sources.append({"school": school_name(session, record), "in_force": in_force, "id": record.id,
                        "created_at": record.created_at, "published_at": record.published_at})
        rosters += [r for r in view["rosters"] if r["staff"] == staff_id and r.get("week", 1) == week]
        teaching += [w for w in view["teaching"] if w["staff"] == staff_id]
    teaching.sort(key=lambda w: (DAYS.index(w["day"]), w["start"]))
    if not sources:  # no timetable yet: the roster as the employer's part has it
        rosters = part_rosters(part, person, week)
    # two schools' timetables both carry this employer's rosters: the same shift is shown once
    rosters = list({(r["shift"], r["day"], r.get("week", 1)): r for r in rosters}.values())
    person_marks = [m for m in marks_service.list_marks(session, employer=employer) if m.staff == staff_id]
    return {"employer": employer, "person": person, "hto": htos_of(session, employer).get(staff_id, []),
            "weeks": weeks, "week": week, "sources": sources, "marks": person_marks, "teaching": teaching,
            "grid": week_grid(rosters=rosters, teaching=teaching, marks=person_marks, shift_names=shift_names)}


@router.get("/employer/{org_id}/staff/{staff_id}")
def staff_week(org_id: str, staff_id: str, request: Request, page: PageDep, session: SessionDep, week: int = 1,
               saved: str = "", deleted: str = ""):
    employer = employer_of(session, page, org_id)
    context = _week_context(session, employer, staff_id, week)
    return render(request, page, "planner/staff_week.html", saved=saved, deleted=deleted, errors={}, draft={},
                  **context)


def _draft(day: str, start: str, end: str, level: str, reason: str, weight: str) -> dict:
    return {"day": day, "start": start, "end": end, "level": level or "hard", "reason": reason.strip(),
            "weight": int(weight) if weight.strip().isdigit() else None}


def _window_errors(page, draft: dict) -> dict[str, str]:
    """A window that ends before it starts, said in the user's language at the end field (the service
    refuses it too, in English)."""
    times = [draft["start"], draft["end"]]
    if all(len(x) == 5 and x[2] == ":" and (x[:2] + x[3:]).isdigit() for x in times) and times[1] <= times[0]:
        return {"end": page.t("planner.error_end", start=times[0], end=times[1])}
    return {}


DraftForm = Annotated[str, Form()]


@router.post("/employer/{org_id}/staff/{staff_id}/whatif")
def draft_whatif(org_id: str, staff_id: str, request: Request, page: FormPageDep, session: SessionDep,
                 settings: SettingsDep, day: DraftForm = "", start: DraftForm = "", end: DraftForm = "",
                 level: DraftForm = "hard", reason: DraftForm = "", weight: DraftForm = ""):
    """The immediate answer to a drafted mark: the employer's what-if job, awaited a few seconds."""
    employer = employer_of(session, page, org_id)
    staff_member(current_part(session, employer), staff_id)
    draft = _draft(day, start, end, level, reason, weight)
    if errors := _window_errors(page, draft):
        return render(request, page, "planner/whatif.html", errors=errors, draft=draft, employer=employer,
                      staff_id=staff_id, job=None, lines=[])
    try:
        mark = MarkIn(staff=staff_id, **{k: v for k, v in draft.items() if k != "reason"})
        data = submit.employer_whatif_input(session, settings=settings, employer=employer, mark=mark.model_dump())
        job = submit.queue_job(session, settings=settings, org=employer, user=page.caller.user, kind="whatif",
                               data=data)
    except ValidationError as error:
        errors = {str(e["loc"][-1]) if e["loc"] else "": e["msg"] for e in error.errors()}
        return render(request, page, "planner/whatif.html", errors=errors, draft=draft, employer=employer,
                      staff_id=staff_id, job=None, lines=[])
    except HTTPException as error:
        return render(request, page, "planner/whatif.html", errors=detail_errors(error.detail), draft=draft,
                      employer=employer, staff_id=staff_id, job=None, lines=[])
    session.commit()
    manager = request.app.state.jobs
    if manager is not None:
        manager.wake()
        submit.wait_for(request.app.state.store, job.id, WHATIF_WAIT)
        session.expire_all()  # another thread ended it: read it afresh in this session
        job = session.get(Job, job.id)
    return _answer(request, page, employer, staff_id, draft, job)


def _answer(request, page, employer, staff_id: str, draft: dict, job: Job):
    lines = whatif_lines(job.result, staff_id, page.t) if job.state == "done" else []
    return render(request, page, "planner/whatif.html", errors={}, draft=draft, employer=employer,
                  staff_id=staff_id, job=job, lines=lines)


@router.get("/employer/{org_id}/staff/{staff_id}/whatif/{job_id}")
def whatif_progress(org_id: str, staff_id: str, job_id: str, request: Request, page: PageDep, session: SessionDep,
                    day: str = "", start: str = "", end: str = "", level: str = "hard", reason: str = "",
                    weight: str = ""):
    """The what-if answer once its job has ended (the page polls while it runs)."""
    employer = employer_of(session, page, org_id)
    job = session.get(Job, job_id)
    if job is None or job.org_id != employer.id or job.kind != "whatif":
        raise not_found("job")
    return _answer(request, page, employer, staff_id, _draft(day, start, end, level, reason, weight), job)


@router.post("/employer/{org_id}/staff/{staff_id}/marks")
def save_mark(org_id: str, staff_id: str, request: Request, page: FormPageDep, session: SessionDep,
              day: DraftForm = "", start: DraftForm = "", end: DraftForm = "", level: DraftForm = "hard",
              reason: DraftForm = "", weight: DraftForm = "", week: Annotated[int, Form()] = 1):
    """Save the drafted mark (as POST /employers/{id}/marks does, with its audit entry)."""
    employer = employer_of(session, page, org_id)
    draft = _draft(day, start, end, level, reason, weight)
    if draft["level"] == "hard":
        draft["weight"] = None
    try:
        if errors := _window_errors(page, draft):
            raise HTTPException(422, [{"loc": ["body", field], "msg": msg} for field, msg in errors.items()])
        mark = committed(session, marks_service.add_mark(session, employer=employer, user=page.caller.user,
                                                          values={"staff": staff_id, **draft}))
    except HTTPException as error:
        session.rollback()
        context = _week_context(session, employer, staff_id, week)
        return render(request, page, "planner/staff_week.html", status_code=422, saved="", deleted="",
                      errors=detail_errors(error.detail), draft=draft, **context)
    return RedirectResponse(f"/app/employer/{employer.id}/staff/{staff_id}?week={week}&saved={mark.id}#marks",
                            status_code=303)


@router.post("/employer/{org_id}/marks/{mark_id}/delete")
def remove_mark(org_id: str, mark_id: str, page: FormPageDep, session: SessionDep):
    employer = employer_of(session, page, org_id)
    mark = committed(session, marks_service.delete_mark(session, employer=employer, mark_id=mark_id,
                                                        user=page.caller.user))
    return RedirectResponse(f"/app/employer/{employer.id}/staff/{mark.staff}?deleted={mark.id}#marks",
                            status_code=303)
