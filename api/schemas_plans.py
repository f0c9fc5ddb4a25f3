"""Requests and answers of the plan, mark, demand and audit routes. Every request model has an example;
the plan's own parts (Plan, Employer, Demand) are the solver's models."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas import example
from solver.domain.base import HHMM, MAX_NUMBER, CalendarDay
from solver.domain.employer import Demand

EMPLOYER_EXAMPLE = {
    "id": "metaal-hengelo", "name": "Metaalbedrijf Hengelo",
    "shifts": [{"id": "vroeg", "name": "vroege dienst", "start": "06:00", "end": "14:00", "days": ["mon", "tue"],
                "pauses": [{"start": "10:00", "end": "10:30"}]}],
    "demand": [{"name": "CNC vroeg", "skill": "cnc", "day": day, "start": "06:00", "end": "14:00", "min_staff": 1}
               for day in ("mon", "tue")],
    "staff": [{"id": "mh-jansen", "name": "Piet Jansen", "skills": ["cnc"],
               "roster": [{"shift": "vroeg", "day": "mon"}, {"shift": "vroeg", "day": "tue"}]},
              {"id": "mh-hofman", "name": "Bram Hofman", "skills": ["cnc"],
               "roster": [{"shift": "vroeg", "day": "tue"}]}],
}

PLAN_EXAMPLE = {
    "name": "voorbeeld",
    "schools": [{"id": "roc-twente-hengelo", "name": "ROC van Twente, Hengelo",
                 "periods": [{"day": day, "start": start, "end": end} for day in ("mon", "tue")
                             for start, end in (("08:30", "09:20"), ("09:20", "10:10"))],
                 "groups": [{"id": "4A"}], "rooms": [{"id": "W1"}]}],
    "teachers": [{"id": "JANS", "subjects": ["wi"]}, {"id": "HOFM", "subjects": ["techniek"]}],
    "lessons": [{"id": "4A-wi", "subject": "wi", "groups": ["4A"], "teacher": "JANS", "count": 2},
                {"id": "4A-techniek", "subject": "techniek", "groups": ["4A"], "teacher": "HOFM"}],
    "employers": [EMPLOYER_EXAMPLE],
    "htos": [{"id": "hto-hofman", "name": "Bram Hofman", "teacher": "HOFM", "employer": "metaal-hengelo",
              "staff": "mh-hofman", "travel_minutes": {"roc-twente-hengelo": 10}}],
    "unavailable_marks": [{"staff": "mh-hofman", "day": "tue", "start": "08:00", "end": "10:00",
                           "reason": "audit"}],
}


class VersionOut(BaseModel):
    version: int = Field(description="The version's number: 1 for the first, one more for each new one.")
    created_at: datetime = Field(description="When it was made (UTC).")
    created_by: str | None = Field(default=None, description="Who made it (a user name).")
    source: str = Field(description="Where it came from: the uploaded file and its format, an edit, a restore.")
    note: str = Field(default="", description="The note given with it.")
    has_upload: bool = Field(description="Whether the original uploaded file is kept (GET .../upload).")


class VersionBodyOut(VersionOut):
    body: dict = Field(description="The part itself: a school's part is a Plan without employers and marks; "
                                   "an employer's part is one Employer (shifts, demand, staff).")


class UploadOut(BaseModel):
    version: VersionOut = Field(description="The new version.")
    format: str = Field(description="How the file was read: json, xlsx, csv, untis, fet or employer.")
    ignored: list[str] = Field(default_factory=list, description="What was in the file but not kept, and why.")
    notes: list[str] = Field(default_factory=list, description="Other remarks about the reading.")


class NoteIn(BaseModel):
    model_config = example(note="terug naar de versie van vorige week")
    note: str = Field(default="", max_length=2000, description="Why, for the list of versions.")


class MarkIn(BaseModel):
    model_config = example(staff="mh-hofman", day="thu", start="08:00", end="12:00", reason="ISO 9001-audit",
                           level="hard", weight=None)
    staff: str = Field(min_length=1, max_length=200, description="The staff id of the person who cannot leave.")
    day: CalendarDay = Field(description="Day of the week: mon … sun.")
    start: HHMM = Field(description="Start of the window, HH:MM.")
    end: HHMM = Field(description="End of the window, HH:MM (after the start).")
    reason: str = Field(default="", max_length=500, description="Why (only your own organisation sees it).")
    level: Literal["hard", "preference"] = Field(default="hard", description=(
        "hard: they cannot leave; preference: rather not, at a cost of `weight`."))
    weight: int | None = Field(default=None, ge=1, le=MAX_NUMBER, description="Only with level preference: the cost.")


class MarkPatch(BaseModel):
    model_config = example(end="13:00", reason="audit loopt uit")
    staff: str | None = Field(default=None, min_length=1, max_length=200, description="Another staff id.")
    day: CalendarDay | None = Field(default=None, description="Another day.")
    start: HHMM | None = Field(default=None, description="Another start, HH:MM.")
    end: HHMM | None = Field(default=None, description="Another end, HH:MM.")
    reason: str | None = Field(default=None, max_length=500, description="Another reason.")
    level: Literal["hard", "preference"] | None = Field(default=None, description="hard or preference.")
    weight: int | None = Field(default=None, ge=1, le=MAX_NUMBER, description="The cost of a preference.")


class MarkOut(BaseModel):
    id: str = Field(description="The mark's id.")
    staff: str = Field(description="The staff id.")
    day: str = Field(description="Day of the week.")
    start: str = Field(description="Start, HH:MM.")
    end: str = Field(description="End, HH:MM.")
    reason: str = Field(description="Why.")
    level: str = Field(description="hard or preference.")
    weight: int | None = Field(default=None, description="The cost of a preference.")
    created_at: datetime = Field(description="When it was made.")
    updated_at: datetime = Field(description="When it was last changed.")
    deleted_at: datetime | None = Field(default=None, description="When it was deleted; null: it is in force.")


class DemandOut(BaseModel):
    version: int = Field(description="The employer's plan version it is taken from.")
    demand: list[Demand] = Field(description="The staffing demand: people with a skill needed per window.")


class DemandIn(BaseModel):
    model_config = example(demand=EMPLOYER_EXAMPLE["demand"], note="CNC ook op dinsdag")
    demand: list[Demand] = Field(max_length=10_000, description="The whole staffing demand, replacing the old.")
    note: str = Field(default="", max_length=2000, description="Why, for the list of versions.")


class DemandPatch(BaseModel):
    model_config = example(min_staff=3)
    name: str | None = Field(default=None, max_length=200, description="Another label.")
    skill: str | None = Field(default=None, min_length=1, max_length=200, description="Another skill.")
    day: CalendarDay | None = Field(default=None, description="Another day.")
    start: HHMM | None = Field(default=None, description="Another start, HH:MM.")
    end: HHMM | None = Field(default=None, description="Another end, HH:MM.")
    crosses_midnight: bool | None = Field(default=None, description="Whether the window ends the next day.")
    min_staff: int | None = Field(default=None, ge=1, le=MAX_NUMBER, description="People needed at least.")
    weeks: list[int] | None = Field(default=None, max_length=100, description="Weeks of the cycle; empty: every.")


class AuditOut(BaseModel):
    id: str = Field(description="The entry's id.")
    at: datetime = Field(description="When (UTC).")
    user: str | None = Field(default=None, description="Who (a user name).")
    action: str = Field(description="What was done: upload, restore, create, update, delete, replace, change, "
                                    "lock or move (a lesson fixed or moved on the grid), approve, publish, "
                                    "supersede.")
    entity: str = Field(description="What it was done to: plan_version, mark, demand or timetable.")
    entity_id: str = Field(description="The id of that record.")
    before: dict | None = Field(default=None, description="The record before (null: it is new).")
    after: dict | None = Field(default=None, description="The record after.")


class AuditPageOut(BaseModel):
    total: int = Field(description="Entries in all.")
    limit: int = Field(description="Entries at most on this page.")
    offset: int = Field(description="Entries skipped before this page.")
    items: list[AuditOut] = Field(description="The entries, newest first.")


class MessageOut(BaseModel):
    detail: str = Field(description="What went wrong, in a sentence.")


class ProblemOut(BaseModel):
    loc: list[str | int] = Field(description="Where: the file, sheet and cell (or file and line), or field path.")
    msg: str = Field(description="What is wrong there.")
    type: str = Field(description="The kind of problem.")


class ProblemsOut(BaseModel):
    detail: list[ProblemOut] = Field(description="Every problem found, each with its place.")


def errors(*codes: int) -> dict:
    """The error answers a route may give, for /docs (401, 403 and 404 carry a sentence; 409, 413 and 422 a
    list of problems with their places)."""
    said = {401: "Not logged in.", 403: "Your role may not do this.",
            404: "Not found (or of another organisation).", 409: "Conflicts with what is kept.",
            413: "The file or request is too large.", 422: "Wrong input: each problem with its place."}
    return {code: {"model": MessageOut if code in (401, 403, 404) else ProblemsOut, "description": said[code]}
            for code in codes}
