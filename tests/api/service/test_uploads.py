"""Uploads of a school's plan in every format, and of an employer's part: each makes a new version that the
store's parts assemble into a valid plan; what belongs to others is not kept and is listed as ignored."""

from __future__ import annotations

import pytest

from api.commands import demo_plan_path
from api.services.plans import assemble
from api.store.models import Organisation
from solver.domain import load_plan
from tests.api.service.plan_files import (
    FET_EXAMPLE, demo_csv_zip, demo_json, demo_xlsx, org_id, untis_zip, upload, version_count,
)


def _assembled(client, school: str):
    with client.app.state.store.session() as session:
        return assemble(session, session.get(Organisation, school))


@pytest.mark.parametrize("name, make, fmt", [
    ("plan.json", demo_json, "json"), ("plan.xlsx", demo_xlsx, "xlsx"), ("plan-csv.zip", demo_csv_zip, "csv")])
def test_demo_plan_round_trips_in_each_format(client, as_user, name, make, fmt):
    """The demo plan as JSON, as the workbook and as a CSV zip becomes version 2, and the store assembles it
    back into the demo plan (the employers' parts and live marks come from the store)."""
    headers = as_user("roosteraar")
    school = org_id(client, headers)
    answer = upload(client, headers, school, name, make())
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["format"], body["version"]["version"], body["version"]["source"]) == (fmt, 2, f"{name} ({fmt})")
    assert any("employers' parts" in sentence for sentence in body["ignored"])
    assert any("3 unavailable mark(s)" in sentence for sentence in body["ignored"])
    plan, used = _assembled(client, school)
    demo = load_plan(demo_plan_path())
    assert used[school] == 2
    assert (plan.lessons, plan.teachers, plan.htos, plan.employers) == (
        demo.lessons, demo.teachers, demo.htos, demo.employers)
    assert sorted(m.model_dump_json() for m in plan.unavailable_marks) == sorted(
        m.model_dump_json() for m in demo.unavailable_marks)


def test_untis_zip_is_read_and_takes_the_schools_code(client, as_user):
    """A zip of Untis GPU files (in a folder) is told from a CSV zip by its names; its school ('school') is
    taken as this school's code, and that is said."""
    headers = as_user("roosteraar")
    school = org_id(client, headers)
    answer = upload(client, headers, school, "untis.zip", untis_zip())
    assert answer.status_code == 201, answer.text
    assert answer.json()["format"] == "untis"
    assert any("roc-twente-hengelo" in note for note in answer.json()["notes"])
    plan, _ = _assembled(client, school)
    assert plan.schools[0].id == "roc-twente-hengelo" and plan.lessons and not plan.employers


@pytest.mark.skipif(not FET_EXAMPLE.is_file(), reason="fet-data is not installed (/usr/share/doc/fet-data)")
def test_fet_file_is_imported(client, as_user):
    """A FET example file becomes a version; the plan it makes assembles."""
    headers = as_user("roosteraar")
    school = org_id(client, headers)
    answer = upload(client, headers, school, FET_EXAMPLE.name, FET_EXAMPLE.read_bytes(), ignore_unsupported=True)
    assert answer.status_code == 201, answer.text
    assert answer.json()["format"] == "fet"
    plan, _ = _assembled(client, school)
    assert len(plan.lessons) == 25


def test_plan_json_body_for_programs(client, as_user):
    """POST .../plan/json takes the Plan as the request body, kept as the uploaded file would be."""
    import json

    headers = as_user("roosteraar")
    school = org_id(client, headers)
    answer = client.post(f"/schools/{school}/plan/json?note=from+a+script", headers=headers,
                         json=json.loads(demo_json()))
    assert answer.status_code == 201, answer.text
    assert answer.json()["version"]["note"] == "from a script"
    bad = client.post(f"/schools/{school}/plan/json", headers=headers, json={"schools": [], "lesons": []})
    assert bad.status_code == 422
    assert {tuple(item["loc"]) for item in bad.json()["detail"]} >= {("body", "schools"), ("body", "lesons")}
    assert version_count(client, school) == 2


