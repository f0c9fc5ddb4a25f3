"""A private PostgreSQL server for the tests: a new cluster in a temporary folder, on a free loopback port,
started with the Debian package's initdb and pg_ctl (as the `postgres` user when the tests run as root,
since PostgreSQL refuses to run as root). `.ci/run` installs the package; without it the tests that need
the server skip with the reason."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _binary(name: str) -> str | None:
    for folder in BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    def __init__(self):
        self.initdb, self.pg_ctl = _binary("initdb"), _binary("pg_ctl")
        self.folder: Path | None = None
        self.port = _free_port()
        self.as_user: list[str] = []

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> str | None:
        """None when started; else why it could not be."""
        if not (self.initdb and self.pg_ctl):
            return "PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)"
        self.folder = Path(tempfile.mkdtemp(prefix="hybrooster-pg-"))
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                return "running as root without runuser: cannot start PostgreSQL as another user"
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        data = self.folder / "data"
        try:
            self._run(self.initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
                       "-c full_page_writes=off -c max_connections=200")
            self._run(self.pg_ctl, "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError, LookupError) as error:
            stderr = getattr(error, "stderr", b"") or b""
            return f"PostgreSQL did not start: {error} {stderr.decode(errors='replace')[-300:]}"
        return None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        try:
            self._run(self.pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
