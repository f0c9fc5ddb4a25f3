"""Every sheet and column of the workbook, in one place: the Dutch header, the plan field it holds (English
alias), its kind (how a cell is read and written) and the text the Uitleg sheet shows."""

from __future__ import annotations

from dataclasses import dataclass, field

DAY_NAMES = {"mon": "ma", "tue": "di", "wed": "wo", "thu": "do", "fri": "vr", "sat": "za", "sun": "zo"}
# Accepted spellings of a day: the plan's own (mon), Dutch short (ma) and long (maandag), English long.
DAY_ALIASES = {
    **{k: k for k in DAY_NAMES}, **{v: k for k, v in DAY_NAMES.items()},
    "maandag": "mon", "dinsdag": "tue", "woensdag": "wed", "donderdag": "thu", "vrijdag": "fri",
    "zaterdag": "sat", "zondag": "sun", "monday": "mon", "tuesday": "tue", "wednesday": "wed",
    "thursday": "thu", "friday": "fri", "saturday": "sat", "sunday": "sun",
}
YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
NO = {"nee", "n", "no", "false", "onwaar", "0"}
NONE_TEXT = "geen"  # a cell that says the field is empty (null), where an empty cell means "the default"

# Kinds: str, int, float, bool, time (hh:mm), day, days (list of days), list (of text), ints (list of
# whole numbers), pauses ("10:00-10:15, 12:00-12:30"), date, json (any value, as JSON text).


@dataclass(frozen=True)
class Column:
    header: str  # Dutch header
    field: str  # the plan field (English alias); dotted for a nested field (release.allowed_days)
    kind: str
    text: str  # explanation for the Uitleg sheet
    ref: str | None = None  # the sheet whose ids this column refers to


@dataclass(frozen=True)
class Sheet:
    name: str
    text: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    key_value: bool = False  # Beleid, Gewichten, Plan: one row per setting (naam, waarde)


C = Column
SCHOOL = C("school", "school", "str", "Id van de school (leeg bij één school).", "Scholen")
EMPLOYER = C("werkgever", "employer", "str", "Id van de werkgever.", "Werkgevers")
UNAVAILABLE = C("onbeschikbaar", "unavailable", "json",
                "Onbeschikbare vensters als JSON, bv. [{\"day\": \"tue\", \"start\": \"12:30\", \"end\": \"16:30\"}].")

