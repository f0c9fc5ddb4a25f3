"""Downloads of a timetable, each cut to what your role may see: JSON, a workbook (XLSX), the CSV files (in
a zip), a web page with the views, and an hto'er's week as a calendar file (.ics)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.deps import CallerDep, SessionDep
from api.services import publishing
from api.services.calendars import hto_ics, this_monday
from api.services.exports import csv_zip, views_html, xlsx_bytes
from api.services.visibility import timetable_for

router = APIRouter(tags=["exports"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes | str, media_type: str, name: str) -> Response:
    return Response(content=content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _load(session, caller, timetable_id: str):
    record = publishing.visible_timetable(session, caller, timetable_id)
    return (record, *publishing.plan_and_timetable(record))


@router.get("/timetables/{timetable_id}/export.json", response_model=dict)
def export_json(timetable_id: str, caller: CallerDep, session: SessionDep) -> dict:
    """The timetable as JSON, as your role may see it."""
    _, plan, timetable = _load(session, caller, timetable_id)
    return timetable_for(caller, plan, timetable)


@router.get("/timetables/{timetable_id}/export.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "The workbook."}})
def export_xlsx(timetable_id: str, caller: CallerDep, session: SessionDep) -> Response:
    """The timetable as an Excel workbook, with what your role may see."""
    record, plan, timetable = _load(session, caller, timetable_id)
    return _file(xlsx_bytes(caller, plan, timetable), XLSX, f"timetable-{record.id[:8]}.xlsx")


@router.get("/timetables/{timetable_id}/export.csv", response_class=Response,
            responses={200: {"content": {"application/zip": {}}, "description": "A zip of CSV files."}})
def export_csv(timetable_id: str, caller: CallerDep, session: SessionDep) -> Response:
    """The timetable as CSV files for Excel (in a zip), with what your role may see."""
    record, plan, timetable = _load(session, caller, timetable_id)
    return _file(csv_zip(caller, plan, timetable), "application/zip", f"timetable-{record.id[:8]}.zip")


@router.get("/timetables/{timetable_id}/views.html", response_class=Response,
            responses={200: {"content": {"text/html": {}}, "description": "A printable web page."}})
def export_html(timetable_id: str, caller: CallerDep, session: SessionDep) -> Response:
    """The timetable's views as one printable web page, with what your role may see."""
    _, plan, timetable = _load(session, caller, timetable_id)
    return Response(content=views_html(caller, plan, timetable), media_type="text/html")


@router.get("/timetables/{timetable_id}/hto/{hto_id}.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}, "description": "A calendar file."}})
def export_ics(timetable_id: str, hto_id: str, caller: CallerDep, session: SessionDep,
               start: date | None = Query(default=None, description="The first day; default: this week's Monday."),
               weeks: int = Query(default=4, ge=1, le=26, description="How many weeks.")) -> Response:
    """An hto'er's week as a calendar file: for their school their lessons, for their planner their shifts
    and when they teach, for the hto'er everything."""
    record, plan, timetable = _load(session, caller, timetable_id)
    content = hto_ics(caller, plan, timetable, hto_id=hto_id, first=start or this_monday(), weeks=weeks)
    if content is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"hto'er '{hto_id}' is not in this timetable")
    return _file(content, "text/calendar", f"{hto_id}.ics")
