"""A bearer token's user and organisation are read from the store once and remembered for CALLER_SECONDS
(api/callers.py): the next requests do not query them, and a user disabled in the store is refused as soon
as the remembered copy has expired."""

from __future__ import annotations

from sqlalchemy import event, select

import api.callers
from api.callers import CALLER_SECONDS
from api.store.models import User


def _statements_during(client, call) -> tuple[object, list[str]]:
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = client.app.state.store.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        return call(), statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_a_token_reads_its_user_once_then_remembers_it(client, as_user):
    headers = as_user("planner")
    first, read = _statements_during(client, lambda: client.get("/auth/me", headers=headers))
    again, reread = _statements_during(client, lambda: client.get("/auth/me", headers=headers))
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and again.json()["username"] == "planner"
    assert again.json()["organisation"]["kind"] == "employer"
    assert any("FROM users" in s for s in read)
    assert not any("FROM users" in s or "FROM organisations" in s for s in reread)


def test_a_disabled_user_is_refused_once_the_remembered_copy_expires(client, as_user, monkeypatch):
    headers = as_user("planner")
    assert client.get("/auth/me", headers=headers).status_code == 200
    with client.app.state.store.session() as session:
        session.scalar(select(User).where(User.username == "planner")).disabled = True
    assert client.get("/auth/me", headers=headers).status_code == 200  # remembered, at most CALLER_SECONDS
    later = api.callers.monotonic() + CALLER_SECONDS + 1
    monkeypatch.setattr(api.callers, "monotonic", lambda: later)
    refused = client.get("/auth/me", headers=headers)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"


def test_a_forged_or_expired_token_is_refused_even_for_a_remembered_user(client, as_user):
    headers = as_user("planner")
    assert client.get("/auth/me", headers=headers).status_code == 200
    forged = {"Authorization": headers["Authorization"][:-4] + "abcd"}
    assert client.get("/auth/me", headers=forged).status_code == 401
