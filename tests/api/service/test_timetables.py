"""Timetables in the store: drafts, the planners' approvals, publishing, the one in force, an hto'er's own week,
when hto'ers are busy and the region overview."""

from __future__ import annotations

from sqlalchemy import select

from api.store.models import AuditEntry
from tests.api.service.timetable_data import ids, publish_demo, store_demo

PLANNERS = {"metaal-hengelo": "planner", "vdveen-installatie": "planner-vdveen",
            "twente-onderhoud": "planner-onderhoud"}


def test_publish_waits_for_every_employer_asked_then_supersedes(client, as_user):
    """A draft that changes rosters needs each employer's approval: publishing says who is missing (409), each
    planner approves once (a second time 409), then it is published and in force; a second publish keeps the
    first as superseded, with its approvals (who and when)."""
    school = ids(client)["roc-twente-hengelo"]
    assert client.get(f"/schools/{school}/timetable", headers=as_user("roosteraar")).status_code == 404
    tid = store_demo(client)
    draft = client.get(f"/timetables/{tid}", headers=as_user("roosteraar")).json()
    assert draft["state"] == "draft" and not draft["in_force"]
    asked = draft["needs_approval"]
    assert sorted(asked) == sorted(PLANNERS)
    refused = client.post(f"/timetables/{tid}/publish", headers=as_user("roosteraar"))
    assert refused.status_code == 409
    assert all(code in refused.json()["detail"] for code in asked)
    assert client.post(f"/timetables/{tid}/approve", headers=as_user("roosteraar")).status_code == 403
    for n, code in enumerate(asked):
        answer = client.post(f"/timetables/{tid}/approve", headers=as_user(PLANNERS[code]))
        assert answer.status_code == 200, answer.text
        assert code not in answer.json()["waiting_for"] and len(answer.json()["approvals"]) == n + 1
        assert client.post(f"/timetables/{tid}/approve", headers=as_user(PLANNERS[code])).status_code == 409
        if n < len(asked) - 1:
            still = client.post(f"/timetables/{tid}/publish", headers=as_user("roosteraar"))
            assert still.status_code == 409 and asked[-1] in still.json()["detail"]
    published = client.post(f"/timetables/{tid}/publish", headers=as_user("roosteraar")).json()
    assert (published["state"], published["in_force"], published["published_by"]) == ("published", True, "roosteraar")
    in_force = client.get(f"/schools/{school}/timetable", headers=as_user("coordinator")).json()
    assert in_force["id"] == tid and in_force["in_force"]

    second = store_demo(client)  # the same rosters: nobody has to approve again
    assert client.get(f"/timetables/{second}", headers=as_user("roosteraar")).json()["needs_approval"] == []
    assert client.post(f"/timetables/{second}/approve", headers=as_user("planner")).status_code == 409
    assert client.post(f"/timetables/{second}/publish", headers=as_user("roosteraar")).status_code == 200
    listed = {t["id"]: t for t in client.get(f"/schools/{school}/timetables", headers=as_user("roosteraar")).json()}
    assert (listed[tid]["state"], listed[tid]["in_force"]) == ("superseded", False)
    assert (listed[second]["state"], listed[second]["in_force"]) == ("published", True)
    assert sorted(a["employer"] for a in listed[tid]["approvals"]) == sorted(asked)
    assert {a["by"] for a in listed[tid]["approvals"]} == set(PLANNERS.values())
    assert all(a["at"] for a in listed[tid]["approvals"])
    assert client.post(f"/timetables/{tid}/publish", headers=as_user("roosteraar")).status_code == 409
    with client.app.state.store.session() as session:
        actions = [(e.action, e.entity) for e in session.scalars(select(AuditEntry).where(AuditEntry.entity_id == tid))]
    assert actions.count(("approve", "timetable")) == len(asked)
    assert ("publish", "timetable") in actions and ("supersede", "timetable") in actions


