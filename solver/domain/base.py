"""Shared building blocks of the domain: days, times of day, windows, and plan errors."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema, model_validator

from solver.timeline import CALENDAR_DAYS, CYCLE_WEEKS, DAYS, parse_hhmm

# Lesson copies are numbered by a field called `copy`, which shadows a deprecated pydantic method.
warnings.filterwarnings("ignore", message='Field name "copy"')


def _check_day(text: str) -> str:
    if text not in DAYS:
        raise ValueError(f"'{text}' is not a day: mon, tue, ... sun, and for a cycle of several weeks "
                         f"mon2 ... sun{CYCLE_WEEKS}")
    return text


# A school day: one of the 28 codes of a cycle of up to four weeks (solver/timeline.py). The schema
# states them as one pattern rather than an enum of 28.
Day = Annotated[str, AfterValidator(_check_day), WithJsonSchema({
    "type": "string", "pattern": f"^({'|'.join(CALENDAR_DAYS)})[2-{CYCLE_WEEKS}]?$",
    "description": f"mon ... sun; a school cycle of several weeks goes on with mon2 ... sun{CYCLE_WEEKS}",
})]
# A day of one calendar week: companies (shifts, rosters, demand, marks) and hto'ers plan one week,
# as the labour law counts per calendar week.
CalendarDay = Literal[CALENDAR_DAYS]
WEEKDAYS: list[CalendarDay] = ["mon", "tue", "wed", "thu", "fri"]


def _check_hhmm(text: str) -> str:
    parse_hhmm(text)
    return text


HHMM = Annotated[str, AfterValidator(_check_hhmm)]
Id = Annotated[str, AfterValidator(lambda s: _check_id(s))]


def _check_id(text: str) -> str:
    if not text or not text.strip():
        raise ValueError("an id may not be empty")
    return text


class Strict(BaseModel):
    """Unknown fields are an error: a typo in a plan must not be silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Window(Strict):
    """A time window inside one day, e.g. an unavailable afternoon: tue 12:30-16:30."""

    day: Day
    start: HHMM
    end: HHMM

    @model_validator(mode="after")
    def _start_before_end(self) -> "Window":
        if parse_hhmm(self.end) <= parse_hhmm(self.start):
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class PlanIssue(BaseModel):
    """One thing wrong with a plan, with the field path where it is (e.g. lessons[12].groups[0])."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PlanError(ValueError):
    """A plan that cannot be used as it is; carries every issue found, not just the first."""

    def __init__(self, issues: list[PlanIssue], source: str | None = None):
        self.issues = issues
        self.source = source
        head = f"{source}: " if source else ""
        lines = "\n".join(f"  - {issue}" for issue in issues)
        super().__init__(f"{head}{len(issues)} problem(s) in the plan:\n{lines}")


def format_loc(loc: tuple) -> str:
    """('lessons', 12, 'groups', 0) -> 'lessons[12].groups[0]'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_json(path: str | Path) -> object:
    """Read a JSON file; an unreadable file or bad JSON is a PlanError naming the line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PlanError([PlanIssue(path="", message=f"cannot read the file: {error.strerror}")], str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise PlanError([PlanIssue(path="", message=message)], str(path)) from None
