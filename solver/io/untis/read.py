"""Read Untis GPU files (GPU001-005, GPU016) and a time grid into a Plan (issue 22, docs/untis.md).

What has no counterpart in the plan is refused per line, naming the field: multi-week lessons (GPU002
field 12), lessons of other dates than the rest without `on` (fields 15-16), minute-mode lengths that are
not whole lesuren (GPU001 field 8), a minimum of gaps (GPU004 field 10).

Every problem names the file, the line and the field; all problems of a folder are reported at once
(UntisError), and nothing is returned half-read."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from solver.domain import Plan
from solver.io.untis import layouts as L
from solver.io.untis.limits import free_days, teacher_limits


class UntisError(ValueError):
    """Untis files that cannot be read; `problems` lists each with its file, line and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Dialect:
    """How the files are written: Untis's defaults are comma, double quotes, UTF-8."""

    sep: str = ","
    quote: str = '"'
    encoding: str = "utf-8"


@dataclass
class _Row:
    file: str
    line: int
    fields: list[str]

    def get(self, index: int) -> str:
        return self.fields[index - 1].strip() if index <= len(self.fields) else ""

    def where(self, index: int) -> str:
        return f"{self.file} line {self.line} field {index}"


@dataclass
class _Reader:
    folder: Path
    dialect: Dialect
    problems: list[str] = field(default_factory=list)

    def rows(self, name: str, path: Path | None = None, required: bool = True) -> list[_Row]:
        path = path or self._find(name)
        if path is None or not path.is_file():
            if required:
                self.problems.append(f"{name}: missing in {self.folder} (needed)")
            return []
        try:
            text = path.read_bytes().decode(self.dialect.encoding)
        except UnicodeDecodeError as error:
            line = path.read_bytes()[:error.start].count(b"\n") + 1
            self.problems.append(f"{path.name} line {line}: not {self.dialect.encoding} text (use --encoding)")
            return []
        text = text.lstrip("\ufeff")
        out = []
        reader = csv.reader(io.StringIO(text), delimiter=self.dialect.sep, quotechar=self.dialect.quote)
        for fields in reader:
            if not any(f.strip() for f in fields):
                continue
            row = _Row(path.name, reader.line_num, fields)
            if len(fields) < L.MIN_FIELDS[name]:
                self.problems.append(f"{path.name} line {row.line}: {len(fields)} field(s), at least "
                                     f"{L.MIN_FIELDS[name]} expected (separator {self.dialect.sep!r}?)")
                continue
            out.append(row)
        return out

    def _find(self, name: str) -> Path | None:
        for path in sorted(self.folder.iterdir()) if self.folder.is_dir() else ():
            if path.name.lower() == name.lower():
                return path
        return None

    def integer(self, row: _Row, index: int, what: str, default: int | None = None) -> int | None:
        text = row.get(index)
        if text == "":
            return default
        try:
            return int(text)
        except ValueError:
            self.problems.append(f"{row.where(index)} ({what}): {text!r} is not a whole number")
            return default


def read_untis(folder: str | Path, *, grid: str | Path | None = None, dialect: Dialect | None = None,
               name: str | None = None, on: date | None = None, limit_weight: int | None = None) -> Plan:
    """The plan in an Untis export folder; `grid` is a time.txt elsewhere (default: DIR/time.txt). `on`: read
    the lessons whose dates (GPU002 fields 15-16) hold that day, and leave out the others. `limit_weight`:
    the teachers' limits (GPU004 min/max periods a day, max gaps) cost this per unit instead of being hard."""
    folder = Path(folder)
    r = _Reader(folder, dialect or Dialect())
    if not folder.is_dir():
        raise UntisError([f"{folder}: not a folder"])
    periods, slots = _grid(r, Path(grid) if grid else None)
    rooms = [_room(r, row) for row in r.rows(L.GPU005)]
    constraints: list[dict] = []
    teachers = [_teacher(r, row, constraints, limit_weight) for row in r.rows(L.GPU004)]
    groups = [{"id": row.get(L.NAME), **({"name": row.get(L.LONG_NAME)} if row.get(L.LONG_NAME) else {})}
              for row in r.rows(L.GPU003)]
    known = {"teacher": {t["id"]: t for t in teachers}, "class": {g["id"]: g for g in groups},
             "room": {x["id"]: x for x in rooms}}
    lessons, left_out = _lessons(r, r.rows(L.GPU002), known, on)
    _placements(r, r.rows(L.GPU001), lessons, slots, left_out)
    unspecified = _requests(r, r.rows(L.GPU016, required=False), known, slots)
    days = len({day for day, _ in slots}) or 1
    last_period = max((number for _, number in slots), default=1)
    constraints += free_days(r, unspecified, known, days, last_period)
    if r.problems:
        raise UntisError(r.problems)
    plan = {"name": name or folder.name, "schools": [{"id": "school", "periods": periods, "groups": groups,
                                                      "rooms": rooms}],
            "teachers": teachers, "lessons": list(lessons.values()), "constraints": constraints}
    try:
        return Plan.model_validate(plan)
    except ValidationError as error:
        raise UntisError([f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]) from None


