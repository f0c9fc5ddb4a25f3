"""Putting a job in the queue: its input holds everything it needs to run again after a restart (the plan
assembled from the store as it is now, the timetable it starts from, the settings). Wrong input is refused
here, before anything is queued: 422 with the field path, 429 when the queue is full."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi import HTTPException, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.deps import not_found
from api.services.plans import assemble, employer_codes, latest_version
from api.services.timetables import published
from api.settings import Settings
from api.store.db import Store
from api.store.models import Job, Organisation, TimetableRecord, User, new_id
from solver.domain import Plan, PlanError
from solver.domain.plan import check_counts

DEMO_SOLVE_SECONDS = 20.0  # the solve queued when the demo is first loaded: a timetable to look at soon
WHATIF_SECONDS = 10.0  # a what-if's own limit: its answer is awaited
FINAL_STATES = ("done", "failed", "cancelled")


def body_error(field: str, error: PlanError) -> HTTPException:
    """A PlanError about one field of the request body, as a 422 naming the field and the path inside it."""
    detail = [{"loc": ["body", field, *([issue.path] if issue.path else [])], "msg": issue.message, "type": "plan"}
              for issue in error.issues]
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail)


def _refuse(loc: list, message: str) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, [{"loc": loc, "msg": message, "type": "value_error"}])


def queue_job(session: Session, *, settings: Settings, org: Organisation, user: User | None, kind: str,
              data: dict, job_id: str | None = None) -> Job:
    """A queued job; 429 when `job_queue_max` jobs are waiting already."""
    waiting = session.scalar(select(func.count()).select_from(Job).where(Job.state == "queued"))
    if waiting >= settings.job_queue_max:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, (
            f"the job queue is full ({waiting} jobs are waiting, the most this service takes); "
            "try again in a minute, when some have finished"), headers={"Retry-After": "30"})
    job = Job(id=job_id or new_id(), org_id=org.id, user_id=user.id if user is not None else None, kind=kind,
              input=data)
    session.add(job)
    session.flush()
    return job


def solve_params(settings: Settings, *, time_limit: float | None, seed: int = 0, workers: int | None = None,
                 cap: float | None = None) -> dict:
    """The solver settings of a job, within the service's limits."""
    if workers is not None and workers > settings.solver_threads:
        raise _refuse(["body", "workers"], f"at most {settings.solver_threads} on this service")
    limit = min(time_limit or settings.job_time_limit, settings.job_time_limit, cap or settings.job_time_limit)
    return {"time_limit": limit, "seed": seed, "workers": workers or settings.solver_threads}


def _checked(plan: Plan) -> dict:
    from api.commands import check_size

    check_size(plan)  # a plan too large to solve is refused now, not after minutes in the queue
    return plan.model_dump(mode="json", exclude_defaults=True)


def solve_input(session: Session, *, settings: Settings, school: Organisation, time_limit: float | None,
                seed: int, workers: int | None) -> dict:
    plan, versions = assemble(session, school)
    params = solve_params(settings, time_limit=time_limit, seed=seed, workers=workers)
    return {"plan": _checked(plan), "versions": versions, "params": params,
            "deadline_seconds": params["time_limit"] * 2 + 60}


def current_record(session: Session, school: Organisation, based_on: str | None) -> TimetableRecord:
    """The timetable a re-plan starts from: the one asked for, else the one in force, else the newest draft."""
    if based_on is not None:
        record = session.get(TimetableRecord, based_on)
        if record is None or record.org_id != school.id:
            raise not_found("timetable")
        return record
    record = published(session, school.id) or session.scalar(
        select(TimetableRecord).where(TimetableRecord.org_id == school.id)
        .order_by(TimetableRecord.created_at.desc()).limit(1))
    if record is None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"{school.name} has no timetable yet: solve first "
                                                      f"(POST /schools/{school.id}/solve)")
    return record


def changed_plan(plan: Plan, change: dict, field: str = "change") -> Plan:
    """The plan with one what-if change made (422 naming the field path inside the change if it is wrong)."""
    from solver.replan.whatif import apply_change, parse_change

    try:
        plan = apply_change(plan, parse_change(change))
    except PlanError as error:
        raise body_error(field, error) from None
    except ValueError as error:  # a change that parses but makes an invalid plan (pydantic's own check)
        raise _refuse(["body", field], str(error)) from None
    if issues := check_counts(plan):
        raise body_error(field, PlanError(issues))
    return plan


