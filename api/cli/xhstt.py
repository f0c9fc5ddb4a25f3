"""XHSTT on the command line (issue 26): `import xhstt`, `export xhstt`, `validate-xhstt`, and the XHSTT
costs `validate` adds for a plan imported from XHSTT; handlers and their printers (docs/xhstt.md)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from rich.console import Console

from api import format_commands
from api.cli.printers import say
from api.commands import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from solver.io.xhstt.evaluate import Evaluation
    from solver.io.xhstt.plan_files import XhsttCosts
    from solver.io.xhstt.to_plan_rules import Unmapped

POINTS_SHOWN = 5  # deviating points named per constraint in the text report


def import_xhstt(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.io.xhstt.plan_files import XhsttUnsupportedError

    try:
        path, result = format_commands.import_xhstt_file(xml_path=args.source, out_path=args.out, instance_id=args.instance,
                                                  ignore_unsupported=args.ignore_unsupported, split=args.split)
    except XhsttUnsupportedError as error:
        say(err, f"error: {error.source}: {len(error.unsupported)} constraint(s) cannot be imported / "
                 "kunnen niet worden geïmporteerd:")
        _print_unmapped(err, error.unsupported)
        say(err, "Nothing was written. Use --ignore-unsupported to import without them.")
        return EXIT_ERROR
    plan = result.plan
    school = plan.schools[0]
    say(out, f"Imported / geïmporteerd: instance {result.instance.id}: {len(plan.lessons)} lessons, "
             f"{len(plan.teachers)} teachers, {len(school.groups)} groups, {len(school.rooms)} rooms, "
             f"{len(school.periods)} periods, {len(plan.constraints)} extra constraints")
    if result.unsupported:
        say(out, f"Left out (--ignore-unsupported) / weggelaten: {len(result.unsupported)}", style="bold")
        _print_unmapped(out, result.unsupported)
    if result.notes:
        say(out, f"Approximations / benaderingen: {len(result.notes)}")
        for note in result.notes:
            say(out, f"  {note}")
    say(out, f"Plan written to / plan geschreven naar: {path}")
    return EXIT_OK


def _print_unmapped(console: Console, items: list[Unmapped]) -> None:
    for item in items:
        say(console, f"  {item.constraint} ({item.kind}): {item.reason}")


def export_xhstt(args: argparse.Namespace, out: Console, err: Console) -> int:
    path, costs = format_commands.export_xhstt_file(plan_path=args.plan, timetable_path=args.timetable, out_path=args.out,
                                             with_instance=args.with_instance)
    ev = costs.evaluation
    say(out, f"XHSTT solution of instance {ev.instance}: infeasibility {ev.infeasibility}, objective {ev.objective}")
    say(out, f"Solution written to / oplossing geschreven naar: {path}")
    return EXIT_OK


def validate_xhstt(args: argparse.Namespace, out: Console, err: Console) -> int:
    from solver.io.xhstt.plan_files import evaluation_dict, solution_costs

    ins, found = solution_costs(args.instance_file, args.solution, args.instance)
    if args.json:
        data = {"instance": ins.id, "solutions": [{"group": group, **evaluation_dict(ev)} for group, ev in found]}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        for n, (group, ev) in enumerate(found, start=1):
            say(out, f"Solution {n} (group {group}) of instance {ins.id} / oplossing {n}:", style="bold")
            print_evaluation(out, ev)
    return EXIT_OK if all(ev.infeasibility == 0 for _, ev in found) else EXIT_ERROR


def xhstt_part(args: argparse.Namespace, plan, timetable) -> tuple[XhsttCosts | None, str | None]:
    """For `validate`: the XHSTT costs of a plan imported from XHSTT (None for another plan), or why they
    could not be computed (the plan's own report is printed all the same)."""
    from solver.io.xhstt.model import XhsttFormatError
    from solver.io.xhstt.plan_files import XhsttSourceError

    try:
        return format_commands.xhstt_costs(plan=plan, timetable=timetable, plan_path=args.plan), None
    except (XhsttSourceError, XhsttFormatError) as error:
        return None, str(error)


def print_xhstt_costs(out: Console, err: Console, costs: XhsttCosts | None, problem: str | None) -> None:
    """After validate's own report: the XHSTT costs, or why there are none."""
    if problem is not None:
        say(err, f"warning: no XHSTT costs / geen XHSTT-kosten: {problem}")
        return
    say(out, f"XHSTT, instance {costs.evaluation.instance} of {costs.path} (the timetable as `export xhstt` writes "
             "it, by the XHSTT evaluator):", style="bold")
    print_evaluation(out, costs.evaluation)


def print_evaluation(console: Console, ev: Evaluation) -> None:
    """Both values, then each constraint that costs something with its points, then how many cost nothing."""
    style = "bold red" if ev.infeasibility else None
    say(console, f"  Infeasibility value / onhaalbaarheid (hard): {ev.infeasibility}", style=style)
    say(console, f"  Objective value / doelwaarde (soft): {ev.objective}")
    costly = [c for c in ev.constraints if c.cost]
    for c in sorted(costly, key=lambda c: (not c.required, -c.cost)):
        k = c.constraint
        shown = ", ".join(f"{p.point} {p.deviation}" for p in c.points[:POINTS_SHOWN])
        more = f" (+{len(c.points) - POINTS_SHOWN} more / meer)" if len(c.points) > POINTS_SHOWN else ""
        say(console, f"    {c.id} ({k.kind}, {'hard' if c.required else 'soft'}, {k.cost_function}, weight {k.weight}): "
                     f"{c.cost}; deviations / afwijkingen: {shown}{more}")
    free = len(ev.constraints) - len(costly)
    en = "1 other constraint costs" if free == 1 else f"{free} other constraints cost"
    nl = "1 andere eis kost" if free == 1 else f"{free} andere eisen kosten"
    say(console, f"    {en} 0 / {nl} 0")
