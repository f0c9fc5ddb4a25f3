"""The bad-input corpus (tests/data/bad/, its cases in cases.json): every file through the real command line.

Each case runs `python -m api.cli ...` in a subprocess with a 4 GiB address space and a 60 s cap, and
must exit with its code, print its message fragments and name its file (or field, or option), print no
traceback, and leave its temporary folder as it was (nothing written, not even half a file) unless the
case says it writes. Issue 20: no input hangs, blows up or loses work.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
CASES = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))["cases"]
MEMORY = 4 * 2**30  # bytes of address space
TIMEOUT = 60  # seconds


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _deep(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _long_list(path: Path) -> None:
    path.write_text('{"schools": [], "teachers": [' + ",".join(["1"] * 100_001) + "]}", encoding="utf-8")


GENERATORS = {"deep": _deep, "long_list": _long_list}


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "HYBROOSTER_DEBUG"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    try:
        return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=cwd, env=env, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=TIMEOUT,
                              preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"hybrooster {' '.join(args)} ran longer than {TIMEOUT} s")


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input(case, tmp_path):
    def fill(text: str) -> str:
        return (text.replace("{file}", case["file"]).replace("{out}", "{tmp}/out/result.json")
                .replace("{bad}", str(BAD)).replace("{ok}", str(BAD / "ok")).replace("{tmp}", str(tmp_path)))

    work = tmp_path / "cwd"  # the command's current folder: nothing may appear here either
    work.mkdir()
    for source, target in case.get("copy", []):
        shutil.copyfile(fill(source), fill(target))
    if "generate" in case:
        GENERATORS[case["generate"]](Path(fill(case["file"])))
    if "read_only" in case:
        if os.geteuid() == 0:
            pytest.skip("root may write in a read-only folder")
        folder = Path(fill(case["read_only"]))
        folder.mkdir()
        folder.chmod(0o555)
    for setup in case.get("setup", []):
        done = _run([fill(a) for a in setup], work)
        assert done.returncode == 0, done.stderr
    before = _files(tmp_path)

    done = _run([fill(a) for a in case["args"]], work)
    printed = done.stdout + done.stderr

    assert "Traceback" not in printed, done.stderr
    assert done.returncode == case["exit"], printed
    for fragment in case["expect"]:
        assert fill(fragment) in printed, f"{fragment!r} not in:\n{printed}"
    names = case.get("names", [Path(fill(case["file"])).name])
    for name in names:
        assert fill(name) in printed, f"the file {name!r} is not named in:\n{printed}"
    if case.get("writes"):
        assert _files(tmp_path) - before, "the command wrote nothing"
    else:
        assert _files(tmp_path) == before, "the command wrote files"
        assert not (tmp_path / "out" / "result.json").exists()
