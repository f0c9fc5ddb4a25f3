"""Keeping new versions of a school's or an employer's part of the plan: from an upload, an edit of the
demand, or a restore of an older version. Each is checked against the plan it makes together with the
parts in the store before it is kept (nothing invalid is kept), never overwrites an old version, and writes
an audit entry in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import not_found
from api.services import audit
from api.services.access import org_by_code
from api.services.plans import add_version, assemble, employer_codes, latest_version, split_plan, stored_employer
from api.services.uploads import plan_error_items, refuse, refused
from api.store.models import Organisation, PlanVersion, User
from solver.domain import Plan, PlanError
from solver.domain.base import validated
from solver.domain.employer import Employer
from solver.domain.plan import check_references

# The smallest school that lets an employer's part be checked on its own (its shifts, rosters, staff ids).
_STUB_SCHOOL = {"id": "-", "periods": [{"day": "mon", "start": "08:00", "end": "09:00"}]}
_OWN_PATHS = ("employers", "htos", "unavailable_marks")


@dataclass
class Kept:
    """A version just kept, what of the upload was not kept (`ignored`) and other remarks (`notes`)."""

    version: PlanVersion
    ignored: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def version_row(session: Session, org: Organisation, number: int) -> PlanVersion:
    row = session.scalar(select(PlanVersion).where(PlanVersion.org_id == org.id, PlanVersion.version == number))
    if row is None:
        raise not_found(f"version {number}")
    return row


def _versioned(session: Session, *, org: Organisation, body: dict, user: User | None, source: str, note: str,
               upload: bytes | None, action: str, extra: dict | None = None) -> PlanVersion:
    previous = latest_version(session, org.id)
    row = add_version(session, org=org, body=body, user=user, source=source[:300], note=note, upload=upload)
    audit.record(session, org=org, user=user, action=action, entity="plan_version", entity_id=row.id,
                 before={"version": previous.version} if previous is not None else None,
                 after={"version": row.version, "source": row.source, **(extra or {})})
    return row


# --- a school's part -----------------------------------------------------------------------------------

def _own_school(school: Organisation, body: dict, file: str, notes: list[str]) -> dict:
    """The part with this school under its own code: a file with one school of another id (an Untis or
    FET export says 'school') is taken as this school's; several schools must include it."""
    schools = body.get("schools", [])
    if any(s.get("id") == school.code for s in schools):
        return body
    if len(schools) != 1:
        raise refuse(file, f"the plan has several schools and none has the id '{school.code}', this school's code",
                     "schools")
    old = schools[0]["id"]
    body = {**body, "schools": [{**schools[0], "id": school.code}]}
    body["lessons"] = [{**x, "school": school.code} if x.get("school") == old else x for x in body.get("lessons", [])]
    body["htos"] = [{**h, "travel_minutes": {school.code if k == old else k: v
                                             for k, v in h.get("travel_minutes", {}).items()}}
                    if "travel_minutes" in h else h for h in body.get("htos", [])]
    notes.append(f"the school in the file ('{old}') is taken as this school: its id is now '{school.code}'")
    return body


def _region_check(session: Session, school: Organisation, body: dict, file: str) -> None:
    """A school's hto'ers work for employers of its own region: a school cannot draw another region's staff
    into its plan (and so learn when they work)."""
    if school.region_id is None:
        return
    for index, hto in enumerate(body.get("htos", [])):
        employer = org_by_code(session, "employer", hto.get("employer", ""))
        if employer is not None and employer.region_id != school.region_id:
            raise refuse(file, f"employer '{employer.code}' is not in this school's region", f"htos[{index}].employer")


def check_school(session: Session, school: Organisation, body: dict, file: str) -> None:
    """422 naming the place when the part would not make a valid plan with the employers' parts in the store."""
    _region_check(session, school, body, file)
    try:
        assemble(session, school, school_body=body)
    except PlanError as error:
        raise refused(plan_error_items(file, error)) from None


def with_store_employers(session: Session, data: object) -> tuple[object, bool]:
    """A Plan JSON that is only the school's part (no `employers`, as a roosteraar has it) with the employers
    its hto'ers work for filled in from the store, so that it can be checked as a whole plan; and whether they
    were filled in. Anything else comes back as it was."""
    if not isinstance(data, dict) or data.get("employers") or not isinstance(data.get("htos"), list):
        return data, False
    codes = dict.fromkeys(hto["employer"] for hto in data["htos"]
                          if isinstance(hto, dict) and isinstance(hto.get("employer"), str))
    employers = [row.body for row in (stored_employer(session, code)[1] for code in codes) if row is not None]
    return ({**data, "employers": employers}, True) if employers else (data, False)


def keep_school_plan(session: Session, *, school: Organisation, plan: Plan, user: User | None, file: str,
                     fmt: str, upload: bytes | None, note: str = "", notes: list[str] = (),
                     employers_from_store: bool = False) -> Kept:
    """The school's part of an uploaded whole plan as its new version; the employers' parts and the marks in
    it are not kept (they belong to the employers' planners) and are listed as ignored, unless they were
    filled in from the store (`with_store_employers`)."""
    notes = list(notes)
    body, employers, marks = split_plan(plan)
    if employers_from_store:
        employers = {}
    body = _own_school(school, body, file, notes)
    check_school(session, school, body, file)
    row = _versioned(session, org=school, body=body, user=user, source=f"{file} ({fmt})", note=note, upload=upload,
                     action="upload", extra={"format": fmt})
    ignored = []
    if employers:
        ignored.append(f"the employers' parts in the file ({', '.join(employers)}) were not kept: each employer's "
                       "planner keeps their own shifts, demand and staff in Hybrooster")
    if marks:
        ignored.append(f"{len(marks)} unavailable mark(s) in the file were not kept: the employers' planners keep "
                       "the marks of their staff")
    return Kept(row, ignored, notes)


