"""The coordinator's pages: the region's schools and employers with their plans' status and the aggregates
(overview.region_overview, as GET /regions/{id}/overview), and regional batch runs comparing policy levers
(as POST /regions/{id}/batch): the form, the progress (htmx polling a fragment each second) and the report
with its figures and plots, served with the page's login for the jobs the caller may see."""

from __future__ import annotations

import csv
import re
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import FileResponse, RedirectResponse
from sqlalchemy import select

from api.deps import SessionDep, SettingsDep
from api.jobs import submit
from api.routes.jobs import job_report, visible_job
from api.services.access import visible_org
from api.services.overview import region_overview
from api.store.models import Job, Organisation, new_id
from api.web.deps import FormPageDep, Page, PageDep
from api.web.render import render

router = APIRouter(prefix="/app", include_in_schema=False)

NAV = {"coordinator": [("region.title", "/app/region/{org}")]}
START = {"coordinator": "/app/region/{org}"}

ROLES = ("coordinator", "admin")
# The levers offered on the form (scenarios/regional/levers.py): each with its catalogue key.
LEVERS = {"baseline": "region.lever_baseline", "no_vat": "region.lever_no_vat",
          "unqualified=480": "region.lever_unqualified", "compensation=20": "region.lever_compensation",
          "shorter_route": "region.lever_shorter_route", "own_network": "region.lever_own_network"}
CHOSEN = ("baseline", "no_vat")
PLOTS = {"covered_by_lever.png": "region.plot_covered", "school_cost_by_lever.png": "region.plot_school_cost",
         "three_way.png": "region.plot_three_way"}
# The report's figures shown on the page (kpis.csv has more; the zip has them all), each with its heading.
FIGURES = {column: f"region.fig_{column}" for column in (
    "region", "lever", "mode", "vacancy_minutes", "vacancy_minutes_covered", "coverage", "htos_placed",
    "output_loss_windows", "travel_minutes", "school_eur_per_lesson_hour_secondment", "certified")}
RECENT = 10
ZONE = ZoneInfo("Europe/Amsterdam")


def local(moment: datetime) -> str:
    """A stored time (UTC; naive from SQLite) as the Dutch wall-clock time."""
    aware = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
    return aware.astimezone(ZONE).strftime("%d-%m-%Y %H:%M")


def _region(session, page: Page, org_id: str) -> Organisation:
    """The region, if the caller may see it and is its coordinator (or an admin); else 404, as for a region
    that does not exist."""
    region = visible_org(session, page.caller, org_id, "region")
    if page.caller.role not in ROLES:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return region


def _batch(session, page: Page, region: Organisation, job_id: str) -> Job:
    job = visible_job(session, page.caller, job_id)
    if job.kind != "batch" or job.org_id != region.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return job


def _totals(overview: dict) -> dict:
    schools, employers = overview["schools"], overview["employers"]
    return {
        "lessons_placed": sum(s.get("lessons_placed", 0) for s in schools),
        "lessons_total": sum(s.get("lessons_total", 0) for s in schools),
        "open_vacancy_minutes": sum(s.get("open_vacancy_minutes", 0) for s in schools),
        "hto_teaching_minutes": sum(s.get("hto_teaching_minutes", 0) for s in schools),
        "windows": sum(e["staffing_windows"] for e in employers),
        "windows_short": sum(e["staffing_windows"] - e["staffing_windows_met"] for e in employers),
    }


def _presets() -> dict[str, str]:
    from scenarios.regions.generate import PRESETS

    return {key: preset.name for key, preset in PRESETS.items()}


def _recent(session, region: Organisation) -> list[Job]:
    return list(session.scalars(select(Job).where(Job.org_id == region.id, Job.kind == "batch")
                                .order_by(Job.created_at.desc()).limit(RECENT)))


def _dashboard(request: Request, page: Page, session, region: Organisation, *, form: dict | None = None,
               error: str | None = None, status_code: int = 200) -> Response:
    form = form or {"preset": next(iter(_presets())), "levers": list(CHOSEN), "scale": "0.2", "school_seconds": "5",
                    "rounds": "1", "three_way": False}
    return render(request, page, "region/dashboard.html", status_code=status_code, region=region,
                  presets=_presets(), levers=LEVERS, form=form, error=error, jobs=_recent(session, region),
                  local=local)


