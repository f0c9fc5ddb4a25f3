"""Builds the bundled demo plan: an mbo techniek school in Hengelo, three Twente SMEs, five hto'ers.

Run `python -m scenarios.demo.build` to regenerate `scenarios/demo/plan.json`.

The story, in short:

* ROC Techniek Twente, locatie Hengelo: 8 klassen (Mechatronica, Elektrotechniek,
  Installatietechniek, Werktuigbouw), 20 docenten, 10 lokalen incl. 4 werkplaatsen, 8 lesuren
  of 50 minutes a day. ET2A and WB2A are split into halves: each half chooses a keuzedeel
  (two cluster groups across both classes) and ET2A does its elektro-practical in halves.
* Metaalbewerking Hengelo B.V. (early/late shifts, *wisseldienst*: the crews swap every week, a
  two-week cycle from Monday 12 January 2026): Bram Hofman (CNC, early in week 1 and late in week 2,
  *unqualified*: 6 lesuren at most) and Ilse ter Horst (welder, late in week 1 and early in week 2,
  teaches Tue/Wed; an audit blocks Tuesday morning). Each CNC crew has one person of slack, so Bram
  can be released in either week; in her early weeks Ilse's lessons lie in her shift, and Jeroen
  Kamphuis (welder and CNC, on the same shift) takes the welding place.
* Van der Veen Installatietechniek B.V. (day shift): Youssef El Amrani may only teach on
  Thursday, and on Thursday the installers are exactly at the minimum. He can teach only
  because Anouk Lammers (part-time, `may_reroster`) moves one of her Mon-Wed shifts to Thursday.
* Twentse Onderhoudsgroep B.V. (day, evening and night shift; the three mechanics of the
  storingsdienst rotate over them in three weeks, from Monday 12 January 2026): Dennis Bosman works
  the nights Mon and Tue every week (Mon 22:00 - Wed 06:00, a weekly pattern of his own), so after
  the 14 h rest he teaches on Thu/Fri; Lotte Wienk (day shift) teaches Mon/Wed, but the quarterly
  maintenance keeps her at the plant Wed morning.
* The plan's horizon is six weeks (the two-week and the three-week cycle): the timetable holds in
  each of them, with every staffing window met in every week.
* Four lessons have a choice of teacher, an hto'er or a regular one (MT1A-PLC, ET2B-PLC, IT2A-LEI,
  WB2A-CNC); the school prefers its hto'er for each (`preferred_teachers`), so the hto'ers teach them
  although every lesson they take costs their company a release.
* Every shift declares its 30-minute pause (the Atw asks for 30 minutes of break after 5.5 h of
  work, atw_breaks); a lesson or travel in a pause is work, so the dienst needs its break elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path

from scenarios.demo import DEMO_PLAN_PATH
from scenarios.common import WEEKDAYS, contract_hours, lesson, roster, school_periods, shift
from solver.domain import Plan, parse_plan

SCHOOL = "roc-twente-hengelo"
PLAN_PATH = DEMO_PLAN_PATH

TEACHERS: list[tuple[str, str, list[str], list[str]]] = [
    # code, name, subjects, days not at school (part-timers)
    ("JANS", "Annemiek Jansen", ["Nederlands", "Loopbaan & Burgerschap"], []),
    ("BOER", "Pieter de Boer", ["Nederlands", "Loopbaan & Burgerschap"], []),
    ("VISS", "Sarah Visser", ["Engels"], ["wed"]),
    ("MULD", "Koen Mulder", ["Engels", "Loopbaan & Burgerschap"], []),
    ("MEIJ", "Ingrid Meijer", ["Rekenen"], ["thu", "fri"]),
    ("BOS", "Thomas Bos", ["Rekenen", "Mechanica"], []),
    ("DIJK", "Wouter van Dijk", ["Praktijk metaal", "Praktijk lassen"], []),
    ("HEND", "Freek Hendriks", ["Praktijk metaal", "Praktijk leidingwerk", "Praktijk CNC"], []),
    ("VOS", "Gert-Jan Vos", ["Praktijk elektro", "Praktijk elektrische installaties"], []),
    ("HUIS", "Ramon Huisman", ["PLC-techniek", "Meet- en regeltechniek", "Praktijk elektro"], []),
    ("PETE", "Linda Peters", ["Elektrotechniek theorie", "Meet- en regeltechniek"], []),
    ("KOK", "Esther Kok", ["Technisch tekenen/CAD"], ["fri"]),
    ("DEKK", "Bas Dekker", ["Technisch tekenen/CAD", "Werktuigbouwkunde"], []),
    ("WILL", "Joost Willems",
     ["Installatietechniek theorie", "Duurzame energietechniek", "Keuzedeel Zonnestroom"], ["fri"]),
    ("KOST", "Hanneke Koster", ["Werktuigbouwkunde", "Veiligheid & VCA", "Mechanica"], []),
    # the hto'ers as teachers
    ("HOFM", "Bram Hofman", ["Praktijk CNC"], []),
    ("HORS", "Ilse ter Horst", ["Praktijk lassen"], []),
    ("AMRA", "Youssef El Amrani", ["Praktijk leidingwerk"], []),
    ("BOSM", "Dennis Bosman", ["PLC-techniek", "Keuzedeel PLC-programmeren"], []),
    ("WIEN", "Lotte Wienk", ["PLC-techniek"], []),
]

CLASSES: list[tuple[str, str, int]] = [
    ("MT1A", "Mechatronica niveau 4, jaar 1", 22),
    ("MT1B", "Mechatronica niveau 4, jaar 1", 20),
    ("ET2A", "Elektrotechniek niveau 3, jaar 2", 18),
    ("ET2B", "Elektrotechniek niveau 3, jaar 2", 19),
    ("IT1A", "Installatietechniek niveau 3, jaar 1", 21),
    ("IT2A", "Installatietechniek niveau 3, jaar 2", 17),
    ("WB1A", "Werktuigbouw niveau 3, jaar 1", 20),
    ("WB2A", "Werktuigbouw niveau 3, jaar 2", 18),
]
# Split classes: their halves (student sets) are groups too, and form the keuzedeel clusters.
HALVES = {"ET2A": [("ET2A-1", 9), ("ET2A-2", 9)], "WB2A": [("WB2A-1", 8), ("WB2A-2", 10)]}


def build_school() -> dict:
    sets, groups = [], []
    for class_id, name, size in CLASSES:
        if class_id in HALVES:
            halves = HALVES[class_id]
            sets += [{"id": set_id, "size": n} for set_id, n in halves]
            groups.append({"id": class_id, "name": name, "student_sets": [s for s, _ in halves]})
        else:
            groups.append({"id": class_id, "name": name, "size": size})
    for class_id, halves in HALVES.items():
        for k, (set_id, _) in enumerate(halves, start=1):
            groups.append({"id": set_id, "name": f"{class_id} groep {k}", "student_sets": [set_id]})
    groups += [
        {"id": "KD-PLC", "name": "Keuzedeel PLC-programmeren (ET2A-1 + WB2A-1)",
         "student_sets": ["ET2A-1", "WB2A-1"]},
        {"id": "KD-ZON", "name": "Keuzedeel Zonnestroom (ET2A-2 + WB2A-2)",
         "student_sets": ["ET2A-2", "WB2A-2"]},
    ]
    rooms = [
        {"id": "B1.01", "name": "Theorielokaal B1.01", "kind": "classroom", "capacity": 32},
        {"id": "B1.02", "name": "Theorielokaal B1.02", "kind": "classroom", "capacity": 32},
        {"id": "B1.03", "name": "Theorielokaal B1.03", "kind": "classroom", "capacity": 30},
        {"id": "B1.04", "name": "Theorielokaal B1.04", "kind": "classroom", "capacity": 30},
        {"id": "B2.10", "name": "Computerlokaal (CAD)", "kind": "computer", "capacity": 24},
        {"id": "B2.12", "name": "Meet- en PLC-lab", "kind": "lab", "capacity": 24},
        {"id": "W0.01", "name": "Metaalwerkplaats verspanen", "kind": "workshop_metal", "capacity": 24},
        {"id": "W0.02", "name": "Metaalwerkplaats lassen/leidingwerk", "kind": "workshop_metal", "capacity": 24},
        {"id": "W0.05", "name": "Elektrowerkplaats 1", "kind": "workshop_electro", "capacity": 24},
        {"id": "W0.06", "name": "Elektrowerkplaats 2", "kind": "workshop_electro", "capacity": 24},
    ]
    return {
        "id": SCHOOL, "name": "ROC Techniek Twente, locatie Hengelo",
        "periods": school_periods(), "student_sets": sets, "groups": groups, "rooms": rooms,
    }


def build_teachers() -> list[dict]:
    out = []
    for code, name, subjects, days_off in TEACHERS:
        teacher = {"id": code, "name": name, "subjects": subjects}
        if days_off:
            teacher["unavailable"] = [{"day": d, "start": "08:00", "end": "17:00"} for d in days_off]
        out.append(teacher)
    return out


def _generic(group: str, nl: str, en: str, re: str, lb: str) -> list[dict]:
    """Nederlands, Engels, Rekenen and Loopbaan & Burgerschap: 2 lesuren each, on different days."""
    return [
        lesson(f"{group}-NE", "Nederlands", [group], count=2, teacher=nl),
        lesson(f"{group}-EN", "Engels", [group], count=2, teacher=en),
        lesson(f"{group}-RE", "Rekenen", [group], count=2, teacher=re),
        lesson(f"{group}-LB", "Loopbaan & Burgerschap", [group], count=2, teacher=lb),
    ]


def build_lessons() -> list[dict]:
    out: list[dict] = []
    # Mechatronica jaar 1: electro and metal practice, PLC taught by Lotte Wienk (hto).
    for group, lb, plc in [("MT1A", "JANS", {"candidates": ["WIEN", "HUIS"], "preferred": ["WIEN"]}),
                           ("MT1B", "JANS", {"teacher": "WIEN"})]:
        out += _generic(group, "JANS", "VISS", "MEIJ", lb)
        out += [
            lesson(f"{group}-ETT", "Elektrotechniek theorie", [group], count=3, teacher="PETE"),
            lesson(f"{group}-MECH", "Mechanica", [group], count=2, teacher="BOS"),
            lesson(f"{group}-CAD", "Technisch tekenen/CAD", [group], duration=2, teacher="KOK"),
            lesson(f"{group}-PRM", "Praktijk metaal", [group], count=2, duration=3, teacher="DIJK"),
            lesson(f"{group}-PRE", "Praktijk elektro", [group], duration=3, teacher="VOS"),
            lesson(f"{group}-PLC", "PLC-techniek", [group], duration=2, **plc),
        ]
    # Elektrotechniek jaar 2: ET2A works in the electro workshop in halves.
    for group, mr, plc in [("ET2A", "PETE", {"teacher": "HUIS"}),
                           ("ET2B", "HUIS", {"candidates": ["BOSM", "HUIS"], "preferred": ["BOSM"]})]:
        out += _generic(group, "JANS", "VISS", "MEIJ", "MULD")
        out += [
            lesson(f"{group}-ETT", "Elektrotechniek theorie", [group], count=4, teacher="PETE"),
            lesson(f"{group}-MR", "Meet- en regeltechniek", [group], duration=2, teacher=mr),
            lesson(f"{group}-PLC", "PLC-techniek", [group], duration=2, **plc),
            lesson(f"{group}-CAD", "Technisch tekenen/CAD", [group], duration=2, teacher="KOK"),
        ]
    for half in ("ET2A-1", "ET2A-2"):
        out.append(lesson(f"{half}-PRE", "Praktijk elektro", [half], count=2, duration=3, teacher="HUIS"))
    out.append(lesson("ET2B-PRE", "Praktijk elektro", ["ET2B"], count=2, duration=3, teacher="VOS"))
    # Installatietechniek: leidingwerk by Youssef El Amrani (hto, Thursday only).
    for group, lei in [("IT1A", {"teacher": "AMRA"}),
                       ("IT2A", {"candidates": ["AMRA", "HEND"], "preferred": ["AMRA"]})]:
        out += _generic(group, "BOER", "MULD", "BOS", "BOER")
        out += [
            lesson(f"{group}-ITT", "Installatietechniek theorie", [group], count=3, teacher="WILL"),
            lesson(f"{group}-ETT", "Elektrotechniek theorie", [group], count=2, teacher="PETE"),
            lesson(f"{group}-VCA", "Veiligheid & VCA", [group], count=2, teacher="KOST",
                   room_kind="computer"),
            lesson(f"{group}-LEI", "Praktijk leidingwerk", [group], duration=3, **lei),
            lesson(f"{group}-EIN", "Praktijk elektrische installaties", [group], duration=3, teacher="VOS"),
            lesson(f"{group}-CAD", "Technisch tekenen/CAD", [group], duration=2, teacher="DEKK"),
            lesson(f"{group}-DUU", "Duurzame energietechniek", [group], duration=2, teacher="WILL"),
        ]
    # Werktuigbouw: CNC by Bram Hofman (hto, unqualified), welding by Ilse ter Horst (hto).
    out += _generic("WB1A", "BOER", "MULD", "BOS", "MULD")
    out += [
        lesson("WB1A-WTB", "Werktuigbouwkunde", ["WB1A"], count=3, teacher="DEKK"),
        lesson("WB1A-VCA", "Veiligheid & VCA", ["WB1A"], count=2, teacher="KOST", room_kind="computer"),
        lesson("WB1A-PRM", "Praktijk metaal", ["WB1A"], count=2, duration=3, teacher="HEND"),
        lesson("WB1A-CNC", "Praktijk CNC", ["WB1A"], count=2, duration=2, teacher="HOFM"),
        lesson("WB1A-CAD", "Technisch tekenen/CAD", ["WB1A"], duration=2, teacher="DEKK"),
    ]
    out += _generic("WB2A", "BOER", "MULD", "BOS", "MULD")
    out += [
        lesson("WB2A-WTB", "Werktuigbouwkunde", ["WB2A"], count=3, teacher="KOST"),
        lesson("WB2A-VCA", "Veiligheid & VCA", ["WB2A"], count=2, teacher="KOST", room_kind="computer"),
        lesson("WB2A-LAS", "Praktijk lassen", ["WB2A"], count=2, duration=2, teacher="HORS"),
        lesson("WB2A-CNC", "Praktijk CNC", ["WB2A"], duration=2, candidates=["HOFM", "HEND"], preferred=["HOFM"]),
        lesson("WB2A-CAD", "Technisch tekenen/CAD", ["WB2A"], duration=2, teacher="DEKK"),
    ]
    for half in ("WB2A-1", "WB2A-2"):
        out.append(lesson(f"{half}-PRM", "Praktijk metaal", [half], duration=3, teacher="HEND"))
    # Keuzedelen across ET2A and WB2A.
    out += [
        lesson("KD-PLC", "Keuzedeel PLC-programmeren", ["KD-PLC"], duration=2, teacher="BOSM"),
        lesson("KD-ZON", "Keuzedeel Zonnestroom", ["KD-ZON"], duration=2, teacher="WILL"),
    ]
    return out


CYCLE_STARTS = "2026-01-12"  # the Monday on which week 1 of the rotations starts


def _person(staff_id, name, skills, shifts, items, *, flexible=False, weekly=False) -> dict:
    """A staff member; `items` may hold the weeks of a rotation (their contract: the hours of a week).
    `weekly`: the same roster every week, in an employer that rotates (a cycle of one week of their own)."""
    week_1 = [item for item in items if item.get("week", 1) == 1]
    out = {"id": staff_id, "name": name, "skills": skills,
           "contract_hours": contract_hours(shifts, week_1), "roster": items}
    if flexible:
        out["may_reroster"] = True
    if weekly:
        out["cycle"] = {"weeks": 1}
    return out


def _weeks(*weeks: list[dict]) -> list[dict]:
    """Roster items of a rotation: the items of week 1, week 2, ... of the cycle."""
    return [dict(item, week=w) for w, items in enumerate(weeks, start=1) for item in items]


def _swap(shift_id: str, days: list[str]) -> list[dict]:
    """Wisseldienst: `shift_id` in week 1, the other of early and late in week 2."""
    other = {"vroeg": "laat", "laat": "vroeg"}[shift_id]
    return _weeks(roster(shift_id, days), roster(other, days))


def _demand(skill, day, shift_def, min_staff) -> dict:
    out = {"name": f"{skill} {shift_def['name'].lower()}", "skill": skill, "day": day,
           "start": shift_def["start"], "end": shift_def["end"], "min_staff": min_staff}
    if shift_def.get("crosses_midnight"):
        out["crosses_midnight"] = True
    return out


def build_metaal() -> dict:
    """Early and late shift, the crews swapping every week; each CNC crew has one person of slack, so Bram
    can leave in either week."""
    vroeg = shift("vroeg", "Vroege dienst", "06:00", "14:00", pauses=[("10:00", "10:30")])
    laat = shift("laat", "Late dienst", "14:00", "22:00", pauses=[("18:00", "18:30")])
    shifts = {"vroeg": vroeg, "laat": laat}
    mon_thu = ["mon", "tue", "wed", "thu"]
    staff = [
        _person("mh-hofman", "Bram Hofman", ["CNC"], shifts, _swap("vroeg", WEEKDAYS)),
        _person("mh-nijhuis", "Gerrit Nijhuis", ["CNC"], shifts, _swap("vroeg", WEEKDAYS)),
        _person("mh-oude-egbrink", "Marloes Oude Egbrink", ["CNC", "kwaliteit"], shifts, _swap("vroeg", WEEKDAYS)),
        _person("mh-brinkman", "Henk Brinkman", ["lassen"], shifts, _swap("vroeg", WEEKDAYS)),
        _person("mh-terhorst", "Ilse ter Horst", ["lassen"], shifts, _swap("laat", WEEKDAYS)),
        _person("mh-kamphuis", "Jeroen Kamphuis", ["lassen", "CNC"], shifts, _swap("laat", WEEKDAYS)),
        _person("mh-wolters", "Tim Wolters", ["CNC"], shifts, _swap("laat", WEEKDAYS)),
        _person("mh-schuurman", "Erik Schuurman", ["CNC", "lassen"], shifts, _swap("laat", mon_thu),
                flexible=True),
    ]
    demand = []
    for day in WEEKDAYS:
        demand += [_demand("CNC", day, vroeg, 2), _demand("lassen", day, vroeg, 1),
                   _demand("CNC", day, laat, 2), _demand("lassen", day, laat, 1)]
    return {"id": "metaal-hengelo", "name": "Metaalbewerking Hengelo B.V.",
            "site": "Hengelo, industrieterrein Twentekanaal", "shifts": [vroeg, laat],
            "demand": demand, "staff": staff, "cycle": {"weeks": 2, "starts": CYCLE_STARTS}}


def build_installatie() -> dict:
    """Day shift only; on Thursday the installers are exactly at the minimum of three."""
    dag = shift("dag", "Dagdienst", "07:30", "16:00", pauses=[("12:00", "12:30")])
    shifts = {"dag": dag}
    staff = [
        _person("vv-elamrani", "Youssef El Amrani", ["installatie", "elektra"], shifts, roster("dag", WEEKDAYS)),
        _person("vv-smit", "Kevin Smit", ["installatie"], shifts, roster("dag", WEEKDAYS)),
        _person("vv-veldhuis", "Daan Veldhuis", ["installatie", "elektra"], shifts, roster("dag", WEEKDAYS)),
        _person("vv-pot", "Niels Pot", ["elektra"], shifts, roster("dag", WEEKDAYS)),
        _person("vv-jansma", "Wim Jansma", ["service"], shifts, roster("dag", WEEKDAYS)),
        _person("vv-bakker", "Sven Bakker", ["installatie"], shifts, roster("dag", ["mon", "tue", "wed", "fri"])),
        _person("vv-lammers", "Anouk Lammers", ["installatie", "service"], shifts,
                roster("dag", ["mon", "tue", "wed"]), flexible=True),
    ]
    demand = []  # one elektra place: a person fills one place at a time (issue 20) and Daan installs on Thu
    for day in WEEKDAYS:
        demand += [_demand("installatie", day, dag, 3), _demand("elektra", day, dag, 1),
                   _demand("service", day, dag, 1)]
    return {"id": "vdveen-installatie", "name": "Van der Veen Installatietechniek B.V.",
            "site": "Borne", "shifts": [dag], "demand": demand, "staff": staff}


def build_onderhoud() -> dict:
    """Day, evening and night shift (Mon-Thu nights); the storingsdienst needs one of each trade at night
    and a mechanic in the evening. Three mechanics rotate over day, evening and night in three weeks, one
    on each every week; the others keep a weekly roster of their own."""
    dag = shift("dag", "Dagdienst", "07:00", "15:30", pauses=[("12:00", "12:30")])
    avond = shift("avond", "Avonddienst", "15:30", "23:30", pauses=[("19:30", "20:00")])
    nacht = shift("nacht", "Nachtdienst", "22:00", "06:00", ["mon", "tue", "wed", "thu"],
                  pauses=[("02:00", "02:30")])
    shifts = {"dag": dag, "avond": avond, "nacht": nacht}
    mon_thu = ["mon", "tue", "wed", "thu"]
    turn = {"dag": roster("dag", WEEKDAYS), "avond": roster("avond", WEEKDAYS), "nacht": roster("nacht", mon_thu)}

    def rotating(first: str) -> list[dict]:  # day -> evening -> night -> day, from `first` in week 1
        order = ["dag", "avond", "nacht"]
        k = order.index(first)
        return _weeks(*(turn[order[(k + w) % 3]] for w in range(3)))

    staff = [
        _person("to-bosman", "Dennis Bosman", ["elektrisch", "PLC"], shifts, roster("nacht", ["mon", "tue"]),
                weekly=True),
        # the storingsdienst's mechanics; four nights in their night week (issue 20: Rick alone on a
        # Thursday night could fill only one of the two places)
        _person("to-dijkstra", "Martijn Dijkstra", ["mechanisch"], shifts, rotating("nacht")),
        _person("to-wessels", "Bart Wessels", ["mechanisch"], shifts, rotating("dag")),
        _person("to-nijenhuis", "Gijs Nijenhuis", ["mechanisch"], shifts, rotating("avond")),
        _person("to-haverkamp", "Rick Haverkamp", ["elektrisch", "mechanisch"], shifts,
                roster("dag", ["mon", "tue"]) + roster("nacht", ["wed", "thu"]), weekly=True),
        _person("to-wienk", "Lotte Wienk", ["mechanisch", "PLC"], shifts, roster("dag", WEEKDAYS), weekly=True),
        _person("to-kroeze", "Hans Kroeze", ["mechanisch", "elektrisch"], shifts, roster("dag", WEEKDAYS),
                weekly=True),
        _person("to-hulshof", "Sandra Hulshof", ["elektrisch", "PLC"], shifts, roster("dag", WEEKDAYS), weekly=True),
        _person("to-bruggink", "Wilco Bruggink", ["werkvoorbereiding"], shifts, roster("dag", WEEKDAYS), weekly=True),
        _person("to-ozturk", "Mehmet Öztürk", ["mechanisch"], shifts, roster("dag", ["wed", "thu", "fri"]),
                flexible=True, weekly=True),
    ]
    demand = []
    for day in WEEKDAYS:
        demand += [_demand("mechanisch", day, dag, 2), _demand("elektrisch", day, dag, 1),
                   _demand("mechanisch", day, avond, 1)]
    for day in nacht["days"]:
        demand += [_demand("mechanisch", day, nacht, 1), _demand("elektrisch", day, nacht, 1)]
    return {"id": "twente-onderhoud", "name": "Twentse Onderhoudsgroep B.V.", "site": "Almelo",
            "shifts": [dag, avond, nacht], "demand": demand, "staff": staff,
            "cycle": {"weeks": 3, "starts": CYCLE_STARTS}}


def build_htos() -> list[dict]:
    def hto(hto_id, name, teacher, employer, staff, subjects, qualification, minutes, days, travel):
        return {
            "id": hto_id, "name": name, "teacher": teacher, "employer": employer, "staff": staff,
            "subjects": subjects, "qualification": qualification,
            "release": {"max_teaching_minutes_per_week": minutes, "allowed_days": days},
            "travel_minutes": {SCHOOL: travel},
        }

    return [
        hto("hto-hofman", "Bram Hofman", "HOFM", "metaal-hengelo", "mh-hofman", ["Praktijk CNC"],
            "unqualified", 300, list(WEEKDAYS), 10),
        hto("hto-terhorst", "Ilse ter Horst", "HORS", "metaal-hengelo", "mh-terhorst", ["Praktijk lassen"],
            "qualified", 250, ["tue", "wed"], 10),
        hto("hto-elamrani", "Youssef El Amrani", "AMRA", "vdveen-installatie", "vv-elamrani",
            ["Praktijk leidingwerk"], "in_training", 300, ["thu"], 20),
        hto("hto-bosman", "Dennis Bosman", "BOSM", "twente-onderhoud", "to-bosman",
            ["PLC-techniek", "Keuzedeel PLC-programmeren"], "qualified", 300, ["thu", "fri"], 25),
        hto("hto-wienk", "Lotte Wienk", "WIEN", "twente-onderhoud", "to-wienk", ["PLC-techniek"],
            "in_training", 200, ["mon", "wed"], 25),
    ]


def build_demo() -> dict:
    """The demo plan as JSON-ready data."""
    return {
        "name": "Demo: ROC Techniek Twente (Hengelo) met drie Twentse mkb-bedrijven",
        "schools": [build_school()],
        "teachers": build_teachers(),
        "lessons": build_lessons(),
        "employers": [build_metaal(), build_installatie(), build_onderhoud()],
        "htos": build_htos(),
        "unavailable_marks": [
            {"staff": "mh-hofman", "day": "thu", "start": "08:00", "end": "12:00",
             "reason": "ISO 9001-audit"},
            {"staff": "mh-terhorst", "day": "tue", "start": "08:00", "end": "12:00",
             "reason": "audit lascertificering (EN-ISO 9606)"},
            {"staff": "to-wienk", "day": "wed", "start": "07:00", "end": "12:00",
             "reason": "kwartaalonderhoud persstraat"},
        ],
    }


def build_plan() -> Plan:
    return parse_plan(build_demo(), source="scenarios.demo.build")


def write(path: Path = PLAN_PATH) -> Path:
    build_plan()  # fail before writing anything invalid
    path.write_text(json.dumps(build_demo(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write()}")
