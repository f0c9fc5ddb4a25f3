"""The privacy matrix over EVERY operation of the API (the timetable, export, check and calendar routes are in
test_privacy.py; this file has all the others and checks that the two together cover every operation in
/openapi.json). For each operation and each user (no login, and one of each role): a denied request gets
401/403/404; the users that must be allowed are; an allowed JSON answer is walked for the words the role may
never see (the same walker, built from the demo plan)."""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from api.app import create_app
from api.services.access import org_by_code
from api.services.plans import assemble
from api.store.models import Job
from tests.api.service import test_privacy
from tests.api.service.conftest import make_settings
from tests.api.service.privacy import walk_answer
from tests.api.service.test_privacy import DENIED, USERS, rules_for
from tests.api.service.timetable_data import SCHOOL, demo_solution, ids, publish_demo, store_demo

SCHOOL_SIDE = {"roosteraar", "coordinator", "admin"}
PLANNERS = {"planner", "planner-vdveen", "planner-onderhoud"}
EVERYONE = SCHOOL_SIDE | PLANNERS | {"hto"}
METAAL = {"planner", "coordinator", "admin"}  # who may manage metaal-hengelo's part
_fresh = itertools.count(1)


@dataclass
class Op:
    """One operation: `url()` is called per user (a fresh resource where the call changes or deletes it);
    `must` are the users that must get `ok`; `walk` False for answers that are no organisation's data."""

    method: str
    path: str  # the template, as in /openapi.json
    url: Callable[[], str]
    must: set[str]
    body: Callable[[], dict] = field(default=lambda: {})
    ok: tuple[int, ...] = (200, 201, 202)
    walk: bool = True


def _json(value) -> Callable[[], dict]:
    return lambda: {"json": value() if callable(value) else value}


@pytest.fixture
def world(sqlite_url):
    """The demo with a published timetable, a draft, a queued solve job and a finished one."""
    app = create_app(make_settings(sqlite_url, job_queue_max=10_000), demo=True, workers=False)
    with TestClient(app) as client:
        tokens: dict[str, dict] = {}

        def as_user(name: str) -> dict:
            if name not in tokens:
                from tests.api.service.conftest import login

                tokens[name] = login(client, name)
            return tokens[name]

        yield client, as_user


