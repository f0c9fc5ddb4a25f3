"""The store on SQLite and PostgreSQL: migrations, versions kept, rollback on error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text

from api.app import create_app
from api.services.plans import add_version, latest_version
from api.store.db import Store
from api.store.models import Organisation, PlanVersion
from tests.api.service.conftest import make_settings


def test_migrations_make_every_table_and_run_twice(store_url):
    """The first start makes every table of the models; a second start changes nothing."""
    from api.store.models import Base

    store = Store(store_url)
    store.migrate()
    store.migrate()
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    store.dispose()


def test_versions_are_added_never_overwritten(store_url):
    """Two versions of one school's part are both kept, numbered 1 and 2."""
    store = Store(store_url)
    store.migrate()
    with store.session() as session:
        org = Organisation(kind="school", code="s", name="S")
        session.add(org)
        session.flush()
        add_version(session, org=org, body={"name": "one"}, user=None)
        add_version(session, org=org, body={"name": "two"}, user=None)
    with store.session() as session:
        rows = session.scalars(select(PlanVersion).order_by(PlanVersion.version)).all()
        assert [(r.version, r.body["name"]) for r in rows] == [(1, "one"), (2, "two")]
        assert latest_version(session, rows[0].org_id).body == {"name": "two"}
    store.dispose()


def test_an_error_in_a_session_leaves_nothing_behind(store_url):
    """A failure half-way through a session rolls back what it had added."""
    store = Store(store_url)
    store.migrate()
    with pytest.raises(RuntimeError), store.session() as session:
        session.add(Organisation(kind="school", code="half", name="Half"))
        session.flush()
        raise RuntimeError("boom")
    with store.session() as session:
        assert session.scalar(select(Organisation).where(Organisation.code == "half")) is None
    store.dispose()


def test_demo_on_each_store_and_logins_survive_a_restart(store_url):
    """The demo loads on each store; a token made before a restart is still valid after it (the key is kept)."""
    app = create_app(make_settings(store_url).model_copy(update={"secret_key": None}), demo=True, workers=False)
    with TestClient(app) as client:
        token = client.post("/auth/token", data={"username": "roosteraar", "password": "hybrooster-demo"}).json()
    app = create_app(make_settings(store_url).model_copy(update={"secret_key": None}), demo=True, workers=False)
    with TestClient(app) as client:
        me = client.get("/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"})
        assert me.status_code == 200 and me.json()["username"] == "roosteraar"
