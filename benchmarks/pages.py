"""The web pages' speed (issue 25): every page of every demo role, loaded one after another on loopback.

    python -m benchmarks.pages                  # 20 loads of each page, 20 what-if answers
    python -m benchmarks.pages --loads 3 --whatif 3    # a quick look

It starts `hybrooster serve --demo` in a temporary folder (benchmarks/load.py start_server), waits for the
demo's first timetable and puts it in force (each planner approves, the roosteraar publishes), then logs each
demo user in through the login form (the CSRF token of the form, an Origin header, the session cookie).

The pages are found in the routers (api/web/routes WEB_ROUTERS): every GET route under /app, its path
parameters filled from the demo (an organisation id: the user's own; a timetable: the one in force; a job: the
newest the user may see); a route whose parameters cannot be filled is listed as skipped. Each user loads every
page once; the pages that answer 200 are theirs, and are loaded `--loads` times in sequence. The time is the
wall time of the request on loopback (client and server on one machine: an upper bound of the server's time),
reported as p50/p95/max per page against the target (p95 < 300 ms). Then the planner's immediate answer: the
employer what-if with `wait` (a mark on a day the hto'er teaches), `--whatif` times.

The table goes to benchmarks/results/issue25/pages-<commit>.csv (its `#` lines: commit, machine, date, command).
"""

from __future__ import annotations

import argparse
import importlib
import platform
import re
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx

from benchmarks.load import PASSWORD, _commit, _free_port, percentile, start_server, write_csv

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "issue25"
USERS = ("roosteraar", "planner", "hto", "coordinator", "admin")
PLANNERS = ("planner", "planner-vdveen", "planner-onderhoud")
TARGET_MS = 300.0
ORG_PARAMS = ("org_id", "org", "school_id", "employer_id", "region_id")
STREAMS = ("/events",)  # server-sent events: a stream, not a page to time
STAFF = {"planner": "mh-hofman"}  # a person whose week a planner opens (an hto'er of the demo)


def page_routes() -> list[str]:
    """Every GET path of the web pages (with their {parameters}): the routes of every module of
    api/web/routes, sub-routers included (their paths get the /app their parent router adds)."""
    import pkgutil

    import api.web.routes as package

    paths = []
    for module in pkgutil.iter_modules(package.__path__):
        router = getattr(importlib.import_module(f"api.web.routes.{module.name}"), "router", None)
        for route in getattr(router, "routes", ()):
            if not hasattr(route, "path"):  # an included sub-router: its own module lists its routes
                continue
            path = route.path if route.path.startswith("/app") or route.path == "/" else "/app" + route.path
            if "GET" in getattr(route, "methods", ()) and path.startswith("/app") and path not in paths \
                    and not path.endswith(STREAMS):
                paths.append(path)
    return paths


def _token(base: str, username: str) -> dict[str, str]:
    answer = httpx.post(f"{base}/auth/token", data={"username": username, "password": PASSWORD}, timeout=30)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _org(base: str, headers: dict) -> str | None:
    organisation = httpx.get(f"{base}/auth/me", headers=headers, timeout=30).json().get("organisation")
    return organisation["id"] if organisation else None


def put_in_force(base: str, seconds: float = 300) -> str:
    """The demo school's timetable in force (its first draft published once it is there)."""
    school = _token(base, "roosteraar")
    school_id = _org(base, school)
    deadline = time.monotonic() + seconds
    while True:
        listed = httpx.get(f"{base}/schools/{school_id}/timetables", headers=school, timeout=30).json()
        if any(t["in_force"] for t in listed):
            return next(t["id"] for t in listed if t["in_force"])
        if listed:
            break
        if time.monotonic() > deadline:
            raise RuntimeError("the demo's first timetable did not come")
        time.sleep(1)
    for planner in PLANNERS:  # a planner whose employer was not asked gets 409: nothing to approve
        httpx.post(f"{base}/timetables/{listed[0]['id']}/approve", headers=_token(base, planner), timeout=30)
    answer = httpx.post(f"{base}/timetables/{listed[0]['id']}/publish", headers=school, timeout=30)
    if answer.status_code != 200:
        raise RuntimeError(f"publishing the demo's timetable failed: {answer.text}")
    return listed[0]["id"]


def form_login(base: str, username: str) -> httpx.Client:
    """A client logged in through the page's form (CSRF token and Origin, as a browser sends them)."""
    client = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    form = client.get("/app/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    answer = client.post("/app/login", data={"username": username, "password": PASSWORD, "csrf": token},
                         headers={"Origin": base})
    if answer.status_code != 303:
        raise RuntimeError(f"{username} could not log in through the form: {answer.status_code}")
    return client