def _operations(client, as_user) -> list[Op]:
    org = ids(client)
    school, metaal, region = org[SCHOOL], org["metaal-hengelo"], org["twente"]
    published = publish_demo(client, as_user)
    draft = store_demo(client)
    plan, timetable = demo_solution()
    with client.app.state.store.session() as session:
        school_body = assemble(session, org_by_code(session, "school", SCHOOL))[0]
    employer = json.loads(next(e for e in plan.employers if e.id == "metaal-hengelo").model_dump_json(
        exclude_defaults=True))
    school_part = json.loads(plan.model_dump_json(exclude_defaults=True, exclude={"employers", "unavailable_marks"}))
    mark = {"staff": "mh-hofman", "day": "fri", "start": "08:00", "end": "09:00", "reason": "matrix"}

    def new_mark() -> str:
        made = client.post(f"/employers/{metaal}/marks", json=mark, headers=as_user("planner"))
        assert made.status_code == 201, made.text
        return made.json()["id"]

    def new_job() -> str:
        made = client.post(f"/schools/{school}/solve", json={"time_limit": 5}, headers=as_user("roosteraar"))
        assert made.status_code == 202, made.text
        return made.json()["id"]

    finished = new_job()
    with client.app.state.store.session() as session:  # as the dispatcher leaves a solve that ended
        session.execute(update(Job).where(Job.id == finished).values(
            state="done", timetable_id=draft, finished_at=datetime.now(timezone.utc), progress=[]))
    queued = new_job()

    def new_key() -> str:
        return client.post("/auth/api-keys", json={}, headers=as_user("admin")).json()["id"]

    def unique(prefix: str) -> str:
        return f"{prefix}-{next(_fresh)}"

    del school_body, timetable
    return [
        Op("POST", "/auth/token", lambda: "/auth/token", set(), ok=(200,), walk=False,
           body=lambda: {"data": {"username": "nobody", "password": "wrong"}}),
        Op("GET", "/auth/me", lambda: "/auth/me", EVERYONE),
        Op("GET", "/auth/api-keys", lambda: "/auth/api-keys", EVERYONE),
        Op("POST", "/auth/api-keys", lambda: "/auth/api-keys", EVERYONE, body=_json({"name": "matrix"})),
        Op("DELETE", "/auth/api-keys/{key_id}", lambda: f"/auth/api-keys/{new_key()}", {"admin"}),
        Op("GET", "/organisations", lambda: "/organisations", EVERYONE),
        Op("POST", "/organisations", lambda: "/organisations", {"admin"},
           body=lambda: {"json": {"kind": "school", "code": unique("s"), "name": "S"}}),
        Op("GET", "/organisations/{org_id}", lambda: f"/organisations/{school}", SCHOOL_SIDE),
        Op("GET", "/users", lambda: "/users", EVERYONE),
        Op("POST", "/users", lambda: "/users", {"admin"},
           body=lambda: {"json": {"username": unique("u"), "password": "long-enough", "role": "admin"}}),
        Op("POST", "/schools/{org_id}/plan", lambda: f"/schools/{school}/plan", {"roosteraar", "admin"},
           body=lambda: {"files": {"file": ("plan.json", io.BytesIO(json.dumps(school_part).encode()),
                                            "application/json")}}),
        Op("GET", "/schools/{org_id}/plan", lambda: f"/schools/{school}/plan", SCHOOL_SIDE),
        Op("POST", "/schools/{org_id}/plan/json", lambda: f"/schools/{school}/plan/json", {"roosteraar", "admin"},
           body=_json(school_part)),
        Op("POST", "/employers/{org_id}/plan", lambda: f"/employers/{metaal}/plan", {"planner", "admin"},
           body=_json(employer)),
        Op("GET", "/employers/{org_id}/plan", lambda: f"/employers/{metaal}/plan", METAAL),
        Op("POST", "/employers/{org_id}/plan/file", lambda: f"/employers/{metaal}/plan/file", {"planner", "admin"},
           body=lambda: {"files": {"file": ("employer.json", io.BytesIO(json.dumps(employer).encode()),
                                            "application/json")}}),
        Op("GET", "/schools/{org_id}/plan/versions", lambda: f"/schools/{school}/plan/versions", SCHOOL_SIDE),
        Op("GET", "/schools/{org_id}/plan/versions/{number}", lambda: f"/schools/{school}/plan/versions/1",
           SCHOOL_SIDE),
        Op("GET", "/schools/{org_id}/plan/versions/{number}/upload",
           lambda: f"/schools/{school}/plan/versions/1/upload", set(), ok=(200, 404)),  # the demo has no file
        Op("POST", "/schools/{org_id}/plan/versions/{number}/restore",
           lambda: f"/schools/{school}/plan/versions/1/restore", {"roosteraar", "admin"}, body=_json({"note": "m"})),
        Op("GET", "/employers/{org_id}/plan/versions", lambda: f"/employers/{metaal}/plan/versions", METAAL),
        Op("GET", "/employers/{org_id}/plan/versions/{number}", lambda: f"/employers/{metaal}/plan/versions/1",
           METAAL),
        Op("GET", "/employers/{org_id}/plan/versions/{number}/upload",
           lambda: f"/employers/{metaal}/plan/versions/1/upload", set(), ok=(200, 404)),
        Op("POST", "/employers/{org_id}/plan/versions/{number}/restore",
           lambda: f"/employers/{metaal}/plan/versions/1/restore", {"planner", "admin"}, body=_json({"note": "m"})),
        Op("GET", "/employers/{org_id}/marks", lambda: f"/employers/{metaal}/marks", METAAL - {"coordinator"}),
        Op("POST", "/employers/{org_id}/marks", lambda: f"/employers/{metaal}/marks", {"planner", "admin"},
           body=_json(mark)),
        Op("GET", "/employers/{org_id}/marks/{mark_id}", lambda: f"/employers/{metaal}/marks/{new_mark()}",
           {"planner", "admin"}),
        Op("PATCH", "/employers/{org_id}/marks/{mark_id}", lambda: f"/employers/{metaal}/marks/{new_mark()}",
           {"planner", "admin"}, body=_json({"reason": "changed"})),
        Op("DELETE", "/employers/{org_id}/marks/{mark_id}", lambda: f"/employers/{metaal}/marks/{new_mark()}",
           {"planner", "admin"}),
        Op("GET", "/employers/{org_id}/demand", lambda: f"/employers/{metaal}/demand", {"planner", "admin"}),
        Op("PUT", "/employers/{org_id}/demand", lambda: f"/employers/{metaal}/demand", {"planner", "admin"},
           body=_json({"demand": employer["demand"], "note": "matrix"})),
        Op("PATCH", "/employers/{org_id}/demand/{index}", lambda: f"/employers/{metaal}/demand/0",
           {"planner", "admin"}, body=_json({"min_staff": 1})),
        Op("GET", "/organisations/{org_id}/audit", lambda: f"/organisations/{metaal}/audit", METAAL),
        *(Op("GET", f"/templates/{name}", lambda name=name: f"/templates/{name}", EVERYONE, walk=False)
          for name in ("plan.xlsx", "plan-csv.zip", "plan.json", "employer.json")),
        Op("POST", "/schools/{org_id}/solve", lambda: f"/schools/{school}/solve", SCHOOL_SIDE,
           body=_json({"time_limit": 5})),
        Op("POST", "/schools/{org_id}/replan", lambda: f"/schools/{school}/replan", SCHOOL_SIDE, body=_json({})),
        Op("POST", "/schools/{org_id}/whatif", lambda: f"/schools/{school}/whatif", SCHOOL_SIDE,
           body=_json({"change": {"type": "teacher_unavailable", "teacher": "HOFM", "day": "mon",
                                  "start": "13:00", "end": "16:00"}})),
        Op("POST", "/employers/{org_id}/whatif", lambda: f"/employers/{metaal}/whatif", {"planner", "admin"},
           body=_json({"mark": {"staff": "mh-hofman", "day": "wed", "start": "13:00", "end": "17:00"}})),
        Op("POST", "/regions/{org_id}/batch", lambda: f"/regions/{region}/batch", {"coordinator", "admin"},
           body=_json({"regions": ["twente"], "levers": ["baseline"], "scale": 0.3, "school_seconds": 5,
                       "rounds": 1})),
        Op("GET", "/jobs", lambda: "/jobs", SCHOOL_SIDE | PLANNERS),
        Op("GET", "/jobs/{job_id}", lambda: f"/jobs/{finished}", SCHOOL_SIDE),
        Op("POST", "/jobs/{job_id}/cancel", lambda: f"/jobs/{new_job()}/cancel", SCHOOL_SIDE),
        Op("GET", "/jobs/{job_id}/result", lambda: f"/jobs/{finished}/result", SCHOOL_SIDE),
        Op("GET", "/jobs/{job_id}/report", lambda: f"/jobs/{queued}/report", set(), ok=(200, 404, 409)),
        Op("GET", "/jobs/{job_id}/events", lambda: f"/jobs/{finished}/events", SCHOOL_SIDE, walk=False),
    ]


