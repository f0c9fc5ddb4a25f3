"""Helpers of the planner page tests: the demo employers' ids, a timetable to show, a job's end."""

from __future__ import annotations

import time

import httpx

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


def hofman_release_shown(page, base: str, employer: str, timetable_id: str) -> list[dict]:
    """Open Hofman's week as the planner: it says the timetable is in force and lists each of his teaching
    windows of that timetable (as the API gives them to the planner); those windows."""
    view = httpx.get(f"{base}/timetables/{timetable_id}", headers=api_token(base, "planner"),
                     timeout=30).json()["timetable"]
    page.goto(f"/app/employer/{employer}/staff/mh-hofman")
    release = page.locator("section[aria-labelledby='src-h']")
    assert "in gebruik" in release.inner_text()
    lines = release.locator(".teaching li").all_inner_texts()
    expected = [w for w in view["teaching"] if w["staff"] == "mh-hofman"]
    assert len(lines) == len(expected), (lines, expected)
    for window in expected:
        assert any(f"van {window['start']} tot {window['end']}" in line for line in lines), (window, lines)
    return expected
