"""The roosteraar's timetable grids: the week of one group, teacher, room or hto'er; "why here" for a lesson;
locks of a lesson's slot, room or teacher (each a new version of the school's plan, undoable); moving a lesson
by drag or keyboard (stored as a slot lock at its new place, then a re-plan makes the certified timetable).
Other roles and other schools get 404, as the API answers them."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from api.deps import SessionDep, SettingsDep, committed, not_found
from api.jobs import submit
from api.routes.jobs import visible_job
from api.services import publishing, versions
from api.services.access import visible_org
from api.services.plans import latest_version
from api.store.models import Organisation, TimetableRecord
from api.web.deps import FormPageDep, Page, PageDep
from api.web.render import render
from api.web.routes import grid_data
from solver.rules import RULES, rule_text

router = APIRouter(prefix="/app", include_in_schema=False)
NAV = {"roosteraar": [("grid.title", "/app/school/{org}/grid")]}
BASE = "/app/school/{org}/grid"
Text = Annotated[str, Form(max_length=200)]
# Why a change was not kept, when it is not a rule of the catalogue (grid.problem.* in the messages).
PROBLEMS = ("version_newer", "plan_invalid", "not_slot")


def _school(page: Page, session, org: str) -> Organisation:
    """The roosteraar's own school; any other role or school answers 404 (as if the page did not exist)."""
    if page.caller.role != "roosteraar":
        raise not_found("page")
    return visible_org(session, page.caller, org, "school")


def _record(page: Page, session, school: Organisation, timetable: str | None) -> TimetableRecord | None:
    """The timetable asked for (404 if not this school's), else the newest draft, else the one in force."""
    if timetable:
        record = publishing.visible_timetable(session, page.caller, timetable)
        if record.org_id != school.id:
            raise not_found("timetable")
        return record
    records = publishing.school_timetables(session, school.id)
    return next((r for r in records if r.state == "draft"), None) or publishing.published(session, school.id) \
        or (records[0] if records else None)


def _back(school: Organisation, **values) -> RedirectResponse:
    query = urlencode({k: v for k, v in values.items() if v not in (None, "")})
    return RedirectResponse(f"{BASE.format(org=school.id)}?{query}", status_code=303)


def day_label(page: Page, day: str) -> str:
    """A day's name; the days of a later week of a cycle ('mon2') get their week number."""
    name = page.t(f"day.{day[:3]}")
    return f"{name} {page.t('grid.week', n=day[3:])}" if day[3:] else name


@router.get("/school/{org}/grid")
def grid_page(org: str, request: Request, page: PageDep, session: SessionDep,
              view: Annotated[str, Query(pattern="^(group|teacher|room|hto)$")] = "group",
              id: Annotated[str | None, Query(max_length=100)] = None,
              timetable: Annotated[str | None, Query(max_length=40)] = None,
              lesson: Annotated[str | None, Query(max_length=100)] = None,
              copy: Annotated[int, Query(ge=0, le=1000)] = 0,
              done: Annotated[str | None, Query(pattern="^(lock|move|undo|replan)$")] = None,
              version: Annotated[int | None, Query(ge=1)] = None,
              job: Annotated[str | None, Query(max_length=40)] = None,
              refused: Annotated[str | None, Query(max_length=400)] = None):
    """The week grid of one group, teacher, room or hto'er of the chosen timetable."""
    school = _school(page, session, org)
    record = _record(page, session, school, timetable)
    records = publishing.school_timetables(session, school.id)
    in_force = publishing.in_force_id(session, school.id)
    latest = latest_version(session, school.id)
    grid = None
    if record is not None:
        grid = grid_data.build_grid(page.caller, record, view, id,
                                    grid_data.lesson_locks(latest.body if latest else None))
    refused_rules = []
    if refused and record is not None:
        policy = grid_data.record_plan(record).policy
        # only the catalogue's rules and our own problems: a link cannot put other words on the page
        refused_rules = [page.t(f"grid.problem.{name}") if name in PROBLEMS else rule_text(name, policy, page.lang)
                         for name in refused.split(",")[:10] if name in PROBLEMS or name in RULES]
    return render(request, page, "grid/page.html", school=school, record=record, records=records,
                  in_force=in_force, grid=grid, view=view, views=grid_data.VIEWS_KINDS, base=BASE.format(org=school.id),
                  day_name=lambda day: day_label(page, day), open_lesson=lesson, open_copy=copy,
                  done=done, version=version, job=job, refused_rules=refused_rules,
                  latest_version=latest.version if latest else None)


