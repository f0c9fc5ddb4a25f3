"""Plain Dutch and English for the Atw rules over several weeks (Staff.history) in an explanation:
the rule with the policy's numbers, what the weeks before leave for the planned week, and the roster."""

from __future__ import annotations

from solver.domain import Plan
from solver.explain.words import find_staff, minutes_text, person_name, roster_text
from solver.rules import night_shifts_text

_WEEKS = {"atw_average_4_weeks": 4, "atw_average_16_weeks": 16}


def _average(plan: Plan, rule: str, history, name: str, lang: str) -> str:
    weeks = _WEEKS[rule]
    policy = plan.policy
    per_week = policy.max_average_4_weeks_minutes if weeks == 4 else policy.max_average_16_weeks_minutes
    before = history.last_weeks(weeks - 1)
    left = max(weeks * per_week - before, 0)
    if lang == "nl":
        return (f"gemiddeld hooguit {minutes_text(per_week, 'nl')} werk per week over {weeks} weken; in de "
                f"{weeks - 1} weken ervoor werkte {name} {minutes_text(before, 'nl')}, dus deze week hooguit "
                f"{minutes_text(left, 'nl')}, diensten, lessen en reistijd samen")
    return (f"on average at most {minutes_text(per_week, 'en')} of work a week over {weeks} weeks; "
            f"{name} worked {minutes_text(before, 'en')} in the {weeks - 1} weeks before, so at most "
            f"{minutes_text(left, 'en')} this week, shifts, lessons and travel together")


def _nights(plan: Plan, history, name: str, lang: str) -> str:
    policy = plan.policy
    limit, before = policy.max_night_shifts_16_weeks, history.previous_night_shifts
    left = max(limit - before, 0)
    late = policy.night_rest_after_end
    if lang == "nl":
        return (f"hooguit {night_shifts_text(limit, late, 'nl')} in 16 weken; in de 15 weken ervoor werkte "
                f"{name} er {before}, dus deze week hooguit {left}")
    return (f"at most {night_shifts_text(limit, late, 'en')} in 16 weeks; {name} worked {before} in the 15 weeks "
            f"before, so at most {left} this week")


def history_text(plan: Plan, key: tuple, keys: list[tuple]) -> tuple[dict, str, str]:
    """(entities, nl, en) for the guard key (rule, staff id) of a history rule."""
    rule, staff_id = key[0], key[1]
    _, person = find_staff(plan, staff_id)
    history = person.history
    name = person_name(plan, staff_id)
    texts = {lang: _nights(plan, history, name, lang) if rule == "atw_nights_16_weeks"
             else _average(plan, rule, history, name, lang) for lang in ("nl", "en")}
    nl = f"Arbeidstijdenwet voor {name}: {texts['nl']}; {name} werkt {roster_text(plan, staff_id, 'nl')}."
    en = f"Working Hours Act for {name}: {texts['en']}; {name} works {roster_text(plan, staff_id, 'en')}."
    return {"staff": staff_id, **history.model_dump(mode="json")}, nl, en


HISTORY_TEXT = {"atw_average_4_weeks": history_text, "atw_average_16_weeks": history_text,
                "atw_nights_16_weeks": history_text}
