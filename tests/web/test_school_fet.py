"""The FET download of a school whose plan was uploaded as a FET file: the uploaded file with every placement
of the timetable locked; refused with a reason for a plan that did not come from FET."""

from __future__ import annotations

import re

import pytest
from defusedxml import ElementTree
from fastapi.testclient import TestClient

from api.app import create_app
from api.commands import solve
from api.demo import DEMO_PASSWORD
from api.services.plans import assemble
from api.services.timetables import store_timetable
from api.store.models import Organisation
from solver.params import SolveParams
from tests.api.service.conftest import make_settings
from tests.api.service.plan_files import FET_EXAMPLE, org_id, upload
from tests.api.service.timetable_data import store_demo


def _page_login(client: TestClient, username: str) -> None:
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/app/login").text).group(1)
    answer = client.post("/app/login", data={"username": username, "password": DEMO_PASSWORD, "csrf": token},
                         headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert answer.status_code == 303, answer.text


@pytest.fixture
def app_client(tmp_path):
    with TestClient(create_app(make_settings(f"sqlite:///{tmp_path / 'h.db'}"), demo=True, workers=False)) as client:
        yield client


@pytest.mark.skipif(not FET_EXAMPLE.is_file(), reason="fet-data is not installed (/usr/share/doc/fet-data)")
def test_a_fet_upload_gives_its_timetable_back_as_a_fet_file(app_client):
    """Upload the FET example, solve it (certified when stored), download .fet from the timetable's page: the
    file is the example with one locked starting time per placement."""
    headers = {"Authorization": "Bearer " + app_client.post("/auth/token", data={
        "username": "roosteraar", "password": DEMO_PASSWORD}).json()["access_token"]}
    school = org_id(app_client, headers)
    assert upload(app_client, headers, school, FET_EXAMPLE.name, FET_EXAMPLE.read_bytes(),
                  ignore_unsupported=True).status_code == 201
    with app_client.app.state.store.session() as session:
        org = session.get(Organisation, school)
        plan, _ = assemble(session, org)
        run = solve(plan=plan, params=SolveParams(time_limit=60.0, workers=1, seed=1))
        assert run.timetable is not None
        record = store_timetable(session, school=org, plan=plan, timetable=run.timetable).id
    _page_login(app_client, "roosteraar")
    page = app_client.get(f"/app/school/{school}/timetables/{record}")
    assert 'id="download-fet"' in page.text
    answer = app_client.get(f"/app/school/{school}/timetables/{record}/download.fet")
    assert answer.status_code == 200 and answer.headers["content-disposition"].endswith('.fet"')
    root = ElementTree.fromstring(answer.content)
    locked = {(c.findtext("Activity_Id"), c.findtext("Preferred_Day"), c.findtext("Preferred_Hour"))
              for c in root.iter("ConstraintActivityPreferredStartingTime")
              if c.findtext("Permanently_Locked") == "true"}
    assert {p.lesson for p in run.timetable.placements} <= {activity for activity, _, _ in locked}
    assert len(root.find("Activities_List")) == len(ElementTree.fromstring(FET_EXAMPLE.read_bytes())
                                                    .find("Activities_List"))


def test_without_a_fet_upload_the_download_says_why(app_client):
    """The demo's plan came from JSON: no FET link on the timetable's page, and the address answers 409 in
    words."""
    record = store_demo(app_client)
    headers = {"Authorization": "Bearer " + app_client.post("/auth/token", data={
        "username": "roosteraar", "password": DEMO_PASSWORD}).json()["access_token"]}
    school = org_id(app_client, headers)
    _page_login(app_client, "roosteraar")
    page = app_client.get(f"/app/school/{school}/timetables/{record}")
    assert 'id="download-fet"' not in page.text and "alleen voor een plan dat als FET-bestand" in page.text
    answer = app_client.get(f"/app/school/{school}/timetables/{record}/download.fet")
    assert answer.status_code == 409 and "uploaded as a FET file" in answer.text
