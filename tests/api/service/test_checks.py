"""Checks without solving: validate a timetable a school has, explain a plan without a timetable, and why a
lesson is where it is."""

from __future__ import annotations

import json

from api.services.plans import add_version, split_plan
from api.store.models import Organisation
from solver.domain.plan import parse_plan
from tests.api.service.timetable_data import SCHOOL, demo_solution, ids, store_demo
from tests.solver.solve_helpers import locked, plan_dict

WEEK = {d: ["08:30-09:20", "09:20-10:10"] for d in ("mon", "tue", "wed", "thu", "fri")}


def test_validate_an_uploaded_timetable_file_and_a_json_body(client, as_user):
    """The demo timetable, sent as a file or as JSON, breaks no hard rule of the school's plan."""
    school = ids(client)[SCHOOL]
    data = demo_solution()[1].model_dump_json().encode()
    as_file = client.post(f"/schools/{school}/validate", headers=as_user("roosteraar"),
                          files={"file": ("timetable.json", data, "application/json")})
    assert as_file.status_code == 200, as_file.text
    assert (as_file.json()["ok"], as_file.json()["hard_violations"]) == (True, 0)
    as_body = client.post(f"/schools/{school}/validate", content=data,
                          headers={**as_user("coordinator"), "content-type": "application/json"})
    assert as_body.json()["ok"] is True and as_body.json()["report"]["soft_cost"] > 0
    assert client.post(f"/schools/{school}/validate", headers=as_user("planner"), content=data).status_code == 403


def test_a_broken_timetable_names_its_hard_violations(client, as_user):
    """Two lessons of one group at the same time: the group clash is named, with the group."""
    school = ids(client)[SCHOOL]
    timetable = demo_solution()[1]
    placements = list(timetable.placements)
    first = next(p for p in placements if "MT1A" in p.lesson)
    index, other = next((i, p) for i, p in enumerate(placements) if p.lesson.startswith("MT1A") and p.lesson != first.lesson)
    placements[index] = other.model_copy(update={"day": first.day, "period": first.period, "start": first.start,
                                                  "end": first.end})
    broken = timetable.model_copy(update={"placements": placements}).model_dump(mode="json")
    answer = client.post(f"/schools/{school}/validate", headers=as_user("roosteraar"), json=broken).json()
    assert answer["ok"] is False and answer["report"]["hard_by_rule"].get("group_no_clash", 0) >= 1
    clash = next(v for v in answer["report"]["violations"] if v["rule"] == "group_no_clash")
    assert "MT1A" in json.dumps(clash["entities"])


def test_bad_timetable_files_are_422_with_the_place(client, as_user):
    """Not JSON: the file, line and column; a wrong field: its path; never a 500."""
    school = ids(client)[SCHOOL]
    headers = as_user("roosteraar")
    bad = client.post(f"/schools/{school}/validate", headers=headers, files={"file": ("mine.json", b'{"placements": [}')})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][0] == "mine.json"
    assert "line 1" in bad.json()["detail"][0]["msg"]
    wrong = client.post(f"/schools/{school}/validate", headers=headers, json={"placements": [{"lesson": "X", "day": "zz"}]})
    assert wrong.status_code == 422
    assert any("placements" in loc for item in wrong.json()["detail"] for loc in item["loc"])
    assert client.post(f"/schools/{school}/validate", headers=headers, files={"other": ("x", b"{}")}).status_code == 422


def test_explain_names_the_conflict_of_an_infeasible_plan(client, as_user):
    """A small school whose locked lesson falls when its teacher is away: explain names both rules."""
    teacher = {"id": "T1", "name": "Els Smit", "unavailable": [{"day": "mon", "start": "08:00", "end": "12:00"}]}
    plan = parse_plan(plan_dict(periods=WEEK, teachers=[teacher],
                                lessons=[locked("wi", "mon", 1, teacher="T1", groups=["2A"], subject="Wiskunde")]))
    made = client.post("/organisations", headers=as_user("admin"),
                       json={"kind": "school", "code": plan.schools[0].id, "name": "Kleine school"}).json()
    with client.app.state.store.session() as session:
        add_version(session, org=session.get(Organisation, made["id"]), body=split_plan(plan)[0], user=None)
    answer = client.post(f"/schools/{made['id']}/explain", headers=as_user("admin"), json={"time_limit": 10})
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "infeasible"
    assert {"teacher_unavailable", "lesson_locked"} <= {item["rule"] for item in answer.json()["items"]}
    too_long = client.post(f"/schools/{made['id']}/explain", headers=as_user("admin"), json={"time_limit": 600})
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["loc"] == ["body", "time_limit"]


def test_why_for_a_lesson_and_404_for_an_unknown_one(client, as_user):
    """Why a placed lesson is there: its other places; a lesson that is not placed answers 404 with a sentence."""
    tid = store_demo(client)
    lesson = demo_solution()[1].placements[0].lesson
    answer = client.get(f"/timetables/{tid}/why/{lesson}", headers=as_user("roosteraar"))
    assert answer.status_code == 200, answer.text
    assert answer.json()["lesson"] == lesson and answer.json()["copy"] == 0 and answer.json()["alternatives"]
    missing = client.get(f"/timetables/{tid}/why/NO-SUCH-LESSON", headers=as_user("roosteraar"))
    assert missing.status_code == 404 and "NO-SUCH-LESSON" in missing.json()["detail"]
    assert client.get(f"/timetables/{tid}/why/{lesson}", headers=as_user("planner")).status_code == 403
