"""Reading an uploaded plan file with the formats' own readers: Plan JSON, the XLSX workbook, the CSV folder
or Untis GPU files as a zip, and FET. Readers that want paths get a private temporary folder that is gone
when the read is over; a zip is unpacked only after every name and size in it has been checked.

Every problem is answered (HTTPException 422, or 413 for a file too large) as {loc, msg, type}: loc is
[file, sheet, cell], [file, csv file, line N, column X] or [file, field path], from the readers' own messages
(which name the place)."""

from __future__ import annotations

import io
import logging
import re
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from fastapi import HTTPException

from solver.domain import Plan, PlanError

log = logging.getLogger("hybrooster.api")

FORMATS = ("json", "xlsx", "csv", "untis", "fet")
MAX_ZIP_MEMBERS = 500
UNPACK_FACTOR = 10  # a zip may unpack to 10x the upload limit; more is a zip bomb or not a plan
_CHUNK = 64 * 1024


@dataclass
class ReadUpload:
    """What a file held: the plan, the format it was read as, and sentences about what was left out."""

    plan: Plan
    format: str
    notes: list[str] = field(default_factory=list)


def safe_name(name: str | None, default: str = "upload") -> str:
    """The file's own name without any folder, in letters, digits and . _ - only (it names a temp file and
    appears in answers and Content-Disposition)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")[:120]
    return base or default


def refuse(file: str, message: str, *where: str, status: int = 422, kind: str = "upload") -> HTTPException:
    """The answer to input that is not kept: 422 (or 413) with one {loc, msg, type}."""
    return HTTPException(status, [{"loc": [file, *where], "msg": message, "type": kind}])


def refused(detail: list[dict]) -> HTTPException:
    return HTTPException(422, detail)


def too_large(file: str, limit: int) -> HTTPException:
    return refuse(file, f"the file is larger than the upload limit of {limit:,} bytes "
                        "(setting HYBROOSTER_MAX_UPLOAD_BYTES)", status=413, kind="too_large")


# --- where a reader's message points -------------------------------------------------------------------

_CELL = re.compile(r"^(?P<sheet>[A-Za-z][\w ]*)!(?P<cell>\$?[A-Z]{0,3}\$?\d*(?::\$?[A-Z]{0,3}\$?\d*)?): (?P<msg>.+)$",
                   re.S)
_LINE = re.compile(r"^(?P<file>[^\s:!]+\.(?:csv|txt))(?: line (?P<line>\d+))?(?:,? (?P<kind>column|field) "
                   r"(?P<col>\w+))?(?: \((?P<what>[^)]*)\))?: (?P<msg>.+)$", re.S | re.I)
_SHEET = re.compile(r"^(?P<sheet>[A-Z][a-z]+): (?P<msg>.+)$", re.S)
_AT_LINE = re.compile(r"line (?P<line>\d+)(?:, column (?P<col>\d+))?")
_PATH = re.compile(r"^(?P<path>[a-z_]+(?:\[\d+\]|\.[\w-]+)*): (?P<msg>.+)$", re.S)


def locate(file: str, problem: str, kind: str = "plan") -> dict:
    """A reader's message ("Lessen!D2: ...", "Lessen.csv line 3, column D: ...", "GPU002.TXT line 4 field
    3: ...", "... at line 2, column 5: ...") as {loc, msg, type}."""
    if found := _CELL.match(problem):
        return {"loc": [file, found["sheet"], found["cell"]], "msg": found["msg"], "type": kind}
    if found := _LINE.match(problem):
        loc = [file, found["file"]]
        loc += [f"line {found['line']}"] if found["line"] else []
        loc += [f"{found['kind']} {found['col']}"] if found["col"] else []
        message = f"{found['what']}: {found['msg']}" if found["what"] else found["msg"]
        return {"loc": loc, "msg": message, "type": kind}
    if found := _SHEET.match(problem):
        return {"loc": [file, found["sheet"]], "msg": found["msg"], "type": kind}
    if found := _PATH.match(problem):
        return {"loc": [file, found["path"]], "msg": found["msg"], "type": kind}
    if found := _AT_LINE.search(problem):
        loc = [file, f"line {found['line']}"] + ([f"column {found['col']}"] if found["col"] else [])
        return {"loc": loc, "msg": problem, "type": kind}
    return {"loc": [file], "msg": problem, "type": kind}


