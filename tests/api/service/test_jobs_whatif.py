"""What-if and re-plan jobs on the solved demo: a planner's what-if names only their own staff and nothing of
the school's lessons or groups; a roosteraar's never shows the company's shifts; a re-plan after a new mark
keeps a draft with its diff."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import undefer

from api.store.models import Mark, Organisation, TimetableRecord
from solver.domain import Plan
from tests.api.service.conftest import login
from tests.api.service.jobs_support import DEMO_SOLVE, job_app, org_id, wait_job


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """The demo with workers and one solved timetable: (client, school id, the solve job)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('whatif') / 'hybrooster.db'}"
    with TestClient(job_app(url)) as client:
        headers = login(client, "roosteraar")
        school = org_id(client, headers)
        job_id = client.post(f"/schools/{school}/solve", json=DEMO_SOLVE, headers=headers).json()["id"]
        job = wait_job(client, headers, job_id)
        assert job["state"] == "done", job.get("error")
        yield client, school, job


def _record(client, timetable_id: str) -> TimetableRecord:
    with client.app.state.store.session() as session:  # the large columns are deferred: load them here
        return session.get(TimetableRecord, timetable_id, options=[undefer("*")])


def _hofman_day(client, timetable_id: str) -> str:
    """A day on which the demo hto'er Bram Hofman (teacher HOFM) teaches in the timetable."""
    return next(p["day"] for p in _record(client, timetable_id).body["placements"] if p["teacher"] == "HOFM")


def _strings(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {s for item in value.values() for s in _strings(item)}
    if isinstance(value, list):
        return {s for item in value for s in _strings(item)}
    return {value} if isinstance(value, str) else set()


def test_planner_whatif_names_only_their_staff_and_no_lessons(solved):
    """'If I mark Hofman all day, what moves?' comes back in one request, with their staff's teaching times
    and nothing that names a lesson, a group or another teacher."""
    client, _school, job = solved
    planner = login(client, "planner")
    employer = org_id(client, planner)
    day = _hofman_day(client, job["timetable_id"])
    began = time.monotonic()
    answer = client.post(f"/employers/{employer}/whatif?wait=10", headers=planner,
                         json={"mark": {"staff": "mh-hofman", "day": day, "start": "07:00", "end": "19:00"}})
    assert answer.status_code == 200, answer.text
    assert time.monotonic() - began < 10
    result = answer.json()["result"]
    [school] = result["schools"]
    assert school["still_holds"] is False and school["teaching_changes"]
    staff = {member.id for e in Plan.model_validate(_record(client, job["timetable_id"]).plan).employers
             if e.id == "metaal-hengelo" for member in e.staff}
    assert {change["staff"] for change in school["teaching_changes"]} <= staff
    assert all(window["day"] != day for change in school["teaching_changes"] if change["staff"] == "mh-hofman"
               for window in change["after"])
    plan = Plan.model_validate(_record(client, job["timetable_id"]).plan)
    groups = {group.id for school in plan.schools for group in school.groups}
    forbidden = ({lesson.id for lesson in plan.lessons} | groups
                 | {teacher.id for teacher in plan.teachers} | {"placements", "groups", "lessons", "lesson"})
    for shown in (answer.json(), client.get(f"/jobs/{answer.json()['id']}/result", headers=planner).json()):
        assert not _strings(shown) & forbidden, _strings(shown) & forbidden
    assert client.get(f"/jobs/{answer.json()['id']}", headers=login(client, "roosteraar")).status_code == 404
    assert client.get(f"/jobs/{answer.json()['id']}", headers=login(client, "planner-vdveen")).status_code == 404


def test_planner_whatif_refuses_someone_elses_staff(solved):
    """A mark for staff of another employer is a 422 that names the field."""
    client, _school, _job = solved
    planner = login(client, "planner")
    answer = client.post(f"/employers/{org_id(client, planner)}/whatif", headers=planner,
                         json={"mark": {"staff": "vv-elamrani", "day": "mon", "start": "08:00", "end": "12:00"}})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "mark", "staff"]


def test_school_whatif_hides_the_companies_shifts_from_the_roosteraar(solved):
    """A roosteraar's what-if lists the lessons that move, never shifts added or removed; a coordinator sees
    those too."""
    client, school, job = solved
    roosteraar = login(client, "roosteraar")
    day = _hofman_day(client, job["timetable_id"])
    change = {"type": "teacher_unavailable", "teacher": "HOFM", "day": day, "start": "07:00", "end": "19:00"}
    answer = client.post(f"/schools/{school}/whatif?wait=10", headers=roosteraar, json={"change": change})
    assert answer.status_code == 200, answer.text
    result = answer.json()["result"]
    assert result["still_holds"] is False and result["diff"]["moved"]
    assert "shifts_added" not in result["diff"] and "objective" not in result
    seen = client.get(f"/jobs/{answer.json()['id']}", headers=login(client, "coordinator")).json()["result"]
    assert "shifts_added" in seen["diff"]
    assert _record(client, job["timetable_id"]).state == "draft"  # nothing new was kept
    wrong = client.post(f"/schools/{school}/whatif", headers=roosteraar,
                        json={"change": {**change, "day": "someday"}})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == ["body", "change", "day"]


def test_replan_after_a_new_mark_keeps_a_draft_with_its_diff(solved):
    """A planner's new mark (in the store) and a re-plan: a new certified draft, based on the first one, in
    which Hofman no longer teaches in the marked window, and the diff says what moved."""
    client, school, job = solved
    day = _hofman_day(client, job["timetable_id"])
    with client.app.state.store.session() as session:
        employer = session.query(Organisation).filter_by(kind="employer", code="metaal-hengelo").one()
        session.add(Mark(org_id=employer.id, staff="mh-hofman", day=day, start="07:00", end="19:00",
                         reason="audit"))
    roosteraar = login(client, "roosteraar")
    answer = client.post(f"/schools/{school}/replan?wait=10", headers=roosteraar, json={})
    assert answer.status_code in (200, 202), answer.text
    replanned = wait_job(client, roosteraar, answer.json()["id"])
    assert replanned["state"] == "done", replanned
    record = _record(client, replanned["timetable_id"])
    assert record.based_on == job["timetable_id"] and record.report["hard_violations"] == 0
    assert record.diff["moved"] and replanned["result"]["diff"]["moved"] == record.diff["moved"]
    assert not [p for p in record.body["placements"] if p["teacher"] == "HOFM" and p["day"] == day]
    result = client.get(f"/jobs/{replanned['id']}/result", headers=roosteraar).json()
    assert result["diff"]["moved"] and "shifts_added" not in result["diff"]