@router.get("/region/{org_id}")
def dashboard(org_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    return _dashboard(request, page, session, _region(session, page, org_id))


@router.get("/region/{org_id}/overview")
def overview_fragment(org_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    """The region's figures, asked for by the page once it is shown: the overview checks each timetable in
    force (its staffing windows), which takes a few hundred milliseconds on the demo."""
    region = _region(session, page, org_id)
    overview = region_overview(session, region=region)
    return render(request, page, "region/overview.html", region=region, overview=overview, totals=_totals(overview))


def _number(text: str, kind=float):
    try:
        return kind(text)
    except (TypeError, ValueError):
        return None


@router.post("/region/{org_id}/batch")
async def start_batch(org_id: str, request: Request, page: FormPageDep, session: SessionDep,
                      settings: SettingsDep) -> Response:
    """Queue a batch as the API does (batch_input checks every field); then on to its progress."""
    region = _region(session, page, org_id)
    sent = await request.form()
    form = {"preset": str(sent.get("preset", "")), "levers": [str(v) for v in sent.getlist("levers")],
            "scale": str(sent.get("scale", "")), "school_seconds": str(sent.get("school_seconds", "")),
            "rounds": str(sent.get("rounds", "")), "three_way": sent.get("three_way") == "on"}
    scale, seconds, rounds = _number(form["scale"]), _number(form["school_seconds"]), _number(form["rounds"], int)
    if len(form["levers"]) < 2 or any(lever not in LEVERS for lever in form["levers"]):
        return _dashboard(request, page, session, region, form=form, error=page.t("region.error_levers"),
                          status_code=422)
    if scale is None or not 0 < scale <= 2 or seconds is None or not 0 < seconds <= 600 \
            or rounds is None or not 1 <= rounds <= 10:
        return _dashboard(request, page, session, region, form=form, error=page.t("region.error_numbers"),
                          status_code=422)
    job_id = new_id()
    try:
        data = submit.batch_input(settings=settings, job_id=job_id, regions=[form["preset"]], levers=form["levers"],
                                  scale=scale, school_seconds=seconds, rounds=rounds, seed=1,
                                  three_way=form["three_way"])
        job = submit.queue_job(session, settings=settings, org=region, user=page.caller.user, kind="batch",
                               data=data, job_id=job_id)
    except HTTPException as refused:
        why = refused.detail[0]["msg"] if isinstance(refused.detail, list) else str(refused.detail)
        return _dashboard(request, page, session, region, form=form, error=why, status_code=refused.status_code)
    session.commit()  # before waking the dispatcher, so that it sees the job
    if request.app.state.jobs is not None:
        request.app.state.jobs.wake()
    return RedirectResponse(f"/app/region/{region.id}/batch/{job.id}", status_code=303)


def _report(job: Job) -> dict:
    """The batch's figures (kpis.csv) and plots, from its own report folder, once it has ended."""
    folder = Path(job.input["out"])
    rows = []
    if (folder / "kpis.csv").is_file():
        with open(folder / "kpis.csv", encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=";"))
    columns = [c for c in FIGURES if rows and c in rows[0]]
    plots = [name for name in PLOTS if (folder / name).is_file()]
    return {"columns": columns, "rows": [[row.get(c, "") for c in columns] for row in rows], "plots": plots,
            "zip": (folder / "report.html").is_file()}


def _progress(job: Job) -> dict:
    last = (job.progress or [{}])[-1]
    final = job.state in submit.FINAL_STATES
    return {"done": last.get("done") or 0, "total": last.get("total") or job.input.get("units") or 0,
            "final": final, "report": _report(job) if final else None}


@router.get("/region/{org_id}/batch/{job_id}")
def batch_page(org_id: str, job_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    region = _region(session, page, org_id)
    job = _batch(session, page, region, job_id)
    return render(request, page, "region/batch.html", region=region, job=job, progress=_progress(job),
                  plots=PLOTS, figure_keys=FIGURES, local=local)


@router.get("/region/{org_id}/batch/{job_id}/progress")
def batch_progress(org_id: str, job_id: str, request: Request, page: PageDep, session: SessionDep) -> Response:
    """The progress fragment htmx asks for each second; 286 once the batch has ended (htmx stops asking)."""
    region = _region(session, page, org_id)
    job = _batch(session, page, region, job_id)
    progress = _progress(job)
    return render(request, page, "region/progress.html", region=region, job=job, progress=progress, plots=PLOTS,
                  figure_keys=FIGURES, status_code=286 if progress["final"] else 200)


@router.get("/region/{org_id}/batch/{job_id}/plot/{name}")
def batch_plot(org_id: str, job_id: str, name: str, page: PageDep, session: SessionDep) -> Response:
    """One plot of the batch's report (only the report's own PNG files)."""
    region = _region(session, page, org_id)
    job = _batch(session, page, region, job_id)
    path = Path(job.input["out"]) / name
    if name not in PLOTS or not re.fullmatch(r"[a-z_]+\.png", name) or not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return FileResponse(path, media_type="image/png")


@router.get("/region/{org_id}/batch/{job_id}/report.zip")
def batch_zip(org_id: str, job_id: str, page: PageDep, session: SessionDep) -> Response:
    """The whole report folder as a zip, as GET /jobs/{id}/report gives it."""
    region = _region(session, page, org_id)
    _batch(session, page, region, job_id)
    return job_report(job_id, page.caller, session)
