"""A school's timetable as a FET file, for a school whose plan came from a FET upload: the uploaded file with
every placement locked (FET's "data and timetable" form), the same export as `hybrooster export fet`. The
uploaded file is kept with its version, so the mapping the exporter needs is made again from it."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fastapi import HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.services import publishing
from api.services.uploads import safe_name
from api.store.models import Organisation, PlanVersion, TimetableRecord

FET_SOURCE = " (fet)"  # how a version made from a FET upload names its source (versions.keep_school_plan)


def fet_upload(session: Session, school: Organisation) -> PlanVersion | None:
    """The school's newest version that is a FET upload, with its file."""
    return session.scalar(select(PlanVersion).where(
        PlanVersion.org_id == school.id, PlanVersion.source.endswith(FET_SOURCE), PlanVersion.upload.is_not(None))
        .order_by(PlanVersion.version.desc()).limit(1))


def _refuse(message: str) -> HTTPException:
    return HTTPException(status.HTTP_409_CONFLICT, message)


def timetable_as_fet(session: Session, *, school: Organisation, record: TimetableRecord) -> tuple[bytes, str]:
    """(the .fet file, its name). 409 when the school has no FET upload, when the timetable has lessons the FET
    file does not, or when it breaks a constraint the import left out (fet-cl would refuse the file)."""
    from solver.io.fet_export import export_fet
    from solver.io.fet_import import import_fet, mapping_json

    row = fet_upload(session, school)
    if row is None:
        raise _refuse("a FET file can be made only when the school's plan was uploaded as a FET file")
    plan, timetable = publishing.plan_and_timetable(record)
    name = safe_name(row.source[: -len(FET_SOURCE)], "plan.fet")
    with tempfile.TemporaryDirectory(prefix="hybrooster-fet-") as folder:
        source = Path(folder) / (name if name.lower().endswith(".fet") else f"{name}.fet")
        source.write_bytes(row.upload)
        imported = import_fet(source, ignore_unsupported=True)
        unknown = sorted({lesson.id for lesson in plan.lessons} - {lesson.id for lesson in imported.plan.lessons})
        if unknown:
            raise _refuse(f"this timetable has {len(unknown)} lessons that are not in the FET file of plan version "
                          f"{row.version} (for example {unknown[0]}): it was made from another plan")
        export = export_fet(plan, timetable, mapping=json.loads(mapping_json(imported)), source=source)
    if export.broken:
        raise _refuse("this timetable breaks constraints of the FET file that Hybrooster left out at the upload, so "
                      f"FET would refuse it: {'; '.join(export.broken[:3])}")
    return export.xml, f"{source.stem}-{record.id[:8]}.fet"
