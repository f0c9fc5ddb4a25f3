"""Services behind the command line (and, later, the routes): solve a plan, run the demo, validate.

Every service takes keyword-only arguments and returns plain data; printing is the caller's job.
The solve settings (time limit, workers, seed, progress) come in as one SolveParams.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scenarios.demo import DEMO_PLAN_PATH
from solver.domain import Plan, PlanError, PlanIssue, Timetable, load_plan, load_timetable, plan_fingerprint
from solver.domain.base import MAX_OPTIONS, read_json
from solver.domain.plan import check_counts
from solver.io.files import OutputPathError, check_writable, write_atomic
from solver.params import SolveParams
from solver.result import Result

if TYPE_CHECKING:  # the solver's heavier modules are imported where they are used
    from solver.explain import Explanation
    from solver.explain.why import WhyReport
    from solver.pipeline import PlanOutcome, SizeEstimate
    from solver.replan import ReplanOutcome
    from solver.replan.whatif import Change
    from solver.validation.report import ValidationReport

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INFEASIBLE = 2
EXIT_UNKNOWN = 3
EXIT_MODEL_INVALID = 4

STATUS_EXIT = {
    "OPTIMAL": EXIT_OK,
    "FEASIBLE": EXIT_OK,
    "INFEASIBLE": EXIT_INFEASIBLE,
    "UNKNOWN": EXIT_UNKNOWN,
    "MODEL_INVALID": EXIT_MODEL_INVALID,
}

SOLVE_PARAMS = SolveParams(time_limit=60.0)  # `solve`'s defaults
DEMO_PARAMS = SolveParams(time_limit=30.0)  # `demo`'s defaults
EXPLAIN_PARAMS = SolveParams(time_limit=30.0, workers=1)  # explain is fastest on one worker (solver.explain)
REPLAN_PARAMS = SolveParams(time_limit=30.0)  # `replan`'s defaults


def _exit_code(status: str) -> int:
    """The exit code when no timetable came out of a solve that ended with `status`."""
    return STATUS_EXIT.get(status, EXIT_ERROR) or EXIT_ERROR


# --- seams to the solver (one place that knows the pipeline's and validator's interfaces) ------

def _solve_plan(plan: Plan, params: SolveParams) -> PlanOutcome:
    from solver.pipeline import solve_plan

    return solve_plan(plan, params, max_options=None)  # the size was checked by the service (check_size)


def check_size(plan: Plan, max_options: int | None = MAX_OPTIONS, source: str | Path | None = None) -> SizeEstimate:
    """The plan's size estimate; PlanError with the estimate and the limit if it is above max_options."""
    from solver.pipeline import check_size as check

    return check(plan, max_options, str(source) if source is not None else None)


def check_same_plan(plan: Plan, timetable: Timetable, *, plan_path: str | Path, timetable_path: str | Path,
                    edited_plan: bool = False) -> None:
    """A timetable stamped with another plan's fingerprint is refused (PlanError naming the timetable file
    and its field), unless edited_plan: the user says the plan is the same one, edited since. A
    timetable without a fingerprint (older files, hand-made ones) is accepted."""
    stamp = timetable.plan_fingerprint
    if stamp is None or edited_plan:
        return
    ours = plan_fingerprint(plan)
    if stamp != ours:
        message = (f"this timetable was made for another plan than {plan_path}, or for an earlier version of it "
                   f"(plan fingerprint {stamp[:12]}... in the timetable, {ours[:12]}... for the plan). Give the plan "
                   f"it was made for; if {plan_path} is that plan, edited since, add --edited-plan")
        raise PlanError([PlanIssue(path="plan_fingerprint", message=message)], str(timetable_path))


def _validate(plan: Plan, timetable: Timetable) -> ValidationReport:
    from solver.validate import validate

    return validate(plan, timetable)


def _explain(plan: Plan, params: SolveParams) -> Explanation:
    from solver.explain import explain

    return explain(plan, time_limit=params.time_limit, workers=params.workers, seed=params.seed)