def fill(path: str, values: dict[str, str | None]) -> str | None:
    """The path with its parameters filled in; None when one of them has no value."""
    names = re.findall(r"{(\w+)(?::\w+)?}", path)
    if any(values.get(name) is None for name in names):
        return None
    return re.sub(r"{(\w+)(?::\w+)?}", lambda m: str(values[m.group(1)]), path)


def _values(base: str, username: str, timetable: str) -> dict[str, str | None]:
    headers = _token(base, username)
    org = _org(base, headers)
    jobs = httpx.get(f"{base}/jobs", headers=headers, timeout=30)
    job = jobs.json()[0]["id"] if jobs.status_code == 200 and jobs.json() else None
    return {**{name: org for name in ORG_PARAMS}, "timetable_id": timetable, "job_id": job,
            "staff_id": STAFF.get(username)}


def _kind(answer: httpx.Response) -> str:
    """page: a whole HTML page (the 300 ms target); fragment: a piece htmx loads into a page after it is
    shown (an explanation, figures); file: a download."""
    if not answer.headers.get("content-type", "").startswith("text/html") or "attachment" in answer.headers.get(
            "content-disposition", ""):
        return "file"
    return "page" if answer.text.lstrip()[:15].lower() == "<!doctype html>" else "fragment"


def measure(base: str, loads: int, timetable: str) -> tuple[list[dict], list[str]]:
    rows, skipped = [], []
    routes = page_routes()
    for username in USERS:
        client = form_login(base, username)
        values = _values(base, username, timetable)
        for route in routes:
            path = fill(route, values)
            if path is None:
                skipped.append(f"{username} {route}")
                continue
            first = client.get(path)
            if first.status_code != 200:  # not this user's page (404, or a redirect)
                continue
            kind = _kind(first)
            times = []
            for _ in range(loads):
                began = time.perf_counter()
                answer = client.get(path)
                times.append((time.perf_counter() - began) * 1000)
                answer.raise_for_status()
            p95 = percentile(times, 0.95)
            rows.append({"user": username, "page": route, "kind": kind, "loads": loads,
                         "p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(p95, 1),
                         "max_ms": round(max(times), 1), "target_ms": TARGET_MS if kind == "page" else "",
                         "met": ("yes" if p95 < TARGET_MS else "NO") if kind == "page" else ""})
        client.close()
    return rows, skipped


def whatif(base: str, tries: int, timetable: str) -> dict:
    """The planner's immediate answer: the employer what-if with wait, on a day the demo's hto'er teaches."""
    planner = _token(base, "planner")
    employer = _org(base, planner)
    full = httpx.get(f"{base}/timetables/{timetable}", headers=_token(base, "admin"), timeout=30).json()
    day = next(p["day"] for p in full["timetable"]["placements"] if p["teacher"] == "HOFM")
    mark = {"mark": {"staff": "mh-hofman", "day": day, "start": "07:00", "end": "19:00"}}
    times = []
    for _ in range(tries):
        began = time.perf_counter()
        answer = httpx.post(f"{base}/employers/{employer}/whatif?wait=10", json=mark, headers=planner, timeout=60)
        times.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"the what-if did not answer in one request: {answer.status_code} {answer.text}")
    p95 = percentile(times, 0.95)
    return {"user": "planner", "page": "POST /employers/{org_id}/whatif?wait=10", "kind": "answer", "loads": tries,
            "p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(p95, 1), "max_ms": round(max(times), 1),
            "target_ms": 2000.0, "met": "yes" if p95 < 2000 else "NO"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=20, help="loads of each page (default 20)")
    parser.add_argument("--whatif", type=int, default=20, help="what-if answers to time (default 20)")
    parser.add_argument("--out", type=Path, default=None, help="the CSV (default benchmarks/results/issue25/)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="hybrooster-pages-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(folder, port=port, database_url=None, job_seconds=20)
    try:
        timetable = put_in_force(base)
        rows, skipped = measure(base, args.loads, timetable)
        if args.whatif > 0:
            rows.append(whatif(base, args.whatif, timetable))
    except RuntimeError as error:
        raise SystemExit(f"error: {error}") from None
    finally:
        server.terminate()
        server.wait(timeout=30)
    commit = _commit()
    out = args.out or OUT / f"pages-{commit}.csv"
    header = [f"commit {commit}", f"machine {platform.machine()} {platform.processor() or ''} python "
              f"{platform.python_version()}", f"date {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
              "command python -m benchmarks.pages " + " ".join(argv if argv is not None else sys.argv[1:]),
              f"skipped (parameters not filled from the demo): {', '.join(skipped) or 'none'}"]
    write_csv(rows, out, header)
    for row in rows:
        print(f"{row['user']:12} {row['page']:60} {row['kind']:8} p50 {row['p50_ms']:8.1f}  p95 {row['p95_ms']:8.1f}  "
              f"max {row['max_ms']:8.1f} ms  {row['met']}")
    print(f"written to {out}")
    return 0 if all(row["met"] in ("yes", "") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
