"""Who may start and read which jobs, the bounded queue, bad input, and cancelling a job that waits (no
worker processes here: the jobs stay queued)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.jobs.manager import JobManager
from api.store.models import Job
from tests.api.service.conftest import login, make_settings
from tests.api.service.jobs_support import org_id


@pytest.fixture
def queue_client(sqlite_url):
    """The demo without workers and a queue of at most three jobs."""
    with TestClient(create_app(make_settings(sqlite_url, job_queue_max=3), demo=True, workers=False)) as client:
        yield client


def test_a_full_queue_is_429_with_a_clear_message(queue_client):
    """Three jobs wait; the fourth is refused with 429, saying the queue is full, and nothing is queued."""
    headers = login(queue_client, "roosteraar")
    school = org_id(queue_client, headers)
    for _ in range(3):
        assert queue_client.post(f"/schools/{school}/solve", headers=headers).status_code == 202
    refused = queue_client.post(f"/schools/{school}/solve", headers=headers)
    assert refused.status_code == 429 and "queue is full" in refused.json()["detail"]
    assert refused.headers["retry-after"] == "30"
    assert len(queue_client.get("/jobs", headers=headers).json()) == 3


def test_who_sees_which_job(queue_client):
    """A school's job: its roosteraar and the region's coordinator see it; a planner and another employer get
    404 as for a job that does not exist; an hto'er may not use jobs at all (403)."""
    roosteraar = login(queue_client, "roosteraar")
    job = queue_client.post(f"/schools/{org_id(queue_client, roosteraar)}/solve", headers=roosteraar).json()
    assert job["state"] == "queued" and job["queue_position"] == 0
    for user, code in (("roosteraar", 200), ("coordinator", 200), ("admin", 200), ("planner", 404),
                       ("planner-vdveen", 404), ("hto", 403)):
        assert queue_client.get(f"/jobs/{job['id']}", headers=login(queue_client, user)).status_code == code, user
    assert queue_client.get("/jobs/00000000-0000-4000-8000-000000000000", headers=roosteraar).status_code == 404
    listed = queue_client.get("/jobs", headers=login(queue_client, "coordinator")).json()
    assert [j["id"] for j in listed] == [job["id"]]
    assert queue_client.get("/jobs", headers=login(queue_client, "planner")).json() == []
    assert queue_client.get("/jobs", headers=login(queue_client, "hto")).status_code == 403
    assert queue_client.get("/jobs").status_code == 401


def test_roles_that_may_not_start_a_job(queue_client):
    """A planner cannot solve a school (403); a roosteraar cannot start a batch (403), nor a what-if for an
    employer (403); a coordinator of the region may solve its school."""
    roosteraar, planner = login(queue_client, "roosteraar"), login(queue_client, "planner")
    school, employer = org_id(queue_client, roosteraar), org_id(queue_client, planner)
    region = queue_client.get("/auth/me", headers=login(queue_client, "coordinator")).json()["organisation"]["id"]
    assert queue_client.post(f"/schools/{school}/solve", headers=planner).status_code == 403
    batch = {"regions": ["twente"]}
    assert queue_client.post(f"/regions/{region}/batch", headers=roosteraar, json=batch).status_code == 403
    mark = {"mark": {"staff": "mh-hofman", "day": "mon", "start": "08:00", "end": "12:00"}}
    assert queue_client.post(f"/employers/{employer}/whatif", headers=roosteraar, json=mark).status_code == 403
    assert queue_client.post(f"/schools/{school}/solve", headers=login(queue_client, "coordinator")).status_code == 202
    assert queue_client.post(f"/schools/{employer}/solve", headers=login(queue_client, "admin")).status_code == 404


def test_bad_input_is_422_naming_the_field(queue_client):
    """More search threads than the service has, a batch of an unknown region or lever: 422 with the field."""
    roosteraar = login(queue_client, "roosteraar")
    answer = queue_client.post(f"/schools/{org_id(queue_client, roosteraar)}/solve", headers=roosteraar,
                               json={"workers": 8})
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "workers"]
    coordinator = login(queue_client, "coordinator")
    region = org_id(queue_client, coordinator)
    answer = queue_client.post(f"/regions/{region}/batch", headers=coordinator, json={"regions": ["twente", "/etc"]})
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "regions", 1]
    answer = queue_client.post(f"/regions/{region}/batch", headers=coordinator,
                               json={"regions": ["twente"], "levers": ["baseline", "free_lunch"]})
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "levers", 1]
    assert queue_client.get("/jobs", headers=coordinator).json() == []


def test_a_school_without_a_timetable_cannot_replan_and_a_waiting_job_has_no_result(queue_client):
    """A re-plan needs a timetable to start from (409); a queued job's result is 409 too; its event stream
    on a server without workers says so and ends."""
    roosteraar = login(queue_client, "roosteraar")
    school = org_id(queue_client, roosteraar)
    assert queue_client.post(f"/schools/{school}/replan", headers=roosteraar, json={}).status_code == 409
    job = queue_client.post(f"/schools/{school}/solve", headers=roosteraar).json()
    assert queue_client.get(f"/jobs/{job['id']}/result", headers=roosteraar).status_code == 409
    events = queue_client.get(f"/jobs/{job['id']}/events", headers=roosteraar).text
    assert "event: state" in events and events.rstrip().splitlines()[-2] == "event: end"


def test_a_cancelled_waiting_job_never_starts(queue_client, sqlite_url):
    """Cancelling a queued job ends it at once; a dispatcher started afterwards leaves it alone."""
    roosteraar = login(queue_client, "roosteraar")
    job = queue_client.post(f"/schools/{org_id(queue_client, roosteraar)}/solve", headers=roosteraar).json()
    cancelled = queue_client.post(f"/jobs/{job['id']}/cancel", headers=roosteraar).json()
    assert cancelled["state"] == "cancelled" and cancelled["error"] == "cancelled before it started"
    manager = JobManager(queue_client.app.state.store, make_settings(sqlite_url))
    manager.start()
    time.sleep(1.0)
    manager.stop()
    with queue_client.app.state.store.session() as session:
        row = session.get(Job, job["id"])
        assert (row.state, row.attempts, row.worker_pid) == ("cancelled", 0, None)


def test_serve_demo_queues_a_first_solve(sqlite_url):
    """`hybrooster serve --demo` on a fresh store queues one solve of the demo school, so that a timetable
    is there to look at soon; a second start queues none."""
    for _ in range(2):
        with TestClient(create_app(make_settings(sqlite_url), demo=True, workers=True)) as client:
            jobs = client.get("/jobs", headers=login(client, "roosteraar")).json()
            assert [(j["kind"], j["org_id"]) for j in jobs] == [("solve", org_id(client, login(client, "roosteraar")))]
