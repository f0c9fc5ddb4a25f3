"""The planner's demand editor and coverage, the approval of a draft that waits for their employer, and the
pages of another employer or role answering 404."""

from __future__ import annotations

import httpx

from tests.web.conftest import api_token, assert_accessible, page_client, shoot
from tests.web.planner_support import hofman_release_shown, org_of, wait_for_timetable, wait_job


def _demand(base: str, org: str) -> dict:
    return httpx.get(f"{base}/employers/{org}/demand", headers=api_token(base, "planner"), timeout=30).json()


def test_a_demand_edit_makes_a_new_version_and_errors_show_at_the_field(browser_page, demo_server):
    """A wrong number is refused at its field (no new version); a right one makes a new version; the coverage
    chart shows required against present per window."""
    wait_for_timetable(demo_server)
    org = org_of(demo_server, "planner")
    before = _demand(demo_server, org)
    page = browser_page("planner")
    page.goto(f"/app/employer/{org}/demand")
    first = before["demand"][0]
    field = page.locator("#min-0")
    assert field.input_value() == str(first["min_staff"])
    field.fill("0")
    page.locator("#demand-form-0 button").click()
    assert page.locator("#min-err-0").inner_text() == "Vul een heel getal van 1 of meer in."
    assert page.locator("#min-0").get_attribute("aria-invalid") == "true"
    assert _demand(demo_server, org)["version"] == before["version"]
    page.locator("#min-0").fill(str(first["min_staff"] + 1))
    page.locator("#demand-form-0 button").click()
    page.wait_for_url(lambda url: "saved=0" in url)
    after = _demand(demo_server, org)
    assert after["version"] == before["version"] + 1
    assert after["demand"][0]["min_staff"] == first["min_staff"] + 1
    assert f"versie {after['version']}" in page.get_by_role("status").inner_text()
    coverage = page.locator("#coverage table.coverage")
    coverage.wait_for()
    rows = coverage.locator("tbody tr")
    assert rows.count() >= len(before["demand"])
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[1] == first["skill"] and cells[2] == str(first["min_staff"])  # the plan the timetable was made for
    assert "maandag" in cells[0] and first["start"] in cells[0]
    week_two = page.locator("#coverage").get_by_role("button", name="Week 2")
    if week_two.count():
        week_two.click()
        page.locator("#coverage caption", has_text="Week 2").wait_for()
    assert_accessible(page)
    shoot(page, "planner-demand", phone=True)
    coverage.scroll_into_view_if_needed()
    shoot(page, "planner-coverage", phone=True)
    page.locator("#min-0").fill(str(first["min_staff"]))  # put it back: other tests re-plan with this demand
    page.locator("#demand-form-0 button").click()
    page.wait_for_url(lambda url: "saved=0" in url)
    assert _demand(demo_server, org)["demand"][0]["min_staff"] == first["min_staff"]


def _replan_after_a_mark(base: str) -> str:
    """A block over one of Hofman's lessons (API, planner), then a re-plan as the roosteraar: the draft's id."""
    planner, roosteraar = api_token(base, "planner"), api_token(base, "roosteraar")
    org, school = org_of(base, "planner"), org_of(base, "roosteraar")
    drafts = httpx.get(f"{base}/schools/{school}/timetables", headers=roosteraar, timeout=30).json()
    base_id = drafts[0]["id"]
    view = httpx.get(f"{base}/timetables/{base_id}", headers=planner, timeout=30).json()["timetable"]
    lesson = next(w for w in view["teaching"] if w["staff"] == "mh-hofman")
    mark = httpx.post(f"{base}/employers/{org}/marks", headers=planner, timeout=30, json={
        "staff": "mh-hofman", "day": lesson["day"], "start": lesson["start"], "end": lesson["end"],
        "reason": "test approvals", "level": "hard"})
    assert mark.status_code == 201, mark.text
    job = httpx.post(f"{base}/schools/{school}/replan", headers=roosteraar, timeout=60,
                     json={"based_on": base_id, "time_limit": 20}).json()
    job = wait_job(base, roosteraar, job["id"])
    assert job["state"] == "done" and job["timetable_id"], job
    httpx.delete(f"{base}/employers/{org}/marks/{mark.json()['id']}", headers=planner, timeout=30)
    return job["timetable_id"]


def test_approve_a_draft_then_the_staff_page_shows_the_new_release(browser_page, demo_server):
    """A re-plan after a mark waits for this employer; the planner approves it on the page (checked through the
    API); once published, the person's week shows that timetable's lesson times as in force."""
    wait_for_timetable(demo_server)
    draft_id = _replan_after_a_mark(demo_server)
    roosteraar = api_token(demo_server, "roosteraar")
    summary = httpx.get(f"{demo_server}/timetables/{draft_id}", headers=roosteraar, timeout=30).json()
    assert "metaal-hengelo" in summary["waiting_for"], summary["waiting_for"]
    org = org_of(demo_server, "planner")
    page = browser_page("planner")
    page.goto(f"/app/employer/{org}/approvals")
    card = page.locator("section.draft-card", has=page.locator(f"[data-approve='{draft_id}']"))
    assert "wacht op uw goedkeuring" in card.inner_text()
    assert "Bram Hofman" in card.inner_text()  # his lesson time changes
    assert_accessible(page)
    shoot(page, "planner-approvals", phone=True)
    card.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_url(lambda url: "approved=" in url)
    summary = httpx.get(f"{demo_server}/timetables/{draft_id}", headers=roosteraar, timeout=30).json()
    assert "metaal-hengelo" not in summary["waiting_for"]
    assert any(a["employer"] == "metaal-hengelo" and a["by"] == "planner" for a in summary["approvals"])
    for other in summary["waiting_for"]:
        user = {"vdveen-installatie": "planner-vdveen", "twente-onderhoud": "planner-onderhoud"}[other]
        assert httpx.post(f"{demo_server}/timetables/{draft_id}/approve", headers=api_token(demo_server, user),
                          timeout=30).status_code == 200
    published = httpx.post(f"{demo_server}/timetables/{draft_id}/publish", headers=roosteraar, timeout=30)
    assert published.status_code == 200, published.text
    hofman_release_shown(page, demo_server, org, draft_id)


def test_other_employers_and_roles_get_404(demo_server):
    """planner-vdveen, the roosteraar and the hto'er get 404 on metaal-hengelo's planner pages and forms."""
    org = org_of(demo_server, "planner")
    paths = [f"/app/employer/{org}", f"/app/employer/{org}/staff/mh-hofman", f"/app/employer/{org}/demand",
             f"/app/employer/{org}/approvals", f"/app/employer/{org}/coverage"]
    for user in ("planner-vdveen", "roosteraar", "hto"):
        client, token = page_client(demo_server, user)
        for path in paths:
            answer = client.get(path)
            assert answer.status_code == 404 and "u mag hem niet zien" in answer.text, (user, path)
        posted = client.post(f"/app/employer/{org}/staff/mh-hofman/marks", headers={"Origin": demo_server},
                             data={"csrf": token, "day": "mon", "start": "08:00", "end": "09:00"})
        assert posted.status_code == 404, user
        demand = client.post(f"/app/employer/{org}/demand/0", headers={"Origin": demo_server},
                             data={"csrf": token, "min_staff": "5", "skill": "CNC"})
        assert demand.status_code == 404, user
    own, _ = page_client(demo_server, "planner-vdveen")
    assert own.get(f"/app/employer/{org_of(demo_server, 'planner-vdveen')}").status_code == 200
