"""Small plan and timetable builders for tests: one school, Mon-Fri lesuren of 50 minutes from 08:30.

Default day (periods_per_day=8): 1 08:30-09:20, 2 09:20-10:10, (20-min break) 3 10:30-11:20,
4 11:20-12:10, (30-min break) 5 12:40-13:30, 6 13:30-14:20, 7 14:20-15:10, 8 15:10-16:00, and on
to 11 17:40-18:30, 12 18:30-19:20 when more are asked for.

    plan = make_plan(lessons=[lesson("L1", teacher="T1", groups=["1A"])])
    tt = make_timetable([place("L1", "mon", 1, "T1", room="R1")])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from solver.domain import Plan, Timetable, parse_plan

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
DEFAULT_BREAKS = {3: 20, 5: 30}


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def lesuren(n: int = 8, start: str = "08:30", length: int = 50,
            breaks: dict[int, int] | None = None) -> list[tuple[str, str, bool]]:
    """(start, end, has_break_before) of periods 1..n; `breaks` maps a period number to the break before it."""
    breaks = DEFAULT_BREAKS if breaks is None else breaks
    hours, minutes = start.split(":")
    t = int(hours) * 60 + int(minutes)
    out = []
    for number in range(1, n + 1):
        pause = breaks.get(number, 0)
        t += pause
        out.append((hhmm(t), hhmm(t + length), pause > 0))
        t += length
    return out


def periods(n: int = 8, days: Iterable[str] = WEEKDAYS, *, marked_breaks: bool = False,
            **kwargs) -> list[dict]:
    """Period dicts for every day; with marked_breaks a blokuur may not span the breaks."""
    out = []
    for day in days:
        for start, end, pause in lesuren(n, **kwargs):
            period = {"day": day, "start": start, "end": end}
            if marked_breaks and pause:
                period["break_before"] = True
            out.append(period)
    return out


def lesson(id: str, teacher: str | None = "T1", groups: Sequence[str] = ("1A",), *,
           subject: str = "wiskunde", **kwargs) -> dict:
    """A lesson dict (count 1, duration 1, a classroom) unless kwargs say otherwise."""
    data = {"id": id, "subject": subject, "groups": list(groups)}
    if teacher is not None:
        data["teacher"] = teacher
    data.update(kwargs)
    return data


def shift(id: str, start: str, end: str, days: Sequence[str] | None = None, **kwargs) -> dict:
    """A shift dict; one that ends at or before its start crosses midnight. A shift of more than 5.5 h
    gets the pause the Arbeidstijdenwet asks for (default_pauses) unless `pauses` is given."""
    data = {"id": id, "start": start, "end": end, **kwargs}
    if days is not None:
        data["days"] = list(days)
    if end <= start and "crosses_midnight" not in kwargs:
        data["crosses_midnight"] = True
    data.setdefault("pauses", default_pauses(start, end))
    return data


def default_pauses(start: str, end: str) -> list[dict]:
    """The pause a shift of this length needs under the Atw defaults (atw_breaks): none up to 5.5 h,
    30 min up to 10 h, else 45 min. It starts on the quarter hour at or before three quarters of the
    shift, where the tests' lessons (mostly mornings) rarely fall: a lesson in a pause is work."""
    def minutes(text: str) -> int:
        hours, mins = text.split(":")
        return int(hours) * 60 + int(mins)
    begin = minutes(start)
    length = (minutes(end) - begin) % 1440 or 1440
    if length <= 330:
        return []
    pause = 45 if length > 600 else 30
    at = begin + (length * 3 // 4) // 15 * 15
    return [{"start": hhmm(at % 1440), "end": hhmm((at + pause) % 1440)}]


def staff(id: str, roster: Sequence[tuple[str, str]] = (), skills: Sequence[str] = ("operator",),
          **kwargs) -> dict:
    """A staff dict; roster is a list of (shift id, day)."""
    return {"id": id, "skills": list(skills), "roster": [{"shift": s, "day": d} for s, d in roster], **kwargs}


def demand(skill: str, day: str, start: str, end: str, min_staff: int = 1, **kwargs) -> dict:
    data = {"skill": skill, "day": day, "start": start, "end": end, "min_staff": min_staff, **kwargs}
    if end <= start and "crosses_midnight" not in kwargs:
        data["crosses_midnight"] = True
    return data


def employer(id: str = "E", shifts: Sequence[dict] = (), staff: Sequence[dict] = (),
             demand: Sequence[dict] = (), **kwargs) -> dict:
    return {"id": id, "shifts": list(shifts), "staff": list(staff), "demand": list(demand), **kwargs}


def hto(id: str, teacher: str, staff: str, employer: str = "E", **kwargs) -> dict:
    return {"id": id, "teacher": teacher, "employer": employer, "staff": staff, **kwargs}


def _as_dicts(items: Iterable[str | dict]) -> list[dict]:
    return [{"id": item} if isinstance(item, str) else dict(item) for item in items]


def make_school(id: str = "S", *, periods_per_day: int = 8, days: Iterable[str] = WEEKDAYS,
                marked_breaks: bool = False, groups: Iterable[str | dict] = (),
                student_sets: Iterable[str | dict] = (), rooms: Iterable[str | dict] | None = None) -> dict:
    """A school dict; rooms default to R1-R3, classrooms for 30."""
    rooms = ["R1", "R2", "R3"] if rooms is None else rooms
    return {
        "id": id,
        "periods": periods(periods_per_day, days, marked_breaks=marked_breaks),
        "student_sets": _as_dicts(student_sets),
        "groups": _as_dicts(groups),
        "rooms": _as_dicts(rooms),
    }


def make_plan(*, lessons: Sequence[dict] = (), teachers: Iterable[str | dict] | None = None,
              groups: Iterable[str | dict] | None = None, student_sets: Iterable[str | dict] = (),
              rooms: Iterable[str | dict] | None = None, periods_per_day: int = 8,
              days: Iterable[str] = WEEKDAYS, marked_breaks: bool = False, school_id: str = "S",
              extra_schools: Sequence[dict] = (), employers: Sequence[dict] = (),
              htos: Sequence[dict] = (), unavailable_marks: Sequence[dict] = (),
              policy: dict | None = None, weights: dict | None = None, name: str = "test") -> Plan:
    """A checked one-school plan. Teachers and groups default to every id the lessons and htos name."""
    if groups is None:
        groups = sorted({g for item in lessons if not item.get("school") or item["school"] == school_id
                         for g in item.get("groups", [])})
    if teachers is None:
        ids = {t for item in lessons for t in [item.get("teacher"), *item.get("candidates", [])] if t}
        ids |= {h["teacher"] for h in htos}
        teachers = sorted(ids)
    data = {
        "name": name,
        "schools": [make_school(school_id, periods_per_day=periods_per_day, days=days,
                                marked_breaks=marked_breaks, groups=groups,
                                student_sets=student_sets, rooms=rooms), *extra_schools],
        "teachers": _as_dicts(teachers),
        "lessons": list(lessons),
        "employers": list(employers),
        "htos": list(htos),
        "unavailable_marks": list(unavailable_marks),
    }
    if policy:
        data["policy"] = policy
    if weights:
        data["weights"] = weights
    return parse_plan(data)


def place(lesson: str, day: str, period: int, teacher: str = "T1", room: str | None = "R1", *,
          copy: int = 0, duration: int = 1, school: str = "S") -> dict:
    """A lesson placement dict."""
    return {"lesson": lesson, "copy": copy, "school": school, "day": day, "period": period,
            "duration": duration, "room": room, "teacher": teacher}


def work(staff: str, shift: str, day: str, *, employer: str = "E",
         released: Sequence[tuple[str, str, str]] = ()) -> dict:
    """A roster entry dict; released is a list of (day, start, end)."""
    return {"employer": employer, "staff": staff, "shift": shift, "day": day,
            "released": [{"day": d, "start": s, "end": e} for d, s, e in released]}


def current_rosters(plan: Plan) -> list[dict]:
    """Roster entries equal to every staff member's current roster (nothing changed, nothing released)."""
    return [work(p.id, item.shift, item.day, employer=e.id)
            for e in plan.employers for p in e.staff for item in p.roster]


def make_timetable(placements: Sequence[dict] = (), rosters: Sequence[dict] = (),
                   unplaced: Sequence[dict | tuple[str, int]] = ()) -> Timetable:
    items = [u if isinstance(u, dict) else {"lesson": u[0], "copy": u[1]} for u in unplaced]
    return Timetable.model_validate({"placements": list(placements), "rosters": list(rosters),
                                     "unplaced": items})
