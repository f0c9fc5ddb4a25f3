"""What the grid pages show, built from the services' answers: the week grid of one group, teacher, room or
hto'er (from the timetable as the roosteraar may see it), the "why here" of one lesson per cell, and the
school plan's body with one lesson's locks changed (stored by the route as a new plan version)."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from api.deps import Caller
from api.services.checks import why_lesson
from api.services.view_cache import VIEWS
from api.store.models import TimetableRecord
from solver.domain import Plan
from solver.io.views.placed import school_periods
from solver.rules import RULES, rule_text
from solver.timeline import day_index, fmt_hhmm

VIEWS_KINDS = ("group", "teacher", "room", "hto")
LOCK_PARTS = ("slot", "room", "teacher")
PALETTE = 8  # subject colours s1..s8 of app.css; each cell also shows the subject as text
_CACHE_SIZE = 128


class _Cache:
    """A small LRU of what a stored timetable gives (it never changes: a re-plan is a new record)."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, make):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > _CACHE_SIZE:
                self._items.popitem(last=False)
        return value


_PLANS = _Cache()
_WHY = _Cache()


def record_plan(record: TimetableRecord) -> Plan:
    """The plan a stored timetable was made for (parsed once per record)."""
    return _PLANS.get((record.id,), lambda: Plan.model_validate(record.plan))


@dataclass
class Entry:
    lesson: str
    copy: int
    subject: str
    colour: int
    teacher: str
    groups: str
    room: str
    hto: bool
    first: bool  # the cell where this copy starts (drag and why work from there)
    locks: list[str] = field(default_factory=list)


@dataclass
class Row:
    number: int
    time: str
    cells: dict[str, list[Entry] | None]


@dataclass
class Grid:
    days: list[str]
    rows: list[Row]
    choices: list[tuple[str, str]]  # (id, label) of the groups, teachers, rooms or hto'ers
    chosen: str | None
    subjects: list[tuple[str, int]]  # the subjects shown, with their colour
    company: set[tuple[str, int]] = field(default_factory=set)  # an hto'er's grid: (day, lesuur) at the company

    @property
    def chosen_label(self) -> str:
        return next((text for value, text in self.choices if value == self.chosen), self.chosen or "")


def _choices(plan: Plan, view: str) -> list[tuple[str, str]]:
    school = plan.schools[0]
    if view == "group":
        return [(g.id, f"{g.id} — {g.name}" if g.name else g.id) for g in school.groups]
    if view == "teacher":
        htos = {h.teacher for h in plan.htos}
        return [(t.id, f"{t.id} — {t.name}{' (hto)' if t.id in htos else ''}" if t.name else t.id)
                for t in plan.teachers]
    if view == "room":
        return [(r.id, f"{r.id} — {r.name}" if r.name else r.id) for r in school.rooms]
    return [(h.id, f"{h.name or h.id} ({h.teacher})") for h in plan.htos]


def _wanted(plan: Plan, view: str, chosen: str):
    """Whether a placement (dict) with its lesson belongs in the chosen grid."""
    if view == "group":
        sets = {g.id: set(g.student_sets or [g.id]) for g in plan.schools[0].groups}
        mine = sets.get(chosen, {chosen})
        return lambda p, lesson: bool(set().union(*(sets.get(g, {g}) for g in lesson.groups)) & mine) \
            if lesson.groups else False
    if view == "teacher":
        return lambda p, lesson: chosen in (p.get("teacher"), *lesson.co_teachers)
    if view == "room":
        return lambda p, lesson: p.get("room") == chosen
    teacher = next((h.teacher for h in plan.htos if h.id == chosen), None)
    return lambda p, lesson: teacher is not None and teacher in (p.get("teacher"), *lesson.co_teachers)


def subject_colours(plan: Plan) -> dict[str, int]:
    subjects = sorted({lesson.subject for lesson in plan.lessons})
    return {subject: index % PALETTE + 1 for index, subject in enumerate(subjects)}


def lesson_locks(school_body: dict | None) -> dict[str, list[str]]:
    """Per lesson id the parts locked in the school's newest plan version."""
    out = {}
    for lesson in (school_body or {}).get("lessons", []):
        parts = [part for part in LOCK_PARTS if lesson.get("lock", {}).get(part)]
        if parts:
            out[lesson["id"]] = parts
    return out


