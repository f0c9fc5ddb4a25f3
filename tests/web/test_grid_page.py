"""The roosteraar's timetable grid: the week of a group from the demo's timetable, "why here" for a lesson,
the keyboard, and 404 for other roles and other organisations."""

from __future__ import annotations

import time

import httpx

from api.web.i18n import LANGUAGES, catalogue
from api.web.routes.grid import PROBLEMS
from api.web.routes.grid_data import LOCK_PARTS, VIEWS_KINDS
from tests.web.conftest import PHONE, api_token, assert_accessible, shoot


def school_id(base: str) -> str:
    headers = api_token(base, "roosteraar")
    orgs = httpx.get(f"{base}/organisations", headers=headers, timeout=30).json()
    return next(org["id"] for org in orgs if org["kind"] == "school")


def wait_for_timetable(base: str, school: str, seconds: float = 180) -> None:
    """The demo's first solve has kept a timetable (asked through the API)."""
    headers = api_token(base, "roosteraar")
    deadline = time.monotonic() + seconds
    while not httpx.get(f"{base}/schools/{school}/timetables", headers=headers, timeout=30).json():
        assert time.monotonic() < deadline, "the demo's first timetable did not come"
        time.sleep(2)


def open_grid(browser_page, base: str, query: str = "", **kwargs):
    school = school_id(base)
    wait_for_timetable(base, school)
    page = browser_page("roosteraar", **kwargs)
    page.goto(f"/app/school/{school}/grid{query}")
    page.wait_for_selector("#grid-table")
    return page, school


def shown_timetable(base: str, page) -> dict:
    """The timetable the page shows, as the API gives it to the roosteraar."""
    timetable = page.locator("#grid-table").get_attribute("data-timetable")
    answer = httpx.get(f"{base}/timetables/{timetable}", headers=api_token(base, "roosteraar"), timeout=30)
    answer.raise_for_status()
    return answer.json()


def open_why(page, lesson_locator) -> None:
    """Click a lesson and wait until its why panel is in and marked on the grid."""
    lesson = lesson_locator.get_attribute("data-lesson")
    lesson_locator.click()
    page.wait_for_selector(f'#why-panel .why[data-why-lesson="{lesson}"]', timeout=60_000)
    page.wait_for_selector("#grid-table td[data-why]")


def test_a_groups_grid_shows_its_lessons_of_the_demo_timetable(browser_page, demo_server):
    """Every lesson of the group in the timetable is in its grid, each cell with its subject as text."""
    page, school = open_grid(browser_page, demo_server)
    group = page.locator("#grid-id").input_value()
    timetable = shown_timetable(demo_server, page)
    plan = httpx.get(f"{demo_server}/schools/{school}/plan", headers=api_token(demo_server, "roosteraar"),
                     timeout=30).json()["body"]
    lessons = {x["id"]: x for x in plan["lessons"]}
    own = {p["lesson"] for p in timetable["timetable"]["placements"] if group in lessons[p["lesson"]].get("groups", [])}
    shown = set(page.locator(".lesson[data-first]").evaluate_all("els => els.map(e => e.dataset.lesson)"))
    assert own and own <= shown
    assert shown <= {p["lesson"] for p in timetable["timetable"]["placements"]}
    one = page.locator(".lesson[data-first]").first
    assert one.locator(".subj").inner_text() == lessons[one.get_attribute("data-lesson")]["subject"]
    cell = page.locator("td:has(.lesson[data-first])").first
    words = cell.text_content()
    assert lessons[one.get_attribute("data-lesson")]["subject"] in words and "uur:" in words
    assert group in page.locator("#grid-caption").inner_text()
    assert_accessible(page)
    shoot(page, "grid-group", phone=True)


def test_the_other_views_teacher_room_and_hto(browser_page, demo_server):
    """The hto'er view marks their lessons with a star and the word hto; a room's grid lists its lessons."""
    page, _school = open_grid(browser_page, demo_server, "?view=hto")
    assert page.locator("#grid-view").input_value() == "hto"
    marked = page.locator(".lesson.hto .mark-hto")
    assert marked.count() > 0 and "hto" in marked.first.inner_text()
    assert "hto'er" in page.locator("td:has(.lesson.hto)").first.text_content()
    # when the hto'er is at the company (the roosteraar's view: when, not why), and never a lesson then
    assert page.locator("td.company .at-company").count() > 0
    assert page.locator("td.company:has(.lesson)").count() == 0
    assert_accessible(page)
    shoot(page, "grid-hto")
    page.select_option("#grid-view", "room")
    page.wait_for_url(lambda url: "view=room" in url)
    assert page.locator(".lesson").count() > 0
    assert_accessible(page)


