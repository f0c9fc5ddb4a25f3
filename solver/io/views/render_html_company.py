"""HTML of the sections per employer, the soft cost by rule and the totals (render_html puts them on the page)."""

from __future__ import annotations

import html

from solver.io.views.costs import CostSummary
from solver.io.views.employers import EmployerView, RosterWeek, WindowFill
from solver.io.views.staffing import staffing_status
from solver.io.views.times import day_label, span
from solver.io.views.totals import Total

CSS = """
.lid { font-family: ui-monospace, monospace; font-size: .85em; color: #555; }
.badge { background: #b34700; color: #fff; border-radius: 3px; padding: 0 .35em; font-size: .78em; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; } .sum { font-family: ui-monospace, monospace; }
tr.total td { font-weight: 600; border-top: 2px solid #446; } h4 { margin: 1em 0 .2em; }
td.meaning { min-width: 14em; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _wk(week: int, label: str, inner: str, heading: str = "h5") -> str:
    """A block of one horizon week (the week selector shows it or not); as it is on a horizon of one week."""
    if not label:
        return inner
    return f'<div class="wk wk-{week}"><{heading}>{_e(label)}</{heading}>{inner}</div>'


def _roster(week: RosterWeek) -> str:
    head = "".join(f"<th>{_e(day_label(d))}</th>" for d in week.days)
    rows = []
    for person in week.people:
        cells = "".join("<td>" + "<br>".join(_e(x) for x in person.days.get(d, [])) + "</td>" for d in week.days)
        rows.append(f"<tr><th>{_e(person.title)}</th>{cells}</tr>")
    table = (f'<div class="scroll"><table><tr><th>medewerker / staff</th>{head}</tr>{"".join(rows)}</table></div>'
             if rows else "<p>Geen personeel / no staff.</p>")
    return _wk(week.week, week.week_label, table)


def _windows(windows: list[WindowFill]) -> str:
    if not windows:
        return "<p>Geen bezettingsvensters / no staffing windows.</p>"
    out, label = [], None
    for w in windows:
        r = w.row
        if r.week_label != label or not out:
            if out:
                out.append("</table></div>" + ("</div>" if label else ""))
            if r.week_label:
                out.append(f'<div class="wk wk-{r.week}"><h5>{_e(r.week_label)}</h5>')
            out.append('<div class="scroll"><table><tr><th>venster / window</th><th>dag / day</th><th>tijd / time</th>'
                       "<th>vaardigheid / skill</th><th>nodig / required</th><th>ingevuld door / filled by</th>"
                       "<th>status</th></tr>")
            label = r.week_label
        who = "<br>".join(_e(f.text) for f in w.fills) or "niemand / nobody"
        status = staffing_status(r, "tekort / short:")
        out.append(f'<tr class="{"ok" if r.ok else "short"}"><td>{_e(r.window)}</td><td>{_e(day_label(r.day))}</td>'
                   f'<td>{_e(span(r.start, r.end))}</td><td>{_e(r.skill)}</td><td class="num">{r.required}</td>'
                   f'<td>{who}</td><td class="status">{_e(status)}</td></tr>')
    out.append("</table></div>" + ("</div>" if label else ""))
    return "".join(out)


def html_employers(views: list[EmployerView], totals: list[Total]) -> str:
    """Per employer: roster, roster changes, unavailable marks, staffing with who fills it; its windows met."""
    if not views:
        return "<p>Geen werkgevers in dit plan / no employers in this plan.</p>"
    met = {t.label: t for t in totals}
    out = []
    for v in views:
        out.append(f"<h3>{_e(v.name)}" + (f" ({_e(v.id)})" if v.name != v.id else "") + "</h3>")
        out.append("<h4>Rooster per persoon / Roster per person</h4>" + "".join(_roster(w) for w in v.weeks))
        out.append("<h4>Wijzigingen t.o.v. het huidige rooster / Changes against the current roster</h4>")
        changes = [f"<li>{_e(c.text)}</li>" for c in v.changes]  # each names its week: no week selector
        out.append(f"<ul>{''.join(changes)}</ul>" if changes else "<p>Geen / none.</p>")
        out.append("<h4>Blokkades en voorkeuren / Unavailable marks</h4>")
        if v.marks:
            rows = "".join(f"<tr><td>{_e(m.staff)}</td><td>{_e(day_label(m.day))}</td><td>{_e(m.start)}–{_e(m.end)}</td>"
                           f"<td>{_e(m.level)}</td><td>{_e(m.reason)}</td></tr>" for m in v.marks)
            out.append('<div class="scroll"><table><tr><th>medewerker / staff</th><th>dag / day</th><th>tijd / time</th>'
                       f"<th>soort / level</th><th>reden / reason</th></tr>{rows}</table></div>")
        else:
            out.append("<p>Geen / none.</p>")
        out.append("<h4>Bezetting en wie hem invult / Staffing and who fills it</h4>" + _windows(v.windows))
        if v.name in met:
            out.append(f'<p class="sum">{_e(met[v.name].line())}</p>')
    return "".join(out)


def html_costs(summary: CostSummary) -> str:
    """A row per rule: its text, count × weight = cost; the total as the sum of the rows, against the objective."""
    rows = "".join(
        f'<tr><td><code>{_e(line.rule)}</code></td><td class="meaning">{_e(line.nl)}<br><small>{_e(line.en)}</small></td>'
        f'<td class="num">{line.count}</td><td>{_e(line.unit)}</td><td class="num sum">{_e(line.arithmetic)}</td></tr>'
        for line in summary.lines)
    rows += (f'<tr class="total"><td colspan="4">totaal / total</td>'
             f'<td class="num sum">{_e(summary.arithmetic)}</td></tr>')
    table = ('<div class="scroll"><table><tr><th>regel / rule</th><th>uitleg / meaning</th><th>aantal / count</th>'
             f"<th>eenheid / unit</th><th>aantal × gewicht / count × weight</th></tr>{rows}</table></div>")
    if summary.objective is None:
        note = "Het rooster noemt geen doelwaarde / the timetable reports no objective."
    elif summary.matches_objective:
        note = f"Gelijk aan de doelwaarde van het rooster / equal to the timetable's objective: {summary.objective}."
    else:
        note = (f"Anders dan de doelwaarde van het rooster / different from the timetable's objective: "
                f"{summary.objective} (de controle telt / the validator counts {summary.total}).")
    return (f"<p>Berekend door de onafhankelijke controle / computed by the independent validator "
            f"(<code>hybrooster validate</code>).</p>{table}<p>{_e(note)}</p>")


def html_totals(groups: list[tuple[str, list[Total]]]) -> str:
    """Each kind of total under its heading, a line per total with its sum written out."""
    out = []
    for title, totals in groups:
        if totals:
            items = "".join(f'<li>{_e(t.label)}: <span class="sum">{_e(t.arithmetic)}</span></li>' for t in totals)
            out.append(f"<h3>{_e(title)}</h3><ul>{items}</ul>")
    return "".join(out)