def _replan(plan: Plan, current: Timetable, params: SolveParams, *, polish_seconds: float) -> ReplanOutcome:
    from solver.replan import replan

    return replan(plan, current, params, polish_seconds=polish_seconds)


def demo_plan_path() -> Path:
    """Where the bundled demo plan is."""
    return Path(DEMO_PLAN_PATH)


# --- results -----------------------------------------------------------------------------------

@dataclass
class SolveRun:
    """What one solve produced: the solver's result, the timetable (if any) and its validation."""

    plan: Plan
    result: Result
    timetable: Timetable | None = None
    report: ValidationReport | None = None
    timetable_path: Path | None = None
    plan_path: Path | None = None
    view_paths: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.timetable is not None:
            return EXIT_OK
        return _exit_code(self.result.status)

    @property
    def lessons(self) -> tuple[int, int]:
        """(copies of required lessons placed, copies of required lessons): optional lessons (vacancies)
        are counted apart (`vacancies`)."""
        required = {lesson.id for lesson in self.plan.lessons if not lesson.optional}
        total = sum(lesson.count for lesson in self.plan.lessons if lesson.id in required)
        placed = sum(1 for p in self.timetable.placements if p.lesson in required) if self.timetable else 0
        return placed, total

    @property
    def vacancies(self) -> tuple[int, int, int]:
        """(copies of optional lessons placed, copies of optional lessons, lesson-minutes left open)."""
        optional = {lesson.id for lesson in self.plan.lessons if lesson.optional}
        total = sum(lesson.count for lesson in self.plan.lessons if lesson.id in optional)
        if self.timetable is None:
            return 0, total, 0
        placed = sum(1 for p in self.timetable.placements if p.lesson in optional)
        return placed, total, sum(v.minutes for v in self.timetable.open_vacancies)

    @property
    def staffing(self) -> tuple[int, int]:
        """(demand windows met, demand windows)."""
        from solver.io.views import staffing_rows

        if self.timetable is None:
            return 0, sum(len(e.demand) for e in self.plan.employers)
        rows = staffing_rows(self.plan, self.timetable)
        return sum(r.ok for r in rows), len(rows)


# --- files ---------------------------------------------------------------------------------------

def write_timetable(timetable: Timetable, path: str | Path) -> Path:
    """Write via a temporary file in the same folder, then os.replace: never a half-written file."""
    return write_atomic(path, timetable.model_dump_json(indent=2) + "\n")


# --- services ------------------------------------------------------------------------------------

def solve(*, plan: Plan, params: SolveParams = SOLVE_PARAMS, max_options: int | None = MAX_OPTIONS,
          plan_path: str | Path | None = None) -> SolveRun:
    """Solve a plan and validate the timetable it gives (nothing is written). A plan whose size estimate
    is above max_options is refused before anything is built (PlanError naming plan_path)."""
    check_size(plan, max_options, plan_path)
    outcome = _solve_plan(plan, params)
    result, timetable = outcome.result, outcome.timetable
    if result.found and timetable is None:
        raise RuntimeError(f"the solver reported {result.status} but returned no timetable")
    if not result.found:
        timetable = None
    report = _validate(plan, timetable) if timetable is not None else None
    return SolveRun(plan=plan, result=result, timetable=timetable, report=report)


def solve_to_file(*, plan: Plan, out_path: str | Path = "timetable.json", params: SolveParams = SOLVE_PARAMS,
                  max_options: int | None = MAX_OPTIONS, plan_path: str | Path | None = None) -> SolveRun:
    """Solve a plan and write the timetable atomically to out_path if there is one. out_path is checked
    before the solve (OutputPathError: a folder, read-only, the plan file itself, ...)."""
    target = check_writable(out_path, inputs=(plan_path,) if plan_path is not None else ())
    run = solve(plan=plan, params=params, max_options=max_options, plan_path=plan_path)
    if run.timetable is not None:
        run.timetable_path = write_timetable(run.timetable, target)
    return run


