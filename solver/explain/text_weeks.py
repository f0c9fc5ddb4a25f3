"""The week of the cycle in an explanation (issue 21): a guard key of a rule that holds per horizon week may
end with that week, 1-based, e.g. ("staffing_demand", employer, demand, 2) or ("atw_daily_rest", staff, 2)
(docs/rules.md, "Cycles and the horizon"). The sentence is made for the plan as it is in that week (each
person's roster of that week) and begins with the week: "In week 2 of the horizon (week 2 of
metaal-hengelo's rotation): ...". A key without the week reads as before.
"""

from __future__ import annotations

from solver.domain import Plan
from solver.explain.words import Text, find_hto, find_staff
from solver.validation.horizon import HorizonInfo

# rules that may hold per horizon week -> the length of their guard key without the week
KEY_LENGTH = {"staffing_demand": 3, "reroster_keeps_contract": 2, "staff_one_shift_at_a_time": 2,
              "release_agreement": 2, "release_min_teaching": 2, "unqualified_teaching_limit": 2,
              "sme_unavailable_mark": 2, "atw_average_4_weeks": 2, "atw_average_16_weeks": 2,
              "atw_nights_16_weeks": 2}


def split_week(plan: Plan, key: tuple) -> tuple[tuple, int | None]:
    """(the key without its week, the horizon week) when the key ends with a week of the plan's horizon;
    else (key, None)."""
    length = 2 if key[0].startswith("atw_") else KEY_LENGTH.get(key[0])
    if length is None or len(key) != length + 1 or not isinstance(key[-1], int) or isinstance(key[-1], bool):
        return key, None
    if not 1 <= key[-1] <= HorizonInfo(plan).weeks:
        return key, None
    return tuple(key[:-1]), key[-1]


def plan_in_week(plan: Plan, week: int) -> Plan:
    """The plan with each staff member's roster cut to the items of horizon week `week` (their cycle's week
    then), so the sentences name the shifts of that week."""
    info = HorizonInfo(plan)
    employers = [e.model_copy(update={"staff": [p.model_copy(update={"roster": info.current_roster(e.id, p, week)})
                                                for p in e.staff]}) for e in plan.employers]
    return plan.model_copy(update={"employers": employers})


def _whose(plan: Plan, key: tuple) -> tuple[str | None, object]:
    """The employer id and staff member whose rotation the key is about (None, None: the school's weeks)."""
    rule = key[0]
    if rule == "staffing_demand":
        return key[1], None
    if rule in ("release_agreement", "release_min_teaching", "unqualified_teaching_limit"):
        hto = find_hto(plan, key[1])
        key = (rule, hto.staff) if hto else key
    elif rule == "sme_unavailable_mark" and isinstance(key[1], int) and key[1] < len(plan.unavailable_marks):
        key = (rule, plan.unavailable_marks[key[1]].staff)
    employer, person = find_staff(plan, key[1]) if isinstance(key[1], str) else (None, None)
    return (employer.id, person) if employer else (None, None)


def week_sentence(plan: Plan, key: tuple, week: int, text: Text) -> Text:
    """The sentence of `key` (without its week) begun with the week it holds in, and the week in its entities."""
    entities, nl, en = text
    employer, person = _whose(plan, key)
    info = HorizonInfo(plan)
    words = {lang: info.phrase(week, lang, employer, person) for lang in ("nl", "en")}
    if not words["nl"]:
        return entities, nl, en
    return ({**entities, "week": week}, f"{words['nl'][0].upper()}{words['nl'][1:]}: {nl}",
            f"{words['en'][0].upper()}{words['en'][1:]}: {en}")
