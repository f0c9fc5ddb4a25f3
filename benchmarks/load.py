"""The service under load (issue 24): many users at once on loopback while one solve runs.

    python -m benchmarks.load                                   # 50 clients for 60 s, SQLite
    python -m benchmarks.load --clients 10 --seconds 10         # a quick look
    python -m benchmarks.load --database-url postgresql+psycopg://user@127.0.0.1/hybrooster_load

It starts `hybrooster serve --demo` (uvicorn, 127.0.0.1, a free port) in a temporary folder: the default store
is a SQLite file there, or `--database-url` (an empty PostgreSQL database). As the demo users it makes a first
timetable (a short solve; the planners approve it and the roosteraar publishes it), adds one planner user per
planner client (spread over the demo's three employers), then starts ONE long solve job and, while it runs,
drives `--clients` concurrent clients (asyncio, one httpx.AsyncClient and connection each). Every client logs
in first (the logins are timed apart, since argon2 is slow on purpose), then all run for `--seconds`:

* planners (half the clients): add an unavailable mark for one of their own staff and delete it again, over
  and over;
* readers (three in ten: the roosteraar and the coordinator by turns): read the school's timetable in force;
* pollers (the rest): poll the long solve's status and the job list.

Per endpoint (method and path template) it prints the number of requests, the status codes, the latency
p50/p95/p99 and the throughput, against the targets (p95 <= 50 ms for a mark, <= 100 ms for reading a
timetable), and writes the table as CSV to benchmarks/results/issue24/ (its `#` lines: commit, machine, date,
command). An endpoint the server does not have (not in its /openapi.json) is named and skipped.

The load generator runs on the same machine as the server and the solve: on 2 cores the three compete, so
measure on a quiet machine and record the figures in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "issue24"
PASSWORD = "hybrooster-demo"
LOAD_PASSWORD = "load-test-password"
DAYS = ("mon", "tue", "wed", "thu", "fri")

LOGIN = ("POST", "/auth/token")
MARK_ADD = ("POST", "/employers/{org_id}/marks")
MARK_DELETE = ("DELETE", "/employers/{org_id}/marks/{mark_id}")
TIMETABLE = ("GET", "/schools/{school_id}/timetable")
TIMETABLE_BY_ID = ("GET", "/timetables/{timetable_id}")
JOB = ("GET", "/jobs/{job_id}")
JOBS = ("GET", "/jobs")
SOLVE = ("POST", "/schools/{org_id}/solve")
APPROVE = ("POST", "/timetables/{timetable_id}/approve")
PUBLISH = ("POST", "/timetables/{timetable_id}/publish")
TARGETS_MS = {MARK_ADD: 50.0, MARK_DELETE: 50.0, TIMETABLE: 100.0, TIMETABLE_BY_ID: 100.0}


@dataclass
class Samples:
    latencies: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[tuple[str, str], dict[int, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def add(self, endpoint: tuple[str, str], seconds: float, status: int) -> None:
        self.latencies[endpoint].append(seconds * 1000)
        self.statuses[endpoint][status] += 1


@dataclass
class World:
    """What the clients need: the server, its routes, the organisations and the jobs made in the setup."""

    base: str
    routes: set[tuple[str, str]]
    school: str
    employers: dict[str, str]  # code -> organisation id
    staff: dict[str, list[str]]  # employer code -> staff ids
    planners: list[tuple[str, str]] = field(default_factory=list)  # (username, employer code)
    long_job: str | None = None
    timetable_id: str | None = None
    published: bool = False
    think: float = 1.0  # seconds, the mean pause of a person between two actions

    def has(self, endpoint: tuple[str, str]) -> bool:
        return endpoint in self.routes


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, *, port: int, database_url: str | None, job_seconds: float) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if not key.startswith("HYBROOSTER_")}
    env.update(PYTHONPATH=str(ROOT), HYBROOSTER_JOB_TIME_LIMIT=str(job_seconds),
               HYBROOSTER_LOGIN_ATTEMPTS_PER_MINUTE="100000")
    if database_url:
        env["HYBROOSTER_DATABASE_URL"] = database_url
    process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--demo", "--port", str(port)], cwd=folder,
                               env=env, stdout=open(folder / "server.log", "w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped at start:\n{(folder / 'server.log').read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not answer within 120 s")


def _login(client: httpx.Client, username: str, password: str = PASSWORD) -> dict[str, str]:
    answer = client.post("/auth/token", data={"username": username, "password": password})
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _wait_for_job(client: httpx.Client, headers, job_id: str, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        job = client.get(f"/jobs/{job_id}", headers=headers).json()
        if job["state"] in ("done", "failed", "cancelled") or time.monotonic() > deadline:
            return job
        time.sleep(1)


def setup(base: str, *, planners: int, solve_seconds: float, first_seconds: float) -> World:
    """The organisations, the load's planner users, a published first timetable and the long solve."""
    from api.commands import demo_plan_path

    plan = json.loads(Path(demo_plan_path()).read_text(encoding="utf-8"))
    with httpx.Client(base_url=base, timeout=60) as client:
        routes = {(method.upper(), path) for path, operations in client.get("/openapi.json").json()["paths"].items()
                  for method in operations}
        admin = _login(client, "admin")
        orgs = client.get("/organisations", headers=admin).json()
        world = World(base=base, routes=routes, school=next(o["id"] for o in orgs if o["kind"] == "school"),
                      employers={o["code"]: o["id"] for o in orgs if o["kind"] == "employer"},
                      staff={e["id"]: [s["id"] for s in e["staff"]] for e in plan["employers"]})
        codes = sorted(world.employers)
        for index in range(planners):
            username, code = f"load-planner-{index:03d}", codes[index % len(codes)]
            made = client.post("/users", headers=admin, json={"username": username, "password": LOAD_PASSWORD,
                                                              "role": "planner", "org_id": world.employers[code]})
            if made.status_code not in (201, 422):  # 422: made by an earlier run on the same store
                made.raise_for_status()
            world.planners.append((username, code))
        for endpoint in (MARK_ADD, MARK_DELETE, TIMETABLE, JOB, JOBS, SOLVE, APPROVE, PUBLISH):
            if not world.has(endpoint):
                print(f"skip: {endpoint[0]} {endpoint[1]} is not in this server's API")
        if not world.has(SOLVE):
            return world
        roosteraar = _login(client, "roosteraar")
        print(f"a first timetable (a solve of at most {first_seconds:.0f} s) ...", flush=True)
        first = client.post(f"/schools/{world.school}/solve", headers=roosteraar, json={"time_limit": first_seconds})
        if first.status_code not in (200, 202):
            raise SystemExit(f"the first solve was refused: {first.status_code} {first.text[:300]}")
        job = _wait_for_job(client, roosteraar, first.json()["id"], first_seconds + 300)
        world.timetable_id = job.get("timetable_id")
        if world.timetable_id:
            for username in ("planner", "planner-vdveen", "planner-onderhoud"):
                client.post(f"/timetables/{world.timetable_id}/approve", headers=_login(client, username))
            published = client.post(f"/timetables/{world.timetable_id}/publish", headers=roosteraar)
            world.published = published.status_code == 200
            print(f"  timetable {world.timetable_id}: "
                  f"{'published' if world.published else f'not published ({published.status_code} {published.text[:200]})'}")
        else:
            print(f"  no timetable: the job ended {job['state']} {job.get('error') or ''}")
        long = client.post(f"/schools/{world.school}/solve", headers=roosteraar,
                           json={"time_limit": solve_seconds, "seed": 1})
        world.long_job = long.json()["id"] if long.status_code in (200, 202) else None
        print(f"the long solve: job {world.long_job} ({long.status_code})", flush=True)
        if world.long_job:
            _wait_until_started(client, roosteraar, world.long_job, 120)
    return world


