"""Run FET's command-line program (fet-cl) on a .fet file and read what it did.

fet-cl writes into --outputdir: logs/result.txt ("Simulation successful", "Time exceeded" or a
message that the data is impossible) and timetables/NAME/NAME_activities.xml (each activity's day,
hour and room). HTML output is switched off; the XML timetables need the conflicts output on.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

QUIET = [
    "--htmllevel=0", "--writetimetableconflicts=true", "--writetimetablesstatistics=false",
    "--writetimetablesdayshorizontal=false", "--writetimetablesdaysvertical=false",
    "--writetimetablestimehorizontal=false", "--writetimetablestimevertical=false",
]


@dataclass
class FetRun:
    status: str  # "solved", "time limit", "impossible", "error"
    seconds: float  # wall time of the fet-cl process (reading, searching, writing)
    search_seconds: float | None  # FET's own "Total searching time" (whole seconds), when it says
    activities_xml: Path | None  # FET's timetable when solved
    message: str = ""


def fet_cl() -> str | None:
    """The path of fet-cl, or None when FET is not installed."""
    return shutil.which("fet-cl")


def fet_seed_args(seed: int) -> list[str]:
    """fet-cl's six random seed components for our seed: the same seed, the same FET search."""
    first, second = seed % 4294967086 + 1, seed % 4294944442 + 1  # each triple must not be all zero
    return [f"--randomseeds10={first}", "--randomseeds11=11", "--randomseeds12=12",
            f"--randomseeds20={second}", "--randomseeds21=21", "--randomseeds22=22"]


def run_fet_cl(fet_path: str | Path, *, time_limit: float, output_dir: str | Path, grace: float = 120,
               seed: int | None = None) -> FetRun:
    """Run fet-cl with a time limit (whole seconds, at least 1) and a fresh output folder.

    fet-cl is killed `grace` seconds after its own limit (it does not always stop in time).
    `seed`: FET's random seed (fet_seed_args); None lets FET draw its own.
    """
    program = fet_cl()
    if program is None:
        return FetRun("error", 0.0, None, None, "fet-cl is not installed")
    output_dir = Path(output_dir)
    shutil.rmtree(output_dir, ignore_errors=True)
    output_dir.mkdir(parents=True)
    limit = max(1, int(round(time_limit)))
    command = [program, f"--inputfile={Path(fet_path).resolve()}", f"--outputdir={output_dir}",
               f"--timelimitseconds={limit}", *QUIET,
               *(fet_seed_args(seed) if seed is not None else [])]
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=limit + grace,
                              stdin=subprocess.DEVNULL)
        stdout = proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as error:
        return FetRun("error", time.perf_counter() - start, None, None, f"fet-cl did not stop: {error}")
    seconds = time.perf_counter() - start
    result = (output_dir / "logs" / "result.txt")
    log = result.read_text(encoding="utf-8", errors="replace") if result.exists() else ""
    search = None
    for line in stdout.splitlines():
        if line.startswith("Total searching time (seconds):"):
            try:
                search = float(line.split(":", 1)[1])
            except ValueError:
                pass
    if "Simulation successful" in log:
        found = sorted(output_dir.glob("timetables/*/*_activities.xml"))
        found = [p for p in found if not p.parent.name.endswith(("-current", "-highest"))]
        return FetRun("solved", seconds, search, found[0] if found else None)
    if "Time exceeded" in log:
        return FetRun("time limit", seconds, search, None)
    tail = " ".join((log.strip().splitlines() or [stdout.strip()[-300:]])[-1:])
    status = "impossible" if "impossible" in (log + stdout).lower() else "error"
    return FetRun(status, seconds, search, None, tail[:300])
