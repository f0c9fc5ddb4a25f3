"""Read a FET file (.fet, FET 5 and 6) into plain Python data; no mapping onto the Plan here.

Parsed with defusedxml (a .fet file comes from outside). Constraints are kept as their XML
elements, so the importer can read each type's own fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, TreeBuilder

from defusedxml import ElementTree


class FetFormatError(ValueError):
    """The file is not a FET file we can read (bad XML, a missing list, a wrong reference)."""


@dataclass
class FetActivity:
    id: int
    teachers: list[str]
    subject: str
    tags: list[str]
    students: list[str]
    duration: int
    group_id: int
    n_students: int | None  # Number_Of_Students when the file sets it, else computed by the importer


@dataclass
class FetRoom:
    name: str
    building: str
    capacity: int
    virtual: bool


@dataclass
class FetStudentsSet:
    name: str
    number: int
    children: list[str] = field(default_factory=list)


@dataclass
class FetFile:
    path: Path
    institution: str
    days: list[str]
    hours: list[str]
    subjects: list[str]
    tags: list[str]
    teachers: list[str]
    years: list[str]
    students: dict[str, FetStudentsSet]
    activities: list[FetActivity]  # active ones only, in file order
    inactive_activities: int
    rooms: dict[str, FetRoom]
    buildings: list[str]
    time_constraints: list[Element]
    space_constraints: list[Element]
    other_elements: list[str]  # top-level elements we do not read (e.g. generation options)
    mode: str = ""  # FET 6 <Mode>: "Official" (or missing) is the ordinary weekly timetable

    def leaves(self, name: str) -> list[str]:
        """The smallest students sets (subgroups, or groups/years without parts) inside `name`."""
        out: list[str] = []
        seen: set[str] = set()

        def walk(n: str) -> None:
            if n in seen:
                return
            seen.add(n)
            node = self.students[n]
            if not node.children:
                out.append(n)
            for child in node.children:
                walk(child)

        walk(name)
        return out


def text(element: Element | None, tag: str, default: str = "") -> str:
    """The text of a child element, as is: FET keeps spaces in names ('HEN' and 'HEN ' are two teachers)."""
    if element is None:
        return default
    found = element.find(tag)
    if found is None or found.text is None:
        return default
    return found.text


def texts(element: Element, tag: str) -> list[str]:
    return [e.text or "" for e in element.findall(tag)]


def _int(value: str, what: str) -> int:
    try:
        return int(float(value.strip()))
    except ValueError:
        raise FetFormatError(f"{what}: '{value}' is not a number") from None


def is_active(element: Element) -> bool:
    return text(element, "Active", "true").strip().lower() != "false"


def weight_percentage(element: Element) -> float:
    value = text(element, "Weight_Percentage", "100").strip()
    try:
        return float(value)
    except ValueError:
        raise FetFormatError(f"{element.tag}: weight '{value}' is not a number") from None


def _names(root: Element, list_tag: str, item_tag: str) -> list[str]:
    lst = root.find(list_tag)
    if lst is None:
        return []
    return [text(item, "Name") for item in lst.findall(item_tag)]


def _parser() -> ElementTree.DefusedXMLParser:
    """defusedxml's parser (it refuses entity declarations and external references), with expat's
    element events going straight to the C tree builder. defusedxml's parser is the pure-Python
    XMLParser, whose per-element callbacks only rewrite namespaced names ("uri}tag" -> "{uri}tag"),
    which a FET file has none of; without them the parse takes 0.6x the time (Hopwood 4.9 -> 3.0 ms,
    lycee-Farabi 23.8 -> 15.5 ms; benchmarks/RESULTS.md). Where the parser does not look as
    expected, it is left as it is."""
    parser = ElementTree.DefusedXMLParser(target=TreeBuilder())
    expat = getattr(parser, "parser", None)
    if expat is not None and hasattr(expat, "ordered_attributes"):
        expat.ordered_attributes = 0  # attributes as a dict, as TreeBuilder.start takes them
        expat.StartElementHandler = parser.target.start
        expat.EndElementHandler = parser.target.end
    return parser


def parse_xml(path: str | Path) -> Element:
    """The root element of an XML file, read with defusedxml's protections (see _parser)."""
    return ElementTree.parse(str(path), parser=_parser()).getroot()


