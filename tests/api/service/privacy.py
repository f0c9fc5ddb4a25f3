"""A walker that finds data a role may not see in an answer: JSON (every key and value), CSV, XLSX, ICS and
HTML (every cell, property and text).

The forbidden words are built from the plan itself, per role, minus every word the role may see (so that a
word both sides use, such as a skill that is also a school subject, never raises a false alarm). A value is
a leak when it IS a forbidden word; a token of it when the word looks like an id (digits, '-', '.', '_', or
all capitals); and a part of it when the word is long and has a space or a digit in it (a shift's name, a
mark's reason, a person's name). Short plain words ('dag', 'laat') are only matched as whole values."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from api.services.plans import split_plan
from solver.domain import Plan

TOKENS = re.compile(r"[\s,;+·()\[\]{}'\"/:|→@=]+")
ID_LIKE = re.compile(r"[0-9._-]")


def _strings(data) -> list[str]:
    out, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            out.append(item)
    return out


def vocabulary(*parts) -> set[str]:
    """Every string of the data, and every token of it."""
    words = set()
    for text in (s for part in parts for s in _strings(part)):
        words.add(text)
        words.update(t for t in TOKENS.split(text) if t)
    return words


@dataclass
class Forbidden:
    role: str
    words: set[str]
    keys: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.words = {w for w in self.words if w and len(w) >= 2}
        self.ids = {w for w in self.words if len(w) >= 3 and (ID_LIKE.search(w) or (w.isupper() and w.isalpha()))}
        self.long = {w for w in self.words if len(w) >= 8 and (" " in w or any(c.isdigit() for c in w))}

    def leak(self, value: str) -> str | None:
        if value in self.words:
            return value
        found = next((t for t in TOKENS.split(value) if t in self.ids), None)
        if found is not None:
            return found
        return next((w for w in self.long if w in value), None)


def _employer_secrets(plan: Plan, *, codes: set[str], keep_staff: set[tuple[str, str]] = frozenset(),
                      keep_reasons: set[tuple[str, str]] = frozenset()) -> set[str]:
    """Shift ids and names, staffing windows and skills, staff (but keep_staff) and mark reasons (but those of
    keep_reasons) of employers."""
    words = set()
    staff_of = {}
    for employer in plan.employers:
        for person in employer.staff:
            staff_of[person.id] = employer.id
        if employer.id not in codes:
            continue
        words |= {s.id for s in employer.shifts} | {s.name for s in employer.shifts if s.name}
        words |= {d.name for d in employer.demand if d.name} | {d.skill for d in employer.demand}
        words |= {p.id for p in employer.staff if (employer.id, p.id) not in keep_staff}
        words |= {p.name for p in employer.staff if p.name and (employer.id, p.id) not in keep_staff}
    words |= {m.reason for m in plan.unavailable_marks if m.reason and staff_of.get(m.staff) in codes
              and (staff_of.get(m.staff), m.staff) not in keep_reasons}
    return words


def _school_secrets(plan: Plan, *, keep_teachers: set[str]) -> set[str]:
    words = set()
    for school in plan.schools:
        for group in school.groups:
            words |= {group.id, *(group.student_sets or [])} | ({group.name} if group.name else set())
        words |= {r.id for r in school.rooms} | {r.name for r in school.rooms if r.name}
    words |= {lesson.id for lesson in plan.lessons}
    words |= {t.id for t in plan.teachers if t.id not in keep_teachers}
    words |= {t.name for t in plan.teachers if t.name and t.id not in keep_teachers}
    return words


def forbidden_for(role: str, plan: Plan, *, employer: str | None = None, staff: str | None = None) -> Forbidden | None:
    """What `role` may never see of the plan (None: a coordinator or admin, who may see it all)."""
    school, employers, _ = split_plan(plan)
    all_codes = {e.id for e in plan.employers}
    if role == "roosteraar":
        htos = {(h.employer, h.staff) for h in plan.htos}
        words = _employer_secrets(plan, codes=all_codes, keep_staff=htos) - vocabulary(school)
        return Forbidden(role, words, {"shift", "shifts", "rosters", "removed_shifts", "demand", "min_staff",
                                       "skill", "skills", "reason", "released", "not_checked"})
    if role == "planner":
        own = [h for h in plan.htos if h.employer == employer]
        mine = vocabulary(employers[employer], [h.model_dump(mode="json") for h in own],
                          [m.model_dump(mode="json") for m in plan.unavailable_marks])
        words = (_school_secrets(plan, keep_teachers={h.teacher for h in own})
                 | _employer_secrets(plan, codes=all_codes - {employer})) - mine
        return Forbidden(role, words, {"groups", "student_sets", "room", "rooms", "lesson", "lessons",
                                       "placements", "subject"})
    if role == "hto":
        me = next(h for h in plan.htos if h.employer == employer and h.staff == staff)
        own = {lesson.id for lesson in plan.lessons if me.teacher in (lesson.teacher, *lesson.candidates)}
        mine_lessons = [lesson.model_dump(mode="json") for lesson in plan.lessons if lesson.id in own]
        mine = vocabulary(me.model_dump(mode="json"), mine_lessons, employers[employer]["shifts"],
                          [m.model_dump(mode="json") for m in plan.unavailable_marks if m.staff == staff],
                          [p for p in employers[employer]["staff"] if p["id"] == staff])
        others = _employer_secrets(plan, codes=all_codes, keep_staff={(employer, staff)},
                                   keep_reasons={(employer, staff)})
        others -= {s.id for e in plan.employers if e.id == employer for s in e.shifts}
        others -= {s.name for e in plan.employers if e.id == employer for s in e.shifts}
        others |= {t.id for t in plan.teachers} | {lesson.id for lesson in plan.lessons if lesson.id not in own}
        return Forbidden(role, others - mine, {"demand", "min_staff"})
    return None


# --- walking answers ----------------------------------------------------------------------------------------

def walk_json(data, rules: Forbidden, where: str = "$") -> list[str]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in rules.keys:
                found.append(f"{where}.{key}: key '{key}'")
            if (leak := rules.leak(str(key))) is not None:
                found.append(f"{where}: key {key!r} holds {leak!r}")
            found += walk_json(value, rules, f"{where}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += walk_json(value, rules, f"{where}[{i}]")
    elif isinstance(data, str) and (leak := rules.leak(data)) is not None:
        found.append(f"{where}: {data!r} holds {leak!r}")
    return found


def _values(texts, rules: Forbidden, where: str) -> list[str]:
    return [f"{where}: {t!r} holds {leak!r}" for t in texts if t and (leak := rules.leak(str(t))) is not None]


def csv_cells(text: str) -> list[str]:
    """The data cells (the header row holds the column names, labels such as 'dag', not data)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    return [cell for row in rows[1:] for cell in row]


