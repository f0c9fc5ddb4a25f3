"""The planner's staff list and a person's week: marking by mouse and keyboard, the immediate what-if answer,
saving and deleting marks (checked through the API)."""

from __future__ import annotations

import json
import time

import httpx

from api.commands import demo_plan_path
from tests.web.conftest import PHONE, api_token, assert_accessible, shoot
from tests.web.planner_support import org_of, wait_for_timetable


def _marks(base: str, org: str) -> list[dict]:
    return httpx.get(f"{base}/employers/{org}/marks", headers=api_token(base, "planner"), timeout=30).json()


def test_the_planner_lands_on_the_staff_list(browser_page, demo_server):
    """After login the planner sees every staff member of the demo employer, with skills, hours and hto'ers."""
    staff = next(e for e in json.loads(demo_plan_path().read_text())["employers"] if e["id"] == "metaal-hengelo")["staff"]
    page = browser_page("planner")
    assert page.url.endswith(f"/app/employer/{org_of(demo_server, 'planner')}")
    table = page.locator("table.staff")
    for person in staff:
        row = table.locator("tr", has=page.get_by_role("link", name=person["name"], exact=True))
        assert ", ".join(person["skills"]) in row.inner_text()
    hofman = table.locator("tr", has=page.get_by_role("link", name="Bram Hofman"))
    assert "hto'er" in hofman.inner_text()
    assert "hto'er" not in table.locator("tr", has=page.get_by_role("link", name="Gerrit Nijhuis")).inner_text()
    assert_accessible(page)
    shoot(page, "planner-staff", phone=True)


def test_a_block_over_a_lesson_shows_what_moves_then_saves(browser_page, demo_server):
    """Drafting a block over a slot where the hto'er teaches gives the immediate answer (the lesson moves,
    the release time changes); Save keeps the mark."""
    wait_for_timetable(demo_server)
    org = org_of(demo_server, "planner")
    page = browser_page("planner")
    page.goto(f"/app/employer/{org}/staff/mh-hofman")
    assert page.locator(".teaching li").count() >= 1
    lesson = page.locator("table.weekgrid td.teach").first
    day, start = lesson.get_attribute("data-day"), lesson.get_attribute("data-start")
    began = time.monotonic()
    lesson.click()
    answer = page.locator("#whatif [data-answer]")
    answer.wait_for()
    seconds = time.monotonic() - began
    text = answer.inner_text()
    assert "verplaatst" in text and "vrijgeroosterde tijd gaat van" in text, text
    assert seconds < 10, f"the answer took {seconds:.1f}s"
    assert page.locator("#m-day").input_value() == day and page.locator("#m-start").input_value() == start
    assert_accessible(page)
    answer.scroll_into_view_if_needed()
    shoot(page, "planner-week-whatif", phone=True)
    before = len(_marks(demo_server, org))
    answer.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(lambda url: "saved=" in url)
    marks = _marks(demo_server, org)
    assert len(marks) == before + 1
    assert any(m["staff"] == "mh-hofman" and m["day"] == day and m["start"] == start and m["level"] == "hard"
               for m in marks)
    assert page.get_by_role("status").first.inner_text().startswith("De markering is opgeslagen")


