"""Totals that add up on the page, each with its arithmetic: per hto'er the teaching minutes (lessons x
minutes), per group the lessons placed (per lesson its copies placed), per employer the staffing windows met.

The numbers come from the same view models the grids and tables show (placed.py, staffing.py), so a reader
can check each total against the rows above it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from solver.domain import Plan, Timetable
from solver.io.views.placed import placed_lessons
from solver.io.views.staffing import StaffingRow
from solver.validation.horizon import HorizonInfo


@dataclass(frozen=True)
class Total:
    label: str
    parts: tuple[str, ...]  # the terms, e.g. ('2 × 50', '1 × 100')
    value: int
    unit: str
    of: int | None = None  # out of (lessons required, windows asked)
    sep: str = " + "  # between the parts

    @property
    def arithmetic(self) -> str:
        """'2 × 50 + 1 × 100 = 200 min', '0 = 0 min' when nothing adds up; with 'van / of N' when out of N."""
        tail = f" {self.unit}" if self.unit else ""
        tail += f" (van / of {self.of})" if self.of is not None else ""
        return f"{self.sep.join(self.parts) or '0'} = {self.value}{tail}"

    def line(self) -> str:
        return f"{self.label}: {self.arithmetic}"


def hto_teaching_totals(plan: Plan, timetable: Timetable) -> list[Total]:
    """Per hto'er: their placements (co-teaching too) by length, count × minutes, summed; over every week of a
    school's cycle, as the timetable's hto_teaching."""
    placed = placed_lessons(plan, timetable)
    out = []
    for hto in plan.htos:
        by_length = Counter(p.teaching_minutes for p in placed if hto.teacher in p.teachers)
        parts = tuple(f"{n} × {minutes}" for minutes, n in sorted(by_length.items()))
        out.append(Total(f"{hto.name or hto.id} ({hto.teacher})", parts,
                         sum(n * minutes for minutes, n in by_length.items()), "min"))
    return out


def group_lesson_totals(plan: Plan, timetable: Timetable) -> list[Total]:
    """Per group (of each school): per lesson that names it, its copies placed, summed; out of the copies asked
    (required lessons' counts; an optional lesson's copies count as placed when placed)."""
    placed = Counter(p.lesson for p in timetable.placements)
    only_school = plan.schools[0].id if len(plan.schools) == 1 else None
    out = []
    for school in plan.schools:
        for group in school.groups:
            mine = [lesson for lesson in plan.lessons
                    if group.id in lesson.groups and (lesson.school or only_school) == school.id]
            parts = tuple(f"{placed[lesson.id]} ({lesson.id})" for lesson in mine)
            label = group.id if len(plan.schools) == 1 else f"{group.id} ({school.id})"
            out.append(Total(label, parts, sum(placed[lesson.id] for lesson in mine), "lessen / lessons",
                             sum(lesson.count for lesson in mine if not lesson.optional)))
    return out


def lessons_total(plan: Plan, timetable: Timetable) -> Total:
    """The copies of required lessons asked, minus those not placed: the required copies placed."""
    placed = Counter(p.lesson for p in timetable.placements)
    required = [lesson for lesson in plan.lessons if not lesson.optional]
    asked = sum(lesson.count for lesson in required)
    done = sum(min(placed[lesson.id], lesson.count) for lesson in required)
    return Total("verplichte lessen ingeroosterd / required lessons placed",
                 (f"{asked} gevraagd / asked", f"{asked - done} niet ingeroosterd / unplaced"), done, "", asked,
                 sep=" − ")


def staffing_totals(plan: Plan, rows: list[StaffingRow]) -> list[Total]:
    """Per employer its windows met (over every horizon week), then all employers summed."""
    out = []
    for employer in plan.employers:
        mine = [r for r in rows if r.employer_id == employer.id]
        short = sum(not r.ok for r in mine)
        out.append(Total(employer.name or employer.id, (f"{len(mine)} gevraagd / asked", f"{short} tekort / short"),
                         len(mine) - short, "vensters gedekt / windows met", len(mine), sep=" − "))
    out.append(Total("alle werkgevers / all employers", tuple(str(t.value) for t in out),
                     sum(t.value for t in out), "vensters gedekt / windows met", len(rows)))
    return out


def all_totals(plan: Plan, timetable: Timetable, rows: list[StaffingRow]) -> list[tuple[str, list[Total]]]:
    """Every kind of total under its heading, as the pages show them (`rows`: staffing_rows of the timetable)."""
    cycle = (" over alle weken van de schoolcyclus / over every week of the school cycle"
             if HorizonInfo(plan).multi_week_schools else "")
    return [
        ("Lesminuten per hto'er (lessen × minuten) / Teaching minutes per hto'er (lessons × minutes)" + cycle,
         hto_teaching_totals(plan, timetable)),
        ("Lessen per klas / Lessons per group", group_lesson_totals(plan, timetable)),
        ("Alle lessen / All lessons", [lessons_total(plan, timetable)]),
        ("Bezettingsvensters gedekt / Staffing windows met", staffing_totals(plan, rows)),
    ]
