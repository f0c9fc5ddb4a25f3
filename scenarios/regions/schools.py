"""Generated schools of a region: a one-school plan (scenarios/generator.py) and its vacancies.

The plan is generated whole and feasible; then the lessons of 1-3 technical subjects are taken out of it
into vacancies (optional, no teacher, no candidates), so they fit the school's grid, rooms and groups.
Teachers left without lessons are dropped. A vacancy's lessons carry its subject code as their subject:
the mbo code (SUBJECT_CODE) at an mbo school, a vo code (VO_SUBJECT_OF) at a vo school, so a matched
hto'er's subjects (skills.subjects_for) name them directly.
"""

from __future__ import annotations

import random

from scenarios.common import PERIOD_MINUTES, SUBJECT_CODE
from scenarios.generator import GENERAL, generate_plan_dict
from scenarios.regions.presets import VO_SUBJECT_OF, Preset

LESSON_PERIODS = (80, 200)          # a school solves alone in seconds
BUDGET_SHARE = 0.5                  # share of schools with a weekly budget
# A budget per vacancy hour between the ex-VAT and the VAT-included secondment rate (93.39 and 113 EUR,
# domain-nl.md §4 [S104]): it binds with VAT and not without, so the VAT lever shows where budgets bind.
BUDGET_EUR_PER_VACANCY_HOUR = (95.0, 110.0)

MBO_NAMES = ("Techniek College {town}", "ROC {town}, Techniek", "Vakschool Techniek {town}")
VO_NAMES = ("Vmbo Techniek {town}", "Technisch Lyceum {town}", "Scholengemeenschap {town}, vmbo techniek")


def make_school(rng: random.Random, preset: Preset, school_id: str, level: str, town: str, postcode: str,
                taken_names: set[str]) -> dict:
    """A RegionSchool as data."""
    lesson_periods = rng.randint(*LESSON_PERIODS)
    plan = generate_plan_dict(rng.randrange(2**31), lesson_periods=lesson_periods, n_htos=0, n_employers=0,
                              name=school_id)
    name = _name(rng, MBO_NAMES if level == "mbo" else VO_NAMES, town, taken_names)
    plan["schools"][0].update(id=school_id, name=name)

    technical = sorted({x["subject"] for x in plan["lessons"] if x["subject"] not in GENERAL})
    weights = [3 if s in preset.vacancy_subjects else 1 for s in technical]
    chosen: list[str] = []
    for _ in range(rng.randint(1, 3)):
        pick = rng.choices(technical, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    vo_of = {**VO_SUBJECT_OF, **preset.vo_subject_of}
    by_code: dict[str, list[dict]] = {}
    kept = []
    for item in plan["lessons"]:
        if item["subject"] not in chosen:
            kept.append(item)
            continue
        code = vo_of[item["subject"]] if level == "vo" else SUBJECT_CODE[item["subject"]]
        item = {k: v for k, v in item.items() if k not in ("teacher", "candidates", "preferred_teachers")}
        item.update(subject=code, optional=True)
        by_code.setdefault(code, []).append(item)
    plan["lessons"] = kept
    teaching = {x.get("teacher") for x in kept} | {c for x in kept for c in x.get("candidates", [])}
    plan["teachers"] = [t for t in plan["teachers"] if t["id"] in teaching]

    vacancies = []
    for k, (code, lessons) in enumerate(by_code.items(), start=1):
        minutes = sum(x["count"] * x["duration"] * PERIOD_MINUTES for x in lessons)
        vacancies.append({"id": f"{school_id}-vac-{k}", "subject": code, "lessons": lessons,
                          "minutes_per_week": minutes})
    school = {"id": school_id, "name": name, "level": level, "postcode": postcode, "plan": plan,
              "vacancies": vacancies}
    if rng.random() < BUDGET_SHARE:
        hours = sum(v["minutes_per_week"] for v in vacancies) / 60
        school["budget_eur_per_week"] = round(hours * rng.uniform(*BUDGET_EUR_PER_VACANCY_HOUR), 2)
    return school


def _name(rng: random.Random, templates: tuple[str, ...], town: str, taken: set[str]) -> str:
    for template in rng.sample(templates, len(templates)):
        name = template.format(town=town)
        if name not in taken:
            taken.add(name)
            return name
    n = 2
    while f"{templates[0].format(town=town)} ({n})" in taken:
        n += 1
    name = f"{templates[0].format(town=town)} ({n})"
    taken.add(name)
    return name
