"""Random tiny plans (hto'ers, nights, re-rostering, blokuren over breaks, travel, rooms): every
timetable the solver returns is certified by the independent validator.

This is a net under the hand-made tests: each seed is a small plan whose solution must have zero
hard violations and a soft cost equal to the objective.
"""

from __future__ import annotations

import random

import pytest

from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, plan_dict, shift, solve_and_certify, staff,
)
from solver.domain import parse_plan

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SHIFTS = [("early", "06:00", "14:00"), ("late", "14:00", "22:00"), ("night", "22:00", "06:00"),
          ("day", "08:00", "16:30"), ("short", "21:00", "01:30"), ("long", "07:00", "18:00")]


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def random_plan(seed: int):
    rng = random.Random(seed)
    days = sorted(rng.sample(DAYS[:6], rng.randint(1, 3)), key=DAYS.index)
    periods = {}
    for day in days:
        t = rng.choice([480, 510, 780, 1020])
        items = []
        for _ in range(rng.randint(2, 5)):
            pause = rng.choice([0, 0, 10, 20, 60])
            t += pause
            length = rng.choice([45, 50, 60])
            if t + length > 1440:
                break
            items.append((f"{hhmm(t)}-{hhmm(t + length)}", pause > 0 and rng.random() < 0.3))
            t += length
        periods[day] = items
    sets = ["a", "b", "c"]
    groups = [{"id": "A", "student_sets": ["a", "b"]}, {"id": "B", "student_sets": ["c"]},
              {"id": "Xb", "student_sets": ["b"]}]
    rooms = [{"id": f"R{k}", "kind": rng.choice(["classroom", "classroom", "lab"]), "capacity": 30}
             for k in range(rng.randint(1, 3))]
    kinds = sorted({r["kind"] for r in rooms})
    teachers = ["T1", "T2", "H"]
    lessons = []
    for k in range(rng.randint(2, 5)):
        item = lesson(f"L{k}", None, [rng.choice(["A", "B", "Xb"])],
                      duration=rng.choice([1, 1, 2]), count=rng.choice([1, 1, 2]),
                      room_kind=rng.choice(kinds + [None]))
        pool = rng.sample(teachers, rng.randint(1, 2))
        if len(pool) == 1:
            item["teacher"] = pool[0]
        else:
            item["candidates"] = pool
        if rng.random() < 0.3:
            day = rng.choice(days)
            item["current"] = [{"copy": 0, "day": day, "period": 1, "teacher": pool[0]}]
        if item["count"] == 2 and rng.random() < 0.5:
            item["min_days_apart"] = 1
        lessons.append(item)
    extra, travel = [], {"S": rng.choice([0, 10, 30])}
    if rng.random() < 0.5:  # a second school whose lesuren overlap the first one's in time
        start = rng.choice([495, 540, 800])
        day = rng.choice(days)
        extra = [{"id": "S2", "groups": [{"id": "G2"}], "rooms": [{"id": "Q1"}],
                  "periods": [{"day": day, "start": hhmm(start + 55 * k), "end": hhmm(start + 55 * k + 50)}
                              for k in range(3)]}]
        travel["S2"] = rng.choice([0, 15, 45])
        for item in lessons:
            item["school"] = "S"
        lessons.append(lesson("M0", rng.choice(["H", "T1"]), ["G2"], school="S2",
                              duration=rng.choice([1, 2])))
    if rng.random() < 0.2:
        item = rng.choice([x for x in lessons if x.get("school") != "S2"])
        who = item.get("teacher") or item["candidates"][0]
        item["lock"] = {"slot": rng.random() < 0.5, "teacher": rng.random() < 0.5}
        item["current"] = [{"copy": c, "day": rng.choice(days), "period": 1, "teacher": who}
                           for c in range(item.get("count", 1))]
    shifts = []
    for name, start, end in rng.sample(SHIFTS, rng.randint(1, 3)):
        shifts.append(shift(name, start, end, days=sorted(rng.sample(DAYS, rng.randint(2, 7)), key=DAYS.index)))
    def rota():
        out = set()
        for s in rng.sample(shifts, rng.randint(0, len(shifts))):
            out.add((s["id"], rng.choice(s["days"])))
        return sorted(out)
    people = [staff("H", rota(), may_reroster=rng.random() < 0.2), staff("C", rota(), may_reroster=rng.random() < 0.7),
              staff("D", rota(), may_reroster=rng.random() < 0.3)]
    demands = []
    for _ in range(rng.randint(0, 2)):
        start = rng.choice(range(0, 1440, 30))
        length = rng.choice([30, 60, 120, 240])
        end = (start + length) % 1440
        demands.append(demand(rng.choice(DAYS), hhmm(start), hhmm(end), min_staff=rng.randint(1, 2)))
    release = {"allowed_days": sorted(rng.sample(DAYS, rng.randint(3, 7)), key=DAYS.index)}
    if rng.random() < 0.3:
        release["max_teaching_minutes_per_week"] = rng.choice([60, 100, 200])
    marks = []
    if rng.random() < 0.4:
        start = rng.choice(range(360, 1200, 30))
        marks.append({"staff": "H", "day": rng.choice(days), "start": hhmm(start), "end": hhmm(start + 90)})
    policy = {"allow_unplaced_lessons": True, "unplaced_lesson_penalty": 500,
              "allow_output_loss": rng.random() < 0.7, "output_loss_penalty_per_person_minute": 2,
              "unqualified_max_teaching_minutes": rng.choice([100, 360])}
    weights = {name: rng.choice([0, 1, 3, 10]) for name in
               ("student_gaps", "teacher_gaps", "compact_release", "roster_change", "lesson_move", "teacher_change")}
    data = plan_dict(periods=periods, lessons=lessons, teachers=teachers, groups=groups, student_sets=sets,
                     rooms=rooms, employers=[employer(shifts, people, demands)],
                     extra_schools=extra, htos=[hto(travel_minutes=travel, release=release,
                               qualification=rng.choice(["unqualified", "qualified"]))],
                     marks=marks, policy=policy, weights=weights)
    return parse_plan(data)


@pytest.mark.parametrize("seed", range(40))
def test_random_plan_is_certified(seed):
    """Whatever the solver returns for a random tiny plan, the validator certifies it."""
    solve_and_certify(random_plan(seed), time_limit=2.0)
