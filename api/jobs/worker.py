"""What runs inside a worker process: one job, then the process ends.

The process talks to the manager through two one-way pipes: `results` carries ("progress", point),
("result", payload) and ("error", text) out; `control` carries "cancel" in. It touches no store: a crash
here (CP-SAT has segfaulted before) loses only this job's search, never a half-written record. When the
server goes away the control pipe closes and the process ends itself and its children (a batch's Dask
cluster), so that no orphan keeps solving.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from time import perf_counter

from solver.domain import PlanError, Timetable
from solver.domain.plan import parse_plan
from solver.params import SolveParams


# A long solve yields the CPU to the web server (people clicking wait for answers, a solve does not notice a
# few milliseconds), as far as the setting solve_niceness says; a what-if is someone waiting, so it keeps the
# server's priority.
STEPS_BACK = frozenset({"solve", "replan", "batch"})


def main(control, results, kind: str, data: dict, niceness: int = 0) -> None:
    """The process's entry point (the manager starts it through multiprocessing)."""
    os.setpgrp()  # its own process group: a Ctrl-C at the server's terminal is the server's to handle
    if kind in STEPS_BACK and niceness:
        os.nice(niceness)
    stop = threading.Event()
    lock = threading.Lock()
    started = perf_counter()

    def send(message: tuple) -> None:
        with lock:  # CP-SAT calls back from its own threads
            results.send(message)

    def point(**values) -> None:
        send(("progress", {"seconds": round(perf_counter() - started, 3), **values}))

    threading.Thread(target=_listen, args=(control, stop, kind), daemon=True, name="job-control").start()
    try:
        payload = RUNNERS[kind](data, point=point, stop=stop)
        send(("result", payload))
    except PlanError as error:
        send(("error", plan_error_text(error)))
    except Exception as error:  # everything the solver raises becomes the job's reason, in words
        send(("error", f"{type(error).__name__}: {error}"))


def _listen(control, stop: threading.Event, kind: str) -> None:
    while True:
        try:
            message = control.recv()
        except (EOFError, OSError):  # the server is gone: nobody will read what this process finds
            os.killpg(0, signal.SIGKILL)
            return
        if message == "cancel":
            stop.set()
            if kind == "batch":  # the batch waits on Dask in the main thread: interrupt it there
                os.kill(os.getpid(), signal.SIGINT)


def plan_error_text(error: PlanError) -> str:
    where = f"{error.source}: " if error.source else ""
    return where + "; ".join(f"{issue.path}: {issue.message}" if issue.path else issue.message
                             for issue in error.issues)


def solve_params(params: dict, *, point, stop: threading.Event) -> SolveParams:
    def progress(p) -> None:
        point(objective=p.objective, bound=p.bound, gap=round(p.gap, 6))

    return SolveParams(time_limit=params["time_limit"], workers=params.get("workers", 1),
                       seed=params.get("seed", 0), on_progress=progress, stop=stop)


def run_solve(data: dict, *, point, stop: threading.Event) -> dict:
    from solver.pipeline import solve_plan

    plan = parse_plan(data["plan"])
    began = perf_counter()
    outcome = solve_plan(plan, solve_params(data["params"], point=point, stop=stop), max_options=None)
    result, timetable = outcome.result, outcome.timetable
    return {"status": result.status, "objective": result.objective, "bound": result.bound, "gap": result.gap,
            "message": result.message, "seconds": round(perf_counter() - began, 3), "stopped": stop.is_set(),
            "timetable": timetable.model_dump(mode="json") if result.found and timetable is not None else None}


def _replan_one(plan_json: dict, current_json: dict, params: SolveParams, polish_seconds: float) -> dict:
    from solver.replan import replan

    plan = parse_plan(plan_json)
    outcome = replan(plan, Timetable.model_validate(current_json), params, polish_seconds=polish_seconds)
    status = "STILL_HOLDS" if outcome.still_holds else outcome.outcome.result.status
    return {"still_holds": outcome.still_holds, "status": status, "proof": outcome.proof,
            "seconds": round(outcome.seconds, 3), "diff": outcome.diff.to_dict(),
            "timetable": outcome.timetable.model_dump(mode="json") if outcome.timetable is not None else None}


def run_replan(data: dict, *, point, stop: threading.Event) -> dict:
    """A re-plan with the fewest changes (also a school's what-if: the same question, nothing kept)."""
    params = solve_params(data["params"], point=point, stop=stop)
    return {**_replan_one(data["plan"], data["current"], params, data.get("polish_seconds", 0.0)),
            "stopped": stop.is_set()}


def run_whatif(data: dict, *, point, stop: threading.Event) -> dict:
    """A school's what-if is one re-plan; an employer's is one per school that has its hto'ers."""
    if "schools" not in data:
        return run_replan(data, point=point, stop=stop)
    params = solve_params(data["params"], point=point, stop=stop)
    answers = []
    for school in data["schools"]:
        if stop.is_set():
            break
        try:
            answers.append({"org_id": school["org_id"], **_replan_one(school["plan"], school["current"], params, 0.0)})
        except PlanError as error:  # one school's trouble is that school's line in the answer
            answers.append({"org_id": school["org_id"], "error": plan_error_text(error)})
    return {"schools": answers, "stopped": stop.is_set()}


def run_batch(data: dict, *, point, stop: threading.Event) -> dict:
    """The regional batch of `hybrooster batch`, its report written into the job's own folder."""
    from scenarios.regional.batch import plan_units, run_batch as batch
    from scenarios.regional.report import write_report
    from scenarios.regional.run import RunSettings

    out = Path(data["out"])
    units = plan_units(data["regions"], data["levers"], seed=data["seed"], scale=data["scale"],
                       three_way=data["three_way"])
    settings = RunSettings(school_seconds=data["school_seconds"], rounds=data["rounds"])
    finished: list[dict] = []
    point(done=0, total=len(units))

    def done(result: dict, count: int, total: int) -> None:
        finished.append(result)
        point(done=count, total=total)

    try:
        batch(units, out, settings, scheduler=data.get("scheduler"), workers=1, on_done=done)
    except KeyboardInterrupt:  # cancelled: the units finished so far make the report
        pass
    failed = [r for r in finished if "error" in r]
    results = [r for r in finished if "error" not in r]
    if results or failed:
        write_report(results, failed, out)
    return {"units": len(units), "done": sorted(r["key"] for r in results),
            "failed": [{"key": r["key"], "error": str(r["error"])} for r in failed],
            "report": "report.html" if (out / "report.html").exists() else None, "stopped": stop.is_set()}


RUNNERS = {"solve": run_solve, "replan": run_replan, "whatif": run_whatif, "batch": run_batch}
