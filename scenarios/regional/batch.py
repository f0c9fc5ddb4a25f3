"""Many regions at once on Dask distributed: units in parallel, a progress bar, resumable, failure-tolerant.

    hybrooster batch brainport rijnmond twente --levers baseline no_vat --out runs/
    hybrooster batch regions/ --scheduler tcp://10.0.0.5:8786

Without `--scheduler` a LocalCluster of `--workers` processes runs on this machine, one thread each,
and each unit's CP-SAT gets the cores divided by the workers (never more threads than its share). With
`--scheduler` the units go to that scheduler's workers, one CP-SAT worker per unit. Units already
finished in OUT (same inputs) are skipped, so a batch stopped by a crash or Ctrl-C resumes where it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from scenarios.regional.levers import DEFAULT_LEVERS, parse_lever
from scenarios.regional.run import RunSettings
from scenarios.regional.units import Unit, finished, run_unit

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
    levers = levers or DEFAULT_LEVERS
    for spec in levers:
        parse_lever(spec)  # a bad lever is refused before anything runs
    units = []
    for region in region_sources(regions):
        for lever in levers:
            modes = MODES_FOR_BASELINE if (three_way and lever == "baseline") else ("joint",)
            units += [Unit(region, lever, mode, seed, scale) for mode in modes]
    return units


def _client(scheduler: str | None, workers: int):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="20s"), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                           host="127.0.0.1")  # loopback only, on a free port
    return Client(cluster), cluster


def run_batch(units: list[Unit], out: str | Path, settings: RunSettings = RunSettings(), *,
              scheduler: str | None = None, workers: int = 1,
              on_done: Callable[[dict, int, int], None] | None = None) -> BatchOutcome:
    """Run the units not yet finished in `out` on Dask; `on_done(result, done, total)` after each."""
    out = Path(out)
    outcome = BatchOutcome()
    todo = []
    for unit in units:
        done = finished(unit, settings, out)
        if done is not None:
            outcome.results.append(done)
            outcome.skipped.append(unit.key)
        else:
            todo.append(unit)
    total, count = len(units), len(outcome.results)
    if on_done is not None:
        for number, result in enumerate(outcome.results, start=1):
            on_done(result, number, total)
    if not todo:
        return outcome
    share = 1 if scheduler else max(1, (os.cpu_count() or 1) // max(1, workers))
    if settings.deterministic_time is not None:
        share = 1  # one CP-SAT worker: a deterministic limit then gives the same result on any machine
    settings = replace(settings, workers=share)
    from dask.distributed import as_completed

    client, cluster = _client(scheduler, workers)
    try:
        futures = [client.submit(run_unit, unit, settings, str(out), key=f"unit-{unit.key}-{id(unit)}", pure=False)
                   for unit in todo]
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as error:  # the worker itself died: name the unit, go on
                unit = todo[futures.index(future)]
                result = {"key": unit.key, "region": unit.region_name, "lever": unit.lever, "mode": unit.mode,
                          "error": f"{type(error).__name__}: {error}"}
            (outcome.failed if "error" in result else outcome.results).append(result)
            count += 1
            if on_done is not None:
                on_done(result, count, total)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return outcome