def _covered_elsewhere() -> set[tuple[str, str]]:
    """The operations test_privacy.py's matrix calls, as (method, path template)."""
    return {("GET", "/timetables/{timetable_id}/export.json"), ("GET", "/timetables/{timetable_id}/export.xlsx"),
            ("GET", "/timetables/{timetable_id}/export.csv"), ("GET", "/timetables/{timetable_id}/views.html"),
            ("GET", "/timetables/{timetable_id}/hto/{hto_id}.ics"), ("GET", "/schools/{school_id}/timetables"),
            ("GET", "/schools/{school_id}/timetable"), ("GET", "/employers/{employer_id}/timetables"),
            ("GET", "/timetables/{timetable_id}"), ("POST", "/timetables/{timetable_id}/approve"),
            ("POST", "/timetables/{timetable_id}/publish"), ("GET", "/me/week"),
            ("GET", "/schools/{school_id}/htos/availability"), ("GET", "/regions/{region_id}/overview"),
            ("POST", "/schools/{school_id}/validate"), ("POST", "/schools/{school_id}/explain"),
            ("GET", "/timetables/{timetable_id}/why/{lesson_id}"), ("POST", "/me/calendar"),
            ("DELETE", "/me/calendar"), ("GET", "/calendar/{secret}.ics")}


def test_the_two_matrices_cover_every_operation(world):
    """Every operation in /openapi.json is in this matrix or in test_privacy.py's: a new route without a row
    fails here."""
    client, as_user = world
    spec = client.get("/openapi.json").json()
    every = {(method.upper(), path) for path, operations in spec["paths"].items() for method in operations}
    ours = {(op.method, op.path) for op in _operations(client, as_user)}
    assert test_privacy.routes  # the other matrix is there
    assert every - ours - _covered_elsewhere() == set()


def test_every_other_operation_and_role_is_denied_or_shows_nothing_forbidden(world):
    """For each operation here and each user: never 5xx; denied is 401/403/404 (409 for a state, 422 for a
    body a role may not send); the users that must be allowed get the answer; an allowed answer holds no word
    the role may not see."""
    client, as_user = world
    plan = demo_solution()[0]
    leaks, walked = [], 0
    for op in _operations(client, as_user):
        for user in USERS:
            headers = as_user(user) if user else {}
            answer = client.request(op.method, op.url(), headers=headers, **op.body())
            where = f"{user} {op.method} {op.path}"
            assert answer.status_code < 500, (where, answer.text)
            if user in op.must:
                assert answer.status_code in op.ok, (where, answer.status_code, answer.text[:300])
            if answer.status_code >= 300:
                assert answer.status_code in (*DENIED, 409, 422) or answer.status_code in op.ok, (
                    where, answer.status_code)
                assert user or answer.status_code == 401, where
                continue
            rules = rules_for(user, plan)
            if rules is not None and op.walk:
                walked += 1
                leaks += walk_answer(answer, rules, where)
    assert walked > 50
    assert leaks == [], "\n".join(leaks)
