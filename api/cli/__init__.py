"""The `hybrooster` command: solve, validate, explain, demo, import, export, schema.

Exit codes: 0 a timetable was found (validate: no hard violations); 1 an error (a wrong plan file,
a wrong command line, validate: hard violations); 2 no timetable exists for the plan; 3 none was
found within the time limit; 4 the model was invalid (a bug: please report the message).

The package: parser (the arguments), handlers (one per subcommand), printers and replan_printers
(the reports, in English and Dutch) and progress (the progress lines and spinner).
"""

from __future__ import annotations

import os
import sys
import traceback

from rich.console import Console

from api.cli.parser import build_parser
from api.cli.printers import print_plan_error, say
from api.commands import EXIT_ERROR, EXIT_OK
from solver.domain import PlanError

EXIT_INTERRUPTED = 130

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help (0) or a wrong command line (argparse says 2; 2 means infeasible here)
        return EXIT_OK if stop.code in (0, None) else EXIT_ERROR
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    out = Console(soft_wrap=True, highlight=False)
    err = Console(stderr=True, soft_wrap=True, highlight=False)
    try:
        return args.handler(args, out, err)
    except PlanError as error:
        print_plan_error(err, error)
        return EXIT_ERROR
    except KeyboardInterrupt:
        say(err, "interrupted / onderbroken")
        return EXIT_INTERRUPTED
    except Exception as error:  # the one place that turns any failure into a plain message
        if os.environ.get("HYBROOSTER_DEBUG") == "1":
            traceback.print_exc()
        message = str(error) or type(error).__name__
        say(err, f"error: {message}")
        return EXIT_ERROR