def _hhmm(r: _Reader, row: _Row, index: int) -> str | None:
    text = row.get(index).replace(":", "")
    if not text.isdigit() or len(text) not in (3, 4) or int(text[-2:]) > 59 or int(text[:-2]) > 23:
        r.problems.append(f"{row.where(index)}: {row.get(index)!r} is not a time HHMM")
        return None
    text = text.zfill(4)
    return f"{text[:2]}:{text[2:]}"


def _grid(r: _Reader, grid: Path | None) -> tuple[list[dict], dict[tuple[str, int], dict]]:
    """time.txt: day (1=Mo), period no., start HHMM, end HHMM (a 5-field line with the day's number of
    periods second is read too)."""
    periods, slots = [], {}
    rows = r.rows(L.TIME, grid) if grid else r.rows(L.TIME)
    for row in rows:
        shift = 1 if len(row.fields) >= 5 and row.get(5) else 0
        day = _day(r, row, 1)
        number = r.integer(row, 2 + shift, "period no.")
        start, end = _hhmm(r, row, 3 + shift), _hhmm(r, row, 4 + shift)
        if None in (day, number, start, end):
            continue
        if end <= start:
            r.problems.append(f"{row.file} line {row.line}: the period ends ({end}) before it starts ({start})")
            continue
        if (day, number) in slots:
            r.problems.append(f"{row.file} line {row.line}: period {number} of day {row.get(1)} given twice")
            continue
        slots[(day, number)] = {"day": day, "start": start, "end": end}
        periods.append(slots[(day, number)])
    for day in {d for d, _ in slots}:
        numbers = sorted(n for d, n in slots if d == day)
        if numbers != list(range(1, len(numbers) + 1)):
            r.problems.append(f"{L.TIME}: the periods of {day} are {numbers}, not 1, 2, 3, …")
    return periods, slots


def _day(r: _Reader, row: _Row, index: int) -> str | None:
    number = r.integer(row, index, "Tag, 1=Mo")
    if number is None or not 1 <= number <= 7:
        if number is not None:
            r.problems.append(f"{row.where(index)}: day {number} is not 1 (Mo) … 7 (Su)")
        elif row.get(index) == "":
            r.problems.append(f"{row.where(index)}: no day")
        return None
    return L.DAYS[number - 1]


def _room(r: _Reader, row: _Row) -> dict:
    room = {"id": row.get(L.NAME)}
    if row.get(L.LONG_NAME):
        room["name"] = row.get(L.LONG_NAME)
    capacity = r.integer(row, L.R_CAPACITY, "Kapazität")
    if capacity:
        room["capacity"] = capacity
    return room


def _teacher(r: _Reader, row: _Row, constraints: list[dict], weight: int | None) -> dict:
    teacher = {"id": row.get(L.NAME)}
    if row.get(L.LONG_NAME):
        teacher["name"] = row.get(L.LONG_NAME)
    constraints += teacher_limits(r, row, teacher, weight)
    return teacher


def _date(r: _Reader, row: _Row, index: int) -> date | None:
    text = row.get(index)
    if not text:
        return None
    try:
        if len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        pass
    r.problems.append(f"{row.where(index)}: {text!r} is not a date YYYYMMDD")
    return None


def _dates(r: _Reader, row: _Row) -> tuple[date | None, date | None]:
    first, last = _date(r, row, L.U_FROM), _date(r, row, L.U_TO)
    if first and last and last < first:
        r.problems.append(f"{row.where(L.U_TO)}: the lesson ends ({last.isoformat()}) before it starts "
                          f"({first.isoformat()}, field {L.U_FROM})")
    return first, last


def _span(dates: tuple[date | None, date | None]) -> str:
    return " … ".join(d.isoformat() if d else "open" for d in dates) if any(dates) else "no dates"


def _other_dates(r: _Reader, dated: list[tuple[_Row, tuple]]) -> None:
    """Without `on`, the lessons must share their dates (the term the plan is for): a line with other dates
    than most is refused."""
    common, _ = Counter(span for _, span in dated).most_common(1)[0] if dated else (None, 0)
    for row, span in dated:
        if span != common:
            r.problems.append(f"{row.file} line {row.line} fields {L.U_FROM}-{L.U_TO} (Datum von/bis): lesson "
                              f"{row.get(L.U_NR)} runs {_span(span)}, most lessons {_span(common)}; the plan is "
                              f"one week: give --on DATE to read the lessons of that day")


