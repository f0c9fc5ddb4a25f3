"""Locks and moves on the grid: each is a new version of the school's plan (undoable), a forbidden drop is
refused with its rule, and a re-plan after a move keeps the lesson where it was put."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.web.conftest import api_token, assert_accessible, page_client, shoot
from tests.web.test_grid_page import open_grid, open_why, school_id, wait_for_timetable


def plan_now(base: str, school: str) -> dict:
    """The school's newest plan version (number and body), through the API."""
    answer = httpx.get(f"{base}/schools/{school}/plan", headers=api_token(base, "roosteraar"), timeout=30)
    answer.raise_for_status()
    return answer.json()


def lesson_of(plan: dict, lesson: str) -> dict:
    return next(x for x in plan["body"]["lessons"] if x["id"] == lesson)


def restore(base: str, school: str, number: int) -> None:
    """Put the plan back as it was before the test (other tests share the demo server)."""
    httpx.post(f"{base}/schools/{school}/plan/versions/{number}/restore", headers=api_token(base, "roosteraar"),
               json={"note": "test cleanup"}, timeout=60).raise_for_status()


def test_lock_slot_and_room_with_the_checkboxes_then_undo(browser_page, demo_server):
    """The checkboxes keep a new plan version with the lesson's slot and room locked; the grid shows the
    padlock; undo brings the version before back."""
    page, school = open_grid(browser_page, demo_server)
    lesson = page.locator(".lesson[data-first]").first
    lesson_id = lesson.get_attribute("data-lesson")
    before = plan_now(demo_server, school)
    open_why(page, lesson)
    page.locator("#lock-slot").set_checked(True)
    page.locator("#lock-room").set_checked(True)
    page.locator("#lock-teacher").set_checked(False)
    assert_accessible(page)
    page.locator(".lock-form button[type=submit]").click()
    page.wait_for_url(lambda url: "done=lock" in url)
    after = plan_now(demo_server, school)
    assert after["version"] == before["version"] + 1
    locked = lesson_of(after, lesson_id)
    assert locked["lock"] == {"slot": True, "room": True}
    assert all(c.get("room") for c in locked["current"])
    trail = httpx.get(f"{demo_server}/organisations/{school}/audit", params={"limit": 5},
                      headers=api_token(demo_server, "roosteraar"), timeout=30).json()["items"]
    entry = next(item for item in trail if item["after"] and item["after"].get("version") == after["version"])
    assert (entry["action"], entry["user"], entry["after"]["lesson"]) == ("lock", "roosteraar", lesson_id)
    mark = page.locator(f'.lesson[data-lesson="{lesson_id}"][data-first] .mark-lock').first
    assert "tijd" in mark.inner_text() and "lokaal" in mark.inner_text()
    assert page.get_by_role("status").filter(has_text=f"planversie {after['version']}").count() == 1
    shoot(page, "grid-locked")
    page.get_by_role("button", name="Ongedaan maken").click()
    page.wait_for_url(lambda url: "done=undo" in url)
    undone = plan_now(demo_server, school)
    assert undone["version"] == after["version"] + 1
    assert lesson_of(undone, lesson_id).get("lock", {}) == lesson_of(before, lesson_id).get("lock", {})


def test_key_l_toggles_the_slot_lock_of_the_focused_lesson(browser_page, demo_server):
    """L on a cell locks its lesson's slot (a new plan version) and the focus comes back to it; L again frees it."""
    page, school = open_grid(browser_page, demo_server)
    before = plan_now(demo_server, school)
    cell = page.locator("td:has(.lesson[data-first])").first
    lesson_id = cell.locator(".lesson[data-first]").first.get_attribute("data-lesson")
    was = bool(lesson_of(before, lesson_id).get("lock", {}).get("slot"))
    cell.focus()
    page.keyboard.press("l")
    page.wait_for_url(lambda url: "done=lock" in url)
    page.wait_for_function("document.activeElement && document.activeElement.matches('td[data-row]')")
    assert page.evaluate("document.activeElement.querySelector('.lesson') && "
                         "document.activeElement.querySelector('.lesson').dataset.lesson") == lesson_id
    assert bool(lesson_of(plan_now(demo_server, school), lesson_id).get("lock", {}).get("slot")) is not was
    page.keyboard.press("L")
    page.wait_for_url(lambda url: re.search(r"version=(\d+)", url).group(1) == str(before["version"] + 2))
    assert bool(lesson_of(plan_now(demo_server, school), lesson_id).get("lock", {}).get("slot")) is was


def test_a_forbidden_drop_is_refused_with_its_rule(browser_page, demo_server):
    """Dropping a lesson on a forbidden cell says which rule forbids it and keeps nothing; the server refuses
    such a move too."""
    page, school = open_grid(browser_page, demo_server)
    lesson = page.locator(".lesson[data-first]").first
    open_why(page, lesson)
    before = plan_now(demo_server, school)
    target = page.locator('#grid-table td[data-why="forbidden"]').first
    reason = target.get_attribute("data-reason")
    assert reason
    lesson.drag_to(target)
    message = page.locator("#grid-message")
    assert message.inner_text().startswith("Hier kan de les niet")
    assert reason.split("; ")[0] in message.inner_text()
    assert plan_now(demo_server, school)["version"] == before["version"]
    client, token = page_client(demo_server, "roosteraar")
    answer = client.post(f"/app/school/{school}/grid/move", headers={"Origin": demo_server}, data={
        "csrf": token, "timetable": page.locator("#grid-table").get_attribute("data-timetable"),
        "lesson": lesson.get_attribute("data-lesson"), "copy": lesson.get_attribute("data-copy"),
        "day": target.get_attribute("data-day"), "period": target.get_attribute("data-period")})
    assert answer.status_code == 303 and "refused=" in answer.headers["location"]
    assert plan_now(demo_server, school)["version"] == before["version"]


