"""The rule catalogue: one name per rule, shared by the model, the validator, explanations and docs.

`kind` is "hard" (must hold), "soft" (costs `weight` per unit in the objective) or "tier"
(a hard rule that the policy may soften into a large tier penalty: placing every lesson,
zero output loss). The extra constraints of `Plan.constraints` are listed as "hard": each becomes
soft, at `weight` per `unit`, when the plan gives it a weight.

A rule's one-liner is a template: the numbers the Policy sets (the Atw limits, the 6 klokuren of
an unqualified hto'er) are placeholders that `rule_text(name, policy, language)` fills from the
policy in force. `Rule.en` and `Rule.nl` are the texts under the default policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.domain.policy import Policy

_DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    template_en: str  # {placeholders}: the numbers of the policy (see _numbers)
    template_nl: str
    unit: str = ""

    def text(self, policy: Policy | None = None, language: str = "en") -> str:
        """The one-liner with the policy's numbers (the default policy when None), "nl" or "en"."""
        language = "nl" if language == "nl" else "en"
        template = self.template_nl if language == "nl" else self.template_en
        return template.format(**_numbers(policy if policy is not None else _DEFAULT_POLICY, language))

    @property
    def en(self) -> str:
        """The English one-liner under the default policy."""
        return self.text(None, "en")

    @property
    def nl(self) -> str:
        """The Dutch one-liner under the default policy."""
        return self.text(None, "nl")


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        # --- school ---------------------------------------------------------------------
        Rule("lesson_placed", "tier", "Every copy of every required lesson is placed in the timetable.",
             "Elke verplichte les wordt ingeroosterd.", "unplaced lesson"),
        Rule("vacancy_open", "tier",
             "An optional lesson (a vacancy) is placed where it can be; each lesson-minute left open counts.",
             "Een optionele les (een vacature) wordt ingeroosterd waar het kan; elke lesminuut die open blijft telt.",
             "open lesson-minute"),
        Rule("teacher_no_clash", "hard", "A teacher teaches at most one lesson at a time.",
             "Een docent geeft hooguit één les tegelijk."),
        Rule("group_no_clash", "hard", "A student set has at most one lesson at a time.",
             "Een leerlingengroep heeft hooguit één les tegelijk."),
        Rule("room_no_clash", "hard", "A room holds at most one lesson at a time.",
             "Een lokaal wordt door hooguit één les tegelijk gebruikt."),
        Rule("room_fits", "hard", "The room is of the kind the lesson needs, big enough, and allowed.",
             "Het lokaal is van de juiste soort, groot genoeg en toegestaan."),
        Rule("teacher_unavailable", "hard", "No lesson when the teacher is unavailable.",
             "Geen les wanneer de docent niet beschikbaar is."),
        Rule("group_unavailable", "hard", "No lesson when the group is unavailable.",
             "Geen les wanneer de groep niet beschikbaar is."),
        Rule("room_unavailable", "hard", "No lesson in a room when the room is unavailable.",
             "Geen les in een lokaal dat niet beschikbaar is."),
        Rule("lesson_locked", "hard", "A locked slot, room or teacher stays as it was fixed.",
             "Een vastgezet lesuur, lokaal of docent blijft zoals vastgezet."),
        Rule("min_days_apart", "hard", "Copies of a lesson are at least the given days apart.",
             "Herhalingen van een les liggen minstens het opgegeven aantal dagen uit elkaar."),
        Rule("block_consecutive", "hard",
             "A blokuur takes consecutive periods of one day and does not span a marked break.",
             "Een blokuur beslaat opeenvolgende lesuren op één dag, niet over een gemarkeerde pauze."),
        Rule("teacher_max_periods_per_day", "hard", "A teacher teaches at most the given periods a day.",
             "Een docent geeft hooguit het opgegeven aantal lesuren per dag."),
        Rule("teacher_max_days_per_week", "hard", "A teacher teaches on at most the given days a week.",
             "Een docent lesgeeft op hooguit het opgegeven aantal dagen per week."),
        Rule("teacher_qualified", "hard",
             "The teacher is the lesson's fixed teacher, or one of its candidates who may teach the subject.",
             "De docent is de vaste docent of een kandidaat die het vak mag geven."),
        Rule("teacher_gaps", "soft", "Free periods between a teacher's lessons on a day.",
             "Tussenuren van docenten.", "gap period"),
        Rule("student_gaps", "soft", "Free periods between a student set's lessons on a day (tussenuren).",
             "Tussenuren van leerlingen.", "gap period"),
        Rule("lesson_move", "soft", "A lesson copy placed in another slot than in the current timetable.",
             "Een les staat op een ander lesuur dan in het huidige rooster.", "moved lesson"),
        Rule("teacher_change", "soft", "A lesson copy given another teacher than in the current timetable.",
             "Een les krijgt een andere docent dan in het huidige rooster.", "changed teacher"),
        Rule("teacher_unavailable_preference", "soft",
             "A lesson in a time the teacher would rather not teach (a preference, not a block).",
             "Een les op een tijd waarop de docent liever niet lesgeeft (een voorkeur, geen blokkade).",
             "lesuur times the window's weight"),
        Rule("group_unavailable_preference", "soft",
             "A lesson in a time the group would rather not have lessons (a preference, not a block).",
             "Een les op een tijd waarop de groep liever geen les heeft (een voorkeur, geen blokkade).",
             "lesuur times the window's weight"),
        # --- hto'er and employer -------------------------------------------------------------
        Rule("hto_no_lesson_during_work", "hard",
             "An hto'er is never at a lesson (travel included on both sides) while working at the company.",
             "Een hto'er geeft geen les (reistijd meegerekend) terwijl hij of zij op het bedrijf werkt."),
        Rule("sme_unavailable_mark", "hard",
             "An hto'er does not leave the company in a window the SME planner marked.",
             "Een hto'er verlaat het bedrijf niet in een door de planner gemarkeerd tijdvak."),
        Rule("staffing_demand", "tier",
             "Every staffing window has the staff with the skill it needs, at every minute (no output loss).",
             "Elk bezettingsvenster heeft op elke minuut genoeg mensen met de vaardigheid (geen productieverlies).",
             "person-minute short"),
        Rule("staff_one_shift_at_a_time", "hard", "A staff member works at most one shift at a time.",
             "Een medewerker werkt hooguit één dienst tegelijk."),
        Rule("reroster_keeps_contract", "hard",
             "A re-rostered colleague keeps their contract hours; others keep their roster.",
             "Een verroosterde collega houdt zijn contracturen; anderen houden hun rooster."),
        Rule("roster_change", "soft", "A shift added to or taken from someone's current roster.",
             "Een dienst toegevoegd aan of weggehaald uit iemands huidige rooster.", "changed shift"),
        Rule("release_agreement", "hard",
             "An hto'er teaches only on the agreed days and at most the agreed minutes a week.",
             "Een hto'er geeft alleen les op de afgesproken dagen en hooguit de afgesproken minuten per week."),
        Rule("unqualified_teaching_limit", "hard",
             "An unqualified hto'er teaches at most {unqualified} a week.",
             "Een onbevoegde hto'er geeft hooguit {unqualified} per week les."),
        Rule("compact_release", "soft",
             "Each day and each half-day on which an hto'er teaches (prefer whole days over scattered hours).",
             "Elke dag en elk dagdeel waarop een hto'er lesgeeft (liever hele dagen dan losse uren).",
             "day or half-day"),
        Rule("sme_unavailable_preference", "soft",
             "An hto'er away for a lesson in a window the SME planner would rather keep them (a preference, "
             "not a block).",
             "Een hto'er is weg voor een les in een tijdvak waarin de planner hem of haar liever houdt (een "
             "voorkeur, geen blokkade).",
             "lesson away times the mark's weight"),
        Rule("release_min_teaching", "hard", "An hto'er teaches at least the agreed minimum minutes a week.",
             "Een hto'er geeft minstens het afgesproken minimum aan minuten per week les."),
        Rule("release_target_teaching", "soft", "Each minute a week an hto'er teaches below the agreed target.",
             "Elke minuut per week die een hto'er onder het afgesproken doel lesgeeft.", "minute short"),
        Rule("teacher_preference", "soft", "A lesson copy given a candidate whom the school does not prefer.",
             "Een les krijgt een kandidaat die niet de voorkeur van de school heeft.", "non-preferred copy"),
        # --- Arbeidstijdenwet on the merged week -----------------------------------------
        Rule("atw_max_shift_duration", "hard",
             "A dienst (all work between two rests of {dienst_rest} or more) lasts at most {max_shift}.",
             "Een dienst (al het werk tussen twee rusttijden van minstens {dienst_rest}) duurt hooguit {max_shift}."),
        Rule("atw_night_shift_duration", "hard",
             "A night dienst (more than {night_min} of work between {night_start} and {night_end}) lasts at most "
             "{max_night}.",
             "Een nachtdienst (meer dan {night_min} werk tussen {night_start} en {night_end}) duurt hooguit "
             "{max_night}."),
        Rule("atw_max_week", "hard", "At most {max_week} of work in the week.",
             "Hooguit {max_week} werk per week."),
        Rule("atw_daily_rest", "hard", "{daily_rest} of rest after a dienst{short_rest}.",
             "Na een dienst {daily_rest} rust{short_rest}."),
        Rule("atw_rest_after_night", "hard",
             "{night_rest} of rest after a night shift ending after {late}; "
             "{series_rest} after a series of {series}+ nights.",
             "{night_rest} rust na een nachtdienst die na {late} eindigt; "
             "{series_rest} na een reeks van {series} of meer nachten."),
        Rule("atw_weekly_rest", "hard", "{weekly_rest} of uninterrupted rest in the week.",
             "{weekly_rest} onafgebroken rust per week."),
        Rule("atw_breaks", "hard",
             "A dienst with more than {break_after} of work has at least {break_total} of break, one with more "
             "than {long_break_after} at least {long_break_total}; only pauses of at least {break_block} inside "
             "the dienst count.",
             "Een dienst met meer dan {break_after} werk heeft minstens {break_total} pauze, een met meer dan "
             "{long_break_after} minstens {long_break_total}; alleen pauzes van minstens {break_block} binnen "
             "de dienst tellen."),
        # --- Arbeidstijdenwet over several weeks: only with a person's history (Staff.history) ----------
        Rule("atw_average_4_weeks", "hard",
             "On average at most {average_4} of work a week over the planned week and the 3 before it.",
             "Gemiddeld hooguit {average_4} werk per week over de geplande week en de 3 weken ervoor."),
        Rule("atw_average_16_weeks", "hard",
             "On average at most {average_16} of work a week over the planned week and the 15 before it.",
             "Gemiddeld hooguit {average_16} werk per week over de geplande week en de 15 weken ervoor."),
        Rule("atw_nights_16_weeks", "hard",
             "At most {nights_16} in the planned week and the 15 before it.",
             "Hooguit {nights_16} in de geplande week en de 15 weken ervoor."),
        # --- extra constraints (Plan.constraints, the breadth of FET); hard, or soft with a weight ----
        Rule("min_days_between", "hard", "The listed lessons lie at least the given number of days apart.",
             "De genoemde lessen liggen minstens het opgegeven aantal dagen uit elkaar.", "pair too close"),
        Rule("preferred_starts", "hard", "Each copy of the listed lessons starts at one of the listed times.",
             "Elke les van de lijst begint op een van de opgegeven tijden.", "copy elsewhere"),
        Rule("preferred_slots", "hard", "Each copy of the listed lessons lies within the listed lesuren.",
             "Elke les van de lijst ligt binnen de opgegeven lesuren.", "copy elsewhere"),
        Rule("same_starting_time", "hard", "The listed lessons start at the same time.",
             "De genoemde lessen beginnen tegelijk.", "pair apart"),
        Rule("same_starting_day", "hard", "The listed lessons are on the same day.",
             "De genoemde lessen staan op dezelfde dag.", "pair apart"),
        Rule("not_overlapping", "hard", "The listed lessons do not overlap in time.",
             "De genoemde lessen overlappen elkaar niet.", "extra lesson in a lesuur"),
        Rule("consecutive", "hard", "The second lesson comes directly after the first, on the same day.",
             "De tweede les komt direct na de eerste, op dezelfde dag.", "pair not consecutive"),
        Rule("grouped", "hard", "The two or three lessons form one block on one day, in any order.",
             "De twee of drie lessen vormen één blok op één dag, in willekeurige volgorde.", "group split"),
        Rule("min_gaps_between", "hard",
             "Lessons of the list on one day have at least the given free lesuren between them.",
             "Lessen van de lijst op één dag hebben minstens het opgegeven aantal lesuren ertussen.",
             "pair too close"),
        Rule("ends_students_day", "hard", "The lesson is the last of the day for its students.",
             "De les is de laatste van de dag voor zijn leerlingen.", "copy not last"),
        Rule("occupy_max_slots", "hard", "The listed lessons use at most the given number of the listed lesuren.",
             "De genoemde lessen gebruiken hooguit het opgegeven aantal van de genoemde lesuren.", "lesuur too many"),
        Rule("preferred_rooms", "hard", "Each copy of the listed lessons is in one of the listed rooms.",
             "Elke les van de lijst staat in een van de opgegeven lokalen.", "copy elsewhere"),
        Rule("max_gaps_per_week", "hard", "A teacher or student set has at most the given free lesuren a week.",
             "Een docent of leerlingengroep heeft hooguit het opgegeven aantal tussenuren per week.", "gap too many"),
        Rule("max_gaps_per_day", "hard", "A teacher or student set has at most the given free lesuren a day.",
             "Een docent of leerlingengroep heeft hooguit het opgegeven aantal tussenuren per dag.", "gap too many"),
        Rule("max_periods_per_day", "hard", "A teacher or student set has at most the given lesuren a day.",
             "Een docent of leerlingengroep heeft hooguit het opgegeven aantal lesuren per dag.", "lesuur too many"),
        Rule("min_periods_per_day", "hard", "A teacher or student set has at least the given lesuren a day.",
             "Een docent of leerlingengroep heeft minstens het opgegeven aantal lesuren per dag.", "lesuur short"),
        Rule("max_periods_continuously", "hard", "A teacher or student set has at most the given lesuren in a row.",
             "Een docent of leerlingengroep heeft hooguit het opgegeven aantal lesuren achter elkaar.",
             "lesuur too many in a row"),
        Rule("tag_max_periods_per_day", "hard",
             "A teacher or student set has at most the given lesuren of lessons with a tag a day.",
             "Een docent of leerlingengroep heeft hooguit het opgegeven aantal lesuren met een label per dag.",
             "lesuur too many"),
        Rule("min_days_per_week", "hard", "A teacher or student set has lessons on at least the given days.",
             "Een docent of leerlingengroep heeft les op minstens het opgegeven aantal dagen.", "day short"),
        Rule("interval_max_days_per_week", "hard",
             "A teacher or student set has lessons in the given lesuren on at most the given days.",
             "Een docent of leerlingengroep heeft les in de opgegeven lesuren op hooguit het opgegeven aantal dagen.",
             "day too many"),
        Rule("early_max_beginnings_at_second_period", "hard",
             "Students begin at lesuur 1, on at most the given days at lesuur 2, never later.",
             "Leerlingen beginnen het 1e uur, op hooguit het opgegeven aantal dagen het 2e uur, nooit later.",
             "late day"),
        Rule("same_teacher", "hard", "Every copy of the listed lessons has the same teacher.",
             "Elke les van de lijst heeft dezelfde docent.", "teacher beyond the first"),
        Rule("workload_per_week", "hard",
             "A teacher or student set has a workload within the given bounds in the week.",
             "Een docent of leerlingengroep heeft een werklast binnen de opgegeven grenzen per week.",
             "workload outside the bounds"),
        Rule("spread_events", "hard",
             "Each listed time group holds a number of starts of the listed lessons within its bounds.",
             "Elke genoemde tijdgroep heeft een aantal begintijden van de genoemde lessen binnen de grenzen.",
             "start outside the bounds"),
    ]
}

