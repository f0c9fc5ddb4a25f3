"""Plan versions: listed without their bodies, read one by one (a roosteraar's never holds employer data), the
original upload downloaded as it was sent, restored as a new version; templates for any logged-in user."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl

from solver.domain import parse_plan
from tests.api.service.plan_files import (
    audit_entries, demo_json, demo_xlsx, org_id, upload, version_count,
)


def test_versions_are_listed_newest_first_without_bodies(client, as_user):
    """Each upload adds a version (never overwriting); the list says who, when and from which file."""
    headers = as_user("roosteraar")
    school = org_id(client, headers)
    upload(client, headers, school, "plan.xlsx", demo_xlsx(), note="week 12")
    listed = client.get(f"/schools/{school}/plan/versions", headers=headers).json()
    assert [(v["version"], v["created_by"], v["source"], v["note"]) for v in listed] == [
        (2, "roosteraar", "plan.xlsx (xlsx)", "week 12"), (1, "admin", "demo plan.json", "demo")]
    assert all("body" not in v for v in listed)
    first = client.get(f"/schools/{school}/plan/versions/1", headers=headers).json()
    assert first["version"] == 1 and first["body"]["schools"][0]["id"] == "roc-twente-hengelo"


def test_a_roosteraar_never_sees_employer_data(client, as_user):
    """The school's plan and its versions hold the hto'ers but no employers and no marks, and the words of
    the employers' parts (shift names, mark reasons) appear nowhere."""
    headers = as_user("roosteraar")
    school = org_id(client, headers)
    upload(client, headers, school, "plan.json", demo_json())
    demo = json.loads(demo_json())
    for path in ("plan", "plan/versions/1", "plan/versions/2"):
        answer = client.get(f"/schools/{school}/{path}", headers=headers)
        assert answer.status_code == 200
        body = answer.json()["body"]
        assert "employers" not in body and "unavailable_marks" not in body and len(body["htos"]) == 5
        for secret in [m["reason"] for m in demo["unavailable_marks"]] + [
                s["name"] for e in demo["employers"] for s in e["shifts"] if s.get("name")]:
            assert secret not in answer.text


def test_the_original_upload_comes_back_as_sent(client, as_user):
    """GET .../versions/{n}/upload gives the uploaded bytes with the file's name; a version without a file 404."""
    headers = as_user("roosteraar")
    school = org_id(client, headers)
    data = demo_xlsx()
    upload(client, headers, school, "../rooster 2026.xlsx", data)
    answer = client.get(f"/schools/{school}/plan/versions/2/upload", headers=headers)
    assert answer.status_code == 200 and answer.content == data
    assert answer.headers["content-disposition"] == 'attachment; filename="rooster_2026.xlsx"'
    assert client.get(f"/schools/{school}/plan/versions/1/upload", headers=headers).status_code == 404
    assert client.get(f"/schools/{school}/plan/versions/9/upload", headers=headers).status_code == 404


def test_restore_makes_a_new_version_equal_to_the_old_one(client, as_user):
    """Restoring version 1 after an Untis upload makes version 3 with version 1's body; both stay; audited."""
    from tests.api.service.plan_files import untis_zip

    headers = as_user("roosteraar")
    school = org_id(client, headers)
    assert upload(client, headers, school, "untis.zip", untis_zip()).status_code == 201
    answer = client.post(f"/schools/{school}/plan/versions/1/restore", headers=headers, json={"note": "terug"})
    assert answer.status_code == 201, answer.text
    assert answer.json()["version"]["version"] == 3 and answer.json()["version"]["source"] == "restored from version 1"
    bodies = [client.get(f"/schools/{school}/plan/versions/{n}", headers=headers).json()["body"] for n in (1, 2, 3)]
    assert bodies[2] == bodies[0] != bodies[1]
    entry = audit_entries(client, school)[-1]
    assert (entry.action, entry.entity, entry.before, entry.after["restored_from"]) == (
        "restore", "plan_version", {"version": 2}, 1)
    assert client.post(f"/schools/{school}/plan/versions/7/restore", headers=headers).status_code == 404


def test_employer_versions_and_restore(client, as_user):
    """A planner lists and restores their company's versions; the roosteraar gets 403 there."""
    headers = as_user("planner")
    employer = org_id(client, headers)
    part = client.get(f"/employers/{employer}/plan", headers=headers).json()["body"]
    part["demand"] = part["demand"][:1]
    assert client.post(f"/employers/{employer}/plan", headers=headers, json=part).status_code == 201
    assert client.post(f"/employers/{employer}/plan/versions/1/restore", headers=headers).status_code == 201
    listed = client.get(f"/employers/{employer}/plan/versions", headers=headers).json()
    assert [v["version"] for v in listed] == [3, 2, 1]
    assert len(client.get(f"/employers/{employer}/plan", headers=headers).json()["body"]["demand"]) == 20
    assert client.get(f"/employers/{employer}/plan/versions", headers=as_user("roosteraar")).status_code == 403
    assert client.post(f"/employers/{employer}/plan/versions/1/restore",
                       headers=as_user("roosteraar")).status_code == 403


