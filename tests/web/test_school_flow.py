"""The roosteraar's desk in the browser: upload the example workbook, solve with live progress, open the
result and download it; upload mistakes shown at their cell; publishing refused while approvals are missing."""

from __future__ import annotations

import io
import re
import zipfile

import httpx
import openpyxl
from playwright.sync_api import expect

from tests.api.service.plan_files import demo_xlsx
from tests.web.conftest import api_token, assert_accessible, shoot
from tests.web.school_support import wait_for_a_timetable
from tests.web.test_planner_approvals import _replan_after_a_mark


def _school(base: str) -> tuple[str, str, dict]:
    """(the demo school's id, its name, the roosteraar's API headers)."""
    headers = api_token(base, "roosteraar")
    me = httpx.get(f"{base}/auth/me", headers=headers, timeout=30).json()
    return me["organisation"]["id"], me["organisation"]["name"], headers


def _versions(base: str, org: str, headers: dict) -> list[dict]:
    return httpx.get(f"{base}/schools/{org}/plan/versions", headers=headers, timeout=30).json()


def _upload(page, org: str, kind: str, name: str, data: bytes) -> None:
    page.goto(f"/app/school/{org}/upload")
    page.click(f"#kind-{kind}")
    page.set_input_files("#file", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    page.click("#upload")


def test_upload_solve_open_and_download(browser_page, demo_server, tmp_path):
    """Log in -> the desk -> upload the example workbook (a new version) -> solve with progress on the page ->
    open the result -> the XLSX download opens in openpyxl."""
    org, name, headers = _school(demo_server)
    before = len(_versions(demo_server, org, headers))
    page = browser_page("roosteraar")
    assert page.url.endswith(f"/app/school/{org}")
    assert name in page.locator("h1").inner_text()
    assert_accessible(page)
    shoot(page, "school-desk", phone=True)

    page.goto(f"/app/school/{org}/upload")
    assert_accessible(page)
    shoot(page, "school-upload-kind")
    page.click("#kind-xlsx")
    assert page.locator("#file").get_attribute("accept") == ".xlsx"
    assert_accessible(page)
    shoot(page, "school-upload-file")
    page.set_input_files("#file", files=[{"name": "plan-voorbeeld.xlsx", "buffer": demo_xlsx(),
                                          "mimeType": "application/octet-stream"}])
    page.fill("#note", "voorbeeld uit de test")
    page.click("#upload")
    versions = _versions(demo_server, org, headers)
    assert len(versions) == before + 1 and versions[0]["note"] == "voorbeeld uit de test"
    assert f"Versie {versions[0]['version']} is bewaard" in page.locator("h2").first.inner_text()
    assert_accessible(page)
    shoot(page, "school-upload-result")

    page.click("#solve")
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]+$"))
    job_id = page.url.rsplit("/", 1)[1]
    expect(page.locator("#progress")).to_contain_text("ondergrens", timeout=90_000)
    page.wait_for_selector("#chart polyline.objective", state="attached", timeout=30_000)
    assert page.locator("#progress").get_attribute("aria-live") == "polite"
    assert_accessible(page)
    shoot(page, "school-job")
    page.wait_for_selector("#open-result", timeout=120_000)
    job = httpx.get(f"{demo_server}/jobs/{job_id}", headers=headers, timeout=30).json()
    assert job["state"] == "done" and job["progress"], job
    page.wait_for_selector("#chart polyline.objective", state="attached")  # drawn again from the stored points

    page.click("#open-result")
    assert page.url.endswith(f"/timetables/{job['timetable_id']}")
    summary = httpx.get(f"{demo_server}/timetables/{job['timetable_id']}", headers=headers, timeout=30).json()
    assert f"{summary['lessons_placed']} van {summary['lessons_total']} lessen" in page.inner_text("main")
    assert_accessible(page)
    shoot(page, "school-timetable", phone=True)
    with page.expect_download() as download_info:
        page.click("#download-xlsx")
    path = tmp_path / "rooster.xlsx"
    download_info.value.save_as(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames
    with page.expect_download() as untis_info:
        page.click("#download-untis")
    untis = tmp_path / "untis.zip"
    untis_info.value.save_as(untis)
    with zipfile.ZipFile(untis) as archive:
        lessons = archive.read("GPU001.TXT").decode("utf-8").splitlines()
    assert len(lessons) >= summary["lessons_placed"]


def test_upload_mistakes_are_shown_at_their_cell_and_nothing_is_kept(browser_page, demo_server):
    """A workbook with a word where a number belongs: the result names the sheet, the cell and the value, and
    the number of versions stays the same."""
    org, _, headers = _school(demo_server)
    before = len(_versions(demo_server, org, headers))
    book = openpyxl.load_workbook(io.BytesIO(demo_xlsx()))
    book["Lessen"]["F3"] = "twee"
    buffer = io.BytesIO()
    book.save(buffer)
    page = browser_page("roosteraar")
    _upload(page, org, "xlsx", "fout.xlsx", buffer.getvalue())
    row = page.locator("table.upload-errors tbody tr").first
    cells = [cell.inner_text() for cell in row.locator("td").all()]
    assert cells[:3] == ["fout.xlsx", "Lessen", "F3"] and "'twee'" in cells[3]
    assert page.get_by_role("alert").inner_text().strip().startswith("✗")
    assert len(_versions(demo_server, org, headers)) == before
    assert_accessible(page)
    shoot(page, "school-upload-errors")


def test_publish_is_refused_naming_who_must_still_approve(browser_page, demo_server):
    """A draft some employers have not approved: Publish answers with their names and the draft stays a draft."""
    org, _, headers = _school(demo_server)
    wait_for_a_timetable(demo_server, org, headers)
    listed = httpx.get(f"{demo_server}/schools/{org}/timetables", headers=headers, timeout=30).json()
    waiting = [tt for tt in listed if tt["state"] == "draft" and tt["waiting_for"]]
    if not waiting:  # other tests on this server published the demo's first draft: make a draft that waits
        made = _replan_after_a_mark(demo_server)
        listed = httpx.get(f"{demo_server}/schools/{org}/timetables", headers=headers, timeout=30).json()
        waiting = [tt for tt in listed if tt["id"] == made and tt["waiting_for"]]
    assert waiting, "a draft waits for its employers' approval"
    draft = waiting[0]
    page = browser_page("roosteraar")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/app/school/{org}")  # the desk with its timetables: the draft's row says who it waits for
    row = page.locator(f"tr:has(a[href$='/timetables/{draft['id']}'])")
    assert row.locator("td").nth(3).inner_text().startswith("Wacht op:")
    assert_accessible(page)
    shoot(page, "school-desk-timetables", phone=True)
    row.get_by_role("link", name="Openen").click()
    page.click("#publish")
    refused = page.locator("#publish-refused").inner_text()
    for code in draft["waiting_for"]:
        assert code in refused
    assert "goedkeuren" in refused
    after = httpx.get(f"{demo_server}/timetables/{draft['id']}", headers=headers, timeout=30).json()
    assert after["state"] == "draft"
    assert_accessible(page)
    shoot(page, "school-publish-refused")