def run_demo(*, out_dir: str | Path = "hybrooster-demo", params: SolveParams = DEMO_PARAMS) -> SolveRun:
    """Solve the bundled demo; write plan.json, timetable.json and the readable views into out_dir
    (checked first: OutputPathError if files cannot be written there)."""
    from solver.io.views import write_views

    source = demo_plan_path()
    plan = load_plan(source)
    out = check_views_dir(out_dir)
    check_writable(out / "timetable.json")
    plan_copy = write_atomic(out / "plan.json", source.read_text(encoding="utf-8"))
    run = solve(plan=plan, params=params)
    run.plan_path = plan_copy
    if run.timetable is not None:
        run.timetable_path = write_timetable(run.timetable, out / "timetable.json")
        run.view_paths = write_views(plan, run.timetable, out)
    return run


def check_views_dir(out_dir: str | Path, inputs: tuple[str | Path, ...] = ()) -> Path:
    """The views folder resolved, or OutputPathError before any work: it is a file, or its files cannot be
    written there (a missing folder is made when the views are written)."""
    out = Path(out_dir).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise OutputPathError(out_dir, "it is a file, not a folder")
    from solver.io.views import VIEW_FILES

    for name in VIEW_FILES:
        check_writable(out / name, inputs=inputs)
    return out


def views_files(*, plan_path: str | Path, timetable_path: str | Path, out_dir: str | Path,
                edited_plan: bool = False) -> list[Path]:
    """The readable views of any plan and its timetable, written into out_dir (checked first); a timetable of
    another plan is refused as by `validate` (check_same_plan), before anything is written."""
    from solver.io.views import write_views

    out = check_views_dir(out_dir, inputs=(plan_path, timetable_path))
    plan = load_plan(plan_path)
    timetable = load_timetable(timetable_path)
    check_same_plan(plan, timetable, plan_path=plan_path, timetable_path=timetable_path, edited_plan=edited_plan)
    return write_views(plan, timetable, out)


def validate_files(*, plan_path: str | Path, timetable_path: str | Path,
                   edited_plan: bool = False) -> tuple[Plan, Timetable, ValidationReport]:
    """Load a plan and a timetable (PlanError if either is wrong, or if the timetable is of another plan:
    check_same_plan) and validate the one against the other."""
    plan = load_plan(plan_path)
    timetable = load_timetable(timetable_path)
    check_same_plan(plan, timetable, plan_path=plan_path, timetable_path=timetable_path, edited_plan=edited_plan)
    return plan, timetable, _validate(plan, timetable)


def json_schema(*, timetable: bool = False) -> dict:
    """The JSON Schema of the Plan, or of the Timetable."""
    return (Timetable if timetable else Plan).model_json_schema()


# --- explanations (issue 4) ------------------------------------------------------------------------

def explain_plan(*, plan: Plan, params: SolveParams = EXPLAIN_PARAMS, max_options: int | None = MAX_OPTIONS,
                 plan_path: str | Path | None = None) -> Explanation:
    """Why a plan has no timetable: a small set of conflicting rules (time limit, workers and seed of params).
    A plan above max_options is refused first (check_size)."""
    check_size(plan, max_options, plan_path)
    return _explain(plan, params)


def explain_file(*, plan_path: str | Path, params: SolveParams = EXPLAIN_PARAMS,
                 max_options: int | None = MAX_OPTIONS) -> Explanation:
    """Load a plan file (PlanError if it is wrong) and explain why it has no timetable."""
    return explain_plan(plan=load_plan(plan_path), params=params, max_options=max_options, plan_path=plan_path)


# --- re-planning and why (issue 4, parts 2-5) ------------------------------------------------------

