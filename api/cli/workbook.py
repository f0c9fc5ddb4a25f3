"""The workbook commands (issue 22): `import xlsx|csv`, `export xlsx|csv` and `template`."""

from __future__ import annotations

import argparse

from rich.console import Console

from api import workbook_commands as commands
from api.cli.printers import say
from api.commands import EXIT_ERROR, EXIT_OK


def add_parsers(sub, imports, exports) -> None:
    q = imports.add_parser("xlsx", help="a plan workbook (.xlsx, see docs/workbook.md and `hybrooster template`)")
    q.add_argument("source", metavar="FILE.xlsx")
    q.add_argument("-o", "--out", required=True, metavar="PLAN.json", help="the plan to write")
    q.set_defaults(handler=import_xlsx)

    q = exports.add_parser("xlsx", help="a plan as a workbook, to edit in Excel or LibreOffice")
    q.add_argument("plan", metavar="PLAN.json")
    q.add_argument("-o", "--out", required=True, metavar="PLAN.xlsx")
    q.set_defaults(handler=export_xlsx)

    q = imports.add_parser("csv", help="the workbook's sheets as a folder of CSV files (Lessen.csv, ...; ';' or ',')")
    q.add_argument("source", metavar="DIR")
    q.add_argument("-o", "--out", required=True, metavar="PLAN.json", help="the plan to write")
    q.set_defaults(handler=import_xlsx, csv=True)

    q = exports.add_parser("csv", help="a plan as a folder of CSV files, one per sheet (';', UTF-8 with BOM)")
    q.add_argument("plan", metavar="PLAN.json")
    q.add_argument("-o", "--out", required=True, metavar="DIR")
    q.set_defaults(handler=export_csv)

    p = sub.add_parser("template", help="an empty plan workbook with its headers and explanation (Uitleg)")
    p.add_argument("-o", "--out", required=True, metavar="PLAN.xlsx")
    p.add_argument("--example", action="store_true", help="fill it with the demo plan")
    p.set_defaults(handler=template)


def import_xlsx(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.io.workbook import WorkbookError

    try:
        path, plan = commands.import_xlsx_file(xlsx_path=args.source, out_path=args.out,
                                               csv=getattr(args, "csv", False))
    except WorkbookError as error:
        say(err, f"error: {args.source}: {len(error.problems)} problem(s) / probleem/problemen:")
        for problem in error.problems:
            say(err, f"  - {problem}")
        return EXIT_ERROR
    say(out, f"wrote {path}: {len(plan.lessons)} lessons, {len(plan.teachers)} teachers, "
             f"{len(plan.employers)} employers, {len(plan.htos)} hto'ers")
    return EXIT_OK


def export_xlsx(args: argparse.Namespace, out: Console, err: Console) -> int:
    path = commands.export_xlsx_file(plan_path=args.plan, out_path=args.out)
    say(out, f"wrote {path}")
    return EXIT_OK


def export_csv(args: argparse.Namespace, out: Console, err: Console) -> int:
    paths = commands.export_csv_folder(plan_path=args.plan, out_dir=args.out)
    say(out, f"wrote {len(paths)} CSV files in {paths[0].parent}")
    return EXIT_OK


def template(args: argparse.Namespace, out: Console, err: Console) -> int:
    plan_path = str(commands.DEMO_PLAN_PATH) if args.example else None
    path = commands.export_xlsx_file(plan_path=plan_path, out_path=args.out)
    say(out, f"wrote {path}" + (" (the demo plan as an example)" if args.example else " (empty template)"))
    return EXIT_OK