SOFT_RULES = [name for name, rule in RULES.items() if rule.kind == "soft"]


def rule_text(name: str, policy: Policy | None, language: str = "en") -> str:
    """The one-liner of rule `name` in "nl" or "en", with the numbers of `policy` (None: the default)."""
    return RULES[name].text(policy, language)


def hours_number(minutes: int, language: str = "en") -> str | None:
    """Whole or half hours as a number ('6', '6.5' / '6,5'); None for any other number of minutes."""
    if minutes % 30:
        return None
    if minutes % 60 == 0:
        return f"{minutes // 60}"
    return f"{minutes // 60}{',' if language == 'nl' else '.'}5"


def hours_text(minutes: int, language: str = "en", *, short: bool = False) -> str:
    """A duration as the rules say it: '12 hours' / '12 uur', '10.5 hours' / '10,5 uur', else
    '490 minutes' / '490 minuten'; `short`: '8 h' in English."""
    nl = language == "nl"
    hours = hours_number(minutes, language)
    if hours is None:
        return f"{minutes} minuten" if nl else f"{minutes} minutes"
    if nl:
        return f"{hours} uur"
    if short:
        return f"{hours} h"
    return f"{hours} hour" if minutes == 60 else f"{hours} hours"


def _klokuren(minutes: int, language: str) -> str:
    """'6 klokuren (360 minutes)'; a limit that is no whole or half klokuur in minutes only."""
    in_minutes = f"{minutes} minuten" if language == "nl" else f"{minutes} minutes"
    hours = hours_number(minutes, language)
    if hours is None:
        return in_minutes
    return f"{hours} {'klokuur' if minutes == 60 else 'klokuren'} ({in_minutes})"


