"""Keeping what a worker found, in the server process, in the job's own session: every timetable is
certified by the validator first (store_timetable; a what-if's too, though it is not kept as a timetable),
so that NotCertified rolls the whole ending back and the job fails with the validator's words."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.services.timetables import NotCertified, certify, store_timetable
from api.services.visibility_jobs import employer_whatif
from api.store.models import Job, Organisation
from solver.domain import Plan, Timetable
from solver.domain.plan import parse_plan


def keep(session: Session, job: Job, payload: dict, *, cancelled: bool) -> None:
    """Set the job's state, result and timetable from the worker's payload."""
    KEEPERS[job.kind](session, job, payload)
    if cancelled:
        if job.state == "failed":
            job.error = "cancelled before anything was found; nothing was stored"
        job.state = "cancelled"


def not_kept(error: Exception) -> str:
    if isinstance(error, NotCertified):
        return f"the solver's timetable was not kept: {error}"
    return f"the result could not be kept: {type(error).__name__}: {error}"


def _counts(plan: Plan, timetable: Timetable) -> dict:
    from api.commands import SolveRun
    from solver.result import Result

    run = SolveRun(plan=plan, result=Result(status=timetable.status), timetable=timetable)
    placed, total = run.lessons
    vacancies_placed, vacancies, _open = run.vacancies
    return {"lessons_placed": placed, "lessons_total": total, "vacancy_lessons_placed": vacancies_placed,
            "vacancy_lessons_total": vacancies}


def _no_timetable(job: Job, payload: dict) -> None:
    job.state = "failed"
    status = payload.get("status", "UNKNOWN")
    why = {"INFEASIBLE": "the plan has no timetable that meets every hard rule (ask for an explanation)",
           "UNKNOWN": "none was found within the time limit (give it more time)",
           "MODEL_INVALID": "the solver found the model invalid"}.get(status, status)
    message = payload.get("message")
    job.error = f"no timetable: {why}" + (f": {message}" if message else "")


def _solve(session: Session, job: Job, payload: dict) -> None:
    school = session.get(Organisation, job.org_id)
    keys = ("status", "objective", "bound", "gap", "seconds", "message")
    job.result = {key: payload.get(key) for key in keys}
    if payload.get("timetable") is None:
        _no_timetable(job, payload)
        return
    plan = parse_plan(job.input["plan"])
    timetable = Timetable.model_validate(payload["timetable"])
    record = store_timetable(session, school=school, plan=plan, timetable=timetable, job_id=job.id)
    _done(job, record, plan, timetable)


def _replan(session: Session, job: Job, payload: dict) -> None:
    school = session.get(Organisation, job.org_id)
    job.result = {key: payload.get(key) for key in ("status", "still_holds", "proof", "seconds", "diff")}
    if payload.get("timetable") is None:
        _no_timetable(job, payload)
        return
    plan = parse_plan(job.input["plan"])
    timetable = Timetable.model_validate(payload["timetable"])
    record = store_timetable(session, school=school, plan=plan, timetable=timetable, job_id=job.id,
                             diff=payload["diff"], based_on=job.input.get("based_on"))
    _done(job, record, plan, timetable)


def _done(job: Job, record, plan: Plan, timetable: Timetable) -> None:
    # a new dict: the JSON column does not see changes made inside the one it has flushed already
    job.result = {**job.result, **_counts(plan, timetable), "certified": True,
                  "needs_approval": record.needs_approval}
    job.timetable_id, job.state = record.id, "done"


def _whatif(session: Session, job: Job, payload: dict) -> None:
    """Nothing is kept as a timetable; an employer's answer is kept only as its planner may see it."""
    if "schools" not in payload:
        job.result = {key: payload.get(key) for key in ("status", "still_holds", "proof", "seconds", "diff")}
        if payload.get("timetable") is None:
            _no_timetable(job, payload)
            return
        certify(parse_plan(job.input["plan"]), Timetable.model_validate(payload["timetable"]))
        job.result, job.state = {**job.result, "certified": True}, "done"
        return
    employer = session.get(Organisation, job.org_id)
    inputs = {school["org_id"]: school for school in job.input["schools"]}
    answers = []
    for answer in payload["schools"]:
        school = session.get(Organisation, answer["org_id"])
        given = inputs[answer["org_id"]]
        if answer.get("timetable") is not None:
            plan = parse_plan(given["plan"])
            after = Timetable.model_validate(answer["timetable"])
            certify(plan, after)
            answers.append(employer_whatif(employer.code, school_name=school.name, plan=plan,
                                           before=Timetable.model_validate(given["current"]), after=after,
                                           answer=answer))
        else:
            answers.append({"school": school.name, "still_holds": False, "status": answer.get("status", "ERROR"),
                            "error": answer.get("error") or "no timetable was found within the time limit"})
    job.result = {"mark": job.input["mark"], "schools": answers + job.input.get("skipped", [])}
    job.state = "done"


def _batch(session: Session, job: Job, payload: dict) -> None:
    job.result = payload
    if not payload["done"] and payload["failed"]:
        job.state = "failed"
        job.error = "every unit failed: " + "; ".join(f"{f['key']}: {f['error']}" for f in payload["failed"][:5])
    else:
        job.state = "done"


KEEPERS = {"solve": _solve, "replan": _replan, "whatif": _whatif, "batch": _batch}