def test_a_preference_by_keyboard_then_delete(browser_page, demo_server):
    """The keyboard chooses two half hours (arrow, Shift+arrow, Enter); saved as a voorkeur; then deleted."""
    org = org_of(demo_server, "planner")
    page = browser_page("planner", viewport=PHONE)
    page.goto(f"/app/employer/{org}/staff/mh-nijhuis")
    page.get_by_label("voorkeur", exact=True).check()
    page.get_by_label("Reden (alleen uw bedrijf ziet die)").fill("tandarts")
    first = page.locator("table.weekgrid td[data-day]").first
    first.focus()
    page.keyboard.press("ArrowRight")  # Tuesday, the first half hour
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Enter")
    answer = page.locator("#whatif [data-answer]")
    answer.wait_for()
    assert page.locator("#m-day").input_value() == "tue"
    start, end = page.locator("#m-start").input_value(), page.locator("#m-end").input_value()
    assert int(end[:2]) * 60 + int(end[3:]) - int(start[:2]) * 60 - int(start[3:]) == 60
    answer.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(lambda url: "saved=" in url)
    mine = [m for m in _marks(demo_server, org) if m["staff"] == "mh-nijhuis" and m["reason"] == "tandarts"]
    assert len(mine) == 1 and mine[0]["level"] == "preference" and mine[0]["start"] == start
    item = page.locator("#marks li", has_text="tandarts")
    assert "voorkeur" in item.inner_text()
    assert_accessible(page)
    shoot(page, "planner-week", phone=True)
    page.on("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button").click()
    page.wait_for_url(lambda url: "deleted=" in url)
    assert not [m for m in _marks(demo_server, org) if m["id"] == mine[0]["id"]]
    assert page.locator("#marks li", has_text="tandarts").count() == 0


def test_a_wrong_window_is_shown_at_the_field(demo_server):
    """Saving a mark that ends before it starts keeps nothing and names the end field."""
    from tests.web.conftest import page_client

    org = org_of(demo_server, "planner")
    client, token = page_client(demo_server, "planner")
    before = len(_marks(demo_server, org))
    answer = client.post(f"/app/employer/{org}/staff/mh-hofman/marks", headers={"Origin": demo_server},
                         data={"csrf": token, "day": "fri", "start": "14:00", "end": "13:00", "level": "hard"})
    assert answer.status_code == 422 and 'id="e-end" class="field-error"' in answer.text
    assert "De eindtijd (13:00) moet na de begintijd (14:00) liggen." in answer.text
    assert len(_marks(demo_server, org)) == before


def test_dragging_drafts_a_window_and_cancel_keeps_nothing(browser_page, demo_server):
    """A drag over three half hours of one day drafts 1.5 hours; Cancel leaves the marks as they were."""
    wait_for_timetable(demo_server)
    org = org_of(demo_server, "planner")
    before = len(_marks(demo_server, org))
    page = browser_page("planner")
    page.goto(f"/app/employer/{org}/staff/mh-terhorst")
    column = page.locator("table.weekgrid td[data-day='wed']")
    column.nth(6).scroll_into_view_if_needed()
    top, bottom = column.nth(4).bounding_box(), column.nth(6).bounding_box()
    page.mouse.move(top["x"] + 5, top["y"] + 5)
    page.mouse.down()
    page.mouse.move(bottom["x"] + 5, bottom["y"] + 5, steps=4)
    page.mouse.up()
    page.locator("#whatif [data-answer]").wait_for()
    assert page.locator("#m-day").input_value() == "wed"
    assert page.locator("#m-start").input_value() == column.nth(4).get_attribute("data-start")
    assert page.locator("#m-end").input_value() == column.nth(6).get_attribute("data-end")
    assert page.locator("table.weekgrid td.chosen").count() == 3
    page.locator("#whatif").get_by_role("link", name="Annuleren").click()
    page.wait_for_load_state()
    assert page.locator("#whatif [data-answer]").count() == 0
    assert len(_marks(demo_server, org)) == before


def test_the_immediate_answer_comes_within_two_seconds(demo_server):
    """The what-if answer for a drafted mark is in the page's answer within 2 s (best of three, warm)."""
    from tests.web.conftest import page_client

    wait_for_timetable(demo_server)
    org = org_of(demo_server, "planner")
    client, token = page_client(demo_server, "planner")
    times = []
    for start, end in (("13:30", "14:00"), ("14:30", "15:00"), ("10:30", "11:00")):
        began = time.monotonic()
        answer = client.post(f"/app/employer/{org}/staff/mh-hofman/whatif",
                             headers={"Origin": demo_server, "X-CSRF-Token": token, "HX-Request": "true"},
                             data={"day": "mon", "start": start, "end": end, "level": "hard"})
        times.append(time.monotonic() - began)
        assert answer.status_code == 200 and "data-answer" in answer.text, answer.text
    assert min(times) < 2.0, times
