"""Bad files: each is answered 422 (or 413) with the place of the problem (file, sheet and cell; file and
line; or field path), never 500, and leaves nothing behind: no new version, no audit entry, no temp file."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from solver.io.workbook.csvdir import csv_files
from tests.api.service.conftest import make_settings
from tests.api.service.plan_files import (
    DATA, audit_entries, demo_csv_zip, demo_json, org_id, untis_zip, upload, version_count, zip_of,
)
from tests.make_bad_xlsx import SMALL_PLAN

BAD, BAD_XLSX = DATA / "bad", DATA / "bad_xlsx"


def _small_csv(**changes: str) -> bytes:
    """The small plan's CSV files, with {file name: (old, new)} replaced in one file's text."""
    from solver.domain import parse_plan

    files = csv_files(parse_plan(SMALL_PLAN))
    for name, (old, new) in changes.items():
        files[name] = files[name].replace(old, new, 1)
    return zip_of(files)


def _untis_broken() -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(untis_zip(folder="")))
    files = {name: archive.read(name) for name in archive.namelist()}
    files["GPU002.TXT"] = files["GPU002.TXT"].replace(b'1,2,,,"1A"', b'1,twee,,,"1A"', 1)
    return zip_of(files)


def _bomb(size: int) -> bytes:
    return zip_of({"Lessen.csv": b"0" * size})


def _escape() -> bytes:
    return zip_of({"../evil.csv": "x;y\r\n", "Lessen.csv": "id\r\n"})


def _absolute() -> bytes:
    return zip_of({"/etc/evil.csv": "x\r\n"})


# (file name, bytes, the loc expected of the first problem (a prefix), a fragment of its message)
CASES = [
    ("trailing_comma.json", (BAD / "plan_trailing_comma.json").read_bytes(),
     ["trailing_comma.json", "line 6", "column 3"], "not valid JSON at line"),
    ("unknown_group.json", (BAD / "plan_unknown_group.json").read_bytes(),
     ["unknown_group.json", "lessons[0].groups[0]"], "unknown group '4B'"),
    ("utf16.json", (BAD / "plan_utf16.json").read_bytes(), ["utf16.json"], "UTF-16"),
    ("nested.json", (BAD / "plan_nested_deep.json").read_bytes(), ["nested.json", "lessons[0].tags"], "nested"),
    ("unknown_group.xlsx", (BAD_XLSX / "unknown_group.xlsx").read_bytes(), ["unknown_group.xlsx", "Lessen", "D2"],
     "unknown group '4B'"),
    ("not_a_day.xlsx", (BAD_XLSX / "not_a_day.xlsx").read_bytes(), ["not_a_day.xlsx", "Lesuren", "B2"],
     "is not a day"),
    ("missing_sheet.xlsx", (BAD_XLSX / "missing_sheet.xlsx").read_bytes(), ["missing_sheet.xlsx", "Lessen"],
     "sheet missing"),
    ("renamed_text.xlsx", (BAD_XLSX / "renamed_text.xlsx").read_bytes(), ["renamed_text.xlsx"],
     "not an Excel workbook (.xlsx): is it an old .xls"),
    ("broken.zip", b"PK\x03\x04 cut short", ["broken.zip"], "not a readable zip archive"),
    ("zip_bomb.xlsx", (BAD_XLSX / "zip_bomb.xlsx").read_bytes(), ["zip_bomb.xlsx"], "zip bomb"),
    ("plan-csv.zip", _small_csv(**{"Lessen.csv": (";4A;", ";4B;")}), ["plan-csv.zip", "Lessen.csv", "line 2"],
     "unknown group '4B'"),
    ("untis.zip", _untis_broken(), ["untis.zip", "GPU002.TXT", "line 1"], "not a whole number"),
    ("truncated.fet", (BAD / "fet_truncated.fet").read_bytes(), ["truncated.fet", "line 13"], "not valid XML"),
    ("not_xml.fet", (BAD / "fet_not_xml.fet").read_bytes(), ["not_xml.fet"], "not valid XML"),
    ("entities.fet", (BAD / "fet_entities.fet").read_bytes(), ["entities.fet"], "refused"),
    ("ordered.fet", (BAD / "fet_ordered.fet").read_bytes(), ["ordered.fet", "ConstraintTwoActivitiesOrdered"],
     "ignore_unsupported"),
    ("escape.zip", _escape(), ["escape.zip", "../evil.csv"], "outside"),
    ("absolute.zip", _absolute(), ["absolute.zip", "/etc/evil.csv"], "outside"),
    ("notes.txt", b"\x00\x01 just some bytes", ["notes.txt"], "not a file I can read"),
    ("empty.json", b"", ["empty.json"], "empty"),
    ("other.zip", zip_of({"readme.md": "hi"}), ["other.zip"], "neither"),
    ("../../etc/passwd.json", b"{", ["passwd.json", "line 1"], "not valid JSON"),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One demo app for the bad files (none of them changes anything), with the roosteraar's login."""
    from tests.api.service.conftest import login

    url = f"sqlite:///{tmp_path_factory.mktemp('bad-uploads') / 'hybrooster.db'}"
    with TestClient(create_app(make_settings(url), demo=True, workers=False)) as client:
        headers = login(client, "roosteraar")
        yield client, headers, org_id(client, headers)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The uploads' temporary folders go here, so that the test sees whether any is left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("name, data, loc, fragment", CASES, ids=[case[0] for case in CASES])
