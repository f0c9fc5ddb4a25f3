"""Shared building blocks of the domain: days, times of day, windows, and plan errors."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema, model_validator

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
# A day of one calendar week: companies (shifts, rosters, demand, marks) name the days of a week (their
# weeks follow the plan's horizon, solver/domain/cycles.py), as the labour law counts per calendar week.
CalendarDay = Literal[CALENDAR_DAYS]
WEEKDAYS: list[CalendarDay] = ["mon", "tue", "wed", "thu", "fri"]


def _check_hhmm(text: str) -> str:
    parse_hhmm(text)
    return text


HHMM = Annotated[str, AfterValidator(_check_hhmm),
                 Field(description="A time of day, HH:MM (24 hours), e.g. 08:30.", examples=["08:30"])]
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


# Availability at two levels (issue 20): a hard block forbids, a preference costs its weight. Untis's
# time requests −3 … −1 map to hard, 10 and 3, Zermelo's "blokkade"/"voorkeur" and Shiftbase's
# "unavailable"/"rather not" to hard/preference (docs/rules.md, "Availability at two levels").
AvailabilityLevel = Literal["hard", "preference"]
DEFAULT_PREFERENCE_WEIGHT = 5


class Availability(Strict):
    """How strong an unavailability is: `hard` (never, the default) or `preference` (rather not, at a cost)."""

    level: AvailabilityLevel = Field(
        default="hard", description="hard: a block, nothing may be planned in it; preference: rather not, "
                                    "it may be used at a cost of `weight` (docs/rules.md).")
    weight: int | None = Field(
        default=None, ge=1,
        description=f"Only with level 'preference': the cost each time it is used (default "
                    f"{DEFAULT_PREFERENCE_WEIGHT}; Untis −1 ≈ 3, −2 ≈ 10).")

    @model_validator(mode="after")
    def _weight_only_for_a_preference(self):
        if self.weight is not None and self.level == "hard":
            raise ValueError("`weight` is only for level 'preference': a hard block has no cost, it forbids")
        return self

    @property
    def hard(self) -> bool:
        return self.level == "hard"

    @property
    def preference_weight(self) -> int:
        """The cost each time a preference is used (its weight, else the default); 0 for a hard block."""
        if self.hard:
            return 0
        return DEFAULT_PREFERENCE_WEIGHT if self.weight is None else self.weight


class UnavailableWindow(Availability, Window):
    """An unavailable window of a teacher or group: a hard block, or with `level: preference` a time they
    would rather not have a lesson, e.g. tue 12:30-16:30."""

    reason: str = Field(default="", description="Why, for the reports (e.g. 'ouderavond', 'parttime').")


def hard_windows(windows: list) -> list:
    """The windows that block: Windows without a level, and those of level 'hard'."""
    return [w for w in windows if getattr(w, "level", "hard") == "hard"]


def preference_windows(windows: list) -> list:
    """The windows of level 'preference' (rather not, at a cost)."""
    return [w for w in windows if getattr(w, "level", "hard") == "preference"]


class PlanIssue(BaseModel):
    """One thing wrong with a plan, with the field path where it is (e.g. lessons[12].groups[0])."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PlanError(ValueError):
    """A plan that cannot be used as it is; carries every issue found, not just the first."""

    def __init__(self, issues: list[PlanIssue], source: str | None = None, what: str = "the plan"):
        self.issues = issues
        self.source = source
        head = f"{source}: " if source else ""
        lines = "\n".join(f"  - {issue}" for issue in issues)
        super().__init__(f"{head}{len(issues)} problem(s) in {what}:\n{lines}")

    def about(self, what: str) -> "PlanError":
        """The same issues, said of another kind of file (e.g. 'the region file')."""
        return PlanError(self.issues, self.source, what)


