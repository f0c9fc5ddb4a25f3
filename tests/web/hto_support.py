"""Test setup shared by the hto'er's and coordinator's page tests: the demo's first timetable, put in force
through the API as the roosteraar would (each planner approving first where asked)."""

from __future__ import annotations

import httpx

from benchmarks.pages import put_in_force


def my_org(base: str, headers: dict) -> str:
    return httpx.get(f"{base}/auth/me", headers=headers, timeout=30).json()["organisation"]["id"]


def timetable_in_force(base: str) -> str:
    """The id of the demo school's timetable in force; publishes the demo's first draft when none is (as the
    page benchmark does: each planner approving first where asked)."""
    return put_in_force(base)