def _wait_until_started(client: httpx.Client, headers, job_id: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while client.get(f"/jobs/{job_id}", headers=headers).json()["state"] == "queued" and time.monotonic() < deadline:
        time.sleep(0.5)


async def _call(client: httpx.AsyncClient, samples: Samples, endpoint, url: str, **kwargs) -> httpx.Response:
    began = time.perf_counter()
    answer = await client.request(endpoint[0], url, **kwargs)
    samples.add(endpoint, time.perf_counter() - began, answer.status_code)
    return answer


async def _login_async(client, samples, username: str, password: str) -> dict[str, str]:
    answer = await _call(client, samples, LOGIN, "/auth/token", data={"username": username, "password": password})
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@dataclass
class Client:
    """One simulated user: their own connection, their login, what they do."""

    kind: str
    index: int
    username: str
    password: str
    http: httpx.AsyncClient
    headers: dict[str, str] = field(default_factory=dict)


async def planner_loop(world: World, samples: Samples, client: Client, deadline: float) -> None:
    """Add an unavailable mark for one of the planner's own staff, then delete it; again and again."""
    code = dict(world.planners)[client.username]
    org, staff = world.employers[code], world.staff[code]
    step = 0
    while time.monotonic() < deadline:
        body = {"staff": staff[(client.index + step) % len(staff)], "day": DAYS[step % len(DAYS)], "start": "08:00",
                "end": "10:00", "reason": "load test", "level": "preference", "weight": 1}
        made = await _call(client.http, samples, MARK_ADD, f"/employers/{org}/marks", json=body,
                           headers=client.headers)
        if made.status_code == 201 and world.has(MARK_DELETE):
            await _call(client.http, samples, MARK_DELETE, f"/employers/{org}/marks/{made.json()['id']}",
                        headers=client.headers)
        step += 1
        await think(world)


async def think(world: World) -> None:
    """A person's pause between two actions (exponential, mean --think seconds; 0: none, a saturation test)."""
    if world.think > 0:
        await asyncio.sleep(random.expovariate(1 / world.think))


async def reader_loop(world: World, samples: Samples, client: Client, deadline: float) -> None:
    """Read the school's timetable in force (or the first timetable by its id, when it was not published)."""
    endpoint, url = (TIMETABLE, f"/schools/{world.school}/timetable") if world.published else (
        TIMETABLE_BY_ID, f"/timetables/{world.timetable_id}")
    while time.monotonic() < deadline:
        await _call(client.http, samples, endpoint, url, headers=client.headers)
        await think(world)


async def poller_loop(world: World, samples: Samples, client: Client, deadline: float) -> None:
    """Poll the long solve's status and the job list, as a page that shows a job does."""
    while time.monotonic() < deadline:
        await _call(client.http, samples, JOB, f"/jobs/{world.long_job}", headers=client.headers)
        await _call(client.http, samples, JOBS, "/jobs", headers=client.headers)
        await asyncio.sleep(0.2)  # a page polls, it does not hammer


LOOPS = {"planner": planner_loop, "reader": reader_loop, "poller": poller_loop}
SHARES = {"planner": 5, "reader": 3, "poller": 2}  # of every 10 clients


def _clients(world: World, count: int) -> list[Client]:
    can = {"planner": world.has(MARK_ADD) and bool(world.planners),
           "reader": world.has(TIMETABLE if world.published else TIMETABLE_BY_ID) and world.timetable_id is not None,
           "poller": world.has(JOB) and world.has(JOBS) and world.long_job is not None}
    pattern = [kind for kind in SHARES if can[kind] for _ in range(SHARES[kind])]
    if not pattern:
        raise SystemExit("none of the endpoints to load is in this server's API")
    clients, planners = [], 0
    for index in range(count):
        kind = pattern[index % len(pattern)]
        if kind == "planner":
            username, password = world.planners[planners % len(world.planners)][0], LOAD_PASSWORD
            planners += 1
        else:
            username, password = ("roosteraar", "coordinator")[index % 2], PASSWORD
        clients.append(Client(kind, index, username, password, httpx.AsyncClient(base_url=world.base, timeout=60)))
    return clients


async def _after_a_pause(world: World, loop) -> None:
    """People do not all click in the same millisecond: each starts after a pause of their own, as between any
    two of their actions (without it, the first second is 50 requests at once, a burst no office makes)."""
    await think(world)
    await loop


async def drive(world: World, *, clients: int, seconds: float) -> tuple[Samples, Samples, float]:
    """Every client logs in (timed apart: argon2 is slow on purpose), then all run until the deadline."""
    logins, samples = Samples(), Samples()
    users = _clients(world, clients)
    try:
        tokens = await asyncio.gather(*(_login_async(u.http, logins, u.username, u.password) for u in users))
        for user, headers in zip(users, tokens):
            user.headers = headers
        began = time.monotonic()
        await asyncio.gather(*(_after_a_pause(world, LOOPS[u.kind](world, samples, u, began + seconds))
                               for u in users))
        return logins, samples, time.monotonic() - began
    finally:
        await asyncio.gather(*(u.http.aclose() for u in users))


def table(samples: Samples, elapsed: float, *, per_s: bool = True) -> list[dict]:
    """Per endpoint; the logins come before the measured time, so they get no throughput."""
    rows = []
    for endpoint, values in sorted(samples.latencies.items(), key=lambda item: item[0][1]):
        target = TARGETS_MS.get(endpoint)
        p95 = percentile(values, 0.95)
        rows.append({"method": endpoint[0], "path": endpoint[1], "requests": len(values),
                     "statuses": " ".join(f"{code}x{count}" for code, count in sorted(samples.statuses[endpoint].items())),
                     "p50_ms": round(percentile(values, 0.50), 1), "p95_ms": round(p95, 1),
                     "p99_ms": round(percentile(values, 0.99), 1), "max_ms": round(max(values), 1),
                     "per_s": round(len(values) / elapsed, 1) if per_s else "", "target_p95_ms": target or "",
                     "met": "" if target is None else ("yes" if p95 <= target else "NO")})
    return rows


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_csv(rows: list[dict], path: Path, header: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.writelines(f"# {line}\n" for line in header)
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["method", "path"])
        writer.writeheader()
        writer.writerows(rows)


def print_table(rows: list[dict]) -> None:
    columns = ["method", "path", "requests", "statuses", "p50_ms", "p95_ms", "p99_ms", "max_ms", "per_s",
               "target_p95_ms", "met"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[column]) for column in columns) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the clients run (default 60)")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause in seconds between a person's actions (default 1; 0: back to back, "
                             "a saturation test of throughput, not of latency)")
    parser.add_argument("--database-url", default=None, help="an empty database (PostgreSQL); default: SQLite")
    parser.add_argument("--first-solve", type=float, default=20, help="seconds for the first timetable's solve")
    parser.add_argument("--out", type=Path, default=None, help="the CSV (default benchmarks/results/issue24/...)")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 500 or not 1 <= args.seconds <= 3600:
        parser.error("--clients must be 1..500 and --seconds 1..3600")
    store = "postgresql" if args.database_url and args.database_url.startswith("postgresql") else "sqlite"
    out = args.out or OUT / f"load-{store}-{args.clients}c-{int(args.seconds)}s-think{args.think:g}.csv"
    # the long solve outlasts the measurement; its own time limit is the service's setting
    solve_seconds = args.seconds + 60
    with tempfile.TemporaryDirectory(prefix="hybrooster-load-") as folder:
        port = _free_port()
        server = start_server(Path(folder), port=port, database_url=args.database_url, job_seconds=solve_seconds)
        try:
            world = setup(f"http://127.0.0.1:{port}", planners=max(1, args.clients // 2), solve_seconds=solve_seconds,
                          first_seconds=args.first_solve)
            world.think = max(0.0, args.think)
            print(f"{args.clients} clients for {args.seconds:.0f} s, pausing {world.think:g} s on average between "
                  "actions ...", flush=True)
            logins, samples, elapsed = asyncio.run(drive(world, clients=args.clients, seconds=args.seconds))
            with httpx.Client(base_url=world.base, timeout=30) as client:
                state = (client.get(f"/jobs/{world.long_job}", headers=_login(client, "roosteraar")).json()
                         if world.long_job else {"state": "none"})
        except BaseException:
            print("the server's log, last lines:\n" + "\n".join(
                (Path(folder) / "server.log").read_text(errors="replace").splitlines()[-40:]), file=sys.stderr)
            raise
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    rows = table(samples, elapsed) + table(logins, elapsed, per_s=False)
    print_table(rows)
    running = state["state"] == "running"
    print(f"the long solve at the end: {state['state']}" + ("" if running else
          f" (finished {state.get('finished_at')}: it did not run through the whole measurement)"))
    write_csv(rows, out, [f"commit {_commit()}", f"machine {platform.node()} {platform.machine()} "
                          f"{os.cpu_count()} cores, Python {platform.python_version()}",
                          f"date {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
                          f"command python -m benchmarks.load {' '.join(argv if argv is not None else sys.argv[1:])}",
                          f"store {store}; the long solve at the end: {state['state']}"])
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
