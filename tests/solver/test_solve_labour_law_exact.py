"""atw_breaks is exact: for random fixed decisions on random small weeks (shifts with and without pauses,
lessons with travel, a re-rosterable hto'er and colleague, other break numbers), the model with only
atw_breaks switched on (explain mode, every other guard off) has a solution exactly when the independent
validator finds no atw_breaks violation in the timetable of those decisions."""

from __future__ import annotations

import random

from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.decode import decode
from solver.domain import Plan, parse_plan
from solver.result import Result, Solution
from solver.validate import validate
from tests.solver.solve_helpers import employer, hto, lesson, plan_dict, shift, staff

DAYS = ["mon", "tue", "wed"]


def hhmm(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _pauses(rng: random.Random, start: int, length: int) -> list[dict]:
    out, at = [], 30
    while rng.random() < 0.6 and at + 60 < length:
        a = rng.choice(range(at, length - 45, 15))
        b = a + rng.choice([15, 15, 30, 45])
        if b >= length:
            break
        out.append({"start": hhmm(start + a), "end": hhmm(start + b)})
        at = b + 15
    return out


def random_week(seed: int) -> Plan:
    rng = random.Random(seed)
    periods = {}
    for day in DAYS:
        t, items = rng.choice([420, 480, 600, 720, 900]), []
        for _ in range(rng.randint(2, 6)):
            t += rng.choice([0, 0, 5, 10, 15, 20, 30, 60])
            length = rng.choice([45, 50, 60])
            items.append(f"{hhmm(t)}-{hhmm(t + length)}")
            t += length
        periods[day] = items
    lessons = [lesson(f"L{k}", "H", [f"G{k}"], duration=rng.choice([1, 1, 2])) for k in range(rng.randint(2, 5))]
    shifts = []
    for k in range(rng.randint(1, 3)):
        start = rng.choice(range(300, 900, 30))
        length = rng.choice([240, 330, 360, 420, 480, 600, 630, 660, 720])
        shifts.append(shift(f"s{k}", hhmm(start), hhmm(start + length), days=DAYS,
                            pauses=_pauses(rng, start, length)))
    rota = sorted({(rng.choice(shifts)["id"], rng.choice(DAYS)) for _ in range(rng.randint(1, 4))})
    people = [staff("H", rota, may_reroster=rng.random() < 0.5), staff("C", rota, may_reroster=True)]
    policy = {"allow_unplaced_lessons": True, "allow_output_loss": True}
    if rng.random() < 0.3:
        policy |= {"break_after_minutes": rng.choice([200, 330]), "break_minutes": rng.choice([15, 30, 40]),
                   "long_break_after_minutes": rng.choice([400, 600]),
                   "long_break_minutes": rng.choice([45, 60]), "break_min_block_minutes": rng.choice([10, 15])}
    return parse_plan(plan_dict(periods=periods, lessons=lessons, employers=[employer(shifts, people)],
                                htos=[hto(travel_minutes={"S": rng.choice([0, 5, 10, 20])},
                                          release={"allowed_days": DAYS})], policy=policy))


def _model_allows(data, options, shifts) -> bool:
    built = build_model(data, explain=True, implied=False)
    model = built.model
    for key, guard in built.guards.items():
        model.add(guard == int(key[0] == "atw_breaks"))
    for c, lits in enumerate(built.x):
        for k, lit in enumerate(lits):
            if lit is False:
                if options[c] == k:
                    return False  # not an option of the model at all
            else:
                model.add(lit == int(options[c] == k))
    for i, lit in enumerate(built.w):
        if lit is not True:
            model.add(lit == int(shifts[i]))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_atw_breaks_model_and_validator_agree_on_random_weeks():
    """Each of 12 random decisions on each of 8 random weeks is allowed by the model iff the validator
    finds no atw_breaks violation; both verdicts occur."""
    verdicts = []
    for seed in range(8):
        rng = random.Random(seed)
        plan = random_week(seed)
        data = compile_plan(plan)
        for _ in range(12):
            options = tuple(rng.choice([None, *range(len(c.options))]) for c in data.copies)
            shifts = tuple(rng.random() < 0.5 if data.staff[i.staff].flexible else True for i in data.instances)
            solution = Solution(options=options, shifts=shifts, pools=(None,) * len(options), costs={})
            timetable = decode(plan, data, Result(status="FEASIBLE", solution=solution))
            broken = any(v.rule == "atw_breaks" for v in validate(plan, timetable).hard())
            assert _model_allows(data, options, shifts) == (not broken), (seed, options, shifts)
            verdicts.append(broken)
    assert 20 <= sum(verdicts) <= len(verdicts) - 20