def _known(r: _Reader, row: _Row, index: int, kind: str, known: dict) -> str | None:
    value = row.get(index)
    if value and value not in known[kind]:
        shown = ", ".join(sorted(known[kind])[:8]) or "none"
        r.problems.append(f"{row.where(index)}: unknown {kind} {value!r} (known: {shown})")
        return None
    return value or None


def _lessons(r: _Reader, rows: list[_Row], known: dict, on: date | None) -> tuple[dict[str, dict], set[str]]:
    """GPU002: one lesson per Unt-Nr; its lines give its classes, teachers (the first is the teacher,
    the others co-teachers) and rooms. Also the Unt-Nrs left out because their dates do not hold `on`."""
    lessons: dict[str, dict] = {}
    left_out: set[str] = set()
    dated: list[tuple[_Row, tuple]] = []
    for row in rows:
        nr = row.get(L.U_NR)
        if not nr:
            r.problems.append(f"{row.where(L.U_NR)}: no Unt-Nr")
            continue
        if row.get(L.U_WEEKS):
            r.problems.append(f"{row.where(L.U_WEEKS)} (Gruppe, multi-week model): lesson {nr} is only in week(s) "
                              f"{row.get(L.U_WEEKS)!r}; a lesson of the plan cannot be limited to some weeks of a "
                              f"cycle, so A/B-week lessons are not read (docs/untis.md)")
            continue
        first, last = _dates(r, row)
        if on is not None and not ((first is None or first <= on) and (last is None or on <= last)):
            left_out.add(nr)
            continue
        dated.append((row, (first, last)))
        group = _known(r, row, L.U_CLASS, "class", known)
        teacher = _known(r, row, L.U_TEACHER, "teacher", known)
        room = _known(r, row, L.U_ROOM, "room", known)
        lesson = lessons.setdefault(nr, {"id": f"U{nr}", "subject": row.get(L.U_SUBJECT), "groups": [],
                                         "_teachers": [], "_rooms": [], "_row": row})
        if not lesson["subject"]:
            lesson["subject"] = row.get(L.U_SUBJECT)
        for value, key in ((group, "groups"), (teacher, "_teachers"), (room, "_rooms")):
            if value and value not in lesson[key]:
                lesson[key].append(value)
        if teacher and lesson["subject"]:
            subjects = known["teacher"][teacher].setdefault("subjects", [])
            if lesson["subject"] not in subjects:
                subjects.append(lesson["subject"])
    if on is None:
        _other_dates(r, dated)
    for lesson in lessons.values():
        _shape(r, lesson)
    return lessons, left_out - set(lessons)


