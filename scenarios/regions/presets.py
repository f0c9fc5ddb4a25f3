"""The three bundled regions (docs/regions.md "Presets"): towns, sectors, shift patterns, sizes, willingness.

Sizes are synthetic, of the order of the published programmes: Brainport 164 professionals at >70
companies in 21+ schools over several years [S28][S123]; Blue Careers (Rijnmond) 10 hybrid lecturers [S124];
Overijssels Vakmanschap ~100 hto'ers [S128]. A preset at scale 1 is one slice of such a region: 6-10 schools,
15-30 employers, 30-60 candidates. Release willingness: Brainport "hybride light" 4-8 h a week [S27][S28];
Zuid-Holland 240 h a year ≈ 6 h a week [S26], Blue Careers up to 2 days a week for PDG-trained staff [S124];
Twente the 6-klokuren gastdocent limit of the hto course [S23][S44].
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sector:
    """A kind of employer: its demand skills, extra skills its people often have, shift pattern, names."""

    name: str
    skills: tuple[str, ...]             # demand skills (keys of tables/skills.csv)
    extras: tuple[str, ...]             # further skills staff may have: the source of hidden matches
    pattern: str                        # day | two_shift | day_two_shift | pitman12 | rotating_two_shift
    names: tuple[str, ...]              # company name templates ({town}, {last})


@dataclass(frozen=True)
class Preset:
    id: str
    name: str
    school_towns: tuple[str, ...]
    employer_towns: tuple[str, ...]
    sectors: tuple[tuple[Sector, int], ...]          # (sector, weight)
    n_schools: int
    n_employers: int
    n_candidates: int
    vo_share: float                                   # share of vo schools
    release_minutes: tuple[int, ...]                  # willingness of candidates in state none
    release_minutes_route: tuple[int, ...]            # of candidates on a route or qualified
    qualification_mix: tuple[tuple[str, float], ...]  # (state, share)
    vacancy_subjects: tuple[str, ...]                 # mbo subjects the region's schools lack most
    vo_subject_of: dict[str, str] = field(default_factory=dict)   # overrides of VO_SUBJECT_OF
    days_per_candidate: tuple[int, int] = (2, 3)   # release days agreed (any school days)
    max_teaching_days: int | None = None             # of which at most this many a week in class


HIGH_TECH = Sector("high-tech", ("mechatronica", "cnc", "elektrotechniek"), ("plc", "cad", "robotica"),
                   "day", ("{last} High Tech Systems B.V.", "Precisie-assemblage {town}", "{last} Mechatronics"))
HIGH_TECH_SHIFTS = Sector("high-tech productie", ("cnc", "mechatronica"), ("cad", "plc", "metaalbewerking"),
                          "two_shift", ("{last} Precision Parts B.V.", "Frezerij {town}", "{last} Fijnmechanica"))
SEMICON_SERVICE = Sector("service high-tech", ("onderhoud", "elektrotechniek"), ("plc", "mechatronica", "cad"),
                         "day", ("{last} Field Service B.V.", "Servicecentrum {town}"))
MARITIME = Sector("maritiem", ("maritiem", "onderhoud", "lassen"), ("elektrotechniek", "metaalbewerking", "veiligheid"),
                  "pitman12", ("{last} Scheepsreparatie B.V.", "Werf {town}", "{last} Offshore Services"))
LOGISTICS = Sector("logistiek", ("logistiek", "onderhoud"), ("elektrotechniek", "veiligheid", "plc"),
                   "rotating_two_shift", ("{last} Terminals B.V.", "Distributiecentrum {town}", "{last} Logistics"))
PROCESS = Sector("proces", ("procestechniek", "onderhoud"), ("plc", "elektrotechniek", "veiligheid"),
                 "rotating_two_shift", ("{last} Chemie B.V.", "Raffinage {town}"))
METAL = Sector("metaal", ("cnc", "lassen", "metaalbewerking"), ("cad", "onderhoud", "robotica"),
               "day_two_shift", ("Metaalbewerking {town} B.V.", "{last} Constructie B.V.", "Lasbedrijf {last}"))
INSTALLATION = Sector("installatie", ("installatietechniek", "elektrotechniek"),
                      ("leidingwerk", "duurzame_energie", "cad", "plc"),
                      "day", ("{last} Installatietechniek B.V.", "Installatiebedrijf {last} & Zn.",
                              "Klimaattechniek {town}"))

# The mbo subject of a school plan -> the vo code its vacancy gets at a vo school (docs/regions.md).
VO_SUBJECT_OF: dict[str, str] = {
    "Praktijk CNC": "PIE", "Praktijk metaal": "PIE", "Praktijk lassen": "PIE", "Praktijk leidingwerk": "PIE",
    "Praktijk elektro": "PIE", "Praktijk elektrische installaties": "PIE", "Installatietechniek theorie": "PIE",
    "Duurzame energietechniek": "PIE", "Elektrotechniek theorie": "PIE", "PLC-techniek": "PIE",
    "Meet- en regeltechniek": "PIE", "Keuzedeel PLC-programmeren": "PIE", "Keuzedeel Zonnestroom": "PIE",
    "Keuzedeel Robotica": "OO", "Keuzedeel 3D-printen": "OO", "Technisch tekenen/CAD": "OO",
    "Mechanica": "MOB", "Werktuigbouwkunde": "MOB", "Veiligheid & VCA": "MOB",
}

PRESETS: dict[str, Preset] = {
    "brainport": Preset(
        id="brainport", name="Brainport Eindhoven",
        school_towns=("Eindhoven", "Helmond", "Veldhoven", "Best", "Oss", "Geldrop", "Veghel", "Deurne"),
        employer_towns=("Eindhoven", "Veldhoven", "Best", "Helmond", "Son en Breugel", "Nuenen", "Oss",
                        "Waalre", "Geldrop", "Boxtel", "Uden", "Oirschot"),
        sectors=((HIGH_TECH, 4), (HIGH_TECH_SHIFTS, 3), (SEMICON_SERVICE, 2), (INSTALLATION, 1)),
        n_schools=8, n_employers=24, n_candidates=48, vo_share=0.5,
        release_minutes=(240, 300, 360, 420, 480), release_minutes_route=(360, 420, 480),
        qualification_mix=(("none", 0.75), ("zij_instroom", 0.1), ("pdg_trajectory", 0.08), ("qualified", 0.07)),
        vacancy_subjects=("PLC-techniek", "Praktijk CNC", "Technisch tekenen/CAD", "Meet- en regeltechniek",
                          "Keuzedeel Robotica", "Praktijk elektro"),
        days_per_candidate=(2, 3), max_teaching_days=1,  # hybride light: one day a week in class [S29]
    ),
    "rijnmond": Preset(
        id="rijnmond", name="Rijnmond (Rotterdam)",
        school_towns=("Rotterdam", "Schiedam", "Vlaardingen", "Spijkenisse", "Dordrecht", "Maassluis",
                      "Capelle aan den IJssel"),
        employer_towns=("Rotterdam", "Schiedam", "Vlaardingen", "Pernis", "Hoogvliet", "Rozenburg", "Maasvlakte",
                        "Spijkenisse", "Dordrecht", "Zwijndrecht", "Papendrecht", "Sliedrecht", "Ridderkerk"),
        sectors=((MARITIME, 4), (LOGISTICS, 3), (PROCESS, 2)),
        n_schools=8, n_employers=20, n_candidates=40, vo_share=0.4,
        release_minutes=(240, 300, 360), release_minutes_route=(480, 600, 720),
        qualification_mix=(("none", 0.6), ("zij_instroom", 0.1), ("pdg_trajectory", 0.2), ("qualified", 0.1)),
        vacancy_subjects=("Werktuigbouwkunde", "Praktijk lassen", "Praktijk metaal", "Veiligheid & VCA",
                          "Meet- en regeltechniek", "Elektrotechniek theorie"),
        vo_subject_of={"Praktijk metaal": "MAT", "Praktijk lassen": "MAT", "Werktuigbouwkunde": "MAT",
                       "Mechanica": "MAT"},
        days_per_candidate=(2, 3), max_teaching_days=2,
    ),
    "twente": Preset(
        id="twente", name="Twente",
        school_towns=("Enschede", "Hengelo", "Almelo", "Borne", "Oldenzaal", "Rijssen", "Haaksbergen"),
        employer_towns=("Enschede", "Hengelo", "Almelo", "Borne", "Oldenzaal", "Losser", "Delden", "Goor",
                        "Rijssen", "Nijverdal", "Wierden", "Vriezenveen", "Haaksbergen", "Tubbergen"),
        sectors=((METAL, 3), (INSTALLATION, 3), (HIGH_TECH_SHIFTS, 1)),
        n_schools=7, n_employers=18, n_candidates=36, vo_share=0.45,
        release_minutes=(200, 250, 300, 360), release_minutes_route=(360, 480),
        qualification_mix=(("none", 0.7), ("zij_instroom", 0.12), ("pdg_trajectory", 0.1), ("qualified", 0.08)),
        vacancy_subjects=("Praktijk metaal", "Praktijk lassen", "Praktijk CNC", "Praktijk leidingwerk",
                          "Installatietechniek theorie", "Praktijk elektrische installaties"),
        days_per_candidate=(2, 3), max_teaching_days=2,
    ),
}
