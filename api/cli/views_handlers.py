"""The commands of readable outputs for any plan (issue 22): `views` (HTML, Markdown, CSV, XLSX) and `ics` (a person's
merged week as calendar events), and `--views DIR` for solve and replan. Each handler takes (args, out, err)
and returns the exit code, as in handlers.py."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from rich.console import Console

from api import commands
from api.cli import handlers
from api.cli.printers import say
from api.commands import EXIT_ERROR, EXIT_OK

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(text: str) -> date:
    """A day on the command line, YYYY-MM-DD."""
    try:
        if not _ISO.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD (e.g. 2026-08-31)") from None


def add_parsers(sub, edited_plan, plan_and_timetable) -> None:
    """views and ics, with the option helpers of parser.py."""
    p = sub.add_parser("views", help="write the readable views (HTML, Markdown, CSV, XLSX) of a plan and its timetable")
    plan_and_timetable(p)
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write them into")
    edited_plan(p)
    p.set_defaults(handler=views)

    p = sub.add_parser("ics", help="a person's merged week (shifts, lessons, travel) as calendar events (.ics), "
                                   "dated week by week over a range")
    plan_and_timetable(p)
    p.add_argument("--person", required=True, metavar="ID", help="an hto'er id, a teacher id or a staff id")
    p.add_argument("--from", dest="first", required=True, type=iso_date, metavar="DATE",
                   help="the first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="last", required=True, type=iso_date, metavar="DATE",
                   help="the last day, included (YYYY-MM-DD)")
    p.add_argument("--calendar", default=None, metavar="CAL.json",
                   help="holidays, shutdown weeks and leave (docs/term.md; `hybrooster schema --calendar`)")
    p.add_argument("-o", "--out", required=True, metavar="FILE.ics", help="where to write the calendar")
    edited_plan(p)
    p.set_defaults(handler=ics)


def add_views_option(parser: argparse.ArgumentParser) -> None:
    """`--views DIR` for solve and replan."""
    parser.add_argument("--views", default=None, metavar="DIR",
                        help="also write the readable views (HTML, Markdown, CSV, XLSX) of the timetable into DIR")


def views(args: argparse.Namespace, out: Console, err: Console) -> int:
    written = commands.views_files(plan_path=args.plan, timetable_path=args.timetable, out_dir=args.out,
                                   edited_plan=args.edited_plan)
    _say_written(out, written)
    return EXIT_OK


def _say_written(out: Console, written: list[Path]) -> None:
    say(out, "Readable views / leesbare overzichten:")
    for path in written:
        say(out, f"  {path}")


def solve(args: argparse.Namespace, out: Console, err: Console) -> int:
    """solve, and with --views the views of the timetable (the folder checked before the solve)."""
    if args.views is not None:
        commands.check_views_dir(args.views, inputs=(args.plan, args.out))
    code = handlers.solve(args, out, err)
    if args.views is not None and code == EXIT_OK:
        from solver.domain import load_plan, load_timetable
        from solver.io.views import write_views

        _say_written(out, write_views(load_plan(args.plan), load_timetable(args.out), args.views))
    return code


def replan(args: argparse.Namespace, out: Console, err: Console) -> int:
    """replan, and with --views the views of the new timetable against the (changed) plan."""
    if args.views is None:
        return handlers.replan(args, out, err)
    if args.out is None:
        say(err, "error: --views needs -o NEW.json (the views are of the timetable written there)")
        return EXIT_ERROR
    inputs = tuple(p for p in (args.plan, args.current, args.change, args.out) if p is not None)
    commands.check_views_dir(args.views, inputs=inputs)
    code = handlers.replan(args, out, err)
    target = Path(args.out)
    if code == EXIT_OK and target.is_file():
        from solver.domain import load_plan, load_timetable
        from solver.io.views import write_views

        changed = commands.changed_plan_path(args.plan, args.out) if args.change is not None else None
        plan = load_plan(changed if changed is not None and Path(changed).is_file() else args.plan)
        written = write_views(plan, load_timetable(target), args.views)
        if not args.json:
            _say_written(out, written)
    return code


def ics(args: argparse.Namespace, out: Console, err: Console) -> int:
    from api.cli.term_handlers import _about_the_plan, _load
    from solver.io.ics import MAX_DAYS, person_calendar
    from solver.term import load_calendar

    days = (args.last - args.first).days + 1
    if not 1 <= days <= MAX_DAYS:
        wrong = f"is before --from {args.first.isoformat()}" if days < 1 else \
            f"is {days} days from --from; at most {MAX_DAYS} are written at once"
        say(err, f"error: --to {args.last.isoformat()} {wrong}")
        return EXIT_ERROR
    target = commands.check_writable(args.out, inputs=tuple(p for p in (args.plan, args.timetable, args.calendar) if p))
    plan, timetable = _load(args)
    calendar = load_calendar(args.calendar, plan) if args.calendar else None
    with _about_the_plan(args):
        result = person_calendar(plan, timetable, args.person, args.first, args.last, calendar)
    from solver.io.files import write_atomic

    write_atomic(target, result.to_ical())
    say(out, f"{result.title}: {len(result.events)} events / afspraken, {args.first.isoformat()} .. "
             f"{args.last.isoformat()}")
    for line in result.summary_lines():
        say(out, f"  {line}")
    say(out, f"Calendar written to / agenda geschreven naar: {target}")
    return EXIT_OK
