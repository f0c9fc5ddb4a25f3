"""The rule catalogue: one name per rule, shared by the model, the validator, explanations and docs.

`kind` is "hard" (must hold), "soft" (costs `weight` per unit in the objective) or "tier"
(a hard rule that the policy may soften into a large tier penalty: placing every lesson,
zero output loss). The extra constraints of `Plan.constraints` are listed as "hard": each becomes
soft, at `weight` per `unit`, when the plan gives it a weight.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    en: str
    nl: str
    unit: str = ""


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        # --- school ---------------------------------------------------------------------
        Rule("lesson_placed", "tier", "Every copy of every lesson is placed in the timetable.",
             "Elke les wordt ingeroosterd.", "unplaced lesson"),
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
             "An unqualified hto'er teaches at most 6 klokuren (360 minutes) a week.",
             "Een onbevoegde hto'er geeft hooguit 6 klokuren (360 minuten) per week les."),
        Rule("compact_release", "soft",
             "Each day and each half-day on which an hto'er teaches (prefer whole days over scattered hours).",
             "Elke dag en elk dagdeel waarop een hto'er lesgeeft (liever hele dagen dan losse uren).",
             "day or half-day"),
        # --- Arbeidstijdenwet on the merged week -----------------------------------------
        Rule("atw_max_shift_duration", "hard",
             "A dienst (all work between two rests of 8 h or more) lasts at most 12 hours.",
             "Een dienst (al het werk tussen twee rusttijden van minstens 8 uur) duurt hooguit 12 uur."),
        Rule("atw_max_week", "hard", "At most 60 hours of work in the week.",
             "Hooguit 60 uur werk per week."),
        Rule("atw_daily_rest", "hard", "11 hours of rest after a dienst; once a week 8 hours.",
             "Na een dienst 11 uur rust; eens per week 8 uur."),
        Rule("atw_rest_after_night", "hard",
             "14 hours of rest after a night shift ending after 02:00; 46 hours after a series of 3+ nights.",
             "14 uur rust na een nachtdienst die na 02:00 eindigt; 46 uur na een reeks van 3 of meer nachten."),
        Rule("atw_weekly_rest", "hard", "36 hours of uninterrupted rest in the week.",
             "36 uur onafgebroken rust per week."),
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
    ]
}

SOFT_RULES = [name for name, rule in RULES.items() if rule.kind == "soft"]


def describe(name: str, language: str = "en") -> str:
    rule = RULES[name]
    return rule.nl if language == "nl" else rule.en
