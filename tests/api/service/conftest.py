"""Fixtures for the service's tests: an app on a fresh store (SQLite in a temporary folder; the persistence
tests also take PostgreSQL), the demo loaded, and bearer tokens per demo user."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.demo import DEMO_PASSWORD
from api.settings import Settings


def make_settings(url: str, **overrides) -> Settings:
    return Settings(database_url=url, secret_key="test-secret-key-that-is-long-enough-for-hs256", **overrides)


def login(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """The Authorization header of a fresh login."""
    answer = client.post("/auth/token", data={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'hybrooster.db'}"


@pytest.fixture
def client(sqlite_url):
    """The demo on SQLite, without job workers (tests of the queue start their own)."""
    app = create_app(make_settings(sqlite_url), demo=True, workers=False)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def as_user(client):
    """as_user('roosteraar') -> headers; each user logged in once per test."""
    tokens: dict[str, dict[str, str]] = {}

    def headers(username: str) -> dict[str, str]:
        if username not in tokens:
            tokens[username] = login(client, username)
        return tokens[username]

    return headers


@pytest.fixture(scope="session")
def postgres_server():
    """One private PostgreSQL server for the whole run (skips with the reason when it cannot start)."""
    from tests.api.service.postgres import PostgresServer

    server = PostgresServer()
    why = server.start()
    if why is not None:
        server.stop()
        pytest.skip(why)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A fresh, empty store of each kind: the persistence, migration and job tests take this fixture."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hybrooster.db'}"
    return request.getfixturevalue("postgres_server").new_database()
