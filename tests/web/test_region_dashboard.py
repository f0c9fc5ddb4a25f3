"""The coordinator's dashboard: the region's schools, employers and aggregates, and a regional batch run
from the form (two levers) with its progress and its report with plots; nobody else's region."""

from __future__ import annotations

import re

import httpx

from tests.web.conftest import api_token, assert_accessible, shoot
from tests.web.hto_support import my_org, timetable_in_force


def _batches(base: str) -> list[dict]:
    answer = httpx.get(f"{base}/jobs", params={"kind": "batch"}, headers=api_token(base, "coordinator"), timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_coordinator_sees_the_region(browser_page, demo_server):
    """The coordinator lands on their region: every school and employer of the API's overview, the
    aggregates with the lessons placed of the timetable in force (loaded after the page); accessible;
    screenshot."""
    timetable_in_force(demo_server)
    region = my_org(demo_server, api_token(demo_server, "coordinator"))
    overview = httpx.get(f"{demo_server}/regions/{region}/overview", headers=api_token(demo_server, "coordinator"),
                         timeout=30).json()
    page = browser_page("coordinator")
    assert page.url.endswith(f"/app/region/{region}")
    assert overview["name"] in page.locator("h1").inner_text()
    page.wait_for_selector(".region-totals")  # the figures come by htmx once the page is shown
    text = page.locator("main").inner_text()
    for org in overview["schools"] + overview["employers"]:
        assert org["name"] in text
    placed = sum(s.get("lessons_placed") or 0 for s in overview["schools"])
    assert placed > 0 and f"{placed} / " in page.locator(".region-totals").inner_text()
    assert_accessible(page)
    shoot(page, "region-dashboard")


def test_a_batch_with_one_lever_is_refused_and_queues_nothing(browser_page, demo_server):
    """The form asks for two levers at least: with one it says so and no batch is queued."""
    before = len(_batches(demo_server))
    page = browser_page("coordinator")
    for box in page.locator("input[name=levers]").all():
        box.uncheck()
    page.check("input[name=levers][value=baseline]")
    page.click("form.region-form button[type=submit]")
    assert "minstens twee" in page.get_by_role("alert").inner_text()
    assert len(_batches(demo_server)) == before
    assert_accessible(page)


def test_a_batch_runs_with_progress_and_its_report_has_plots(browser_page, demo_server):
    """Two levers on the smallest Twente, short solves: the progress shows while it runs, then the report's
    figures (one row per lever) and its plots, each served as a PNG with the page's login."""
    page = browser_page("coordinator")
    page.select_option("#preset", "twente")
    for box in page.locator("input[name=levers]").all():
        box.uncheck()
    page.check("input[name=levers][value=baseline]")
    page.check("input[name=levers][value=no_vat]")
    page.fill("#scale", "0.2")
    page.fill("#school_seconds", "2")
    page.fill("#rounds", "1")
    page.click("form.region-form button[type=submit]")
    page.wait_for_url(re.compile(r"/app/region/[^/]+/batch/[^/]+$"))
    job_id = page.url.rsplit("/", 1)[1]
    assert page.locator("#batch-progress[aria-live=polite] progress").count() == 1
    assert re.search(r"\d+ van \d+ onderdelen klaar", page.locator("#batch-progress").inner_text())
    assert_accessible(page)
    page.locator("#report-heading").wait_for(timeout=300_000)
    job = next(j for j in _batches(demo_server) if j["id"] == job_id)
    assert job["state"] == "done", job
    levers = page.locator(".region-report tbody tr").all_inner_texts()
    assert any("baseline" in row for row in levers) and any("no_vat" in row for row in levers)
    images = page.locator(".region-plot img")
    assert images.count() >= 1
    for index in range(images.count()):
        image = images.nth(index)
        assert page.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())
        answer = page.request.get(image.get_attribute("src"))
        assert answer.status == 200 and answer.headers["content-type"] == "image/png"
    assert_accessible(page)
    shoot(page, "region-batch-report")


def test_a_roosteraar_gets_404_for_the_region(browser_page, demo_server):
    """A roosteraar who opens the region's dashboard by URL gets a 404 page, as the API's answer."""
    region = my_org(demo_server, api_token(demo_server, "coordinator"))
    page = browser_page("roosteraar")
    assert page.goto(f"/app/region/{region}").status == 404
    assert page.goto(f"/app/region/{region}/batch/not-a-job").status == 404
    assert page.goto(f"/app/region/{region}/overview").status == 404
