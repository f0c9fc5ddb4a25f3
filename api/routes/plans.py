"""Plans, versioned: a school's roosteraar uploads the school's plan, an employer's planner their company's
part (shifts, demand, staff). Every upload or restore makes a new version; old versions are kept as they were.
A roosteraar never sees an employer's part, a planner never the school's."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, Path, Query, UploadFile
from fastapi.responses import Response
from sqlalchemy import select

from api.deps import Caller, CallerDep, SessionDep, SettingsDep, committed, not_found, require_role
from api.schemas import UPLOAD_EXAMPLE, body_example
from api.schemas_plans import (
    EMPLOYER_EXAMPLE, PLAN_EXAMPLE, NoteIn, UploadOut, VersionBodyOut, VersionOut, errors,
)
from api.services import versions
from api.services.access import visible_org
from api.services.plans import latest_version
from api.services.uploads import plan_error_items, read_upload, refused, safe_name, too_large
from api.services.visibility import school_plan
from api.store.models import Organisation, PlanVersion, User
from solver.domain import Plan, PlanError
from solver.domain.base import check_json_limits
from solver.domain.plan import check_counts, parse_plan

router = APIRouter(tags=["plans"])

SCHOOL_WRITE, SCHOOL_READ = ("roosteraar", "admin"), ("roosteraar", "admin", "coordinator")
EMPLOYER_WRITE, EMPLOYER_READ = ("planner", "admin"), ("planner", "admin", "coordinator")
Number = Annotated[int, Path(ge=1, le=10**9, description="The version's number.")]
MEDIA = {"json": "application/json", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "application/zip", "untis": "application/zip", "fet": "application/xml"}


def _org(session, caller: Caller, org_id: str, kind: str, roles: tuple[str, ...]) -> Organisation:
    require_role(caller, *roles)
    return visible_org(session, caller, org_id, kind)


def _read_file(file: UploadFile, limit: int) -> tuple[str, bytes]:
    name = safe_name(file.filename)
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise too_large(name, limit)
    return name, data


def _version_out(row: PlanVersion, username: str | None) -> VersionOut:
    return VersionOut(version=row.version, created_at=row.created_at, created_by=username, source=row.source,
                      note=row.note, has_upload=row.upload is not None)


def _username(session, row: PlanVersion) -> str | None:
    user = session.get(User, row.created_by) if row.created_by else None
    return user.username if user is not None else None


def _body_out(session, org: Organisation, row: PlanVersion) -> VersionBodyOut:
    # a school's part goes through the roosteraar's view of a plan: never an employer's data
    body = school_plan(Plan.model_validate(row.body)) if org.kind == "school" else row.body
    return VersionBodyOut(**_version_out(row, _username(session, row)).model_dump(), body=body)


def _kept(session, kept: versions.Kept, fmt: str) -> UploadOut:
    committed(session, kept)
    return UploadOut(version=_version_out(kept.version, _username(session, kept.version)), format=fmt,
                     ignored=kept.ignored, notes=kept.notes)


# --- uploads --------------------------------------------------------------------------------------------

@router.post("/schools/{org_id}/plan", response_model=UploadOut, status_code=201, responses=errors(401, 403, 404, 413),
             openapi_extra=UPLOAD_EXAMPLE)
def upload_school_plan(org_id: str, caller: CallerDep, session: SessionDep, settings: SettingsDep,
                       file: Annotated[UploadFile, File(description=(
                           "The plan: a Plan .json, an .xlsx workbook, a .zip of the CSV files or of Untis GPU "
                           "files, or a .fet file."))],
                       note: Annotated[str, Form(max_length=2000, description="Why, for the list of versions.")] = "",
                       ignore_unsupported: Annotated[bool, Form(description=(
                           "FET: leave out constraints Hybrooster cannot state, instead of refusing the file."))]
                       = False) -> UploadOut:
    """Upload your school's plan as a new version. The employers' parts and the marks in the file are not
    kept: the employers' planners keep those. A file with a mistake keeps nothing and says where it is."""
    school = _org(session, caller, org_id, "school", SCHOOL_WRITE)
    name, data = _read_file(file, settings.max_upload_bytes)
    given, filled = data, False
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":  # JSON, maybe the school's part alone: add the employers
        try:
            whole, filled = versions.with_store_employers(session, json.loads(data))
            given = json.dumps(whole, ensure_ascii=False).encode("utf-8") if filled else data
        except ValueError:
            pass  # not JSON: the reader says where
    read = read_upload(name=name, data=given, max_bytes=settings.max_upload_bytes * 2 if filled
                       else settings.max_upload_bytes, ignore_unsupported=ignore_unsupported)
    kept = versions.keep_school_plan(session, school=school, plan=read.plan, user=caller.user, file=name,
                                     fmt=read.format, upload=data, note=note, notes=read.notes,
                                     employers_from_store=filled)
    return _kept(session, kept, read.format)


