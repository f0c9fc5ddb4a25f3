"""Checks without solving a timetable: the validator on a timetable a school already has, the explanation of
a plan without a timetable, and why a lesson is where it is. Each answer goes through visibility."""

from __future__ import annotations

import json

from fastapi import Request
from sqlalchemy.orm import Session

from api.deps import Caller
from api.services.plans import assemble
from api.services.visibility import explanation_for, report_for, why_for
from api.store.models import Organisation, TimetableRecord
from solver.domain import Plan, PlanError, PlanIssue, Timetable, plan_fingerprint
from solver.domain.base import check_json_limits, decode_utf8, validated

# The two ways to send a timetable, as /docs shows them (the route reads the body itself).
TIMETABLE_UPLOAD = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "description": "A Timetable: the JSON the solver writes "
                                                                      "(timetable.json)."},
                         "example": {"plan": "demo", "status": "FEASIBLE", "placements": [
                             {"lesson": "MT1A-NE", "copy": 0, "school": "roc-twente-hengelo", "day": "wed",
                              "period": 5, "room": "B1.01", "teacher": "JANS"}]}},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": "The timetable JSON file."}}},
        "example": {"file": "(the file: timetable.json)"}},
}}}


def _fail(source: str, message: str, where: str = "") -> PlanError:
    return PlanError([PlanIssue(path=where, message=message)], source)


def parse_timetable(raw: bytes, source: str) -> Timetable:
    """A timetable from JSON bytes; PlanError (422) naming the source and the line, column or field path."""
    text = decode_utf8(raw, source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _fail(source, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except (RecursionError, ValueError) as error:
        raise _fail(source, f"not valid JSON: {error}") from None
    check_json_limits(data, source, max_number=None)
    return validated(Timetable, data, source)


async def timetable_from_request(request: Request, *, max_bytes: int) -> Timetable:
    """The timetable of a JSON body or of the form's file 'file'."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise _fail("file", "send the timetable as the file 'file' of the form")
        name = upload.filename or "file"
        raw = await upload.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise _fail(name, f"the file is larger than {max_bytes} bytes")
        return parse_timetable(raw, name)
    if kind and kind != "application/json" and not kind.endswith("+json"):
        raise _fail("body", f"send JSON (application/json) or a form with a file, not {kind}")
    return parse_timetable(await request.body(), "body")


def validate_school(session: Session, *, caller: Caller, school: Organisation, timetable: Timetable) -> dict:
    """The validator's report of the timetable against the school's plan as it is now."""
    from solver.validate import validate

    plan, _ = assemble(session, school)
    report = validate(plan, timetable).to_dict()
    same = None if timetable.plan_fingerprint is None else timetable.plan_fingerprint == plan_fingerprint(plan)
    return {"ok": report["ok"], "hard_violations": report["hard_violations"], "same_plan": same,
            "report": report_for(caller, report)}


def explain_school(session: Session, *, caller: Caller, school: Organisation, time_limit: float) -> dict:
    """Why the school's plan (as it is now) has no timetable, searching at most time_limit seconds."""
    from api.commands import explain_plan
    from solver.params import SolveParams

    plan, _ = assemble(session, school)
    explanation = explain_plan(plan=plan, params=SolveParams(time_limit=time_limit, workers=1))
    return explanation_for(caller, explanation.to_dict())


def why_lesson(*, caller: Caller, record: TimetableRecord, lesson_id: str, copy: int) -> dict | None:
    """Why one placed lesson copy is where it is in a stored timetable; None when it is not placed there."""
    from solver.explain.why import WhyError, why_report

    plan, timetable = Plan.model_validate(record.plan), Timetable.model_validate(record.body)
    try:
        report = why_report(plan, timetable, lesson_id, copy)
    except WhyError:
        return None
    return why_for(caller, report.to_dict())
