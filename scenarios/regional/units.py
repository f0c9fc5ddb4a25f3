"""One unit of a batch: a region under a lever, planned one way; written to its own folder, resumable.

The client (batch.py) loads each region (a preset is generated, a file read and checked), applies the
lever, and fingerprints the unit's inputs: the region's data after the lever, the way, the settings and
the code (solver/ and scenarios/). A worker gets the region's data, plans it and sends back the files;
the client writes them into `OUT/<region>/<lever>/<mode>/`, `result.json` last and atomically. So a
worker on another machine needs no shared disk, and a unit whose `result.json` holds the same inputs
fingerprint is finished and skipped: a stopped batch resumes, and a changed input runs again.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from scenarios.regional.kpis import candidate_rows, employer_rows, region_kpis, school_rows
from scenarios.regional.run import RunSettings, run_region
from scenarios.regions.checks import check_references
from scenarios.regions.generate import REFERENCE_DATE
from scenarios.regions.model import Region
from solver.io.files import write_atomic

TODAY = REFERENCE_DATE  # the day routes are judged on: the generator's (a fixed date, so results reproduce)
ROOT = Path(__file__).resolve().parents[2]


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
    """A lever as a folder name: `compensation=20,elasticity=1.0` -> `compensation=20+elasticity=1.0`."""
    return re.sub(r"[^A-Za-z0-9_.=+-]+", "_", text.replace(",", "+"))


def load_region(unit: Unit) -> Region:
    """The unit's region before its lever: generated from the preset, or read from its file and checked
    (every wrong field and reference named, said of the region file)."""
    if unit.region.endswith(".json"):
        from solver.domain.base import PlanError, read_json, validated

        try:
            return validated(Region, read_json(Path(unit.region)), unit.region, check_references)
        except PlanError as error:
            raise error.about("the region file") from None
    from scenarios.regions.generate import generate_region

    return generate_region(unit.region, seed=unit.seed, scale=unit.scale)


# What only presents or orchestrates results: a change there does not make finished units run again.
NOT_RESULTS = {"report.py", "batch.py"}


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The code a result depends on: every source and table file of solver/ and scenarios/ (the report and
    the batch's orchestration left out)."""
    digest = hashlib.sha256()
    for folder in ("solver", "scenarios"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.name in NOT_RESULTS and path.parent.name == "regional":
                continue
            if path.suffix in (".py", ".csv", ".json") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def inputs_of(unit: Unit, settings: RunSettings, region_json: str) -> str:
    """A fingerprint of everything the unit's result depends on; a changed one means the unit runs again."""
    fixed = {k: v for k, v in asdict(settings).items() if k != "workers"}  # the batch sets workers per machine
    text = json.dumps({"unit": asdict(unit) | {"region": unit.region_name}, "settings": fixed,
                       "region": hashlib.sha256(region_json.encode()).hexdigest(), "code": code_fingerprint()},
                      sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def finished(unit: Unit, inputs: str, out: Path) -> dict | None:
    path = out / unit.key / "result.json"
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return result if result.get("inputs") == inputs and "kpis" in result else None


def failure(unit: Unit, error: BaseException) -> dict:
    """A failed unit as the batch reports it: what went wrong in words, the trace for a developer."""
    words = str(error) if isinstance(error, ValueError) else f"{type(error).__name__}: {error}"
    return {"key": unit.key, "region": unit.region_name, "lever": unit.lever, "mode": unit.mode,
            "error": words, "trace": traceback.format_exc(limit=6)}


def run_unit(unit: Unit, settings: RunSettings, region_json: str, inputs: str) -> dict:
    """Plan one unit (on a worker); never raises. Returns {"result", "files"} (the files by name, to be
    written by the client) or a failure {"key", "error"}."""
    started = time.perf_counter()
    try:
        from solver.io.views import write_views
        from solver.validate import validate

        region = Region.model_validate_json(region_json)
        run = run_region(region, unit.mode, settings)
        report = validate(run.plan, run.timetable)
        candidates = candidate_rows(region, run.plan, run.timetable, TODAY)
        employers = employer_rows(region, run.timetable, report)
        result = {
            "key": unit.key, "region": unit.region_name, "region_title": region.name, "lever": unit.lever,
            "mode": unit.mode, "inputs": inputs,
            "kpis": region_kpis(region, run, report, candidates, employers),
            "rounds": run.rounds, "schools": school_rows(region, run.plan, run.timetable, run.schools),
            "employers": employers, "candidates": candidates,
            "hard_by_rule": report.hard_by_rule(), "seconds": round(time.perf_counter() - started, 1),
        }
        files: dict[str, str | bytes] = {
            "plan.json": run.plan.model_dump_json(exclude_defaults=True, indent=1),
            "timetable.json": run.timetable.model_dump_json(indent=1),
        }
        with tempfile.TemporaryDirectory() as views:  # every school's grids, every employer, every hto'er's week
            for path in write_views(run.plan, run.timetable, views):
                files[f"views/{path.name}"] = path.read_bytes()
        return {"result": result, "files": files}
    except Exception as error:  # one failing unit is reported and does not sink the batch
        return failure(unit, error)


def write_unit(out: Path, unit: Unit, payload: dict) -> dict:
    """Write a unit's files into its folder, result.json last; returns the result."""
    folder = out / unit.key
    for name, data in payload["files"].items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, data)
    write_atomic(folder / "result.json", json.dumps(payload["result"], indent=1, ensure_ascii=False))
    return payload["result"]
