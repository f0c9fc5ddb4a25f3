"""Privacy between organisations, for every route of timetables, checks, exports and calendar and every role:
a denied request gets 401/403/404; an allowed answer is walked (every JSON key and value, every CSV/XLSX cell,
ICS property and HTML text) for the words the role may never see, built from the demo plan itself."""

from __future__ import annotations

import pytest

from api.services.access import org_by_code
from api.services.plans import assemble
from tests.api.service.privacy import Forbidden, forbidden_for, walk_answer, walk_json
from tests.api.service.timetable_data import SCHOOL, demo_solution, ids, publish_demo, store_demo

USERS = (None, "roosteraar", "planner", "planner-vdveen", "planner-onderhoud", "hto", "coordinator", "admin")
DENIED = (401, 403, 404)
SCHOOL_SIDE = {"roosteraar", "coordinator", "admin"}
INVOLVED = {"planner", "planner-vdveen", "planner-onderhoud", "hto"} | SCHOOL_SIDE
EMPLOYER_OF = {"planner": "metaal-hengelo", "planner-vdveen": "vdveen-installatie",
               "planner-onderhoud": "twente-onderhoud", "hto": "metaal-hengelo"}


def routes(org: dict, draft: str, published: str, other_school: str, lesson: str, vdveen_hto: str):
    """(method, url, json body, the users that must be allowed)."""
    timetable = demo_solution()[1].model_dump(mode="json")
    school = org[SCHOOL]
    return [
        ("GET", f"/schools/{school}/timetables", None, SCHOOL_SIDE),
        ("GET", f"/schools/{school}/timetable", None, SCHOOL_SIDE),
        ("GET", f"/schools/{other_school}/timetable", None, set()),  # no timetable: 404 for all
        ("GET", f"/employers/{org['metaal-hengelo']}/timetables", None, {"planner", "coordinator", "admin"}),
        ("GET", f"/employers/{org['vdveen-installatie']}/timetables", None,
         {"planner-vdveen", "coordinator", "admin"}),
        ("GET", f"/timetables/{draft}", None, INVOLVED),
        ("GET", f"/timetables/{published}", None, INVOLVED),
        ("GET", "/me/week", None, {"hto"}),
        ("GET", f"/schools/{school}/htos/availability", None, SCHOOL_SIDE),
        ("GET", f"/regions/{org['twente']}/overview", None, {"coordinator", "admin"}),
        *(("GET", f"/timetables/{published}/{name}", None, INVOLVED)
          for name in ("export.json", "export.xlsx", "export.csv", "views.html")),
        ("GET", f"/timetables/{published}/hto/hto-hofman.ics", None, INVOLVED - {"planner-vdveen", "planner-onderhoud"}),
        ("GET", f"/timetables/{published}/hto/{vdveen_hto}.ics", None, SCHOOL_SIDE | {"planner-vdveen"}),
        ("POST", f"/schools/{school}/validate", timetable, SCHOOL_SIDE),
        ("POST", f"/schools/{school}/explain", {"time_limit": 1}, SCHOOL_SIDE),
        ("GET", f"/timetables/{published}/why/{lesson}", None, SCHOOL_SIDE),
        ("POST", f"/timetables/{draft}/approve", None, set()),
        ("POST", f"/timetables/{draft}/publish", None, set()),
        ("POST", "/me/calendar", None, {"hto"}),
        ("DELETE", "/me/calendar", None, {"hto"}),
    ]


def rules_for(user: str, plan) -> Forbidden | None:
    role = {"planner-vdveen": "planner", "planner-onderhoud": "planner"}.get(user, user)
    if role in ("planner", "hto"):
        return forbidden_for(role, plan, employer=EMPLOYER_OF[user], staff="mh-hofman" if role == "hto" else None)
    return forbidden_for(role, plan)


def test_the_forbidden_words_are_real_and_do_not_hit_what_each_role_may_see():
    """The walker's word sets come from the demo plan: the roosteraar's holds shift names, reasons and other
    staff but no hto'er's staff id; the planner's the groups, rooms and lessons but not their own shifts."""
    plan = demo_solution()[0]
    school = forbidden_for("roosteraar", plan)
    assert {"Vroege dienst", "ISO 9001-audit", "mh-nijhuis"} <= school.words and "mh-hofman" not in school.words
    assert school.leak("dienst / shift Vroege dienst @ Hengelo") == "Vroege dienst"
    assert school.leak("dag / day") is None
    planner = forbidden_for("planner", plan, employer="metaal-hengelo")
    assert {"MT1A", "B1.01", "MT1A-NE", "JANS"} <= planner.words and "vroeg" not in planner.words
    assert planner.leak("MT1A+MT1B") == "MT1A" and "HOFM" not in planner.words
    hto = forbidden_for("hto", plan, employer="metaal-hengelo", staff="mh-hofman")
    assert "mh-nijhuis" in hto.words and "ISO 9001-audit" not in hto.words and "HOFM" not in hto.words
    assert walk_json({"rosters": [{"shift": "vroeg"}]}, school)  # the walker does find a leak


def test_every_route_and_role_is_denied_or_shows_nothing_forbidden(client, as_user):
    """The matrix: for each route and each user (no login, each role), 401/403/404 when denied; when allowed,
    no forbidden word anywhere in the answer. The users that must be allowed are allowed."""
    org = ids(client)
    published = publish_demo(client, as_user)
    draft = store_demo(client, demo_solution()[1].model_copy(update={"rosters": demo_solution()[1].rosters[::-1]}))
    made = client.post("/organisations", headers=as_user("admin"),
                       json={"kind": "school", "code": "other-school", "name": "Another school"}).json()
    with client.app.state.store.session() as session:
        plan = assemble(session, org_by_code(session, "school", SCHOOL))[0]
    lesson = next(p.lesson for p in demo_solution()[1].placements if p.teacher == "HOFM")
    vdveen_hto = next(h.id for h in plan.htos if h.employer == "vdveen-installatie")
    leaks, checked = [], 0
    for method, url, body, must in routes(org, draft, published, made["id"], lesson, vdveen_hto):
        for user in USERS:
            headers = as_user(user) if user else {}
            answer = client.request(method, url, json=body, headers=headers)
            assert answer.status_code < 500, (method, url, user, answer.text)
            if user in must:
                assert answer.status_code < 300, (method, url, user, answer.status_code, answer.text)
            if answer.status_code >= 300:
                assert answer.status_code in DENIED + (409,), (method, url, user, answer.status_code)
                assert user or answer.status_code == 401, (method, url)
                continue
            rules = rules_for(user, plan)
            if rules is not None:
                checked += 1
                leaks += walk_answer(answer, rules, f"{user} {method} {url}")
            if url == "/me/calendar" and method == "POST":
                feed = client.get(answer.json()["url"].replace("http://127.0.0.1:8000", ""))
                assert feed.status_code == 200
                leaks += walk_answer(feed, rules, f"{user} calendar feed")
    assert checked > 40
    assert leaks == [], "\n".join(leaks)


@pytest.mark.parametrize("user", ["roosteraar", "planner", "hto"])
def test_the_walker_finds_a_leak_when_the_full_timetable_is_shown(client, as_user, user):
    """The same walker on the unfiltered timetable (what an admin sees) finds each role's forbidden data: the
    matrix above would notice a route that forgot to filter."""
    published = publish_demo(client, as_user)
    full = client.get(f"/timetables/{published}/export.json", headers=as_user("admin")).json()
    plan = demo_solution()[0]
    assert walk_json(full, rules_for(user, plan))
