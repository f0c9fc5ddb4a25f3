"""Helpers of the job tests: an app with job workers on a store that has the demo (and no demo solve in
the way), polling a job, a live server on a free loopback port, and `hybrooster serve` as a real process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.service.conftest import make_settings

FINAL = ("done", "failed", "cancelled")
# A demo solve that must end "done": quiet, its first timetable comes at ~1.8 s; on a loaded CI machine,
# compiling and building alone once took 8.4 s (at niceness 10), so a limit of 8 s left nothing.
DEMO_SOLVE = {"time_limit": 12}
ROOT = Path(__file__).resolve().parents[3]


def job_app(url: str, **overrides):
    """The demo loaded first without workers (so that no demo solve is queued), then an app with workers.
    Its solves do not step back (niceness 0): the other pytest worker would starve them."""
    with TestClient(create_app(make_settings(url), demo=True, workers=False)):
        pass
    overrides.setdefault("solve_niceness", 0)
    return create_app(make_settings(url, **overrides), demo=False, workers=True)


def org_id(client, headers) -> str:
    return client.get("/auth/me", headers=headers).json()["organisation"]["id"]


def wait_job(client, headers, job_id: str, until=FINAL, timeout: float = 120.0, check=None) -> dict:
    """Poll the job until its state is one of `until` (and `check(job)` holds, if given)."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/jobs/{job_id}", headers=headers).json()
        if job["state"] in until and (check is None or check(job)):
            return job
        assert time.monotonic() < deadline, f"job still {job['state']} after {timeout} s: {job}"
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(app):
    """The app under uvicorn on 127.0.0.1 and a free port, in a thread; stopped at the end."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@contextmanager
def serve_process(url: str, folder: Path, *extra: str, env_extra: dict | None = None):
    """`python -m api.cli serve [extra]` on a free loopback port with the store at `url`; yields (process, base
    URL). Its solves do not step back (niceness 0), as in job_app."""
    port = free_port()
    env = {**os.environ, "HYBROOSTER_DATABASE_URL": url, "PYTHONPATH": str(ROOT), "HYBROOSTER_SOLVE_NICENESS": "0",
           "HYBROOSTER_SECRET_KEY": "test-secret-key-that-is-long-enough-for-hs256",
           "HYBROOSTER_DATA_DIR": str(folder / "data"), **(env_extra or {})}
    log = open(folder / f"serve-{port}.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port), *extra], cwd=folder,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (folder / f"serve-{port}.log").read_text()
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.2)
        yield process, base
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped by its parent) counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
