"""The school's pages are the roosteraar's alone: other roles and other organisations get 404; cancelling a
job from its page stops it."""

from __future__ import annotations

import re
import time

import httpx

from tests.web.conftest import api_token, assert_accessible, shoot


def _org_of(base: str, username: str) -> str:
    headers = api_token(base, username)
    return httpx.get(f"{base}/auth/me", headers=headers, timeout=30).json()["organisation"]["id"]


def test_other_roles_and_other_organisations_get_404(browser_page, demo_server):
    """A planner or hto'er opening the school's desk, and the roosteraar opening an employer's id, get 404."""
    school, employer = _org_of(demo_server, "roosteraar"), _org_of(demo_server, "planner")
    for username in ("planner", "hto"):
        page = browser_page(username)
        for path in ("", "/upload", "/explain", "/jobs/x", "/jobs/x/events"):
            answer = page.goto(f"/app/school/{school}{path}")
            assert answer.status == 404, (username, path)
    page = browser_page("roosteraar")
    assert page.goto(f"/app/school/{employer}").status == 404
    assert page.goto(f"/app/school/{school}/timetables/not-a-timetable").status == 404
    assert page.locator("[role=alert]").count() == 1


def test_solve_then_cancel_from_the_job_page(browser_page, demo_server):
    """Rooster maken, then Stoppen on the job page: the job ends cancelled and its page says so."""
    school = _org_of(demo_server, "roosteraar")
    headers = api_token(demo_server, "roosteraar")
    page = browser_page("roosteraar")
    page.goto(f"/app/school/{school}")
    page.click("#solve")
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]+$"))
    job_id = page.url.rsplit("/", 1)[1]
    page.click("#cancel")
    deadline = time.monotonic() + 30
    while True:
        state = httpx.get(f"{demo_server}/jobs/{job_id}", headers=headers, timeout=30).json()["state"]
        if state in ("cancelled", "done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert state == "cancelled"
    page.goto(f"/app/school/{school}/jobs/{job_id}")
    assert page.locator("#job-state").inner_text() == "gestopt"
    assert page.locator("#cancel").count() == 0
    assert_accessible(page)
    shoot(page, "school-job-cancelled")


def test_solve_without_the_csrf_token_starts_nothing(demo_server):
    """A solve posted without the page's token, or from another site, is refused and queues no job."""
    from tests.web.conftest import page_client

    school = _org_of(demo_server, "roosteraar")
    headers = api_token(demo_server, "roosteraar")
    newest = lambda: [job["id"] for job in httpx.get(f"{demo_server}/jobs", headers=headers, timeout=30).json()[:1]]  # noqa: E731
    before = newest()
    client, token = page_client(demo_server, "roosteraar")
    no_token = client.post(f"/app/school/{school}/solve", data={}, headers={"Origin": demo_server})
    other_site = client.post(f"/app/school/{school}/solve", data={"csrf": token},
                             headers={"Origin": "https://evil.example"})
    assert no_token.status_code == other_site.status_code == 403
    assert newest() == before


def test_the_desk_in_english(demo_server):
    """With English chosen the desk speaks English (every text comes from the catalogue)."""
    from tests.web.conftest import page_client

    school = _org_of(demo_server, "roosteraar")
    client, _ = page_client(demo_server, "roosteraar")
    client.cookies.set("hyb_lang", "en")
    page = client.get(f"/app/school/{school}")
    assert page.status_code == 200 and "Timetable of" in page.text and "Make timetable" in page.text
