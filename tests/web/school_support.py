"""Helpers of the school pages' tests."""

from __future__ import annotations

import time

import httpx


def wait_for_a_timetable(base: str, org: str, headers: dict) -> None:
    """Once the school's jobs have ended there is a timetable to re-plan; if none came of them (another test
    cancelled one, or a busy machine found none in time), one more solve makes it."""
    solved, deadline = False, time.monotonic() + 300
    while time.monotonic() < deadline:
        if httpx.get(f"{base}/schools/{org}/timetables", headers=headers, timeout=30).json():
            return
        busy = [job for job in httpx.get(f"{base}/jobs", headers=headers, timeout=30).json()
                if job["state"] in ("queued", "running")]
        if not busy and solved:
            break
        if not busy:
            httpx.post(f"{base}/schools/{org}/solve", headers=headers, json={"time_limit": 60}, timeout=30)
            solved = True
        time.sleep(1)
    raise AssertionError("no timetable to re-plan")