def test_planner_sees_the_timetables_with_their_hto_ers_and_only_their_view(client, as_user):
    """A planner lists the school's timetables that involve their staff and sees their shifts and when their
    hto'ers teach; another employer's list is 404."""
    org = ids(client)
    tid = store_demo(client)
    mine = client.get(f"/employers/{org['metaal-hengelo']}/timetables", headers=as_user("planner"))
    assert [t["id"] for t in mine.json()] == [tid]
    assert client.get(f"/employers/{org['vdveen-installatie']}/timetables", headers=as_user("planner")).status_code == 404
    view = client.get(f"/timetables/{tid}", headers=as_user("planner")).json()["timetable"]
    assert view["rosters"] and {r["employer"] for r in view["rosters"]} == {"metaal-hengelo"}
    assert "placements" not in view and view["teaching"]
    assert client.get(f"/schools/{org['roc-twente-hengelo']}/timetables", headers=as_user("planner")).status_code == 403


def test_hto_week_is_404_until_published_then_their_own(client, as_user):
    """/me/week answers a sentence (404) until a timetable with them is in force; then their own lessons and
    shifts only."""
    none = client.get("/me/week", headers=as_user("hto"))
    assert none.status_code == 404 and "no week in force" in none.json()["detail"]
    publish_demo(client, as_user)
    week = client.get("/me/week", headers=as_user("hto")).json()["parts"][0]["week"]
    assert {p["teacher"] for p in week["placements"]} == {"HOFM"}
    assert {r["staff"] for r in week["rosters"]} == {"mh-hofman"}
    assert client.get("/me/week", headers=as_user("roosteraar")).status_code == 403


def test_availability_names_busy_windows_without_shifts_or_reasons(client, as_user):
    """The school sees when each hto'er is busy: the marks before anything is in force, then the worked parts of
    their shifts too; never a shift or a reason."""
    school = ids(client)["roc-twente-hengelo"]
    before = client.get(f"/schools/{school}/htos/availability", headers=as_user("roosteraar")).json()
    hofman = next(h for h in before["htos"] if h["hto"] == "hto-hofman")
    assert before["timetable_id"] is None
    assert hofman["busy"] == [{"week": None, "day": "thu", "start": "08:00", "end": "12:00"}]
    tid = publish_demo(client, as_user)
    after = client.get(f"/schools/{school}/htos/availability", headers=as_user("roosteraar")).json()
    assert after["timetable_id"] == tid
    hofman = next(h for h in after["htos"] if h["hto"] == "hto-hofman")
    assert any(w["start"] == "06:00" for w in hofman["busy"]) and len(hofman["busy"]) > 1
    assert all(set(w) == {"week", "day", "start", "end"} for h in after["htos"] for w in h["busy"])
    assert client.get(f"/schools/{school}/htos/availability", headers=as_user("planner")).status_code == 403


def test_region_overview_counts_lessons_and_staffing(client, as_user):
    """The coordinator's overview: per school its plan version and timetable in force with lessons placed of
    the total; per employer its staffing windows met and hto'ers."""
    org = ids(client)
    tid = publish_demo(client, as_user)
    answer = client.get(f"/regions/{org['twente']}/overview", headers=as_user("coordinator"))
    assert answer.status_code == 200, answer.text
    school = answer.json()["schools"][0]
    assert (school["plan_version"], school["timetable_in_force"]) == (1, tid)
    assert school["lessons_placed"] == school["lessons_total"] > 0 and school["hto_teaching_minutes"] > 0
    employers = {e["name"]: e for e in answer.json()["employers"]}
    assert all(e["staffing_windows"] > 0 and 0 <= e["staffing_windows_met"] <= e["staffing_windows"]
               for e in employers.values())
    assert sum(e["htos"] for e in employers.values()) == 5
    assert client.get(f"/regions/{org['twente']}/overview", headers=as_user("roosteraar")).status_code == 403


def test_unknown_timetable_is_404(client, as_user):
    """A timetable id that does not exist answers 404, as one of another organisation would."""
    assert client.get("/timetables/00000000-0000-4000-8000-000000000000", headers=as_user("admin")).status_code == 404
