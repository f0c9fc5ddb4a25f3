"""The issue's end-to-end flows, each in one browser run across the pages of several roles:
- the roosteraar: upload the example workbook, solve with progress, a group's grid, why, lock, re-plan, XLSX;
- a planner's mark that hits an hto'er's lesson: the immediate answer, save, the roosteraar's re-plan with its
  diff, the employers' approvals, publish, and the planner sees the new release time."""

from __future__ import annotations

import re

import httpx
import openpyxl
from playwright.sync_api import expect

from tests.api.service.plan_files import demo_xlsx
from tests.web.conftest import api_token
from tests.web.planner_support import hofman_release_shown, org_of, wait_for_timetable
from tests.web.test_grid_locks import lesson_of, plan_now, restore
from tests.web.test_grid_page import open_why

PLANNERS = {"metaal-hengelo": "planner", "vdveen-installatie": "planner-vdveen",
            "twente-onderhoud": "planner-onderhoud"}


def _versions(base: str, school: str) -> list[dict]:
    return httpx.get(f"{base}/schools/{school}/plan/versions", headers=api_token(base, "roosteraar"),
                     timeout=30).json()


def _wait_for_result(page) -> str:
    """On a job page: wait for the job to end with a timetable; its id."""
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]+$"))
    page.wait_for_selector("#open-result", timeout=240_000)
    page.click("#open-result")
    return page.url.rsplit("/", 1)[1]


def test_roosteraar_upload_solve_grid_why_lock_replan_download(browser_page, demo_server, tmp_path):
    """Upload -> solve (progress on the page) -> the group's grid of the result -> why for one lesson -> lock
    its slot -> re-plan from the grid -> the new draft keeps the lesson there -> download it as XLSX."""
    wait_for_timetable(demo_server)
    school = org_of(demo_server, "roosteraar")
    first_version = _versions(demo_server, school)[0]["version"]
    page = browser_page("roosteraar")
    page.goto(f"/app/school/{school}/upload")
    page.click("#kind-xlsx")
    page.set_input_files("#file", files=[{"name": "voorbeeld.xlsx", "buffer": demo_xlsx(),
                                          "mimeType": "application/octet-stream"}])
    page.click("#upload")
    assert _versions(demo_server, school)[0]["version"] == first_version + 1
    try:
        page.click("#solve")
        expect(page.locator("#progress")).to_contain_text("ondergrens", timeout=120_000)
        solved = _wait_for_result(page)

        page.goto(f"/app/school/{school}/grid?view=group&timetable={solved}")
        assert page.locator("#grid-table").get_attribute("data-timetable") == solved
        lesson = page.locator(".lesson[data-first]").first
        lesson_id, copy = lesson.get_attribute("data-lesson"), int(lesson.get_attribute("data-copy"))
        open_why(page, lesson)
        assert page.locator("#why-panel tbody tr").count() > 0
        before = plan_now(demo_server, school)
        page.locator("#lock-slot").set_checked(True)
        page.locator(".lock-form button[type=submit]").click()
        page.wait_for_url(lambda url: "done=lock" in url)
        locked = lesson_of(plan_now(demo_server, school), lesson_id)
        assert plan_now(demo_server, school)["version"] == before["version"] + 1 and locked["lock"]["slot"]
        where = next(c for c in locked["current"] if c.get("copy", 0) == copy)

        page.get_by_role("button", name="Nu herplannen").click()
        page.wait_for_url(lambda url: "done=replan" in url)
        link = page.locator("a[data-new-timetable]")
        link.wait_for(timeout=240_000)
        replanned = link.get_attribute("data-new-timetable")
        body = httpx.get(f"{demo_server}/timetables/{replanned}", headers=api_token(demo_server, "roosteraar"),
                         timeout=30).json()
        kept = next(p for p in body["timetable"]["placements"] if p["lesson"] == lesson_id and p.get("copy", 0) == copy)
        assert (kept["day"], kept["period"]) == (where["day"], where["period"])

        page.goto(f"/app/school/{school}/timetables/{replanned}")
        with page.expect_download() as download:
            page.click("#download-xlsx")
        path = tmp_path / "rooster.xlsx"
        download.value.save_as(path)
        assert openpyxl.load_workbook(path).sheetnames
    finally:
        restore(demo_server, school, first_version)  # the shared server's plan as it was


def test_planner_mark_replan_diff_approve_publish_release(browser_page, demo_server):
    """A planner blocks Hofman over one of his lessons (the answer before saving) and saves; the roosteraar
    re-plans and sees the diff; each employer that must approves on its page; the roosteraar publishes; the
    planner's page of Hofman shows the release time of the timetable now in force."""
    wait_for_timetable(demo_server)
    employer, school = org_of(demo_server, "planner"), org_of(demo_server, "roosteraar")
    planner = browser_page("planner")
    planner.goto(f"/app/employer/{employer}/staff/mh-hofman")
    cell = planner.locator("table.weekgrid td.teach").first
    day, start = cell.get_attribute("data-day"), cell.get_attribute("data-start")
    cell.click()
    answer = planner.locator("#whatif [data-answer]")
    answer.wait_for(timeout=60_000)
    assert "verplaatst" in answer.inner_text() and "vrijgeroosterde tijd gaat van" in answer.inner_text()
    answer.get_by_role("button", name="Opslaan").click()
    planner.wait_for_url(lambda url: "saved=" in url)
    marks = httpx.get(f"{demo_server}/employers/{employer}/marks", headers=api_token(demo_server, "planner"),
                      timeout=30).json()
    mark = next(m for m in marks if (m["staff"], m["day"], m["start"]) == ("mh-hofman", day, start))
    try:
        roosteraar = browser_page("roosteraar")
        roosteraar.on("dialog", lambda dialog: dialog.accept())
        roosteraar.goto(f"/app/school/{school}")
        roosteraar.click("#replan")
        draft = _wait_for_result(roosteraar)
        expect(roosteraar.locator("#h-diff")).to_be_visible()
        assert re.search(r"[1-9]\d* lessen verschoven", roosteraar.inner_text("main"))

        summary = httpx.get(f"{demo_server}/timetables/{draft}", headers=api_token(demo_server, "roosteraar"),
                            timeout=30).json()
        assert "metaal-hengelo" in summary["waiting_for"]
        for code in summary["waiting_for"]:
            approver = browser_page(PLANNERS[code])
            approver.goto(f"/app/employer/{org_of(demo_server, PLANNERS[code])}/approvals")
            approver.locator(f"section.draft-card:has([data-approve='{draft}'])").get_by_role(
                "button", name="Goedkeuren").click()
            approver.wait_for_url(lambda url: "approved=" in url)

        roosteraar.goto(f"/app/school/{school}/timetables/{draft}")
        roosteraar.click("#publish")
        roosteraar.wait_for_load_state()
        published = httpx.get(f"{demo_server}/timetables/{draft}", headers=api_token(demo_server, "roosteraar"),
                              timeout=30).json()
        assert published["state"] == "published" and published["in_force"], published
    finally:
        httpx.delete(f"{demo_server}/employers/{employer}/marks/{mark['id']}",
                     headers=api_token(demo_server, "planner"), timeout=30)

    hofman = hofman_release_shown(planner, demo_server, employer, draft)
    assert not any(w["day"] == day and w["start"] == start for w in hofman)  # no longer in the blocked slot