def build_grid(caller: Caller, record: TimetableRecord, view: str, chosen: str | None,
               locks: dict[str, list[str]]) -> Grid:
    """The week grid (days × lesuren) of the chosen group, teacher, room or hto'er of a stored timetable."""
    plan = record_plan(record)
    school = plan.schools[0]
    choices = _choices(plan, view)
    if chosen not in {c for c, _ in choices}:
        chosen = choices[0][0] if choices else None
    periods = school_periods(school)
    days = sorted(periods, key=day_index)
    # the timetable as this caller may see it (the view cache's, the same JSON the API answers)
    view_data = json.loads(VIEWS.view_json(caller, record))
    placements = view_data.get("placements", [])
    lessons = {lesson.id: lesson for lesson in plan.lessons}
    htos = {h.teacher for h in plan.htos}
    colours = subject_colours(plan)
    wanted = _wanted(plan, view, chosen) if chosen else (lambda p, lesson: False)
    mine = [(p, lessons[p["lesson"]]) for p in placements if p["lesson"] in lessons and wanted(p, lessons[p["lesson"]])]
    rows = []
    for number in range(1, max((len(ps) for ps in periods.values()), default=0) + 1):
        cells: dict[str, list[Entry] | None] = {}
        time = ""
        for day in days:
            if len(periods.get(day, [])) < number:
                cells[day] = None
                continue
            start, end, _name = periods[day][number - 1]
            time = time or f"{fmt_hhmm(start)}–{fmt_hhmm(end)}"
            cells[day] = [
                Entry(lesson=p["lesson"], copy=p.get("copy", 0), subject=lesson.subject,
                      colour=colours.get(lesson.subject, 1), teacher=p.get("teacher") or "",
                      groups="+".join(lesson.groups), room=p.get("room") or "",
                      hto=bool(htos & {p.get("teacher"), *lesson.co_teachers}), first=p["period"] == number,
                      locks=locks.get(p["lesson"], []))
                for p, lesson in mine
                if p["day"] == day and p["period"] <= number < p["period"] + p.get("duration", lesson.duration)]
        rows.append(Row(number, time, cells))
    shown = sorted({lesson.subject for _, lesson in mine})
    company = _at_company(periods, view_data.get("hto_busy", []), chosen) if view == "hto" else set()
    return Grid(days, rows, choices, chosen, [(s, colours[s]) for s in shown], company)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _at_company(periods: dict, busy: list[dict], hto: str | None) -> set[tuple[str, int]]:
    """The lesuren in which the hto'er is at the company, from the roosteraar's view (`hto_busy`: when, not why)."""
    windows = [w for item in busy if item["hto"] == hto for w in item["busy"] if w.get("week") in (None, 1)]
    out = set()
    for window in windows:
        start, end = _minutes(window["start"]), _minutes(window["end"])
        end += 24 * 60 if end <= start else 0
        for number, (first, last, _name) in enumerate(periods.get(window["day"], []), start=1):
            if first < end and start < last:
                out.add((window["day"], number))
    return out


# --- why here ------------------------------------------------------------------------------------------

@dataclass
class Slot:
    """One other place for the lesson copy, as the grid marks it."""

    day: str
    period: int
    verdict: str  # cheaper | equal | costlier | forbidden
    delta: int
    rules: list[str]  # in words: the hard rules broken (forbidden), or the soft rules that change, by how much
    summary: str


def rule_name(name: str, policy, lang: str) -> str:
    """The rule's one-liner in the page's language (the rule catalogue's), or its id when unknown."""
    return rule_text(name, policy, lang) if name in RULES else name


def why_here(caller: Caller, record: TimetableRecord, lesson: str, copy: int) -> dict | None:
    """The why report of one placed copy as the caller may see it (checks.why_lesson), kept per timetable."""
    key = (record.id, *VIEWS.audience(caller), lesson, copy)
    return _WHY.get(key, lambda: why_lesson(caller=caller, record=record, lesson_id=lesson, copy=copy))


def why_slots(record: TimetableRecord, report: dict, lang: str) -> list[Slot]:
    """Per (day, first lesuur) the best alternative of the report (with any teacher), in week order."""
    policy = record_plan(record).policy
    here = report["placement"]
    best: dict[tuple[str, int], dict] = {}
    for alt in report.get("alternatives", []):
        key = (alt["day"], alt["period"])
        if key == (here["day"], here["period"]):
            continue  # another teacher at the same time: not another slot
        rank = (0 if alt["allowed"] else 1, alt["total_delta"] if alt["allowed"] else len(alt["rules"]))
        if key not in best or rank < best[key][0]:
            best[key] = (rank, alt)
    slots = []
    for (day, period), (_rank, alt) in sorted(best.items(), key=lambda item: (day_index(item[0][0]), item[0][1])):
        # forbidden: the hard rules it breaks; allowed: each soft rule whose cost changes, with by how much
        words = [rule_name(name, policy, lang) for name in alt["rules"]] if not alt["allowed"] else [
            f"{rule_name(name, policy, lang)} ({cost:+d})" for name, cost in alt["cost_delta"].items() if cost]
        slots.append(Slot(day, period, alt["verdict"], alt["total_delta"], words,
                          alt.get("summary_nl" if lang == "nl" else "summary_en", "")))
    return slots


# --- locks ---------------------------------------------------------------------------------------------

def locked_body(school_body: dict, record: TimetableRecord, lesson_id: str, parts: dict[str, bool],
                move: tuple[int, str, int] | None = None) -> dict:
    """The school's plan body with the lesson's locks set to `parts` (the others as they were), its current
    placements taken from the timetable (a copy whose slot is locked already keeps its place), and `move`
    (copy, day, period): that copy's slot set there."""
    placed = {p.get("copy", 0): p for p in record.body.get("placements", []) if p["lesson"] == lesson_id}
    lessons = []
    for lesson in school_body.get("lessons", []):
        if lesson["id"] != lesson_id:
            lessons.append(lesson)
            continue
        lock = {**lesson.get("lock", {}), **parts}
        kept = {c["copy"]: c for c in lesson.get("current", [])} if lesson.get("lock", {}).get("slot") else {}
        current = []
        for copy, p in sorted(placed.items()):
            here = {"copy": copy, "day": p["day"], "period": p["period"], "room": p.get("room"),
                    "teacher": p.get("teacher")}
            if copy in kept:
                here.update({k: kept[copy][k] for k in ("day", "period") if k in kept[copy]})
            if move is not None and move[0] == copy:
                here.update({"day": move[1], "period": move[2]})
            current.append({k: v for k, v in here.items() if v is not None})
        lessons.append({**lesson, "lock": {k: v for k, v in lock.items() if v}, "current": current})
    return {**school_body, "lessons": lessons}