def xlsx_cells(raw: bytes) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw))  # as in CSV, the first row of a sheet holds labels
    return [str(c) for ws in book.worksheets for row in ws.iter_rows(min_row=2, values_only=True)
            for c in row if c is not None] + [ws.title for ws in book.worksheets]


def ics_values(raw: bytes) -> list[str]:
    from icalendar import Calendar

    out = []
    for component in Calendar.from_ical(raw).walk():
        for name, value in component.items():
            if name in ("SUMMARY", "DESCRIPTION", "X-WR-CALNAME", "LOCATION", "CATEGORIES", "UID"):
                out.append(value.to_ical().decode() if hasattr(value, "to_ical") else str(value))
    return out


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(data.strip())


def html_texts(text: str) -> list[str]:
    parser = _Text()
    parser.feed(text)
    return parser.texts


def walk_answer(answer, rules: Forbidden, where: str) -> list[str]:
    """Every leak in an HTTP answer, by its content type."""
    kind = answer.headers.get("content-type", "")
    if "json" in kind:
        return walk_json(answer.json(), rules, where)
    if "zip" in kind:
        with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
            return [leak for name in archive.namelist()
                    for leak in _values(csv_cells(archive.read(name).decode("utf-8")), rules, f"{where}/{name}")]
    if "spreadsheet" in kind:
        return _values(xlsx_cells(answer.content), rules, where)
    if "calendar" in kind:
        return _values(ics_values(answer.content), rules, where)
    if "html" in kind:
        return _values(html_texts(answer.text), rules, where)
    return _values([answer.text] if kind.startswith("text/") else [json.dumps(kind)], rules, where)
