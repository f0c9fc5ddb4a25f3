"""The `hybrooster` command: solve, validate, explain, demo, import, export, schema.

Exit codes: 0 a timetable was found (validate: no hard violations); 1 an error (a wrong plan file,
a wrong command line, validate: hard violations); 2 no timetable exists for the plan; 3 none was
found within the time limit; 4 the model was invalid (a bug: please report the message).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import traceback

from rich.console import Console

from api import commands
from api.commands import EXIT_ERROR, EXIT_OK, SolveRun
from solver.domain import PlanError, load_plan
from solver.result import Progress
from solver.rules import RULES


# --- argument parsing ------------------------------------------------------------------------------

def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"may not be negative, not {text}")
    return value


def _solver_options(parser: argparse.ArgumentParser, time_limit: float) -> None:
    parser.add_argument("--time-limit", type=_positive_float, default=time_limit, metavar="S",
                        help=f"stop searching after S seconds (default {time_limit:g})")
    parser.add_argument("--workers", type=_non_negative_int, default=0, metavar="N",
                        help="solver threads; 0 = all cores (default 0)")
    parser.add_argument("--seed", type=_non_negative_int, default=0, metavar="K",
                        help="random seed; the same seed with --workers 1 gives the same timetable (default 0)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hybrooster",
        description="Plan a school timetable together with the company shifts of hto'ers, "
                    "within the Dutch working-hours law (Arbeidstijdenwet).",
        epilog="exit codes: 0 timetable found / no hard violations, 1 error, 2 no timetable exists, "
               "3 none found in time, 4 invalid model",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("solve", help="make a timetable for a plan")
    p.add_argument("plan", metavar="PLAN.json", help="the plan to solve")
    p.add_argument("-o", "--out", default="timetable.json", metavar="TIMETABLE.json",
                   help="where to write the timetable (default: timetable.json here)")
    _solver_options(p, 60.0)
    p.set_defaults(handler=_cmd_solve)

    p = sub.add_parser("validate", help="check a timetable against a plan")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("timetable", metavar="TIMETABLE.json")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_cmd_validate)

    p = sub.add_parser("demo", help="solve the bundled demo and write readable views")
    p.add_argument("--out", default="hybrooster-demo", metavar="DIR",
                   help="folder for the results (default: ./hybrooster-demo)")
    _solver_options(p, 30.0)
    p.set_defaults(handler=_cmd_demo)

    p = sub.add_parser("import", help="turn a timetabling file of another program into a plan")
    fmt = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    q = fmt.add_parser("fet", help="a FET file (.fet): its data and constraints (see docs/fet.md)")
    q.add_argument("source", metavar="FILE.fet")
    q.add_argument("-o", "--out", required=True, metavar="PLAN.json",
                   help="the plan to write (a PLAN.fetmap.json for `export fet` is written beside it)")
    q.add_argument("--ignore-unsupported", action="store_true",
                   help="import even if some constraints cannot be stated; print what was left out")
    q.set_defaults(handler=_cmd_import_fet)

    p = sub.add_parser("export", help="write a timetable in the format of another program")
    fmt = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    q = fmt.add_parser("fet", help="FET's data-and-timetable file: the original .fet with every activity locked")
    q.add_argument("plan", metavar="PLAN.json", help="a plan made by `hybrooster import fet`")
    q.add_argument("timetable", metavar="TIMETABLE.json")
    q.add_argument("-o", "--out", required=True, metavar="OUT.fet")
    q.add_argument("--fet", default=None, metavar="ORIGINAL.fet",
                   help="the original FET file (default: the one recorded in PLAN.fetmap.json)")
    q.add_argument("--hard-only", action="store_true",
                   help="switch the soft (< 100%%) constraints off, so fet-cl checks only the hard ones")
    q.set_defaults(handler=_cmd_export_fet)

    _add_explain_parser(sub)

    _add_replan_parsers(sub)

    p = sub.add_parser("schema", help="print the JSON Schema of a plan (or of a timetable)")
    p.add_argument("--timetable", action="store_true", help="the Timetable's schema instead of the Plan's")
    p.set_defaults(handler=_cmd_schema)
    return parser


# --- output helpers --------------------------------------------------------------------------------

class ProgressView:
    """One line per improving solution (bound-only improvements at most once a second); on a terminal
    also a spinner with the best so far."""

    def __init__(self, console: Console, time_limit: float):
        self.console = console
        self.time_limit = time_limit
        self.lines = 0
        self._status = None
        self._lock = threading.Lock()
        self._last: Progress | None = None

    def __enter__(self) -> "ProgressView":
        if self.console.is_terminal:
            self._status = self.console.status(f"Solving / roosteren (at most {self.time_limit:g} s) ...")
            self._status.start()
        else:
            self.console.print(f"Solving / roosteren (at most {self.time_limit:g} s) ...")
        return self

    def __exit__(self, *exc) -> None:
        if self._status is not None:
            self._status.stop()

    def __call__(self, progress: Progress) -> None:
        with self._lock:
            last = self._last
            if self._status is not None:
                self._status.update(f"Solving / roosteren: best {progress.objective}, gap {progress.gap:.2%} ...")
            if last is not None and progress.objective == last.objective and progress.elapsed - last.elapsed < 1.0:
                return
            if self.lines == 0:
                self.console.print(f"{'elapsed':>9} {'objective':>12} {'bound':>12} {'gap':>8}", style="bold")
            self.lines += 1
            self._last = progress
            self.console.print(
                f"{progress.elapsed:8.1f}s {progress.objective:>12} {progress.bound:>12} {progress.gap:>8.2%}",
                markup=False,
            )


def _say(console: Console, text: str, style: str | None = None) -> None:
    console.print(text, markup=False, style=style)


def _cost_lines(breakdown: dict) -> list[str]:
    order = {name: i for i, name in enumerate(RULES)}
    lines = []
    for name in sorted(breakdown, key=lambda n: (order.get(n, len(order)), n)):
        value = breakdown[name]
        if isinstance(value, dict):
            text = ", ".join(f"{k} {v}" for k, v in value.items())
        elif not value:
            continue
        else:
            text = str(value)
        lines.append(f"  {name}: {text}")
    return lines


def _print_summary(console: Console, run: SolveRun) -> None:
    result = run.result
    gap = f"{result.gap:.2%}" if result.gap is not None else "—"
    _say(console, f"Status: {result.status}", style="bold")
    _say(console, f"Objective / doelwaarde: {result.objective}   bound / grens: {result.bound}   gap: {gap}")
    first = f", first solution {result.first_solution_seconds:.1f} s" if result.first_solution_seconds else ""
    _say(console, f"Time / tijd: build {result.build_seconds:.1f} s, solve {result.solve_seconds:.1f} s{first}")
    placed, total = run.lessons
    _say(console, f"Lessons placed / lessen ingeroosterd: {placed}/{total}")
    met, windows = run.staffing
    _say(console, f"Staffing windows met / bezettingsvensters gedekt: {met}/{windows}")
    report = run.report
    if report is not None:
        style = "bold red" if report.hard_violations else None
        _say(console, f"Hard violations / harde overtredingen: {report.hard_violations}", style=style)
        _say(console, f"Soft cost / zachte kosten: {report.soft_cost}")
        for line in _cost_lines(report.breakdown):
            _say(console, line)
        if report.hard_violations:
            _say(console, "warning: the solver's timetable breaks hard rules; this is a bug in Hybrooster. "
                          "Run `hybrooster validate` on it for the details.", style="bold red")


def _print_no_timetable(console: Console, run: SolveRun, time_limit: float) -> None:
    result = run.result
    if result.status == "INFEASIBLE":
        _say(console, "No timetable exists for this plan: its hard rules cannot all hold at once.", style="bold")
        _say(console, "Voor dit plan bestaat geen rooster: niet alle harde regels kunnen tegelijk gelden.",
             style="bold")
        _say(console, "Look at what meets here: release days and hours, shifts and travel, staffing demand, "
                      "unavailable marks and locks.")
    elif result.status == "UNKNOWN":
        _say(console, f"No timetable found within {time_limit:g} s (and none proven impossible).", style="bold")
        _say(console, f"Binnen {time_limit:g} s geen rooster gevonden (en ook niet bewezen dat er geen is).",
             style="bold")
        _say(console, f"Try a longer time limit, e.g. --time-limit {max(4 * time_limit, 120):g}.")
    elif result.status == "MODEL_INVALID":
        _say(console, "The solver model is invalid. This is a bug in Hybrooster; please report this message:",
             style="bold")
    else:
        _say(console, f"The solver stopped with status {result.status}.", style="bold")
    if result.message:
        _say(console, result.message)


# --- commands ---------------------------------------------------------------------------------------

def _cmd_solve(args: argparse.Namespace, out: Console, err: Console) -> int:
    plan = load_plan(args.plan)
    with ProgressView(out, args.time_limit) as progress:
        run = commands.solve_to_file(plan=plan, out_path=args.out, time_limit=args.time_limit,
                                     workers=args.workers, seed=args.seed, on_progress=progress)
    if run.timetable is None:
        _print_no_timetable(out, run, args.time_limit)
        if run.result.status == "INFEASIBLE":
            _explain_after_solve(out, plan, args)
        return run.exit_code
    _print_summary(out, run)
    _say(out, f"Timetable written to / rooster geschreven naar: {run.timetable_path}")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, out: Console, err: Console) -> int:
    with ProgressView(out, args.time_limit) as progress:
        run = commands.run_demo(out_dir=args.out, time_limit=args.time_limit, workers=args.workers,
                                seed=args.seed, on_progress=progress)
    _say(out, f"Demo plan / demoplan: {run.plan_path}")
    if run.timetable is None:
        _print_no_timetable(out, run, args.time_limit)
        return run.exit_code
    _print_summary(out, run)
    _say(out, f"Timetable / rooster: {run.timetable_path}")
    _say(out, "Readable views / leesbare overzichten:")
    for path in run.view_paths:
        _say(out, f"  {path}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    _plan, _timetable, report = commands.validate_files(plan_path=args.plan, timetable_path=args.timetable)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK if report.hard_violations == 0 else EXIT_ERROR
    by_rule: dict[str, list] = {}
    for violation in report.violations:
        by_rule.setdefault(violation.rule, []).append(violation)
    order = {name: i for i, name in enumerate(RULES)}
    for name in sorted(by_rule, key=lambda n: (order.get(n, len(order)), n)):
        found = by_rule[name]
        rule = RULES.get(name)
        about = f" — {rule.en} / {rule.nl}" if rule else ""
        _say(out, f"{name} ({found[0].kind}, {len(found)}){about}", style="bold")
        for violation in found:
            _say(out, f"  - {violation.message_en}")
            if violation.message_nl:
                _say(out, f"    {violation.message_nl}")
    if not by_rule:
        _say(out, "No violations / geen overtredingen.")
    style = "bold red" if report.hard_violations else "bold"
    _say(out, f"Hard violations / harde overtredingen: {report.hard_violations}", style=style)
    _say(out, f"Soft cost / zachte kosten: {report.soft_cost}")
    for line in _cost_lines(report.breakdown):
        _say(out, line)
    return EXIT_OK if report.hard_violations == 0 else EXIT_ERROR


def _cmd_import_fet(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.io.fet_import import FetUnsupportedError

    try:
        run = commands.import_fet_file(fet_path=args.source, out_path=args.out,
                                       ignore_unsupported=args.ignore_unsupported)
    except FetUnsupportedError as error:
        total = sum(item.count for item in error.unsupported)
        _say(err, f"error: {error.source}: {total} active constraint(s)/feature(s) cannot be imported:")
        for item in error.unsupported:
            _say(err, f"  {item.type} x{item.count}: {item.reason}")
        _say(err, "Nothing was written. Use --ignore-unsupported to import without them.")
        return EXIT_ERROR
    result = run.result
    plan = result.plan
    _say(out, f"Imported / geïmporteerd: {len(plan.lessons)} lessons, {len(plan.teachers)} teachers, "
              f"{len(plan.schools[0].groups)} groups, {len(plan.schools[0].rooms)} rooms, "
              f"{len(plan.schools[0].periods)} periods, {len(plan.constraints)} extra constraints")
    if result.unsupported:
        total = sum(item.count for item in result.unsupported)
        _say(out, f"Left out (--ignore-unsupported) / weggelaten: {total}", style="bold")
        for item in result.unsupported:
            _say(out, f"  {item.type} x{item.count}: {item.reason}")
    if result.ignored:
        total = sum(item.count for item in result.ignored)
        _say(out, f"Without effect in FET, not imported / zonder effect in FET: {total}")
        for item in result.ignored:
            _say(out, f"  {item.type} x{item.count}: {item.reason}")
    _say(out, f"Plan written to / plan geschreven naar: {run.plan_path}")
    _say(out, f"FET mapping / FET-koppeling: {run.mapping_path}")
    return EXIT_OK


def _cmd_export_fet(args: argparse.Namespace, out: Console, err: Console) -> int:
    path, export = commands.export_fet_file(plan_path=args.plan, timetable_path=args.timetable,
                                            out_path=args.out, fet_path=args.fet, keep_soft=not args.hard_only)
    for warning in export.warnings:
        _say(err, f"warning: {warning}")
    _say(out, f"Locked / vastgezet: {export.locked_times} activity times, {export.locked_rooms} rooms")
    if export.soft_switched_off:
        _say(out, f"Soft constraints switched off / zachte eisen uitgezet: {export.soft_switched_off}")
    _say(out, f"FET file written to / FET-bestand geschreven naar: {path}")
    return EXIT_OK


# --- explain (issue 4) ---------------------------------------------------------------------------------

def _add_explain_parser(sub) -> None:
    p = sub.add_parser("explain", help="say why a plan has no timetable: a small set of conflicting rules")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("--json", action="store_true", help="print the items, minimal and seconds as JSON")
    _solver_options(p, 30.0)
    p.set_defaults(handler=_cmd_explain, workers=1)  # one worker is fastest for its short tests (explain.py)


def _cmd_explain(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0: the plan has a timetable; 2: it has none, explained; 3: no answer within the time limit."""
    explanation = commands.explain_file(plan_path=args.plan, time_limit=args.time_limit, workers=args.workers,
                                        seed=args.seed)
    if args.json:
        sys.stdout.write(json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        _print_explanation(out, explanation, args.time_limit)
    return {"feasible": EXIT_OK, "infeasible": commands.EXIT_INFEASIBLE}.get(explanation.status,
                                                                             commands.EXIT_UNKNOWN)


def _print_explanation(console: Console, explanation, time_limit: float) -> None:
    if explanation.status == "feasible":
        _say(console, "This plan has a timetable: nothing to explain. Run `hybrooster solve` to make it.", style="bold")
        _say(console, "Dit plan heeft een rooster: er valt niets uit te leggen.", style="bold")
        return
    if explanation.status != "infeasible":
        _say(console, f"No answer within {time_limit:g} s; try a longer --time-limit.", style="bold")
        _say(console, f"Geen antwoord binnen {time_limit:g} s; probeer een langere --time-limit.", style="bold")
        return
    _say(console, "Why it cannot fit / waarom het niet past:", style="bold")
    _say(console, explanation.summary_nl, style="bold")
    for item in explanation.items:
        _say(console, f"  - {item.message_nl}  [{item.rule}]")
    _say(console, explanation.summary_en, style="bold")
    for item in explanation.items:
        _say(console, f"  - {item.message_en}  [{item.rule}]")
    if explanation.minimal:
        _say(console, f"Minimal / minimaal: relaxing any one of these {len(explanation.items)} makes room "
                      f"(proven in {explanation.seconds:.1f} s).")
        _say(console, f"Versoepel één van deze {len(explanation.items)} en er is ruimte (bewezen).")
    else:
        _say(console, f"Not proven minimal within the time limit ({explanation.seconds:.1f} s): some items may "
                      "not be needed. / Niet bewezen minimaal binnen de tijd: misschien is niet alles nodig.")


def _explain_after_solve(out: Console, plan, args: argparse.Namespace) -> None:
    """After `solve` found no timetable: explain, within the same time limit (at most 30 s)."""
    limit = min(args.time_limit, 30.0)
    explanation = commands.explain_plan(plan=plan, time_limit=limit, workers=1, seed=args.seed)
    if explanation.status == "infeasible":
        _print_explanation(out, explanation, limit)
    else:
        _say(out, f"Run `hybrooster explain {args.plan}` to see why (with a longer --time-limit).")


# --- re-planning and why (issue 4, parts 2-5) -----------------------------------------------------------

def _seconds_or_zero(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"may not be negative, not {text}")
    return value


def _add_replan_parsers(sub) -> None:
    p = sub.add_parser("replan", help="re-plan after a change, with as few changes to the current timetable as can be")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("--current", required=True, metavar="TIMETABLE.json", help="the timetable in use now")
    p.add_argument("--change", default=None, metavar="CHANGE.json",
                   help="a change to make first: unavailable_mark, teacher_unavailable, add_lesson, remove_room "
                        "or add_hto (a JSON object with a 'type')")
    p.add_argument("-o", "--out", default=None, metavar="NEW.json",
                   help="where to write the new timetable (default: not written)")
    p.add_argument("--json", action="store_true",
                   help="print still_holds, diff, status and hint_status (and more) as JSON")
    p.add_argument("--polish", type=_seconds_or_zero, default=0.0, metavar="S",
                   help="afterwards, S more seconds to improve the other soft rules, changes kept minimal (default 0)")
    _solver_options(p, 30.0)
    p.set_defaults(handler=_cmd_replan)

    p = sub.add_parser("why", help="why is this lesson here: every other slot, and why it is worse or forbidden")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("timetable", metavar="TIMETABLE.json")
    p.add_argument("lesson", metavar="LESSON_ID")
    p.add_argument("--copy", type=_non_negative_int, default=0, metavar="K",
                   help="which copy of a lesson given several times a week (default 0)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_cmd_why)


def _cmd_replan(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0: re-planned (or the current timetable still holds); 2: the changed plan has no timetable;
    3: none found within the time limit; 4: invalid model."""
    run = commands.replan_files(plan_path=args.plan, current_path=args.current, change_path=args.change,
                                out_path=args.out, time_limit=args.time_limit, polish_seconds=args.polish,
                                workers=args.workers, seed=args.seed)
    explanation = None
    if run.status == "INFEASIBLE":
        explanation = commands.explain_infeasible(plan=run.plan, time_limit=min(args.time_limit, 30.0),
                                                  workers=1, seed=args.seed)  # explain is fastest on one
    if args.json:
        data = run.to_dict()
        if explanation is not None and hasattr(explanation, "to_dict"):
            data["explanation"] = explanation.to_dict()
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return run.exit_code
    _print_replan(out, run, args, explanation)
    return run.exit_code


def _change_text(change) -> str:
    fields = change.model_dump(mode="json", exclude={"type"}, exclude_defaults=True)
    if change.type == "add_lesson":
        fields = {"lesson": change.lesson.id}
    elif change.type == "add_hto":
        fields = {"hto": change.hto.id, "teacher": change.teacher.id, "takes_over": change.takes_over}
    return f"{change.type}: " + ", ".join(f"{k} {v}" for k, v in fields.items())


def _print_replan(console: Console, run, args: argparse.Namespace, explanation) -> None:
    outcome = run.outcome
    if run.change is not None:
        _say(console, f"Change / wijziging: {_change_text(run.change)}")
    if outcome.still_holds:
        _say(console, "The current timetable still holds: nothing needs to change.", style="bold")
        _say(console, "Het huidige rooster blijft geldig: er hoeft niets te veranderen.", style="bold")
        _print_written(console, run)
        return
    _say(console, "The current timetable no longer holds / het huidige rooster klopt niet meer:", style="bold")
    for violation in outcome.broken[:10]:
        _say(console, f"  - {violation.rule}: {violation.message_en}")
        _say(console, f"    {violation.message_nl}")
    if len(outcome.broken) > 10:
        _say(console, f"  ... and {len(outcome.broken) - 10} more / en nog {len(outcome.broken) - 10}")
    status = run.status
    if status == "INFEASIBLE":
        _say(console, "No timetable exists for the changed plan: its hard rules cannot all hold at once.", style="bold")
        _say(console, "Voor het gewijzigde plan bestaat geen rooster: niet alle harde regels kunnen tegelijk gelden.",
             style="bold")
        _print_replan_explanation(console, explanation)
        return
    if outcome.timetable is None:
        if status == "UNKNOWN":
            _say(console, f"No new timetable found within {args.time_limit:g} s; try a longer --time-limit.",
                 style="bold")
            _say(console, f"Binnen {args.time_limit:g} s geen nieuw rooster gevonden; probeer een langere --time-limit.",
                 style="bold")
        else:
            _say(console, f"The solver stopped with status {status}.", style="bold")
            if outcome.outcome is not None and outcome.outcome.result.message:
                _say(console, outcome.outcome.result.message)
        return
    diff = outcome.diff
    if status == "OPTIMAL":
        proof = f"proven minimal ({outcome.proof}) / bewezen minimaal"
    else:
        proof = "not proven minimal within the time limit / niet bewezen minimaal binnen de tijd"
    placed = f"{len(diff.placed)} newly placed, " if getattr(diff, "placed", None) else ""
    _say(console, f"Re-planned in {outcome.seconds:.1f} s / opnieuw gepland: {len(diff.moved)} moved, {placed}"
                  f"{len(diff.teacher_changes)} teacher and {len(diff.room_changes)} room changes, "
                  f"{len(diff.shifts_added)} shifts added, {len(diff.shifts_removed)} removed; {proof}.", style="bold")
    _print_diff(console, diff)
    if outcome.hint_status:
        _say(console, f"Hint (the current timetable) / hint: {outcome.hint_status}")
    _print_written(console, run)


def _print_diff(console: Console, diff) -> None:
    name = lambda lesson, copy: f"{lesson}#{copy}" if copy else lesson  # noqa: E731
    for title, moves in (("Moved lessons / verplaatste lessen", diff.moved),
                         ("Newly placed / nieuw ingeroosterd", getattr(diff, "placed", [])),
                         ("No longer placed / niet meer ingeroosterd", getattr(diff, "unplaced", []))):
        if moves:
            _say(console, f"{title} ({len(moves)}):")
            for move in moves:
                _say(console, f"  {name(move.lesson, move.copy)}: {move.before or '(not placed)'} -> "
                              f"{move.after or '(not placed)'}")
    if diff.teacher_changes:
        _say(console, f"Other teacher / andere docent ({len(diff.teacher_changes)}):")
        for item in diff.teacher_changes:
            _say(console, f"  {name(item['lesson'], item['copy'])}: {item['before'] or '-'} -> {item['after'] or '-'}")
    if diff.room_changes:
        _say(console, f"Other room / ander lokaal ({len(diff.room_changes)}):")
        for item in diff.room_changes:
            _say(console, f"  {name(item['lesson'], item['copy'])}: {item['before'] or '-'} -> {item['after'] or '-'}")
    for title, items in (("Shifts added / diensten erbij", diff.shifts_added),
                         ("Shifts removed / diensten eraf", diff.shifts_removed)):
        if items:
            _say(console, f"{title} ({len(items)}):")
            for item in items:
                _say(console, f"  {item['employer']} {item['staff']}: {item['shift']} {item['day']}")


def _print_written(console: Console, run) -> None:
    if run.timetable_path is not None:
        _say(console, f"Timetable written to / rooster geschreven naar: {run.timetable_path}")
    else:
        _say(console, "Not written (give -o NEW.json) / niet geschreven (geef -o NEW.json).")


def _print_replan_explanation(console: Console, explanation) -> None:
    if explanation is None:
        _say(console, "(No explanation available here / geen uitleg beschikbaar.)")
        return
    if getattr(explanation, "status", "") != "infeasible":
        _say(console, "No short explanation found in time; run `hybrooster explain` on the changed plan "
                      "with a longer --time-limit.")
        return
    _say(console, "Why it cannot fit / waarom het niet past:", style="bold")
    _say(console, explanation.summary_nl)
    for item in explanation.items:
        _say(console, f"  - {item.message_nl}  [{item.rule}]")
    _say(console, explanation.summary_en)
    for item in explanation.items:
        _say(console, f"  - {item.message_en}  [{item.rule}]")


def _cmd_why(args: argparse.Namespace, out: Console, err: Console) -> int:
    report = commands.why_files(plan_path=args.plan, timetable_path=args.timetable, lesson_id=args.lesson,
                                copy=args.copy)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    _say(out, report.summary_en, style="bold")
    _say(out, report.summary_nl, style="bold")
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
        _say(out, f"{title} ({len(items)}):", style="bold")
        for alt in items:
            _say(out, f"  - {alt.summary_en}")
            _say(out, f"    {alt.summary_nl}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: Console, err: Console) -> int:
    sys.stdout.write(json.dumps(commands.json_schema(timetable=args.timetable), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _print_plan_error(err: Console, error: PlanError) -> None:
    head = f"{error.source}: " if error.source else ""
    count = len(error.issues)
    _say(err, f"error: {head}{count} problem(s) in the file / {count} fout(en) in het bestand:")
    for issue in error.issues:
        _say(err, f"  {issue}")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help (0) or a wrong command line (argparse says 2; 2 means infeasible here)
        return EXIT_OK if stop.code in (0, None) else EXIT_ERROR
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    out = Console(soft_wrap=True, highlight=False)
    err = Console(stderr=True, soft_wrap=True, highlight=False)
    try:
        return args.handler(args, out, err)
    except PlanError as error:
        _print_plan_error(err, error)
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say(err, "interrupted / onderbroken")
        return 130
    except Exception as error:  # the one place that turns any failure into a plain message
        if os.environ.get("HYBROOSTER_DEBUG") == "1":
            traceback.print_exc()
        message = str(error) or type(error).__name__
        _say(err, f"error: {message}")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
