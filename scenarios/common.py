"""Building blocks shared by the bundled demo and the generator: the day grid, names, subjects.

Everything here produces plain JSON-ready dicts in the shape of `solver.domain.Plan`; the demo
builder and the generator validate the finished dict with `solver.domain.parse_plan`.
"""

from __future__ import annotations

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]

# A common mbo day of 50-minute lesuren (domain-nl.md 3a: 8 lesuren 08:30-16:10 with breaks of
# 20, 30 and 10 minutes). The period after lunch has `break_before`, so no blokuur spans lunch.
LESUREN: list[tuple[str, str, bool]] = [
    ("08:30", "09:20", False),
    ("09:20", "10:10", False),
    ("10:30", "11:20", False),   # after the 20-minute morning break
    ("11:20", "12:10", False),
    ("12:40", "13:30", True),    # after the 30-minute lunch: blokuren may not span it
    ("13:30", "14:20", False),
    ("14:30", "15:20", False),   # after the 10-minute afternoon break
    ("15:20", "16:10", False),
]
PERIOD_MINUTES = 50


def school_periods(days: list[str] = WEEKDAYS) -> list[dict]:
    """The lesuren of every school day as Period dicts."""
    out = []
    for day in days:
        for number, (start, end, break_before) in enumerate(LESUREN, start=1):
            period = {"day": day, "start": start, "end": end, "name": f"{number}e uur"}
            if break_before:
                period["break_before"] = True
            out.append(period)
    return out


# Subject -> the room kind it needs. Theory in classrooms, practice in workshops, PLC and
# measurement in the lab, drawing in the computer room.
ROOM_KIND: dict[str, str] = {
    "Nederlands": "classroom",
    "Engels": "classroom",
    "Rekenen": "classroom",
    "Loopbaan & Burgerschap": "classroom",
    "Elektrotechniek theorie": "classroom",
    "Mechanica": "classroom",
    "Werktuigbouwkunde": "classroom",
    "Installatietechniek theorie": "classroom",
    "Veiligheid & VCA": "classroom",
    "Meet- en regeltechniek": "lab",
    "PLC-techniek": "lab",
    "Duurzame energietechniek": "lab",
    "Technisch tekenen/CAD": "computer",
    "Praktijk metaal": "workshop_metal",
    "Praktijk CNC": "workshop_metal",
    "Praktijk lassen": "workshop_metal",
    "Praktijk leidingwerk": "workshop_metal",
    "Praktijk elektro": "workshop_electro",
    "Praktijk elektrische installaties": "workshop_electro",
    "Keuzedeel PLC-programmeren": "lab",
    "Keuzedeel Zonnestroom": "workshop_electro",
    "Keuzedeel Robotica": "lab",
    "Keuzedeel 3D-printen": "computer",
}

# Short codes for lesson ids, Untis style.
SUBJECT_CODE: dict[str, str] = {
    "Nederlands": "NE", "Engels": "EN", "Rekenen": "RE", "Loopbaan & Burgerschap": "LB",
    "Elektrotechniek theorie": "ETT", "Mechanica": "MECH", "Werktuigbouwkunde": "WTB",
    "Installatietechniek theorie": "ITT", "Veiligheid & VCA": "VCA",
    "Meet- en regeltechniek": "MR", "PLC-techniek": "PLC", "Duurzame energietechniek": "DUU",
    "Technisch tekenen/CAD": "CAD", "Praktijk metaal": "PRM", "Praktijk CNC": "CNC",
    "Praktijk lassen": "LAS", "Praktijk leidingwerk": "LEI", "Praktijk elektro": "PRE",
    "Praktijk elektrische installaties": "EIN", "Keuzedeel PLC-programmeren": "KDPLC",
    "Keuzedeel Zonnestroom": "KDZON", "Keuzedeel Robotica": "KDROB", "Keuzedeel 3D-printen": "KD3D",
}

PROGRAMMES: dict[str, str] = {
    "MT": "Mechatronica",
    "ET": "Elektrotechniek",
    "IT": "Installatietechniek",
    "WB": "Werktuigbouw",
}

FIRST_NAMES = [
    "Annemiek", "Pieter", "Sarah", "Koen", "Ingrid", "Thomas", "Wouter", "Freek", "Gert-Jan",
    "Linda", "Ramon", "Esther", "Bas", "Joost", "Hanneke", "Bram", "Ilse", "Youssef", "Dennis",
    "Lotte", "Gerrit", "Marloes", "Henk", "Jeroen", "Tim", "Erik", "Kevin", "Daan", "Niels",
    "Anouk", "Wim", "Sven", "Bart", "Hans", "Sandra", "Rick", "Martijn", "Mehmet", "Wilco",
    "Fleur", "Jasper", "Sanne", "Ruud", "Marieke", "Stijn", "Femke", "Arjen", "Nicole", "Teun",
    "Laura", "Mohamed", "Eline", "Gijs", "Iris", "Hidde", "Maaike", "Robin", "Petra", "Luuk",
    "Fatma", "Jorien", "Mark", "Esra", "Harm", "Noor", "Wessel", "Saskia", "Ahmet", "Ellen",
]
LAST_NAMES = [
    "Jansen", "de Boer", "Visser", "Mulder", "Meijer", "Bos", "van Dijk", "Hendriks", "Vos",
    "Peters", "Huisman", "Kok", "Dekker", "Willems", "Koster", "Hofman", "ter Horst",
    "El Amrani", "Bosman", "Wienk", "Nijhuis", "Oude Egbrink", "Brinkman", "Kamphuis",
    "Wolters", "Schuurman", "Smit", "Veldhuis", "Pot", "Lammers", "Jansma", "Bakker",
    "Wessels", "Kroeze", "Hulshof", "Haverkamp", "Dijkstra", "Öztürk", "Bruggink", "Ter Haar",
    "Scholten", "Lansink", "Kuipers", "Pasman", "Brouwer", "Groothuis", "Klein Gunnewiek",
    "Wiggers", "Leferink", "Nieuwenhuis", "Aydin", "Bouwhuis", "Rouwhorst", "Meulenbelt",
    "Tijhuis", "Olde Riekerink", "Vlutters", "Hassink", "Morsink", "Eshuis", "Stokkers",
    "Borgman", "Reuvers", "Bulten", "Heijink", "Slotman", "Zwiers", "Kortman", "Jannink",
]

