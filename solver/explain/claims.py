"""What an explanation has proven, and nothing more: the sentences below the conflict (issue 20).

Each `Claim` is one sentence (Dutch and English) with its `kind`, the guard keys it is about and
`proven`: True only when a solve proved exactly what the sentence says (or it follows from proven
facts by the argument given with its kind below). A sentence that is not proven says so and never
contains "(proven" / "(bewezen".

Kinds, and what a proven one means (tests/solver/test_explain_claims.py solves each again):

- `minimal` (one per conflict): the conflict's rules cannot all hold, even with every other rule
  switched off, and without any one of them the others can (every other rule still off). The
  deletion search of solver/explain/search.py proves exactly this when every test it made ended.
- `all_together`: with every item switched off, and every other rule on, a timetable exists.
- `each_alone`: for each item, switching off only that item (every other rule on) gives a
  timetable: each was solved on its own (`alone_statuses`), or the conflict is that one item and
  `all_together` is the same solve.
- `alone_feasible` / `alone_infeasible`: the same, for some items: switching off only one of these
  gives a timetable / gives none. Infeasible is solved, or follows from a proven fact: another
  conflict, proven to be one with every other rule off, stays whole; or the plan stays infeasible
  with all items off (`more`), so it stays so with fewer off.
- `more`: with every item switched off the plan still has no timetable (more conflicts than shown).
- `separate`: the conflicts found are separate, each needs its own change: switching off only one
  item, whichever, leaves another conflict whole, so no timetable (checked as `alone_infeasible`).
- `no_conflict`: the plan has no timetable (every rule on), but no conflict was found in time.
- `not_minimal`, `unchecked`, `not_holds`: what was not proven (never `proven`).

An item "alone" is not the same as the conflict being minimal: a conflict of the SME marks of one
hto'er on Monday to Friday and his CNC lesson (two blocks, on different days) is minimal (with `min_days_apart` switched off
both lessons fit on Monday once Monday's mark goes), yet switching off only Monday's mark leaves
the plan without a timetable (the lessons must be on different days). Only a solve of the whole plan
without that one item says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from solver.domain import Plan
from solver.explain.search import Search
from solver.explain.text_weeks import split_week
from solver.explain.words import (
    count_of, find_hto, join_and, lesson_label, name_of, person_name, teacher_name, window_text,
)


@dataclass
class Claim:
    kind: str  # see the module doc
    keys: list[tuple]  # the rule instances (guard keys) it is about
    proven: bool
    en: str
    nl: str
    conflict: int = 0  # the conflict it is about (1, 2, ...), 0: the whole explanation

    def to_dict(self) -> dict:
        return {"kind": self.kind, "keys": [list(k) for k in self.keys], "proven": self.proven,
                "conflict": self.conflict, "en": self.en, "nl": self.nl}


@dataclass
class Facts:
    """What the search established, the input of `claims`."""

    conflicts: list[list[tuple]]
    minimal: bool  # every conflict proven a conflict and minimal (search.py's deletion, every test ended)
    holds: bool  # proven: every item off, every other rule on, gives a timetable
    more: bool  # proven: every item off, every other rule on, still gives none
    alone: dict[tuple, str] = field(default_factory=dict)  # item -> feasible | infeasible | unknown (absent: not checked)

    @property
    def keys(self) -> list[tuple]:
        return [k for conflict in self.conflicts for k in conflict]


def alone_statuses(search: Search, keys: list[tuple], facts: Facts) -> dict[tuple, str]:
    """For each item: does switching off only that item (every other rule on) give a timetable?

    Solved for the items of a single conflict when every item together is proven to make room;
    by argument where the answer follows from proven facts (module doc); otherwise not checked."""
    items = facts.keys
    if facts.more or (len(facts.conflicts) > 1 and facts.minimal):
        return {k: "infeasible" for k in items}
    if not facts.holds or len(facts.conflicts) != 1:
        return {}
    if len(items) == 1:
        return {items[0]: "feasible"}  # the very solve that proved `holds`
    out: dict[tuple, str] = {}
    for key in items:
        if search.left() <= 0.05:
            break
        status, _, _ = search.model.test([k for k in keys if k != key], time_limit=search.left(),
                                         workers=search.workers, seed=search.seed)
        search.solves += 1
        out[key] = status
        if status == "unknown":
            break  # the time is up: the rest stay unchecked
    return out


def claims(plan: Plan, facts: Facts, seconds: float) -> list[Claim]:
    """The sentences under an infeasible plan's conflicts (module doc)."""
    return _minimal_claims(plan, facts, seconds) + _relax_claims(plan, facts)


