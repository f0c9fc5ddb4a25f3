"""The Untis commands (issue 22, docs/untis.md): `import untis DIR` and `export untis PLAN TIMETABLE -o DIR`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console

from api.cli.printers import say
from api.commands import EXIT_ERROR, EXIT_OK, check_same_plan
from solver.domain import load_plan
from solver.io.files import check_writable, write_atomic


def _dialect_options(q: argparse.ArgumentParser) -> None:
    q.add_argument("--sep", default=",", help="field separator (Untis default ',')")
    q.add_argument("--quote", default='"', help="text quote (Untis default '\"')")
    q.add_argument("--encoding", default="utf-8", help="file encoding (default utf-8; e.g. cp1252)")


def add_parsers(imports, exports) -> None:
    q = imports.add_parser("untis", help="an Untis export folder: GPU001-005, GPU016 and time.txt (docs/untis.md)")
    q.add_argument("source", metavar="DIR")
    q.add_argument("-o", "--out", required=True, metavar="PLAN.json", help="the plan to write")
    q.add_argument("--grid", default=None, metavar="time.txt",
                   help="the time grid (day, period no., start HHMM, end HHMM); default DIR/time.txt")
    q.add_argument("--on", default=None, metavar="YYYY-MM-DD", type=_iso_date,
                   help="read the lessons whose dates (GPU002 fields 15-16) hold this day, leave out the others; "
                        "without it, lessons with other dates than the rest are refused")
    q.add_argument("--limit-weight", default=None, type=int, metavar="N",
                   help="the teachers' min/max periods a day and max gaps (GPU004) cost N per unit instead of "
                        "being hard")
    _dialect_options(q)
    q.set_defaults(handler=import_untis)

    q = exports.add_parser("untis", help="GPU001 (the timetable), GPU016 (with the hto'ers' company blocks "
                                         "as -3, or -2 where a rotation blocks only some weeks), time.txt and "
                                         "GPU002-005, readable by `import untis`")
    q.add_argument("plan", metavar="PLAN.json")
    q.add_argument("timetable", metavar="TIMETABLE.json")
    q.add_argument("-o", "--out", required=True, metavar="DIR")
    _dialect_options(q)
    q.set_defaults(handler=export_untis)


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _dialect(args: argparse.Namespace):
    from solver.io.untis import Dialect

    for name in ("sep", "quote"):
        if len(getattr(args, name)) != 1:
            raise ValueError(f"--{name} must be one character, not {getattr(args, name)!r}")
    "".encode(args.encoding)  # an unknown encoding is a LookupError before anything is read
    return Dialect(sep=args.sep, quote=args.quote, encoding=args.encoding)


def import_untis(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.io.untis import UntisError, read_untis

    target = check_writable(args.out, inputs=(args.source,))
    if args.limit_weight is not None and args.limit_weight < 0:
        say(err, f"error: --limit-weight must be 0 or more, not {args.limit_weight}")
        return EXIT_ERROR
    try:
        plan = read_untis(args.source, grid=args.grid, dialect=_dialect(args), on=args.on,
                          limit_weight=args.limit_weight)
    except UntisError as error:
        say(err, f"error: {args.source}: {len(error.problems)} problem(s) / probleem/problemen:")
        for problem in error.problems:
            say(err, f"  - {problem}")
        return EXIT_ERROR
    text = json.dumps(plan.model_dump(mode="json", exclude_defaults=True), indent=1, ensure_ascii=False) + "\n"
    write_atomic(target, text)
    couplings = sum(1 for x in plan.lessons if len(x.groups) > 1 or x.co_teachers)
    say(out, f"wrote {target}: {len(plan.lessons)} lessons ({couplings} coupled), {len(plan.teachers)} teachers, "
             f"{len(plan.schools[0].groups)} classes, {len(plan.schools[0].rooms)} rooms, "
             f"{len(plan.constraints)} constraint(s)")
    return EXIT_OK


def export_untis(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.domain.timetable import load_timetable
    from solver.io.untis import write_untis

    plan = load_plan(args.plan)
    timetable = load_timetable(args.timetable)
    check_same_plan(plan, timetable, plan_path=args.plan, timetable_path=args.timetable)  # PlanError: said by main
    unknown = sorted({p.lesson for p in timetable.placements} - {x.id for x in plan.lessons})
    if unknown:
        say(err, f"error: {args.timetable}: lessons not in {args.plan}: {', '.join(unknown[:8])}")
        return EXIT_ERROR
    if not plan.schools:
        say(err, f"error: {args.plan}: no school, so no time grid for Untis")
        return EXIT_ERROR
    weeks = sorted({p.day for p in plan.schools[0].periods if not p.day.isalpha()})
    if weeks:
        say(err, f"error: {args.plan}: schools[0] plans a cycle of several weeks (lesuren on {', '.join(weeks[:3])}); "
                 f"an Untis GPU001 holds one week, so it is not exported (docs/untis.md)")
        return EXIT_ERROR
    check_writable(Path(args.out) / "GPU001.TXT", inputs=(args.plan, args.timetable))
    paths = write_untis(plan, timetable, args.out, _dialect(args))
    say(out, f"wrote {len(paths)} Untis files in {Path(args.out)}")
    return EXIT_OK
