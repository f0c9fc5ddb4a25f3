"""Seeded generator of realistic, feasible plans: an mbo techniek school plus SMEs with hto'ers.

    plan = generate_plan(1, lesson_periods=800, n_htos=10, n_employers=5)
    python -m scenarios.generator --seed 1 --lesson-periods 800 -o plan.json

Deterministic per seed (one `random.Random(seed)`, never the global one). The size scales with
`lesson_periods` (hit exactly): about 26 lesson-periods per class, a teacher per ~18
lesson-periods, rooms per kind so that each kind is ~60% loaded (about 1.2 rooms per class,
a quarter of them workshops). Teachers are filled to about half of their available periods.
The company side (see companies.py) is built so that every hto'er's lessons fit their shifts,
the staffing demand and the Arbeidstijdenwet. Small sizes (6 lesson-periods, 0-2 hto'ers,
0-1 employers) work too, for property tests. `capacity_report` (from capacity.py) shows the loads.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

from scenarios.capacity import capacity_report
from scenarios.common import (
    CITIES, FIRST_NAMES, LAST_NAMES, PERIOD_MINUTES, PROGRAMMES, SUBJECT_CODE, WEEKDAYS,
    lesson, school_periods, teacher_code,
)
from scenarios.companies import TRADE_SUBJECTS, HtoSlot, NamePool, make_companies
from solver.domain import Plan, parse_plan

__all__ = ["capacity_report", "default_counts", "generate_plan", "generate_plan_dict", "main"]

PERIODS_PER_WEEK = 40
CLASS_LOAD = 26            # lesson-periods per class (65% of the 40 periods)
ROOM_TARGET_LOAD = 0.6     # rooms per kind are added until the kind is at most this loaded
ROOMS_PER_CLASS = 1.2
TEACHER_CAP = {False: 22, True: 17}   # lesson-periods for a full-timer / a part-timer (one day off)

# Per programme, in priority order (a class with a small budget takes the first items):
# (subject, duration, count). Full templates hold 24-26 lesson-periods, ~6 of them practical.
TEMPLATES: dict[str, list[tuple[str, int, int]]] = {
    "MT": [("Nederlands", 1, 2), ("Praktijk metaal", 3, 1), ("Rekenen", 1, 2), ("Praktijk elektro", 3, 1),
           ("Elektrotechniek theorie", 1, 3), ("Engels", 1, 2), ("PLC-techniek", 2, 1),
           ("Loopbaan & Burgerschap", 1, 2), ("Mechanica", 1, 2), ("Technisch tekenen/CAD", 2, 1),
           ("Veiligheid & VCA", 1, 2)],
    "ET": [("Nederlands", 1, 2), ("Praktijk elektro", 3, 2), ("Rekenen", 1, 2), ("Elektrotechniek theorie", 1, 4),
           ("Engels", 1, 2), ("Meet- en regeltechniek", 2, 1), ("Loopbaan & Burgerschap", 1, 2),
           ("PLC-techniek", 2, 1), ("Technisch tekenen/CAD", 2, 1), ("Veiligheid & VCA", 1, 2)],
    "IT": [("Nederlands", 1, 2), ("Praktijk leidingwerk", 3, 1), ("Rekenen", 1, 2),
           ("Praktijk elektrische installaties", 3, 1), ("Installatietechniek theorie", 1, 3), ("Engels", 1, 2),
           ("Duurzame energietechniek", 2, 1), ("Loopbaan & Burgerschap", 1, 2),
           ("Elektrotechniek theorie", 1, 2), ("Technisch tekenen/CAD", 2, 1), ("Veiligheid & VCA", 1, 2)],
    "WB": [("Nederlands", 1, 2), ("Praktijk metaal", 3, 1), ("Rekenen", 1, 2), ("Praktijk CNC", 2, 1),
           ("Werktuigbouwkunde", 1, 3), ("Engels", 1, 2), ("Praktijk lassen", 2, 1),
           ("Loopbaan & Burgerschap", 1, 2), ("Mechanica", 1, 2), ("Technisch tekenen/CAD", 2, 1),
           ("Veiligheid & VCA", 1, 2)],
}
KEUZEDELEN = ["Keuzedeel PLC-programmeren", "Keuzedeel Zonnestroom", "Keuzedeel Robotica", "Keuzedeel 3D-printen"]

# What a generated teacher can teach (each subject is in at least one profile).
PROFILES: list[list[str]] = [
    ["Nederlands", "Loopbaan & Burgerschap"],
    ["Engels", "Loopbaan & Burgerschap"],
    ["Rekenen", "Mechanica"],
    ["Elektrotechniek theorie", "Meet- en regeltechniek"],
    ["PLC-techniek", "Meet- en regeltechniek", "Praktijk elektro"],
    ["Praktijk elektro", "Praktijk elektrische installaties", "Keuzedeel Zonnestroom"],
    ["Praktijk metaal", "Praktijk CNC", "Praktijk lassen"],
    ["Praktijk metaal", "Praktijk leidingwerk"],
    ["Technisch tekenen/CAD", "Werktuigbouwkunde", "Keuzedeel 3D-printen"],
    ["Installatietechniek theorie", "Duurzame energietechniek", "Praktijk leidingwerk"],
    ["Mechanica", "Werktuigbouwkunde", "Veiligheid & VCA"],
    ["PLC-techniek", "Keuzedeel PLC-programmeren", "Keuzedeel Robotica"],
]
ROOM_SPEC = {  # kind -> (name, capacity)
    "classroom": ("Theorielokaal", 30), "computer": ("Computerlokaal", 24), "lab": ("Practicumlab", 24),
    "workshop_metal": ("Metaalwerkplaats", 24), "workshop_electro": ("Elektrowerkplaats", 24),
}
GENERAL = {"Nederlands", "Engels", "Rekenen", "Loopbaan & Burgerschap"}
MARK_REASONS = ["kwartaalonderhoud", "audit ISO 9001", "klantbezoek", "VCA-herhaling", "storingsoverleg"]


def default_counts(lesson_periods: int) -> tuple[int, int]:
    """(hto'ers, employers) for a size: 300 -> (5, 3), 800 -> (8, 4), 1500 -> (15, 8)."""
    return min(15, max(5, round(lesson_periods / 100))), min(8, max(3, round(lesson_periods / 190)))


def _fill(template: list[tuple[str, int, int]], target: int) -> list[tuple[str, int, int]]:
    """Take template items (shrinking counts) until exactly `target` lesson-periods."""
    out, left = [], target
    for subject, duration, count in template:
        take = min(count, left // duration)
        if take:
            out.append([subject, duration, take])
            left -= take * duration
    while left:  # a budget above the template: more single lesuren, at most 4 a week each
        grown = False
        for item in out:
            if item[1] == 1 and item[2] < 4 and left:
                item[2] += 1
                left -= 1
                grown = True
        if not grown:
            for subject, duration, _ in template:
                if duration == 1 and all(item[0] != subject for item in out) and left:
                    out.append([subject, 1, 1])
                    left -= 1
                    grown = True
        if not grown:
            raise ValueError(f"cannot fill {target} lesson-periods for one class")
    return [tuple(item) for item in out]


def _classes(rng: random.Random, lesson_periods: int) -> tuple[list[dict], list[dict], list[dict]]:
    """Student sets, groups (klassen + keuzedeel clusters) and their lessons, without teachers yet."""
    n = max(1, math.ceil(lesson_periods / CLASS_LOAD))
    pairs = n // 4 if n >= 4 else 0
    split = sorted(rng.sample(range(n), 2 * pairs))
    # Water-filling: split classes carry a 2-period keuzedeel on top, so their own lessons stop
    # at CLASS_LOAD - 2; 26 per class in all is exactly enough for ceil(lesson_periods / 26) classes.
    caps = [CLASS_LOAD - 2 if k in split else CLASS_LOAD for k in range(n)]
    budget, left = [0] * n, lesson_periods - 4 * pairs
    while left:
        for k in range(n):
            if left and budget[k] < caps[k]:
                budget[k] += 1
                left -= 1

    sets, groups, lessons = [], [], []
    for k in range(n):
        programme = list(PROGRAMMES)[k % 4]
        year = 1 + (k // 4) % 3
        letter = k // 12
        class_id = f"{programme}{year}{chr(65 + letter)}" if letter < 26 else f"{programme}{year}-{letter}"
        size = rng.randint(16, 24)
        name = f"{PROGRAMMES[programme]} jaar {year}"
        if k in split:
            half = size // 2
            halves = [(f"{class_id}-1", half), (f"{class_id}-2", size - half)]
            sets += [{"id": s, "size": m} for s, m in halves]
            groups.append({"id": class_id, "name": name, "student_sets": [s for s, _ in halves]})
        else:
            groups.append({"id": class_id, "name": name, "size": size})
        for subject, duration, count in _fill(TEMPLATES[programme], budget[k]):
            lessons.append(lesson(f"{class_id}-{SUBJECT_CODE[subject]}", subject, [class_id],
                                  count=count, duration=duration))
    split_ids = [groups[k]["id"] for k in split]
    for p in range(pairs):
        a, b = split_ids[2 * p], split_ids[2 * p + 1]
        for half, subject in zip((1, 2), rng.sample(KEUZEDELEN, 2)):
            cluster = f"KD{p + 1}-{half}"
            members = [f"{a}-{half}", f"{b}-{half}"]
            groups.append({"id": cluster, "name": f"{subject} ({' + '.join(members)})", "student_sets": members})
            lessons.append(lesson(f"{cluster}-{SUBJECT_CODE[subject]}", subject, [cluster], duration=2))
    return sets, groups, lessons


def _rooms(lessons: list[dict], n_classes: int) -> list[dict]:
    need: dict[str, int] = {}
    for item in lessons:
        need[item["room_kind"]] = need.get(item["room_kind"], 0) + item["duration"] * item["count"]
    count = {kind: max(1, math.ceil(n / (PERIODS_PER_WEEK * ROOM_TARGET_LOAD))) for kind, n in need.items()}
    count["classroom"] = max(count.get("classroom", 0), round(ROOMS_PER_CLASS * n_classes) - sum(
        v for k, v in count.items() if k != "classroom"))
    rooms = []
    for kind in ROOM_SPEC:
        name, capacity = ROOM_SPEC[kind]
        prefix = {"classroom": "B1", "computer": "B2", "lab": "B3", "workshop_metal": "W1", "workshop_electro": "W2"}[kind]
        for k in range(count.get(kind, 0)):
            rooms.append({"id": f"{prefix}.{k + 1:02d}", "name": f"{name} {prefix}.{k + 1:02d}",
                          "kind": kind, "capacity": capacity})
    return rooms


def _teachers(rng: random.Random, names: NamePool, lessons: list[dict], codes: set[str]) -> list[dict]:
    """Give every lesson a fixed teacher; open a new teacher when everyone who can is at their cap."""
    teachers: list[dict] = []
    load: dict[str, int] = {}
    cap: dict[str, int] = {}
    open_periods: dict[str, int] = {}  # per subject: lesson-periods without a teacher yet
    for item in lessons:
        open_periods[item["subject"]] = open_periods.get(item["subject"], 0) + item["duration"] * item["count"]
    for item in sorted(lessons, key=lambda x: -x["duration"] * x["count"]):
        periods = item["duration"] * item["count"]
        fits = [t for t in teachers if item["subject"] in t["subjects"] and load[t["id"]] + periods <= cap[t["id"]]]
        if fits:
            chosen = min(fits, key=lambda t: load[t["id"]])
        else:
            first, last = names.take()
            # the profile with the most work still open, so that new teachers fill up
            profiles = [p for p in PROFILES if item["subject"] in p]
            rng.shuffle(profiles)
            profile = max(profiles, key=lambda p: sum(open_periods.get(s, 0) for s in p))
            chosen = {"id": teacher_code(last, codes), "name": f"{first} {last}", "subjects": list(profile)}
            part_time = rng.random() < 0.25
            if part_time:
                chosen["unavailable"] = [{"day": rng.choice(WEEKDAYS), "start": "08:00", "end": "17:00"}]
            teachers.append(chosen)
            load[chosen["id"]], cap[chosen["id"]] = 0, TEACHER_CAP[part_time]
        item["teacher"] = chosen["id"]
        load[chosen["id"]] += periods
        open_periods[item["subject"]] -= periods
    return teachers


def _give_lessons(rng, slot: HtoSlot, code: str, qualification: str, lessons: list[dict], taken: set[str],
                  fixed_groups: set[str]) -> tuple[list[str], int]:
    """Hand one or two lessons to an hto'er (fixed, or as a candidate beside the regular teacher)."""
    limit = 300 if qualification == "unqualified" else rng.choice([250, 300, 350, 400])
    pool = [x for x in lessons if x["id"] not in taken and "teacher" in x]
    # their own trade first, then other technical subjects; general subjects only in tiny plans
    trade = [x for x in pool if x["subject"] in TRADE_SUBJECTS[slot.trade]]
    technical = [x for x in pool if x["subject"] not in TRADE_SUBJECTS[slot.trade] and x["subject"] not in GENERAL]
    general = [x for x in pool if x["subject"] in GENERAL]
    for part in (trade, technical, general):
        rng.shuffle(part)
    subjects: list[str] = []
    given = fixed_periods = 0
    for item in trade + technical + general:
        if given == 2:
            break
        periods = item["duration"] * item["count"]
        minutes = periods * PERIOD_MINUTES
        want_fixed = (slot.pattern == "day_tight" and not given) or rng.random() < 0.5
        # fixed lessons: one copy per allowed day, at most half of the hto'er's lesuren on those
        # days, within the release minutes, and at most one hto'er's fixed lessons per class
        can_fix = (item["count"] <= len(slot.allowed_days)
                   and fixed_periods + periods <= 4 * len(slot.allowed_days)
                   and (fixed_periods + periods) * PERIOD_MINUTES <= limit
                   and not set(item["groups"]) & fixed_groups)
        if want_fixed and can_fix:
            item["teacher"] = code
            fixed_periods += periods
            fixed_groups.update(item["groups"])
        elif minutes <= limit and slot.pattern != "day_tight":
            item["candidates"] = [code, item.pop("teacher")]
        else:
            continue
        taken.add(item["id"])
        given += 1
        if item["subject"] not in subjects:
            subjects.append(item["subject"])
    return subjects, limit


def generate_plan_dict(
    seed: int, *, lesson_periods: int = 300, n_htos: int | None = None, n_employers: int | None = None,
    name: str | None = None, rotation_weeks: int = 1,
) -> dict:
    """A plan as JSON-ready data. `n_htos`/`n_employers` default to `default_counts(lesson_periods)`.
    `rotation_weeks` 2: every hto'er rotates over two weeks (scenarios/companies.py); the rest of the
    plan is the same as with 1 (the same seed draws the same numbers)."""
    auto_htos, auto_employers = default_counts(lesson_periods)
    n_htos = auto_htos if n_htos is None else n_htos
    n_employers = auto_employers if n_employers is None else n_employers
    if lesson_periods < 1 or n_htos < 0 or n_employers < 0:
        raise ValueError("lesson_periods must be >= 1 and the counts >= 0")
    if n_htos and not n_employers:
        raise ValueError("hto'ers need an employer: give n_employers >= 1")
    rng = random.Random(seed)
    names = NamePool(rng, FIRST_NAMES, LAST_NAMES)
    cities = CITIES[:1] + rng.sample(CITIES[1:], len(CITIES) - 1)
    school_id = "school-1"

    sets, groups, lessons = _classes(rng, lesson_periods)
    n_classes = sum(1 for g in groups if not g["id"].startswith("KD"))
    rooms = _rooms(lessons, n_classes)
    codes: set[str] = set()
    teachers = _teachers(rng, names, lessons, codes)

    companies = make_companies(rng, names, cities, n_employers, n_htos, rotation_weeks)
    htos, marks = [], []
    taken: set[str] = set()
    fixed_groups: set[str] = set()
    slots = [slot for company in companies for slot in company.htos]
    for k, slot in enumerate(slots):
        qualification = "unqualified" if k % 5 == 0 else ("in_training" if k % 5 in (1, 3) else "qualified")
        first, last = slot.name
        code = teacher_code(last, codes)
        subjects, limit = _give_lessons(rng, slot, code, qualification, lessons, taken, fixed_groups)
        teachers.append({"id": code, "name": f"{first} {last}", "subjects": subjects})
        htos.append({
            "id": f"hto-{code.lower()}", "name": f"{first} {last}", "teacher": code,
            "employer": slot.employer, "staff": slot.staff_id, "subjects": subjects,
            "qualification": qualification,
            "release": {"max_teaching_minutes_per_week": limit, "allowed_days": slot.allowed_days},
            "travel_minutes": {school_id: slot.travel},
        })
        if len(slot.allowed_days) >= 2 and rng.random() < 0.4:
            night = slot.pattern.startswith("night")
            marks.append({"staff": slot.staff_id, "day": rng.choice(slot.allowed_days),
                          "start": "09:00" if night else "07:00", "end": "12:00",
                          "reason": "storingsoverleg" if night else rng.choice(MARK_REASONS[:4])})

    city = cities[0][0]
    return {
        "name": name or f"generated-s{seed}-{lesson_periods}",
        "schools": [{
            "id": school_id, "name": f"ROC Techniek Twente, locatie {city}",
            "periods": school_periods(), "student_sets": sets, "groups": groups, "rooms": rooms,
        }],
        "teachers": teachers,
        "lessons": lessons,
        "employers": [company.employer for company in companies],
        "htos": htos,
        "unavailable_marks": marks,
    }


def generate_plan(
    seed: int, *, lesson_periods: int = 300, n_htos: int | None = None, n_employers: int | None = None,
    name: str | None = None, rotation_weeks: int = 1,
) -> Plan:
    """A validated Plan; the same seed and arguments give the same plan."""
    data = generate_plan_dict(seed, lesson_periods=lesson_periods, n_htos=n_htos, n_employers=n_employers, name=name,
                              rotation_weeks=rotation_weeks)
    return parse_plan(data, source=f"generate_plan(seed={seed})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenarios.generator", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lesson-periods", type=int, default=300)
    parser.add_argument("--n-htos", type=int, default=None, help="default: scaled with the size")
    parser.add_argument("--n-employers", type=int, default=None, help="default: scaled with the size")
    parser.add_argument("--name", default=None)
    parser.add_argument("--rotation-weeks", type=int, default=1, choices=(1, 2),
                        help="2: every hto'er rotates over two weeks (early/late alternate; issue 21)")
    parser.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    parser.add_argument("--report", action="store_true", help="print the capacity report's maxima to stderr")
    args = parser.parse_args(argv)
    try:
        data = generate_plan_dict(args.seed, lesson_periods=args.lesson_periods, n_htos=args.n_htos,
                                  n_employers=args.n_employers, name=args.name, rotation_weeks=args.rotation_weeks)
        plan = parse_plan(data, source="scenarios.generator")
    except ValueError as error:
        parser.error(str(error))
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    if args.report:
        print(json.dumps(capacity_report(plan)["max"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
