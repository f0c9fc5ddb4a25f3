"""How fast a planner's what-if answers, end to end through the service (issue 24: "within 2 s on the demo").

    python -m benchmarks.service_whatif --repeats 20

Starts `hybrooster serve` (python -m api.cli serve) on a free loopback port with a fresh SQLite store in a
temporary folder, loads the demo, solves it once, and then asks N times, as the demo planner, "if I mark
Bram Hofman on a day he teaches, what moves?" with `?wait=10`: one HTTP request each, timed from sending to
the answer. Prints the median, p95, min and max, and the time the job itself took in the server. Run it on a
quiet machine; the figures go into benchmarks/RESULTS.md with the commit.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "hybrooster-demo"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _login(base: str, username: str) -> dict[str, str]:
    answer = httpx.post(f"{base}/auth/token", data={"username": username, "password": PASSWORD}, timeout=30)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _wait_done(base: str, headers, job_id: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(f"{base}/jobs/{job_id}", headers=headers, timeout=30).json()
        if job["state"] in ("done", "failed", "cancelled"):
            return job
        time.sleep(0.2)
    raise SystemExit(f"job {job_id} did not end within {timeout} s")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def run(repeats: int, solve_seconds: float) -> None:
    folder = Path(tempfile.mkdtemp(prefix="hybrooster-whatif-"))
    url = f"sqlite:///{folder / 'hybrooster.db'}"
    env = {**os.environ, "HYBROOSTER_DATABASE_URL": url, "PYTHONPATH": str(ROOT),
           "HYBROOSTER_DATA_DIR": str(folder / "data")}
    port = _port()
    base = f"http://127.0.0.1:{port}"
    log = open(folder / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--demo", "--port", str(port)],
                              cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start; see {folder / 'serve.log'}")
            time.sleep(0.2)
        roosteraar, planner = _login(base, "roosteraar"), _login(base, "planner")
        school = httpx.get(f"{base}/auth/me", headers=roosteraar).json()["organisation"]["id"]
        employer = httpx.get(f"{base}/auth/me", headers=planner).json()["organisation"]["id"]
        for job in httpx.get(f"{base}/jobs", headers=roosteraar).json():  # the demo's first solve: not needed
            httpx.post(f"{base}/jobs/{job['id']}/cancel", headers=roosteraar)
            _wait_done(base, roosteraar, job["id"], 60)
        job = httpx.post(f"{base}/schools/{school}/solve", json={"time_limit": solve_seconds}, headers=roosteraar,
                         timeout=30).json()
        job = _wait_done(base, roosteraar, job["id"], solve_seconds * 3 + 60)
        if job["state"] != "done":
            raise SystemExit(f"the demo solve did not succeed: {job['error']}")
        timetable = httpx.get(f"{base}/jobs/{job['id']}/result", headers=roosteraar, timeout=30).json()["timetable"]
        day = next(p["day"] for p in timetable["placements"] if p["teacher"] == "HOFM")
        mark = {"mark": {"staff": "mh-hofman", "day": day, "start": "07:00", "end": "19:00"}}
        walls, inside = [], []
        for _ in range(repeats):
            began = time.perf_counter()
            answer = httpx.post(f"{base}/employers/{employer}/whatif?wait=10", json=mark, headers=planner, timeout=60)
            walls.append(time.perf_counter() - began)
            body = answer.json()
            if answer.status_code != 200 or body["state"] != "done":
                raise SystemExit(f"what-if did not answer in one request: {answer.status_code} {body}")
            if body["started_at"] and body["finished_at"]:
                inside.append((datetime.fromisoformat(body["finished_at"])
                               - datetime.fromisoformat(body["started_at"])).total_seconds())
        print(f"what-if end to end, {repeats} requests: median {statistics.median(walls):.3f} s, "
              f"p95 {_percentile(walls, 0.95):.3f} s, min {min(walls):.3f} s, max {max(walls):.3f} s")
        if inside:
            print(f"  of which the job in the server (start to end): median {statistics.median(inside):.3f} s, "
                  f"p95 {_percentile(inside, 0.95):.3f} s")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="what-if requests to time (default 20)")
    parser.add_argument("--solve-seconds", type=float, default=20.0,
                        help="time limit of the demo solve the what-ifs start from (default 20)")
    args = parser.parse_args(argv)
    run(args.repeats, args.solve_seconds)


if __name__ == "__main__":
    main()
