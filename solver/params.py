"""SolveParams: every setting of one solve, from the CLI down to CP-SAT, in one frozen value."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from solver.result import Progress


@dataclass(frozen=True)
class SolveParams:
    time_limit: float = 60.0  # seconds of wall time for the whole solve
    workers: int = 0  # CP-SAT workers; 0: the tested default (solver/cpsat/solve.py)
    seed: int = 0
    deterministic_time: float | None = None  # CP-SAT's deterministic limit, for reproducible runs
    on_progress: Callable[[Progress], None] | None = None
    stop: threading.Event | None = None  # set it to stop the search; the best timetable so far is kept