def test_who_may_read_and_write_which_plan(client, as_user):
    """Another planner's employer and another school answer 404; an hto'er 403; the coordinator reads but
    does not write; nobody logged in 401."""
    school = org_id(client, as_user("roosteraar"))
    employer = org_id(client, as_user("planner"))
    assert client.get(f"/employers/{employer}/plan", headers=as_user("planner-vdveen")).status_code == 404
    assert client.get(f"/employers/{employer}/plan/versions/1", headers=as_user("planner-vdveen")).status_code == 404
    assert client.get(f"/schools/{school}/plan", headers=as_user("planner")).status_code == 403
    assert client.get(f"/schools/{school}/plan", headers=as_user("hto")).status_code == 403
    assert client.get(f"/schools/{employer}/plan", headers=as_user("admin")).status_code == 404
    assert client.get(f"/schools/{school}/plan", headers=as_user("coordinator")).status_code == 200
    assert client.get(f"/employers/{employer}/plan", headers=as_user("coordinator")).status_code == 200
    assert client.post(f"/schools/{school}/plan/versions/1/restore", headers=as_user("coordinator")).status_code == 403
    assert client.get(f"/schools/{school}/plan/versions").status_code == 401
    assert version_count(client, school) == 1


def test_templates_for_any_logged_in_user(client, as_user):
    """The workbook (empty and the example), the CSV zip, the plan and employer JSON; 401 without a login.
    The example files upload again as they are."""
    headers = as_user("hto")
    empty = client.get("/templates/plan.xlsx", headers=headers)
    assert empty.status_code == 200 and "Lessen" in openpyxl.load_workbook(io.BytesIO(empty.content)).sheetnames
    example = client.get("/templates/plan.xlsx?example=true", headers=headers).content
    csv_zip = client.get("/templates/plan-csv.zip?example=true", headers=headers).content
    assert "Lessen.csv" in zipfile.ZipFile(io.BytesIO(csv_zip)).namelist()
    empty_csv = zipfile.ZipFile(io.BytesIO(client.get("/templates/plan-csv.zip", headers=headers).content))
    assert empty_csv.read("Lessen.csv").decode("utf-8-sig").startswith("id;")
    plan = client.get("/templates/plan.json", headers=headers).json()
    assert parse_plan(plan).htos[0].employer == client.get("/templates/employer.json", headers=headers).json()["id"]
    assert client.get("/templates/plan.json").status_code == 401
    roosteraar = as_user("roosteraar")
    school = org_id(client, roosteraar)
    assert upload(client, roosteraar, school, "voorbeeld.xlsx", example).status_code == 201
    assert upload(client, roosteraar, school, "voorbeeld.zip", csv_zip).status_code == 201


def test_uploads_marks_and_demand_persist_in_each_store(store_url):
    """On SQLite and PostgreSQL: an upload (with its file's bytes), a mark and a demand edit are there after
    the app is started again on the same store."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.service.conftest import login, make_settings

    data = demo_xlsx()
    with TestClient(create_app(make_settings(store_url), demo=True, workers=False)) as client:
        roosteraar, planner = login(client, "roosteraar"), login(client, "planner")
        school, employer = org_id(client, roosteraar), org_id(client, planner)
        assert upload(client, roosteraar, school, "plan.xlsx", data).status_code == 201
        mark = client.post(f"/employers/{employer}/marks", headers=planner,
                           json={"staff": "mh-hofman", "day": "wed", "start": "13:00", "end": "15:00"}).json()
        edit = client.patch(f"/employers/{employer}/demand/1", headers=planner, json={"min_staff": 1})
        assert edit.status_code == 200
    with TestClient(create_app(make_settings(store_url), demo=True, workers=False)) as client:
        roosteraar, planner = login(client, "roosteraar"), login(client, "planner")
        assert client.get(f"/schools/{school}/plan/versions/2/upload", headers=roosteraar).content == data
        assert client.get(f"/employers/{employer}/marks/{mark['id']}", headers=planner).json()["start"] == "13:00"
        assert client.get(f"/employers/{employer}/demand", headers=planner).json()["version"] == 2
        actions = [e["action"] for e in client.get(f"/organisations/{employer}/audit", headers=planner).json()["items"]]
        assert actions == ["change", "create"]
