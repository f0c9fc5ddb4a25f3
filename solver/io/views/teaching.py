"""Teaching by hto'ers in the views: vacancies left open, and what each employer releases for teaching.

Open vacancies are the timetable's `open_vacancies` (copies of optional lessons left open); released
person-minutes add up the released windows of each employer's rosters, as the validator does.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.domain import Plan, Timetable
from solver.io.views.times import hours_minutes
from solver.timeline import parse_hhmm


@dataclass(frozen=True)
class VacancyRow:
    school: str
    lesson: str
    copy: int
    subject: str
    groups: tuple[str, ...]
    minutes: int


@dataclass(frozen=True)
class ReleaseRow:
    employer: str
    person_minutes: int


def vacancy_rows(plan: Plan, timetable: Timetable) -> list[VacancyRow]:
    """Each copy of an optional lesson left open, in the order of the timetable."""
    lessons = {lesson.id: lesson for lesson in plan.lessons}
    schools = {s.id: s.name or s.id for s in plan.schools}
    rows = []
    for v in timetable.open_vacancies:
        lesson = lessons.get(v.lesson)
        rows.append(VacancyRow(school=schools.get(v.school, v.school), lesson=v.lesson, copy=v.copy,
                               subject=lesson.subject if lesson else "", groups=tuple(lesson.groups) if lesson else (),
                               minutes=v.minutes))
    return rows


def vacancy_lines(plan: Plan, timetable: Timetable) -> list[str]:
    """The open vacancies as text lines, per school its total first; [] for a plan without optional lessons."""
    if not any(lesson.optional for lesson in plan.lessons):
        return []
    rows = vacancy_rows(plan, timetable)
    if not rows:
        return ["Geen open vacatures: elke optionele les is ingeroosterd / no open vacancies: every optional "
                "lesson is placed"]
    out = []
    for school in dict.fromkeys(r.school for r in rows):
        mine = [r for r in rows if r.school == school]
        out.append(f"{school}: {len(mine)} open, {hours_minutes(sum(r.minutes for r in mine))}")
        out += [f"  {r.lesson} #{r.copy} {r.subject} · {'+'.join(r.groups) or '—'}: {r.minutes} min" for r in mine]
    return out


def release_rows(plan: Plan, timetable: Timetable) -> list[ReleaseRow]:
    """Per employer of the plan: the person-minutes of its rosters' released windows."""
    minutes: dict[str, int] = {}
    for entry in timetable.rosters:
        for w in entry.released:
            minutes[entry.employer] = minutes.get(entry.employer, 0) + parse_hhmm(w.end) - parse_hhmm(w.start)
    return [ReleaseRow(employer=e.name or e.id, person_minutes=minutes.get(e.id, 0)) for e in plan.employers]


def release_lines(plan: Plan, timetable: Timetable) -> list[str]:
    """'Metaalbewerking Hengelo B.V.: 640 min (10:40 h)' per employer."""
    return [f"{r.employer}: {hours_minutes(r.person_minutes)}" for r in release_rows(plan, timetable)]
