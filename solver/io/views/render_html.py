"""The HTML renderer: one self-contained, printable page (index.html) with every view and its CSS."""

from __future__ import annotations

import html

from solver.domain import Plan, Timetable
from solver.io.views.costs import cost_summary
from solver.io.views.employers import employer_views
from solver.io.views.grids import Grid, group_grids, hto_grids, room_grids, teacher_grids
from solver.io.views.preferences import has_preferences, preferences_used
from solver.io.views.render_html_company import CSS as COMPANY_CSS
from solver.io.views.render_html_company import html_costs, html_employers, html_totals
from solver.io.views.staffing import StaffingRow, staffing_rows, staffing_status
from solver.io.views.teaching import release_lines, vacancy_lines
from solver.io.views.times import day_label, span
from solver.io.views.totals import all_totals, staffing_totals
from solver.io.views.weeks import HtoWeek, hto_weeks, week_totals
from solver.validate import validate
from solver.validation.horizon import HorizonInfo
from solver.validation.report import ValidationReport


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #446; margin-top: 2em; }
h3 { margin: 1.4em 0 .2em; } .sub { color: #666; margin: 0 0 .4em; }
table { border-collapse: collapse; margin: .4em 0 1em; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef; } td.none { background: #f3f3f3; }
table.grid td { min-width: 8em; } .subj { font-weight: 600; } .det, .time { color: #555; }
.entry + .entry { border-top: 1px dotted #aaa; margin-top: 2px; }
tr.short td { background: #fde2e2; } tr.ok td.status { color: #185c1e; }
ul.week { margin: .2em 0; padding-left: 1.2em; } li.shift { color: #234; }
li.lesson { font-weight: 600; } li.travel { color: #777; font-style: italic; } li.mark { color: #8a4b00; }
nav { display: flex; flex-wrap: wrap; gap: .4em 1.4em; }
/* a wide grid scrolls inside its own box; the page itself never scrolls sideways (phones) */
.scroll { overflow-x: auto; max-width: 100%; }
@media (max-width: 600px) { body { margin: .8em; } h1 { font-size: 1.3em; } table.grid td { min-width: 6.5em; } }
@media print { nav { display: none; } section + section { page-break-before: always; } .scroll { overflow: visible; } }
"""


def _html_grid(grid: Grid) -> str:
    head = "".join(f"<th>{_e(day_label(d))}</th>" for d in grid.days)
    rows = []
    for row in grid.rows:
        cells = []
        for day in grid.days:
            entries = row.cells[day]
            if entries is None:
                cells.append('<td class="none"></td>')
                continue
            parts = []
            for entry in entries:
                bits = [f'<span class="subj">{_e(entry.subject)}</span>']
                bits += [f'<span class="det">{_e(x)}</span>' for x in (entry.detail, entry.room) if x]
                if entry.time:
                    bits.append(f'<span class="time">{_e(entry.time)}</span>')
                tail = f' <span class="lid">{_e(entry.lesson)}</span>' if entry.lesson else ""
                if entry.hto:
                    tail += ' <span class="badge" title="gegeven door een hto\'er / taught by an hto\'er">hto</span>'
                parts.append('<div class="entry">' + " · ".join(bits) + tail + "</div>")
            cells.append("<td>" + "".join(parts) + "</td>")
        rows.append(f"<tr><th>{row.number}<br><small>{_e(row.time)}</small></th>{''.join(cells)}</tr>")
    return (f"<h3>{_e(grid.title)}</h3><p class=\"sub\">{_e(grid.subtitle)}</p>"
            f"<div class=\"scroll\"><table class=\"grid\"><tr><th>lesuur / period</th>{head}</tr>{''.join(rows)}</table></div>")


def _html_weeks(weeks: list[HtoWeek]) -> str:
    out = []
    title = None
    for week in weeks:
        if week.title != title:
            out.append(f"<h3>{_e(week.title)}</h3>")
            title = week.title
        if week.week_label:  # a plan with cycles: each horizon week in its own block (the week selector)
            out.append(f'<div class="wk wk-{week.week}"><h4>{_e(week.week_label)}</h4>')
        out.append("<div class=\"scroll\"><table><tr><th>dag / day</th><th>programma / schedule</th></tr>")
        for day, items in week.days.items():
            lis = []
            for item in items:
                notes = "".join(f"<li>{_e(n)}</li>" for n in item.notes)
                notes = f"<ul>{notes}</ul>" if notes else ""
                lis.append(f'<li class="{item.kind}">{_e(span(item.start, item.end))} {_e(item.text)}{notes}</li>')
            body = f'<ul class="week">{"".join(lis)}</ul>' if lis else "vrij / free"
            out.append(f"<tr><th>{_e(day_label(day))}</th><td>{body}</td></tr>")
        out.append("</table></div><ul>" + "".join(f"<li>{_e(t)}</li>" for t in week_totals(week)))
        if week.removed:
            out.append(f"<li>vervallen diensten / removed shifts: {_e(', '.join(week.removed))}</li>")
        out.append("</ul>" + ("</div>" if week.week_label else ""))
    return "".join(out) or "<p>Geen hto'ers in dit plan / no hto'ers in this plan.</p>"


_STAFFING_HEAD = ("<div class=\"scroll\"><table><tr><th>werkgever / employer</th><th>venster / window</th>"
                  "<th>dag / day</th><th>tijd / time</th><th>vaardigheid / skill</th><th>nodig / required</th>"
                  "<th>aanwezig / present</th><th>status</th></tr>")


def _html_staffing(rows: list[StaffingRow]) -> str:
    if not rows:
        return "<p>Geen bezettingsvensters / no staffing windows.</p>"
    out = []
    for i, r in enumerate(rows):
        if i == 0 or r.week_label != rows[i - 1].week_label:  # a plan with cycles: a table per horizon week
            if i:
                out.append("</table></div>" + ("</div>" if rows[i - 1].week_label else ""))
            if r.week_label:
                out.append(f'<div class="wk wk-{r.week}"><h3>{_e(r.week_label)}</h3>')
            out.append(_STAFFING_HEAD)
        status = staffing_status(r, "tekort / short:")
        out.append(f'<tr class="{"ok" if r.ok else "short"}"><td>{_e(r.employer)}</td><td>{_e(r.window)}</td>'
                   f"<td>{_e(day_label(r.day))}</td><td>{_e(span(r.start, r.end))}</td><td>{_e(r.skill)}</td>"
                   f'<td>{r.required}</td><td>{r.present}</td><td class="status">{_e(status)}</td></tr>')
    met = sum(r.ok for r in rows)
    return ("".join(out) + "</table></div>" + ("</div>" if rows[-1].week_label else "")
            + f"<p>Vensters gedekt / windows met: {met}/{len(rows)}</p>")


def _week_selector(plan: Plan) -> tuple[str, str]:
    """A plan with cycles: radio buttons and their labels that show one horizon week (or all) of the hto'ers'
    weeks and the staffing, in CSS alone (works offline, no script); its CSS rules. ('', '') on one week."""
    info = HorizonInfo(plan)
    if not info.circular:
        return "", ""
    picks = [("all", "alle weken / all weeks")] + [
        (str(h), f"week {h}" + (f" ({info.school_letters(h)})" if info.school_letters(h) else ""))
        for h in info.weeks_range()]
    inputs = "".join(f'<input type="radio" name="week" class="pick" id="week-{key}"{" checked" if key == "all" else ""}>'
                     for key, _ in picks)
    labels = "".join(f'<label for="week-{key}">{_e(text)}</label>' for key, text in picks)
    css = ".pick { position: absolute; opacity: 0; } nav.weeks { margin-bottom: .9em; } " \
          "nav.weeks label { cursor: pointer; padding: 0 .4em; " \
          "border: 1px solid #bbb; border-radius: 3px; } .wk { display: none; } " \
          "#week-all:checked ~ section .wk { display: block; } " \
          "#week-all:checked ~ nav.weeks label[for=\"week-all\"] { background: #eef; font-weight: 600; } "
    css += " ".join(f"#week-{h}:checked ~ section .wk-{h} {{ display: block; }} "
                    f"#week-{h}:checked ~ nav.weeks label[for=\"week-{h}\"] {{ background: #eef; font-weight: 600; }}"
                    for h in info.weeks_range())
    css += " @media print { .wk { display: block !important; } nav.weeks { display: none; } }"
    return inputs + f'<nav class="weeks">Week van de horizon / week of the horizon: {labels}</nav>', css


def _html_preferences(plan: Plan, timetable: Timetable) -> str:
    used = preferences_used(plan, timetable)
    if not used:
        return "<p>Geen voorkeur gebruikt / no preference used.</p>"
    items = "".join(f"<li>{_e(v.message_nl)}<br><small>{_e(v.message_en)}</small></li>" for v in used)
    total = sum(v.entities.get("cost", 0) for v in used)
    return f"<p>Kosten / cost: {total}</p><ul>{items}</ul>"


def _html_lines(title: str, lines: list[str]) -> str:
    """A heading and its lines as a list; a line indented by two spaces as an item under the one before."""
    if not lines:
        return ""
    items: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("  ") and items:
            items[-1][1].append(line.strip())
        else:
            items.append((line, []))
    body = "".join(
        f"<li>{_e(head)}" + (f"<ul>{''.join(f'<li>{_e(x)}</li>' for x in subs)}</ul>" if subs else "") + "</li>"
        for head, subs in items)
    return f"<h3>{_e(title)}</h3><ul>{body}</ul>"


def _grids(grids: list[Grid], empty: str) -> str:
    return "".join(_html_grid(g) for g in grids) or f"<p>{_e(empty)}</p>"


def html_report(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> str:
    """One self-contained, printable HTML page with every view (`report`: the validation, made if not given;
    the staffing, the employers and the soft cost read it)."""
    report = report if report is not None else validate(plan, timetable)
    rows = staffing_rows(plan, timetable, report)
    staffed = staffing_totals(plan, rows)
    required = {lesson.id for lesson in plan.lessons if not lesson.optional}
    total = sum(lesson.count for lesson in plan.lessons if lesson.id in required)
    meta = (f"status: {timetable.status} · doelwaarde / objective: "
            f"{'—' if timetable.objective is None else timetable.objective} · "
            f"lessen / lessons: {sum(1 for p in timetable.placements if p.lesson in required)}/{total}")
    if len(required) < len(plan.lessons):
        meta += f" · open vacatures / open vacancies: {len(timetable.open_vacancies)}"
    sections = [
        ("groups", "Rooster per klas / Timetable per group",
         _html_lines("Open vacatures / open vacancies", vacancy_lines(plan, timetable))
         + _grids(group_grids(plan, timetable), "Geen klassen / no groups.")),
        ("teachers", "Rooster per docent / Timetable per teacher",
         _grids(teacher_grids(plan, timetable), "Geen lessen / no lessons.")),
        ("rooms", "Rooster per lokaal / Timetable per room",
         _grids(room_grids(plan, timetable), "Geen lokalen / no rooms.")),
        ("htos", "Per hto'er: lessen en week / Per hto'er: lessons and merged week",
         "".join(_html_grid(g) for g in hto_grids(plan, timetable)) + _html_weeks(hto_weeks(plan, timetable))),
        ("employers", "Per werkgever / Per employer",
         html_employers(employer_views(plan, timetable, report), staffed)),
        ("staffing", "Bezetting per werkgever / Staffing per employer",
         _html_staffing(rows)
         + _html_lines("Vrijgesteld voor lesgeven / released for teaching (persoonsminuten / person-minutes)",
                       release_lines(plan, timetable))),
        ("costs", "Zachte kosten per regel / Soft cost by rule", html_costs(cost_summary(plan, timetable, report))),
        ("totals", "Totalen / Totals", html_totals(all_totals(plan, timetable, rows))),
    ]
    if has_preferences(plan):  # a plan without preference windows or marks gets the page it always got
        sections.append(("preferences", "Voorkeuren gebruikt / Preferences used", _html_preferences(plan, timetable)))
    nav = "".join(f'<a href="#{key}">{_e(title)}</a>' for key, title, _ in sections)
    selector, selector_css = _week_selector(plan)
    body = "".join(f'<section id="{key}"><h2>{_e(title)}</h2>{content}</section>' for key, title, content in sections)
    return (f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Hybrooster — {_e(plan.name)}</title><style>{_CSS}{COMPANY_CSS}{selector_css}</style></head>"
            f"<body><h1>Hybrooster — {_e(plan.name)}</h1><p class=\"sub\">{_e(meta)}</p>"
            f"{selector}<nav>{nav}</nav>{body}</body></html>\n")
