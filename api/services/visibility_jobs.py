"""What each role may see of a job's result: the rules of api/services/visibility.py applied to diffs,
solve summaries and what-if answers.

- a roosteraar sees which lessons move, never the shifts that are added or removed, nor the costs
  (they add up company costs too);
- a planner's what-if answer says, per school, only when their own staff teach before and after, and
  their own shifts that change: never lessons, groups, rooms or other staff;
- a coordinator (their region) and an admin see everything.
"""

from __future__ import annotations

from api.deps import Caller
from api.services.visibility import employer_timetable
from api.store.models import Job
from solver.domain import Plan, Timetable

SHIFT_FIELDS = ("shifts_added", "shifts_removed")
COST_FIELDS = ("objective", "bound", "gap")


def diff_for(caller: Caller, diff: dict | None) -> dict | None:
    """A re-plan's diff as the caller may see it."""
    if diff is None or caller.role in ("admin", "coordinator"):
        return diff
    if caller.role == "roosteraar":
        return {key: value for key, value in diff.items() if key not in SHIFT_FIELDS}
    raise ValueError(f"a {caller.role} does not see a school's diff")


def job_result_for(caller: Caller, job: Job) -> dict | None:
    """The job's result summary as the caller may see it (the routes have checked they may see the job)."""
    if job.result is None or caller.role in ("admin", "coordinator") or job.kind == "batch":
        return job.result
    if job.kind == "whatif" and "schools" in job.result:  # an employer's: kept as its planner may see it
        return job.result
    result = {key: value for key, value in job.result.items() if key not in COST_FIELDS}
    if "diff" in result:
        result["diff"] = diff_for(caller, result["diff"])
    return result


def _teaching(plan: Plan, timetable: Timetable, employer: str) -> dict[str, list[dict]]:
    by_staff: dict[str, list[dict]] = {}
    for item in employer_timetable(plan, timetable, employer)["teaching"]:
        by_staff.setdefault(item["staff"], []).append({"day": item["day"], "start": item["start"], "end": item["end"]})
    return by_staff


def employer_whatif(employer: str, *, school_name: str, plan: Plan, before: Timetable, after: Timetable,
                    answer: dict) -> dict:
    """A planner's answer for one school: when their staff would teach instead, and their shifts that would
    be added or removed. Nothing of the school's lessons, groups or other teachers."""
    then, now = _teaching(plan, before, employer), _teaching(plan, after, employer)
    teaching = [{"staff": staff, "before": then.get(staff, []), "after": now.get(staff, [])}
                for staff in sorted(then.keys() | now.keys()) if then.get(staff) != now.get(staff)]
    diff = answer.get("diff") or {}
    shifts = {key: [{k: v for k, v in shift.items() if k != "employer"}
                    for shift in diff.get(key, []) if shift.get("employer") == employer] for key in SHIFT_FIELDS}
    school = next((s.id for s in plan.schools), None)
    return {"school": school_name, "school_id": school, "still_holds": bool(answer.get("still_holds")),
            "status": answer.get("status"), "teaching_changes": teaching, **shifts}
