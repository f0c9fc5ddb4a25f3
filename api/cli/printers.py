"""The reports the commands print, in English and Dutch: solve, validate, FET files, explain and why.

Each printer takes a console and plain data from api.commands; none decides an exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from api.commands import SolveRun
from api.format_commands import FetImportRun
from solver.compile.preferences import PREFERENCE_RULES
from solver.domain import PlanError
from solver.rules import RULES, rule_text

if TYPE_CHECKING:
    from solver.domain.policy import Policy
    from solver.explain import Explanation
    from solver.explain.why import WhyReport
    from solver.io.fet_export import FetExport
    from solver.io.fet_import import Dropped
    from solver.validation.report import ValidationReport


def say(console: Console, text: str, style: str | None = None) -> None:
    console.print(text, markup=False, style=style)


def _rule_order(names) -> list[str]:
    """The names in the order of the rule catalogue; names not in it last, by name."""
    order = {name: i for i, name in enumerate(RULES)}
    return sorted(names, key=lambda n: (order.get(n, len(order)), n))


def _print_costs(console: Console, report: ValidationReport) -> None:
    say(console, f"Soft cost / zachte kosten: {report.soft_cost}")
    for name in _rule_order(report.breakdown):
        value = report.breakdown[name]
        if isinstance(value, dict):
            text = ", ".join(f"{k} {v}" for k, v in value.items())
        elif not value:
            continue
        else:
            text = str(value)
        say(console, f"  {name}: {text}")


def _print_preferences(console: Console, report: ValidationReport) -> None:
    """The preference windows and marks the timetable uses (who, when, why, cost): a preference costs, a
    block forbids, so only preferences can be used."""
    used = [v for v in report.violations if v.rule in PREFERENCE_RULES]
    if not used:
        return
    total = sum(report.breakdown.get(rule, 0) for rule in PREFERENCE_RULES)
    say(console, f"Preferences used / voorkeuren gebruikt: {len(used)}, cost / kosten {total}")
    for violation in used:
        say(console, f"  - {violation.message_en}  [{violation.rule}]")
        say(console, f"    {violation.message_nl}")


# --- solve and demo ------------------------------------------------------------------------------

def print_summary(console: Console, run: SolveRun) -> None:
    result = run.result
    gap = f"{result.gap:.2%}" if result.gap is not None else "—"
    say(console, f"Status: {result.status}", style="bold")
    say(console, f"Objective / doelwaarde: {result.objective}   bound / grens: {result.bound}   gap: {gap}")
    first = f", first solution {result.first_solution_seconds:.1f} s" if result.first_solution_seconds else ""
    say(console, f"Time / tijd: build {result.build_seconds:.1f} s, solve {result.solve_seconds:.1f} s{first}")
    placed, total = run.lessons
    say(console, f"Lessons placed / lessen ingeroosterd: {placed}/{total}")
    met, windows = run.staffing
    say(console, f"Staffing windows met / bezettingsvensters gedekt: {met}/{windows}")
    if run.timetable is not None:
        _print_teaching(console, run)
    report = run.report
    if report is not None:
        style = "bold red" if report.hard_violations else None
        say(console, f"Hard violations / harde overtredingen: {report.hard_violations}", style=style)
        _print_costs(console, report)
        print_warnings(console, report, details=False)
        _print_preferences(console, report)
        if report.hard_violations:
            say(console, "warning: the solver's timetable breaks hard rules; this is a bug in Hybrooster. "
                         "Run `hybrooster validate` on it for the details.", style="bold red")


def _print_teaching(console: Console, run: SolveRun) -> None:
    """Open vacancies (plans with optional lessons), each hto'er's teaching minutes with the agreed
    numbers, and the person-minutes each employer releases for teaching."""
    timetable = run.timetable
    placed, total, minutes = run.vacancies
    if total:
        say(console, f"Optional lessons (vacancies) placed / optionele lessen (vacatures) ingeroosterd: {placed}/{total}; "
                     f"open: {len(timetable.open_vacancies)} ({minutes} lesson-minutes / lesminuten)")
        for v in timetable.open_vacancies:
            say(console, f"  {v.lesson} #{v.copy} @ {v.school}: {v.minutes} min")
    if timetable.hto_teaching:
        say(console, "Hto'ers teaching / hto'ers lesgeven (minutes a week / minuten per week):")
        for entry in timetable.hto_teaching:
            agreed = [f"{label} {n}" for label, n in (("min", entry.min_minutes), ("target/doel", entry.target_minutes),
                                                      ("max", entry.max_minutes)) if n is not None]
            say(console, f"  {entry.hto}: {entry.minutes}" + (f" ({', '.join(agreed)})" if agreed else ""))
    if timetable.released:
        say(console, "Released for teaching / vrijgesteld voor lesgeven (person-minutes / persoonsminuten): "
                     + ", ".join(f"{r.employer} {r.person_minutes}" for r in timetable.released))


def print_no_timetable(console: Console, run: SolveRun, time_limit: float) -> None:
    result = run.result
    if result.status == "INFEASIBLE":
        say(console, "No timetable exists for this plan: its hard rules cannot all hold at once.", style="bold")
        say(console, "Voor dit plan bestaat geen rooster: niet alle harde regels kunnen tegelijk gelden.",
            style="bold")
        say(console, "Look at what meets here: release days and hours, shifts (their pauses) and travel, staffing "
                     "demand, unavailable marks, locks, and the working-hours law over the weeks before (history). "
                     "`hybrooster explain` names the rules that conflict.")
    elif result.status == "UNKNOWN":
        say(console, f"No timetable found within {time_limit:g} s (and none proven impossible).", style="bold")
        say(console, f"Binnen {time_limit:g} s geen rooster gevonden (en ook niet bewezen dat er geen is).",
            style="bold")
        say(console, f"Try a longer time limit, e.g. --time-limit {max(4 * time_limit, 120):g}.")
    elif result.status == "MODEL_INVALID":
        say(console, "The solver model is invalid. This is a bug in Hybrooster; please report this message:",
            style="bold")
    else:
        say(console, f"The solver stopped with status {result.status}.", style="bold")
    if result.message:
        say(console, result.message)


# --- validate -------------------------------------------------------------------------------------

def _print_by_rule(console: Console, violations: list, policy: Policy) -> bool:
    """The violations grouped by rule, each rule with its one-liner under the plan's policy; False if none."""
    by_rule: dict[str, list] = {}
    for violation in violations:
        by_rule.setdefault(violation.rule, []).append(violation)
    for name in _rule_order(by_rule):
        found = by_rule[name]
        about = f" — {rule_text(name, policy, 'en')} / {rule_text(name, policy, 'nl')}" if name in RULES else ""
        say(console, f"{name} ({found[0].kind}, {len(found)}){about}", style="bold")
        for violation in found:
            say(console, f"  - {violation.message_en}")
            if violation.message_nl:
                say(console, f"    {violation.message_nl}")
    return bool(by_rule)


