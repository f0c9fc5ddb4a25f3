"""Markdown renderers: groups.md, teachers.md, rooms.md, htos.md and staffing.md (employers.md and costs.md:
render_md_company). In a grid cell the lesson id is in italics and an hto'er's lesson is marked **hto**."""

from __future__ import annotations

from solver.domain import Plan, Timetable
from solver.io.views.grids import Grid, GridEntry, group_grids, hto_grids, room_grids, teacher_grids
from solver.io.views.staffing import staffing_rows, staffing_status
from solver.io.views.teaching import release_lines, vacancy_lines
from solver.io.views.times import day_label, span
from solver.io.views.weeks import hto_weeks, week_totals
from solver.validation.report import ValidationReport


def _md(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_entry(entry: GridEntry) -> str:
    parts = [_md(p) for p in (entry.detail, entry.room, entry.time) if p]
    if entry.lesson:
        parts.append(f"_{_md(entry.lesson)}_")
    return f"**{_md(entry.subject)}** " + " · ".join(parts) + (" **hto**" if entry.hto else "")


def _md_grid(grid: Grid) -> str:
    lines = [f"## {_md(grid.title)}", "", f"_{_md(grid.subtitle)}_", ""]
    lines.append("| lesuur / period | " + " | ".join(day_label(d) for d in grid.days) + " |")
    lines.append("|---" * (len(grid.days) + 1) + "|")
    for row in grid.rows:
        cells = []
        for day in grid.days:
            entries = row.cells[day]
            cells.append("·" if entries is None else "<br>".join(_md_entry(e) for e in entries))
        lines.append(f"| {row.number} ({row.time}) | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _md_lines(lines: list[str]) -> list[str]:
    """Text lines as a list; a line indented by two spaces as an item under the one before."""
    return [f"  - {_md(line.strip())}" if line.startswith("  ") else f"- {_md(line)}" for line in lines]


def groups_markdown(plan: Plan, timetable: Timetable) -> str:
    grids = group_grids(plan, timetable)
    vacancies = vacancy_lines(plan, timetable)
    head = "\n".join(["## Open vacatures / open vacancies", "", *_md_lines(vacancies), "", ""]) if vacancies else ""
    return "# Rooster per klas / Timetable per group\n\n" + head + "\n".join(_md_grid(g) for g in grids)


def teachers_markdown(plan: Plan, timetable: Timetable) -> str:
    grids = teacher_grids(plan, timetable)
    body = "\n".join(_md_grid(g) for g in grids) or "Geen lessen / no lessons.\n"
    return "# Rooster per docent / Timetable per teacher\n\n" + body


def rooms_markdown(plan: Plan, timetable: Timetable) -> str:
    body = "\n".join(_md_grid(g) for g in room_grids(plan, timetable)) or "Geen lokalen / no rooms.\n"
    return "# Rooster per lokaal / Timetable per room\n\n" + body


def htos_markdown(plan: Plan, timetable: Timetable) -> str:
    grids = hto_grids(plan, timetable)
    out = ["# Lessen per hto'er / Lessons per hto'er", "", *(_md_grid(g) for g in grids)] if grids else []
    out += ["# Week per hto'er / Merged week per hto'er", ""]
    weeks = hto_weeks(plan, timetable)
    title = None
    for week in weeks:
        deeper = "#" if week.week_label else ""  # a plan with cycles: each hto'er, then each horizon week
        if week.title != title:
            out += [f"## {_md(week.title)}", ""]
            title = week.title
        if week.week_label:
            out += [f"### {_md(week.week_label)}", ""]
        for day, items in week.days.items():
            out.append(f"###{deeper} {day_label(day)}")
            if not items:
                out.append("- vrij / free")
            for item in items:
                out.append(f"- {span(item.start, item.end)} {_md(item.text)}")
                out += [f"  - {_md(note)}" for note in item.notes]
            out.append("")
        out += ["**Totalen / totals**", ""] + [f"- {t}" for t in week_totals(week)]
        if week.removed:
            out.append(f"- vervallen diensten / removed shifts: {_md(', '.join(week.removed))}")
        out.append("")
    if not weeks:
        out.append("Geen hto'ers in dit plan / no hto'ers in this plan.")
    return "\n".join(out) + "\n"


def staffing_markdown(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> str:
    rows = staffing_rows(plan, timetable, report)
    out = ["# Bezetting per werkgever / Staffing per employer", ""]
    if not rows:
        return "\n".join(out + ["Geen bezettingsvensters / no staffing windows.", ""])
    head = ["| werkgever / employer | venster / window | dag / day | tijd / time | vaardigheid / skill "
            "| nodig / required | aanwezig / present | status |", "|---" * 8 + "|"]
    for i, r in enumerate(rows):
        if i == 0 or r.week_label != rows[i - 1].week_label:  # a plan with cycles: a table per horizon week
            out += ([""] if i else []) + ([f"## {_md(r.week_label)}", ""] if r.week_label else []) + head
        status = staffing_status(r, "TEKORT / SHORT")
        out.append(f"| {_md(r.employer)} | {_md(r.window)} | {day_label(r.day)} | {span(r.start, r.end)} "
                   f"| {_md(r.skill)} | {r.required} | {r.present} | {status} |")
    met = sum(r.ok for r in rows)
    out += ["", f"Vensters gedekt / windows met: {met}/{len(rows)}", "",
            "## Vrijgesteld voor lesgeven / released for teaching (persoonsminuten / person-minutes)", "",
            *_md_lines(release_lines(plan, timetable)), ""]
    return "\n".join(out)