def read_fet(path: str | Path) -> FetFile:
    """Parse a .fet file. Raises FetFormatError for anything that is not a readable FET file."""
    path = Path(path)
    try:
        root = parse_xml(path)
    except OSError as error:
        raise FetFormatError(f"cannot read {path}: {error.strerror}") from None
    except ElementTree.ParseError as error:
        raise FetFormatError(f"{path} is not valid XML: {error}") from None
    except Exception as error:  # defusedxml refuses entities, DTDs and the like
        raise FetFormatError(f"{path}: refused to read the XML ({type(error).__name__}: {error})") from None
    if root.tag != "fet":
        raise FetFormatError(f"{path} is not a FET file (the root element is <{root.tag}>, not <fet>)")

    days = _names(root, "Days_List", "Day")
    hours = _names(root, "Hours_List", "Hour")
    if not days or not hours:
        raise FetFormatError(f"{path}: no days or no hours")

    students: dict[str, FetStudentsSet] = {}
    years: list[str] = []

    def add_set(name: str, number: str, parent: FetStudentsSet | None) -> FetStudentsSet:
        node = students.get(name)
        if node is None:
            node = students[name] = FetStudentsSet(name, _int(number or "0", f"students set {name}"))
        if parent is not None and name not in parent.children:
            parent.children.append(name)
        return node

    slist = root.find("Students_List")
    for year in (slist.findall("Year") if slist is not None else []):
        y = add_set(text(year, "Name"), text(year, "Number_of_Students"), None)
        if y.name not in years:
            years.append(y.name)
        for group in year.findall("Group"):
            g = add_set(text(group, "Name"), text(group, "Number_of_Students"), y)
            for sub in group.findall("Subgroup"):
                add_set(text(sub, "Name"), text(sub, "Number_of_Students"), g)

    activities: list[FetActivity] = []
    inactive = 0
    alist = root.find("Activities_List")
    for act in (alist.findall("Activity") if alist is not None else []):
        if not is_active(act):
            inactive += 1
            continue
        n_students = text(act, "Number_Of_Students")
        activities.append(FetActivity(
            id=_int(text(act, "Id"), "activity id"),
            teachers=texts(act, "Teacher"),
            subject=text(act, "Subject"),
            tags=texts(act, "Activity_Tag"),
            students=texts(act, "Students"),
            duration=_int(text(act, "Duration", "1"), "activity duration"),
            group_id=_int(text(act, "Activity_Group_Id", "0"), "activity group id"),
            n_students=_int(n_students, "activity number of students") if n_students else None,
        ))

    rooms: dict[str, FetRoom] = {}
    rlist = root.find("Rooms_List")
    for room in (rlist.findall("Room") if rlist is not None else []):
        name = text(room, "Name")
        rooms[name] = FetRoom(
            name=name,
            building=text(room, "Building"),
            capacity=_int(text(room, "Capacity", "0"), f"room {name} capacity"),
            virtual=text(room, "Virtual", "false").strip().lower() == "true",
        )

    time_list = root.find("Time_Constraints_List")
    space_list = root.find("Space_Constraints_List")
    known = {
        "Institution_Name", "Comments", "Days_List", "Hours_List", "Subjects_List", "Activity_Tags_List",
        "Teachers_List", "Students_List", "Activities_List", "Buildings_List", "Rooms_List",
        "Time_Constraints_List", "Space_Constraints_List", "Mode",
    }
    return FetFile(
        path=path,
        institution=text(root, "Institution_Name"),
        days=days,
        hours=hours,
        subjects=_names(root, "Subjects_List", "Subject"),
        tags=_names(root, "Activity_Tags_List", "Activity_Tag"),
        teachers=_names(root, "Teachers_List", "Teacher"),
        years=years,
        students=students,
        activities=activities,
        inactive_activities=inactive,
        rooms=rooms,
        buildings=_names(root, "Buildings_List", "Building"),
        time_constraints=list(time_list) if time_list is not None else [],
        space_constraints=list(space_list) if space_list is not None else [],
        other_elements=[child.tag for child in root if child.tag not in known],
        mode=text(root, "Mode").strip(),
    )
