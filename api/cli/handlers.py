"""One handler per subcommand: call api.commands with the parsed arguments, print, return the exit code.

Each takes (args, out, err): the parsed command line, and the consoles for stdout and stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Protocol

from rich.console import Console

from api import commands, format_commands
from api.cli.printers import (
    print_explanation, print_fet_export, print_fet_import, print_fet_unsupported, print_no_timetable, print_summary,
    print_validation, print_why, say,
)
from api.cli import xhstt
from api.cli.progress import ProgressView
from api.cli.replan_printers import print_replan
from api.commands import EXIT_ERROR, EXIT_INFEASIBLE, EXIT_OK, EXIT_UNKNOWN
from solver.domain import Plan, load_plan
from solver.params import SolveParams

EXPLAIN_AFTER_SOLVE_LIMIT = 30.0  # seconds at most for the explanation after an infeasible solve or re-plan


class _Report(Protocol):
    def to_dict(self) -> dict: ...


def _params(args: argparse.Namespace, progress: ProgressView | None = None) -> SolveParams:
    """The solve settings of the command line (--time-limit, --workers, --seed), reporting to `progress`."""
    return SolveParams(time_limit=args.time_limit, workers=args.workers, seed=args.seed, on_progress=progress,
                       on_stage=progress.stage if progress is not None else None)


def _explain_params(args: argparse.Namespace) -> SolveParams:
    """For the explanation after an infeasible solve or re-plan: one worker (explain is fastest on one),
    the same seed, and the command's time limit up to EXPLAIN_AFTER_SOLVE_LIMIT."""
    return SolveParams(time_limit=min(args.time_limit, EXPLAIN_AFTER_SOLVE_LIMIT), workers=1, seed=args.seed)


def _print_json(data: dict) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")  # main makes a closed pipe quiet


def _json_or_text(args: argparse.Namespace, out: Console, report: _Report, print_text: Callable[..., None],
                  *more: object) -> None:
    """With --json the report's to_dict() on stdout, else print_text(out, report, *more)."""
    if args.json:
        _print_json(report.to_dict())
    else:
        print_text(out, report, *more)


BIG_PLAN = 100_000  # lesson options from which `solve` says what it is building before it starts


def _say_size(out: Console, plan: Plan, args: argparse.Namespace) -> None:
    """Check the size before anything is built (PlanError above --max-options); for a big plan say what
    is being built, so that the minutes of building are not silent."""
    size = commands.check_size(plan, args.max_options, args.plan)
    if size.total >= BIG_PLAN:
        say(out, f"Building the model / model bouwen: {len(plan.lessons):,} lessons, about {size.total:,} "
                 f"lesson options and shifts (limit --max-options {args.max_options:,}) ...")


def solve(args: argparse.Namespace, out: Console, err: Console) -> int:
    plan = load_plan(args.plan)
    commands.check_writable(args.out, inputs=(args.plan,))  # before the solve: its time is not lost
    _say_size(out, plan, args)
    with ProgressView(out, args.time_limit) as progress:
        run = commands.solve_to_file(plan=plan, out_path=args.out, params=_params(args, progress),
                                     max_options=args.max_options, plan_path=args.plan)
    if run.timetable is None:
        print_no_timetable(out, run, args.time_limit)
        if run.result.status == "INFEASIBLE":
            _explain_after_solve(out, plan, args)
        return run.exit_code
    print_summary(out, run)
    say(out, f"Timetable written to / rooster geschreven naar: {run.timetable_path}")
    return EXIT_OK


def _explain_after_solve(out: Console, plan: Plan, args: argparse.Namespace) -> None:
    """After `solve` found no timetable: explain, within the same time limit (at most 30 s)."""
    params = _explain_params(args)
    explanation = commands.explain_plan(plan=plan, params=params, max_options=args.max_options)
    if explanation.status == "infeasible":
        print_explanation(out, explanation, params.time_limit)
    else:
        say(out, f"Run `hybrooster explain {args.plan}` to see why (with a longer --time-limit).")


