"""Technical skills -> the subjects they can teach, per level (docs/regions.md "Skills and subjects").

`tables/skills.csv` (`skill;subject;level;note`) maps each skill to subject codes: the mbo codes of the
generated school plans (scenarios/common.py SUBJECT_CODE, e.g. CNC, LAS, PLC, PRE, ITT, MR, CAD, WTB) and
short vo codes of our own for the vmbo profielvakken and havo/vwo O&O (VO_SUBJECTS).

A *hidden match* ("verborgen match", issue 23) is a subject a candidate reaches only through a skill their
job title does not name: it is not among the subjects of the job title's own skill (JOB_TITLES), at any
level. A CNC-operator who also draws in CAD is a hidden match for CAD, not for CNC.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import TYPE_CHECKING

from scenarios.common import SUBJECT_CODE
from scenarios.regions.geo import TABLES

if TYPE_CHECKING:
    from scenarios.regions.model import Candidate

LEVELS = ("vo", "mbo")

# vo subject codes (project-local short codes, documented in docs/regions.md).
VO_SUBJECTS: dict[str, str] = {
    "PIE": "Produceren, installeren en energie (vmbo-profielvak)",
    "BWI": "Bouwen, wonen en interieur (vmbo-profielvak)",
    "MOB": "Mobiliteit en transport (vmbo-profielvak)",
    "MAT": "Maritiem en techniek (vmbo-profielvak)",
    "OO": "Onderzoek en ontwerpen (havo/vwo, technasium)",
}
MBO_SUBJECTS: dict[str, str] = {code: name for name, code in SUBJECT_CODE.items()}

# Job title -> the skill it names (its "own" skill). Titles not listed are matched on the skill's words.
JOB_TITLES: dict[str, str] = {
    "CNC-operator": "cnc", "CNC-programmeur": "cnc", "Verspaner": "cnc",
    "Lasser": "lassen", "Constructiebankwerker": "metaalbewerking", "Plaatwerker": "metaalbewerking",
    "PLC-programmeur": "plc", "Besturingstechnicus": "plc",
    "Elektromonteur": "elektrotechniek", "Paneelbouwer": "elektrotechniek",
    "Servicemonteur installatietechniek": "installatietechniek", "Installatiemonteur": "installatietechniek",
    "Loodgieter": "leidingwerk",
    "Mechatronicus": "mechatronica", "Machinebouwer": "mechatronica",
    "Onderhoudsmonteur": "onderhoud", "Storingsmonteur": "onderhoud",
    "Procesoperator": "procestechniek",
    "Scheepswerktuigkundige": "maritiem", "Stuurman": "maritiem", "Havenmeester": "maritiem",
    "Logistiek planner": "logistiek", "Terminalmedewerker": "logistiek",
    "Tekenaar-constructeur": "cad", "Werkvoorbereider": "cad",
    "Robottechnicus": "robotica",
    "Monteur zonnepanelen": "duurzame_energie",
}


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str, str], ...]:
    with open(TABLES / "skills.csv", encoding="utf-8", newline="") as handle:
        rows = tuple((r["skill"], r["subject"], r["level"], r["note"]) for r in csv.DictReader(handle, delimiter=";"))
    for skill, subject, level, _ in rows:
        if level not in LEVELS:
            raise ValueError(f"skills.csv: level {level!r} of {skill}->{subject} is not vo or mbo")
        known = VO_SUBJECTS if level == "vo" else MBO_SUBJECTS
        if subject not in known:
            raise ValueError(f"skills.csv: {subject!r} is not a {level} subject code")
    return rows


def skill_table() -> list[dict[str, str]]:
    """The table's rows as dicts {skill, subject, level, note}."""
    return [{"skill": s, "subject": c, "level": lv, "note": n} for s, c, lv, n in _rows()]


def skills() -> list[str]:
    """Every skill in the table, in table order."""
    return list(dict.fromkeys(row[0] for row in _rows()))


def subjects_for(skills: list[str], level: str | None) -> set[str]:
    """The subject codes these skills can teach at `level` ('vo' or 'mbo'; None: both). Unknown skills add
    nothing (an employer's own skill names need not be in the table)."""
    if level is not None and level not in LEVELS:
        raise ValueError(f"level must be 'vo' or 'mbo', not {level!r}")
    wanted = {s.lower() for s in skills}
    return {subject for skill, subject, lv, _ in _rows() if skill in wanted and (level is None or lv == level)}


def subject_name(code: str) -> str:
    """A readable name for a subject code (vo or mbo)."""
    return VO_SUBJECTS.get(code) or MBO_SUBJECTS.get(code) or code


def title_skill(job_title: str) -> str | None:
    """The skill a job title names: JOB_TITLES, else the first table skill whose words are in the title."""
    if job_title in JOB_TITLES:
        return JOB_TITLES[job_title]
    lowered = job_title.lower()
    return next((s for s in skills() if s.replace("_", " ") in lowered), None)


def is_hidden_match(candidate: "Candidate", subject: str) -> bool:
    """True when the candidate's skills reach `subject` (any level) but the skill their job title names
    does not: the subject comes through a skill the title is silent about."""
    if subject not in subjects_for(candidate.skills, None):
        return False
    own = title_skill(candidate.job_title)
    return subject not in subjects_for([own] if own else [], None)
