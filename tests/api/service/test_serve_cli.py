"""`hybrooster serve --demo` as a new user starts it: a real process on a free loopback port, in an empty folder,
no settings at all; and `hybrooster org add` / `user add` before the first login."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.service.conftest import login, make_settings

ROOT = Path(__file__).resolve().parents[3]
# serve starts the job workers (api/jobs/manager.py); until that module is in the checkout, serve cannot start.
needs_workers = pytest.mark.skipif(importlib.util.find_spec("api.jobs.manager") is None,
                                   reason="api/jobs/manager.py (the job workers serve starts) is not in this checkout")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(**extra: str) -> dict[str, str]:
    """This checkout on the path, wide output (no wrapped lines), and no HYBROOSTER_* setting from outside."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("HYBROOSTER_")}
    env.update(PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1", COLUMNS="200", **extra)
    return env


def _cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=cwd, env=_env(**env), text=True,
                          capture_output=True, timeout=120)


@pytest.fixture
def served(tmp_path):
    """`python -m api.cli serve --demo --port P` in an empty folder; (process, base URL, what it printed)."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--demo", "--port", str(port)],
                               cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"serve stopped at start: {process.stdout.read()}")
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("serve did not answer within 90 s")
            time.sleep(0.3)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def _printed(process) -> str:
    """What serve printed before it started listening (the lines come before uvicorn starts)."""
    lines = []
    while True:
        line = process.stdout.readline()
        lines.append(line)
        if not line or line.strip().startswith("admin"):
            return "".join(lines)


@needs_workers
def test_serve_demo_in_an_empty_folder(served, tmp_path):
    """It prints its address and the demo logins; the roosteraar and the planner log in with the printed
    password; the store is a SQLite file in WAL mode in the folder it was started in; /docs answers; SIGTERM
    stops it cleanly."""
    process, base = served
    printed = _printed(process)
    assert f"Hybrooster serves at {base}" in printed and f"{base}/docs" in printed
    password = re.search(r"password for each: (\S+?)\)", printed).group(1)
    for user in ("roosteraar", "planner", "planner-vdveen", "hto", "coordinator", "admin"):
        assert re.search(rf"^\s+{re.escape(user)}\s", printed, re.MULTILINE), (user, printed)

    for user, kind in (("roosteraar", "school"), ("planner", "employer")):
        token = httpx.post(f"{base}/auth/token", data={"username": user, "password": password}, timeout=10)
        assert token.status_code == 200, token.text
        me = httpx.get(f"{base}/auth/me", timeout=10,
                       headers={"Authorization": f"Bearer {token.json()['access_token']}"}).json()
        assert (me["username"], me["organisation"]["kind"]) == (user, kind)
    docs = httpx.get(f"{base}/docs", timeout=10)
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    opened = httpx.get(base, timeout=10, follow_redirects=True)  # the printed address, as a browser opens it
    assert opened.url.path == "/app/login" and 'name="password"' in opened.text

    store = tmp_path / "hybrooster.db"
    assert store.is_file()
    with closing(sqlite3.connect(store)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    process.send_signal(signal.SIGTERM)
    # uvicorn shuts down (the app's lifespan closes the store), then raises the signal it caught again, so
    # the exit status is that of SIGTERM; clean means no traceback and the store closed: the last connection
    # to close folds the write-ahead log back into the file and removes it.
    assert process.wait(30) in (0, -signal.SIGTERM)
    rest = process.stdout.read()
    assert "Traceback" not in rest and "ERROR" not in rest, rest
    assert not (tmp_path / "hybrooster.db-wal").exists()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base}/openapi.json", timeout=2)


def test_every_request_body_has_an_example(client):
    """Every request body in /openapi.json shows an example in /docs: the media type carries one, or the
    schema it names does (a shared schema is looked up in components)."""
    spec = client.get("/openapi.json").json()
    components = spec["components"]["schemas"]
    bodies, missing = 0, []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                bodies += 1
                schema = content.get("schema", {})
                if "$ref" in schema:
                    schema = components[schema["$ref"].rsplit("/", 1)[-1]]
                if not ({"example", "examples"} & (set(content) | set(schema))):
                    missing.append(f"{method.upper()} {path} ({media})")
    assert bodies >= 4
    assert missing == []


def test_org_add_and_user_add_then_log_in(tmp_path):
    """`org add` and `user add` (password from HYBROOSTER_PASSWORD) on an empty store; the new users log in."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert _cli("org", "add", "region", "achterhoek", "--name", "Regio Achterhoek", cwd=tmp_path,
                HYBROOSTER_DATABASE_URL=url).returncode == 0
    made = _cli("org", "add", "school", "graafschap-college", "--region", "achterhoek", cwd=tmp_path,
                HYBROOSTER_DATABASE_URL=url)
    assert made.returncode == 0 and "added school 'graafschap-college'" in made.stdout
    for args in (("eerste-admin", "--role", "admin"),
                 ("j.jansen", "--role", "roosteraar", "--org", "graafschap-college", "--name", "Jan Jansen")):
        added = _cli("user", "add", *args, cwd=tmp_path, HYBROOSTER_DATABASE_URL=url,
                     HYBROOSTER_PASSWORD="een-lang-wachtwoord")
        assert added.returncode == 0, added.stderr
    refused = _cli("user", "add", "p.pieters", "--role", "planner", "--org", "bestaat-niet", cwd=tmp_path,
                   HYBROOSTER_DATABASE_URL=url, HYBROOSTER_PASSWORD="een-lang-wachtwoord")
    assert refused.returncode != 0 and "bestaat-niet" in refused.stderr
    assert not (tmp_path / "hybrooster.db").exists()  # the setting was used, not the default file

    with TestClient(create_app(make_settings(url), workers=False)) as client:
        me = client.get("/auth/me", headers=login(client, "j.jansen", "een-lang-wachtwoord")).json()
        assert (me["role"], me["organisation"]["code"]) == ("roosteraar", "graafschap-college")
        assert client.get("/auth/me", headers=login(client, "eerste-admin", "een-lang-wachtwoord")).json()[
            "role"] == "admin"
        assert client.post("/auth/token", data={"username": "p.pieters",
                                                "password": "een-lang-wachtwoord"}).status_code == 401


def test_the_served_app_freezes_what_start_up_built(sqlite_url):
    """serve's app (freeze_heap) moves start-up's objects out of the cycle collector's reach, so that a full
    collection under load walks only what requests made since; an app made for a test leaves the collector be."""
    import gc

    gc.unfreeze()
    try:
        with TestClient(create_app(make_settings(sqlite_url), demo=True, workers=False)):
            assert gc.get_freeze_count() == 0
        with TestClient(create_app(make_settings(sqlite_url), demo=True, workers=False, freeze_heap=True)) as client:
            assert gc.get_freeze_count() > 50_000
            assert client.get("/openapi.json").status_code == 200
    finally:
        gc.unfreeze()