@router.get("/school/{org}/grid/why")
def why_panel(org: str, request: Request, page: PageDep, session: SessionDep,
              timetable: Annotated[str, Query(max_length=40)], lesson: Annotated[str, Query(max_length=100)],
              copy: Annotated[int, Query(ge=0, le=1000)] = 0,
              view: Annotated[str, Query(pattern="^(group|teacher|room|hto)$")] = "group",
              id: Annotated[str | None, Query(max_length=100)] = None):
    """"Why here" for one lesson copy (htmx): every other slot, free, worse (how much, which rule) or forbidden."""
    school = _school(page, session, org)
    record = _record(page, session, school, timetable)
    report = grid_data.why_here(page.caller, record, lesson, copy)
    if report is None:
        raise not_found("lesson")
    latest = latest_version(session, school.id)
    plan = grid_data.record_plan(record)
    item = next(x for x in plan.lessons if x.id == lesson)
    return render(request, page, "grid/why.html", school=school, record=record, report=report, lesson=item,
                  copy=copy, slots=grid_data.why_slots(record, report, page.lang),
                  locks=grid_data.lesson_locks(latest.body if latest else None).get(lesson, []),
                  day_name=lambda day: day_label(page, day), base=BASE.format(org=school.id), view=view,
                  chosen=id)


def _keep_locks(session, page: Page, school: Organisation, record: TimetableRecord, lesson: str,
                parts: dict[str, bool], move: tuple[int, str, int] | None, action: str):
    """The school's plan with the lesson's locks changed, kept as its next version (checked as an upload is)."""
    latest = latest_version(session, school.id)
    if latest is None or not any(x["id"] == lesson for x in latest.body.get("lessons", [])):
        raise not_found("lesson")
    body = grid_data.locked_body(latest.body, record, lesson, parts, move)
    where = f"{lesson} ({action})"
    versions.check_school(session, school, body, where)
    row = versions._versioned(session, org=school, body=body, user=page.caller.user, source=f"grid: {where}",
                              note="", upload=None, action=action,
                              extra={"lesson": lesson, "lock": _body_lock(body, lesson)})
    return committed(session, row)


def _body_lock(body: dict, lesson: str) -> dict:
    return next((x.get("lock", {}) for x in body.get("lessons", []) if x["id"] == lesson), {})


@router.post("/school/{org}/grid/lock")
def lock(org: str, page: FormPageDep, session: SessionDep, timetable: Text, lesson: Text,
         copy: Annotated[int, Form(ge=0, le=1000)] = 0, view: Text = "group", id: Text = "",
         slot: Text = "", room: Text = "", teacher: Text = "", toggle: Text = ""):
    """Lock (or free) a lesson's slot, room and teacher, each on its own: a new plan version."""
    school = _school(page, session, org)
    record = _record(page, session, school, timetable)
    latest = latest_version(session, school.id)
    now = grid_data.lesson_locks(latest.body if latest else None).get(lesson, [])
    if toggle in grid_data.LOCK_PARTS:
        parts = {part: (part in now) != (part == toggle) for part in grid_data.LOCK_PARTS}
    else:
        parts = {"slot": bool(slot), "room": bool(room), "teacher": bool(teacher)}
    try:
        row = _keep_locks(session, page, school, record, lesson, parts, None, "lock")
    except HTTPException as error:
        if error.status_code != 422:
            raise
        return _back(school, view=view, id=id, timetable=record.id, lesson=lesson, copy=copy, refused="plan_invalid")
    return _back(school, view=view, id=id, timetable=record.id, lesson=lesson, copy=copy, done="lock",
                 version=row.version)