def _short_rest(policy: Policy, language: str) -> str:
    """'; once a week 8 hours' (atw_daily_rest), or nothing when no rest may be shorter."""
    times = policy.daily_rest_short_per_week
    if times == 0:
        return ""
    return f"; {times_a_week(times, language)} {hours_text(policy.daily_rest_short_minutes, language)}"


def night_shifts_text(count: int, late: str, language: str = "en") -> str:
    """'36 night shifts ending after 02:00' / '36 nachtdiensten die na 02:00 eindigen'; one: 'night shift',
    'nachtdienst die ... eindigt'."""
    if language == "nl":
        if count == 1:
            return f"1 nachtdienst die na {late} eindigt"
        return f"{count} nachtdiensten die na {late} eindigen"
    return f"{count} night shift{'' if count == 1 else 's'} ending after {late}"


def times_a_week(times: int, language: str = "en") -> str:
    """'once a week' / 'eens per week', 'twice a week' / '2 keer per week', ..."""
    if language == "nl":
        return "eens per week" if times == 1 else f"{times} keer per week"
    return {1: "once a week", 2: "twice a week"}.get(times, f"{times} times a week")


def _numbers(policy: Policy, language: str) -> dict[str, str | int]:
    """The placeholders of the rule templates, filled from one policy in one language."""
    return {
        "unqualified": _klokuren(policy.unqualified_max_teaching_minutes, language),
        "dienst_rest": hours_text(policy.dienst_separating_rest_minutes, language, short=True),
        "max_shift": hours_text(policy.max_shift_minutes, language),
        "max_week": hours_text(policy.max_week_minutes, language),
        "daily_rest": hours_text(policy.daily_rest_minutes, language),
        "short_rest": _short_rest(policy, language),
        "night_rest": hours_text(policy.night_rest_minutes, language),
        "late": policy.night_rest_after_end,
        "series_rest": hours_text(policy.night_series_rest_minutes, language),
        "series": policy.night_series_length,
        "weekly_rest": hours_text(policy.weekly_rest_minutes, language),
        "max_night": hours_text(policy.max_night_dienst_minutes, language),
        "night_min": hours_text(policy.night_min_work_in_window_minutes, language, short=True),
        "night_start": policy.night_window_start,
        "night_end": policy.night_window_end,
        "break_after": hours_text(policy.break_after_minutes, language),
        "break_total": _minutes(policy.break_minutes, language),
        "long_break_after": hours_text(policy.long_break_after_minutes, language),
        "long_break_total": _minutes(policy.long_break_minutes, language),
        "break_block": _minutes(policy.break_min_block_minutes, language),
        "average_4": hours_text(policy.max_average_4_weeks_minutes, language),
        "average_16": hours_text(policy.max_average_16_weeks_minutes, language),
        "nights_16": night_shifts_text(policy.max_night_shifts_16_weeks, policy.night_rest_after_end, language),
    }


def _minutes(minutes: int, language: str) -> str:
    """'30 minutes' / '30 minuten', '1 minute' / '1 minuut'."""
    if language == "nl":
        return f"{minutes} {'minuut' if minutes == 1 else 'minuten'}"
    return f"{minutes} {'minute' if minutes == 1 else 'minutes'}"
