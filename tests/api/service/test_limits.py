"""The request limits and bad bodies: too large is 413, too deep or malformed is 422 with where, never 500 and
never a half-made record. (The login rate limit is in test_auth.py.)"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.service.conftest import login, make_settings

ORG = {"kind": "school", "code": "nieuw-college", "name": "Nieuw College"}


@pytest.fixture
def small(sqlite_url):
    """The demo with small limits: 2,048 bytes a body, JSON 5 levels deep."""
    app = create_app(make_settings(sqlite_url, max_body_bytes=2048, max_json_depth=5), demo=True, workers=False)
    with TestClient(app) as client:
        yield client


def _org_codes(client, headers) -> set[str]:
    return {org["code"] for org in client.get("/organisations", headers=headers).json()}


def test_a_body_over_the_limit_is_413_json_and_changes_nothing(small):
    """A body over max_body_bytes gets 413 with a JSON detail, whether its length is declared or streamed."""
    admin = login(small, "admin")
    big = {**ORG, "name": "x" * 3000}
    answer = small.post("/organisations", json=big, headers=admin)
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["detail"][0]["loc"] == ["body"] and "2,048 bytes" in answer.json()["detail"][0]["msg"]

    def chunks():  # no Content-Length: the limit is counted while reading
        yield json.dumps(big).encode()[:1500]
        yield json.dumps(big).encode()[1500:]

    streamed = small.post("/organisations", content=chunks(), headers={**admin, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert "nieuw-college" not in _org_codes(small, admin)


def test_a_body_under_the_limit_goes_through(small):
    """Just under the limits the same request is made (the limits do not refuse honest input)."""
    admin = login(small, "admin")
    padded = json.dumps(ORG) + " " * 1950  # whitespace is valid JSON: only the size is near the limit
    assert 2000 < len(padded) <= 2048
    answer = small.post("/organisations", content=padded, headers={**admin, "Content-Type": "application/json"})
    assert answer.status_code == 201, answer.text
    assert "nieuw-college" in _org_codes(small, admin)


def test_json_nested_too_deep_is_422_with_where(small):
    """JSON nested deeper than max_json_depth is 422, loc body, the message naming the depth and the byte
    (the object is level 1, so the fifth bracket is level 6)."""
    admin = login(small, "admin")
    deep = '{"kind": "school", "code": "x", "name": "y", "region_id": [[[[[["z"]]]]]]}'
    answer = small.post("/organisations", content=deep, headers={**admin, "Content-Type": "application/json"})
    assert answer.status_code == 422
    item = answer.json()["detail"][0]
    assert item["loc"] == ["body"] and item["type"] == "too_deep"
    assert "5 levels" in item["msg"] and f"byte {deep.index('[[[[[[') + 4}" in item["msg"]


def test_brackets_inside_strings_do_not_count_as_depth(small):
    """Brackets inside a JSON string are text, not nesting: the request is judged on its fields."""
    admin = login(small, "admin")
    answer = small.post("/organisations", json={**ORG, "name": "[[[[[[[[{{{{{{ \\\" [[[["}, headers=admin)
    assert answer.status_code == 201, answer.text


def test_malformed_json_is_422_with_line_and_column(client, as_user):
    """A JSON body with a syntax error is 422; loc names the line and column of the error."""
    body = '{\n  "kind": "school",\n  "code": "x" \n  "name": "y"\n}'
    answer = client.post("/organisations", content=body,
                         headers={**as_user("admin"), "Content-Type": "application/json"})
    assert answer.status_code == 422
    item = answer.json()["detail"][0]
    assert item["loc"] == ["body", "line 4, column 3"], item
    assert item["type"] == "json_invalid" and "delimiter" in item["msg"]


def test_a_body_that_is_not_utf8_is_422_not_400(client, as_user):
    """Bytes that are not UTF-8 under a JSON content type get 422 with loc body (FastAPI alone says 400)."""
    answer = client.post("/organisations", content=b'{"kind": "\xff\xfe"}',
                         headers={**as_user("admin"), "Content-Type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body"]


def test_wrong_fields_are_422_with_the_field_path(client, as_user):
    """A well-formed body with a wrong field names the field: loc is body and the field's name."""
    answer = client.post("/organisations", json={**ORG, "kind": "factory"}, headers=as_user("admin"))
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "kind"]


def test_every_route_declares_the_error_answers(client):
    """Every operation in /openapi.json declares 401, 403, 404 and 413 with the error shape, so that /docs
    shows them and clients may rely on them."""
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            declared = operation["responses"]
            for status in ("401", "403", "404", "413"):
                assert status in declared, (method, path, status)


def test_a_broken_multipart_form_is_422_not_400(client):
    """A multipart body that cannot be parsed (here the login form) gets 422 with loc body, as all bad input."""
    answer = client.post("/auth/token", content=b"--xyz\r\nno headers here--xyz--\r\n",
                         headers={"Content-Type": "multipart/form-data; boundary=xyz"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["body"]


def test_a_nul_character_in_an_id_or_a_text_is_no_server_error(store_url):
    """PostgreSQL refuses a NUL character that SQLite takes: on both stores an id with one is 404 or 422, and a
    mark whose reason has one is 422 or kept, never 500."""
    app = create_app(make_settings(store_url), demo=True, workers=False)
    with TestClient(app) as client:
        planner = login(client, "planner")
        assert client.get("/organisations/ab%00cd", headers=planner).status_code in (404, 422)
        employer = client.get("/organisations", headers=planner).json()[0]["id"]
        made = client.post(f"/employers/{employer}/marks", headers=planner, json={
            "staff": "mh-hofman", "day": "mon", "start": "08:00", "end": "09:00", "reason": "a\u0000b"})
        assert made.status_code in (201, 422), made.text