def test_bad_file_is_422_with_its_place_and_keeps_nothing(shared, private_tmp, name, data, loc, fragment):
    """The answer names the file and the place; the versions, the audit trail and the temp folder are as before."""
    client, headers, school = shared
    before = (version_count(client, school), len(audit_entries(client, school)))
    answer = upload(client, headers, school, name, data)
    assert answer.status_code == 422, answer.text
    first = answer.json()["detail"][0]
    assert len(first["loc"]) >= len(loc), first
    assert all(str(got).startswith(want) for got, want in zip(first["loc"], loc)), first
    assert fragment in first["msg"], first
    assert str(private_tmp) not in answer.text and "hybrooster-upload" not in answer.text
    assert (version_count(client, school), len(audit_entries(client, school))) == before
    assert list(private_tmp.iterdir()) == []


def test_csv_zip_with_a_wrong_cell_names_file_line_and_column(shared):
    """A CSV file's cell: loc is [zip, csv file, line N, column X]."""
    client, headers, school = shared
    answer = upload(client, headers, school, "plan.zip", _small_csv(**{"Lesuren.csv": ("08:30", "8h30")}))
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["plan.zip", "Lesuren.csv", "line 2", "column C"]


@pytest.fixture
def small_limits(sqlite_url):
    app = create_app(make_settings(sqlite_url, max_upload_bytes=64 * 1024), demo=True, workers=False)
    with TestClient(app) as client:
        yield client


def test_too_large_is_413_naming_the_limit_and_a_zip_bomb_is_refused(small_limits, private_tmp):
    """Over max_upload_bytes: 413 naming it. A zip that unpacks past 10x the limit: 422, stopped while unpacking."""
    from tests.api.service.conftest import login

    headers = login(small_limits, "roosteraar")
    school = org_id(small_limits, headers)
    big = upload(small_limits, headers, school, "plan.json", b" " * (65 * 1024) + demo_json()[:10])
    assert big.status_code == 413 and "65,536 bytes" in big.json()["detail"][0]["msg"]
    bomb = upload(small_limits, headers, school, "bomb.zip", _bomb(5 * 1024 * 1024))
    assert bomb.status_code == 422 and "zip bomb" in bomb.json()["detail"][0]["msg"]
    assert version_count(small_limits, school) == 1
    assert list(private_tmp.iterdir()) == []


def test_a_zip_whose_sizes_lie_is_stopped_at_the_limit(small_limits):
    """A member that declares a small size but unpacks to more passes the check of the declared sizes, and is
    refused while unpacking (422, nothing kept), not read as a plan."""
    from tests.api.service.conftest import login

    data = bytearray(_bomb(2 * 1024 * 1024))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.infolist()[0]
    # the central directory's uncompressed size (offset 24 in the entry) says 10 bytes
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    headers = login(small_limits, "roosteraar")
    school = org_id(small_limits, headers)
    answer = upload(small_limits, headers, school, "lying.zip", bytes(data))
    assert info.file_size == 2 * 1024 * 1024
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0].file_size == 10
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"][0] == "lying.zip"
    assert version_count(small_limits, school) == 1


def test_a_school_upload_naming_another_regions_employer_is_refused(client, as_user):
    """A school's hto'ers work for employers of its region: another region's employer is refused (a school
    could otherwise learn when another region's staff work)."""
    admin = as_user("admin")
    region = client.post("/organisations", headers=admin, json={"kind": "region", "code": "elders", "name": "Elders"})
    client.post("/organisations", headers=admin, json={"kind": "employer", "code": "ver-weg", "name": "Ver weg",
                                                      "region_id": region.json()["id"]})
    plan = json.loads(demo_json())
    plan["htos"][0]["employer"] = "ver-weg"
    headers = as_user("roosteraar")
    answer = upload(client, headers, org_id(client, headers), "plan.json", json.dumps(plan).encode())
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["plan.json", "htos[0].employer"]


def test_csv_zip_in_a_folder_is_found(client, as_user):
    """The CSV files may sit in one folder inside the zip."""
    headers = as_user("roosteraar")
    assert upload(client, headers, org_id(client, headers), "plan.zip", demo_csv_zip("plan/")).status_code == 201
