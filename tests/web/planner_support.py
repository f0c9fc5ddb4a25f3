"""Helpers of the planner page tests: the demo employers' ids, a timetable to show, plain logged-in clients."""

from __future__ import annotations

import re
import time

import httpx

from api.demo import DEMO_PASSWORD
from tests.web.conftest import api_token


def org_of(base: str, username: str) -> str:
    me = httpx.get(f"{base}/auth/me", headers=api_token(base, username), timeout=30).json()
    return me["organisation"]["id"]


def wait_for_timetable(base: str, username: str = "planner", timeout: float = 420) -> list[dict]:
    """The employer's timetables once the demo's first solve has stored one. On a busy machine that solve can
    end without a timetable: then the roosteraar starts another (a service job, certified like the first)."""
    headers, org = api_token(base, username), org_of(base, username)
    school_headers = api_token(base, "roosteraar")
    deadline, jobs = time.monotonic() + timeout, []
    while True:
        found = httpx.get(f"{base}/employers/{org}/timetables", headers=headers, timeout=30).json()
        if found or time.monotonic() > deadline:
            assert found, f"no timetable appeared: {[(job['state'], job['error']) for job in jobs]}"
            return found
        jobs = httpx.get(f"{base}/jobs", params={"kind": "solve"}, headers=school_headers, timeout=30).json()
        if not any(job["state"] in ("queued", "running") for job in jobs):
            school = org_of(base, "roosteraar")
            httpx.post(f"{base}/schools/{school}/solve", json={"time_limit": 60}, headers=school_headers, timeout=30)
        time.sleep(2)


def wait_job(base: str, headers: dict, job_id: str, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = httpx.get(f"{base}/jobs/{job_id}", headers=headers, timeout=30).json()
        if job["state"] in ("done", "failed", "cancelled") or time.monotonic() > deadline:
            return job
        time.sleep(1)


def page_client(base: str, username: str) -> tuple[httpx.Client, str]:
    """A plain HTTP client logged in through the form, and its pages' CSRF token."""
    client = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/app/login").text).group(1)
    client.post("/app/login", data={"username": username, "password": DEMO_PASSWORD, "csrf": token},
                headers={"Origin": base})
    home = client.get("/app/", follow_redirects=True)
    return client, re.search(r'name="csrf" value="([^"]+)"', home.text).group(1)
