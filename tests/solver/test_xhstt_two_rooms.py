"""Events that hold two rooms at once (Lesson.extra_rooms): a tiny instance with an event of two open room
roles (one of them preferred to R1) and one of two preassigned rooms, imported with nothing unmapped,
solved (certified), exported, and evaluated to the solver's own cost; ES-SS-08 and NL-KP-09 import
without --ignore-unsupported onto the same field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from solver.io.xhstt.evaluate import evaluate
from solver.io.xhstt.reader import read_instance
from solver.io.xhstt.to_plan import solution_of, to_plan
from tests.solver.solve_helpers import placement, solve_and_certify
from tests.solver.xhstt_helpers import constraint, tiny

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("XHSTT_DATA", ROOT.parent / "shared" / "data" / "xhstt"))
ALL = '<EventGroups><EventGroup Reference="gr_All"/></EventGroups>'
E1 = '<Events><Event Reference="E1"/></Events>'


def _events(preassigned_time: str) -> list[str]:
    """E1: a double of T1 and C1 in a gym (R1) and on a field (any room); E2: T2 alone in R1 and R2 at once."""
    gym = ('<Event Id="E1"><Name>E1</Name><Duration>2</Duration><Resources>'
           '<Resource Reference="T1"><Role>Teacher</Role></Resource><Resource Reference="C1"/>'
           '<Resource><Role>Gym</Role><ResourceType Reference="Room"/></Resource>'
           '<Resource><Role>Field</Role><ResourceType Reference="Room"/></Resource>'
           '</Resources><EventGroups><EventGroup Reference="gr_All"/></EventGroups></Event>')
    both = ('<Event Id="E2"><Name>E2</Name><Duration>1</Duration>'
            f'<Time Reference="{preassigned_time}"/><Resources>'
            '<Resource Reference="T2"><Role>Teacher</Role></Resource>'
            '<Resource Reference="R1"/><Resource Reference="R2"/>'
            '</Resources><EventGroups><EventGroup Reference="gr_All"/></EventGroups></Event>')
    return [gym, both]


def _constraints() -> list[str]:
    # T1 would rather not teach on Monday nor in Tu1-Tu2 (3 a time): the free Tu3-Tu4 is the best place,
    # unless E2 holds both rooms at Tu3
    rooms = '<ResourceGroups><ResourceGroup Reference="gr_Rooms"/></ResourceGroups>'
    avoid = "".join(f'<Time Reference="{t}"/>' for t in ("Mo1", "Mo2", "Mo3", "Mo4", "Tu1", "Tu2"))
    return [constraint("AssignTime", "", ALL, cid="AT"),
            constraint("AssignResource", "<Role>Gym</Role>", E1, cid="ARG"),
            constraint("AssignResource", "<Role>Field</Role>", E1, cid="ARF"),
            constraint("PreferResources", '<Resources><Resource Reference="R1"/></Resources><Role>Gym</Role>', E1,
                       cid="PRG"),
            constraint("AvoidClashes", "", rooms, cid="CR"),
            constraint("AvoidUnavailableTimes", f"<Times>{avoid}</Times>",
                       '<Resources><Resource Reference="T1"/></Resources>', cid="Pref", required=False, weight=3)]


@pytest.mark.parametrize("e2_at, cost", [("Tu3", 6), ("Mo1", 0)])
def test_two_room_events_import_solve_and_cost_the_same_by_both_validators(tmp_path, e2_at, cost):
    ins = tiny(tmp_path, _events(e2_at), _constraints())
    mapping = to_plan(ins, split="shortest")
    assert mapping.unmapped == []
    lessons = {lesson.id: lesson for lesson in mapping.plan.lessons}
    assert lessons["E1"].rooms == ["R1"] and lessons["E1"].extra_rooms[0].rooms is None
    assert lessons["E2"].rooms == ["R1"] and lessons["E2"].extra_rooms[0].rooms == ["R2"]
    outcome = solve_and_certify(mapping.plan, time_limit=10, expect="OPTIMAL")
    gym = placement(outcome, "E1")
    assert (gym.room, gym.extra_rooms) == ("R1", ["R2"])  # the field is the room the gym is not
    solution = solution_of(mapping, ins, outcome.timetable)
    e1 = next(sub for sub in solution.events if sub.event == "E1")
    assert {(r.role, r.resource) for r in e1.resources} == {("Gym", "R1"), ("Field", "R2")}
    ev = evaluate(ins, solution)
    assert (ev.infeasibility, ev.objective) == (0, outcome.result.objective) == (0, cost)


def test_an_empty_field_role_is_an_assign_resource_cost_the_evaluator_sees(tmp_path):
    """The exported role is what the evaluator counts: leaving the extra room out costs ARF its duration."""
    ins = tiny(tmp_path, _events("Mo1"), _constraints())
    mapping = to_plan(ins, split="shortest")
    outcome = solve_and_certify(mapping.plan, time_limit=10, expect="OPTIMAL")
    emptied = outcome.timetable.model_copy(update={"placements": [
        p.model_copy(update={"extra_rooms": []}) if p.lesson == "E1" else p for p in outcome.timetable.placements]})
    ev = evaluate(ins, solution_of(mapping, ins, emptied))
    assert ev.infeasibility == 2  # E1's two times without a Field


@pytest.mark.parametrize("name, lessons", [("ES-SS-08", 19), ("NL-KP-09", 1)])
def test_es_ss_08_and_nl_kp_09_map_every_constraint(name, lessons):
    source = SHARED / f"{name}.xml"
    if not source.exists():
        pytest.skip(f"{source} not here")
    mapping = to_plan(read_instance(source))
    assert mapping.unmapped == []
    assert sum(1 for lesson in mapping.plan.lessons if lesson.extra_rooms) == lessons
