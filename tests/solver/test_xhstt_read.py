"""Reading XHSTT-2014 archives: the ten development instances, the test copy of BR-SA-00, what a
read instance holds, `--instance` choice, and bad input refused with the place named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from solver.io.xhstt.evaluate import evaluate
from solver.io.xhstt.model import Solution, XhsttFormatError
from solver.io.xhstt.reader import read_archive, read_instance
from tests.solver.xhstt_helpers import archive_text, constraint, event, tiny

ROOT = Path(__file__).resolve().parents[2]
BR_SA_00 = ROOT / "tests" / "data" / "xhstt" / "BR-SA-00.xml"
SHARED = Path(os.environ.get("XHSTT_DATA", ROOT.parent / "shared" / "data" / "xhstt"))

# from the shared README: times, events, total duration, hard and soft constraints
README = {
    "AU-TE-99": (30, 308, 806, 47, 3), "BR-SA-00": (25, 63, 150, 8, 7),
    "BR-SM-00": (25, 127, 300, 21, 7), "ES-SS-08": (35, 225, 439, 62, 17),
    "FI-WP-06": (35, 172, 297, 6, 25), "GR-H1-97": (35, 372, 372, 9, 0),
    "IT-I4-96": (36, 748, 1101, 67, 6), "NL-KP-03": (38, 1156, 1203, 12, 41),
    "NL-KP-05": (37, 1235, 1272, 54, 30), "NL-KP-09": (38, 1148, 1274, 83, 11),
}


def _figures(ins) -> tuple:
    hard = sum(1 for c in ins.constraints if c.required)
    return (len(ins.times), len(ins.events), ins.total_duration(), hard, len(ins.constraints) - hard)


@pytest.mark.parametrize("name", sorted(README))
def test_each_development_instance_reads_with_the_readmes_figures(name):
    path = SHARED / f"{name}.xml"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared data folder)")
    archive = read_archive(path)
    assert [i.id for i in archive.instances] == [name]
    assert _figures(archive.instances[0]) == README[name]
    ev = evaluate(archive.instances[0], Solution(instance=name))
    assert ev.infeasibility > 0  # nothing placed breaks AssignTime at least


def test_the_test_copy_of_br_sa_00_reads():
    ins = read_instance(BR_SA_00)
    assert _figures(ins) == README["BR-SA-00"]
    assert ins.metadata["Country"] == "Brazil"
    assert ins.time_groups["gr_Tu"].kind == "Day" and ins.time_groups["gr_Tu"].times == (5, 6, 7, 8, 9)
    assert ins.times[5].id == "Tu_1" and ins.times[5].day == "gr_Tu"
    assert len(ins.time_groups["gr_TimesDurationTwo"].times) == 20  # all but the fifth of each day
    assert ins.resource_groups["gr_Teachers"].resources == tuple(f"T{i}" for i in range(1, 15))
    e = ins.events["T1-S2"]
    assert (e.duration, e.course, e.groups) == (3, "gr_T1-S2", ("gr_AllEvents",))
    assert [(r.role, r.resource) for r in e.resources] == [("Class", "S2"), ("Teacher", "T1")]
    clashes = next(c for c in ins.constraints if c.kind == "AvoidClashes")
    assert len(clashes.points) == 14 + 6 and clashes.points[0] == "T1" and clashes.points[-1] == "S6"
    days = next(c for c in ins.constraints if c.id == "MaxNofDaysConstraint_T_days_1")
    assert (days.points, days.weight, days.required, days.maximum) == (("T3", "T9", "T14"), 9, False, 1)


def test_what_a_tiny_instance_holds(tmp_path):
    group_event = ('<Event Id="EG"><Name>EG</Name><Duration>2</Duration><Workload>5</Workload>'
                   '<Resources><Resource><Role>Room</Role><ResourceType Reference="Room"/>'
                   '<Workload>3</Workload></Resource></Resources>'
                   '<ResourceGroups><ResourceGroup Reference="gr_Teachers"/></ResourceGroups></Event>')
    ins = tiny(tmp_path, [event("E1", 2, time="Mo3"), group_event],
               [constraint("AssignTime", "", '<EventGroups><EventGroup Reference="gr_All"/></EventGroups>')])
    assert ins.time_groups["gr_Week"].kind == "Week" and ins.time_groups["gr_Week"].times == tuple(range(8))
    assert ins.time_groups["gr_First"].times == (0, 4)
    assert ins.events["E1"].time == "Mo3"
    eg = ins.events["EG"]
    assert eg.workload == 5
    # the event's resource group becomes one preassigned slot per member, without a role
    assert [(r.role, r.resource, r.from_group, r.workload) for r in eg.resources] == [
        ("Room", None, None, 3), (None, "T1", "gr_Teachers", 5), (None, "T2", "gr_Teachers", 5)]
    assert ins.constraints[0].points == ("E1",)  # EG is in no event group


def test_instance_choice(tmp_path):
    one = archive_text([event("E1", 1)], [])
    two = one.replace('Instance Id="Tiny"', 'Instance Id="Other"').split("<Instances>")[1].split("</Instances>")[0]
    path = tmp_path / "two.xml"
    path.write_text(one.replace("</Instances>", two + "</Instances>"), encoding="utf-8")
    assert read_instance(path).id == "Tiny"
    assert read_instance(path, "Other").id == "Other"
    assert [i.id for i in read_archive(path).instances] == ["Tiny", "Other"]
    with pytest.raises(XhsttFormatError, match=r"no instance 'Nope' \(there are: Tiny, Other\)"):
        read_instance(path, "Nope")


# --- bad input -----------------------------------------------------------------------------------

def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path, *parts: str) -> str:
    with pytest.raises(XhsttFormatError) as caught:
        read_archive(path)
    message = str(caught.value)
    assert str(path) in message
    for part in parts:
        assert part in message, message
    return message


def test_not_xml(tmp_path):
    _refused(_write(tmp_path, "<HighSchoolTimetableArchive><Instances>"), "is not valid XML")


def test_wrong_root(tmp_path):
    _refused(_write(tmp_path, "<fet><Days_List/></fet>"), "root element is <fet>", "HighSchoolTimetableArchive")


def test_a_missing_file(tmp_path):
    _refused(tmp_path / "nowhere.xml", "cannot read")


def test_entities_are_refused(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<HighSchoolTimetableArchive>&b;</HighSchoolTimetableArchive>")
    _refused(_write(tmp_path, bomb), "refused to read the XML")


def test_an_unknown_time_reference(tmp_path):
    text = archive_text([event("E1", 1, time="Xx9")], [])
    message = _refused(_write(tmp_path, text), "Instance[@Id=Tiny]/Events/Event[@Id=E1]",
                       '<Time Reference="Xx9"> names no time')
    assert ", line 1," in message


def test_an_unknown_event_group_in_applies_to_names_the_constraint(tmp_path):
    c = constraint("AssignTime", "", '<EventGroups><EventGroup Reference="gr_Nope"/></EventGroups>', cid="AT")
    _refused(_write(tmp_path, archive_text([event("E1", 1)], [c])),
             "Instance[@Id=Tiny]/Constraints/AssignTimeConstraint[@Id=AT]/AppliesTo",
             '<EventGroup Reference="gr_Nope"> names no event group')


def test_a_line_number_in_a_file_of_many_lines(tmp_path):
    text = archive_text([event("E1", 1), event("E2", 1, teacher="T9")], []).replace("><", ">\n<")
    message = _refused(_write(tmp_path, text), "Event[@Id=E2]", '<Resource Reference="T9"> names no resource')
    line = int(message.split(", line ")[1].split(",")[0])
    assert 'Reference="T9"' in text.splitlines()[line - 1]


def test_a_missing_id(tmp_path):
    text = archive_text([event("E1", 1)], []).replace('<Event Id="E1">', "<Event>")
    _refused(_write(tmp_path, text), "Instance[@Id=Tiny]/Events/Event", "<Event> has no Id attribute")


def test_a_missing_constraint_id(tmp_path):
    c = constraint("AssignTime", "", "<Events/>").replace(' Id="C"', "")
    _refused(_write(tmp_path, archive_text([event("E1", 1)], [c])), "<AssignTimeConstraint> has no Id")


def test_an_unknown_constraint_type(tmp_path):
    c = constraint("AvoidEverything", "", "<Events/>")
    _refused(_write(tmp_path, archive_text([event("E1", 1)], [c])),
             "<AvoidEverythingConstraint> is not one of the 16 XHSTT constraint types")


def test_an_element_the_reader_does_not_know_is_refused(tmp_path):
    body = '<TimeGroups><TimeGroup Reference="gr_Mo"/></TimeGroups><Minimum>0</Minimum><Maximum>1</Maximum>'
    c = constraint("LimitBusyTimes", body + "<AllowZero>true</AllowZero>",
                   '<Resources><Resource Reference="T1"/></Resources>', cid="LB")
    _refused(_write(tmp_path, archive_text([event("E1", 1)], [c])),
             "LimitBusyTimesConstraint[@Id=LB]", "element <AllowZero> this reader does not know")


def test_a_bad_number_and_a_bad_cost_function(tmp_path):
    text = archive_text([event("E1", 1)], []).replace("<Duration>1</Duration>", "<Duration>one</Duration>")
    _refused(_write(tmp_path, text), "Event[@Id=E1]", "<Duration> 'one' is not a whole number")
    c = constraint("AssignTime", "", "<Events/>", cost="Cubic")
    _refused(_write(tmp_path, archive_text([event("E1", 1)], [c])), "<CostFunction> is 'Cubic'")


def test_a_duplicate_id(tmp_path):
    _refused(_write(tmp_path, archive_text([event("E1", 1), event("E1", 2)], [])),
             "Event[@Id=E1]", "an event of this Id came before")


def test_an_open_resource_without_a_role(tmp_path):
    bad = event("E1", 1).replace('<Resource Reference="T1"><Role>Teacher</Role></Resource>',
                                 '<Resource><ResourceType Reference="Teacher"/></Resource>')
    _refused(_write(tmp_path, archive_text([bad], [])), "needs a <Role> and a <ResourceType>")


def test_a_solution_for_an_unknown_event_or_role(tmp_path):
    base = archive_text([event("E1", 1)], [])
    for body, part in (('<Event Reference="E9"/>', 'Reference "E9" names no event'),
                       ('<Event Reference="E1"><Resources><Resource Reference="R1"><Role>Room</Role>'
                        "</Resource></Resources></Event>", 'has no resource of role "Room"')):
        groups = ('<SolutionGroups><SolutionGroup Id="G"><MetaData/><Solution Reference="Tiny">'
                  f"<Events>{body}</Events></Solution></SolutionGroup></SolutionGroups>")
        _refused(_write(tmp_path, base.replace("</Instances>", "</Instances>" + groups)),
                 "SolutionGroups/SolutionGroup[@Id=G]/Solution[1]", part)
