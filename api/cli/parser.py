"""The command line's grammar: every subcommand, its arguments and the handler it runs."""

from __future__ import annotations

import argparse
import math

from api.cli import batch, handlers, service, term_handlers, untis, views_handlers, workbook, xhstt
from solver.domain.base import MAX_OPTIONS

MAX_SECONDS = 1_000_000.0  # about 11.5 days: more is a typo, and CP-SAT's limits are doubles
MAX_WORKERS = 256  # solver threads: more only costs memory (each CP-SAT worker keeps its own copy of the model)


def _seconds(text: str, *, zero_allowed: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not math.isfinite(value) or value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"must be a number of seconds up to {MAX_SECONDS:,.0f}, not {text}")
    if zero_allowed and value < 0:
        raise argparse.ArgumentTypeError(f"may not be negative, not {text}")
    if not zero_allowed and not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return value


def _positive_seconds(text: str) -> float:
    return _seconds(text)


def _seconds_or_zero(text: str) -> float:
    return _seconds(text, zero_allowed=True)


def _non_negative_int(text: str, most: int = 2**31 - 1) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"may not be negative, not {text}")
    if value > most:
        raise argparse.ArgumentTypeError(f"must be at most {most:,}, not {text}")
    return value


def _workers(text: str) -> int:
    return _non_negative_int(text, MAX_WORKERS)


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text}")
    return value


def _solver_options(parser: argparse.ArgumentParser, time_limit: float) -> None:
    parser.add_argument("--time-limit", type=_positive_seconds, default=time_limit, metavar="S",
                        help=f"stop searching after S seconds (default {time_limit:g})")
    parser.add_argument("--workers", type=_workers, default=0, metavar="N",
                        help="solver threads; 0 = all cores (default 0)")
    parser.add_argument("--seed", type=_non_negative_int, default=0, metavar="K",
                        help="random seed; the same seed with --workers 1 gives the same timetable (default 0)")
    parser.add_argument("--max-options", type=_positive_int, default=MAX_OPTIONS, metavar="N",
                        help="refuse a plan whose model would have more than N lesson options and shifts, before "
                             f"it is built (default {MAX_OPTIONS:,}; docs/limits.md)")


def _edited_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--edited-plan", action="store_true",
                        help="the timetable was made for an earlier version of PLAN.json: use it anyway "
                             "(without this, a timetable of another plan is refused)")


