"""XHSTT files and plans: the import (an instance as a Plan that remembers where it came from), the
export (a timetable of such a plan as an XHSTT solution) and the XHSTT costs of a timetable or of any
solution file, by the independent evaluator (evaluate.py). What `hybrooster import xhstt`, `export
xhstt`, `validate` and `validate-xhstt` do, without the printing (docs/xhstt.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from solver.domain import Plan, PlanError, Timetable
from solver.domain.base import MAX_FILE_BYTES
from solver.domain.plan import PlanSource

from .evaluate import Evaluation, evaluate
from .model import Instance, Solution, XhsttFormatError
from .reader import read_instance, read_solutions
from .subevents import normalise
from .to_plan import XhsttMappingError, mapping_of, solution_of, to_plan
from .to_plan_rules import Unmapped
from .writer import write_solutions

SPLITS = ("shortest", "distribute")  # to_plan's ways to fix each event's split; the first is the import's default


class XhsttUnsupportedError(ValueError):
    """Constraints the import cannot state; nothing is written unless --ignore-unsupported."""

    def __init__(self, source: str, unsupported: list[Unmapped]):
        self.source = source
        self.unsupported = unsupported
        super().__init__(f"{source}: {len(unsupported)} constraint(s) cannot be imported")


class XhsttSourceError(ValueError):
    """A plan that did not come from an XHSTT file, or whose XHSTT file cannot be found."""


@dataclass
class XhsttImport:
    plan: Plan
    instance: Instance
    unsupported: list[Unmapped] = field(default_factory=list)  # left out with --ignore-unsupported
    notes: list[str] = field(default_factory=list)  # approximations (to_plan)


def check_size(path: str | Path) -> None:
    """Refuse a file above the plan limit before it is parsed (docs/limits.md)."""
    file = Path(path)
    if file.is_file() and file.stat().st_size > MAX_FILE_BYTES:
        raise XhsttFormatError(f"{path}: the file is {file.stat().st_size / 2**20:.0f} MiB; at most "
                               f"{MAX_FILE_BYTES // 2**20} MiB is read (docs/limits.md)")


def import_xhstt(path: str | Path, instance_id: str | None = None, *, ignore_unsupported: bool = False,
                 split: str = SPLITS[0]) -> XhsttImport:
    """The plan of one instance of an XHSTT archive (the first without an id), its `source` naming the
    file and the instance. XhsttFormatError for a file that cannot be read (naming file and line),
    XhsttMappingError for an instance no plan can be made of, XhsttUnsupportedError listing the
    constraints the plan cannot state unless ignore_unsupported, PlanError (naming the file) for a plan
    that does not load."""
    check_size(path)
    ins = read_instance(path, instance_id)
    try:
        mapping = to_plan(ins, split=split)
    except XhsttMappingError as error:
        raise XhsttMappingError(f"{path}, instance {ins.id}: {error}") from None
    except PlanError as error:  # e.g. an event longer than a day, which a lesson cannot be
        raise PlanError(error.issues, f"{path}, instance {ins.id} as a plan") from None
    if mapping.unmapped and not ignore_unsupported:
        raise XhsttUnsupportedError(str(path), mapping.unmapped)
    source = PlanSource(format="xhstt", file=str(Path(path).resolve()), instance=ins.id)
    plan = mapping.plan.model_copy(update={"source": source})
    return XhsttImport(plan=plan, instance=ins, unsupported=mapping.unmapped, notes=mapping.notes)


def plan_json(plan: Plan) -> str:
    """The plan as JSON text (defaults left out, so the file stays readable)."""
    return json.dumps(plan.model_dump(mode="json", exclude_defaults=True), indent=1, ensure_ascii=False) + "\n"


def source_file(plan: Plan, plan_path: str | Path) -> Path:
    """The XHSTT file a plan was imported from: as recorded, else a file of its name beside the plan.
    XhsttSourceError for a plan not imported from XHSTT, or when neither file is there."""
    if plan.source is None or plan.source.format != "xhstt":
        raise XhsttSourceError(f"{plan_path} was not imported from XHSTT (it has no \"source\"); make the plan with "
                               "`hybrooster import xhstt`")
    recorded = Path(plan.source.file)
    beside = Path(plan_path).resolve().parent / recorded.name
    for candidate in (recorded, beside):
        if candidate.is_file():
            return candidate
    raise XhsttSourceError(f"{plan_path}: the XHSTT file it was imported from, {recorded}, is not there (nor "
                           f"{beside})")


def source_instance(plan: Plan, plan_path: str | Path) -> tuple[Path, Instance]:
    """(the XHSTT file, the instance) a plan was imported from (source_file; the reader's errors)."""
    path = source_file(plan, plan_path)
    check_size(path)
    return path, read_instance(path, plan.source.instance)


def timetable_solution(plan: Plan, ins: Instance, timetable: Timetable) -> Solution:
    """The XHSTT solution of a timetable of an imported plan (to_plan.solution_of): every placed copy a
    sub-event with its time and its open roles filled. XhsttMappingError names what does not fit."""
    solution = solution_of(mapping_of(plan, ins), ins, timetable)
    normalise(ins, solution)  # XhsttFormatError for one the instance refuses: it is not written
    return solution


@dataclass
class XhsttCosts:
    """A timetable of an imported plan as XHSTT sees it: the file, the solution and its evaluation."""

    path: Path
    solution: Solution
    evaluation: Evaluation

    def to_dict(self) -> dict:
        return {"file": str(self.path), **evaluation_dict(self.evaluation)}


def timetable_costs(plan: Plan, timetable: Timetable, plan_path: str | Path) -> XhsttCosts:
    """The XHSTT costs of a timetable of a plan imported from XHSTT (XhsttSourceError for another plan):
    its solution as `export xhstt` writes it, evaluated against the instance read again."""
    path, ins = source_instance(plan, plan_path)
    try:
        solution = timetable_solution(plan, ins, timetable)
    except (XhsttMappingError, XhsttFormatError) as error:
        raise XhsttSourceError(f"the timetable does not fit instance {ins.id} of {path}: {error}") from None
    return XhsttCosts(path=path, solution=solution, evaluation=evaluate(ins, solution))


def solution_costs(instance_path: str | Path, solution_path: str | Path | None = None,
                   instance_id: str | None = None) -> tuple[Instance, list[tuple[str, Evaluation]]]:
    """The instance, and (solution group id, evaluation) for each solution of it in solution_path (default:
    the instance's own file). XhsttFormatError if there is none, or one does not fit the instance."""
    check_size(instance_path)
    ins = read_instance(instance_path, instance_id)
    solutions_from = solution_path if solution_path is not None else instance_path
    check_size(solutions_from)
    found = read_solutions(solutions_from, ins)
    if not found and solution_path is None:
        raise XhsttFormatError(f"{instance_path} holds no solution of instance {ins.id}: give the file of the "
                               "solutions after it")
    if not found:
        other = "" if instance_id else f" (the first instance of {instance_path}; another: --instance ID)"
        raise XhsttFormatError(f"{solution_path} holds no solution of instance {ins.id}{other}")
    out = []
    for n, (group, solution) in enumerate(found, start=1):
        try:
            out.append((group, evaluate(ins, solution)))
        except XhsttFormatError as error:
            raise XhsttFormatError(f"{solutions_from}, solution {n} of group {group}: {error}") from None
    return ins, out


def evaluation_dict(ev: Evaluation) -> dict:
    """An evaluation as plain data: the instance, both values, and per constraint its cost and the points
    that deviate (`--json` of validate and validate-xhstt)."""
    return {
        "instance": ev.instance, "infeasibility": ev.infeasibility, "objective": ev.objective,
        "constraints": [
            {"id": c.id, "type": c.constraint.kind, "required": c.required, "weight": c.constraint.weight,
             "cost_function": c.constraint.cost_function, "cost": c.cost,
             "points": [{"point": p.point, "deviation": p.deviation, "cost": p.cost} for p in c.points]}
            for c in ev.constraints
        ],
    }


def write_solution(path: str | Path, costs: XhsttCosts, plan_name: str, *, with_instance: bool = False) -> Path:
    """Write the solution as a SolutionGroup of one Solution (with the instance copied in from its file
    if with_instance, so that the one file can go to any XHSTT evaluator), never half a file."""
    return write_solutions(path, [costs.solution], description=f"A Hybrooster timetable of {plan_name}",
                           instance_from=costs.path if with_instance else None)