def print_validation(console: Console, report: ValidationReport, policy: Policy) -> None:
    """The violations by rule, the warnings (fixed rosters) by rule, what was not checked, then the totals."""
    if not _print_by_rule(console, report.violations, policy):
        say(console, "No violations / geen overtredingen.")
    print_warnings(console, report, policy)
    style = "bold red" if report.hard_violations else "bold"
    say(console, f"Hard violations / harde overtredingen: {report.hard_violations}", style=style)
    _print_costs(console, report)


def print_warnings(console: Console, report: ValidationReport, policy: Policy | None = None, *,
                   details: bool = True) -> None:
    """Warnings (the Atw on fixed rosters, not counted) and, per history rule, who it was not checked for.
    Without `details` one line each (the solve summary)."""
    if report.warnings:
        say(console, f"Warnings, not counted / waarschuwingen, niet meegeteld: {len(report.warnings)} "
                     "(Arbeidstijdenwet on fixed rosters / op vaste roosters)", style="bold yellow")
        if details:
            _print_by_rule(console, report.warnings, policy)
    if not report.not_checked:
        return
    heading = "Not checked, no history / niet gecontroleerd, geen geschiedenis (Staff.history)"
    if not details:
        counts = ", ".join(f"{name} ({len(report.not_checked[name])})" for name in _rule_order(report.not_checked))
        say(console, f"{heading}: {counts}")
        return
    say(console, f"{heading}:", style="bold")
    for name in _rule_order(report.not_checked):
        say(console, f"  {name}: {', '.join(report.not_checked[name])}")


# --- FET files ------------------------------------------------------------------------------------

def _print_dropped(console: Console, items: list[Dropped]) -> None:
    for item in items:
        say(console, f"  {item.type} x{item.count}: {item.reason}")


def print_fet_unsupported(console: Console, source: str, unsupported: list[Dropped]) -> None:
    total = sum(item.count for item in unsupported)
    say(console, f"error: {source}: {total} active constraint(s)/feature(s) cannot be imported:")
    _print_dropped(console, unsupported)
    say(console, "Nothing was written. Use --ignore-unsupported to import without them.")