def no_conflict(seconds: float) -> list[Claim]:
    """The plan was proven to have no timetable, but no conflict was found in time."""
    return [Claim("no_conflict", [], True,
                  f"This plan has no timetable (proven), but no small set of conflicting rules was found within "
                  f"the time limit ({seconds:.1f} s); try a longer --time-limit.",
                  "Dit plan heeft geen rooster (bewezen), maar binnen de tijd is geen klein stel botsende regels "
                  "gevonden; probeer een langere --time-limit.")]


def _minimal_claims(plan: Plan, facts: Facts, seconds: float) -> list[Claim]:
    if not facts.minimal:
        return [Claim("not_minimal", facts.keys, False,
                      f"Not proven minimal within the time limit ({seconds:.1f} s): some items may not be needed.",
                      "Niet bewezen minimaal binnen de tijd: misschien is niet alles nodig.")]
    if len(facts.conflicts) == 1:
        return [_minimal_one(plan, facts.conflicts[0], 0)]
    return [_minimal_one(plan, conflict, number) for number, conflict in enumerate(facts.conflicts, start=1)]


def _minimal_one(plan: Plan, conflict: list[tuple], number: int) -> Claim:
    """The conflict's minimality; with several conflicts each says which items it has (`number` > 0)."""
    n = len(conflict)
    of_en = f"conflict {number} ({_labels(plan, conflict, 'en')}): " if number else ""
    of_nl = f"conflict {number} ({_labels(plan, conflict, 'nl')}): " if number else ""
    if n == 1:
        en = f"{of_en}this rule cannot hold, even with every other rule switched off (proven)."
        nl = f"{of_nl}deze regel kan niet gelden, ook niet als alle andere regels uit staan (bewezen)."
    else:
        en = (f"{of_en}these {count_of(n, 'rule', 'en')} cannot all hold, even with every other rule switched off, "
              f"and without any one of them the other {'one can' if n == 2 else f'{n - 1} can'} (proven).")
        nl = (f"{of_nl}deze {count_of(n, 'rule', 'nl')} kunnen niet allemaal gelden, ook niet als alle andere regels "
              f"uit staan, en zonder één ervan {'kan de andere' if n == 2 else f'kunnen de andere {n - 1}'} "
              "wel (bewezen).")
    return Claim("minimal", list(conflict), True, _capital(en), _capital(nl), number)


def _relax_claims(plan: Plan, facts: Facts) -> list[Claim]:
    items, n = facts.keys, len(facts.keys)
    feasible = [k for k in items if facts.alone.get(k) == "feasible"]
    infeasible = [k for k in items if facts.alone.get(k) == "infeasible"]
    unchecked = [k for k in items if facts.alone.get(k) not in ("feasible", "infeasible")]
    if facts.more:
        fewer_en, fewer_nl = ("", "") if n == 1 else ("; relaxing fewer does not either", "; minder dus ook niet")
        return [Claim("more", items, True,
                      f"{_together(n, 'en')} does not make room yet: the plan has more conflicts than shown "
                      f"(proven){fewer_en}.",
                      f"{_together(n, 'nl')} geeft nog geen ruimte: het plan heeft meer conflicten dan hier staan "
                      f"(bewezen){fewer_nl}.")]
    if facts.holds and len(feasible) == n:
        if n == 1:
            return [Claim("each_alone", items, True, "Relaxing this one makes room (proven).",
                          "Versoepel deze en er is ruimte (bewezen).")]
        return [Claim("each_alone", items, True,
                      f"Relaxing any one of these {n} makes room (proven: the plan was solved without each one "
                      "in turn).",
                      f"Versoepel er één van deze {n}, welke ook, en er is ruimte (bewezen: het plan is zonder elk "
                      "ervan apart opgelost).")]
    if facts.holds:
        out = [Claim("all_together", items, True, f"{_together(n, 'en')} makes room (proven).",
                     f"{_together(n, 'nl')} geeft ruimte (bewezen).")]
    else:
        out = [Claim("not_holds", items, False,
                     f"Not proven within the time limit that {_lower(_together(n, 'en'))} makes room.",
                     f"Binnen de tijd niet bewezen dat {_lower(_together(n, 'nl'))} ruimte geeft.")]
    if len(facts.conflicts) > 1:
        k = len(facts.conflicts)
        if len(infeasible) == n:
            out.append(Claim("separate", items, True,
                             f"These are {k} separate conflicts: relaxing only one of the {n} does not make room; "
                             "each conflict needs its own change (proven).",
                             f"Dit zijn {k} losse conflicten: één van de {n} versoepelen geeft geen ruimte; elk "
                             "conflict vraagt een eigen wijziging (bewezen)."))
        else:
            out.append(Claim("separate", items, False,
                             f"These are {k} separate conflicts; each needs its own change.",
                             f"Dit zijn {k} losse conflicten; elk vraagt een eigen wijziging."))
        return out
    if n > 1 and len(infeasible) == n:
        out.append(Claim("alone_infeasible", infeasible, True,
                         "Relaxing only one of them, whichever, does not make room (proven).",
                         "Eén ervan versoepelen, welke ook, geeft geen ruimte (bewezen)."))
        return out
    if feasible:
        out.append(Claim("alone_feasible", feasible, True,
                         f"Relaxing only one makes room for: {_labels(plan, feasible, 'en')} (proven).",
                         f"Alleen die ene versoepelen geeft ruimte bij: {_labels(plan, feasible, 'nl')} (bewezen)."))
    if infeasible:
        out.append(Claim("alone_infeasible", infeasible, True,
                         f"Relaxing only one does not make room for: {_labels(plan, infeasible, 'en')} (proven).",
                         f"Alleen die ene versoepelen geeft geen ruimte bij: {_labels(plan, infeasible, 'nl')} "
                         "(bewezen)."))
    if n > 1 and len(unchecked) == n:
        out.append(Claim("unchecked", unchecked, False,
                         "Not every one alone was checked: relaxing only one of them may not be enough.",
                         "Niet elk ervan is alleen gecontroleerd: één ervan versoepelen is misschien niet genoeg."))
    elif n > 1 and unchecked:
        out.append(Claim("unchecked", unchecked, False,
                         f"Not checked in time whether relaxing only one makes room for: {_labels(plan, unchecked, 'en')}.",
                         f"Niet op tijd gecontroleerd of alleen die ene versoepelen ruimte geeft bij: "
                         f"{_labels(plan, unchecked, 'nl')}."))
    return out


