"""The words explanations are made of: names of lessons, teachers and staff, days, times and rosters.

Shared by the sentences of solver/explain/text.py; each function gives Dutch or English (`lang`).
"""

from __future__ import annotations

from collections.abc import Callable

from solver.domain import Lesson, Plan
from solver.timeline import DAYS_EN, DAYS_NL, DAYS_PER_WEEK, MINUTES_PER_DAY, day_index, parse_hhmm

Text = tuple[dict, str, str]  # one item of an explanation: (entities, Dutch sentence, English sentence)

# --- names -------------------------------------------------------------------------------------------

def name_of(item) -> str:
    return getattr(item, "name", None) or item.id


def teacher_name(plan: Plan, teacher_id: str) -> str:
    teacher = next((t for t in plan.teachers if t.id == teacher_id), None)
    return name_of(teacher) if teacher else teacher_id


def find_lesson(plan: Plan, lesson_id: str) -> Lesson | None:
    return next((lesson for lesson in plan.lessons if lesson.id == lesson_id), None)


def group_names(plan: Plan, lesson: Lesson) -> list[str]:
    school = plan.lesson_school(lesson)
    names = {g.id: name_of(g) for g in school.groups}
    return [names.get(g, g) for g in lesson.groups]


def lesson_teachers(lesson: Lesson) -> list[str]:
    return ([lesson.teacher] if lesson.teacher else list(lesson.candidates)) + list(lesson.co_teachers)


def lesson_label(plan: Plan, lesson_id: str, *, long: bool = False, lang: str = "nl") -> str:
    """'Techniek 2A' or, long, 'Techniek 2A (3 lesuren, Jan de Vries)'."""
    lesson = find_lesson(plan, lesson_id)
    if lesson is None:
        return lesson_id
    label = " ".join([lesson.subject, *group_names(plan, lesson)])
    if not long:
        return label
    periods = lesson.count * lesson.duration
    if lesson.count > 1 and lesson.duration > 1:
        amount = f"{lesson.count}× {lesson.duration} lesuren" if lang == "nl" else \
            f"{lesson.count}× {lesson.duration} periods"
    else:
        amount = count_of(periods, "period", lang)
    who = join_or([teacher_name(plan, t) for t in lesson_teachers(lesson)], lang)
    return f"{label} ({amount}{', ' + who if who else ''})"


def counted(n, one: str, many: str) -> str:
    """'1 lesuur', '2 lesuren', '6,5 klokuren': the noun agrees with the number (a float as with :g)."""
    number = n if isinstance(n, str) else f"{n:g}"
    return f"{number} {one if number == '1' else many}"


_NOUNS = {  # noun: (Dutch one, Dutch many, English one, English many)
    "period": ("lesuur", "lesuren", "period", "periods"),
    "day": ("dag", "dagen", "day", "days"),
    "minute": ("minuut", "minuten", "minute", "minutes"),
    "hour": ("klokuur", "klokuren", "hour", "hours"),
    "lesson": ("les", "lessen", "lesson", "lessons"),
    "copy": ("les", "lessen", "copy", "copies"),
    "student": ("leerling", "leerlingen", "student", "students"),
    "seat": ("plaats", "plaatsen", "seat", "seats"),
    "contract_hour": ("contractuur", "contracturen", "contract hour", "contract hours"),
    "rule": ("regel", "regels", "rule", "rules"),
    "conflict": ("conflict", "conflicten", "conflict", "conflicts"),
    "place": ("plek", "plekken", "place", "places"),
}


def count_of(n, noun: str, lang: str) -> str:
    """A number with its noun in Dutch or English: count_of(1, 'day', 'nl') == '1 dag'."""
    nl_one, nl_many, en_one, en_many = _NOUNS[noun]
    if lang == "nl":
        return counted(n if isinstance(n, str) else f"{n:g}".replace(".", ","), nl_one, nl_many)
    return counted(n, en_one, en_many)