SHEETS: tuple[Sheet, ...] = (
    Sheet("Plan", "Algemene gegevens van het plan: één instelling per rij.", (
        C("naam", "name", "str", "Naam van het plan."),
        C("bron", "source", "json", "Het bestand waaruit het plan is geïmporteerd (JSON), of leeg."),
    ), key_value=True),
    Sheet("Scholen", "De scholen (meestal één).", (
        C("id", "id", "str", "Unieke id van de school."),
        C("naam", "name", "str", "Naam van de school."),
        C("cyclus_start", "cycle_starts", "date", "Maandag van week 1 van de roostercyclus (jjjj-mm-dd), of leeg."),
    )),
    Sheet("Lesuren", "De lesuren van elke dag (periods).", (
        SCHOOL,
        C("dag", "day", "day", "Dag: ma, di, wo, do, vr (of mon..fri)."),
        C("start", "start", "time", "Begintijd, uu:mm."),
        C("eind", "end", "time", "Eindtijd, uu:mm."),
        C("naam", "name", "str", "Naam van het lesuur, bv. 1e uur."),
        C("pauze_ervoor", "break_before", "bool", "ja: er zit een pauze vóór dit lesuur."),
    )),
    Sheet("Deelgroepen", "Leerlingsets (student sets) waaruit klassen bestaan.", (
        SCHOOL,
        C("id", "id", "str", "Unieke id van de deelgroep."),
        C("leerlingen", "size", "int", "Aantal leerlingen."),
    )),
    Sheet("Klassen", "Klassen (groups) en hun deelgroepen.", (
        SCHOOL,
        C("id", "id", "str", "Unieke id van de klas."),
        C("naam", "name", "str", "Naam van de klas."),
        C("deelgroepen", "student_sets", "list", "Ids van deelgroepen, gescheiden door komma's.", "Deelgroepen"),
        C("leerlingen", "size", "int", "Aantal leerlingen; leeg: som van de deelgroepen."),
        UNAVAILABLE,
    )),
    Sheet("Lokalen", "Lokalen (rooms).", (
        SCHOOL,
        C("id", "id", "str", "Unieke id van het lokaal."),
        C("naam", "name", "str", "Naam van het lokaal."),
        C("soort", "kind", "str", "Soort lokaal, bv. classroom, werkplaats."),
        C("capaciteit", "capacity", "int", "Aantal plaatsen."),
        UNAVAILABLE,
    )),
    Sheet("Docenten", "Docenten (teachers).", (
        C("id", "id", "str", "Unieke id van de docent."),
        C("naam", "name", "str", "Naam."),
        C("vakken", "subjects", "list", "Vakken die de docent mag geven, gescheiden door komma's."),
        UNAVAILABLE,
        C("max_uren_per_dag", "max_periods_per_day", "int", "Hoogstens zoveel lesuren per dag, of leeg."),
        C("max_dagen_per_week", "max_days_per_week", "int", "Hoogstens zoveel dagen per week, of leeg."),
    )),
    Sheet("Lessen", "Lessen (lessons): wie, wat, hoe vaak en hoe lang.", (
        C("id", "id", "str", "Unieke id van de les."),
        SCHOOL,
        C("vak", "subject", "str", "Vak."),
        C("klassen", "groups", "list", "Ids van klassen, gescheiden door komma's.", "Klassen"),
        C("duur", "duration", "int", "Lesuren achter elkaar, per keer."),
        C("aantal", "count", "int", "Hoe vaak per week (cyclus)."),
        C("lokaalsoort", "room_kind", "str", "Soort lokaal dat nodig is; 'geen': geen lokaal nodig."),
        C("lokalen", "rooms", "list", "Alleen deze lokalen (ids), of leeg: elk lokaal van de soort.", "Lokalen"),
        C("leerlingen", "size", "int", "Aantal leerlingen; leeg: som van de klassen."),
        C("docent", "teacher", "str", "Id van de docent, of leeg.", "Docenten"),
        C("kandidaten", "candidates", "list", "Docenten waaruit de solver kiest.", "Docenten"),
        C("co_docenten", "co_teachers", "list", "Extra docenten die er ook bij zijn.", "Docenten"),
        C("zonder_docent", "teacherless", "bool", "ja: de les heeft geen docent."),
        C("labels", "tags", "list", "Labels (activity tags) voor voorwaarden."),
        C("min_dagen_tussen", "min_days_apart", "int", "Minstens zoveel dagen tussen de keren."),
        C("vast", "lock", "json", "Wat vastligt, als JSON: {\"slot\": false, \"room\": false, \"teacher\": false}."),
        C("huidig", "current", "json", "Huidige plaatsingen als JSON."),
        C("extra_lokalen", "extra_rooms", "json", "Lokalen die de les er tegelijk bij houdt, als JSON: "
          "[{\"rooms\": [\"GYM2\"]}] of [{\"room_kind\": \"veld\"}]; leeg: geen."),
        C("optioneel", "optional", "bool", "ja: de les mag vervallen."),
        C("voorkeursdocenten", "preferred_teachers", "list", "Docenten met voorkeur.", "Docenten"),
    )),
    Sheet("Werkgevers", "Werkgevers (employers) van de hto'ers.", (
        C("id", "id", "str", "Unieke id van de werkgever."),
        C("naam", "name", "str", "Naam."),
        C("locatie", "site", "str", "Vestiging."),
        C("cyclus", "cycle", "json", "De roostercyclus als JSON."),
    )),
    Sheet("Diensten", "Diensten (shifts) per werkgever, met hun pauzes.", (
        EMPLOYER,
        C("id", "id", "str", "Id van de dienst (uniek per werkgever)."),
        C("naam", "name", "str", "Naam."),
        C("start", "start", "time", "Begintijd, uu:mm."),
        C("eind", "end", "time", "Eindtijd, uu:mm."),
        C("over_middernacht", "crosses_midnight", "bool", "ja: de dienst eindigt de volgende dag."),
        C("dagen", "days", "days", "Dagen waarop de dienst draait, bv. ma, di, wo."),
        C("weken", "weeks", "ints", "Weken van de cyclus (leeg: elke week)."),
        C("pauzes", "pauses", "pauses", "Pauzes, bv. 10:00-10:15, 12:00-12:30."),
    )),
    Sheet("Bezetting", "Bezetting (demand): minimaal aantal mensen per venster en vaardigheid.", (
        EMPLOYER,
        C("naam", "name", "str", "Naam van het venster."),
        C("vaardigheid", "skill", "str", "Vaardigheid die nodig is."),
        C("dagen", "day", "days", "Dag(en): een venster voor meerdere dagen staat één keer, bv. ma, di, wo."),
        C("start", "start", "time", "Begintijd, uu:mm."),
        C("eind", "end", "time", "Eindtijd, uu:mm."),
        C("over_middernacht", "crosses_midnight", "bool", "ja: het venster eindigt de volgende dag."),
        C("minimaal", "min_staff", "int", "Minimaal aantal mensen."),
        C("weken", "weeks", "ints", "Weken van de cyclus (leeg: elke week)."),
    )),
    Sheet("Personeel", "Personeel (staff) per werkgever.", (
        EMPLOYER,
        C("id", "id", "str", "Id van de medewerker."),
        C("naam", "name", "str", "Naam."),
        C("vaardigheden", "skills", "list", "Vaardigheden, gescheiden door komma's."),
        C("contracturen", "contract_hours", "float", "Contracturen per week."),
        C("mag_herroosteren", "may_reroster", "bool", "ja: het rooster van deze medewerker mag wijzigen."),
        C("cyclus", "cycle", "json", "Eigen roostercyclus als JSON, of leeg."),
        C("historie", "history", "json", "Gewerkte uren van vorige weken als JSON, of leeg."),
    )),
    Sheet("Rooster", "Het huidige rooster: welke dienst op welke dag, in welke week van de cyclus.", (
        EMPLOYER,
        C("medewerker", "staff", "str", "Id van de medewerker.", "Personeel"),
        C("dienst", "shift", "str", "Id van de dienst.", "Diensten"),
        C("dag", "day", "day", "Dag."),
        C("week", "week", "int", "Week van de cyclus (1 als het rooster niet rouleert)."),
    )),
    Sheet("Hto", "De hto'ers: docent die ook bij een werkgever werkt, met vrijstelling en reistijd.", (
        C("id", "id", "str", "Unieke id van de hto'er."),
        C("naam", "name", "str", "Naam."),
        C("docent", "teacher", "str", "Id in Docenten.", "Docenten"),
        C("werkgever", "employer", "str", "Id in Werkgevers.", "Werkgevers"),
        C("medewerker", "staff", "str", "Id in Personeel.", "Personeel"),
        C("vakken", "subjects", "list", "Vakken."),
        C("bevoegdheid", "qualification", "str", "qualified, in_training of unqualified."),
        C("max_lesminuten_per_week", "release.max_teaching_minutes_per_week", "int", "Hoogstens, of leeg."),
        C("lesdagen", "release.allowed_days", "days", "Dagen waarop de hto'er mag lesgeven."),
        C("min_lesminuten", "release.min_teaching_minutes", "int", "Minstens, of leeg."),
        C("doel_lesminuten", "release.target_teaching_minutes", "int", "Streefwaarde, of leeg."),
        C("reistijd", "travel_minutes", "json", "Reistijd in minuten als JSON, bv. {\"roc\": 20}."),
    )),
    Sheet("Blokkades", "Onbeschikbaarheid van personeel (unavailable marks).", (
        C("medewerker", "staff", "str", "Id van de medewerker.", "Personeel"),
        C("dag", "day", "day", "Dag."),
        C("start", "start", "time", "Begintijd, uu:mm."),
        C("eind", "end", "time", "Eindtijd, uu:mm."),
        C("reden", "reason", "str", "Reden."),
        C("niveau", "level", "str", "hard of preference."),
        C("gewicht", "weight", "int", "Gewicht bij preference, of leeg."),
    )),
    Sheet("Voorwaarden", "Extra voorwaarden (constraints), één per rij als JSON.", (
        C("voorwaarde", "constraint", "json", "De voorwaarde als JSON, zoals in het plan."),
    )),
    Sheet("Beleid", "Beleidsgetallen (policy): naam, waarde, standaard. Lege waarde: de standaard.", (),
          key_value=True),
    Sheet("Gewichten", "Gewichten (weights) van de zachte regels: naam, waarde, standaard.", (), key_value=True),
)
SHEET = {s.name: s for s in SHEETS}
KEY_VALUE_HEADERS = ("naam", "waarde", "standaard", "uitleg")


