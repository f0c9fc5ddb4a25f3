"""Logging in, tokens, API keys and the login rate limit."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.service.conftest import make_settings


def test_demo_users_log_in_and_see_their_role_and_organisation(client, as_user):
    """The demo roosteraar and planner log in with the README's password and /auth/me names their organisation."""
    me = client.get("/auth/me", headers=as_user("roosteraar")).json()
    assert (me["role"], me["organisation"]["kind"], me["organisation"]["code"]) == (
        "roosteraar", "school", "roc-twente-hengelo")
    me = client.get("/auth/me", headers=as_user("planner")).json()
    assert (me["role"], me["organisation"]["code"]) == ("planner", "metaal-hengelo")
    me = client.get("/auth/me", headers=as_user("hto")).json()
    assert (me["role"], me["staff"]) == ("hto", "mh-hofman")


def test_wrong_password_and_no_token_are_401(client):
    """A wrong password, a garbage token and no token at all are each 401, never 500."""
    assert client.post("/auth/token", data={"username": "roosteraar", "password": "nope"}).status_code == 401
    assert client.post("/auth/token", data={"username": "nobody", "password": "nope"}).status_code == 401
    assert client.get("/auth/me").status_code == 401
    assert client.get("/auth/me", headers={"Authorization": "Bearer not.a.token"}).status_code == 401


def test_an_expired_token_is_refused(client):
    """A token signed with the right key but expired is 401."""
    from datetime import datetime, timedelta, timezone

    import jwt

    user_id = client.get("/auth/me", headers=_login(client)).json()["id"]
    stale = jwt.encode({"sub": user_id, "typ": "access", "exp": datetime.now(timezone.utc) - timedelta(seconds=5)},
                       client.app.state.secret_key, algorithm="HS256")
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {stale}"}).status_code == 401


def _login(client):
    from tests.api.service.conftest import login

    return login(client, "coordinator")


def test_api_key_acts_as_its_user_until_revoked(client, as_user):
    """A new API key works in X-API-Key, is listed without the secret, and stops working once revoked."""
    made = client.post("/auth/api-keys", json={"name": "batch", "days": 1}, headers=as_user("coordinator"))
    assert made.status_code == 201
    key = made.json()["key"]
    assert key.startswith("hyb_")
    assert client.get("/auth/me", headers={"X-API-Key": key}).json()["username"] == "coordinator"
    listed = client.get("/auth/api-keys", headers=as_user("coordinator")).json()
    assert [k["key"] for k in listed] == [None]
    assert client.delete(f"/auth/api-keys/{made.json()['id']}", headers=as_user("coordinator")).status_code == 200
    assert client.get("/auth/me", headers={"X-API-Key": key}).status_code == 401
    assert client.get("/auth/me", headers={"X-API-Key": key[:-1] + "x"}).status_code == 401


def test_another_users_api_key_cannot_be_revoked(client, as_user):
    """Revoking someone else's key answers 404 and leaves it working."""
    made = client.post("/auth/api-keys", json={"name": "mine"}, headers=as_user("coordinator")).json()
    assert client.delete(f"/auth/api-keys/{made['id']}", headers=as_user("roosteraar")).status_code == 404
    assert client.get("/auth/me", headers={"X-API-Key": made["key"]}).status_code == 200


def test_keys_are_stored_hashed(client, as_user):
    """Neither the password nor the API key is in the store as given."""
    from sqlalchemy import select

    from api.store.models import ApiKey, User

    key = client.post("/auth/api-keys", json={}, headers=as_user("planner")).json()["key"]
    with client.app.state.store.session() as session:
        assert all(key not in row.key_hash for row in session.scalars(select(ApiKey)))
        assert all("hybrooster-demo" not in user.password_hash for user in session.scalars(select(User)))


def test_login_rate_limit(sqlite_url):
    """After the set number of failed logins a minute the next try is 429 with Retry-After, even with the
    right password; another user name is not affected."""
    app = create_app(make_settings(sqlite_url, login_attempts_per_minute=3), demo=True, workers=False)
    with TestClient(app) as client:
        for _ in range(3):
            assert client.post("/auth/token", data={"username": "planner", "password": "x"}).status_code == 401
        blocked = client.post("/auth/token", data={"username": "planner", "password": "hybrooster-demo"})
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
        assert client.post("/auth/token", data={"username": "roosteraar",
                                                "password": "hybrooster-demo"}).status_code == 200