def plan_error_items(file: str, error: PlanError) -> list[dict]:
    """A PlanError's issues located in the uploaded file (a field path, or line and column of bad JSON)."""
    items = []
    for issue in error.issues:
        if issue.path:
            items.append({"loc": [file, issue.path], "msg": issue.message, "type": "plan"})
        else:
            items.append(locate(file, issue.message))
    return items


# --- zips -----------------------------------------------------------------------------------------------

def _member_parts(file: str, info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The member's path parts, or refused: absolute, '..', a drive, a link or encrypted."""
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
        raise refuse(file, "refused: the archive holds a path outside itself (absolute or with '..')", name)
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        raise refuse(file, "refused: the archive holds a symbolic link", name)
    if info.flag_bits & 0x1:
        raise refuse(file, "refused: the archive holds an encrypted file", name)
    return parts


# What a roosteraar reads when a file is not the zip it must be: an .xlsx is a zip inside, and an old .xls or
# a renamed CSV is the usual cause; the archive's own error is of no use to them.
NOT_A_WORKBOOK = ("not an Excel workbook (.xlsx): is it an old .xls, or a CSV or other file renamed to .xlsx? "
                  "Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and upload that")
NOT_A_ZIP = "not a readable zip archive ({error}): make the .zip again from the folder of CSV or Untis files"


def open_zip(file: str, data: bytes, max_unpacked: int, not_readable: str = NOT_A_ZIP) -> zipfile.ZipFile:
    """The archive, after the count of its files and their declared sizes have been checked; `not_readable`
    is the answer when it is no zip at all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise refuse(file, not_readable.format(error=error)) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise refuse(file, f"refused: the archive holds {len(infos):,} files, at most {MAX_ZIP_MEMBERS} are read")
    if sum(info.file_size for info in infos) > max_unpacked:
        raise refuse(file, f"refused: it unpacks to more than {max_unpacked:,} bytes (a zip bomb, or not a plan)")
    for info in infos:
        _member_parts(file, info)
    return archive


def unpack(file: str, archive: zipfile.ZipFile, target: Path | None, max_unpacked: int) -> list[Path]:
    """Every file of the archive written under `target` (None: only read, to count), counting the bytes
    really unpacked: a zip whose declared sizes lie is stopped at the limit all the same."""
    total, written = 0, []
    for info in archive.infolist():
        parts = _member_parts(file, info)
        if info.is_dir() or not parts:
            continue
        dest = target.joinpath(*parts) if target is not None else None
        if dest is not None:
            dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(info) as source, (open(dest, "wb") if dest is not None else io.BytesIO()) as out:
                while chunk := source.read(_CHUNK):
                    total += len(chunk)
                    if total > max_unpacked:
                        raise refuse(file, f"refused: it unpacks to more than {max_unpacked:,} bytes "
                                           "(a zip bomb, or not a plan)")
                    if dest is not None:
                        out.write(chunk)
        except HTTPException:
            raise
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError, EOFError) as error:
            raise refuse(file, f"cannot unpack it ({type(error).__name__}: {error})", info.filename) from None
        if dest is not None:
            written.append(dest)
    return written


def zip_kind(file: str, archive: zipfile.ZipFile) -> str:
    """'xlsx', 'untis' or 'csv' by the names inside."""
    names = [PurePosixPath(n.replace("\\", "/")).name.lower() for n in archive.namelist()]
    if "[content_types].xml" in names and any(n == "workbook.xml" for n in names):
        return "xlsx"
    if any(re.fullmatch(r"gpu\d{3}\.txt", n) for n in names):
        return "untis"
    if any(n.endswith(".csv") for n in names):
        return "csv"
    raise refuse(file, "the zip holds neither the CSV files of a plan (Lessen.csv, Docenten.csv, ...) nor "
                       "Untis files (GPU001.TXT ... GPU016.TXT, time.txt)")


def _folder_of(files: list[Path], pattern: str, root: Path) -> Path:
    """The folder that holds most of the files whose names match (a zip often has one folder inside)."""
    matching = [p.parent for p in files if re.fullmatch(pattern, p.name, re.I)]
    return Counter(matching).most_common(1)[0][0] if matching else root


# --- reading --------------------------------------------------------------------------------------------

def detect(file: str, data: bytes, max_unpacked: int) -> str:
    """The format by the file's extension, else by its first bytes."""
    suffix = PurePosixPath(file).suffix.lower()
    if suffix in (".json", ".fet", ".xlsx"):
        return suffix[1:]
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".zip" or head.startswith(b"PK"):
        return zip_kind(file, open_zip(file, data, max_unpacked))
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        return "fet"
    raise refuse(file, "not a file I can read: give a Plan .json, an .xlsx workbook, a .zip of the CSV files "
                       "or of Untis GPU files, or a .fet file")


def read_upload(*, name: str | None, data: bytes, max_bytes: int, ignore_unsupported: bool = False) -> ReadUpload:
    """The plan in an uploaded file; HTTPException 413 or 422 (with places) for anything else. The
    temporary folder is removed whatever happens."""
    file = safe_name(name)
    if len(data) > max_bytes:
        raise too_large(file, max_bytes)
    if not data:
        raise refuse(file, "the file is empty")
    max_unpacked = max_bytes * UNPACK_FACTOR
    kind = detect(file, data, max_unpacked)
    with tempfile.TemporaryDirectory(prefix="hybrooster-upload-") as tmp:
        root = Path(tmp)
        try:
            return _read(kind, file, data, root, max_unpacked, ignore_unsupported)
        except HTTPException as error:
            raise HTTPException(error.status_code, _scrub(error.detail, root)) from None
        except PlanError as error:
            raise refused(_scrub(plan_error_items(file, error), root)) from None
        except ValueError as error:  # the readers' own errors: WorkbookError, UntisError, Fet*Error
            raise refused(_scrub(_reader_items(file, error), root)) from None
        except Exception as error:  # a reader that trips over a malformed file must not answer 500
            log.exception("reading the upload %s (%s) failed", file, kind)
            raise refused(_scrub([{"loc": [file], "type": "upload", "msg": (
                f"the file could not be read as {kind} ({type(error).__name__}: {error})")}], root)) from None


def _reader_items(file: str, error: ValueError) -> list[dict]:
    problems = getattr(error, "problems", None)
    unsupported = getattr(error, "unsupported", None)
    if unsupported is not None:
        return [{"loc": [file, item.type], "type": "unsupported",
                 "msg": f"{item.count}x: {item.reason}; upload again with ignore_unsupported=true to leave "
                        "it out"} for item in unsupported]
    if problems:
        return [locate(file, problem) for problem in problems]
    return [locate(file, str(error))]


def _scrub(detail: list[dict], root: Path) -> list[dict]:
    """No answer names the temporary folder: the paths in it become the upload's own names."""
    prefix = str(root)

    def clean(value):
        return value.replace(prefix + "/", "").replace(prefix, "") if isinstance(value, str) else value

    return [{**item, "loc": [clean(part) for part in item["loc"]], "msg": clean(item["msg"])} for item in detail]


def _read(kind: str, file: str, data: bytes, root: Path, max_unpacked: int, ignore_unsupported: bool) -> ReadUpload:
    from solver.domain import load_plan

    if kind == "json":
        path = root / file
        path.write_bytes(data)
        return ReadUpload(load_plan(path), "json")
    if kind == "xlsx":
        from solver.io.workbook import read_workbook

        # the real size, before openpyxl
        unpack(file, open_zip(file, data, max_unpacked, NOT_A_WORKBOOK), None, max_unpacked)
        path = root / (file if file.lower().endswith(".xlsx") else f"{file}.xlsx")
        path.write_bytes(data)
        return ReadUpload(read_workbook(path), "xlsx")
    if kind == "fet":
        from solver.io.fet_import import import_fet

        path = root / file
        path.write_bytes(data)
        result = import_fet(path, ignore_unsupported=ignore_unsupported)
        notes = [f"left out (not supported): {item}" for item in result.unsupported]
        return ReadUpload(result.plan, "fet", notes)
    folder = root / file
    files = unpack(file, open_zip(file, data, max_unpacked), folder, max_unpacked)
    if kind == "csv":
        from solver.io.workbook.csvdir import read_csv_folder

        return ReadUpload(read_csv_folder(_folder_of(files, r".+\.csv", folder)), "csv")
    from solver.io.untis import read_untis

    source = _folder_of(files, r"gpu\d{3}\.txt", folder)
    return ReadUpload(read_untis(source, name=PurePosixPath(file).stem), "untis")