def test_why_here_lists_every_other_slot_with_its_rule(browser_page, demo_server):
    """The panel lists the other slots, free or worse or forbidden, with the rule in words; the grid shows them."""
    page, _school = open_grid(browser_page, demo_server)
    lesson = page.locator(".lesson[data-first]").first
    open_why(page, lesson)
    timetable = page.locator("#grid-table").get_attribute("data-timetable")
    why = httpx.get(f"{demo_server}/timetables/{timetable}/why/{lesson.get_attribute('data-lesson')}",
                    params={"copy": lesson.get_attribute("data-copy")},
                    headers=api_token(demo_server, "roosteraar"), timeout=60).json()
    here = (why["placement"]["day"], why["placement"]["period"])
    slots = {(a["day"], a["period"]) for a in why["alternatives"]} - {here}
    rows = page.locator("#why-panel tr[data-verdict]")
    assert rows.count() == len(slots)
    forbidden = page.locator('#why-panel tr[data-verdict="forbidden"]').first
    assert "verboden" in forbidden.inner_text() and forbidden.locator(".rules li").count() >= 1
    assert page.locator('#grid-table td[data-why="forbidden"] .why-mark').first.inner_text() == "✕"
    assert page.locator("#grid-table td.why-here").count() == 1
    assert_accessible(page)
    shoot(page, "grid-why")


def test_keyboard_arrows_move_and_enter_opens_why(browser_page, demo_server):
    """Arrow keys move the focus between cells; Enter on a lesson opens its why panel."""
    page, _school = open_grid(browser_page, demo_server)
    first = page.locator('#grid-table td[data-row="0"][data-col="0"]')
    first.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.col") == "1"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("[document.activeElement.dataset.row, document.activeElement.dataset.col]") == ["1", "1"]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement") == first.evaluate("el => el")
    target = page.locator("td:has(.lesson[data-first])").first
    row, col = int(target.get_attribute("data-row")), int(target.get_attribute("data-col"))
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(col):
        page.keyboard.press("ArrowRight")
    focused = page.evaluate("[document.activeElement.dataset.row, document.activeElement.dataset.col]")
    assert focused == [str(row), str(col)]
    page.keyboard.press("Enter")
    lesson = target.locator(".lesson[data-first]").first.get_attribute("data-lesson")
    page.wait_for_selector(f'#why-panel .why[data-why-lesson="{lesson}"]', timeout=60_000)


def test_the_grid_is_404_for_other_roles_and_other_organisations(browser_page, demo_server):
    """A planner or an hto'er gets 404 on the school's grid; the roosteraar gets 404 on an employer's id."""
    school = school_id(demo_server)
    for user in ("planner", "hto"):
        page = browser_page(user)
        assert page.goto(f"/app/school/{school}/grid").status == 404
        assert page.goto(f"/app/school/{school}/grid/why?timetable=x&lesson=y").status == 404
    headers = api_token(demo_server, "planner")
    employer = next(org["id"] for org in httpx.get(f"{demo_server}/organisations", headers=headers, timeout=30).json()
                    if org["kind"] == "employer")
    page = browser_page("roosteraar")
    assert page.goto(f"/app/school/{employer}/grid").status == 404
    assert page.goto(f"/app/school/{school}/grid?timetable=not-a-timetable").status == 404


def test_the_grid_scrolls_in_its_box_on_a_phone(browser_page, demo_server):
    """At 390 px the week is wider than the screen: its box scrolls, the page does not."""
    page, _school = open_grid(browser_page, demo_server, viewport=PHONE)
    box = page.locator(".grid-main .scroll")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1


def test_every_message_the_grid_builds_from_a_value_exists():
    """The keys the templates put together (view, state, verdict, lock part, job state) are all in the catalogue."""
    families = {"grid.view": VIEWS_KINDS, "grid.which": VIEWS_KINDS, "grid.lock": LOCK_PARTS,
                "grid.lock.short": LOCK_PARTS, "grid.state": ("draft", "published", "superseded"),
                "grid.verdict": ("cheaper", "equal", "costlier", "forbidden"), "grid.problem": PROBLEMS,
                "grid.done": ("lock", "move", "undo", "replan"),
                "grid.job": ("queued", "running", "done", "failed", "cancelled")}
    missing = [f"{family}.{value}" for family, values in families.items() for value in values
               if not all(catalogue().get(f"{family}.{value}", {}).get(lang) for lang in LANGUAGES)]
    assert not missing


def test_the_grid_in_english(browser_page, demo_server):
    """After switching to English the grid, its days and its why panel speak English."""
    page, _school = open_grid(browser_page, demo_server)
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("#grid-table")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#grid-caption").inner_text().startswith("Week timetable")
    assert "Monday" in page.locator("#grid-table thead").inner_text()
    open_why(page, page.locator(".lesson[data-first]").first)
    assert page.locator("#why-panel caption").inner_text().startswith("Other places")
    assert_accessible(page)


def test_enter_again_opens_the_next_lesson_of_a_cell_with_two(browser_page, demo_server):
    """In a group split in two halves at the same time, Enter opens one half's lesson, Enter again the other's."""
    page, _school = open_grid(browser_page, demo_server)
    for group in page.locator("#grid-id option").evaluate_all("els => els.map(e => e.value)"):
        page.goto(f"{page.url.split('?')[0]}?view=group&id={group}")
        page.wait_for_selector("#grid-table")
        double = page.locator("td:has(.lesson[data-first] ~ .lesson[data-first])")
        if double.count():
            break
    assert double.count(), "the demo has a group whose halves have lessons at the same time"
    cell = double.first
    lessons = cell.locator(".lesson[data-first]").evaluate_all("els => els.map(e => e.dataset.lesson)")
    cell.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#why-panel .why[data-why-lesson="{lessons[0]}"]', timeout=60_000)
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#why-panel .why[data-why-lesson="{lessons[1]}"]', timeout=60_000)
