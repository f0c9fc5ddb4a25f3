""""Why is this lesson here?": every other slot for one placed lesson copy, and why it is worse or forbidden.

For each other (day, first lesuur) of the lesson's school, and each teacher when the lesson has
candidates, the copy alone is moved there: everything else stays, the hto'ers' released windows are
recomputed as decode does, and a free room of a fitting kind is picked if one exists. The independent
validator then judges the changed timetable: the hard rules the move would break (with the validator's
own words), or, if none, what it does to each soft rule ("+20 student_gaps, −10 compact_release").

    alternatives = why(plan, timetable, "MT1A-NE", copy=0)
    report = why_report(plan, timetable, "MT1A-NE")   # the same, with plain NL and EN summaries

Sorted: allowed and cheaper first (the timetable is then not optimal, and the summary says so),
then allowed and as dear or dearer, then forbidden (fewest broken rules first).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from solver.compile.preferences import PREFERENCE_RULES
from solver.decode import released_windows
from solver.domain import LessonPlacement, Plan, Timetable
from solver.timeline import DAYS, DAYS_NL, day_index, fmt_hhmm
from solver.validate import validate
from solver.validation.context import Context, shift_interval, window_interval
from solver.validation.report import Violation


# Unavailability at two levels (docs/rules.md): the hard blocks forbid a slot, the preferences make it dearer.
HARD_BLOCKS = ("teacher_unavailable", "group_unavailable", "room_unavailable", "sme_unavailable_mark")


class WhyError(ValueError):
    """The lesson or copy asked about is not in the plan or not placed in the timetable."""


@dataclass
class Alternative:
    """One other place for the copy: allowed or not, and what it would cost or break."""

    day: str
    period: int
    teacher: str
    room: str | None
    broken: list[Violation] = field(default_factory=list)  # hard violations the move would add
    cost_delta: dict[str, int] = field(default_factory=dict)  # per rule, only the ones that change
    total_delta: int = 0  # soft cost after the move minus before
    preferences: list[Violation] = field(default_factory=list)  # preference windows/marks the move would use
    summary_en: str = ""
    summary_nl: str = ""

    @property
    def allowed(self) -> bool:
        return not self.broken

    @property
    def cheaper(self) -> bool:
        return self.allowed and self.total_delta < 0

    @property
    def rules(self) -> list[str]:
        """The hard rules the move would break, each once, in the catalogue's order of finding."""
        return list(dict.fromkeys(v.rule for v in self.broken))

    @property
    def hard_blocks(self) -> list[str]:
        """The unavailability rules among the broken ones: the slot is blocked there (level hard)."""
        return [rule for rule in self.rules if rule in HARD_BLOCKS]

    @property
    def verdict(self) -> str:
        """cheaper | equal | costlier | forbidden."""
        if not self.allowed:
            return "forbidden"
        return "cheaper" if self.total_delta < 0 else ("equal" if self.total_delta == 0 else "costlier")

    def to_dict(self) -> dict:
        return {
            "day": self.day, "period": self.period, "teacher": self.teacher, "room": self.room,
            "verdict": self.verdict, "allowed": self.allowed, "rules": self.rules,
            "broken": [v.to_dict() for v in self.broken], "cost_delta": dict(self.cost_delta),
            "total_delta": self.total_delta, "hard_blocks": self.hard_blocks,
            "preferences": [v.to_dict() for v in self.preferences],
            "summary_en": self.summary_en, "summary_nl": self.summary_nl,
        }


@dataclass
class WhyReport:
    """The copy asked about, where it stands, every alternative, and a plain summary in NL and EN."""

    lesson: str
    copy: int
    placement: LessonPlacement
    soft_cost: int
    alternatives: list[Alternative]
    summary_en: str
    summary_nl: str

    @property
    def optimal_here(self) -> bool:
        """No allowed single move of this copy makes the timetable cheaper."""
        return not any(a.cheaper for a in self.alternatives)

    def to_dict(self) -> dict:
        return {
            "lesson": self.lesson, "copy": self.copy, "placement": self.placement.model_dump(mode="json"),
            "soft_cost": self.soft_cost, "optimal_here": self.optimal_here,
            "summary_en": self.summary_en, "summary_nl": self.summary_nl,
            "alternatives": [a.to_dict() for a in self.alternatives],
        }


# --- the moves -------------------------------------------------------------------------------------

def why(plan: Plan, timetable: Timetable, lesson_id: str, copy: int = 0) -> list[Alternative]:
    """Every other slot (and teacher, for a lesson with candidates) for one placed copy, judged by the
    validator; sorted allowed-and-cheaper, allowed-and-dearer, forbidden."""
    return _alternatives(plan, timetable, lesson_id, copy)[1]