def test_a_drop_on_an_allowed_cell_is_kept_and_the_replan_keeps_it(browser_page, demo_server):
    """An allowed drop keeps the lesson's slot locked at the new place; the re-plan job's new draft has it there."""
    page, school = open_grid(browser_page, demo_server)
    allowed = page.locator('#grid-table td[data-why]:not([data-why="forbidden"])')
    for lesson in page.locator(".lesson[data-first]").all()[:8]:
        # a lesson whose slot the timetable's plan locked (another test's re-plan) may go nowhere else
        open_why(page, lesson)
        if allowed.count():
            break
    lesson_id, copy = lesson.get_attribute("data-lesson"), int(lesson.get_attribute("data-copy"))
    before = plan_now(demo_server, school)
    target = allowed.first
    day, period = target.get_attribute("data-day"), int(target.get_attribute("data-period"))
    try:
        lesson.drag_to(target)
        page.wait_for_url(lambda url: "done=move" in url)
        kept = lesson_of(plan_now(demo_server, school), lesson_id)
        assert kept["lock"]["slot"] is True
        moved = next(c for c in kept["current"] if c.get("copy", 0) == copy)
        assert (moved["day"], moved["period"]) == (day, period)
        page.get_by_role("button", name="Nu herplannen").click()
        page.wait_for_url(lambda url: "done=replan" in url)
        link = page.locator("a[data-new-timetable]")
        link.wait_for(timeout=240_000)
        new = link.get_attribute("data-new-timetable")
        answer = httpx.get(f"{demo_server}/timetables/{new}", headers=api_token(demo_server, "roosteraar"), timeout=30)
        placed = next(p for p in answer.json()["timetable"]["placements"]
                      if p["lesson"] == lesson_id and p.get("copy", 0) == copy)
        assert (placed["day"], placed["period"]) == (day, period)
        link.click()
        page.wait_for_selector(f'td[data-day="{day}"][data-period="{period}"] .lesson[data-lesson="{lesson_id}"]')
    finally:
        restore(demo_server, school, before["version"])


def test_keyboard_move_m_then_arrows_and_enter_refuses_a_forbidden_cell(browser_page, demo_server):
    """M picks a lesson up, the arrows carry it, Enter on a forbidden cell is refused with the rule; Esc cancels."""
    page, school = open_grid(browser_page, demo_server)
    before = plan_now(demo_server, school)
    cell = page.locator("td:has(.lesson[data-first])").first
    lesson = cell.locator(".lesson[data-first]").first.get_attribute("data-lesson")
    cell.focus()
    page.keyboard.press("m")
    page.wait_for_selector(f'#why-panel .why[data-why-lesson="{lesson}"]', timeout=60_000)
    page.wait_for_selector("#grid-table td[data-why]")
    assert "Verplaatsen" in page.locator("#grid-live").inner_text()
    target = page.locator('#grid-table td[data-why="forbidden"]').first
    row, col = int(cell.get_attribute("data-row")), int(cell.get_attribute("data-col"))
    to_row, to_col = int(target.get_attribute("data-row")), int(target.get_attribute("data-col"))
    for _ in range(abs(to_row - row)):
        page.keyboard.press("ArrowDown" if to_row > row else "ArrowUp")
    for _ in range(abs(to_col - col)):
        page.keyboard.press("ArrowRight" if to_col > col else "ArrowLeft")
    page.keyboard.press("Enter")
    assert page.locator("#grid-message").inner_text().startswith("Hier kan de les niet")
    assert plan_now(demo_server, school)["version"] == before["version"]
    cell.focus()
    page.keyboard.press("m")
    page.keyboard.press("Escape")
    expect(page.locator("#grid-live")).to_contain_text("afgebroken")


def test_a_lock_without_its_csrf_token_or_from_another_origin_changes_nothing(demo_server):
    """The lock form posted without the login's token, or from another site, is refused; no version is kept."""
    school = school_id(demo_server)
    wait_for_timetable(demo_server, school)
    client, token = page_client(demo_server, "roosteraar")
    timetable = httpx.get(f"{demo_server}/schools/{school}/timetables", headers=api_token(demo_server, "roosteraar"),
                          timeout=30).json()[0]["id"]
    lesson = plan_now(demo_server, school)["body"]["lessons"][0]["id"]
    before = plan_now(demo_server, school)["version"]
    form = {"timetable": timetable, "lesson": lesson, "slot": "on"}
    assert client.post(f"/app/school/{school}/grid/lock", data=form, headers={"Origin": demo_server}).status_code == 403
    assert client.post(f"/app/school/{school}/grid/lock", data={**form, "csrf": token},
                       headers={"Origin": "https://elsewhere.example"}).status_code == 403
    assert plan_now(demo_server, school)["version"] == before
