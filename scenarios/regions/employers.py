"""Generated employers of a region: shifts with pauses, demand per skill, staff and a roster that meets it.

Feasibility by construction: each demand window (week, shift, day, skill) asks for the people the current
roster puts there, each person counted once, for the first of their skills that is in demand (issue 20),
minus a *slack* of one on some windows that have two or more people. So the roster always meets the demand,
and on the slack windows one person with that skill can be released, elsewhere nobody (docs/regions.md).

Shift patterns (../shared/domain-nl.md §1; every shift over 5.5 h has a 30-minute pause, the 12-hour shift
45 minutes in two blocks [S17]):
* day: 07:30-16:00, Monday to Friday.
* two_shift: early 06:00-14:00 and late 14:00-22:00, fixed crews.
* day_two_shift: day, early and late.
* pitman12: 12-hour day shifts 07:00-19:00 every day on a two-week rotation (Employer.cycle 2 weeks): crew A
  works Mon, Tue, Fri-Sun of week 1 and Wed, Thu of week 2, crew B the other days; at most 3 in a row, at
  most 60 h in a week [S1][S5], every other weekend free [S14] - the maritime "aflosschema" [S124].
* rotating_two_shift: early and late alternating weekly over a two-week cycle (logistics, process).
"""

from __future__ import annotations

import random

from scenarios.common import FIRST_NAMES, LAST_NAMES, WEEKDAYS, contract_hours, shift

ALL_DAYS = WEEKDAYS + ["sat", "sun"]
PITMAN_A = {1: ["mon", "tue", "fri", "sat", "sun"], 2: ["wed", "thu"]}
PITMAN_B = {1: ["wed", "thu"], 2: ["mon", "tue", "fri", "sat", "sun"]}
SLACK_SHARE = 0.45   # share of windows with 2+ people that get one person of slack
SCHOOL_DAY = ("08:30", "16:10")   # scenarios/common.py LESUREN
TRAVEL_MARGIN = 30                # minutes kept between a shift and a lesson
MIN_FREE_MINUTES = 100            # two lesuren


class Names:
    """Dutch-style full names from a seeded shuffle; when all pairs are used (large regions) a new shuffled
    round starts, its names marked with the round (names are for reports; ids stay unique)."""

    def __init__(self, rng: random.Random):
        self._rng, self._round, self._pairs = rng, 1, []

    def take(self) -> tuple[str, str]:
        if not self._pairs:
            self._pairs = [(f, s) for f in FIRST_NAMES for s in LAST_NAMES]
            self._rng.shuffle(self._pairs)
            self._round += 1
        first, last = self._pairs.pop()
        return first, last if self._round == 2 else f"{last} ({self._round - 1})"


def _shifts(pattern: str) -> tuple[list[dict], int]:
    """The shifts of a pattern and the employer's cycle length in weeks."""
    early = shift("vroeg", "Vroege dienst", "06:00", "14:00")
    late = shift("laat", "Late dienst", "14:00", "22:00")
    day = shift("dag", "Dagdienst", "07:30", "16:00")
    if pattern == "day":
        return [day], 1
    if pattern == "two_shift":
        return [early, late], 1
    if pattern == "day_two_shift":
        return [day, early, late], 1
    if pattern == "pitman12":
        return [shift("dag12", "12-uursdienst", "07:00", "19:00", ALL_DAYS,
                      pauses=[("10:00", "10:15"), ("12:30", "13:00")])], 2
    if pattern == "rotating_two_shift":
        return [early, late], 2
    raise ValueError(f"unknown shift pattern {pattern!r}")


def _crews(pattern: str) -> list[list[dict]]:
    """The rosters of the pattern's crews (each a list of roster items)."""
    def items(shift_id: str, days: list[str], week: int | None = None) -> list[dict]:
        return [{"shift": shift_id, "day": d, **({"week": week} if week else {})} for d in days]

    if pattern == "day":
        return [items("dag", WEEKDAYS)]
    if pattern == "two_shift":
        return [items("vroeg", WEEKDAYS), items("laat", WEEKDAYS)]
    if pattern == "day_two_shift":
        return [items("dag", WEEKDAYS), items("vroeg", WEEKDAYS), items("laat", WEEKDAYS)]
    if pattern == "pitman12":
        return [items("dag12", crew[1], 1) + items("dag12", crew[2], 2) for crew in (PITMAN_A, PITMAN_B)]
    return [items("vroeg", WEEKDAYS, 1) + items("laat", WEEKDAYS, 2),
            items("laat", WEEKDAYS, 1) + items("vroeg", WEEKDAYS, 2)]