def norm(text: object) -> str:
    """A header as compared: lower case, no spaces or dots around, spaces and dashes as underscores."""
    return str(text).strip().lower().replace(" ", "_").replace("-", "_")


def header_index(sheet: Sheet) -> dict[str, Column]:
    """Dutch header and English alias (the field name, last part too) -> column."""
    index: dict[str, Column] = {}
    for col in sheet.columns:
        for name in (col.header, col.field, col.field.rsplit(".", 1)[-1]):
            index.setdefault(norm(name), col)
    return index

# Columns a row cannot do without (the plan has no default for them).
REQUIRED: dict[str, tuple[str, ...]] = {
    "Scholen": ("id",), "Lesuren": ("day", "start", "end"), "Deelgroepen": ("id",), "Klassen": ("id",),
    "Lokalen": ("id",), "Docenten": ("id",), "Lessen": ("id", "subject"), "Werkgevers": ("id",),
    "Diensten": ("employer", "id", "start", "end"),
    "Bezetting": ("employer", "skill", "day", "start", "end", "min_staff"),
    "Personeel": ("employer", "id"), "Rooster": ("employer", "staff", "shift", "day"),
    "Hto": ("id", "teacher", "employer", "staff"), "Blokkades": ("staff", "day", "start", "end"),
    "Voorwaarden": ("constraint",),
}
REQUIRED_SHEETS = ("Scholen", "Lesuren", "Klassen", "Lokalen", "Docenten", "Lessen")
# What an id of a sheet is called in a message ("unknown group '4B'").
NOUN = {"Scholen": "school", "Deelgroepen": "student set", "Klassen": "group", "Lokalen": "room",
        "Docenten": "teacher", "Werkgevers": "employer", "Personeel": "staff member", "Diensten": "shift"}
# Sheets whose ids are unique per employer rather than in the whole plan.
PER_EMPLOYER = ("Diensten", "Personeel")


def demand_order(rows_days: list[list[str]]) -> list[tuple[int, str]]:
    """The order of the windows of Bezetting rows, as (row, day): with a row of several days, day by day
    (ma first) and in row order within a day; else simply in row order."""
    pairs = [(i, day) for i, days in enumerate(rows_days) for day in days]
    if all(len(days) <= 1 for days in rows_days):
        return pairs
    order = list(DAY_NAMES)
    return sorted(pairs, key=lambda p: (order.index(p[1]), p[0]))
