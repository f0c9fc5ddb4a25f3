"""One unit of a batch: a region under a lever, solved one way; written to its own folder, resumable.

A unit's folder `OUT/<region>/<lever>/<mode>/` gets, written atomically and last of all `result.json`:
plan.json and timetable.json (the region certified as a whole), and the figures. A unit whose
result.json exists with the same inputs (region source, lever, mode, settings) is finished and skipped.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

from scenarios.regional.kpis import candidate_rows, employer_rows, region_kpis, school_rows
from scenarios.regional.levers import apply_levers
from scenarios.regional.run import RunSettings, run_region
from scenarios.regions.generate import REFERENCE_DATE
from scenarios.regions.checks import check_references
from scenarios.regions.model import Region
from solver.io.files import write_atomic

TODAY = REFERENCE_DATE  # the day routes are judged on: the generator's (a fixed date, so results reproduce)


@dataclass(frozen=True)
class Unit:
    region: str  # a preset name ("brainport") or a region JSON file
    lever: str
    mode: str  # joint | sequential | fixed_day
    seed: int = 1
    scale: float = 1.0

    @property
    def region_name(self) -> str:
        return Path(self.region).stem if self.region.endswith(".json") else self.region

    @property
    def key(self) -> str:
        return f"{self.region_name}/{_safe(self.lever)}/{self.mode}"


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", text).replace(",", "+")


def load_region(unit: Unit) -> Region:
    if unit.region.endswith(".json"):
        from solver.domain.base import PlanError, read_json, validated

        try:
            return validated(Region, read_json(Path(unit.region)), unit.region, check_references)
        except PlanError as error:  # every field path that is wrong, said of a region file
            raise error.about("the region file") from None
    from scenarios.regions.generate import generate_region

    return generate_region(unit.region, seed=unit.seed, scale=unit.scale)


def inputs_of(unit: Unit, settings: RunSettings) -> str:
    """A fingerprint of what the unit's result depends on: a changed input means it is run again."""
    source = Path(unit.region).read_bytes() if unit.region.endswith(".json") else b""
    fixed = {k: v for k, v in asdict(settings).items() if k != "workers"}  # the batch sets workers per machine
    text = json.dumps({"unit": asdict(unit), "settings": fixed,
                       "source": hashlib.sha256(source).hexdigest()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def finished(unit: Unit, settings: RunSettings, out: Path) -> dict | None:
    path = out / unit.key / "result.json"
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return result if result.get("inputs") == inputs_of(unit, settings) else None


def run_unit(unit: Unit, settings: RunSettings, out: str) -> dict:
    """Run one unit and write its folder; never raises: a failure comes back as {"key", "error"}."""
    folder = Path(out) / unit.key
    started = time.perf_counter()
    try:
        from solver.validate import validate

        region = apply_levers(load_region(unit), unit.lever)
        run = run_region(region, unit.mode, settings)
        report = validate(run.plan, run.timetable)
        candidates = candidate_rows(region, run.plan, run.timetable, TODAY)
        employers = employer_rows(region, run.timetable, report)
        result = {
            "key": unit.key, "region": unit.region_name, "region_title": region.name, "lever": unit.lever,
            "mode": unit.mode, "inputs": inputs_of(unit, settings),
            "kpis": region_kpis(region, run, report, candidates, employers),
            "rounds": run.rounds, "schools": school_rows(region, run.plan, run.timetable, run.schools),
            "employers": employers, "candidates": candidates,
            "hard_by_rule": report.hard_by_rule(), "seconds": round(time.perf_counter() - started, 1),
        }
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / "plan.json", run.plan.model_dump_json(exclude_defaults=True, indent=1))
        write_atomic(folder / "timetable.json", run.timetable.model_dump_json(indent=1))
        write_atomic(folder / "result.json", json.dumps(result, indent=1, ensure_ascii=False))
        return result
    except Exception as error:  # one failing unit is reported and does not sink the batch
        return {"key": unit.key, "region": unit.region_name, "lever": unit.lever, "mode": unit.mode,
                "error": str(error) if isinstance(error, ValueError) else f"{type(error).__name__}: {error}",
                "trace": traceback.format_exc(limit=6)}
