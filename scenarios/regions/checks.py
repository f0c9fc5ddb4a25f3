"""What a region file's schema cannot see (its references), as field paths for PlanError."""

from __future__ import annotations

from scenarios.regions.geo import load_postcodes
from scenarios.regions.model import Region
from solver.domain.base import PlanIssue


def check_references(region: Region) -> list[PlanIssue]:
    """What the schema cannot see: ids that name nothing, a school plan without exactly one school, an
    unknown postcode (as field paths, for PlanError)."""
    issues = []
    known = load_postcodes()
    for kind, items in (("schools", region.schools), ("employers", region.employers),
                        ("candidates", region.candidates)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                issues.append(PlanIssue(path=f"{kind}[{i}].id", message=f"'{item.id}' is used twice"))
            seen.add(item.id)
    taken: dict[tuple[str, str], str] = {}
    for i, c in enumerate(region.candidates):
        if (c.employer, c.staff) in taken:
            issues.append(PlanIssue(path=f"candidates[{i}].staff", message=(
                f"{c.staff} at {c.employer} is already candidate {taken[c.employer, c.staff]}")))
        taken.setdefault((c.employer, c.staff), c.id)
    employers = {e.id: e for e in region.employers}
    for i, school in enumerate(region.schools):
        if len(school.plan.schools) != 1:
            issues.append(PlanIssue(path=f"schools[{i}].plan.schools", message="a school's plan holds exactly one school"))
        if school.postcode not in known:
            issues.append(PlanIssue(path=f"schools[{i}].postcode", message=f"unknown postcode '{school.postcode}'"))
    for i, employer in enumerate(region.employers):
        if employer.id != employer.employer.id:
            issues.append(PlanIssue(path=f"employers[{i}].employer.id", message=(
                f"'{employer.employer.id}' differs from the region employer's id '{employer.id}'")))
        if employer.postcode not in known:
            issues.append(PlanIssue(path=f"employers[{i}].postcode", message=f"unknown postcode '{employer.postcode}'"))
    for i, c in enumerate(region.candidates):
        employer = employers.get(c.employer)
        if employer is None:
            issues.append(PlanIssue(path=f"candidates[{i}].employer", message=f"unknown employer '{c.employer}'"))
        elif c.staff not in {s.id for s in employer.employer.staff}:
            issues.append(PlanIssue(path=f"candidates[{i}].staff",
                                    message=f"'{c.staff}' is no staff member of {c.employer}"))
        if c.home_postcode not in known:
            issues.append(PlanIssue(path=f"candidates[{i}].home_postcode", message=f"unknown postcode '{c.home_postcode}'"))
    return issues
