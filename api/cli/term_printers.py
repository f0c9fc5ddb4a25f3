"""The reports of check-term and roster-check, in English and Dutch (docs/term.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

from api.cli.printers import say

if TYPE_CHECKING:
    from solver.term import RosterCheckReport, TermReport, TermWeek


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _cycles(week: TermWeek) -> str:
    """', school week 2, metaal week 1' for plans with cycles of several weeks; '' otherwise."""
    weeks = {**week.school_weeks, **week.employer_weeks}
    if week.horizon_week == 1 and all(k == 1 for k in weeks.values()):
        return ""
    return " (" + ", ".join(f"{owner} wk {k}" for owner, k in weeks.items()) + ")"


def print_week(console: Console, week: TermWeek, *, heading: bool = True) -> None:
    """One week: its notes, the lessons that cannot be taught, the staffing that fails, other breaches."""
    if heading:
        state = "holiday, skipped / vakantie, overgeslagen" if week.holiday else (
            "ok" if not week.failures else
            f"{_count(week.failures, 'problem', 'problems')} / {_count(week.failures, 'probleem', 'problemen')}")
        style = "bold red" if week.failures else "bold"
        say(console, f"Week of / week van {week.monday.isoformat()}{_cycles(week)}: {state}", style=style)
    for en, nl in zip(week.notes_en, week.notes_nl):
        say(console, f"  {en}")
        say(console, f"  {nl}")
    groups = (
        ("Lessons that cannot be taught / lessen die niet door kunnen gaan", week.untaught),
        ("Staffing that fails / bezetting die tekortschiet", week.shortfalls),
    )
    for title, items in groups:
        if items:
            say(console, f"  {title} ({len(items)}):", style="bold")
            for item in items:
                say(console, f"    - {item.message_en}")
                say(console, f"      {item.message_nl}")
    if week.problems:
        say(console, f"  Other rules broken / andere regels geschonden ({len(week.problems)}):", style="bold")
        for v in week.problems:
            say(console, f"    - [{v.rule}] {v.message_en}")
            say(console, f"      {v.message_nl}")


def print_term(console: Console, report: TermReport) -> None:
    taught = [w for w in report.weeks if not w.holiday]
    say(console, f"Term / periode {report.first.isoformat()} - {report.last.isoformat()}: "
                 f"{_count(len(report.weeks), 'week', 'weeks')}, {len(report.weeks) - len(taught)} holiday / vakantie",
        style="bold")
    for week in report.weeks:
        print_week(console, week)
    failing = [w for w in report.weeks if w.failures]
    if not failing:
        say(console, "Every week holds / elke week klopt.", style="bold")
        return
    say(console, f"{_count(report.failures, 'problem', 'problems')} in {_count(len(failing), 'week', 'weeks')}; "
                 f"{_count(report.failures, 'probleem', 'problemen')} in {_count(len(failing), 'week', 'weken')}: "
                 + ", ".join(w.monday.isoformat() for w in failing), style="bold red")


def print_roster_check(console: Console, report: RosterCheckReport) -> None:
    week = report.week
    say(console, f"Proposed roster of / voorgesteld rooster van {report.employer}, week of / week van "
                 f"{week.monday.isoformat()}{_cycles(week)}", style="bold")
    if report.ok:
        say(console, "It breaks nothing / het breekt niets.", style="bold")
    else:
        say(console, "What it breaks / wat het breekt:", style="bold red")
        print_week(console, week, heading=False)
    if report.warnings:
        say(console, f"Arbeidstijdenwet on fixed rosters, not counted / op vaste roosters, niet meegeteld "
                     f"({len(report.warnings)}):", style="bold yellow")
        for v in report.warnings:
            say(console, f"  - [{v.rule}] {v.message_en}")
            say(console, f"    {v.message_nl}")
    if not report.ok:
        _print_repair(console, report)


_KINDS = {
    "release": ("Repair: release the hto'er from the new shift (no shift changes, no lesson moves)",
                "Herstel: het bedrijf stelt de hto'er vrij van de nieuwe dienst (geen ruil, geen lesverplaatsing)"),
    "swap": ("Repair: shift changes among colleagues; every lesson stays",
             "Herstel: diensten ruilen onder collega's; elke les blijft staan"),
    "lessons": ("Repair: no shift change keeps every lesson; lessons move for this week only (incidental change)",
                "Herstel: geen dienstruil houdt elke les; lessen verschuiven alleen deze week (incidentele wijziging)"),
    "impossible": ("No repair found within this week: neither shift changes nor lesson moves fix it",
                   "Geen herstel gevonden binnen deze week: dienstruil noch lesverplaatsing lost het op"),
    "none": ("No repair needed / geen herstel nodig", ""),
}


def _print_repair(console: Console, report: RosterCheckReport) -> None:
    repair = report.repair
    en, nl = _KINDS.get(repair.kind, (repair.kind, ""))
    say(console, en, style="bold")
    if nl:
        say(console, nl, style="bold")
    say(console, f"  May change shifts / mogen van dienst wisselen: {', '.join(repair.movable) or '-'}")
    if repair.timetable is None:
        if repair.status:
            say(console, f"  (status {repair.status}, {repair.seconds:.1f} s)")
        return
    for title, en_items, nl_items in (
        ("The school approves / de school keurt goed", repair.school_en, repair.school_nl),
        ("The employer approves / het bedrijf keurt goed", repair.employer_en, repair.employer_nl),
    ):
        if en_items:
            say(console, f"  {title}:", style="bold")
            for e, n in zip(en_items, nl_items):
                say(console, f"    - {e}")
                say(console, f"      {n}")
    proof = "fewest changes, proven / minst wijzigingen, bewezen" if repair.proven else \
        "not proven fewest / niet bewezen minimaal"
    certified = "certified by the validator / goedgekeurd door de controle" if repair.certified else \
        f"NOT certified: {repair.hard_violations} hard violations / NIET goedgekeurd"
    say(console, f"  ({proof}; {certified}; {repair.seconds:.1f} s)",
        style=None if repair.certified else "bold red")