@router.post("/school/{org}/grid/move")
def move(org: str, page: FormPageDep, session: SessionDep, timetable: Text, lesson: Text,
         day: Annotated[str, Form(max_length=8)], period: Annotated[int, Form(ge=1, le=100)],
         copy: Annotated[int, Form(ge=0, le=1000)] = 0, view: Text = "group", id: Text = ""):
    """Move a lesson copy to another slot: refused with the rules it would break, else kept as a slot lock at
    the new place (a new plan version); a re-plan then makes the timetable, certified by the validator."""
    school = _school(page, session, org)
    record = _record(page, session, school, timetable)
    report = grid_data.why_here(page.caller, record, lesson, copy)
    if report is None:
        raise not_found("lesson")
    options = [a for a in report["alternatives"] if a["day"] == day and a["period"] == period]
    back = {"view": view, "id": id, "timetable": record.id, "lesson": lesson, "copy": copy}
    if not options:
        return _back(school, **back, refused="not_slot")
    if not any(a["allowed"] for a in options):
        return _back(school, **back, refused=",".join(dict.fromkeys(r for a in options for r in a["rules"])))
    try:
        row = _keep_locks(session, page, school, record, lesson, {"slot": True}, (copy, day, period), "move")
    except HTTPException as error:
        if error.status_code != 422:
            raise
        return _back(school, **back, refused="plan_invalid")
    return _back(school, **back, done="move", version=row.version)


@router.post("/school/{org}/grid/undo")
def undo(org: str, page: FormPageDep, session: SessionDep, timetable: Text,
         version: Annotated[int, Form(ge=2)], view: Text = "group", id: Text = "", lesson: Text = "",
         copy: Annotated[int, Form(ge=0, le=1000)] = 0):
    """Undo a lock or move: the version before it is kept again as the newest (only while nothing came after)."""
    school = _school(page, session, org)
    latest = latest_version(session, school.id)
    back = {"view": view, "id": id, "timetable": timetable, "lesson": lesson, "copy": copy}
    if latest is None or latest.version != version:
        return _back(school, **back, refused="version_newer")
    kept = versions.restore(session, org=school, number=version - 1, user=page.caller.user,
                            note=f"grid: undo of version {version}")
    committed(session, kept)
    return _back(school, **back, done="undo", version=kept.version.version)


@router.post("/school/{org}/grid/replan")
def replan(org: str, request: Request, page: FormPageDep, session: SessionDep, settings: SettingsDep,
           timetable: Text, view: Text = "group", id: Text = ""):
    """Queue a re-plan from this timetable with the plan as it is now (its locks kept); the page follows it."""
    school = _school(page, session, org)
    record = _record(page, session, school, timetable)
    data = submit.replan_input(session, settings=settings, school=school, based_on=record.id, change=None)
    job = submit.queue_job(session, settings=settings, org=school, user=page.caller.user, kind="replan", data=data)
    committed(session, job)
    if request.app.state.jobs is not None:
        request.app.state.jobs.wake()
    return _back(school, view=view, id=id, timetable=record.id, done="replan", job=job.id)


@router.get("/school/{org}/grid/job/{job_id}")
def job_state(org: str, job_id: str, request: Request, page: PageDep, session: SessionDep,
              view: Annotated[str, Query(pattern="^(group|teacher|room|hto)$")] = "group",
              id: Annotated[str | None, Query(max_length=100)] = None):
    """The state of a re-plan (htmx, polled until it ends), with a link to its timetable."""
    school = _school(page, session, org)
    job = visible_job(session, page.caller, job_id)
    if job.org_id != school.id:
        raise not_found("job")
    return render(request, page, "grid/job.html", job=job, final=job.state in submit.FINAL_STATES,
                  base=BASE.format(org=school.id), view=view, chosen=id)