@dataclass
class ReplanRun:
    """A re-plan of a (changed) plan against the current timetable, and where the new one was written."""

    plan: Plan  # the plan with the change made
    current: Timetable
    outcome: ReplanOutcome
    change: Change | None = None  # the change made first, if one was given
    timetable_path: Path | None = None
    plan_path: Path | None = None  # where the changed plan was written (with a change)

    @property
    def status(self) -> str:
        """STILL_HOLDS, or the re-plan's status: OPTIMAL (proven fewest changes), FEASIBLE, INFEASIBLE, ..."""
        if self.outcome.still_holds:
            return "STILL_HOLDS"
        return self.outcome.outcome.result.status

    @property
    def exit_code(self) -> int:
        if self.outcome.still_holds or self.outcome.timetable is not None:
            return EXIT_OK
        return _exit_code(self.status)

    def to_dict(self) -> dict:
        outcome = self.outcome
        return {
            "still_holds": outcome.still_holds, "diff": outcome.diff.to_dict(), "status": self.status,
            "hint_status": outcome.hint_status, "proof": outcome.proof, "seconds": round(outcome.seconds, 3),
            "broken": [v.to_dict() for v in outcome.broken],
            "timetable": str(self.timetable_path) if self.timetable_path else None,
            "changed_plan": str(self.plan_path) if self.plan_path else None,
        }


def changed_plan_path(plan_path: str | Path, out_path: str | Path | None) -> Path:
    """Where replan writes the changed plan: NEW.plan.json next to the new timetable NEW.json, or without
    one PLAN.changed.json next to the plan."""
    if out_path is not None:
        out = Path(out_path)
        return out.with_name(f"{out.stem}.plan.json")
    plan = Path(plan_path)
    return plan.with_name(f"{plan.stem}.changed.json")


def replan_files(*, plan_path: str | Path, current_path: str | Path, change_path: str | Path | None = None,
                 out_path: str | Path | None = None, params: SolveParams = REPLAN_PARAMS,
                 polish_seconds: float = 0.0, max_options: int | None = MAX_OPTIONS,
                 edited_plan: bool = False) -> ReplanRun:
    """Load a plan, the current timetable and an optional change (PlanError naming the field path if one is
    wrong, or if the timetable is of another plan: check_same_plan); check the output paths; make the
    change and write the changed plan (changed_plan_path); re-plan with the fewest changes; write the new
    timetable, stamped with the changed plan's fingerprint, atomically to out_path."""
    from solver.replan.whatif import apply_change, parse_change

    plan = load_plan(plan_path)
    current = load_timetable(current_path)
    check_same_plan(plan, current, plan_path=plan_path, timetable_path=current_path, edited_plan=edited_plan)
    change = parse_change(read_json(change_path), str(change_path)) if change_path is not None else None
    inputs = tuple(p for p in (plan_path, current_path, change_path) if p is not None)
    target = check_writable(out_path, inputs=(plan_path, change_path or plan_path)) if out_path is not None else None
    plan_target = None
    if change is not None:
        try:
            plan_target = check_writable(changed_plan_path(plan_path, out_path), inputs=inputs)
        except OutputPathError:
            if out_path is not None:  # asked for files: all of them; else the changed plan only where it can
                raise
    if change is not None:
        try:
            plan = apply_change(plan, change)
        except PlanError as error:  # name the change file, and what the change was
            raise PlanError(error.issues, f"{change_path} ({error.source})") from None
        if issues := check_counts(plan):  # a lesson it adds, given more often than there are lesuren
            raise PlanError(issues, f"{change_path} (change {change.type})")
    check_size(plan, max_options, plan_path)
    written = None  # the changed plan, written before the re-plan: explain needs it if there is no timetable
    if plan_target is not None:
        written = write_atomic(plan_target, plan.model_dump_json(indent=1, exclude_defaults=True) + "\n")
    outcome = _replan(plan, current, params, polish_seconds=polish_seconds)
    run = ReplanRun(plan=plan, current=current, outcome=outcome, change=change, plan_path=written)
    if target is not None and outcome.timetable is not None:
        run.timetable_path = write_timetable(outcome.timetable, target)
    return run


def why_files(*, plan_path: str | Path, timetable_path: str | Path, lesson_id: str, copy: int = 0,
              edited_plan: bool = False) -> WhyReport:
    """Every other slot for one placed lesson copy and why it is worse or forbidden (the timetable must
    be of this plan: check_same_plan)."""
    from solver.explain.why import why_report

    plan, timetable = load_plan(plan_path), load_timetable(timetable_path)
    check_same_plan(plan, timetable, plan_path=plan_path, timetable_path=timetable_path, edited_plan=edited_plan)
    return why_report(plan, timetable, lesson_id, copy)