def _plan_and_timetable(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN.json")
    parser.add_argument("timetable", metavar="TIMETABLE.json")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hybrooster",
        description="Plan a school timetable together with the company shifts of hto'ers, "
                    "within the Dutch working-hours law (Arbeidstijdenwet).",
        epilog="exit codes: 0 timetable found / no hard violations, 1 error, 2 no timetable exists, "
               "3 none found in time, 4 invalid model",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_solve_parsers(sub)
    formats = _add_file_format_parsers(sub)
    _add_xhstt_parsers(sub, *formats)
    workbook.add_parsers(sub, *formats)  # the plan workbook (issue 22)
    untis.add_parsers(*formats)  # Untis GPU files (issue 22)
    _add_explain_parser(sub)
    _add_replan_parsers(sub)
    term_handlers.add_parsers(sub, _solver_options, _edited_plan, _plan_and_timetable)  # dated weeks (issue 21)
    views_handlers.add_parsers(sub, _edited_plan, _plan_and_timetable)  # views and .ics for any plan (issue 22)
    batch.add_parsers(sub)  # regional runs (issue 23)
    service.add_parsers(sub)  # the web service and its users (issue 24)
    for name in ("solve", "replan"):
        views_handlers.add_views_option(sub.choices[name])
        sub.choices[name].set_defaults(handler=getattr(views_handlers, name))

    p = sub.add_parser("schema", help="print the JSON Schema of a plan (or of a timetable)")
    p.add_argument("--timetable", action="store_true", help="the Timetable's schema instead of the Plan's")
    p.set_defaults(handler=handlers.schema)
    term_handlers.add_schema_options(p)
    return parser


def _add_solve_parsers(sub) -> None:
    p = sub.add_parser("solve", help="make a timetable for a plan")
    p.add_argument("plan", metavar="PLAN.json", help="the plan to solve")
    p.add_argument("-o", "--out", default="timetable.json", metavar="TIMETABLE.json",
                   help="where to write the timetable (default: timetable.json here)")
    _solver_options(p, 60.0)
    p.set_defaults(handler=handlers.solve)

    p = sub.add_parser("validate", help="check a timetable against a plan")
    _plan_and_timetable(p)
    _edited_plan(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=handlers.validate)

    p = sub.add_parser("demo", help="solve the bundled demo and write readable views")
    p.add_argument("--out", default="hybrooster-demo", metavar="DIR",
                   help="folder for the results (default: ./hybrooster-demo)")
    _solver_options(p, 30.0)
    p.set_defaults(handler=handlers.demo)


def _add_file_format_parsers(sub) -> tuple:
    """`import` and `export` with FET; returns their FORMAT subparsers, for the other formats."""
    p = sub.add_parser("import", help="turn a timetabling file of another program into a plan")
    fmt = imports = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    q = fmt.add_parser("fet", help="a FET file (.fet): its data and constraints (see docs/fet.md)")
    q.add_argument("source", metavar="FILE.fet")
    q.add_argument("-o", "--out", required=True, metavar="PLAN.json",
                   help="the plan to write (a PLAN.fetmap.json for `export fet` is written beside it)")
    q.add_argument("--ignore-unsupported", action="store_true",
                   help="import even if some constraints cannot be stated; print what was left out")
    q.set_defaults(handler=handlers.import_fet)

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
    q.add_argument("--force", action="store_true",
                   help="write the file even if the timetable breaks a 100%% constraint the import left out "
                        "(fet-cl will then reject it)")
    q.set_defaults(handler=handlers.export_fet)
    return imports, fmt


def _add_explain_parser(sub) -> None:
    p = sub.add_parser("explain", help="say why a plan has no timetable: a small set of conflicting rules")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("--json", action="store_true", help="print the items, minimal and seconds as JSON")
    _solver_options(p, 30.0)
    p.set_defaults(handler=handlers.explain, workers=1)  # one worker is fastest for its short tests (explain)


def _add_replan_parsers(sub) -> None:
    p = sub.add_parser("replan", help="re-plan after a change, with as few changes to the current timetable as can be")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("--current", required=True, metavar="TIMETABLE.json", help="the timetable in use now")
    p.add_argument("--change", default=None, metavar="CHANGE.json",
                   help="a change to make first: unavailable_mark, teacher_unavailable, add_lesson, remove_room "
                        "or add_hto (a JSON object with a 'type')")
    p.add_argument("-o", "--out", default=None, metavar="NEW.json",
                   help="where to write the new timetable (default: not written); with --change the changed "
                        "plan is written next to it as NEW.plan.json (without -o: PLAN.changed.json)")
    p.add_argument("--json", action="store_true",
                   help="print still_holds, diff, status and hint_status (and more) as JSON")
    p.add_argument("--polish", type=_seconds_or_zero, default=0.0, metavar="S",
                   help="afterwards, S more seconds to improve the other soft rules, changes kept minimal (default 0)")
    _solver_options(p, 30.0)
    _edited_plan(p)
    p.set_defaults(handler=handlers.replan)

    p = sub.add_parser("why", help="why is this lesson here: every other slot, and why it is worse or forbidden")
    _plan_and_timetable(p)
    p.add_argument("lesson", metavar="LESSON_ID")
    p.add_argument("--copy", type=_non_negative_int, default=0, metavar="K",
                   help="which copy of a lesson given several times a week (default 0)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    _edited_plan(p)
    p.set_defaults(handler=handlers.why)


def _add_xhstt_parsers(sub, imports, exports) -> None:
    """XHSTT-2014 (issue 26, docs/xhstt.md): `import xhstt`, `export xhstt` and `validate-xhstt`."""
    q = imports.add_parser("xhstt", help="an XHSTT-2014 archive (.xml): one instance (see docs/xhstt.md)")
    q.add_argument("source", metavar="FILE.xml")
    q.add_argument("-o", "--out", required=True, metavar="PLAN.json",
                   help="the plan to write; it names FILE.xml and the instance, for export and validate")
    q.add_argument("--instance", default=None, metavar="ID", help="the instance's Id (default: the first)")
    q.add_argument("--ignore-unsupported", action="store_true",
                   help="import even if some constraints cannot be stated; print what was left out")
    q.add_argument("--split", choices=("shortest", "distribute"), default="shortest",
                   help="how each event is cut into lessons: as many as the required SplitEvents allow "
                        "(shortest, the default), or as the DistributeSplitEvents minima ask, soft ones too")
    q.set_defaults(handler=xhstt.import_xhstt)

    q = exports.add_parser("xhstt", help="an XHSTT solution: a SolutionGroup with a Solution for the instance")
    q.add_argument("plan", metavar="PLAN.json", help="a plan made by `hybrooster import xhstt`")
    q.add_argument("timetable", metavar="TIMETABLE.json")
    q.add_argument("-o", "--out", required=True, metavar="SOLUTION.xml")
    q.add_argument("--with-instance", action="store_true",
                   help="copy the instance into the file, so that it alone can go to any XHSTT evaluator")
    q.set_defaults(handler=xhstt.export_xhstt)

    p = sub.add_parser("validate-xhstt", help="the XHSTT costs of the solutions in an XHSTT file, per constraint")
    p.add_argument("instance_file", metavar="FILE.xml", help="the archive holding the instance")
    p.add_argument("solution", nargs="?", default=None, metavar="SOLUTION.xml",
                   help="the file holding the solutions (default: FILE.xml itself)")
    p.add_argument("--instance", default=None, metavar="ID", help="the instance's Id (default: the first of FILE.xml)")
    p.add_argument("--json", action="store_true", help="print the costs as JSON")
    p.set_defaults(handler=xhstt.validate_xhstt)
