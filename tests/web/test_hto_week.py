"""The hto'er's week page: the merged week in force, the hours against the release and the Atw, the .ics
download and the secret subscription address; nobody else's data, and nobody else's page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
from icalendar import Calendar
from playwright.sync_api import expect

from tests.web.conftest import PHONE, api_token, assert_accessible, shoot
from tests.web.hto_support import my_org, timetable_in_force


def _my_week(base: str) -> list[dict]:
    answer = httpx.get(f"{base}/me/week", headers=api_token(base, "hto"), timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["parts"]


def test_the_hto_sees_their_week_and_hours(browser_page, demo_server):
    """Logged in as hto: this calendar week's lessons and shifts (of GET /me/week, the rotating roster's week
    of this date), the hour sums with a word for OK / over, and the next week with the roster's other shifts;
    accessible; screenshots at both sizes."""
    timetable_in_force(demo_server)
    parts = _my_week(demo_server)
    lessons = {p["lesson"] for part in parts for p in part["week"]["placements"]}
    rosters = [r for part in parts for r in part["week"]["rosters"]]
    assert lessons and rosters, "the demo's hto'er has nothing in their week"
    page = browser_page("hto")
    assert page.url.endswith("/app/me")
    page.wait_for_selector(".hto-week")
    assert page.locator(".hto-item.kind-lesson").count() > 0
    shifts = page.locator(".hto-item.kind-shift").count()
    assert 0 < shifts <= len(rosters) // max(1, len({r["week"] for r in rosters}))
    assert parts[0]["school"] in page.locator("main").inner_text()
    verdicts = page.locator(".hto-hours .badge").all_inner_texts()
    assert verdicts and all(v.strip().endswith(("OK", "Te veel")) for v in verdicts)
    assert "60:00" in page.locator(".hto-hours tfoot tr").inner_text()  # the Atw's week limit (plan's policy)
    assert_accessible(page)
    shoot(page, "hto-week", phone=True)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    first = page.locator(".hto-item.kind-shift .hto-time").all_inner_texts()
    page.click("text=Volgende week")
    page.wait_for_url("**/app/me?week=*")
    if len({r["week"] for r in rosters}) > 1:  # a rotating roster: the next week has the other shifts
        assert page.locator(".hto-item.kind-shift .hto-time").all_inner_texts() != first


def test_the_ics_download_parses_and_holds_the_week(browser_page, demo_server):
    """The download link gives a calendar file that icalendar parses, with the hto'er's lessons in it."""
    timetable_in_force(demo_server)
    page = browser_page("hto")
    with page.expect_download() as waiting:
        page.click("a[href='/app/me/week.ics']")
    calendar = Calendar.from_ical(open(waiting.value.path(), "rb").read())
    events = list(calendar.walk("VEVENT"))
    assert events and any("lesson" in str(e.get("categories").to_ical()) for e in events)


def test_the_subscription_link_is_made_shown_and_works(browser_page, demo_server):
    """The button makes a secret address (POST with CSRF through htmx), shows it with a copy button, and the
    address serves the calendar without a login; a second one revokes the first."""
    timetable_in_force(demo_server)
    page = browser_page("hto")
    page.wait_for_function("window.htmx !== undefined")
    page.click("#subscription button[type=submit]")
    expect(page.locator("#ics-url")).to_have_value(re.compile(r"/calendar/.+\.ics$"))
    url = page.locator("#ics-url").input_value()
    assert "/calendar/" in url and url.endswith(".ics")
    assert page.locator("button[data-copy]").is_visible()
    assert_accessible(page)
    path = url[url.index("/calendar/"):]
    feed = httpx.get(f"{demo_server}{path}", timeout=30)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert list(Calendar.from_ical(feed.content).walk("VEVENT"))
    page.click("#subscription button[type=submit]")
    expect(page.locator("#ics-url")).not_to_have_value(url)
    assert httpx.get(f"{demo_server}{path}", timeout=30).status_code == 404


def test_no_other_hto_is_shown(browser_page, demo_server):
    """Over both weeks of the rotating roster, the hto'er's page names no other hto'er and shows none of
    the lessons only other hto'ers teach (by subject and group, from the demo's plan)."""
    from api.commands import demo_plan_path

    plan = json.loads(Path(demo_plan_path()).read_text(encoding="utf-8"))
    record = timetable_in_force(demo_server)
    full = httpx.get(f"{demo_server}/timetables/{record}", headers=api_token(demo_server, "admin"), timeout=30).json()
    lessons = {lesson["id"]: f"{lesson['subject']} · {'+'.join(lesson['groups'])}" for lesson in plan["lessons"]}
    others = [h for h in plan["htos"] if h["staff"] != "mh-hofman"]
    mine = {lessons[p["lesson"]] for p in full["timetable"]["placements"] if p["teacher"] == "HOFM"}
    theirs = {lessons[p["lesson"]] for p in full["timetable"]["placements"]
              if p["teacher"] in {h["teacher"] for h in others}} - mine
    assert theirs and mine, "the demo should have lessons of other hto'ers to hide"
    page = browser_page("hto")
    for _ in range(2):
        text = page.locator("main").inner_text()
        assert any(shown in text for shown in mine) or "Vrij" in text
        for hidden in [*theirs, *(h["name"] for h in others), *(h["staff"] for h in others)]:
            assert hidden not in text
        page.click("text=Volgende week")
        page.wait_for_load_state()


def test_other_roles_and_pages_answer_404(browser_page, demo_server):
    """A planner opening the hto'er's page, and the hto'er opening the region's page, get a 404 page."""
    planner = browser_page("planner")
    assert planner.goto("/app/me").status == 404
    assert planner.goto("/app/me/week.ics").status == 404
    region = my_org(demo_server, api_token(demo_server, "coordinator"))
    hto = browser_page("hto")
    assert hto.goto(f"/app/region/{region}").status == 404


def test_the_subscription_form_needs_its_csrf_token_and_works_without_htmx(demo_server):
    """Posted without the token it is refused and makes no address; posted as a plain form (no htmx) the
    whole page comes back with the new address, in English when chosen."""
    from tests.web.conftest import page_client

    client, token = page_client(demo_server, "hto")
    refused = client.post("/app/me/calendar", data={}, headers={"Origin": demo_server})
    assert refused.status_code == 403 and "/calendar/" not in refused.text
    client.cookies.set("hyb_lang", "en")
    answer = client.post("/app/me/calendar", data={"csrf": token}, headers={"Origin": demo_server})
    assert answer.status_code == 200 and "Your secret calendar link" in answer.text and "<h1>My week</h1>" in answer.text
    url = re.search(r'id="ics-url"[^>]*value="([^"]+)"', answer.text).group(1)
    assert httpx.get(f"{demo_server}{url[url.index('/calendar/'):]}", timeout=30).status_code == 200
