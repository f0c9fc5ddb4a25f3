"""A coordinator's regional batch as a job: it runs on the job queue (a local Dask cluster on loopback), its
progress counts the units, and its report downloads as a zip."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient

from tests.api.service.conftest import login
from tests.api.service.jobs_support import job_app, org_id, wait_job


def test_a_tiny_regional_batch_runs_as_a_job_and_its_report_downloads(sqlite_url, tmp_path):
    """One small region, one lever, short solves: the job ends done, its report is in its own folder under
    the data folder, and the coordinator downloads it as a zip with report.html."""
    with TestClient(job_app(sqlite_url, data_dir=tmp_path / "data")) as client:
        coordinator = login(client, "coordinator")
        region = org_id(client, coordinator)
        body = {"regions": ["twente"], "levers": ["baseline"], "scale": 0.2, "school_seconds": 2, "rounds": 1,
                "three_way": False}
        answer = client.post(f"/regions/{region}/batch", headers=coordinator, json=body)
        assert answer.status_code == 202, answer.text
        job = answer.json()
        assert job["links"]["report"] == f"/jobs/{job['id']}/report"
        assert client.get(job["links"]["report"], headers=coordinator).status_code == 409
        job = wait_job(client, coordinator, job["id"], timeout=180)
        assert job["state"] == "done", job
        assert job["result"]["done"] == ["twente/baseline/joint"] and job["result"]["failed"] == []
        assert job["progress"][-1]["done"] == job["progress"][-1]["total"] == 1
        assert (tmp_path / "data" / job["id"] / "report.html").is_file()
        report = client.get(job["links"]["report"], headers=coordinator)
        assert report.status_code == 200 and report.headers["content-type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(report.content)).namelist()
        assert "report.html" in names and "kpis.csv" in names
        answer = client.get(job["links"]["result"], headers=coordinator).json()
        assert answer["answer"]["report"] == "report.html"
        assert client.get(job["links"]["report"], headers=login(client, "roosteraar")).status_code == 404
