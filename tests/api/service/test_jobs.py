"""Solve jobs through the API: solve the demo, follow its progress (also as server-sent events), cancel it
with the best timetable kept, and a worker killed mid-solve fails only its own job."""

from __future__ import annotations

import json
import os
import signal
import time

import httpx
from fastapi.testclient import TestClient
from sqlalchemy.orm import undefer

from api.store.models import Job, TimetableRecord
from tests.api.service.conftest import login
from tests.api.service.jobs_support import DEMO_SOLVE, job_app, live_server, org_id, wait_job


def _record(client, timetable_id: str) -> TimetableRecord:
    with client.app.state.store.session() as session:  # the large columns are deferred: load them here
        return session.get(TimetableRecord, timetable_id, options=[undefer("*")])


def _worker_pid(client, job_id: str) -> int:
    """The job's worker process id, once the dispatcher has written it (just after the job begins)."""
    deadline = time.monotonic() + 10
    while True:
        with client.app.state.store.session() as session:
            pid = session.get(Job, job_id).worker_pid
        if pid:
            return pid
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_solve_the_demo_through_the_api(store_url):
    """POST solve answers 202; the job ends done with a certified draft that places all 149 lessons."""
    with TestClient(job_app(store_url)) as client:
        headers = login(client, "roosteraar")
        answer = client.post(f"/schools/{org_id(client, headers)}/solve", json=DEMO_SOLVE, headers=headers)
        assert answer.status_code == 202, answer.text
        assert answer.headers["location"] == answer.json()["links"]["self"]
        job = wait_job(client, headers, answer.json()["id"])
        assert job["state"] == "done", job.get("error")
        assert (job["result"]["lessons_placed"], job["result"]["lessons_total"]) == (149, 149)
        assert job["result"]["certified"] is True and job["attempts"] == 1
        record = _record(client, job["timetable_id"])
        assert record.state == "draft" and record.job_id == job["id"]
        assert record.report["hard_violations"] == 0
        result = client.get(f"/jobs/{job['id']}/result", headers=headers).json()
        assert len(result["timetable"]["placements"]) == 149
        assert "rosters" not in result["timetable"]  # the roosteraar's view: no company shifts


def _events(lines) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in lines:
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            events.append((name, json.loads(line.removeprefix("data: "))))
    return events


def test_progress_series_and_the_event_stream(sqlite_url):
    """The event stream carries state changes and one event per progress point and ends with 'end'; the
    stored series is non-empty, in time order, and the best cost never gets worse."""
    app = job_app(sqlite_url)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        headers = login(client, "roosteraar")
        school = client.get("/auth/me", headers=headers).json()["organisation"]["id"]
        job_id = client.post(f"/schools/{school}/solve", json=DEMO_SOLVE, headers=headers).json()["id"]
        with client.stream("GET", f"/jobs/{job_id}/events", headers=headers) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            events = _events(stream.iter_lines())
        job = client.get(f"/jobs/{job_id}", headers=headers).json()
    names = [name for name, _ in events]
    assert names[-1] == "end" and events[-1][1]["state"] == "done"
    assert "state" in names and names.count("progress") >= 1
    assert [data["state"] for name, data in events if name == "state"][-1] == "done"
    series = job["progress"]
    assert series and names.count("progress") == len(series)
    assert [p["seconds"] for p in series] == sorted(p["seconds"] for p in series)
    objectives = [p["objective"] for p in series]
    assert all(later <= earlier for earlier, later in zip(objectives, objectives[1:])), objectives


def test_cancel_stops_the_search_and_keeps_the_best_timetable(store_url):
    """A minute-long solve cancelled once it has a timetable ends 'cancelled' within seconds, with that
    timetable kept as a certified draft."""
    with TestClient(job_app(store_url)) as client:
        headers = login(client, "roosteraar")
        job_id = client.post(f"/schools/{org_id(client, headers)}/solve", json={"time_limit": 60},
                             headers=headers).json()["id"]
        wait_job(client, headers, job_id, until=("running",), timeout=60, check=lambda job: job["progress"])
        asked = time.monotonic()
        assert client.post(f"/jobs/{job_id}/cancel", headers=headers).status_code == 200
        job = wait_job(client, headers, job_id, timeout=10)
        assert time.monotonic() - asked < 10
        assert job["state"] == "cancelled" and job["timetable_id"], job
        assert _record(client, job["timetable_id"]).report["hard_violations"] == 0
        result = client.get(f"/jobs/{job_id}/result", headers=headers)
        assert result.status_code == 200 and result.json()["state"] == "cancelled"


def test_a_solve_steps_back_as_far_as_the_setting_says(store_url):
    """The worker of a solve runs at the niceness of the setting solve_niceness, above the server's own."""
    with TestClient(job_app(store_url, solve_niceness=7)) as client:
        headers = login(client, "roosteraar")
        job_id = client.post(f"/schools/{org_id(client, headers)}/solve", json={"time_limit": 60},
                             headers=headers).json()["id"]
        wait_job(client, headers, job_id, until=("running",), timeout=60)
        pid, wanted = _worker_pid(client, job_id), os.getpriority(os.PRIO_PROCESS, 0) + 7
        deadline = time.monotonic() + 20  # the worker steps back first thing, just after it is started
        while os.getpriority(os.PRIO_PROCESS, pid) != wanted and time.monotonic() < deadline:
            time.sleep(0.05)
        assert os.getpriority(os.PRIO_PROCESS, pid) == wanted
        assert client.post(f"/jobs/{job_id}/cancel", headers=headers).status_code == 200
        assert wait_job(client, headers, job_id, timeout=30)["state"] in ("cancelled", "failed")


def test_a_killed_worker_fails_only_its_job(store_url):
    """SIGKILL of the worker process: its job fails saying so, the server keeps answering, the next job runs."""
    with TestClient(job_app(store_url)) as client:
        headers = login(client, "roosteraar")
        school = org_id(client, headers)
        job_id = client.post(f"/schools/{school}/solve", json={"time_limit": 60}, headers=headers).json()["id"]
        wait_job(client, headers, job_id, until=("running",), timeout=60)
        pid = _worker_pid(client, job_id)
        assert pid != os.getpid()
        os.kill(pid, signal.SIGKILL)
        job = wait_job(client, headers, job_id, timeout=30)
        assert job["state"] == "failed"
        assert job["error"] == "the solver process stopped unexpectedly (signal 9); nothing was stored"
        assert job["timetable_id"] is None
        assert client.get("/auth/me", headers=headers).status_code == 200
        assert client.get(f"/jobs/{job_id}/result", headers=headers).status_code == 409
        next_id = client.post(f"/schools/{school}/solve", json=DEMO_SOLVE, headers=headers).json()["id"]
        following = wait_job(client, headers, next_id)
        assert following["state"] == "done", following.get("error")