def why_report(plan: Plan, timetable: Timetable, lesson_id: str, copy: int = 0) -> WhyReport:
    """`why` with the placement asked about and plain NL and EN summaries."""
    (index, base), alternatives = _alternatives(plan, timetable, lesson_id, copy)
    placement = timetable.placements[index]
    en, nl = _summaries(lesson_id, copy, placement, alternatives)
    return WhyReport(lesson=lesson_id, copy=copy, placement=placement, soft_cost=base.soft_cost,
                     alternatives=alternatives, summary_en=en, summary_nl=nl)


def _alternatives(plan: Plan, timetable: Timetable, lesson_id: str, copy: int):
    lesson = next((item for item in plan.lessons if item.id == lesson_id), None)
    if lesson is None:
        raise WhyError(f"lesson '{lesson_id}' is not in the plan")
    if not 0 <= copy < lesson.count:
        raise WhyError(f"lesson '{lesson_id}' has no copy {copy} (it is given {'once' if lesson.count == 1 else f'{lesson.count} times'} a week)")
    index = next((k for k, p in enumerate(timetable.placements) if p.lesson == lesson_id and p.copy == copy), None)
    if index is None:
        raise WhyError(f"lesson '{lesson_id}' copy {copy} is not placed in the timetable")
    here = timetable.placements[index]
    ctx = Context(plan, timetable)
    school = ctx.lesson_school[lesson_id]
    base = validate(plan, timetable)
    base_hard = Counter((v.rule, v.message_en) for v in base.hard())
    base_used = Counter((v.rule, v.message_en) for v in base.violations if v.rule in PREFERENCE_RULES)
    teachers = list(lesson.candidates) if lesson.candidates else [lesson.teacher or ""]
    days = sorted({day_index(p.day) for p in school.periods})
    out = []
    for d in days:
        periods = ctx.day_periods[(school.id, d)]
        for first in range(1, len(periods) - lesson.duration + 2):
            for teacher in teachers:
                if (DAYS[d], first, teacher) == (here.day, here.period, here.teacher):
                    continue
                start, end = periods[first - 1][0], periods[first + lesson.duration - 2][1]
                moved = here.model_copy(update={
                    "day": DAYS[d], "period": first, "teacher": teacher,
                    "start": fmt_hhmm(start), "end": fmt_hhmm(end),
                    "room": _room(ctx, timetable, index, lesson, school, start, end, d, first),
                })
                changed = _with_placement(plan, timetable, index, moved, ctx)
                report = validate(plan, changed)
                broken = _added(report.hard(), base_hard)
                used = _added([v for v in report.violations if v.rule in PREFERENCE_RULES], base_used)
                delta = {
                    rule: report.breakdown.get(rule, 0) - base.breakdown.get(rule, 0)
                    for rule in dict.fromkeys([*base.breakdown, *report.breakdown])
                }
                alt = Alternative(
                    day=DAYS[d], period=first, teacher=teacher, room=moved.room, broken=broken,
                    cost_delta={rule: v for rule, v in delta.items() if v},
                    total_delta=report.soft_cost - base.soft_cost, preferences=used,
                )
                alt.summary_en, alt.summary_nl = _alternative_text(alt, lesson.duration)
                out.append(alt)
    out.sort(key=lambda a: (
        0 if a.cheaper else (1 if a.allowed else 2),
        a.total_delta if a.allowed else len(a.rules),
        len(a.broken), day_index(a.day), a.period, a.teacher,
    ))
    return (index, base), out


def _added(violations: list[Violation], before: Counter) -> list[Violation]:
    """The violations that were not there before the move (by rule and message, counted)."""
    added = Counter((v.rule, v.message_en) for v in violations) - before
    out = []
    for v in violations:
        if added[(v.rule, v.message_en)] > 0:
            added[(v.rule, v.message_en)] -= 1
            out.append(v)
    return out


def _room(ctx: Context, timetable: Timetable, index: int, lesson, school, start: int, end: int, day: int,
          first: int) -> str | None:
    """The current room if it is free then, else a free room that fits, else the current room (which
    the validator will then report)."""
    current = timetable.placements[index].room
    if lesson.room_kind is None and lesson.rooms is None:
        return None
    size = ctx.lesson_size(lesson)
    allowed = set(lesson.rooms) if lesson.rooms is not None else None
    for constraint in ctx.plan.constraints:
        if constraint.type == "preferred_rooms" and constraint.weight is None and lesson.id in constraint.lessons:
            allowed = set(constraint.rooms) if allowed is None else allowed & set(constraint.rooms)
    fitting = [
        room for room in school.rooms
        if (allowed is None or room.id in allowed)
        and (lesson.room_kind is None or room.kind == lesson.room_kind) and room.capacity >= size
    ]
    occupied = ctx.day_periods[(school.id, day)][first - 1:first - 1 + lesson.duration]
    busy = defaultdict(list)
    for slot in ctx.timed:
        if slot.index != index and slot.room is not None and slot.school.id == school.id:
            busy[slot.room].append((slot.start, slot.end))

    def free(room) -> bool:
        if any(s < end and start < e for s, e in busy.get(room.id, [])):
            return False
        blocked = [window_interval(w) for w in room.unavailable]
        return not any(a < pe and ps < b for a, b in blocked for ps, pe, _ in occupied)

    fits_free = [room.id for room in fitting if free(room)]
    if current in fits_free:
        return current
    if fits_free:
        return fits_free[0]
    return current if current is not None else (fitting[0].id if fitting else None)