def _json_body(body: Any, limit: int) -> bytes:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    if len(data) > limit:
        raise too_large("body", limit)
    try:
        check_json_limits(body)
    except PlanError as error:
        raise refused(plan_error_items("body", error)) from None
    return data


@router.post("/schools/{org_id}/plan/json", response_model=UploadOut, status_code=201,
             responses=errors(401, 403, 404, 413))
def upload_school_plan_json(org_id: str, caller: CallerDep, session: SessionDep, settings: SettingsDep,
                            plan: Annotated[dict[str, Any], Body(description="A whole Plan, as in a plan .json file.",
                                                                 examples=[PLAN_EXAMPLE])],
                            note: Annotated[str, Query(max_length=2000, description="Why.")] = "") -> UploadOut:
    """Send your school's plan as JSON (for programs): it is kept as a new version, as an uploaded file is."""
    school = _org(session, caller, org_id, "school", SCHOOL_WRITE)
    data = _json_body(plan, settings.max_upload_bytes)
    plan, filled = versions.with_store_employers(session, plan)
    try:
        parsed = parse_plan(plan)
        counted = check_counts(parsed)
        if counted:
            raise PlanError(counted)
    except PlanError as error:
        raise refused(plan_error_items("body", error)) from None
    kept = versions.keep_school_plan(session, school=school, plan=parsed, user=caller.user, file="body",
                                     fmt="json", upload=data, note=note, employers_from_store=filled)
    return _kept(session, kept, "json")


@router.post("/employers/{org_id}/plan", response_model=UploadOut, status_code=201,
             responses=errors(401, 403, 404, 413))
def upload_employer_part(org_id: str, caller: CallerDep, session: SessionDep, settings: SettingsDep,
                         employer: Annotated[dict[str, Any], Body(description=(
                             "Your company's part: one Employer (its id, shifts, demand and staff)."),
                             examples=[EMPLOYER_EXAMPLE])],
                         note: Annotated[str, Query(max_length=2000, description="Why.")] = "") -> UploadOut:
    """Send your company's part of the plan (shifts, staffing demand, staff and their roster) as a new version."""
    org = _org(session, caller, org_id, "employer", EMPLOYER_WRITE)
    data = _json_body(employer, settings.max_upload_bytes)
    kept = versions.keep_employer_part(session, employer=org, body=employer, user=caller.user, file="body",
                                       source="employer JSON", upload=data, note=note)
    return _kept(session, kept, "employer")


@router.post("/employers/{org_id}/plan/file", response_model=UploadOut, status_code=201,
             responses=errors(401, 403, 404, 413), openapi_extra=UPLOAD_EXAMPLE)
def upload_employer_file(org_id: str, caller: CallerDep, session: SessionDep, settings: SettingsDep,
                         file: Annotated[UploadFile, File(description=(
                             "An Employer .json, or a whole plan (.json, .xlsx, or a .zip of the CSV files) of "
                             "which only your company's part is taken."))],
                         note: Annotated[str, Form(max_length=2000, description="Why.")] = "") -> UploadOut:
    """Upload your company's part as a file. From a whole plan only your company's part is kept; the rest is
    listed as not kept."""
    org = _org(session, caller, org_id, "employer", EMPLOYER_WRITE)
    name, data = _read_file(file, settings.max_upload_bytes)
    part = _employer_json(data)
    ignored: list[str] = []
    fmt = "employer"
    if part is None:
        read = read_upload(name=name, data=data, max_bytes=settings.max_upload_bytes)
        part, ignored = versions.employer_part_of(read.plan, org, name)
        fmt = read.format
    kept = versions.keep_employer_part(session, employer=org, body=part, user=caller.user, file=name,
                                       source=f"{name} ({fmt})", upload=data, note=note)
    kept.ignored = ignored
    return _kept(session, kept, fmt)


