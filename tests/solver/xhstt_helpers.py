"""Tiny hand-written XHSTT archives for the reader and evaluator tests.

The instance "Tiny": two days of four times (Mo1..Mo4 = 0..3, Tu1..Tu4 = 4..7), Day groups gr_Mo
and gr_Tu, a Week gr_Week of all eight, a TimeGroup gr_First of the first time of each day and
TimeGroups gr_Mo1 and gr_Tu1 of one time each (Mo1, Tu1);
teachers T1, T2 (group gr_Teachers), rooms R1, R2 (gr_Rooms), class C1 (gr_Classes). The events
and constraints are given by the test as XML text (see `event` and `constraint`).
"""

from __future__ import annotations

from pathlib import Path

from solver.io.xhstt.model import Solution, SolutionEvent, SolutionResource
from solver.io.xhstt.reader import read_instance

TIMES = [f"{d}{p}" for d in ("Mo", "Tu") for p in range(1, 5)]


def _times() -> str:
    out = ['<Times><TimeGroups><Week Id="gr_Week"><Name>Week</Name></Week>',
           '<Day Id="gr_Mo"><Name>Mo</Name></Day><Day Id="gr_Tu"><Name>Tu</Name></Day>',
           '<TimeGroup Id="gr_First"><Name>First</Name></TimeGroup>',
           '<TimeGroup Id="gr_Mo1"><Name>Mo1</Name></TimeGroup><TimeGroup Id="gr_Tu1"><Name>Tu1</Name></TimeGroup>',
           '</TimeGroups>']
    for t in TIMES:
        first = (f'<TimeGroups><TimeGroup Reference="gr_First"/><TimeGroup Reference="gr_{t}"/></TimeGroups>'
                 if t.endswith("1") else "")
        out.append(f'<Time Id="{t}"><Name>{t}</Name><Week Reference="gr_Week"/>'
                   f'<Day Reference="gr_{t[:2]}"/>{first}</Time>')
    out.append("</Times>")
    return "".join(out)


def _resources() -> str:
    out = ["<Resources><ResourceTypes>"]
    out += [f'<ResourceType Id="{t}"><Name>{t}</Name></ResourceType>' for t in ("Teacher", "Room", "Class")]
    out.append("</ResourceTypes><ResourceGroups>")
    for gid, rtype in (("gr_Teachers", "Teacher"), ("gr_Rooms", "Room"), ("gr_Classes", "Class")):
        out.append(f'<ResourceGroup Id="{gid}"><Name>{gid}</Name><ResourceType Reference="{rtype}"/>'
                   "</ResourceGroup>")
    out.append("</ResourceGroups>")
    for rid, rtype, gid in (("T1", "Teacher", "gr_Teachers"), ("T2", "Teacher", "gr_Teachers"),
                            ("R1", "Room", "gr_Rooms"), ("R2", "Room", "gr_Rooms"),
                            ("C1", "Class", "gr_Classes")):
        out.append(f'<Resource Id="{rid}"><Name>{rid}</Name><ResourceType Reference="{rtype}"/>'
                   f'<ResourceGroups><ResourceGroup Reference="{gid}"/></ResourceGroups></Resource>')
    out.append("</Resources>")
    return "".join(out)


def event(eid: str, duration: int, *, teacher: str | None = "T1", room_role: bool = False,
          klass: str | None = None, time: str | None = None, groups: tuple[str, ...] = ("gr_All",),
          workload: int | None = None, teacher_workload: int | None = None) -> str:
    """An event; teacher preassigned (None: an open Teacher role), optionally an open Room role
    and a preassigned class."""
    res = []
    wl = f"<Workload>{teacher_workload}</Workload>" if teacher_workload is not None else ""
    if teacher is None:
        res.append(f'<Resource><Role>Teacher</Role><ResourceType Reference="Teacher"/>{wl}</Resource>')
    else:
        res.append(f'<Resource Reference="{teacher}"><Role>Teacher</Role>{wl}</Resource>')
    if room_role:
        res.append('<Resource><Role>Room</Role><ResourceType Reference="Room"/></Resource>')
    if klass:
        res.append(f'<Resource Reference="{klass}"/>')
    wl = f"<Workload>{workload}</Workload>" if workload is not None else ""
    tm = f'<Time Reference="{time}"/>' if time else ""
    grp = "".join(f'<EventGroup Reference="{g}"/>' for g in groups)
    return (f'<Event Id="{eid}"><Name>{eid}</Name><Duration>{duration}</Duration>{wl}{tm}'
            f'<Resources>{"".join(res)}</Resources><EventGroups>{grp}</EventGroups></Event>')


def constraint(kind: str, body: str, applies: str, *, cid: str = "C", required: bool = True,
               weight: int = 1, cost: str = "Linear") -> str:
    return (f'<{kind}Constraint Id="{cid}"><Name>{cid}</Name><Required>{str(required).lower()}'
            f'</Required><Weight>{weight}</Weight><CostFunction>{cost}</CostFunction>'
            f'<AppliesTo>{applies}</AppliesTo>{body}</{kind}Constraint>')


def archive_text(events: list[str], constraints: list[str], event_groups: tuple[str, ...] = ("gr_All", "gr_Pair")) -> str:
    groups = "".join(f'<EventGroup Id="{g}"><Name>{g}</Name></EventGroup>' for g in event_groups)
    return ('<?xml version="1.0" encoding="UTF-8"?><HighSchoolTimetableArchive Id="tiny">'
            '<Instances><Instance Id="Tiny"><MetaData><Name>Tiny</Name></MetaData>'
            f'{_times()}{_resources()}<Events><EventGroups>{groups}</EventGroups>{"".join(events)}'
            f'</Events><Constraints>{"".join(constraints)}</Constraints></Instance></Instances>'
            '</HighSchoolTimetableArchive>')


def tiny(tmp_path: Path, events: list[str], constraints: list[str], **kw):
    path = tmp_path / "tiny.xml"
    path.write_text(archive_text(events, constraints, **kw), encoding="utf-8")
    return read_instance(path)


def sub(eid: str, time: str | None = None, duration: int | None = None, **roles: str) -> SolutionEvent:
    return SolutionEvent(eid, duration, time, tuple(SolutionResource(r, v) for r, v in roles.items()))


def solution(*subs: SolutionEvent, instance: str = "Tiny") -> Solution:
    return Solution(instance=instance, events=tuple(subs))
