"""Exports per role (JSON, XLSX, CSV zip, HTML, .ics), formula injection, and the calendar subscription."""

from __future__ import annotations

import io
import zipfile

from icalendar import Calendar
from openpyxl import load_workbook

from api.services.access import org_by_code
from api.services.plans import assemble
from tests.api.service.privacy import csv_cells, xlsx_cells
from tests.api.service.timetable_data import SCHOOL, demo_solution, publish_demo, store_demo


def test_each_role_gets_its_own_sheets_and_files(client, as_user):
    """A roosteraar's workbook has the school's sheets and no employer sheet; a planner's their employer's
    section; an hto'er's their lessons and shifts. The CSV zips hold the matching files."""
    tid = store_demo(client)
    sheets = {user: load_workbook(io.BytesIO(client.get(f"/timetables/{tid}/export.xlsx",
                                                        headers=as_user(user)).content)).sheetnames
              for user in ("roosteraar", "planner", "hto", "admin")}
    assert sheets["roosteraar"] == ["placements", "groups", "teachers", "rooms", "htos", "hto busy"]
    assert sheets["planner"] == ["employer", "roster", "teaching"]
    assert sheets["hto"] == ["lessons", "shifts"]
    assert "employers" in sheets["admin"]
    for user, files in (("roosteraar", ["timetable.csv", "hto_busy.csv"]), ("planner", ["roster.csv", "teaching.csv"]),
                        ("hto", ["lessons.csv", "shifts.csv"])):
        answer = client.get(f"/timetables/{tid}/export.csv", headers=as_user(user))
        assert answer.headers["content-type"] == "application/zip"
        assert zipfile.ZipFile(io.BytesIO(answer.content)).namelist() == files
    page = client.get(f"/timetables/{tid}/views.html", headers=as_user("planner"))
    assert page.headers["content-type"].startswith("text/html") and "Metaalbewerking" in page.text
    mine = client.get(f"/timetables/{tid}/export.csv", headers=as_user("hto")).content
    lessons = zipfile.ZipFile(io.BytesIO(mine)).read("lessons.csv").decode()
    assert "HOFM" in lessons and "JANS" not in lessons


def test_a_formula_like_lesson_id_stays_text_in_csv_and_xlsx(client, as_user):
    """A lesson id starting with '=' is written with a ' in front in the CSV and the workbook: no formula."""
    plan, timetable = demo_solution()
    old = timetable.placements[0].lesson
    new = "=HYPERLINK(\"http://x\")"
    data = plan.model_dump(mode="json", exclude_defaults=True)
    for lesson in data["lessons"]:
        lesson["id"] = new if lesson["id"] == old else lesson["id"]
    from solver.domain.plan import parse_plan

    changed = timetable.model_copy(update={"plan_fingerprint": None, "placements": [
        p.model_copy(update={"lesson": new}) if p.lesson == old else p for p in timetable.placements]})
    with client.app.state.store.session() as session:
        school = org_by_code(session, "school", SCHOOL)
        from api.services.timetables import store_timetable

        tid = store_timetable(session, school=school, plan=parse_plan(data), timetable=changed).id
    for user in ("roosteraar", "admin"):
        cells = xlsx_cells(client.get(f"/timetables/{tid}/export.xlsx", headers=as_user(user)).content)
        assert "'" + new in cells and new not in cells
        archive = zipfile.ZipFile(io.BytesIO(client.get(f"/timetables/{tid}/export.csv", headers=as_user(user)).content))
        cells = csv_cells(archive.read("timetable.csv").decode("utf-8"))
        assert "'" + new in cells and new not in cells


def test_ics_per_role_parses_and_holds_what_the_role_may_see(client, as_user):
    """The hto'er's .ics parses with icalendar: for themselves shifts and lessons, for the school lessons only,
    for their planner shifts and 'teaching' without the lesson; another employer's planner gets 404."""
    tid = store_demo(client)
    url = f"/timetables/{tid}/hto/hto-hofman.ics?start=2026-01-12&weeks=2"

    def kinds(user):
        answer = client.get(url, headers=as_user(user))
        assert answer.status_code == 200, answer.text
        events = [c for c in Calendar.from_ical(answer.content).walk() if c.name == "VEVENT"]
        return {str(e["categories"].to_ical().decode()) for e in events}, [str(e["summary"]) for e in events]

    own, _ = kinds("hto")
    school, _ = kinds("roosteraar")
    planner, summaries = kinds("planner")
    assert {"shift", "lesson"} <= own and "shift" not in school and "lesson" in school
    assert "shift" in planner and all(s.startswith(("dienst", "lesgeven", "reistijd")) for s in summaries)
    assert client.get(url, headers=as_user("planner-vdveen")).status_code == 404
    assert client.get(f"/timetables/{tid}/hto/nobody.ics", headers=as_user("admin")).status_code == 404


def test_calendar_subscription_works_without_login_until_revoked(client, as_user):
    """POST /me/calendar gives a secret URL that works without a login; a new one revokes the old; DELETE
    revokes; the store keeps only the secret's hash."""
    from sqlalchemy import select

    from api.store.models import IcsToken

    publish_demo(client, as_user)
    first = client.post("/me/calendar", headers=as_user("hto")).json()["url"]
    assert first.startswith(client.app.state.settings.public_url + "/calendar/")
    path = first.removeprefix(client.app.state.settings.public_url)
    feed = client.get(path)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(feed.content).walk() if c.name == "VEVENT"]
    assert events
    second = client.post("/me/calendar", headers=as_user("hto")).json()["url"]
    assert client.get(path).status_code == 404
    second_path = second.removeprefix(client.app.state.settings.public_url)
    assert client.get(second_path).status_code == 200
    with client.app.state.store.session() as session:
        hashes = [row.token_hash for row in session.scalars(select(IcsToken))]
    secret = second_path.removeprefix("/calendar/").removesuffix(".ics")
    assert hashes and all(secret not in h for h in hashes)
    assert client.delete("/me/calendar", headers=as_user("hto")).json() == {"revoked": 1}
    assert client.get(second_path).status_code == 404
    assert client.post("/me/calendar", headers=as_user("roosteraar")).status_code == 403


def test_the_stored_plan_is_the_demo_plan(client):
    """The timetable tests solve the demo file once and store it against the plan assembled from the store:
    both are the same plan (the same lessons and hto'ers)."""
    plan = demo_solution()[0]
    with client.app.state.store.session() as session:
        stored = assemble(session, org_by_code(session, "school", SCHOOL))[0]
    assert [lesson.id for lesson in stored.lessons] == [lesson.id for lesson in plan.lessons]
    assert [h.id for h in stored.htos] == [h.id for h in plan.htos]
