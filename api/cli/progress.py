"""The solve's progress on the console: one line per better timetable, and a spinner on a terminal."""

from __future__ import annotations

import threading
from time import perf_counter

from rich.console import Console

from solver.result import Progress


class ProgressView:
    """One line per improving solution (bound-only improvements at most once a second); on a terminal
    also a spinner with the best so far."""

    def __init__(self, console: Console, time_limit: float):
        self.console = console
        self.time_limit = time_limit
        self.lines = 0
        self._status = None
        self._lock = threading.Lock()
        self._last: Progress | None = None
        self._stage: str | None = None
        self._stage_began = perf_counter()

    def __enter__(self) -> "ProgressView":
        if self.console.is_terminal:
            self._status = self.console.status(f"Solving / roosteren (at most {self.time_limit:g} s) ...")
            self._status.start()
        else:
            self.console.print(f"Solving / roosteren (at most {self.time_limit:g} s) ...")
        return self

    STAGES = {"compile": "Compiling the plan / plan vertalen", "build": "Building the model / model bouwen",
              "search": "Searching / roosteren",
              "constructive": "A first timetable by a quick pass / een eerste rooster met een snelle ronde"}
    SLOW_STAGE = 1.0  # seconds; a stage that took longer is reported with its time when the next begins

    def stage(self, name: str) -> None:
        """A stage of the solve begins. The spinner names it; a slow previous stage gets a line with its
        time, so that the seconds a big plan spends before the search are neither silent nor a mystery."""
        now = perf_counter()
        with self._lock:
            previous, began = self._stage, self._stage_began
            self._stage, self._stage_began = name, now
            if previous is not None and now - began >= self.SLOW_STAGE:
                self.console.print(f"{self.STAGES.get(previous, previous)}: {now - began:.1f} s", markup=False)
            if self._status is not None:
                self._status.update(f"{self.STAGES.get(name, name)} (at most {self.time_limit:g} s in all) ...")

    def __exit__(self, *exc) -> None:
        if self._status is not None:
            self._status.stop()

    def __call__(self, progress: Progress) -> None:
        with self._lock:
            last = self._last
            if self._status is not None:
                self._status.update(f"Solving / roosteren: best {progress.objective}, gap {progress.gap:.2%} ...")
            if last is not None and progress.objective == last.objective and progress.elapsed - last.elapsed < 1.0:
                return
            if self.lines == 0:
                self.console.print(f"{'elapsed':>9} {'objective':>12} {'bound':>12} {'gap':>8}", style="bold")
            self.lines += 1
            self._last = progress
            self.console.print(
                f"{progress.elapsed:8.1f}s {progress.objective:>12} {progress.bound:>12} {progress.gap:>8.2%}",
                markup=False,
            )
