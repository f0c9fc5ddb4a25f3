"""The report of `hybrooster replan`, in English and Dutch: the change, what broke, the diff, the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

from api.cli.printers import print_conflicts, say
from api.commands import ReplanRun

if TYPE_CHECKING:
    from solver.explain import Explanation
    from solver.replan import Diff, Move
    from solver.replan.whatif import Change

SHOWN_BROKEN = 10  # hard violations of the current timetable listed before "... and N more"


def _change_text(change: Change) -> str:
    fields = change.model_dump(mode="json", exclude={"type"}, exclude_defaults=True)
    if change.type == "add_lesson":
        fields = {"lesson": change.lesson.id}
    elif change.type == "add_hto":
        fields = {"hto": change.hto.id, "teacher": change.teacher.id, "takes_over": change.takes_over}
    return f"{change.type}: " + ", ".join(f"{k} {v}" for k, v in fields.items())


def print_replan(console: Console, run: ReplanRun, time_limit: float, explanation: Explanation | None) -> None:
    """`explanation` is why the changed plan has no timetable (given when run.status is INFEASIBLE)."""
    outcome = run.outcome
    if run.change is not None:
        say(console, f"Change / wijziging: {_change_text(run.change)}")
    if run.plan_path is not None:
        say(console, f"Changed plan written to / gewijzigd plan geschreven naar: {run.plan_path}")
    if outcome.still_holds:
        say(console, "The current timetable still holds: nothing needs to change.", style="bold")
        say(console, "Het huidige rooster blijft geldig: er hoeft niets te veranderen.", style="bold")
        _print_written(console, run)
        return
    say(console, "The current timetable no longer holds / het huidige rooster klopt niet meer:", style="bold")
    for violation in outcome.broken[:SHOWN_BROKEN]:
        say(console, f"  - {violation.rule}: {violation.message_en}")
        say(console, f"    {violation.message_nl}")
    more = len(outcome.broken) - SHOWN_BROKEN
    if more > 0:
        say(console, f"  ... and {more} more / en nog {more}")
    status = run.status
    if status == "INFEASIBLE":
        say(console, "No timetable exists for the changed plan: its hard rules cannot all hold at once.", style="bold")
        say(console, "Voor het gewijzigde plan bestaat geen rooster: niet alle harde regels kunnen tegelijk gelden.",
            style="bold")
        if explanation is not None:
            _print_replan_explanation(console, explanation, run)
        return
    if outcome.timetable is None:
        if status == "UNKNOWN":
            say(console, f"No new timetable found within {time_limit:g} s; try a longer --time-limit.",
                style="bold")
            say(console, f"Binnen {time_limit:g} s geen nieuw rooster gevonden; probeer een langere --time-limit.",
                style="bold")
        else:
            say(console, f"The solver stopped with status {status}.", style="bold")
            if outcome.outcome is not None and outcome.outcome.result.message:
                say(console, outcome.outcome.result.message)
        return
    diff = outcome.diff
    if status == "OPTIMAL":
        proof = f"proven minimal ({outcome.proof}) / bewezen minimaal"
    else:
        proof = "not proven minimal within the time limit / niet bewezen minimaal binnen de tijd"
    placed = f"{len(diff.placed)} newly placed, " if diff.placed else ""
    say(console, f"Re-planned in {outcome.seconds:.1f} s / opnieuw gepland: {len(diff.moved)} moved, {placed}"
                 f"{len(diff.teacher_changes)} teacher and {len(diff.room_changes)} room changes, "
                 f"{len(diff.shifts_added)} shifts added, {len(diff.shifts_removed)} removed; {proof}.", style="bold")
    _print_diff(console, diff)
    if outcome.hint_status:
        say(console, f"Hint (the current timetable) / hint: {outcome.hint_status}")
    _print_written(console, run)


def _copy_name(lesson: str, copy: int) -> str:
    return f"{lesson}#{copy}" if copy else lesson


def _move_line(move: Move) -> str:
    return f"  {_copy_name(move.lesson, move.copy)}: {move.before or '(not placed)'} -> {move.after or '(not placed)'}"


def _change_line(item: dict) -> str:
    return f"  {_copy_name(item['lesson'], item['copy'])}: {item['before'] or '-'} -> {item['after'] or '-'}"


def _shift_line(item: dict) -> str:
    week = f" (week {item['week']})" if "week" in item else ""  # a horizon of several weeks
    return f"  {item['employer']} {item['staff']}: {item['shift']} {item['day']}{week}"


def _print_diff(console: Console, diff: Diff) -> None:
    sections = (
        ("Moved lessons / verplaatste lessen", [_move_line(m) for m in diff.moved]),
        ("Newly placed / nieuw ingeroosterd", [_move_line(m) for m in diff.placed]),
        ("No longer placed / niet meer ingeroosterd", [_move_line(m) for m in diff.unplaced]),
        ("Other teacher / andere docent", [_change_line(c) for c in diff.teacher_changes]),
        ("Other room / ander lokaal", [_change_line(c) for c in diff.room_changes]),
        ("Shifts added / diensten erbij", [_shift_line(s) for s in diff.shifts_added]),
        ("Shifts removed / diensten eraf", [_shift_line(s) for s in diff.shifts_removed]),
    )
    for title, lines in sections:
        if lines:
            say(console, f"{title} ({len(lines)}):")
            for line in lines:
                say(console, line)


def _print_written(console: Console, run: ReplanRun) -> None:
    if run.timetable_path is not None:
        say(console, f"Timetable written to / rooster geschreven naar: {run.timetable_path}")
    else:
        say(console, "Not written (give -o NEW.json) / niet geschreven (geef -o NEW.json).")


def _print_replan_explanation(console: Console, explanation: Explanation, run: ReplanRun) -> None:
    if explanation.status != "infeasible":
        target = f"`hybrooster explain {run.plan_path}`" if run.plan_path else "`hybrooster explain` on the plan"
        say(console, f"No short explanation found in time; run {target} with a longer --time-limit.")
        return
    print_conflicts(console, explanation)

