"""Re-planning from the desk: the job's result is a draft whose page shows what changed (as the API's diff
for a roosteraar); and the explanation of the plan, loaded after the page."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.web.conftest import api_token, assert_accessible, shoot
from tests.web.school_support import wait_for_a_timetable


def _school(base: str) -> tuple[str, dict]:
    headers = api_token(base, "roosteraar")
    return httpx.get(f"{base}/auth/me", headers=headers, timeout=30).json()["organisation"]["id"], headers


def _hofman_mark_where_he_teaches(base: str, org: str, headers: dict) -> tuple[str, str, dict]:
    """A hard mark of the planner for Bram Hofman over one of his lessons in the timetable a re-plan starts
    from (the one in force, else the newest draft): (the mark's id, its employer's id, the planner's headers)."""
    listed = httpx.get(f"{base}/schools/{org}/timetables", headers=headers, timeout=30).json()
    start = next((tt for tt in listed if tt["in_force"]), listed[0])
    body = httpx.get(f"{base}/timetables/{start['id']}", headers=headers, timeout=30).json()["timetable"]
    lesson = next(p for p in body["placements"] if p["teacher"] == "HOFM")
    planner = api_token(base, "planner")
    employer = httpx.get(f"{base}/auth/me", headers=planner, timeout=30).json()["organisation"]["id"]
    mark = httpx.post(f"{base}/employers/{employer}/marks", headers=planner, timeout=30,
                      json={"staff": "mh-hofman", "day": lesson["day"][:3], "start": lesson["start"],
                            "end": lesson["end"], "reason": "test: re-plan", "level": "hard"})
    assert mark.status_code == 201, mark.text
    return mark.json()["id"], employer, planner


def test_replan_shows_what_changed(browser_page, demo_server):
    """A planner blocks Hofman during one of his lessons; Herplannen -> the job -> the new draft's page lists
    the moved lessons of its diff (day and lesuur in words), as the API's diff for a roosteraar."""
    org, headers = _school(demo_server)
    wait_for_a_timetable(demo_server, org, headers)
    mark, employer, planner = _hofman_mark_where_he_teaches(demo_server, org, headers)
    try:
        page = browser_page("roosteraar")
        page.goto(f"/app/school/{org}")
        page.click("#replan")
        page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]+$"))
        page.wait_for_selector("#open-result", timeout=150_000)
    finally:
        httpx.delete(f"{demo_server}/employers/{employer}/marks/{mark}", headers=planner, timeout=30)
    page.click("#open-result")
    timetable_id = page.url.rsplit("/", 1)[1]
    answer = httpx.get(f"{demo_server}/timetables/{timetable_id}", headers=headers, timeout=30).json()
    job = httpx.get(f"{demo_server}/jobs/{answer['job_id']}/result", headers=headers, timeout=30).json()
    diff = job["diff"]
    assert "shifts_added" not in diff  # a roosteraar never sees the companies' shifts
    counts = (f"{len(diff['moved'])} lessen verschoven, {len(diff['teacher_changes'])} docentwissels, "
              f"{len(diff['room_changes'])} lokaalwissels")
    expect(page.locator("#h-diff")).to_have_text("Wat is er veranderd?")
    assert counts in page.inner_text("main")
    assert diff["moved"], "blocking a lesson's hour moves it"
    moved = page.locator("#h-diff ~ div table tbody tr").first.locator("td").all_inner_texts()
    assert moved[0].startswith(diff["moved"][0]["lesson"]) and "lesuur" in moved[1] and "lesuur" in moved[2]
    assert_accessible(page)
    shoot(page, "school-replan-diff")


def test_the_explanation_is_loaded_after_the_page(browser_page, demo_server):
    """Plan controleren fetches the explanation into its live region; the desk itself does not wait for it."""
    org, _ = _school(demo_server)
    page = browser_page("roosteraar")
    page.goto(f"/app/school/{org}")
    assert page.locator("#explanation").inner_text() == ""
    page.click("#explain")
    expect(page.locator("#explanation .notice")).to_be_visible(timeout=60_000)
    assert page.locator("#explanation").get_attribute("aria-live") == "polite"
    assert page.locator("#explanation").inner_text().strip()
    assert_accessible(page)
    shoot(page, "school-explain")
