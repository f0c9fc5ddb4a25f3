"""An SME planner's marks: create, list, change and delete (soft), each with its audit entry before and after;
a roosteraar never reaches them (403), another planner's marks answer 404, and only live marks go into the
plan the solver gets."""

from __future__ import annotations

from api.services.plans import assemble
from api.store.models import Organisation
from tests.api.service.plan_files import audit_entries, org_id

MARK = {"staff": "mh-hofman", "day": "mon", "start": "08:00", "end": "10:00", "reason": "machine-onderhoud"}


def _live_marks(client, school: str) -> list:
    with client.app.state.store.session() as session:
        plan, _ = assemble(session, session.get(Organisation, school))
        return plan.unavailable_marks


def test_marks_crud_with_audit_before_and_after(client, as_user):
    """Create, change and delete a mark; the audit trail holds each step with the record before and after,
    and the deleted mark is kept (listed with ?deleted=true)."""
    headers = as_user("planner")
    employer = org_id(client, headers)
    made = client.post(f"/employers/{employer}/marks", headers=headers, json=MARK)
    assert made.status_code == 201, made.text
    mark = made.json()
    assert (mark["staff"], mark["level"], mark["deleted_at"]) == ("mh-hofman", "hard", None)
    changed = client.patch(f"/employers/{employer}/marks/{mark['id']}", headers=headers,
                           json={"level": "preference", "weight": 5, "end": "11:00"})
    assert changed.status_code == 200 and (changed.json()["end"], changed.json()["weight"]) == ("11:00", 5)
    deleted = client.delete(f"/employers/{employer}/marks/{mark['id']}", headers=headers)
    assert deleted.status_code == 200 and deleted.json()["deleted_at"] is not None
    live = client.get(f"/employers/{employer}/marks", headers=headers).json()
    everything = client.get(f"/employers/{employer}/marks?deleted=true", headers=headers).json()
    assert mark["id"] not in {m["id"] for m in live} and mark["id"] in {m["id"] for m in everything}
    trail = [e for e in audit_entries(client, employer) if e.entity_id == mark["id"]]
    assert [e.action for e in trail] == ["create", "update", "delete"]
    assert trail[0].before is None and trail[0].after["reason"] == "machine-onderhoud"
    assert (trail[1].before["end"], trail[1].after["end"], trail[1].after["level"]) == ("10:00", "11:00", "preference")
    assert trail[2].before["deleted_at"] is None and trail[2].after["deleted_at"] is not None
    assert all(e.user_id is not None for e in trail)
    again = client.patch(f"/employers/{employer}/marks/{mark['id']}", headers=headers, json={"end": "12:00"})
    assert again.status_code == 409


def test_only_live_marks_go_into_the_plan(client, as_user):
    """assemble() takes the live marks: a new one is in, a deleted one is not."""
    headers = as_user("planner")
    employer = org_id(client, headers)
    school = org_id(client, as_user("roosteraar"))
    before = len(_live_marks(client, school))
    mark = client.post(f"/employers/{employer}/marks", headers=headers, json=MARK).json()
    assert any(m.reason == "machine-onderhoud" for m in _live_marks(client, school))
    client.delete(f"/employers/{employer}/marks/{mark['id']}", headers=headers)
    marks = _live_marks(client, school)
    assert len(marks) == before and not any(m.reason == "machine-onderhoud" for m in marks)


