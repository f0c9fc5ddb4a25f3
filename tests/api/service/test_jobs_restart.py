"""Jobs survive the server: `hybrooster serve` killed mid-solve and started again runs the job again (or fails
it with the reason after a second time), and nothing added before the kill is lost."""

from __future__ import annotations

import signal
import time

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from api.demo import DEMO_PASSWORD
from api.jobs.manager import JobManager
from api.services.plans import add_version, latest_version
from api.store.db import Store
from api.store.models import Job, Mark, Organisation
from tests.api.service.conftest import make_settings
from tests.api.service.jobs_support import FINAL, pid_alive, serve_process


def _login(base: str) -> dict[str, str]:
    token = httpx.post(f"{base}/auth/token", data={"username": "roosteraar", "password": DEMO_PASSWORD}).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


def _poll(base: str, headers, job_id: str, check, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = httpx.get(f"{base}/jobs/{job_id}", headers=headers, timeout=10).json()
        if check(job):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.2)


def test_a_server_killed_mid_solve_runs_the_job_again_and_loses_nothing(store_url, tmp_path):
    """SIGKILL of the server while a solve runs: its worker ends too; after a restart the job is queued again
    and done (or failed with the reason), and the mark and plan version added before the kill are there."""
    with TestClient(create_app(make_settings(store_url), demo=True, workers=False)):
        pass
    store = Store(store_url)
    with serve_process(store_url, tmp_path) as (server, base):
        headers = _login(base)
        school = httpx.get(f"{base}/auth/me", headers=headers).json()["organisation"]["id"]
        job_id = httpx.post(f"{base}/schools/{school}/solve", json={"time_limit": 12}, headers=headers).json()["id"]
        _poll(base, headers, job_id, lambda job: job["state"] == "running" and job["progress"], timeout=60)
        with store.session() as session:
            employer = session.scalar(select(Organisation).where(Organisation.code == "metaal-hengelo"))
            session.add(Mark(org_id=employer.id, staff="mh-hofman", day="tue", start="08:00", end="10:00",
                             reason="kept across the kill"))
            body = latest_version(session, employer.id).body
            version = add_version(session, org=employer, body=body, user=None, note="kept across the kill").version
            worker = session.get(Job, job_id).worker_pid
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    deadline = time.monotonic() + 15
    while pid_alive(worker):  # the worker notices that the server is gone and ends itself
        assert time.monotonic() < deadline, "the worker outlived its server"
        time.sleep(0.1)
    with serve_process(store_url, tmp_path) as (_server, base):
        headers = _login(base)
        job = _poll(base, headers, job_id, lambda job: job["state"] in FINAL, timeout=120)
    assert (job["state"], job["attempts"]) == ("done", 2) or (
        job["state"] == "failed" and "server stopped" in job["error"]), job
    with store.session() as session:
        assert session.scalar(select(Mark).where(Mark.reason == "kept across the kill")) is not None
        assert latest_version(session, employer.id).version == version
    store.dispose()


def test_recovery_queues_a_running_job_once_and_then_fails_it_with_the_reason(store_url):
    """At start, a job left running is queued again after its first attempt, failed with the reason after its
    second, and one that was being cancelled ends cancelled."""
    store = Store(store_url)
    store.migrate()
    with store.session() as session:
        school = Organisation(kind="school", code="s", name="S")
        session.add(school)
        session.flush()
        jobs = [Job(org_id=school.id, kind="solve", input={}, state="running", attempts=attempts,
                    cancel_requested=cancel) for attempts, cancel in ((1, False), (2, False), (1, True))]
        session.add_all(jobs)
        session.flush()
        ids = [job.id for job in jobs]
    manager = JobManager(store, make_settings(store_url))
    manager.recover()
    manager.stop()
    with store.session() as session:
        once, twice, cancelled = (session.get(Job, job_id) for job_id in ids)
        assert once.state == "queued" and once.error is None
        assert twice.state == "failed"
        assert twice.error == "the server stopped while this job ran; it was tried twice, so it is not tried again"
        assert cancelled.state == "cancelled" and cancelled.finished_at is not None
    store.dispose()
