"""The JobManager: a dispatcher thread in the server process that runs queued jobs in worker processes.

Worker processes are forked from a forkserver that has the solver already imported: a new one is ready
in a few milliseconds (importing the solver costs ~1 s), and each job gets a fresh process, so that a
crash in CP-SAT's C++ code ends that job only. At most `solve_workers` jobs run at once, oldest first;
one what-if more may run beside them (it is short, and a planner waits for its answer).

Everything the dispatcher learns goes into the store at once (progress at most PROGRESS_PER_SECOND times
a second), so that a restart finds each job where it was.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from time import monotonic

from sqlalchemy import select, update

from api.jobs import finish, worker
from api.settings import Settings
from api.store.db import Store
from api.store.models import Job, now

log = logging.getLogger("hybrooster.jobs")

PROGRESS_PER_SECOND = 4
CANCEL_GRACE = 10.0  # seconds a cancelled worker has to stop and hand its best over before it is killed
TICK = 0.25
PRELOAD = ["api.jobs.worker", "solver.pipeline", "solver.replan", "solver.validate"]
MAX_POINTS = 2000  # a longer series is thinned (every other point), so that each write stays small
QUICK_KIND = "whatif"


def _forkserver_ready() -> None:
    from multiprocessing import forkserver

    try:
        forkserver.ensure_running()
    except Exception:  # the first job starts it then, and says so if it cannot
        log.exception("the forkserver did not start")


@dataclass
class Running:
    """A job whose worker process is alive (or has just ended)."""

    job_id: str
    kind: str
    process: multiprocessing.process.BaseProcess
    control: object  # Connection to the worker
    results: object  # Connection from the worker
    deadline: float | None
    quick_lane: bool = False
    series: list[dict] = field(default_factory=list)
    latest: dict | None = None
    last_write: float = 0.0
    payload: dict | None = None
    error: str | None = None
    cancel_at: float | None = None
    killed_for: str | None = None


class JobManager:
    """Started and stopped by the app (api.app.create_app); routes queue a job and call wake()."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self.running: dict[str, Running] = {}
        self._cancels: set[str] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self._last_cancel_poll = 0.0

    # --- the app's side ------------------------------------------------------------------------------

    def start(self) -> None:
        self.recover()
        # the forkserver imports the solver once, now, so that the first job does not wait for it
        threading.Thread(target=_forkserver_ready, daemon=True,
                         name="job-forkserver").start()
        self._thread = threading.Thread(target=self._loop, name="job-dispatcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the dispatcher and the workers; their jobs go back to the queue for the next start."""
        self._stopping.set()
        self.wake()
        if self._thread is not None:
            self._thread.join(timeout=30)
        for run in list(self.running.values()):
            self._kill(run)
            run.process.join(timeout=5)
            self._close(run)
            try:
                with self.store.session() as session:
                    session.execute(update(Job).where(Job.id == run.job_id, Job.state == "running").values(
                        state="queued", attempts=Job.attempts - 1, progress=[], worker_pid=None, started_at=None))
            except Exception:
                log.exception("could not put job %s back in the queue", run.job_id)
        self.running.clear()
        os.close(self._wake_r)
        os.close(self._wake_w)

    def wake(self) -> None:
        """A job was queued or cancelled: look now rather than at the next tick."""
        try:
            os.write(self._wake_w, b"!")
        except (BlockingIOError, OSError):
            pass  # the pipe is full (it will be read) or closed (stopping)

    def cancel(self, job_id: str) -> None:
        with self._lock:
            self._cancels.add(job_id)
        self.wake()

    def recover(self) -> None:
        """Jobs left 'running' by a server that stopped: queued again once, failed with the reason after that."""
        with self.store.session() as session:
            for job in session.scalars(select(Job).where(Job.state == "running")):
                if job.cancel_requested:
                    job.state, job.finished_at = "cancelled", now()
                    job.error = "the server stopped while this job ran, after it was cancelled; nothing was stored"
                elif job.attempts < 2:
                    job.state, job.progress, job.worker_pid, job.started_at = "queued", [], None, None
                    log.warning("job %s was running when the server stopped: queued again", job.id)
                else:
                    job.state, job.finished_at = "failed", now()
                    job.error = "the server stopped while this job ran; it was tried twice, so it is not tried again"

    # --- the dispatcher thread ---------------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self._step()
            except Exception:  # the dispatcher must outlive any one job's trouble
                log.exception("job dispatcher")
                self._stopping.wait(1.0)

    def _step(self) -> None:
        self._take_cancels()
        self._start_queued()
        waitables = [self._wake_r]
        for run in self.running.values():
            waitables += [run.results, run.process.sentinel]
        wait(waitables, timeout=TICK)
        self._drain_wake()
        for run in list(self.running.values()):
            self._read(run)
            if not run.process.is_alive():
                self._read(run)
                self._ended(run)
                continue
            self._flush(run)
            self._enforce(run)

    def _drain_wake(self) -> None:
        try:
            while os.read(self._wake_r, 4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def _take_cancels(self) -> None:
        with self._lock:
            cancels, self._cancels = self._cancels, set()
        if self.running and monotonic() - self._last_cancel_poll >= 1.0:  # asked by another server process
            self._last_cancel_poll = monotonic()
            with self.store.session() as session:
                cancels |= set(session.scalars(select(Job.id).where(Job.id.in_(list(self.running)),
                                                                       Job.cancel_requested.is_(True))))
        for job_id in cancels:
            run = self.running.get(job_id)
            if run is not None and run.cancel_at is None:
                run.cancel_at = monotonic()
                try:
                    run.control.send("cancel")
                except (OSError, ValueError):
                    pass  # it has just ended: _ended sees the cancel

    def _start_queued(self) -> None:
        regular = sum(1 for run in self.running.values() if not run.quick_lane)
        quick = sum(1 for run in self.running.values() if run.quick_lane)
        if regular >= self.settings.solve_workers and quick:
            return
        with self.store.session() as session:
            queued = list(session.execute(select(Job.id, Job.kind).where(Job.state == "queued")
                                          .order_by(Job.created_at, Job.id).limit(50)))
        for job_id, kind in queued:
            if regular < self.settings.solve_workers:
                lane = False
            elif kind == QUICK_KIND and not quick:
                lane = True
            else:
                continue
            if self._launch(job_id, quick_lane=lane):
                regular, quick = regular + (not lane), quick + lane

    def _launch(self, job_id: str, *, quick_lane: bool) -> bool:
        """Claim a queued job (only one claim wins) and start its worker process."""
        with self.store.session() as session:
            claimed = session.execute(update(Job).where(Job.id == job_id, Job.state == "queued").values(
                state="running", started_at=now(), attempts=Job.attempts + 1, progress=[], error=None))
            if claimed.rowcount != 1:
                return False
            job = session.get(Job, job_id)
            kind, data = job.kind, job.input
        control_r, control_w = self._context.Pipe(duplex=False)
        results_r, results_w = self._context.Pipe(duplex=False)
        args = (control_r, results_w, kind, data, self.settings.solve_niceness)
        process = self._context.Process(target=worker.main, args=args,
                                        name=f"hybrooster-job-{job_id[:8]}", daemon=False)
        try:
            process.start()
        except Exception as error:
            for end in (control_r, control_w, results_r, results_w):
                end.close()
            self._fail(job_id, f"the solver process could not be started: {error}")
            return False
        control_r.close()
        results_w.close()
        limit = data.get("deadline_seconds")
        self.running[job_id] = Running(job_id=job_id, kind=kind, process=process, control=control_w,
                                       results=results_r, deadline=monotonic() + limit if limit else None,
                                       quick_lane=quick_lane)
        with self.store.session() as session:
            session.execute(update(Job).where(Job.id == job_id).values(worker_pid=process.pid))
        return True

    def _read(self, run: Running) -> None:
        try:
            while run.results.poll():
                kind, body = run.results.recv()
                if kind == "progress":
                    run.latest = body
                elif kind == "result":
                    run.payload = body
                elif kind == "error":
                    run.error = body
        except (EOFError, OSError):
            pass

    def _flush(self, run: Running, *, final: bool = False) -> None:
        """Keep the newest point, at most PROGRESS_PER_SECOND times a second (and the last one at the end)."""
        if run.latest is None or (not final and monotonic() - run.last_write < 1 / PROGRESS_PER_SECOND):
            return
        run.series.append(run.latest)
        if len(run.series) > MAX_POINTS:
            run.series = run.series[:-1:2] + run.series[-1:]
        run.latest, run.last_write = None, monotonic()
        if final:
            return
        with self.store.session() as session:
            session.execute(update(Job).where(Job.id == run.job_id).values(progress=list(run.series)))

    def _enforce(self, run: Running) -> None:
        """A cancelled worker that does not stop, or a job past its deadline, is killed."""
        moment = monotonic()
        if run.cancel_at is not None and moment - run.cancel_at > CANCEL_GRACE:
            run.killed_for = f"it did not stop within {CANCEL_GRACE:g} s of the cancel and was stopped by force"
            self._kill(run)
        elif run.deadline is not None and moment > run.deadline:
            run.killed_for = "it ran far past its time limit and was stopped"
            self._kill(run)

    def _kill(self, run: Running) -> None:
        try:
            os.killpg(run.process.pid, signal.SIGKILL)  # the worker and its children (a batch's Dask cluster)
        except (ProcessLookupError, PermissionError, TypeError):
            try:
                run.process.kill()
            except (OSError, AttributeError):
                pass

    def _ended(self, run: Running) -> None:
        self.running.pop(run.job_id, None)
        run.process.join(timeout=1)
        self._flush(run, final=True)
        self._close(run)
        cancelled = run.cancel_at is not None
        try:
            with self.store.session() as session:
                job = session.get(Job, run.job_id)
                job.progress, job.finished_at = list(run.series), now()
                if run.payload is not None:
                    finish.keep(session, job, run.payload, cancelled=cancelled)
                else:
                    job.state = "cancelled" if cancelled else "failed"
                    job.error = self._why_nothing(run)
        except Exception as error:  # not certified, or the result could not be kept: the job fails, saying why
            log.warning("job %s: its result was not kept: %s", run.job_id, error)
            self._fail(run.job_id, finish.not_kept(error), series=run.series)

    def _why_nothing(self, run: Running) -> str:
        if run.error is not None:
            return f"the job stopped with an error: {run.error}"
        if run.killed_for is not None:
            return f"{run.killed_for}; nothing was stored"
        code = run.process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return f"the solver process stopped unexpectedly ({how}); nothing was stored"

    def _fail(self, job_id: str, reason: str, *, series: list[dict] | None = None) -> None:
        with self.store.session() as session:
            values = {"state": "failed", "error": reason, "finished_at": now()}
            if series is not None:
                values["progress"] = list(series)
            session.execute(update(Job).where(Job.id == job_id).values(**values))

    @staticmethod
    def _close(run: Running) -> None:
        for end in (run.control, run.results):
            try:
                end.close()
            except OSError:
                pass