def join_or(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    word = " of " if lang == "nl" else " or "
    return ", ".join(names[:-1]) + word + names[-1]


def join_and(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    word = " en " if lang == "nl" else " and "
    return ", ".join(names[:-1]) + word + names[-1]


def find_staff(plan: Plan, staff_id: str):
    for employer in plan.employers:
        for person in employer.staff:
            if person.id == staff_id:
                return employer, person
    return None, None


def person_name(plan: Plan, staff_id: str) -> str:
    """An hto'er by their teacher name, else the staff member's name."""
    hto = next((h for h in plan.htos if h.staff == staff_id), None)
    if hto is not None:
        return hto.name or teacher_name(plan, hto.teacher)
    _, person = find_staff(plan, staff_id)
    return name_of(person) if person else staff_id


def find_hto(plan: Plan, hto_id: str):
    return next((h for h in plan.htos if h.id == hto_id), None)


def possessive_nl(name: str) -> str:
    """'Jan de Vries' werkgever', 'Piets werkgever'."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


# --- days and times ------------------------------------------------------------------------------------

def days_text(days: list[int], lang: str) -> str:
    """[0, 1, 2, 3] -> 'ma–do' / 'Mon–Thu'; gaps as commas."""
    short = DAYS_NL if lang == "nl" else DAYS_EN
    days = sorted(set(days))
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = [short[r[0]] if len(r) == 1 else f"{short[r[0]]}, {short[r[1]]}" if len(r) == 2
             else f"{short[r[0]]}–{short[r[-1]]}" for r in runs]
    return ", ".join(parts)


def window_text(day: str, start: str, end: str, lang: str) -> str:
    short = DAYS_NL if lang == "nl" else DAYS_EN
    return f"{short[day_index(day)]} {start}–{end}"


def windows_text(items, lang) -> str:
    return ", ".join(window_text(w.day, w.start, w.end, lang) for w in items)


def roster_text(plan: Plan, staff_id: str, lang: str, only_day: int | None = None) -> str:
    """'vroege dienst 06:00–14:00 ma–do; nacht 22:00–06:00 vr' from the current roster."""
    employer, person = find_staff(plan, staff_id)
    if person is None:
        return ""
    shifts = {s.id: s for s in employer.shifts}
    by_shift: dict[str, list[int]] = {}
    for item in person.roster:
        if only_day is None or day_index(item.day) == only_day:
            by_shift.setdefault(item.shift, []).append(day_index(item.day))
    parts = []
    for shift_id, days in by_shift.items():
        shift = shifts[shift_id]
        parts.append(f"{name_of(shift)} {shift.start}–{shift.end} {days_text(days, lang)}")
    if not parts:
        return "geen diensten" if lang == "nl" else "no shifts"
    return "; ".join(parts)


def week_span(day: int, start: str, end: str, crosses: bool) -> tuple[int, int]:
    a, b = day * MINUTES_PER_DAY + parse_hhmm(start), day * MINUTES_PER_DAY + parse_hhmm(end)
    return a, b + (MINUTES_PER_DAY if crosses else 0)


def when_text(minute: int, lang: str) -> str:
    day, rest = divmod(minute, MINUTES_PER_DAY)
    names = DAYS_NL if lang == "nl" else DAYS_EN
    label = names[day % DAYS_PER_WEEK]  # staff times: a calendar week (past sun is the next mon)
    return f"{label} {rest // 60:02d}:{rest % 60:02d}"


def minutes_text(minutes: int, lang: str) -> str:
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return f"{hours} uur" if lang == "nl" else f"{hours} h"
    return count_of(minutes, "minute", lang)


# --- what the lessons of an explanation ask for ------------------------------------------------------

def min_teaching_minutes(plan: Plan, lesson: Lesson) -> int:
    """The fewest teaching minutes all copies of a lesson can take (shortest periods of the school)."""
    lengths = sorted(parse_hhmm(p.end) - parse_hhmm(p.start) for p in plan.lesson_school(lesson).periods)
    return lesson.count * sum(lengths[:lesson.duration])


def lessons_in(plan: Plan, keys: list[tuple], test: Callable[[Lesson], bool]) -> list[Lesson]:
    out = []
    for key in keys:
        if key[0] == "lesson_placed":
            lesson = find_lesson(plan, key[1])
            if lesson is not None and test(lesson):
                out.append(lesson)
    return out
