"""Validator: the public API, robustness to junk, independence from the model, coverage and speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from solver.rules import RULES, SOFT_RULES
from solver.validate import ValidationReport, Violation, validate
from tests.solver.factories import (
    employer, hto, lesson, make_plan, make_timetable, place, shift, staff, work,
)

ROOT = Path(__file__).resolve().parents[2]


def test_report_api_and_json():
    """The report has counts, a breakdown of every soft rule, violations with both languages, and JSON."""
    plan = make_plan(lessons=[lesson("L1"), lesson("L2", groups=["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L2", "mon", 1, room="R2")]))
    assert isinstance(report, ValidationReport) and not report.ok
    assert report.hard_violations == 1 and report.soft_cost == 0
    assert set(report.breakdown) == set(SOFT_RULES)
    [violation] = report.violations
    assert isinstance(violation, Violation)
    assert (violation.rule, violation.kind, violation.amount) == ("teacher_no_clash", "hard", 1)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["hard_violations"] == 1 and data["soft_cost"] == 0
    assert data["violations"][0]["message_nl"].startswith("Docent T1 heeft twee lessen tegelijk")
    assert set(data) >= {"hard_violations", "soft_cost", "breakdown", "violations"}


def test_every_violation_names_a_known_rule_and_kind():
    """Rule names come from solver.rules and kinds are hard or soft."""
    plan = make_plan(lessons=[lesson("L1", count=2), lesson("L2", groups=["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L2", "mon", 3)]))
    assert report.violations
    for violation in report.violations:
        assert violation.rule in RULES and violation.kind in ("hard", "soft")
        assert violation.message_en and violation.message_nl


def test_junk_timetable_never_crashes():
    """Unknown lessons, rooms, teachers, staff and shifts, missing periods and duplicates are all reported."""
    people = [staff("jdv", [("early", "mon")])]
    plan = make_plan(lessons=[lesson("L1", "JDV"), lesson("L2", groups=["1B"])],
                     employers=[employer("E", [shift("early", "06:00", "14:00")], people)],
                     htos=[hto("JDV", "JDV", "jdv")])
    timetable = make_timetable(
        [place("GHOST", "mon", 1), place("L1", "mon", 30, "JDV"), place("L1", "sun", 1, "JDV"),
         place("L2", "tue", 2, "NOBODY", room="ATTIC"), place("L2", "tue", 4, copy=7)],
        [work("jdv", "early", "mon"), work("jdv", "nope", "tue"), work("who", "early", "mon"),
         work("jdv", "early", "sat")],
        unplaced=[("GHOST", 0), ("L2", 9)],
    )
    report = validate(plan, timetable)
    hit = report.hard_by_rule()
    assert hit["lesson_placed"] >= 4  # GHOST placed, copy 7, GHOST unplaced, L2#9 unplaced, L1 twice
    assert hit["block_consecutive"] == 2
    assert hit["room_fits"] == 1 and hit["teacher_qualified"] == 1
    assert hit["reroster_keeps_contract"] >= 3
    json.dumps(report.to_dict())


def test_validator_is_independent_of_the_model():
    """Importing and running the validator loads no CP-SAT, model builder, compiler or pipeline."""
    code = (
        "import sys, solver.validate\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'ortools' or m.startswith("
        "('solver.cpsat', 'solver.compile', 'solver.pipeline'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    sources = [ROOT / "solver" / "validate.py", *(ROOT / "solver" / "validation").glob("*.py")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for name in ("ortools", "solver.cpsat", "solver.compile", "solver.pipeline"):
            assert name not in text, f"{path.name} mentions {name}"


def test_every_rule_has_a_validator_test():
    """Each rule name of the catalogue is asserted in at least one validator test file."""
    text = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_validate_*.py"))
    missing = [name for name in RULES if f'"{name}"' not in text]
    assert not missing


def _big_plan():
    """38 groups x 38 one-period lessons (1444 lesson-periods), 15 hto'ers on shifts, 30 demand windows."""
    shifts = [shift("early", "06:00", "14:00"), shift("late", "14:00", "22:00"), shift("night", "22:00", "06:00")]
    days = ["mon", "tue", "wed", "thu", "fri"]
    people = [staff(f"s{k}", [(["early", "late", "night"][k % 3], d) for d in days], skills=["op", "el"][k % 2:])
              for k in range(30)]
    demands = [{"skill": skill, "day": d, "start": "06:00", "end": "14:00", "min_staff": 3}
               for d in days for skill in ("op", "el")]
    demands += [{"skill": "op", "day": d, "start": "22:00", "end": "06:00", "crosses_midnight": True,
                 "min_staff": 2} for d in days]
    demands += [{"skill": "op", "day": d, "start": "14:00", "end": "22:00", "min_staff": 4} for d in days]
    lessons, placements = [], []
    for g in range(38):
        for s in range(38):
            day, period = days[s // 8], s % 8 + 1
            teacher = f"T{(g + s) % 40}"
            lessons.append(lesson(f"L{g}_{s}", teacher, [f"G{g}"],
                                  current=[{"day": day, "period": period % 8 + 1}]))
            placements.append(place(f"L{g}_{s}", day, period, teacher, f"R{g}"))
    plan = make_plan(lessons=lessons, rooms=[f"R{g}" for g in range(38)],
                     employers=[employer("E", shifts, people, demands)],
                     htos=[hto(f"H{k}", f"T{k}", f"s{k}", travel_minutes={"S": 20}) for k in range(15)])
    rosters = [work(p["id"], r["shift"], r["day"]) for p in people for r in p["roster"]]
    return plan, make_timetable(placements, rosters)


def test_validator_handles_a_benchmark_size_timetable():
    """About 1,500 lesson-periods and 15 hto'ers validate and report the hto'ers' clashes.

    Its speed is a benchmark figure (benchmarks/RESULTS.md), not a timed test: the machine is shared.
    """
    plan, timetable = _big_plan()
    report = validate(plan, timetable)
    assert report.hard_by_rule().get("hto_no_lesson_during_work", 0) > 0  # the hto'ers teach during their shifts
