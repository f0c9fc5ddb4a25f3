"""The audit trail: newest first, paged, readable by the organisation's own users (not its hto'ers), the
region's coordinator and an admin; another organisation's trail answers 404."""

from __future__ import annotations

from tests.api.service.plan_files import demo_json, org_id, upload


def test_audit_is_newest_first_and_paged(client, as_user):
    """Three marks made: the newest comes first; limit and offset page through; total counts all."""
    headers = as_user("planner")
    employer = org_id(client, headers)
    for hour in ("08", "09", "10"):
        client.post(f"/employers/{employer}/marks", headers=headers,
                    json={"staff": "mh-hofman", "day": "fri", "start": f"{hour}:00", "end": f"{hour}:30"})
    page = client.get(f"/organisations/{employer}/audit?limit=2", headers=headers).json()
    assert page["total"] == 3 and [e["after"]["start"] for e in page["items"]] == ["10:00", "09:00"]
    assert page["items"][0]["user"] == "planner"
    rest = client.get(f"/organisations/{employer}/audit?limit=2&offset=2", headers=headers).json()
    assert [e["after"]["start"] for e in rest["items"]] == ["08:00"]
    assert client.get(f"/organisations/{employer}/audit?limit=0", headers=headers).status_code == 422


def test_who_reads_which_trail(client, as_user):
    """The school's upload is in the school's trail for the roosteraar, the coordinator and the admin; an
    employer's planner gets 404 for the school's trail, an hto'er 403."""
    roosteraar = as_user("roosteraar")
    school = org_id(client, roosteraar)
    upload(client, roosteraar, school, "plan.json", demo_json())
    for user in ("roosteraar", "coordinator", "admin"):
        items = client.get(f"/organisations/{school}/audit", headers=as_user(user)).json()["items"]
        assert [(e["action"], e["entity"]) for e in items] == [("upload", "plan_version")], user
    assert client.get(f"/organisations/{school}/audit", headers=as_user("planner")).status_code == 404
    employer = org_id(client, as_user("planner"))
    assert client.get(f"/organisations/{employer}/audit", headers=as_user("hto")).status_code == 403
    assert client.get(f"/organisations/{employer}/audit", headers=as_user("planner-vdveen")).status_code == 404
    assert client.get(f"/organisations/{school}/audit").status_code == 401