CITIES = [
    ("Hengelo", 10), ("Borne", 20), ("Almelo", 25), ("Enschede", 20), ("Delden", 15),
    ("Oldenzaal", 25), ("Goor", 25), ("Haaksbergen", 30), ("Rijssen", 35), ("Losser", 30),
]


def teacher_code(last_name: str, taken: set[str]) -> str:
    """An Untis-like short code from a surname ('van Dijk' -> 'DIJK'), unique within `taken`."""
    core = last_name.split()[-1].upper().replace("Ö", "O").replace("-", "")
    base = core[:4]
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    taken.add(code)
    return code


def lesson(
    lesson_id: str, subject: str, groups: list[str], *, count: int = 1, duration: int = 1,
    teacher: str | None = None, candidates: list[str] | None = None, room_kind: str | None = None,
    min_days_apart: int | None = None, preferred: list[str] | None = None,
) -> dict:
    """A Lesson dict; theory with count > 1 is spread over different days by default. `preferred`: the
    candidates the school prefers (preferred_teachers)."""
    out: dict = {
        "id": lesson_id, "subject": subject, "groups": groups, "duration": duration,
        "count": count, "room_kind": room_kind or ROOM_KIND[subject],
    }
    if teacher is not None:
        out["teacher"] = teacher
    if candidates:
        out["candidates"] = candidates
    if preferred:
        out["preferred_teachers"] = preferred
    days_apart = min_days_apart if min_days_apart is not None else (1 if count > 1 else 0)
    if days_apart:
        out["min_days_apart"] = days_apart
    return out


def shift(shift_id: str, name: str, start: str, end: str, days: list[str] = WEEKDAYS,
          pauses: list[tuple[str, str]] | None = None) -> dict:
    """A shift; `pauses` as (start, end). By default a shift of more than 5.5 h gets the 30-minute pause
    the Arbeidstijdenwet asks for (domain-nl.md 1c), on the half hour at or before its middle."""
    out = {"id": shift_id, "name": name, "start": start, "end": end, "days": list(days)}
    if end <= start:
        out["crosses_midnight"] = True
    if pauses is None:
        begin = _minutes(start)
        length = (_minutes(end) - begin) % 1440 or 1440
        at = begin + length // 2 // 30 * 30
        pauses = [(_hhmm(at), _hhmm(at + 30))] if length > 330 else []
    if pauses:
        out["pauses"] = [{"start": a, "end": b} for a, b in pauses]
    return out


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _hhmm(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def roster(shift_id: str, days: list[str]) -> list[dict]:
    return [{"shift": shift_id, "day": day} for day in days]


def shift_hours(shift_def: dict) -> float:
    """Length of a shift in hours (a night shift runs past midnight)."""
    sh, sm = map(int, shift_def["start"].split(":"))
    eh, em = map(int, shift_def["end"].split(":"))
    minutes = (eh * 60 + em) - (sh * 60 + sm)
    if minutes <= 0:
        minutes += 24 * 60
    return minutes / 60


def contract_hours(shifts: dict[str, dict], items: list[dict]) -> float:
    """The contract hours that match a roster exactly."""
    return sum(shift_hours(shifts[item["shift"]]) for item in items)


def demand_from_crews(
    shifts: dict[str, dict], staff: list[dict], skills: list[str], *, exclude: set[str],
    name_of: dict[str, str] | None = None,
) -> list[dict]:
    """Demand windows: per shift, day and skill, as many people as the staff outside `exclude` give.

    Staff in `exclude` (hto'ers, flexible colleagues) are then never needed for the current
    roster to cover the demand, so an hto'er can always be released and a flexible colleague
    can always be moved. Each person counts once, for the first of their own skills that is in
    `skills`: a person fills one staffing place at a time (issue 20).
    """
    out = []
    for shift_id, shift_def in shifts.items():
        for day in shift_def["days"]:
            for skill in skills:
                n = sum(
                    1 for person in staff
                    if person["id"] not in exclude
                    and next((s for s in person["skills"] if s in skills), None) == skill
                    and {"shift": shift_id, "day": day} in person["roster"]
                )
                if n:
                    out.append(demand(skill, shift_def, day, n, name_of))
    return out


def demand(skill: str, shift_def: dict, day: str, min_staff: int, name_of: dict | None = None) -> dict:
    label = (name_of or {}).get(shift_def["id"], shift_def.get("name") or shift_def["id"])
    out = {
        "name": f"{skill} {label}", "skill": skill, "day": day,
        "start": shift_def["start"], "end": shift_def["end"], "min_staff": min_staff,
    }
    if shift_def.get("crosses_midnight"):
        out["crosses_midnight"] = True
    return out
