"""Reading a .fet file's XML: the same tree as defusedxml's own parse, and its protections kept."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import tostring

import pytest
from defusedxml import ElementTree

from benchmarks.fet_result import read_fet_timetable
from solver.io.fet_import import import_fet
from solver.io.fet_xml import FetFormatError, parse_xml, read_fet

EXAMPLES = Path("/usr/share/doc/fet-data/examples")
SAMPLES = [  # small and large, FET 5 and 6, Latin and non-Latin scripts
    "FET-5-official/Denmark/small-school.fet",
    "FET-5-official/United-Kingdom/Hopwood/Hopwood.fet",
    "FET-5-official/Greece/Vartholomio/2008-2009.fet",
    "FET-5-official/Morocco/Hadkourt/lycee-Farabi.fet",
]

MIXED = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<fet version="6.8.5" extra="a &amp; b">
<Institution_Name>École &lt;Zuid&gt; — 学校</Institution_Name>
<Comments><![CDATA[raw <text> & more]]></Comments>
<Days_List><Day><Name>Ma</Name></Day><Day><Name>Di </Name></Day></Days_List>
<Hours_List><Hour><Name>1</Name></Hour></Hours_List>
</fet>
"""


def _same_tree(path: Path) -> None:
    assert tostring(parse_xml(path)) == tostring(ElementTree.parse(str(path)).getroot())


def test_the_tree_equals_defusedxmls_own_parse(tmp_path):
    path = tmp_path / "mixed.fet"
    path.write_text(MIXED, encoding="utf-8")
    _same_tree(path)
    root = parse_xml(path)
    assert root.get("extra") == "a & b"
    assert root.find("Institution_Name").text == "École <Zuid> — 学校"
    assert root.find("Comments").text == "raw <text> & more"
    assert [d.find("Name").text for d in root.find("Days_List")] == ["Ma", "Di "]  # spaces kept


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="fet-data is not installed")
@pytest.mark.parametrize("name", SAMPLES)
def test_fets_examples_parse_to_the_same_tree(name):
    _same_tree(EXAMPLES / name)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE fet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',  # entity expansion
    '<!DOCTYPE fet [<!ENTITY x SYSTEM "file:///etc/passwd">]>',  # an external entity
])
def test_entities_are_refused_with_a_clear_error(tmp_path, doctype):
    path = tmp_path / "evil.fet"
    path.write_text(MIXED.replace("<!-- a comment", doctype + "\n<!-- a comment")
                    .replace("École", "&b;" if "ENTITY a" in doctype else "&x;"), encoding="utf-8")
    with pytest.raises(FetFormatError, match=r"evil\.fet: refused to read the XML \(EntitiesForbidden"):
        read_fet(path)


def test_broken_xml_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "broken.fet"
    path.write_text(MIXED.replace("</Comments>", ""), encoding="utf-8")
    with pytest.raises(FetFormatError, match=r"broken\.fet is not valid XML: mismatched tag: line 8, column 2"):
        import_fet(path)


def test_fets_own_timetable_file_with_an_entity_is_refused_with_a_clear_error(tmp_path):
    path = tmp_path / "school_activities.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE Activities_Timetable [<!ENTITY a "x">]>\n'
                    "<Activities_Timetable><Activity><Id>&a;</Id></Activity></Activities_Timetable>\n",
                    encoding="utf-8")
    with pytest.raises(FetFormatError, match=r"cannot read FET's timetable .*school_activities\.xml"):
        read_fet_timetable(path, plan=None, mapping={})