def demo(args: argparse.Namespace, out: Console, err: Console) -> int:
    with ProgressView(out, args.time_limit) as progress:
        run = commands.run_demo(out_dir=args.out, params=_params(args, progress))
    say(out, f"Demo plan / demoplan: {run.plan_path}")
    if run.timetable is None:
        print_no_timetable(out, run, args.time_limit)
        return run.exit_code
    print_summary(out, run)
    say(out, f"Timetable / rooster: {run.timetable_path}")
    say(out, "Readable views / leesbare overzichten:")
    for path in run.view_paths:
        say(out, f"  {path}")
    return EXIT_OK


def validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 1 for hard violations, and for a plan imported from XHSTT also for an infeasibility value above 0."""
    plan, timetable, report = commands.validate_files(plan_path=args.plan, timetable_path=args.timetable,
                                                      edited_plan=args.edited_plan)
    costs, problem = xhstt.xhstt_part(args, plan, timetable)
    if args.json:
        data = report.to_dict()
        if costs is not None or problem is not None:
            data["xhstt"] = costs.to_dict() if costs is not None else {"error": problem}
        _print_json(data)
    else:
        say(out, f"{args.timetable} against the plan / tegen het plan {args.plan}:")
        print_validation(out, report, plan.policy)
        if costs is not None or problem is not None:
            xhstt.print_xhstt_costs(out, err, costs, problem)
    hard = report.hard_violations + (costs.evaluation.infeasibility if costs is not None else 0)
    return EXIT_OK if hard == 0 else EXIT_ERROR


def import_fet(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.io.fet_import import FetUnsupportedError

    try:
        run = format_commands.import_fet_file(fet_path=args.source, out_path=args.out,
                                       ignore_unsupported=args.ignore_unsupported)
    except FetUnsupportedError as error:
        print_fet_unsupported(err, error.source, error.unsupported)
        return EXIT_ERROR
    print_fet_import(out, run)
    return EXIT_OK


def export_fet(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.io.fet_export import FetDroppedBrokenError

    try:
        path, export = format_commands.export_fet_file(plan_path=args.plan, timetable_path=args.timetable,
                                                out_path=args.out, fet_path=args.fet, keep_soft=not args.hard_only,
                                                force=args.force)
    except FetDroppedBrokenError as error:
        say(err, f"error: {args.timetable}: {error}")
        return EXIT_ERROR
    print_fet_export(out, err, export, path)
    return EXIT_OK


def explain(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0: the plan has a timetable; 2: it has none, explained; 3: no answer within the time limit."""
    explanation = commands.explain_file(plan_path=args.plan, params=_params(args), max_options=args.max_options)
    _json_or_text(args, out, explanation, print_explanation, args.time_limit)
    return {"feasible": EXIT_OK, "infeasible": EXIT_INFEASIBLE}.get(explanation.status, EXIT_UNKNOWN)


def replan(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0: re-planned (or the current timetable still holds); 2: the changed plan has no timetable;
    3: none found within the time limit; 4: invalid model."""
    run = commands.replan_files(plan_path=args.plan, current_path=args.current, change_path=args.change,
                                out_path=args.out, params=_params(args), polish_seconds=args.polish,
                                max_options=args.max_options, edited_plan=args.edited_plan)
    explanation = None
    if run.status == "INFEASIBLE":
        explanation = commands.explain_plan(plan=run.plan, params=_explain_params(args), max_options=None)
    if args.json:
        data = run.to_dict()
        if explanation is not None:
            data["explanation"] = explanation.to_dict()
        _print_json(data)
    else:
        print_replan(out, run, args.time_limit, explanation)
    return run.exit_code


def why(args: argparse.Namespace, out: Console, err: Console) -> int:
    report = commands.why_files(plan_path=args.plan, timetable_path=args.timetable, lesson_id=args.lesson,
                                copy=args.copy, edited_plan=args.edited_plan)
    _json_or_text(args, out, report, print_why)
    return EXIT_OK


def schema(args: argparse.Namespace, out: Console, err: Console) -> int:
    _print_json(commands.json_schema(timetable=args.timetable))
    return EXIT_OK