def _with_placement(plan: Plan, timetable: Timetable, index: int, moved: LessonPlacement, ctx: Context) -> Timetable:
    """The timetable with one placement replaced and the hto'ers' released windows recomputed. The numbers
    the timetable reports about its placements (teaching and released minutes) are left out: they were the
    original's, and the validator checks only those given."""
    placements = list(timetable.placements)
    placements[index] = moved
    old = timetable.placements[index]
    lesson = ctx.lessons[moved.lesson]
    touched = {t for t in (old.teacher, moved.teacher, *lesson.co_teachers) if t}
    htos = [h for h in plan.htos if h.teacher in touched]
    timetable = timetable.model_copy(update={"hto_teaching": [], "released": []})
    if not htos:
        return timetable.model_copy(update={"placements": placements})
    busy = _busy(plan, ctx, placements, {h.teacher for h in htos})
    staff = {h.staff: h for h in htos}
    rosters = []
    for entry in timetable.rosters:
        hto = staff.get(entry.staff)
        shift = ctx.shifts.get((entry.employer, entry.shift))
        if hto is None or hto.employer != entry.employer or shift is None:
            rosters.append(entry)
            continue
        start, end = shift_interval(shift, entry.day)
        rosters.append(entry.model_copy(update={"released": released_windows(start, end, busy.get(hto.teacher, []))}))
    return timetable.model_copy(update={"placements": placements, "rosters": rosters})


