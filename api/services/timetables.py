"""Keeping a timetable: certified by the independent validator first, stored as a draft, with the employers
whose roster or hto'er release it changes (they approve before the roosteraar can publish)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.store.models import Organisation, TimetableRecord
from solver.domain import Plan, Timetable


class NotCertified(RuntimeError):
    """The validator found hard violations in a timetable the solver returned: it is never stored."""


def certify(plan: Plan, timetable: Timetable) -> dict:
    """The validator's report as JSON; NotCertified when it finds a hard violation."""
    from solver.validate import validate

    report = validate(plan, timetable)
    if not report.ok:
        rules = ", ".join(f"{rule} ×{n}" for rule, n in sorted(report.hard_by_rule().items()))
        raise NotCertified(f"the validator found {report.hard_violations} hard violation(s): {rules}")
    return report.to_dict()


def employer_footprint(plan: Plan, timetable: Timetable, employer: str) -> dict:
    """What an employer's planner approves: its staff's shifts (with the parts released) and when its
    hto'ers teach. Two timetables with the same footprint need no new approval from that employer."""
    rosters = sorted(
        (r.staff, r.shift, r.day, r.week, r.start, r.end, tuple((w.day, w.start, w.end) for w in r.released))
        for r in timetable.rosters if r.employer == employer)
    teachers = {h.teacher for h in plan.htos if h.employer == employer}
    teaching = sorted((p.teacher, p.day, p.start, p.end) for p in timetable.placements if p.teacher in teachers)
    return {"rosters": [list(r) for r in rosters], "teaching": [list(t) for t in teaching]}


def published(session: Session, org_id: str) -> TimetableRecord | None:
    """The timetable in force at a school: the one published last."""
    return session.scalar(select(TimetableRecord).where(TimetableRecord.org_id == org_id,
                                                        TimetableRecord.state == "published")
                          .order_by(TimetableRecord.published_at.desc()).limit(1))


def needs_approval(session: Session, school: Organisation, plan: Plan, timetable: Timetable) -> list[str]:
    """Employer codes whose footprint differs from the timetable in force (all of the school's hto'er
    employers when none is in force yet)."""
    in_force = published(session, school.id)
    before_plan = Plan.model_validate(in_force.plan) if in_force is not None else None
    before = Timetable.model_validate(in_force.body) if in_force is not None else None
    codes = list(dict.fromkeys(h.employer for h in plan.htos))
    if before is None:
        return codes
    return [code for code in codes
            if employer_footprint(plan, timetable, code) != employer_footprint(before_plan, before, code)]


def store_timetable(session: Session, *, school: Organisation, plan: Plan, timetable: Timetable,
                    job_id: str | None = None, diff: dict | None = None,
                    based_on: str | None = None) -> TimetableRecord:
    """Certify and keep a timetable as a draft; NotCertified (and nothing kept) when the validator objects."""
    report = certify(plan, timetable)
    record = TimetableRecord(org_id=school.id, job_id=job_id, plan=plan.model_dump(mode="json", exclude_defaults=True),
                             body=timetable.model_dump(mode="json"), report=report, diff=diff, based_on=based_on,
                             needs_approval=needs_approval(session, school, plan, timetable))
    session.add(record)
    session.flush()
    return record
