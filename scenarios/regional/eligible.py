"""Who may teach what: the options of the match, each a candidate and a vacancy lesson they may give.

A candidate may give a vacancy lesson when (docs/regions.md, "The regional run"):
- one of their skills leads to the lesson's subject at the school's level (the skills table);
- the trip from their work site to the school takes at most `params.max_travel_minutes`;
- a route lets them teach at that level at all (routes.max_minutes > 0);
- the lesson's copies that must be on different days fit in the days the person may be in class;
- with regional matching off, the school is the one nearest to their employer (each school finds its own
  candidates, through the companies around it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections import Counter
from datetime import date
from statistics import median

from scenarios.regions.costs import release_minutes
from scenarios.regions.generate import REFERENCE_DATE
from scenarios.regions.geo import travel_minutes
from scenarios.regions.model import Candidate, Region, RegionSchool
from scenarios.regions.routes import max_minutes
from scenarios.regions.skills import subjects_for
from solver.timeline import parse_hhmm


# The match looks at each candidate's nearest schools only (by travel, among those they may teach at):
# nobody travels past six schools that need them, and the match stays small (a region of 50 schools and
# 500 candidates has ~50,000 options, ~10,000 after this). The bound (bound.py) looks at all options.
NEAREST_SCHOOLS = 6


@dataclass(frozen=True)
class Option:
    candidate: str
    school: str
    lesson: str  # the vacancy lesson's own id (as in Vacancy.lessons)
    vacancy: str
    subject: str
    minutes: int  # lesson-minutes a week: count x duration x the school's lesuur length
    travel: int  # minutes, work site to school
    lesuren: int = 0  # count x duration


@dataclass
class Options:
    options: list[Option]
    # per candidate: the most minutes a week they may teach (willingness, after the compensation lever)
    release: dict[str, int]
    # per candidate and level: the most their route allows at that level (None: no limit)
    route_cap: dict[tuple[str, str], int | None]
    travel: dict[tuple[str, str], int]  # (candidate, school) -> minutes
    # per candidate: the most lesuren a week their days in class hold (teaching_days x the longest school day)
    lesuren_cap: dict[str, int] = field(default_factory=dict)

    def nearest(self, schools: int = NEAREST_SCHOOLS) -> "Options":
        """The options at each candidate's `schools` nearest schools (ties: by school id)."""
        near: dict[str, set[str]] = {}
        for o in self.options:
            near.setdefault(o.candidate, set()).add(o.school)
        keep = {c: set(sorted(s, key=lambda school: (self.travel[c, school], school))[:schools])
                for c, s in near.items()}
        return Options([o for o in self.options if o.school in keep[o.candidate]], self.release, self.route_cap,
                       self.travel, self.lesuren_cap)


def lesuur_minutes(school: RegionSchool) -> int:
    """The school's usual lesuur length (the median of its periods), for lesson-minutes."""
    periods = school.plan.schools[0].periods
    return int(median(parse_hhmm(p.end) - parse_hhmm(p.start) for p in periods)) if periods else 50


def teaching_days(candidate: Candidate) -> int:
    """On how many days a week the candidate may be in class: their agreed days, at most max_teaching_days."""
    days = len(candidate.release_days)
    return min(days, candidate.max_teaching_days) if candidate.max_teaching_days else days


def days_needed(lesson) -> int:
    """Distinct days one teacher needs for all copies of a lesson: its copies, when they must be on
    different days (min_days_apart), else one."""
    return lesson.count if lesson.min_days_apart > 0 else 1


def longest_day(region: Region) -> int:
    """The most lesuren any school of the region has on one day."""
    return max((max(Counter(p.day for p in s.plan.schools[0].periods).values(), default=0) for s in region.schools),
               default=0)


def nearest_school(region: Region, postcode: str) -> str | None:
    """The school nearest to a postcode (by travel time, then id): each school's own network."""
    if not region.schools:
        return None
    return min(region.schools, key=lambda s: (travel_minutes(postcode, s.postcode, region.params), s.id)).id


def _eligible_school(region: Region, candidate: Candidate, school: RegionSchool, work: str,
                     own_school: dict[str, str | None]) -> bool:
    if not region.params.regional_matching and own_school.get(candidate.employer) != school.id:
        return False
    return travel_minutes(work, school.postcode, region.params) <= region.params.max_travel_minutes


def find_options(region: Region, today: date = REFERENCE_DATE) -> Options:
    """Every (candidate, vacancy lesson) pair the match may choose, with the caps it must respect (routes
    judged on `today`: a lapsed route gives the unqualified cap again)."""
    employers = {e.id: e for e in region.employers}
    own_school = {e.id: nearest_school(region, e.postcode) for e in region.employers}
    options: list[Option] = []
    release = {c.id: release_minutes(c, region.params) for c in region.candidates}
    route_cap: dict[tuple[str, str], int | None] = {}
    travel: dict[tuple[str, str], int] = {}
    day_lesuren = longest_day(region)
    lesuren_cap = {c.id: teaching_days(c) * day_lesuren for c in region.candidates}
    for candidate in region.candidates:
        work = employers[candidate.employer].postcode
        for level in ("vo", "mbo"):
            route_cap[candidate.id, level] = max_minutes(candidate, level, region.params, today)
        for school in region.schools:
            travel[candidate.id, school.id] = travel_minutes(work, school.postcode, region.params)
            cap = route_cap[candidate.id, school.level]
            if (cap is not None and cap <= 0) or not _eligible_school(region, candidate, school, work, own_school):
                continue
            subjects = subjects_for(candidate.skills, school.level)
            length = lesuur_minutes(school)
            for vacancy in school.vacancies:
                if vacancy.subject not in subjects:
                    continue
                for lesson in vacancy.lessons:
                    minutes = lesson.count * lesson.duration * length
                    if minutes > release[candidate.id] or (cap is not None and minutes > cap):
                        continue
                    if days_needed(lesson) > teaching_days(candidate):
                        continue  # the copies need more days than the person is in class
                    options.append(Option(candidate.id, school.id, lesson.id, vacancy.id, lesson.subject,
                                          minutes, travel[candidate.id, school.id], lesson.count * lesson.duration))
    return Options(options, release, route_cap, travel, lesuren_cap)