def replan_input(session: Session, *, settings: Settings, school: Organisation, based_on: str | None,
                 change: dict | None, polish_seconds: float = 0.0, time_limit: float | None = None,
                 cap: float | None = None) -> dict:
    """A re-plan (or a school's what-if) against the store as it is now, with the change made first."""
    record = current_record(session, school, based_on)
    plan, versions = assemble(session, school)
    if change is not None:
        plan = changed_plan(plan, change)
    params = solve_params(settings, time_limit=time_limit, cap=cap)
    return {"plan": _checked(plan), "versions": versions, "current": record.body, "based_on": record.id,
            "change": change, "polish_seconds": polish_seconds, "params": params,
            "deadline_seconds": (params["time_limit"] + polish_seconds) * 2 + 60}


def employer_whatif_input(session: Session, *, settings: Settings, employer: Organisation, mark: dict) -> dict:
    """One re-plan per school that has this employer's hto'ers and a timetable; the others are named."""
    from solver.replan.whatif import parse_change

    body = latest_version(session, employer.id)
    staff = {member["id"] for member in (body.body.get("staff", []) if body is not None else [])}
    if mark["staff"] not in staff:
        raise _refuse(["body", "mark", "staff"], f"'{mark['staff']}' is not one of {employer.name}'s staff")
    change = {"type": "unavailable_mark", "reason": "what-if",
              **{key: value for key, value in mark.items() if value is not None}}
    try:
        parse_change(change)  # a wrong window is refused now, also when no school has a timetable yet
    except PlanError as error:
        raise body_error("mark", error) from None
    params = solve_params(settings, time_limit=WHATIF_SECONDS, cap=WHATIF_SECONDS)
    schools, skipped = [], []
    for school in session.scalars(select(Organisation).where(Organisation.kind == "school")
                                  .order_by(Organisation.name)):
        version = latest_version(session, school.id)
        if version is None or employer.code not in employer_codes(version.body):
            continue
        try:
            plan, _versions = assemble(session, school)
            record = current_record(session, school, None)
        except (PlanError, HTTPException):
            skipped.append({"school": school.name, "still_holds": None, "status": "NO_TIMETABLE",
                            "note": "this school has no timetable (or no complete plan) to compare with yet"})
            continue
        schools.append({"org_id": school.id, "plan": _checked(changed_plan(plan, change, "mark")),
                        "current": record.body, "based_on": record.id})
    return {"mark": mark, "schools": schools, "skipped": skipped, "params": params,
            "deadline_seconds": params["time_limit"] * 2 * max(1, len(schools)) + 60}


def batch_input(*, settings: Settings, job_id: str, regions: list[str], levers: list[str] | None, scale: float,
                school_seconds: float, rounds: int, seed: int, three_way: bool) -> dict:
    """A regional batch of presets (no file paths: the service reads no files a caller names)."""
    from scenarios.regional.batch import plan_units
    from scenarios.regional.levers import LeverError, parse_lever
    from scenarios.regions.generate import PRESETS

    for index, region in enumerate(regions):
        if region not in PRESETS:
            raise _refuse(["body", "regions", index], f"'{region}' is not a region preset ({', '.join(PRESETS)})")
    for index, lever in enumerate(levers or ()):
        try:
            parse_lever(lever)
        except LeverError as error:
            raise _refuse(["body", "levers", index], str(error)) from None
    try:
        units = plan_units(regions, levers, seed=seed, scale=scale, three_way=three_way)
    except (ValueError, LeverError) as error:
        raise _refuse(["body", "regions"], str(error)) from None
    school_seconds = min(school_seconds, settings.job_time_limit)
    return {"regions": regions, "levers": levers, "scale": scale, "school_seconds": school_seconds,
            "rounds": rounds, "seed": seed, "three_way": three_way, "units": len(units),
            "out": str((Path(settings.data_dir) / job_id).resolve()), "scheduler": settings.dask_scheduler}


def queue_demo_solve(session: Session, settings: Settings) -> Job | None:
    """The demo school's first solve, queued when the demo is loaded (the workers pick it up after start)."""
    school = session.scalar(select(Organisation).where(Organisation.kind == "school").order_by(Organisation.created_at))
    if school is None:
        return None
    data = solve_input(session, settings=settings, school=school, time_limit=DEMO_SOLVE_SECONDS, seed=0,
                       workers=None)
    return queue_job(session, settings=settings, org=school, user=None, kind="solve", data=data)


def wait_for(store: Store, job_id: str, seconds: float) -> Job:
    """The job once it has ended, or as it is after `seconds` (read afresh each time: another thread ends it)."""
    deadline = time.monotonic() + seconds
    while True:
        with store.session() as session:
            job = session.get(Job, job_id)
        if job.state in FINAL_STATES or time.monotonic() >= deadline:
            return job
        time.sleep(0.05)
