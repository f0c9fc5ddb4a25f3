"""Generated employers (SMEs with shifts, staffing demand, staff) and the hto'ers who work there.

Feasibility by construction: each employer's demand windows are counted from its *base* crew
only (hto'ers and flexible colleagues left out), so the current roster covers every window, a
flexible colleague can always be moved, and an hto'er can always be released from a shift -
except the one "tight" hto'er per installation company, whose crew is counted with them: on
their teaching day a flexible colleague must take over (the re-rostering case).

Every hto'er's shift pattern leaves legal teaching time under the Arbeidstijdenwet:
early shift 06:00-14:00 (teaching until 16:10 + travel is a dienst of < 11 h), late shift
14:00-22:00 (teaching from 10:30 keeps the dienst within 12 h when travel <= 30 min), day shift
(a release), nights Mon+Tue (teach Thu/Fri) or Wed+Thu (teach Mon/Tue). Every shift has a 30-minute
pause in its middle (scenarios.common.shift), so a shift alone keeps atw_breaks.

With `rotation_weeks=2` every hto'er rotates over two weeks of their own (Staff.cycle, issue 21): week 1
is the pattern above, week 2 its partner (`ROTATION`): early and late alternate, a night worker has a
week of day shifts, a day worker a week without Friday (the tight one: without Monday, when the
flexible colleague is there anyway). Each week leaves the same teaching days legal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from scenarios.common import WEEKDAYS, contract_hours, demand_from_crews, roster, shift

MON_THU = ["mon", "tue", "wed", "thu"]


class NamePool:
    """Unique Dutch-style full names, drawn without replacement from a seeded shuffle."""

    def __init__(self, rng: random.Random, first: list[str], last: list[str]):
        self._pairs = [(f, s) for f in first for s in last]
        rng.shuffle(self._pairs)

    def take(self) -> tuple[str, str]:
        if not self._pairs:
            raise ValueError("ran out of generated names")
        return self._pairs.pop()


@dataclass
class HtoSlot:
    """An hto'er's place at an employer, before the school side gives them lessons."""

    staff_id: str
    name: tuple[str, str]
    employer: str
    pattern: str                  # early | late | day | day_tight | night_mt | night_wt
    skills: list[str]
    allowed_days: list[str]
    travel: int
    trade: str                    # which lessons suit them (a key of TRADE_SUBJECTS)


@dataclass
class Company:
    employer: dict
    htos: list[HtoSlot] = field(default_factory=list)


TRADE_SUBJECTS: dict[str, list[str]] = {
    "metaal": ["Praktijk CNC", "Praktijk metaal", "Praktijk lassen"],
    "installatie": ["Praktijk leidingwerk", "Praktijk elektrische installaties", "Installatietechniek theorie"],
    "elektro": ["PLC-techniek", "Praktijk elektro", "Meet- en regeltechniek", "Keuzedeel PLC-programmeren"],
}

KINDS = ["metaal", "installatie", "onderhoud", "proces"]
PATTERNS = {
    "metaal": ["early", "late"],
    "installatie": ["day_tight", "day"],
    "onderhoud": ["night_mt", "day", "night_wt"],
    "proces": ["early", "late"],
}
COMPANY_NAMES = {
    "metaal": ["Metaalbewerking {city} B.V.", "{last} Precisietechniek B.V.", "CNC-draaierij {city}"],
    "installatie": ["{last} Installatietechniek B.V.", "Installatiebedrijf {last} & Zn."],
    "onderhoud": ["Onderhoudsgroep {city} B.V.", "{last} Industrieel Onderhoud"],
    "proces": ["Kunststofverwerking {city} B.V.", "Zuivelfabriek {city}"],
}


def company_kinds(n: int) -> list[str]:
    """metaal, installatie, onderhoud, proces, then round again."""
    return [KINDS[k % len(KINDS)] for k in range(n)]


def make_companies(
    rng: random.Random, names: NamePool, cities: list[tuple[str, int]], n_employers: int, n_htos: int,
    rotation_weeks: int = 1,
) -> list[Company]:
    """Employers with their hto'ers spread round-robin over them; `rotation_weeks` 2: each hto'er rotates
    over two weeks."""
    if rotation_weeks not in (1, 2):
        raise ValueError("rotation_weeks is 1 or 2")
    kinds = company_kinds(n_employers)
    per = [0] * n_employers
    for k in range(n_htos):
        per[k % n_employers] += 1
    out = []
    for index, kind in enumerate(kinds):
        city, travel = cities[index % len(cities)]
        out.append(_company(rng, names, kind, index, city, travel, per[index], rotation_weeks))
    return out


class _Builder:
    def __init__(self, employer_id: str, shifts: list[dict], names: NamePool):
        self.employer_id = employer_id
        self.shifts = {s["id"]: s for s in shifts}
        self.staff: list[dict] = []
        self.names = names
        self.exclude: set[str] = set()

    def person(self, skills: list[str], items: list[dict], *, flexible=False, hto=False) -> dict:
        first, last = self.names.take()
        week_1 = [item for item in items if item.get("week", 1) == 1]
        person = {
            "id": f"{self.employer_id}-s{len(self.staff) + 1:02d}", "name": f"{first} {last}",
            "skills": skills, "contract_hours": contract_hours(self.shifts, week_1), "roster": items,
        }
        if len(week_1) < len(items):
            person["cycle"] = {"weeks": 2}
        if flexible:
            person["may_reroster"] = True
        if flexible or hto:
            self.exclude.add(person["id"])
        self.staff.append(person)
        return person


def _company(rng, names, kind, index, city, travel, n_htos, rotation_weeks: int = 1) -> Company:
    employer_id = f"{kind}-{index + 1}"
    template = rng.choice(COMPANY_NAMES[kind])
    title = template.format(city=city, last=names.take()[1])
    if kind in ("metaal", "proces"):
        shifts = [shift("vroeg", "Vroege dienst", "06:00", "14:00"), shift("laat", "Late dienst", "14:00", "22:00")]
        if kind == "proces":
            shifts.append(shift("nacht", "Nachtdienst", "22:00", "06:00", MON_THU))
    elif kind == "installatie":
        shifts = [shift("dag", "Dagdienst", "07:30", "16:00")]
    else:
        shifts = [shift("dag", "Dagdienst", "07:00", "15:30"), shift("nacht", "Nachtdienst", "22:00", "06:00", MON_THU)]
    b = _Builder(employer_id, shifts, names)
    skills, trade = _base_crew(b, kind, rng)
    slots: list[HtoSlot] = []
    tight_skill = None
    for k in range(n_htos):
        pattern = PATTERNS[kind][k % len(PATTERNS[kind])]
        if pattern == "day_tight" and k > 0:
            pattern = "day"
        hto_skills, items, days = _hto_pattern(kind, pattern, rng)
        if rotation_weeks == 2:
            items = items + [dict(item, week=2) for item in _week_two(pattern)]
        person = b.person(hto_skills, items, hto=True)
        if pattern == "day_tight":
            tight_skill = hto_skills[0]
        slots.append(HtoSlot(
            staff_id=person["id"], name=tuple(person["name"].split(" ", 1)), employer=employer_id,
            pattern=pattern, skills=hto_skills, allowed_days=days,
            travel=min(30, max(10, travel + rng.randint(-5, 5))), trade=trade,
        ))
    demand = demand_from_crews(b.shifts, b.staff, skills, exclude=b.exclude)
    if tight_skill is not None:
        # The tight hto'er counts for their main skill on the day shift: no slack on the days
        # the flexible colleague is off (Thu, Fri).
        for window in demand:
            if window["skill"] == tight_skill:
                window["min_staff"] += 1
        # The flexible colleague who can take over the tight hto'er's Thursday/Friday.
        b.person([tight_skill, "service"], roster("dag", ["mon", "tue", "wed"]), flexible=True)
    employer = {"id": employer_id, "name": title, "site": city, "shifts": shifts,
                "demand": demand, "staff": b.staff}
    return Company(employer=employer, htos=slots)


def _base_crew(b: _Builder, kind: str, rng: random.Random) -> tuple[list[str], str]:
    """The regular staff, who alone cover the demand. Returns the demand skills and the trade."""
    if kind == "metaal":
        for s in ("vroeg", "laat"):
            b.person(["CNC"], roster(s, WEEKDAYS))
            b.person(["CNC", "lassen"], roster(s, WEEKDAYS))
            if rng.random() < 0.5:
                b.person(["lassen"], roster(s, WEEKDAYS))
        b.person(["CNC", "lassen"], roster("laat", MON_THU), flexible=True)
        return ["CNC", "lassen"], "metaal"
    if kind == "installatie":
        b.person(["installatie"], roster("dag", WEEKDAYS))
        b.person(["installatie", "elektra"], roster("dag", WEEKDAYS))
        b.person(["elektra"], roster("dag", WEEKDAYS))
        b.person(["service"], roster("dag", WEEKDAYS))
        b.person(["installatie"], roster("dag", ["mon", "tue", "wed", "fri"]))
        return ["installatie", "elektra", "service"], "installatie"
    if kind == "onderhoud":
        b.person(["mechanisch"], roster("dag", WEEKDAYS))
        b.person(["mechanisch", "elektrisch"], roster("dag", WEEKDAYS))
        b.person(["elektrisch", "PLC"], roster("dag", WEEKDAYS))
        b.person(["mechanisch"], roster("nacht", ["mon", "tue", "wed"]))
        b.person(["elektrisch"], roster("nacht", ["mon", "tue"]))
        b.person(["elektrisch", "mechanisch"], roster("dag", ["mon", "tue"]) + roster("nacht", ["wed", "thu"]))
        b.person(["mechanisch"], roster("dag", ["wed", "thu", "fri"]), flexible=True)
        return ["mechanisch", "elektrisch"], "elektro"
    # proces: operators on three shifts, a technische dienst (TD) on early and late
    for s in ("vroeg", "laat"):
        b.person(["operator"], roster(s, WEEKDAYS))
        b.person(["operator", "TD"], roster(s, WEEKDAYS))
    b.person(["operator"], roster("nacht", ["mon", "tue", "wed"]))
    b.person(["operator"], roster("nacht", ["mon", "tue"]) + roster("nacht", ["thu"]))
    b.person(["operator", "TD"], roster("laat", MON_THU), flexible=True)
    return ["operator", "TD"], rng.choice(["elektro", "metaal"])


# The second week of an hto'er's two-week rotation, per pattern: the shifts it runs.
ROTATION = {
    "early": ("laat", WEEKDAYS), "late": ("vroeg", WEEKDAYS), "day": ("dag", MON_THU),
    "day_tight": ("dag", ["tue", "wed", "thu", "fri"]), "night_mt": ("dag", WEEKDAYS), "night_wt": ("dag", WEEKDAYS),
}


def _week_two(pattern: str) -> list[dict]:
    shift_id, days = ROTATION[pattern]
    return roster(shift_id, days)


def _hto_pattern(kind: str, pattern: str, rng: random.Random) -> tuple[list[str], list[dict], list[str]]:
    """Skills, current roster and allowed teaching days of an hto'er with this shift pattern."""
    skill = {"metaal": ["CNC"], "installatie": ["installatie", "elektra"],
             "onderhoud": ["elektrisch", "PLC"], "proces": ["TD", "elektrisch"]}[kind]
    if kind == "metaal" and rng.random() < 0.4:
        skill = ["lassen"]
    if kind == "installatie":
        # Only the tight hto'er is an installer: other hto'ers (left out of the demand count)
        # would otherwise be the slack that lets the tight one leave without re-rostering.
        skill = ["installatie"] if pattern == "day_tight" else ["elektra"]
    if pattern == "early":
        return skill, roster("vroeg", WEEKDAYS), sorted(rng.sample(WEEKDAYS, rng.choice([2, 3])), key=WEEKDAYS.index)
    if pattern == "late":
        return skill, roster("laat", WEEKDAYS), sorted(rng.sample(WEEKDAYS, 2), key=WEEKDAYS.index)
    if pattern == "day":
        return skill, roster("dag", WEEKDAYS), sorted(rng.sample(WEEKDAYS, 2), key=WEEKDAYS.index)
    if pattern == "day_tight":
        return skill, roster("dag", WEEKDAYS), rng.choice([["thu"], ["thu", "fri"]])
    if pattern == "night_mt":
        return skill, roster("nacht", ["mon", "tue"]), ["thu", "fri"]
    return skill, roster("nacht", ["wed", "thu"]), ["mon", "tue"]