def make_employer(rng: random.Random, names: Names, employer_id: str, sector, town: str,
                  n_candidates: int) -> tuple[dict, list[dict]]:
    """A RegionEmployer as data, and the candidates' raw data (staff, skills, good teaching days)."""
    shifts, weeks = _shifts(sector.pattern)
    by_id = {s["id"]: s for s in shifts}
    staff: list[dict] = []
    for crew in _crews(sector.pattern):
        for skill in sector.skills:
            for _ in range(rng.choice([1, 2, 2, 3])):
                first, last = names.take()
                skills = [skill]
                others = [s for s in sector.skills if s != skill]
                if others and rng.random() < 0.3:
                    skills.append(rng.choice(others))
                skills += rng.sample(sector.extras, rng.choice([0, 1, 1, 2]))
                roster = list(crew)
                if weeks == 1 and rng.random() < 0.15:  # a part-timer without Friday
                    roster = [item for item in roster if item["day"] != "fri"]
                staff.append({"id": f"{employer_id}-p{len(staff) + 1:02d}", "name": f"{first} {last}",
                              "skills": list(dict.fromkeys(skills)), "roster": roster})
    while len(staff) < n_candidates:  # room for every candidate asked for: extra crew members
        first, last = names.take()
        crew = _crews(sector.pattern)[len(staff) % len(_crews(sector.pattern))]
        staff.append({"id": f"{employer_id}-p{len(staff) + 1:02d}", "name": f"{first} {last}",
                      "skills": [rng.choice(sector.skills)], "roster": list(crew)})
    if weeks == 1:  # a rotation's weeks differ in hours: there the contract is the current roster
        for person in staff:
            person["contract_hours"] = contract_hours(by_id, person["roster"])
    demand, slack = _demand(rng, by_id, staff, list(sector.skills), weeks)
    employer = {"id": employer_id, "name": rng.choice(sector.names).format(town=town, last=names.take()[1]),
                "site": town, "shifts": shifts, "demand": demand, "staff": staff}
    if weeks > 1:
        employer["cycle"] = {"weeks": weeks}
    chosen = _pick_candidates(rng, staff, list(sector.skills), slack, by_id, n_candidates)
    return employer, chosen


def _first_demand_skill(person: dict, skills: list[str]) -> str | None:
    return next((s for s in person["skills"] if s in skills), None)


def _demand(rng, shifts: dict, staff: list[dict], skills: list[str], weeks: int):
    """Demand windows from the roster (each person once), with slack on some windows; the set of slack
    windows (week, shift, day, skill)."""
    count: dict[tuple, int] = {}
    for person in staff:
        skill = _first_demand_skill(person, skills)
        for item in person["roster"]:
            key = (item.get("week", 1), item["shift"], item["day"], skill)
            count[key] = count.get(key, 0) + 1
    out, slack = [], set()
    for (week, shift_id, day, skill), n in sorted(count.items()):
        if n >= 2 and rng.random() < SLACK_SHARE:
            n -= 1
            slack.add((week, shift_id, day, skill))
        s = shifts[shift_id]
        window = {"name": f"{skill} {s['name']}", "skill": skill, "day": day, "start": s["start"],
                  "end": s["end"], "min_staff": n}
        if weeks > 1:
            window["weeks"] = [week]
        out.append(window)
    return out, slack


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def good_days(person: dict, skills: list[str], slack: set, shifts: dict) -> list[str]:
    """School days on which the person could teach without their employer falling short: in every week of
    the cycle the shifts that day without slack for their skill leave a common stretch of the school day of
    at least MIN_FREE_MINUTES, TRAVEL_MARGIN minutes away from those shifts (e.g. after an early shift)."""
    skill = _first_demand_skill(person, skills)
    day_start, day_end = (_minutes(t) for t in SCHOOL_DAY)
    out = []
    for day in WEEKDAYS:
        busy = []
        for item in person["roster"]:
            if item["day"] != day or (item.get("week", 1), item["shift"], day, skill) in slack:
                continue
            s = shifts[item["shift"]]
            end = _minutes(s["end"]) + (1440 if s.get("crosses_midnight") else 0)
            busy.append((_minutes(s["start"]) - TRAVEL_MARGIN, end + TRAVEL_MARGIN))
        free, at = 0, day_start
        for a, b in sorted(busy) + [(day_end, day_end)]:
            free = max(free, min(a, day_end) - at)
            at = max(at, b)
        if free >= MIN_FREE_MINUTES:
            out.append(day)
    return out


def _pick_candidates(rng, staff, skills, slack, shifts, n: int) -> list[dict]:
    """n staff members (those with good teaching days first, then at random) with their good days."""
    scored = [(person, good_days(person, skills, slack, shifts)) for person in staff]
    rng.shuffle(scored)
    scored.sort(key=lambda pair: not pair[1])  # stable: people with good days first
    return [{"staff": person, "good_days": days} for person, days in scored[:n]]
