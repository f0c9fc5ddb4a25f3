"""The Untis GPU field positions used here, in one place (1-based, as in ../shared/domain-nl.md §3f and
the Untis "Export Schnittstellen" spec). A line may have more fields than listed; fewer than MIN_FIELDS
is an error."""

from __future__ import annotations

GPU001 = "GPU001.TXT"  # Stundenplan: one line per lesson-period (per class)
GPU002 = "GPU002.TXT"  # Unterricht: lessons; one Unt-Nr on several lines = a coupling
GPU003 = "GPU003.TXT"  # Klassen
GPU004 = "GPU004.TXT"  # Lehrer
GPU005 = "GPU005.TXT"  # Räume
GPU016 = "GPU016.TXT"  # Zeitwünsche
TIME = "time.txt"      # the time grid (Untis does not export it): day, period no., start HHMM, end HHMM

# GPU001: Unterr.-Nr, Klasse, Lehrer, Fach, Raum, Tag (1=Mo), Stunde, Stundenlänge (hh:mm, minute mode only)
S_NR, S_CLASS, S_TEACHER, S_SUBJECT, S_ROOM, S_DAY, S_PERIOD, S_LENGTH = 1, 2, 3, 4, 5, 6, 7, 8
# GPU002: Unt-Nr, Wochenstunden, ..., Klasse, Lehrer, Fach, Fachraum, ..., Doppelstd. min/max, Blockgröße
U_NR, U_HOURS, U_CLASS, U_TEACHER, U_SUBJECT, U_ROOM = 1, 2, 5, 6, 7, 8
U_DOUBLE_MIN, U_DOUBLE_MAX, U_BLOCK = 28, 29, 30
U_WEEKS = 12  # Gruppe: the week type (A/B, ABC, ABCD multi-week models)
U_FROM, U_TO = 15, 16  # Datum von, Datum bis (YYYYMMDD)
# GPU003 and GPU004: Name (Kürzel), Langname; GPU004 fields 8-11 min/max Std./Tag, min/max Hohlstd. (a week)
NAME, LONG_NAME = 1, 2
T_MIN_PER_DAY, T_MAX_PER_DAY, T_MIN_GAPS, T_MAX_GAPS = 8, 9, 10, 11
# GPU005: Name, Langname, Ausweichraum, Kapazität
R_CAPACITY = 4
# GPU016: Art des Elements, Kurzname, Tag, Stunde, Zeitwunsch (-3 … +3)
W_KIND, W_NAME, W_DAY, W_PERIOD, W_VALUE = 1, 2, 3, 4, 5
KIND_TEACHER, KIND_CLASS, KIND_ROOM = "L", "K", "R"  # Lehrer, Klasse, Raum

MIN_FIELDS = {GPU001: 7, GPU002: 8, GPU003: 1, GPU004: 1, GPU005: 1, GPU016: 5, TIME: 4}
# The fields written: enough for the reader (GPU002 up to Blockgröße, GPU004 up to max Hohlstd.).
WRITE_FIELDS = {GPU001: 8, GPU002: 30, GPU003: 2, GPU004: 11, GPU005: 4, GPU016: 5, TIME: 4}

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Untis day 1 … 7
# Untis time requests: -3 a hard block; -2 and -1 a preference with this weight (solver/domain/base.py).
PREFERENCE_WEIGHT = {-2: 10, -1: 3}
REQUEST_OF_WEIGHT = {10: -2, 3: -1}