def _together(n: int, lang: str) -> str:
    """'Relaxing it' / 'Relaxing both together' / 'Relaxing all 6 together' (Dutch: 'Deze versoepelen', ...)."""
    if lang == "nl":
        return "Deze versoepelen" if n == 1 else "Beide samen versoepelen" if n == 2 else f"Alle {n} samen versoepelen"
    return "Relaxing it" if n == 1 else "Relaxing both together" if n == 2 else f"Relaxing all {n} together"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _labels(plan: Plan, keys: list[tuple], lang: str) -> str:
    return "; ".join(short_label(plan, k, lang) for k in keys)


_LESSON_RULES = ("lesson_placed", "room_fits", "lesson_locked", "min_days_apart", "block_consecutive")
_TEACHER_RULES = ("teacher_no_clash", "teacher_unavailable", "teacher_max_periods_per_day",
                  "teacher_max_days_per_week")
_STAFF_RULES = ("staff_one_shift_at_a_time", "reroster_keeps_contract")


def short_label(plan: Plan, key: tuple, lang: str) -> str:
    """One rule instance in a few words with its rule name, as the items end: 'Techniek 2A [lesson_placed]'."""
    base, week = split_week(plan, key)  # a key of one horizon week: its week after the words
    try:
        what = _what(plan, base, lang)
    except (LookupError, AttributeError, TypeError):
        what = " ".join(str(x) for x in base[1:])
    if week is not None:
        what += f", week {week}"
    return f"{what} [{key[0]}]" if what else f"[{key[0]}]"


def _what(plan: Plan, key: tuple, lang: str) -> str:
    rule = key[0]
    if rule in _LESSON_RULES:
        return lesson_label(plan, key[1], lang=lang)
    if rule in _TEACHER_RULES:
        return teacher_name(plan, key[1])
    if rule in ("release_agreement", "unqualified_teaching_limit", "release_min_teaching"):
        hto = find_hto(plan, key[1])
        return hto.name or teacher_name(plan, hto.teacher)
    if rule.startswith("atw_") or rule in _STAFF_RULES:
        return person_name(plan, key[1])
    if rule == "sme_unavailable_mark":
        mark = plan.unavailable_marks[key[1]]
        return f"{person_name(plan, mark.staff)}, {window_text(mark.day, mark.start, mark.end, lang)}"
    if rule == "staffing_demand":
        employer = next(e for e in plan.employers if e.id == key[1])
        demand = employer.demand[key[2]]
        return f"{name_of(employer)}, {window_text(demand.day, demand.start, demand.end, lang)}"
    if rule in ("group_no_clash", "group_unavailable"):
        return str(key[1])
    if rule in ("room_no_clash", "room_unavailable"):
        return join_and([str(r) for r in key[2:]], lang)
    if len(key) == 2 and isinstance(key[1], int) and key[1] < len(plan.constraints):
        return f"extra regel {key[1] + 1}" if lang == "nl" else f"extra constraint {key[1] + 1}"
    return " ".join(str(x) for x in key[1:])