def test_wrong_marks_are_422_naming_the_field(client, as_user):
    """An unknown staff id names `staff`; an end before the start names `end`; a weight on a hard block and
    a bad time are refused; nothing is kept."""
    headers = as_user("planner")
    employer = org_id(client, headers)
    count = len(client.get(f"/employers/{employer}/marks?deleted=true", headers=headers).json())
    cases = [({**MARK, "staff": "vv-elamrani"}, ["body", "staff"]), ({**MARK, "end": "07:00"}, ["body", "end"]),
             ({**MARK, "weight": 3}, ["body", "level"]), ({**MARK, "start": "25:00"}, ["body", "start"]),
             ({**MARK, "day": "maandag"}, ["body", "day"])]
    for body, loc in cases:
        answer = client.post(f"/employers/{employer}/marks", headers=headers, json=body)
        assert answer.status_code == 422, body
        assert answer.json()["detail"][0]["loc"] == loc, answer.json()
    assert len(client.get(f"/employers/{employer}/marks?deleted=true", headers=headers).json()) == count
    assert not [e for e in audit_entries(client, employer) if e.entity == "mark"]


def test_roles_on_marks(client, as_user):
    """A roosteraar and an hto'er get 403; another employer's planner 404 (for the list and for one mark);
    the admin may; nobody logged in 401."""
    headers = as_user("planner")
    employer = org_id(client, headers)
    mark = client.get(f"/employers/{employer}/marks", headers=headers).json()[0]
    assert client.get(f"/employers/{employer}/marks", headers=as_user("roosteraar")).status_code == 403
    assert client.post(f"/employers/{employer}/marks", headers=as_user("roosteraar"), json=MARK).status_code == 403
    assert client.get(f"/employers/{employer}/marks", headers=as_user("hto")).status_code == 403
    assert client.get(f"/employers/{employer}/marks", headers=as_user("planner-vdveen")).status_code == 404
    other = org_id(client, as_user("planner-vdveen"))
    assert client.delete(f"/employers/{other}/marks/{mark['id']}", headers=as_user("planner-vdveen")).status_code == 404
    assert client.get(f"/employers/{employer}/marks/{mark['id']}", headers=headers).json()["reason"] == mark["reason"]
    assert client.post(f"/employers/{employer}/marks", headers=as_user("admin"), json=MARK).status_code == 201
    assert client.get(f"/employers/{employer}/marks").status_code == 401


def test_demand_edits_make_versions_with_audit(client, as_user):
    """PATCH one demand window and PUT the whole list: each makes a new employer version (the old ones stay)
    and an audit entry with before and after; a wrong item is 422 and keeps nothing."""
    headers = as_user("planner")
    employer = org_id(client, headers)
    demand = client.get(f"/employers/{employer}/demand", headers=headers).json()
    assert demand["version"] == 1 and demand["demand"][0]["min_staff"] == 2
    patched = client.patch(f"/employers/{employer}/demand/0", headers=headers, json={"min_staff": 1})
    assert patched.status_code == 200
    assert (patched.json()["version"], patched.json()["demand"][0]["min_staff"]) == (2, 1)
    replaced = client.put(f"/employers/{employer}/demand", headers=headers,
                          json={"demand": demand["demand"][:3], "note": "minder"})
    assert replaced.status_code == 200 and len(replaced.json()["demand"]) == 3
    first = client.get(f"/employers/{employer}/plan/versions/1", headers=headers).json()["body"]
    assert len(first["demand"]) == 20 and first["demand"][0]["min_staff"] == 2
    trail = [e for e in audit_entries(client, employer) if e.entity == "demand"]
    assert [(e.action, e.before["item"]["min_staff"] if e.action == "change" else len(e.before["demand"]))
            for e in trail] == [("change", 2), ("replace", 20)]
    assert trail[0].after["item"]["min_staff"] == 1 and len(trail[1].after["demand"]) == 3
    bad = client.patch(f"/employers/{employer}/demand/0", headers=headers, json={"end": "05:00"})
    assert bad.status_code == 422
    assert client.patch(f"/employers/{employer}/demand/99", headers=headers, json={"min_staff": 1}).status_code == 404
    assert client.get(f"/employers/{employer}/demand", headers=as_user("roosteraar")).status_code == 403
    listed = client.get(f"/employers/{employer}/plan/versions", headers=headers).json()
    assert [v["version"] for v in listed] == [3, 2, 1]
