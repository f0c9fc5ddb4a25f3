"""Writing files so that a reader never sees half of one: temp file in the same folder, then replace.

`check_writable` says, before any work is done, whether a path can be written, and why not in words;
`write_atomic` raises the same OutputPathError (naming the path, never the temporary file).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

MAX_NAME = 255  # bytes in one file name on the common file systems

_REASONS = {
    errno.EROFS: "the disk or folder is read-only",
    errno.EACCES: "no permission to write there (a read-only folder?)",
    errno.EPERM: "no permission to write there (a read-only folder?)",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "a part of the path is a file, not a folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENAMETOOLONG: "the name is too long",
}


class OutputPathError(ValueError):
    """A file cannot be written where the user asked; the message names the path and says why."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")


def reason_of(error: OSError) -> str:
    """An OSError in words (no errno numbers, no temporary file names)."""
    return _REASONS.get(error.errno) or error.strerror or str(error) or type(error).__name__


def check_writable(path: str | Path, *, inputs: tuple[str | Path, ...] = ()) -> Path:
    """The path resolved, or OutputPathError if a file cannot be written there: it is a folder, a part
    of its folder path is a file, the folder is read-only, the name is too long, or it is one of `inputs`
    (the files the command reads: writing over them would lose them). Nothing is left behind: a missing
    folder is not made, and the probe file in an existing folder is removed at once."""
    raw = str(path)
    if not raw.strip():
        raise OutputPathError(repr(raw), "no file name given")
    if raw.endswith(("/", os.sep)):
        raise OutputPathError(path, "it names a folder, not a file")
    target = Path(path).expanduser().resolve()
    if len(target.name.encode("utf-8", "surrogateescape")) > MAX_NAME:
        raise OutputPathError(path, f"the file name is too long (at most {MAX_NAME} bytes)")
    for source in inputs:
        try:
            if Path(source).expanduser().resolve() == target:
                raise OutputPathError(path, f"it is the input file {source}; writing it would lose that file")
        except OSError:
            continue
    if target.is_dir():
        raise OutputPathError(path, "it is a folder, not a file")
    folder = target.parent
    while not folder.exists():
        if folder.is_symlink():
            raise OutputPathError(path, f"{folder} is a broken link")
        folder = folder.parent
    if not folder.is_dir():
        raise OutputPathError(path, f"{folder} is a file, not a folder")
    if folder != target.parent:  # the folders would be made: the nearest existing one must be writable
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputPathError(path, f"the folder {folder} is read-only (no permission to make folders in it)")
        return target
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".hybrooster-probe.", suffix=".tmp")
    except OSError as error:
        raise OutputPathError(path, f"cannot write in the folder {folder}: {reason_of(error)}") from None
    os.close(fd)
    Path(probe).unlink(missing_ok=True)
    return target


def _file_mode(path: Path) -> int:
    """The mode a new file gets (0o666 less the umask), or the mode of the file it replaces."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write text (UTF-8) or bytes via a temporary file and os.replace: never a half-written file.
    An OSError becomes OutputPathError naming `path` and the reason in words."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:200]}.", suffix=".tmp")
    except OSError as error:
        raise OutputPathError(path, reason_of(error)) from None
    try:
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; give the file the mode a new file gets
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputPathError(path, reason_of(error)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
