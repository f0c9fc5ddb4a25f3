"""XML reading for the XHSTT reader: defusedxml's parser with line numbers, and the small checks
every element needs (its Id or Reference, a child's text or number, no unknown children), each
failing with an XhsttFormatError that names the file, the line and the element's place."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, TreeBuilder

from defusedxml import ElementTree

from .model import XhsttFormatError


def _parser(lines: dict[int, int]) -> ElementTree.DefusedXMLParser:
    """defusedxml's parser (it refuses entity declarations and external references) with expat's
    element-start events going to the tree builder through one step that notes the line of each
    element (by the element's id: the tree keeps every element alive while it is read)."""
    builder = TreeBuilder()
    parser = ElementTree.DefusedXMLParser(target=builder)
    expat = getattr(parser, "parser", None)
    if expat is not None and hasattr(expat, "ordered_attributes"):
        expat.ordered_attributes = 0  # attributes as a dict, as TreeBuilder.start takes them
        start = builder.start

        def on_start(tag, attrs):
            element = start(tag, attrs)
            lines[id(element)] = expat.CurrentLineNumber
            return element

        expat.StartElementHandler = on_start
        expat.EndElementHandler = builder.end
    return parser


class Doc:
    """A parsed file: its root, and the line of each element for error messages."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.lines: dict[int, int] = {}
        try:
            self.root = ElementTree.parse(str(self.path), parser=_parser(self.lines)).getroot()
        except OSError as error:
            raise XhsttFormatError(f"cannot read {self.path}: {error.strerror or error}") from None
        except ElementTree.ParseError as error:
            raise XhsttFormatError(f"{self.path} is not valid XML: {error}") from None
        except Exception as error:  # defusedxml refuses entities, DTDs and the like
            raise XhsttFormatError(
                f"{self.path}: refused to read the XML ({type(error).__name__}: {error})") from None

    def fail(self, element: Element | None, where: str, message: str) -> XhsttFormatError:
        line = self.lines.get(id(element)) if element is not None else None
        at = f", line {line}" if line else ""
        return XhsttFormatError(f"{self.path}{at}, {where}: {message}")

    # --- small readers -------------------------------------------------------------------

    def attr(self, element: Element, name: str, where: str) -> str:
        value = element.get(name)
        if value is None or not value.strip():
            raise self.fail(element, where, f"<{element.tag}> has no {name} attribute")
        return value

    def child(self, element: Element, tag: str, where: str) -> Element:
        found = element.find(tag)
        if found is None:
            raise self.fail(element, where, f"<{element.tag}> has no <{tag}>")
        return found

    def text(self, element: Element, tag: str, where: str, default: str | None = None) -> str:
        found = element.find(tag)
        if found is None:
            if default is not None:
                return default
            raise self.fail(element, where, f"<{element.tag}> has no <{tag}>")
        return (found.text or "").strip()

    def integer(self, element: Element, tag: str, where: str, default: int | None = None,
                minimum: int = 0) -> int:
        found = element.find(tag)
        if found is None:
            if default is not None:
                return default
            raise self.fail(element, where, f"<{element.tag}> has no <{tag}>")
        raw = (found.text or "").strip()
        try:
            value = int(raw)
        except ValueError:
            raise self.fail(found, where, f"<{tag}> '{raw}' is not a whole number") from None
        if value < minimum:
            raise self.fail(found, where, f"<{tag}> is {value}; it must be at least {minimum}")
        return value

    def boolean(self, element: Element, tag: str, where: str) -> bool:
        raw = self.text(element, tag, where).lower()
        if raw not in ("true", "false"):
            raise self.fail(element.find(tag), where, f"<{tag}> is '{raw}', not true or false")
        return raw == "true"

    def only(self, element: Element, allowed: tuple[str, ...], where: str) -> None:
        """Refuse a child element this reader does not know: a misread constraint would give
        wrong costs without a word."""
        for child in element:
            if child.tag not in allowed:
                raise self.fail(child, where, f"<{element.tag}> has an element <{child.tag}> this "
                                f"reader does not know (it knows: {', '.join(allowed) or 'none'})")

    def refs(self, element: Element | None, tag: str, where: str, known, what: str) -> list[str]:
        """The Reference of each <tag> child of element, each checked against `known`."""
        if element is None:
            return []
        self.only(element, (tag,), where)
        out = []
        for item in element.findall(tag):
            ref = self.attr(item, "Reference", where)
            if ref not in known:
                raise self.fail(item, where, f"<{tag} Reference=\"{ref}\"> names no {what}")
            out.append(ref)
        return out
