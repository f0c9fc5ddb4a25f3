"""Many regions at once on Dask distributed: units in parallel, a progress bar, resumable, failure-tolerant.

    hybrooster batch brainport rijnmond twente --levers baseline no_vat --out runs/
    hybrooster batch regions/ --scheduler tcp://10.0.0.5:8786

Without `--scheduler` a LocalCluster of `--workers` processes runs on this machine, one thread each,
and each unit's CP-SAT gets the cores divided by the workers (never more threads than its share). With
`--scheduler` the units go to that scheduler's workers, one CP-SAT worker per unit; they get the
region's data and send the files back, so they need no shared disk. Units already finished in OUT (same
inputs) are skipped, so a batch stopped by a crash or Ctrl-C resumes where it was.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from scenarios.regional.levers import DEFAULT_LEVERS, apply_levers, parse_lever
from scenarios.regional.run import RunSettings
from scenarios.regional.units import Unit, failure, finished, inputs_of, load_region, run_unit, write_unit

MODES_FOR_BASELINE = ("joint", "sequential", "fixed_day")  # the three-way comparison runs on the baseline


@dataclass
class BatchOutcome:
    results: list[dict] = field(default_factory=list)  # one per unit, finished ones included
    skipped: list[str] = field(default_factory=list)  # keys already finished before this run
    failed: list[dict] = field(default_factory=list)


def region_sources(items: list[str]) -> list[str]:
    """Presets stay names; a folder gives its *.json files; a file is itself. Unknown items are an error."""
    from scenarios.regions.generate import PRESETS

    out = []
    for item in items:
        path = Path(item)
        if item in PRESETS:
            out.append(item)
        elif path.is_dir():
            found = sorted(str(p) for p in path.glob("*.json"))
            if not found:
                raise ValueError(f"{item}: a folder without region files (*.json)")
            out += found
        elif path.is_file() and path.suffix == ".json":
            out.append(str(path))
        else:
            raise ValueError(f"{item}: neither a region preset ({', '.join(PRESETS)}) nor a region .json file "
                             "or folder")
    return out


def plan_units(regions: list[str], levers: list[str] | None = None, *, seed: int = 1, scale: float = 1.0,
               three_way: bool = True) -> list[Unit]:
    """The units of a batch, each once; two region sources that would share a folder are refused."""
    levers = list(dict.fromkeys(levers or DEFAULT_LEVERS))
    for spec in levers:
        parse_lever(spec)  # a bad lever is refused before anything runs
    sources = list(dict.fromkeys(region_sources(regions)))
    names: dict[str, str] = {}
    for source in sources:
        name = Unit(source, "", "").region_name
        if name in names:
            raise ValueError(f"'{names[name]}' and '{source}' would both be written as region '{name}': rename one")
        names[name] = source
    units = []
    for region in sources:
        for lever in levers:
            modes = MODES_FOR_BASELINE if (three_way and lever == "baseline") else ("joint",)
            units += [Unit(region, lever, mode, seed, scale) for mode in modes]
    return units


def usable_cores() -> int:
    """The cores this process may use (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _client(scheduler: str | None, workers: int):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="20s"), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                           host="127.0.0.1", memory_limit=0)  # loopback only, on a free port; a solve is never
    return Client(cluster), cluster                              # killed for its memory and retried


def _prepare(unit: Unit, settings: RunSettings, loaded: dict) -> tuple[str, str]:
    """The unit's region after its lever, as JSON, and its inputs fingerprint (on the client). `loaded`
    keeps each region read or generated once for all its levers and ways."""
    source = (unit.region, unit.seed, unit.scale)
    if source not in loaded:
        loaded[source] = load_region(unit)
    region = apply_levers(loaded[source], unit.lever)
    region_json = region.model_dump_json()
    return region_json, inputs_of(unit, settings, region_json)


def run_batch(units: list[Unit], out: str | Path, settings: RunSettings = RunSettings(), *,
              scheduler: str | None = None, workers: int = 1,
              on_done: Callable[[dict, int, int], None] | None = None) -> BatchOutcome:
    """Run the units not yet finished in `out` on Dask; `on_done(result, done, total)` after each."""
    out = Path(out).resolve()
    outcome = BatchOutcome()
    pending = []
    loaded: dict = {}
    for unit in units:
        try:
            region_json, inputs = _prepare(unit, settings, loaded)
        except Exception as error:  # a region that cannot be read fails its units, not the batch
            outcome.failed.append(failure(unit, error))
            continue
        done = finished(unit, inputs, out)
        if done is not None:
            outcome.results.append(done)
            outcome.skipped.append(unit.key)
        else:
            pending.append((unit, region_json, inputs))
    total = len(units)
    if on_done is not None:
        for number, result in enumerate(outcome.results + outcome.failed, start=1):
            on_done(result, number, total)
    count = len(outcome.results) + len(outcome.failed)
    if not pending:
        return outcome
    share = 1 if scheduler else max(1, usable_cores() // max(1, workers))
    if settings.deterministic_time is not None:
        share = 1  # one CP-SAT worker: a deterministic limit then gives the same result on any machine
    settings = replace(settings, workers=share)
    from dask.distributed import as_completed

    client, cluster = _client(scheduler, workers)
    try:
        # the biggest regions first (their data is a fair measure of their size): a worker that ends on a
        # small unit waits less for the others, so the cores stay busy to the end
        futures = {client.submit(run_unit, unit, settings, region_json, inputs, key=f"unit-{uuid.uuid4().hex}",
                                 pure=False, priority=len(region_json)): unit for unit, region_json, inputs in pending}
        for future in as_completed(futures):
            unit = futures[future]
            try:
                payload = future.result()
                result = write_unit(out, unit, payload) if "result" in payload else payload
            except Exception as error:  # the worker died, or the folder cannot be written: name the unit, go on
                result = failure(unit, error)
            (outcome.failed if "error" in result else outcome.results).append(result)
            count += 1
            if on_done is not None:
                on_done(result, count, total)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return outcome