def _shape(r: _Reader, lesson: dict) -> None:
    """Weekly hours, double periods and block size -> count and duration; teachers and rooms."""
    row: _Row = lesson.pop("_row")
    hours = r.integer(row, L.U_HOURS, "Wochenstunden")
    if hours is None or hours < 1:
        if hours is not None:
            r.problems.append(f"{row.where(L.U_HOURS)}: {hours} weekly hours, at least 1 expected")
        hours = 1
    block = r.integer(row, L.U_BLOCK, "Blockgröße", 0) or 0
    doubles = r.integer(row, L.U_DOUBLE_MIN, "Doppelstd. min", 0) or 0
    duration = block if block > 1 else 2 if doubles * 2 == hours else 1  # a mix of doubles and singles: singles
    if hours % duration:
        r.problems.append(f"{row.where(L.U_HOURS)}: {hours} weekly hours is not a whole number of blocks "
                          f"of {duration}")
        duration = 1
    lesson.update(count=hours // duration, duration=duration)
    teachers, rooms = lesson.pop("_teachers"), lesson.pop("_rooms")
    if teachers:
        lesson["teacher"] = teachers[0]
        if teachers[1:]:
            lesson["co_teachers"] = teachers[1:]
    else:
        lesson["teacherless"] = True
    if rooms:
        lesson["rooms"] = rooms


def _placements(r: _Reader, rows: list[_Row], lessons: dict[str, dict], slots: dict, left_out: set[str]) -> None:
    """GPU001: the periods each lesson has now, as its current placements (consecutive periods of a
    lesson longer than one are one placement)."""
    seen: dict[str, dict[tuple[str, int], str | None]] = {}
    for row in rows:
        nr = row.get(L.S_NR)
        if nr in left_out:
            continue
        if nr not in lessons:
            r.problems.append(f"{row.where(L.S_NR)}: Unt-Nr {nr!r} is not in {L.GPU002}")
            continue
        day = _day(r, row, L.S_DAY)
        period = r.integer(row, L.S_PERIOD, "Stunde")
        if day is None or period is None:
            continue
        if (day, period) not in slots:
            r.problems.append(f"{row.where(L.S_PERIOD)}: no period {period} on {day} in {L.TIME}")
            continue
        slot = seen.setdefault(nr, {})
        for covered in range(period, period + _length(r, row, slots, day, period)):
            if slot.get((day, covered)) is None:
                slot[(day, covered)] = row.get(L.S_ROOM) or None
    for nr, taken in seen.items():
        lesson, current = lessons[nr], []
        duration, remaining = lesson["duration"], sorted(taken, key=lambda s: (L.DAYS.index(s[0]), s[1]))
        while remaining and len(current) < lesson["count"]:
            day, period = remaining[0]
            run = [(day, period + k) for k in range(duration)]
            remaining = [s for s in remaining if s not in run]
            place = {"copy": len(current), "day": day, "period": period}
            if taken[(day, period)]:
                place["room"] = taken[(day, period)]
            current.append(place)
        if current:
            lesson["current"] = current


def _length(r: _Reader, row: _Row, slots: dict, day: str, period: int) -> int:
    """Minute mode (GPU001 field 8, hh:mm): the number of whole lesuren from `period` that the length fills,
    counted as their own minutes or from the first start to the last end; empty: 1."""
    text = row.get(L.S_LENGTH)
    if not text:
        return 1
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and int(minutes) < 60):
        r.problems.append(f"{row.where(L.S_LENGTH)} (Stundenlänge): {text!r} is not a length hh:mm")
        return 1
    length = int(hours) * 60 + int(minutes)
    first, own = slots[(day, period)], 0
    for k in range(period, period + 64):
        if (day, k) not in slots:
            break
        own += _minutes(slots[(day, k)]["end"]) - _minutes(slots[(day, k)]["start"])
        if length in (own, _minutes(slots[(day, k)]["end"]) - _minutes(first["start"])):
            return k - period + 1
    r.problems.append(f"{row.where(L.S_LENGTH)} (Stundenlänge, minute mode): {text} is not a whole number of "
                      f"lesuren from period {period} on {day} ({first['start']}-{first['end']}); a lesson of part "
                      f"of a lesuur is not modelled")
    return 1


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def _requests(r: _Reader, rows: list[_Row], known: dict, slots: dict) -> list[tuple]:
    """GPU016 time requests: -3 a hard block, -2/-1 a preference (teachers and classes); 0 … +3 are
    wishes for, not against, and are not used. A line without day and period (empty or 0) is an
    'unspecified' request of one free day: returned as (row, table, name, value) for `free_days`."""
    unspecified = []
    for row in rows:
        kind = row.get(L.W_KIND).upper()
        value = r.integer(row, L.W_VALUE, "Zeitwunsch")
        no_day, no_period = row.get(L.W_DAY) in ("", "0"), row.get(L.W_PERIOD) in ("", "0")
        day = None if no_day else _day(r, row, L.W_DAY)
        period = None if no_period else r.integer(row, L.W_PERIOD, "Stunde")
        if value is not None and not -3 <= value <= 3:
            r.problems.append(f"{row.where(L.W_VALUE)}: time request {value} is not -3 … +3")
            continue
        table = {L.KIND_TEACHER: "teacher", L.KIND_CLASS: "class", L.KIND_ROOM: "room"}.get(kind)
        if table is None:
            r.problems.append(f"{row.where(L.W_KIND)}: element kind {kind!r} is not L, K or R")
            continue
        name = _known(r, row, L.W_NAME, table, known)
        if no_day != no_period and value is not None and value < 0:
            missing = L.W_DAY if no_day else L.W_PERIOD
            r.problems.append(f"{row.where(missing)}: a request with a {'period' if no_day else 'day'} but no "
                              f"{'day' if no_day else 'period'} (a free half day?) has no rule here; give both, "
                              f"or neither for one free day")
            continue
        if no_day and no_period and None not in (value, name):
            unspecified.append((row, table, name, value))
            continue
        if None in (value, day, period, name) or value >= 0:
            continue
        if (day, period) not in slots:
            r.problems.append(f"{row.where(L.W_PERIOD)}: no period {period} on {day} in {L.TIME}")
            continue
        window = {"day": day, "start": slots[(day, period)]["start"], "end": slots[(day, period)]["end"]}
        if table == "room":
            if value == -3:
                known["room"][name].setdefault("unavailable", []).append(window)
            continue
        if value > -3:
            window.update(level="preference", weight=L.PREFERENCE_WEIGHT[value])
        known[table][name].setdefault("unavailable", []).append(window)
    return unspecified