def _busy(plan: Plan, ctx: Context, placements, teachers: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Per hto'er's teacher id: each of their lessons with travel on both sides, on the week line."""
    co = {lesson.id: lesson.co_teachers for lesson in plan.lessons}
    hto = {h.teacher: h for h in plan.htos if h.teacher in teachers}
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in placements:
        lesson = ctx.lessons.get(p.lesson)
        if lesson is None:
            continue
        for teacher in dict.fromkeys([p.teacher, *co.get(p.lesson, [])]):
            if teacher not in hto:
                continue
            periods = ctx.day_periods.get((p.school, day_index(p.day)), [])
            last = p.period + lesson.duration - 1
            if not 1 <= p.period or last > len(periods):
                continue
            travel = hto[teacher].travel_minutes.get(p.school, 0)
            out[teacher].append((periods[p.period - 1][0] - travel, periods[last - 1][1] + travel))
    return out


# --- words -------------------------------------------------------------------------------------------

def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"\u2212{-value}"


def _where_en(alt: Alternative, duration: int) -> str:
    numbers = f"{alt.period}" if duration == 1 else f"{alt.period}-{alt.period + duration - 1}"
    who = f", teacher {alt.teacher}" if alt.teacher else ""
    room = f", room {alt.room}" if alt.room else ""
    return f"{alt.day} lesuur {numbers}{who}{room}"


def _where_nl(alt: Alternative, duration: int) -> str:
    nl_day = DAYS_NL[day_index(alt.day)]
    numbers = f"{alt.period}e uur" if duration == 1 else f"{alt.period}e-{alt.period + duration - 1}e uur"
    who = f", docent {alt.teacher}" if alt.teacher else ""
    room = f", lokaal {alt.room}" if alt.room else ""
    return f"{nl_day} {numbers}{who}{room}"


def _costs(alt: Alternative) -> str:
    return ", ".join(f"{_signed(v)} {rule}" for rule, v in alt.cost_delta.items()) or "no change"


def _alternative_text(alt: Alternative, duration: int) -> tuple[str, str]:
    where_en, where_nl = _where_en(alt, duration), _where_nl(alt, duration)
    if not alt.allowed:
        rules = ", ".join(alt.rules)
        first = next((v for v in alt.broken if v.rule in HARD_BLOCKS), alt.broken[0])
        block_en = " (a hard block)" if alt.hard_blocks else ""
        block_nl = " (een harde blokkade)" if alt.hard_blocks else ""
        return (f"{where_en}: forbidden, breaks {rules}{block_en}. {first.message_en}",
                f"{where_nl}: niet toegestaan, breekt {rules}{block_nl}. {first.message_nl}")
    costs = _costs(alt)
    costs_nl = costs.replace("no change", "geen verschil")
    # a preference window or mark the move would use: say it is one, and whose and why (the validator's words)
    pref_en = "".join(f". A preference, not a block: {v.message_en}" for v in alt.preferences)
    pref_nl = "".join(f". Een voorkeur, geen blokkade: {v.message_nl}" for v in alt.preferences)
    if alt.total_delta < 0:
        return (f"{where_en}: allowed and {-alt.total_delta} cheaper ({costs}){pref_en}",
                f"{where_nl}: toegestaan en {-alt.total_delta} goedkoper ({costs_nl}){pref_nl}")
    if alt.total_delta == 0:
        return (f"{where_en}: allowed, just as good ({costs}){pref_en}",
                f"{where_nl}: toegestaan, even goed ({costs_nl}){pref_nl}")
    return (f"{where_en}: allowed but {alt.total_delta} dearer ({costs}){pref_en}",
            f"{where_nl}: toegestaan maar {alt.total_delta} duurder ({costs_nl}){pref_nl}")


def _summaries(lesson_id: str, copy: int, here: LessonPlacement, alternatives: list[Alternative]) -> tuple[str, str]:
    name = f"{lesson_id} (copy {copy})" if copy else lesson_id
    name_nl = f"{lesson_id} (herhaling {copy})" if copy else lesson_id
    last = here.period + here.duration - 1
    numbers = f"{here.period}" if last == here.period else f"{here.period}-{last}"
    numbers_nl = f"{here.period}e" if last == here.period else f"{here.period}e-{last}e"
    who = f" with {here.teacher}" if here.teacher else ""
    who_nl = f" bij {here.teacher}" if here.teacher else ""
    room = f" in room {here.room}" if here.room else ""
    room_nl = f" in lokaal {here.room}" if here.room else ""
    cheaper = [a for a in alternatives if a.cheaper]
    allowed = [a for a in alternatives if a.allowed]
    forbidden = [a for a in alternatives if not a.allowed]
    reasons = Counter(rule for a in forbidden for rule in a.rules)
    top = ", ".join(f"{rule} ({n})" for rule, n in reasons.most_common(4))
    others_en = "Of 1 other place" if len(alternatives) == 1 else f"Of {len(alternatives)} other places"
    others_nl = "Van 1 andere plek" if len(alternatives) == 1 else f"Van {len(alternatives)} andere plekken"
    en = [f"Lesson {name} is on {here.day} lesuur {numbers}{who}{room}.",
          f"{others_en}, {len(allowed)} {'is' if len(allowed) == 1 else 'are'} allowed and {len(forbidden)} "
          f"{'is' if len(forbidden) == 1 else 'are'} forbidden."]
    nl = [f"Les {name_nl} staat op {DAYS_NL[day_index(here.day)]} {numbers_nl} uur{who_nl}{room_nl}.",
          f"{others_nl} {'is' if len(allowed) == 1 else 'zijn'} er {len(allowed)} toegestaan en {len(forbidden)} niet."]
    if forbidden:
        en.append(f"Most often in the way: {top}.")
        nl.append(f"Meestal in de weg: {top}.")
    if cheaper:
        best = cheaper[0]
        en.append(f"This timetable is not optimal: moving the lesson to {_where_en(best, here.duration)} alone "
                  f"would make it {-best.total_delta} cheaper ({_costs(best)}).")
        nl.append(f"Dit rooster is niet optimaal: alleen deze les naar {_where_nl(best, here.duration)} verplaatsen "
                  f"maakt het {-best.total_delta} goedkoper ({_costs(best).replace('no change', 'geen verschil')}).")
    elif allowed:
        best = min(allowed, key=lambda a: a.total_delta)
        if best.total_delta == 0:
            en.append(f"Some places are just as good (e.g. {_where_en(best, here.duration)}); none is cheaper.")
            nl.append(f"Sommige plekken zijn even goed (bijv. {_where_nl(best, here.duration)}); geen is goedkoper.")
        else:
            en.append(f"Every allowed place is dearer; the least dear is {_where_en(best, here.duration)} "
                      f"(+{best.total_delta}: {_costs(best)}).")
            nl.append(f"Elke toegestane plek is duurder; het minst duur is {_where_nl(best, here.duration)} "
                      f"(+{best.total_delta}: {_costs(best)}).")
    else:
        en.append("No other place is allowed: this is the only slot where the lesson can be without breaking a rule.")
        nl.append("Geen andere plek is toegestaan: alleen hier kan de les staan zonder een regel te breken.")
    return " ".join(en), " ".join(nl)

