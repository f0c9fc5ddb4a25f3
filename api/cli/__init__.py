"""The `hybrooster` command: solve, validate, explain, demo, import, export, schema.

Exit codes: 0 a timetable was found (validate: no hard violations); 1 an error (a wrong plan file,
a wrong command line, validate: hard violations); 2 no timetable exists for the plan; 3 none was
found within the time limit; 4 the model was invalid (a bug: please report the message).

The package: parser (the arguments), handlers (one per subcommand), printers and replan_printers
(the reports, in English and Dutch), progress (the progress lines and spinner) and xhstt (the XHSTT
commands' handlers and reports).
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

__all__ = ["QuietStdout", "build_parser", "main"]


class QuietStdout:
    """sys.stdout, except that a closed pipe (`hybrooster ... | head`) is no error: from then on the output
    goes to /dev/null and the command carries on, so a timetable is still written and the exit code is
    the command's own."""

    def __init__(self, stream):
        self._stream = stream
        self.pipe_closed = False

    def write(self, text: str) -> int:
        if not self.pipe_closed:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._silence()
        return len(text)

    def flush(self) -> None:
        if not self.pipe_closed:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._silence()

    def _silence(self) -> None:
        self.pipe_closed = True
        try:  # the interpreter flushes stdout at exit: let that go to /dev/null, not to the closed pipe
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    stdout = sys.stdout
    sys.stdout = QuietStdout(stdout)
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()  # what is still buffered meets a closed pipe here, quietly, not at the exit
        sys.stdout = stdout


def _main(argv: list[str] | None) -> int:
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

