"""Helpers of the plan, upload and mark tests: the demo organisations' ids, files in each format made with
the existing writers, zips, and the number of versions kept."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sqlalchemy import func, select

from api.commands import demo_plan_path
from api.store.models import AuditEntry, PlanVersion
from solver.domain import load_plan

DATA = Path(__file__).parents[2] / "data"
FET_EXAMPLE = Path("/usr/share/doc/fet-data/examples/FET-5-official/Denmark/small-school.fet")


def org_id(client, headers) -> str:
    """The caller's own organisation's id."""
    return client.get("/auth/me", headers=headers).json()["organisation"]["id"]


def version_count(client, org: str) -> int:
    with client.app.state.store.session() as session:
        return session.scalar(select(func.count()).select_from(PlanVersion).where(PlanVersion.org_id == org))


def audit_entries(client, org: str) -> list[AuditEntry]:
    with client.app.state.store.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.org_id == org).order_by(AuditEntry.at)))


def demo_json() -> bytes:
    return demo_plan_path().read_bytes()


def demo_xlsx() -> bytes:
    from solver.io.workbook.write import workbook_bytes

    return workbook_bytes(load_plan(demo_plan_path()))


def zip_of(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def demo_csv_zip(folder: str = "") -> bytes:
    from solver.io.workbook.csvdir import csv_files

    return zip_of({f"{folder}{name}": text for name, text in csv_files(load_plan(demo_plan_path())).items()})


def untis_zip(folder: str = "export/") -> bytes:
    source = DATA / "untis" / "school"
    return zip_of({f"{folder}{path.name}": path.read_bytes() for path in sorted(source.iterdir())})


def upload(client, headers, school: str, name: str, data: bytes, **form):
    return client.post(f"/schools/{school}/plan", headers=headers, files={"file": (name, data)},
                       data={k: json.dumps(v) if isinstance(v, bool) else v for k, v in form.items()})