# --- an employer's part --------------------------------------------------------------------------------

def _schools_using(session: Session, code: str) -> list[Organisation]:
    schools = session.scalars(select(Organisation).where(Organisation.kind == "school").order_by(Organisation.name))
    return [s for s in schools
            if (row := latest_version(session, s.id)) is not None and code in employer_codes(row.body)]


def check_employer(session: Session, employer: Organisation, body: dict, file: str) -> dict:
    """The part as checked data (defaults left out): its own fields and references, then the plan of each
    school whose hto'ers work there (an hto'er's staff id or a mark's staff must stay known)."""
    try:
        part = validated(Employer, body)
    except PlanError as error:
        raise refused(plan_error_items(file, error)) from None
    if part.id != employer.code:
        raise refuse(file, f"this is the part of employer '{employer.code}': its id must be '{employer.code}', "
                           f"not '{part.id}'", "id")
    data = part.model_dump(mode="json", exclude_defaults=True)
    own = [issue for issue in check_references(Plan.model_validate({"schools": [_STUB_SCHOOL], "employers": [data]}))
           if issue.path.startswith("employers[0]")]
    if own:
        raise refused([{"loc": [file, issue.path.removeprefix("employers[0]").lstrip(".") or "employer"],
                        "msg": issue.message, "type": "plan"} for issue in own])
    for school in _schools_using(session, employer.code):
        try:
            assemble(session, school, employer_bodies={employer.code: data})
        except PlanError as error:
            mine = [issue for issue in error.issues if issue.path.startswith(_OWN_PATHS)]
            if mine:
                raise refused([{"loc": [file], "type": "plan", "msg": (
                    f"school '{school.name}' plans with this employer: {issue.path}: {issue.message}")}
                    for issue in mine]) from None
    return data


def keep_employer_part(session: Session, *, employer: Organisation, body: dict, user: User | None, file: str,
                       source: str, upload: bytes | None, note: str = "", action: str = "upload") -> Kept:
    data = check_employer(session, employer, body, file)
    return Kept(_versioned(session, org=employer, body=data, user=user, source=source, note=note, upload=upload,
                           action=action))


def employer_part_of(plan: Plan, employer: Organisation, file: str) -> tuple[dict, list[str]]:
    """This employer's part of an uploaded whole plan, and the sentences about what else was in it."""
    _school, employers, marks = split_plan(plan)
    if employer.code not in employers:
        raise refuse(file, f"the plan has no employer with the id '{employer.code}' (it has: "
                           f"{', '.join(employers) or 'none'})", "employers")
    others = [code for code in employers if code != employer.code]
    ignored = ["the school's part of the file (schools, teachers, lessons, hto'ers) was not kept: the school's "
               "roosteraar keeps it"]
    if others:
        ignored.append(f"the parts of the other employers in the file ({', '.join(others)}) were not kept")
    if marks:
        ignored.append(f"{len(marks)} unavailable mark(s) in the file were not kept: add marks one by one "
                       "(POST /employers/{id}/marks), so that each has its own audit entry")
    return employers[employer.code], ignored


# --- restore and the demand -----------------------------------------------------------------------------

def restore(session: Session, *, org: Organisation, number: int, user: User | None, note: str = "") -> Kept:
    """A new version equal to version `number` (a way back); checked as an upload would be."""
    old = version_row(session, org, number)
    where = f"version {number}"
    if org.kind == "school":
        check_school(session, org, old.body, where)
        body = old.body
    else:
        body = check_employer(session, org, old.body, where)
    return Kept(_versioned(session, org=org, body=body, user=user, source=f"restored from version {number}",
                           note=note, upload=old.upload, action="restore", extra={"restored_from": number}))


def current_employer_part(session: Session, employer: Organisation) -> PlanVersion:
    row = latest_version(session, employer.id)
    if row is None:
        raise not_found(f"a plan of {employer.name} (none uploaded yet: upload its part first)")
    return row


def set_demand(session: Session, *, employer: Organisation, user: User | None, demand: list[dict], note: str = "",
               index: int | None = None) -> PlanVersion:
    """A new version of the employer's part with this demand (all of it; `index`: one item was changed, and
    the audit entry holds that item before and after)."""
    row = current_employer_part(session, employer)
    old = row.body.get("demand", [])
    data = check_employer(session, employer, {**row.body, "demand": demand}, "body")
    new = add_version(session, org=employer, body=data, user=user, note=note,
                      source="demand edit" if index is None else f"demand item {index} edited")
    before, after = ({"demand": old}, {"demand": data.get("demand", [])}) if index is None else (
        {"index": index, "item": old[index]}, {"index": index, "item": data["demand"][index]})
    audit.record(session, org=employer, user=user, action="replace" if index is None else "change", entity="demand",
                 entity_id=new.id, before={"version": row.version, **before}, after={"version": new.version, **after})
    return new
