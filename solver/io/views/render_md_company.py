"""Markdown of the sections per employer (employers.md) and of the soft cost by rule with the totals (costs.md)."""

from __future__ import annotations

from solver.domain import Plan, Timetable
from solver.io.views.costs import cost_lines, cost_summary
from solver.io.views.employers import EmployerView, employer_views
from solver.io.views.staffing import staffing_rows, staffing_status
from solver.io.views.times import day_label, span
from solver.io.views.totals import Total, all_totals, staffing_totals
from solver.validate import validate
from solver.validation.report import ValidationReport


def _md(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _employer(v: EmployerView, met: Total | None) -> list[str]:
    out = [f"## {_md(v.name)}" + (f" ({_md(v.id)})" if v.name != v.id else ""), "",
           "### Rooster per persoon / Roster per person", ""]
    for week in v.weeks:
        if week.week_label:
            out += [f"#### {_md(week.week_label)}", ""]
        out.append("| medewerker / staff | " + " | ".join(day_label(d) for d in week.days) + " |")
        out.append("|---" * (len(week.days) + 1) + "|")
        for person in week.people:
            cells = ["<br>".join(_md(x) for x in person.days.get(d, [])) for d in week.days]
            out.append(f"| {_md(person.title)} | " + " | ".join(cells) + " |")
        out.append("")
    out += ["### Wijzigingen t.o.v. het huidige rooster / Changes against the current roster", ""]
    out += [f"- {_md(c.text)}" for c in v.changes] or ["Geen / none."]
    out += ["", "### Blokkades en voorkeuren / Unavailable marks", ""]
    out += [f"- {_md(m.staff)} {day_label(m.day)} {m.start}–{m.end}: {_md(m.level)}"
            + (f" ({_md(m.reason)})" if m.reason else "") for m in v.marks] or ["Geen / none."]
    out += ["", "### Bezetting en wie hem invult / Staffing and who fills it", ""]
    label = None
    for w in v.windows:
        r = w.row
        if r.week_label != label or label is None:
            if r.week_label:
                out += ["", f"#### {_md(r.week_label)}", ""]
            out += ["| venster / window | dag / day | tijd / time | vaardigheid / skill | nodig / required "
                    "| ingevuld door / filled by | status |", "|---" * 7 + "|"]
            label = r.week_label
        who = "<br>".join(_md(f.text) for f in w.fills) or "niemand / nobody"
        out.append(f"| {_md(r.window)} | {day_label(r.day)} | {span(r.start, r.end)} | {_md(r.skill)} | {r.required} "
                   f"| {who} | {_md(staffing_status(r, 'TEKORT / SHORT'))} |")
    if not v.windows:
        out.append("Geen bezettingsvensters / no staffing windows.")
    if met is not None:
        out += ["", f"**{_md(met.line())}**"]
    return out + [""]


def employers_markdown(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> str:
    report = report if report is not None else validate(plan, timetable)
    met = {t.label: t for t in staffing_totals(plan, staffing_rows(plan, timetable, report))}
    out = ["# Per werkgever / Per employer", ""]
    for v in employer_views(plan, timetable, report):
        out += _employer(v, met.get(v.name))
    if not plan.employers:
        out.append("Geen werkgevers in dit plan / no employers in this plan.")
    return "\n".join(out) + "\n"


def costs_markdown(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> str:
    """The soft cost by rule (count × weight = cost, summed to the validator's total) and the totals."""
    report = report if report is not None else validate(plan, timetable)
    summary = cost_summary(plan, timetable, report)
    out = ["# Zachte kosten per regel / Soft cost by rule", "",
           "Berekend door de onafhankelijke controle / computed by the independent validator.", "",
           "| regel / rule | uitleg / meaning | aantal × gewicht / count × weight |", "|---|---|---|"]
    out += [f"| `{line.rule}` | {_md(line.nl)}<br>_{_md(line.en)}_ | {line.arithmetic} |" for line in summary.lines]
    out += [f"| **totaal / total** | | **{summary.arithmetic}** |", ""]
    out += [_md(cost_lines(summary)[-1]) if summary.objective is not None else "", ""]
    out += ["# Totalen / Totals", ""]
    for title, totals in all_totals(plan, timetable, staffing_rows(plan, timetable, report)):
        if totals:
            out += [f"## {title}", "", *(f"- {_md(t.line())}" for t in totals), ""]
    return "\n".join(out)
