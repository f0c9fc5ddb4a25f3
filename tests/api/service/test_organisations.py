"""Organisations and users: who sees which, and only an admin adds them."""

from __future__ import annotations


def test_each_role_lists_only_what_it_may_see(client, as_user):
    """A roosteraar sees their school, a planner their employer, the coordinator the region and its members."""
    codes = lambda user: sorted(o["code"] for o in client.get("/organisations", headers=as_user(user)).json())
    assert codes("roosteraar") == ["roc-twente-hengelo"]
    assert codes("planner") == ["metaal-hengelo"]
    assert codes("coordinator") == sorted(["twente", "roc-twente-hengelo", "metaal-hengelo", "vdveen-installatie",
                                           "twente-onderhoud"])
    assert len(codes("admin")) == 5


def test_another_organisation_answers_404(client, as_user):
    """A planner asking for the school by its id gets 404, as for an id that does not exist."""
    school = client.get("/organisations", headers=as_user("roosteraar")).json()[0]
    assert client.get(f"/organisations/{school['id']}", headers=as_user("planner")).status_code == 404
    assert client.get("/organisations/00000000-0000-4000-8000-000000000000",
                      headers=as_user("admin")).status_code == 404
    assert client.get(f"/organisations/{school['id']}", headers=as_user("roosteraar")).status_code == 200


def test_only_an_admin_adds_organisations_and_users(client, as_user):
    """A roosteraar gets 403; the admin adds a school and its roosteraar, who can then log in."""
    body = {"kind": "school", "code": "new-school", "name": "Nieuwe school"}
    assert client.post("/organisations", json=body, headers=as_user("roosteraar")).status_code == 403
    made = client.post("/organisations", json=body, headers=as_user("admin"))
    assert made.status_code == 201
    user = {"username": "r2", "password": "long-enough", "role": "roosteraar", "org_id": made.json()["id"]}
    assert client.post("/users", json=user, headers=as_user("admin")).status_code == 201
    token = client.post("/auth/token", data={"username": "r2", "password": "long-enough"})
    assert token.status_code == 200


def test_wrong_user_input_names_the_field(client, as_user):
    """A planner tied to a school, a taken name and a duplicate code each give 422 naming the field."""
    school = client.get("/organisations", headers=as_user("roosteraar")).json()[0]
    bad = client.post("/users", headers=as_user("admin"), json={
        "username": "p2", "password": "long-enough", "role": "planner", "org_id": school["id"]})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "org_id"]
    taken = client.post("/users", headers=as_user("admin"), json={
        "username": "planner", "password": "long-enough", "role": "admin"})
    assert taken.status_code == 422 and taken.json()["detail"][0]["loc"] == ["body", "username"]
    again = client.post("/organisations", headers=as_user("admin"),
                        json={"kind": "school", "code": "roc-twente-hengelo", "name": "x"})
    assert again.status_code == 422 and again.json()["detail"][0]["loc"] == ["body", "code"]
