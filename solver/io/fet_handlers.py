"""What FET constraint handlers share: their type, a table of them by FET tag, reading a number.

A handler gets the Builder, the constraint's XML element and the weight (None = hard, else our
integer weight). It raises Unsupported(reason) for a constraint the Plan cannot state.
fet_constraints.py (time) and fet_room_constraints.py (rooms) each fill a table with `registrar`;
import_fet (fet_import.py) looks a constraint's tag up in both.
"""

from __future__ import annotations

from collections.abc import Callable

from solver.io.fet_builder import Builder, Unsupported
from solver.io.fet_xml import text

Handler = Callable[[Builder, object, "int | None"], None]


def registrar(table: dict[str, Handler]) -> Callable[..., Callable[[Handler], Handler]]:
    """A decorator `handles(*tags)` that files the handler in `table` under each FET tag."""
    def handles(*tags: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            for tag in tags:
                table[tag] = fn
            return fn
        return register
    return handles


def int_field(el, tag: str) -> int:
    """The element's `tag` as a whole number (FET may write 2.0); Unsupported when it is none."""
    value = text(el, tag)
    try:
        return int(float(value))
    except ValueError:
        raise Unsupported(f"{tag} '{value}' is not a number") from None
