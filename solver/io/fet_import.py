"""Import a FET file (.fet) as a Plan: one school, FET's activities as lessons, FET's constraints
mapped onto the Plan's fields and typed extra constraints. The mapping is in docs/fet.md.

    result = import_fet("school.fet")              # raises FetUnsupportedError if anything is unmapped
    result = import_fet("school.fet", ignore_unsupported=True)
    result.plan, result.mapping, result.unsupported, result.ignored
    write_import(result, "plan.json")              # plan.json + plan.fetmap.json (for the exporter)

An active constraint with weight 100% becomes hard; one with 0 < weight < 100 becomes soft with
`soft_weight(w)`; weight 0 and inactive constraints have no effect in FET and are left out.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from solver.domain import Plan, parse_plan
from solver.gc_pause import collector_paused
from solver.io.fet_builder import Builder, Unsupported
from solver.io.fet_constraints import HANDLERS as TIME_HANDLERS, handle_breaks
from solver.io.fet_room_constraints import HANDLERS as ROOM_HANDLERS
from solver.io.fet_xml import FetFile, FetFormatError, is_active, read_fet, weight_percentage
from solver.timeline import CYCLE_WEEKS, DAYS

SUPPORTED_MODES = ("", "Official")
HANDLERS = {**TIME_HANDLERS, **ROOM_HANDLERS}


@dataclass(frozen=True)
class Dropped:
    type: str
    reason: str
    count: int

    def __str__(self) -> str:
        return f"{self.type} x{self.count}: {self.reason}"


class FetUnsupportedError(ValueError):
    """The FET file uses constraints (or features) the Plan cannot state; lists them all."""

    def __init__(self, source: str, unsupported: list[Dropped]):
        self.source = source
        self.unsupported = unsupported
        lines = "\n".join(f"  - {item}" for item in unsupported)
        total = sum(item.count for item in unsupported)
        super().__init__(
            f"{source}: {total} active constraint(s) or feature(s) cannot be imported "
            f"(use --ignore-unsupported to import without them):\n{lines}"
        )


@dataclass
class FetImport:
    plan: Plan
    mapping: dict
    unsupported: list[Dropped] = field(default_factory=list)
    ignored: list[Dropped] = field(default_factory=list)


def soft_weight(percentage: float) -> int | None:
    """FET weight % -> our weight: None (hard) at 100, else round(-100 * log10(1 - w/100)), at least 1.

    FET reads a weight as the chance that the constraint is respected each time it is checked, so
    99% is ten times as strong as 90%: the cost grows with -log of the failure chance
    (50% -> 30, 90% -> 100, 95% -> 130, 99% -> 200, 99.9% -> 300).
    """
    if percentage >= 100:
        return None
    return max(1, round(-100 * math.log10(1 - percentage / 100)))


def _keeps_same_day_rule(el) -> bool:
    """Min days between with "consecutive if same day": FET keeps that part even at weight 0%."""
    return (el.tag == "ConstraintMinDaysBetweenActivities"
            and (el.findtext("Consecutive_If_Same_Day") or "").strip().lower() == "true")


def mapping_path_for(plan_path: str | Path) -> Path:
    """plan.json -> plan.fetmap.json (the sidecar the exporter reads)."""
    plan_path = Path(plan_path)
    return plan_path.with_name(plan_path.stem + ".fetmap.json")




def _dropped(counter: Counter) -> list[Dropped]:
    return [Dropped(t, reason, n) for (t, reason), n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


@collector_paused
def import_fet(path: str | Path, *, ignore_unsupported: bool = False) -> FetImport:
    """Read a .fet file and map it onto a Plan (see docs/fet.md).

    Raises FetFormatError for an unreadable file, FetUnsupportedError when something active cannot be
    mapped (unless ignore_unsupported), PlanError when the result is not a valid plan.
    """

    fet = read_fet(path)
    b = Builder(fet)
    _check_file_features(fet, b)

    constraints = fet.time_constraints + fet.space_constraints
    for el in constraints:
        if el.tag == "ConstraintBreakTimes" and is_active(el) and weight_percentage(el) > 0:
            try:
                handle_breaks(b, el, soft_weight(weight_percentage(el)))
            except Unsupported as reason:
                b.unsupported[(el.tag, str(reason))] += 1
    b.build_grid()

    for el in constraints:
        if not is_active(el):
            b.ignored[(el.tag, "inactive")] += 1
            continue
        percentage = weight_percentage(el)
        if el.tag == "ConstraintBreakTimes":
            continue
        handler = HANDLERS.get(el.tag)
        if percentage <= 0 and _keeps_same_day_rule(el):
            handler(b, el, 0)  # weight 0: no penalty, but same-day copies stay back to back
            continue
        if percentage <= 0:
            b.ignored[(el.tag, "weight 0%: no effect in FET")] += 1
            continue
        if handler is None:
            b.unsupported[(el.tag, "no Hybrooster rule for this FET constraint type")] += 1
            continue
        try:
            handler(b, el, soft_weight(percentage))
        except Unsupported as reason:
            b.unsupported[(el.tag, str(reason))] += 1

    b.lessons()  # room-dependent checks may add unsupported items
    unsupported = _dropped(b.unsupported)
    if unsupported and not ignore_unsupported:
        raise FetUnsupportedError(str(path), unsupported)
    plan = parse_plan(b.plan_data(), source=str(path))
    return FetImport(plan=plan, mapping=b.mapping(), unsupported=unsupported, ignored=_dropped(b.ignored))


def _check_file_features(fet: FetFile, b: Builder) -> None:
    """Features of the file as a whole that a Plan cannot state."""
    # FET day i is DAYS[i]: more than 7 days make a cycle of several weeks (mon2, tue2, ...)
    if len(fet.days) > len(DAYS):
        b.unsupported[("Days_List", f"{len(fet.days)} days: a Hybrooster cycle has at most {len(DAYS)} "
                                    f"({CYCLE_WEEKS} weeks)")] += 1
        # keep going with the days we have so the rest of the report is complete
        b.days_cut = set(fet.days[len(DAYS):])
        fet.days = fet.days[: len(DAYS)]
        b.day_of = {name: i for i, name in enumerate(fet.days)}
    if fet.mode not in SUPPORTED_MODES:
        b.unsupported[("Mode", f"FET mode '{fet.mode}' (only the official mode is supported)")] += 1
    long = [a for a in fet.activities if a.duration > len(fet.hours)]
    if long:
        b.unsupported[("Activity", "activity longer than a day")] += len(long)
    for act in fet.activities:
        for name in act.students:
            if name not in fet.students:
                raise FetFormatError(f"{fet.path}: activity {act.id} names an unknown students set '{name}'")
        for name in act.teachers:
            if name not in b.teacher_set:
                raise FetFormatError(f"{fet.path}: activity {act.id} names an unknown teacher '{name}'")


def plan_json(result: FetImport) -> str:
    """The imported plan as JSON text (defaults left out, so the file stays readable)."""
    data = result.plan.model_dump(mode="json", exclude_defaults=True)
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def mapping_json(result: FetImport) -> str:
    """The sidecar for the exporter: source file, FET days and hours, our periods -> FET hours, what was left out."""
    mapping = dict(result.mapping)
    mapping["unsupported"] = [vars(d) for d in result.unsupported]
    mapping["ignored"] = [vars(d) for d in result.ignored]
    return json.dumps(mapping, indent=1, ensure_ascii=False) + "\n"


def write_import(result: FetImport, plan_path: str | Path) -> tuple[Path, Path]:
    """Write the plan JSON and its FET mapping sidecar (plan.fetmap.json) next to it (for scripts)."""
    plan_path = Path(plan_path)
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(plan_json(result), encoding="utf-8")
    side = mapping_path_for(plan_path)
    side.write_text(mapping_json(result), encoding="utf-8")
    return plan_path, side