def format_loc(loc: tuple) -> str:
    """('lessons', 12, 'groups', 0) -> 'lessons[12].groups[0]'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def field_message(error: dict) -> str:
    """One pydantic error in words a planner understands (the field path is said apart)."""
    ctx = error.get("ctx") or {}
    if error["type"] == "extra_forbidden":
        return "unknown field (check the spelling)"
    if error["type"].startswith("date_"):
        return f"{error.get('input')!r} is not a date: write it as YYYY-MM-DD (e.g. 2026-03-02)"
    if error["type"] == "less_than_equal" and "le" in ctx:
        return f"{error.get('input')} is too large: at most {ctx['le']} (see docs/limits.md)"
    if error["type"] == "too_long" and "max_length" in ctx:
        return f"has {ctx.get('actual_length')} items; at most {ctx['max_length']} (see docs/limits.md)"
    return error["msg"].removeprefix("Value error, ")


def validated(model: type[BaseModel], data: object, source: str | None = None, check=None):
    """`data` as a `model`, or a PlanError naming every field path that is wrong (in `source`, a file);
    `check(instance)` may add the issues a schema cannot see (references, dates of the plan)."""
    try:
        instance = model.model_validate(data)
    except ValidationError as error:
        issues = [PlanIssue(path=format_loc(e["loc"]), message=field_message(e)) for e in error.errors()]
        raise PlanError(issues, source) from None
    issues = check(instance) if check is not None else []
    if issues:
        raise PlanError(issues, source)
    return instance


# --- limits on what a file may hold (docs/limits.md) ------------------------------------------------
# A file made by hand or by a script must not make Hybrooster hang, run out of memory or crash
# before it can say what is wrong: each limit is checked before the file is used, with its place.

MAX_FILE_BYTES = 64 * 1024 * 1024  # a plan, timetable or change file: at most 64 MiB
MAX_DEPTH = 32  # objects and lists nested at most 32 deep (a plan needs 6)
MAX_LIST_ITEMS = 100_000  # items in any one list
MAX_NUMBER = 1_000_000_000  # numbers in a plan or change file, either sign
MAX_PERIODS = 1_000  # lesuren of one school's cycle; a lesson's count and duration are bounded by it
# The most lesson options (and shift instances) a plan may make by default (solver.pipeline.check_size;
# `--max-options`). A lesson option takes 2-3.5 KB in the compiled problem and the CP-SAT models together:
# 10,000 generated lessons, 673,000 options, peaked at 2.3 GB (solve, then the explanation of why it has
# no timetable; issue 20: 100,000 lessons grew past 8.7 GB). At this limit a plan may need 2-3.5 GB.
# FET's examples and the benchmark schools make far fewer.
MAX_OPTIONS = 1_000_000
LIMITS_DOC = "docs/limits.md"


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def read_json(path: str | Path, *, max_number: int | None = MAX_NUMBER) -> object:
    """Read a JSON file; anything wrong is a PlanError naming the file and the line and column (or the
    field path): unreadable, too big, not UTF-8 (UTF-8 with a byte order mark is fine), bad JSON,
    nested too deep, a list too long, a number too large (`max_number`; None: no bound)."""
    path = Path(path)
    source = str(path)

    def fail(message: str, where: str = "") -> PlanError:
        return PlanError([PlanIssue(path=where, message=message)], source)

    try:
        if path.is_dir():
            raise fail("is a folder, not a file")
        if path.exists() and not path.is_file():  # a device or pipe might never end
            raise fail("is not an ordinary file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(f"the file is {size / 2**20:.0f} MiB; at most {MAX_FILE_BYTES // 2**20} MiB is read "
                       f"(see {LIMITS_DOC})")
        raw = path.read_bytes()
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror or error}") from None
    text = decode_utf8(raw, source)
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise fail(f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise fail(f"objects or lists are nested more than {MAX_DEPTH} levels deep (see {LIMITS_DOC})") from None
    except ValueError as error:  # NaN/Infinity, or an integer of thousands of digits
        message = str(error)
        found = re.search(r"\d{4000,}", text) if "digits" in message else re.search(r"-?\b(NaN|Infinity)\b", text)
        if "digits" in message:
            message = "a number has too many digits"
        where = ""
        if found is not None:
            line = text.count("\n", 0, found.start()) + 1
            where = f" at line {line}, column {found.start() - (text.rfind(chr(10), 0, found.start()) + 1) + 1}"
        raise fail(f"not valid JSON{where}: {message}") from None
    check_json_limits(data, source, max_number=max_number)
    return data


def decode_utf8(raw: bytes, source: str) -> str:
    """The text of a file's bytes: UTF-8, with or without a byte order mark (Windows Notepad writes
    one); anything else is a PlanError saying where the first wrong byte is and to save it as UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanError([PlanIssue(path="", message="the file is UTF-16, not UTF-8: save it as UTF-8 "
                                                    "(in Notepad: Save as, Encoding: UTF-8)")], source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start:error.start + 1].hex()
        message = (f"not UTF-8: byte 0x{byte} at line {line}, column {column} (the file is perhaps Latin-1 "
                   "or Windows-1252): save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")
        raise PlanError([PlanIssue(path="", message=message)], source) from None


def check_json_limits(data: object, source: str | None = None, *, max_number: int | None = MAX_NUMBER) -> None:
    """Depth, list lengths and (unless max_number is None) numbers of JSON data, without recursion;
    a PlanError names the field path of each (at most 20)."""
    issues: list[PlanIssue] = []
    stack: list[tuple[object, tuple, int]] = [(data, (), 0)]
    while stack and len(issues) < 20:
        value, loc, depth = stack.pop()
        if isinstance(value, bool) or value is None or isinstance(value, str):
            continue
        if isinstance(value, (int, float)):
            if max_number is not None and not -max_number <= value <= max_number:
                big = isinstance(value, int) and value.bit_length() > 128  # str() of a huge int may fail
                shown = f"a number of about {int(value.bit_length() * 0.30103) + 1} digits" if big else str(value)
                issues.append(PlanIssue(path=format_loc(loc), message=f"{shown} is out of range: numbers are at "
                                        f"most {max_number:,} either way (see {LIMITS_DOC})"))
            continue
        if isinstance(value, list):
            if len(value) > MAX_LIST_ITEMS:
                issues.append(PlanIssue(path=format_loc(loc), message=f"has {len(value):,} items; a list holds "
                                        f"at most {MAX_LIST_ITEMS:,} (see {LIMITS_DOC})"))
                continue
            children = list(enumerate(value))
        elif isinstance(value, dict):
            children = list(value.items())
        else:
            continue
        if depth >= MAX_DEPTH:
            issues.append(PlanIssue(path=format_loc(loc), message=f"nested more than {MAX_DEPTH} levels deep "
                                    f"(see {LIMITS_DOC})"))
            continue
        for key, child in reversed(children):
            if not isinstance(child, (str, bool)) and child is not None:
                stack.append((child, (*loc, key), depth + 1))
    if issues:
        raise PlanError(issues, source)
