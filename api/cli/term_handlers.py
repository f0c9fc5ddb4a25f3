"""The commands of dated weeks: check-term and roster-check (solver/term/, docs/term.md), and the schemas of
their files. Each handler takes (args, out, err) and returns the exit code, as in handlers.py."""

from __future__ import annotations

import argparse
import json
import re
import sys
from contextlib import contextmanager
from datetime import date

from rich.console import Console

from api.cli import handlers
from api.cli.printers import say
from api.cli.term_printers import print_roster_check, print_term
from api.commands import EXIT_ERROR, EXIT_OK, check_same_plan
from solver.domain import Plan, PlanError, Timetable, load_plan, load_timetable
from solver.params import SolveParams

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_monday(text: str) -> date:
    """A week on the command line: the date of its Monday, YYYY-MM-DD."""
    try:
        if not _ISO.match(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD (e.g. 2026-03-02)") from None
    if day.weekday() != 0:
        monday = date.fromordinal(day.toordinal() - day.weekday())
        raise argparse.ArgumentTypeError(f"{text} is a {day.strftime('%A')}; a week is named by its Monday "
                                         f"({monday.isoformat()})")
    return day


def add_parsers(sub, solver_options, edited_plan, plan_and_timetable) -> None:
    """check-term and roster-check, with the option helpers of parser.py."""
    p = sub.add_parser("check-term", help="week by week over a term: the lessons that cannot be taught and the "
                                          "staffing that fails (peak weeks, leave, holidays: --calendar)")
    plan_and_timetable(p)
    p.add_argument("--from", dest="first", required=True, type=iso_monday, metavar="DATE",
                   help="the Monday of the first week (YYYY-MM-DD)")
    p.add_argument("--to", dest="last", required=True, type=iso_monday, metavar="DATE",
                   help="the Monday of the last week (YYYY-MM-DD)")
    p.add_argument("--calendar", default=None, metavar="CAL.json",
                   help="dated exceptions: peak and shutdown weeks and leave per employer, holidays per school "
                        "(docs/term.md; its schema: `hybrooster schema --calendar`)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    edited_plan(p)
    p.set_defaults(handler=check_term)

    p = sub.add_parser("roster-check", help="an employer's proposed roster for one dated week: what it breaks on "
                                            "the merged week, and the smallest repair")
    plan_and_timetable(p)
    p.add_argument("roster", metavar="ROSTER.json",
                   help="the employer's whole roster of that week (docs/term.md; `hybrooster schema --roster`)")
    p.add_argument("--week", required=True, type=iso_monday, metavar="DATE", help="the week's Monday (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print the report and the repair as JSON")
    solver_options(p, 30.0)
    edited_plan(p)
    p.set_defaults(handler=roster_check)


def add_schema_options(parser: argparse.ArgumentParser) -> None:
    """`hybrooster schema --calendar` and `--roster`: the schemas of the files of dated weeks."""
    parser.add_argument("--calendar", action="store_true", help="the schema of a calendar (check-term --calendar)")
    parser.add_argument("--roster", action="store_true", help="the schema of a proposed roster (roster-check)")
    parser.add_argument("--change", action="store_true", help="the schema of a change file (replan --change)")
    parser.set_defaults(handler=schema)


def schema(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.term import Calendar, ProposedRoster

    if args.change:  # the change file of replan (solver/replan/whatif.py)
        from solver.replan.whatif import change_json_schema

        sys.stdout.write(json.dumps(change_json_schema(), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    if args.calendar or args.roster:
        model = Calendar if args.calendar else ProposedRoster
        sys.stdout.write(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    return handlers.schema(args, out, err)


@contextmanager
def _about_the_plan(args: argparse.Namespace):
    """A week that does not fit the plan (--from, --week) is an error about the plan file."""
    try:
        yield
    except PlanError as error:
        if error.source is None:
            error.source = args.plan
        raise


def _load(args: argparse.Namespace) -> tuple[Plan, Timetable]:
    plan = load_plan(args.plan)
    timetable = load_timetable(args.timetable)
    check_same_plan(plan, timetable, plan_path=args.plan, timetable_path=args.timetable, edited_plan=args.edited_plan)
    return plan, timetable


def _print_json(data: dict) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def check_term(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0: nothing fails in any week; 1: something does (or an error)."""
    from solver.term import check_term as check, load_calendar
    from solver.term.week import MAX_TERM_WEEKS

    weeks = (args.last - args.first).days // 7 + 1
    if not 1 <= weeks <= MAX_TERM_WEEKS:
        wrong = f"is before --from {args.first.isoformat()}" if weeks < 1 else \
            f"is {weeks} weeks from --from; at most {MAX_TERM_WEEKS} are checked at once"
        say(err, f"error: --to {args.last.isoformat()} {wrong}")
        return EXIT_ERROR
    plan, timetable = _load(args)
    calendar = load_calendar(args.calendar, plan) if args.calendar else None
    with _about_the_plan(args):
        report = check(plan, timetable, args.first, args.last, calendar)
    if args.json:
        _print_json(report.to_dict())
    else:
        print_term(out, report)
    return EXIT_OK if report.ok else EXIT_ERROR


def roster_check(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Exit 0: the proposed roster breaks nothing; 1: it breaks something (the repair is printed), or an error."""
    from solver.term import dated_week, load_roster, roster_check as check

    plan, timetable = _load(args)
    with _about_the_plan(args):
        week = dated_week(plan, timetable, args.week)
    roster = load_roster(args.roster, week)
    if not args.json:
        say(out, f"Roster of / rooster van {roster.employer}, week of / week van {args.week.isoformat()} ...")
    params = SolveParams(time_limit=args.time_limit, workers=args.workers, seed=args.seed)
    report = check(week, roster, params)
    if args.json:
        _print_json(report.to_dict())
    else:
        print_roster_check(out, report)
    return EXIT_OK if report.ok else EXIT_ERROR
