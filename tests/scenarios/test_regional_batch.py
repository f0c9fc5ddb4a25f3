"""`hybrooster batch` on Dask: a local cluster, a scheduler with two workers on loopback, resume after a
kill, and one failing region that does not sink the batch (issue 23 item 7)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scenarios.regional.batch import plan_units, run_batch
from scenarios.regional.run import RunSettings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = RunSettings(school_seconds=60, rounds=1, workers=1, deterministic_time=1.0)
TINY = ["--scale", "0.2", "--rounds", "1", "--deterministic", "1.0", "--school-seconds", "60"]


def _kpis(out: Path) -> dict[str, dict]:
    return {str(p.parent.relative_to(out)): json.loads(p.read_text())["kpis"] for p in out.rglob("result.json")}


def _env() -> dict:
    return os.environ | {"PYTHONPATH": str(ROOT)}


def test_local_cluster_batch_certifies_reports_a_failure_and_resumes(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"id": "broken", "name": "x", "seed": 1, "schools": "not a list"}')
    units = plan_units(["brainport", str(bad)], ["baseline"], scale=0.2, three_way=False)
    out = tmp_path / "out"
    outcome = run_batch(units, out, SETTINGS, workers=1)
    assert [f["key"] for f in outcome.failed] == ["broken/baseline/joint"]
    assert "schools" in outcome.failed[0]["error"]
    [result] = outcome.results
    assert result["kpis"]["certified"] and result["kpis"]["output_loss_windows"] == 0
    assert all(e["staffing_windows_short"] == 0 for e in result["employers"])
    assert (out / "brainport/baseline/joint/timetable.json").is_file()
    assert (out / "brainport/baseline/joint/views/index.html").is_file()
    again = run_batch(units, out, SETTINGS, workers=1)
    assert again.skipped == ["brainport/baseline/joint"]
    assert again.results[0]["kpis"] == result["kpis"]
    assert len(again.failed) == 1, "a failed unit is tried again, not taken as finished"


def test_a_killed_batch_resumes_with_the_same_results(tmp_path):
    """Kill the batch when its first unit is written; the re-run skips it and ends where an
    uninterrupted run ends (deterministic limits, one CP-SAT worker per unit)."""
    command = [sys.executable, "-m", "api.cli", "batch", "brainport", "--levers", "baseline", "no_vat",
               "--no-three-way", *TINY]
    whole = tmp_path / "whole"
    subprocess.run([*command, "--out", str(whole)], check=True, env=_env(), cwd=tmp_path, capture_output=True)
    killed = tmp_path / "killed"
    process = subprocess.Popen([*command, "--out", str(killed)], env=_env(), cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while not list(killed.rglob("result.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    first = list(killed.rglob("result.json"))
    assert len(first) == 1, "the batch was not stopped midway"
    before = first[0].read_bytes()
    rerun = subprocess.run([*command, "--out", str(killed)], env=_env(), cwd=tmp_path, capture_output=True,
                           text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert "(finished before)" in rerun.stdout
    assert first[0].read_bytes() == before
    assert _kpis(killed) == _kpis(whole)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def scheduler_and_two_workers(tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--dashboard-address", "127.0.0.1:0"],
                              env=_env(), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    time.sleep(2)
    for n in range(2):
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads",
                                       "1", "--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard",
                                       "--name", f"w{n}"], env=_env(), cwd=tmp_path,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    from dask.distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(2, timeout=60)
    yield address
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=30)


def test_a_scheduler_with_two_workers_gives_the_local_results(tmp_path, scheduler_and_two_workers):
    units = plan_units(["brainport"], ["baseline", "no_vat"], scale=0.2, three_way=False)
    remote = run_batch(units, tmp_path / "remote", SETTINGS, scheduler=scheduler_and_two_workers)
    local = run_batch(units, tmp_path / "local", SETTINGS, workers=1)
    assert not remote.failed and not local.failed
    assert _kpis(tmp_path / "remote") == _kpis(tmp_path / "local")
    assert all(r["kpis"]["certified"] for r in remote.results)


def test_a_region_file_with_wrong_references_names_each_field(tmp_path):
    from scenarios.regional.units import Unit, load_region
    from scenarios.regions.generate import generate_region
    from solver.domain import PlanError

    data = json.loads(generate_region("twente", seed=1, scale=0.2).model_dump_json())
    data["candidates"][0]["employer"] = "nobody"
    data["schools"][0]["postcode"] = "9999"
    path = tmp_path / "region.json"
    path.write_text(json.dumps(data))
    with pytest.raises(PlanError) as caught:
        load_region(Unit(str(path), "baseline", "joint"))
    text = str(caught.value)
    assert "2 problem(s) in the region file" in text
    assert "schools[0].postcode: unknown postcode '9999'" in text
    assert "candidates[0].employer: unknown employer 'nobody'" in text


def test_two_region_sources_with_one_name_are_refused(tmp_path):
    from scenarios.regions.generate import generate_region

    path = tmp_path / "brainport.json"
    path.write_text(generate_region("brainport", seed=1, scale=0.2).model_dump_json())
    with pytest.raises(ValueError, match="would both be written as region 'brainport'"):
        plan_units(["brainport", str(path)], ["baseline"])
    assert len(plan_units(["brainport", "brainport"], ["baseline", "baseline"], three_way=False)) == 1
