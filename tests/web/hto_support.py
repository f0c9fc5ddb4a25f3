"""Test setup shared by the hto'er's and coordinator's page tests: the demo's first timetable, put in force
through the API as the roosteraar would (each planner approving first where asked)."""

from __future__ import annotations

import time

import httpx

from tests.web.conftest import api_token

PLANNERS = ("planner", "planner-vdveen", "planner-onderhoud")


def my_org(base: str, headers: dict) -> str:
    return httpx.get(f"{base}/auth/me", headers=headers, timeout=30).json()["organisation"]["id"]


def timetable_in_force(base: str, timeout: float = 180) -> str:
    """The id of the demo school's timetable in force; publishes the demo's first draft when none is."""
    school = api_token(base, "roosteraar")
    school_id = my_org(base, school)
    deadline = time.monotonic() + timeout
    while True:
        listed = httpx.get(f"{base}/schools/{school_id}/timetables", headers=school, timeout=30).json()
        if any(t["in_force"] for t in listed):
            return next(t["id"] for t in listed if t["in_force"])
        if listed:
            break
        assert time.monotonic() < deadline, "the demo's first timetable did not come"
        time.sleep(1)
    draft = listed[0]
    for planner in PLANNERS:  # a planner whose employer was not asked gets 409: nothing to approve
        httpx.post(f"{base}/timetables/{draft['id']}/approve", headers=api_token(base, planner), timeout=30)
    answer = httpx.post(f"{base}/timetables/{draft['id']}/publish", headers=school, timeout=30)
    assert answer.status_code == 200, answer.text
    return draft["id"]
