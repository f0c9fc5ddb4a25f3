"""Writing XHSTT solutions: what is written reads back as the same solution, alone or with the
instance copied in, and costs the same."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from solver.io.xhstt.evaluate import evaluate
from solver.io.xhstt.model import Solution, SolutionEvent, SolutionResource
from solver.io.xhstt.reader import read_archive, read_instance, read_solutions
from solver.io.xhstt.writer import solution_xml, write_solutions
from tests.solver.xhstt_helpers import constraint, event, solution, sub, tiny

BR_SA_00 = Path(__file__).resolve().parents[1] / "data" / "xhstt" / "BR-SA-00.xml"


def test_round_trip_keeps_every_field(tmp_path):
    ins = tiny(tmp_path, [event("E1", 3, teacher=None, room_role=True), event("E2", 1)],
               [constraint("AssignTime", "", '<EventGroups><EventGroup Reference="gr_All"/></EventGroups>')])
    sol = Solution(instance="Tiny", description="a test & more <things>", running_time="1.5", events=(
        SolutionEvent("E1", 2, "Mo1", (SolutionResource("Teacher", "T2"), SolutionResource("Room", "R1"))),
        SolutionEvent("E1", 1, None, (SolutionResource("Room", "R2"),)),
        SolutionEvent("E2"),  # no duration, no time, no resources: all left to the defaults
    ))
    out = write_solutions(tmp_path / "out.xml", [sol], group_id="G1", when=date(2025, 1, 2))
    ((group_id, back),) = read_solutions(out, ins)
    assert group_id == "G1" and back == sol
    assert "<Date>2025-01-02</Date>" in out.read_text(encoding="utf-8")


def test_with_the_instance_copied_in_the_file_is_a_whole_archive(tmp_path):
    ins = read_instance(BR_SA_00)
    sol = Solution(instance="BR-SA-00", events=(
        SolutionEvent("T1-S1", 2, "Mo_1"), SolutionEvent("T1-S1", 2, "Tu_1"),
        SolutionEvent("T3-S4", None, "We_2")))
    out = write_solutions(tmp_path / "whole.xml", [sol], instance_from=BR_SA_00)
    archive = read_archive(out)
    assert archive.instances == (ins,)
    assert archive.solutions("BR-SA-00") == [("Hybrooster", sol)]
    assert evaluate(archive.instances[0], archive.solutions("BR-SA-00")[0][1]) == evaluate(ins, sol)


def test_several_solutions_in_one_group(tmp_path):
    ins = tiny(tmp_path, [event("E1", 1)], [])
    sols = [solution(sub("E1", "Mo1")), solution(sub("E1", "Tu4"))]
    path = tmp_path / "two.xml"
    path.write_text(solution_xml(sols), encoding="utf-8")
    assert [s for _, s in read_solutions(path, ins)] == sols


def test_solutions_of_other_instances_are_skipped_when_reading_for_one(tmp_path):
    ins = tiny(tmp_path, [event("E1", 1)], [])
    other = Solution(instance="Elsewhere", events=(SolutionEvent("X", 1, "T"),))
    path = tmp_path / "mixed.xml"
    path.write_text(solution_xml([other, solution(sub("E1", "Mo2"))]), encoding="utf-8")
    assert [s for _, s in read_solutions(path, ins)] == [solution(sub("E1", "Mo2"))]