def _employer_json(data: bytes) -> dict | None:
    """The file as an Employer when it is a JSON object without schools (else None: read it as a plan)."""
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return body if isinstance(body, dict) and "schools" not in body and "id" in body else None


# --- versions (the same routes for a school and an employer) -----------------------------------------

def _version_routes(kind: str, org_kind: str, read: tuple[str, ...], write: tuple[str, ...]) -> None:
    whose = "your school's plan" if org_kind == "school" else "your company's part of the plan"

    def one(session, caller: Caller, org_id: str, number: int) -> tuple[Organisation, PlanVersion]:
        org = _org(session, caller, org_id, org_kind, read)
        return org, versions.version_row(session, org, number)

    @router.get(f"/{kind}/{{org_id}}/plan", response_model=VersionBodyOut, responses=errors(401, 403, 404),
                name=f"newest_{org_kind}_plan", description=f"The newest version of {whose}.")
    def newest(org_id: str, caller: CallerDep, session: SessionDep) -> VersionBodyOut:
        org = _org(session, caller, org_id, org_kind, read)
        row = latest_version(session, org.id)
        if row is None:
            raise not_found(f"a plan of {org.name} (none uploaded yet)")
        return _body_out(session, org, row)

    @router.get(f"/{kind}/{{org_id}}/plan/versions", response_model=list[VersionOut],
                responses=errors(401, 403, 404), name=f"list_{org_kind}_plan_versions",
                description=f"The versions of {whose}, newest first: when, by whom and from which file.")
    def listed(org_id: str, caller: CallerDep, session: SessionDep) -> list[VersionOut]:
        org = _org(session, caller, org_id, org_kind, read)
        rows = session.execute(select(PlanVersion, User.username).outerjoin(User, User.id == PlanVersion.created_by)
                               .where(PlanVersion.org_id == org.id).order_by(PlanVersion.version.desc()))
        return [_version_out(row, username) for row, username in rows]

    @router.get(f"/{kind}/{{org_id}}/plan/versions/{{number}}", response_model=VersionBodyOut,
                responses=errors(401, 403, 404), name=f"get_{org_kind}_plan_version",
                description=f"One version of {whose}, with its contents.")
    def version(org_id: str, number: Number, caller: CallerDep, session: SessionDep) -> VersionBodyOut:
        org, row = one(session, caller, org_id, number)
        return _body_out(session, org, row)

    @router.get(f"/{kind}/{{org_id}}/plan/versions/{{number}}/upload", response_class=Response,
                responses={200: {"content": {"application/octet-stream": {}}, "description": "The file."},
                           **errors(401, 403, 404)}, name=f"get_{org_kind}_plan_upload",
                description=f"The file a version of {whose} was uploaded as, exactly as it was sent.")
    def upload(org_id: str, number: Number, caller: CallerDep, session: SessionDep) -> Response:
        _org_, row = one(session, caller, org_id, number)
        if row.upload is None:
            raise not_found(f"an uploaded file of version {number} (it was made by an edit)")
        name, _, fmt = row.source.rpartition(" (")
        fmt = fmt.rstrip(")")
        filename = safe_name(name, f"plan-version-{number}") if name else f"plan-version-{number}"
        return Response(row.upload, media_type=MEDIA.get(fmt, "application/octet-stream"),
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    @router.post(f"/{kind}/{{org_id}}/plan/versions/{{number}}/restore", response_model=UploadOut,
                 status_code=201, responses=errors(401, 403, 404), name=f"restore_{org_kind}_plan_version",
                 openapi_extra=body_example("application/json", {"note": "terug naar de versie van vorige week"}),
                 description=f"Go back to an older version of {whose}: it is kept again as the newest version "
                             "(nothing is deleted). It is checked as an upload would be.")
    def restore(org_id: str, number: Number, caller: CallerDep, session: SessionDep,
                body: Annotated[NoteIn | None, Body()] = None) -> UploadOut:
        org = _org(session, caller, org_id, org_kind, write)
        kept = versions.restore(session, org=org, number=number, user=caller.user, note=body.note if body else "")
        return _kept(session, kept, "restore")


_version_routes("schools", "school", SCHOOL_READ, SCHOOL_WRITE)
_version_routes("employers", "employer", EMPLOYER_READ, EMPLOYER_WRITE)