def test_employer_uploads_its_part_as_json_and_from_a_whole_plan(client, as_user):
    """A planner sends an Employer JSON, or a whole plan of which only their company's part is kept."""
    import json

    headers = as_user("planner")
    employer = org_id(client, headers)
    part = next(e for e in json.loads(demo_json())["employers"] if e["id"] == "metaal-hengelo")
    part["staff"][0]["name"] = "Nieuwe naam"
    answer = client.post(f"/employers/{employer}/plan", headers=headers, json=part)
    assert answer.status_code == 201, answer.text
    assert answer.json()["version"]["version"] == 2
    whole = client.post(f"/employers/{employer}/plan/file", headers=headers, files={"file": ("plan.xlsx", demo_xlsx())})
    assert whole.status_code == 201, whole.text
    assert whole.json()["format"] == "xlsx"
    assert any("vdveen-installatie" in sentence for sentence in whole.json()["ignored"])
    body = client.get(f"/employers/{employer}/plan", headers=headers).json()["body"]
    assert body["id"] == "metaal-hengelo" and body["staff"][0].get("name") != "Nieuwe naam"
    wrong = client.post(f"/employers/{employer}/plan", headers=headers, json={**part, "id": "vdveen-installatie"})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == ["body", "id"]
    assert version_count(client, employer) == 3


def test_an_employer_part_that_breaks_a_schools_plan_is_refused(client, as_user):
    """Removing a staff member who is an hto'er at the school is refused, naming the school's plan."""
    import json

    headers = as_user("planner")
    employer = org_id(client, headers)
    part = next(e for e in json.loads(demo_json())["employers"] if e["id"] == "metaal-hengelo")
    part["staff"] = [s for s in part["staff"] if s["id"] != "mh-hofman"]
    answer = client.post(f"/employers/{employer}/plan", headers=headers, json=part)
    assert answer.status_code == 422
    assert any("mh-hofman" in item["msg"] for item in answer.json()["detail"])
    assert version_count(client, employer) == 1


def test_only_the_schools_roosteraar_or_an_admin_uploads(client, as_user):
    """A planner gets 403 on a school's upload; the upload to an unknown school id 404; admin may."""
    school = org_id(client, as_user("roosteraar"))
    assert upload(client, as_user("planner"), school, "plan.json", demo_json()).status_code == 403
    assert upload(client, as_user("roosteraar"), "0" * 36, "plan.json", demo_json()).status_code == 404
    assert upload(client, as_user("admin"), school, "plan.json", demo_json()).status_code == 201
    assert client.post(f"/schools/{school}/plan", files={"file": ("plan.json", demo_json())}).status_code == 401


def test_the_school_part_alone_is_enough(client, as_user):
    """A roosteraar's plan JSON without the employers (as a roosteraar has it) is checked with the employers in
    the store and kept, as a file and as a body; nothing is said to be ignored, and the original file is kept."""
    import json

    headers = as_user("roosteraar")
    school = org_id(client, headers)
    whole = json.loads(demo_json())
    part = {key: value for key, value in whole.items() if key not in ("employers", "unavailable_marks")}
    data = json.dumps(part).encode("utf-8")
    answer = upload(client, headers, school, "school.json", data)
    assert answer.status_code == 201, answer.text
    assert answer.json()["ignored"] == []
    assert client.get(f"/schools/{school}/plan/versions/2/upload", headers=headers).content == data
    body = client.post(f"/schools/{school}/plan/json", headers=headers, json=part)
    assert body.status_code == 201 and body.json()["ignored"] == []
    plan, used = _assembled(client, school)
    assert used[school] == 3 and [e.id for e in plan.employers] == [e.id for e in load_plan(demo_plan_path()).employers]
    broken = {**part, "htos": [{**part["htos"][0], "employer": "nobody-bv"}]}
    refused = upload(client, headers, school, "school.json", json.dumps(broken).encode("utf-8"))
    assert refused.status_code == 422 and "nobody-bv" in refused.text and version_count(client, school) == 3