def print_fet_import(console: Console, run: FetImportRun) -> None:
    result = run.result
    plan = result.plan
    say(console, f"Imported / geïmporteerd: {len(plan.lessons)} lessons, {len(plan.teachers)} teachers, "
                 f"{len(plan.schools[0].groups)} groups, {len(plan.schools[0].rooms)} rooms, "
                 f"{len(plan.schools[0].periods)} periods, {len(plan.constraints)} extra constraints")
    if result.unsupported:
        total = sum(item.count for item in result.unsupported)
        say(console, f"Left out (--ignore-unsupported) / weggelaten: {total}", style="bold")
        _print_dropped(console, result.unsupported)
    if result.ignored:
        total = sum(item.count for item in result.ignored)
        say(console, f"Without effect in FET, not imported / zonder effect in FET: {total}")
        _print_dropped(console, result.ignored)
    say(console, f"Plan written to / plan geschreven naar: {run.plan_path}")
    say(console, f"FET mapping / FET-koppeling: {run.mapping_path}")


def print_fet_export(out: Console, err: Console, export: FetExport, path: Path) -> None:
    for warning in export.warnings:
        say(err, f"warning: {warning}")
    if export.dropped:
        say(err, "warning: the import left these out (--ignore-unsupported); the timetable was not made to keep "
                 "them / weggelaten bij de import:")
        for line in export.dropped:
            say(err, f"  {line}")
    for line in export.broken:  # only with --force
        say(err, f"warning: broken, fet-cl will reject the file / geschonden: {line}")
    if export.unchecked:
        kinds = ", ".join(sorted(set(export.unchecked)))
        say(err, f"warning: {len(export.unchecked)} active 100% constraint(s) of the left-out types not checked "
                 f"({kinds}): fet-cl rejects the file if the timetable breaks one")
    say(out, f"Locked / vastgezet: {export.locked_times} activity times, {export.locked_rooms} rooms")
    if export.soft_switched_off:
        say(out, f"Soft constraints switched off / zachte eisen uitgezet: {export.soft_switched_off}")
    say(out, f"FET file written to / FET-bestand geschreven naar: {path}")


# --- explain and why ------------------------------------------------------------------------------

def print_conflicts(console: Console, explanation: Explanation, summary_style: str | None = None) -> None:
    """The heading, then the summary and the items in Dutch, then in English."""
    say(console, "Why it cannot fit / waarom het niet past:", style="bold")
    say(console, explanation.summary_nl, style=summary_style)
    for item in explanation.items:
        say(console, f"  - {item.message_nl}  [{item.rule}]")
    say(console, explanation.summary_en, style=summary_style)
    for item in explanation.items:
        say(console, f"  - {item.message_en}  [{item.rule}]")


def print_explanation(console: Console, explanation: Explanation, time_limit: float) -> None:
    if explanation.status == "feasible":
        say(console, "This plan has a timetable: nothing to explain. Run `hybrooster solve` to make it.", style="bold")
        say(console, "Dit plan heeft een rooster: er valt niets uit te leggen.", style="bold")
        return
    if explanation.status != "infeasible":
        say(console, f"No answer within {time_limit:g} s; try a longer --time-limit.", style="bold")
        say(console, f"Geen antwoord binnen {time_limit:g} s; probeer een langere --time-limit.", style="bold")
        return
    print_conflicts(console, explanation, summary_style="bold")
    for claim in explanation.claims:  # only what was proven says "proven" (solver/explain/claims.py)
        say(console, ("Minimal / minimaal: " if claim.kind == "minimal" else "") + claim.en)
        say(console, claim.nl)
    say(console, f"({explanation.seconds:.1f} s, {explanation.solves} CP-SAT solves)")


def print_why(console: Console, report: WhyReport) -> None:
    say(console, report.summary_en, style="bold")
    say(console, report.summary_nl, style="bold")
    groups = (
        ("Cheaper: the timetable is not optimal / goedkoper: het rooster is niet optimaal",
         [a for a in report.alternatives if a.cheaper]),
        ("Allowed, not cheaper / toegestaan, niet goedkoper",
         [a for a in report.alternatives if a.allowed and not a.cheaper]),
        ("Forbidden / niet toegestaan", [a for a in report.alternatives if not a.allowed]),
    )
    for title, items in groups:
        if not items:
            continue
        say(console, f"{title} ({len(items)}):", style="bold")
        for alt in items:
            say(console, f"  - {alt.summary_en}")
            say(console, f"    {alt.summary_nl}")


# --- errors ---------------------------------------------------------------------------------------

def print_plan_error(err: Console, error: PlanError) -> None:
    head = f"{error.source}: " if error.source else ""
    count = len(error.issues)
    say(err, f"error: {head}{count} problem(s) in the file / {count} fout(en) in het bestand:")
    for issue in error.issues:
        say(err, f"  {issue}")
