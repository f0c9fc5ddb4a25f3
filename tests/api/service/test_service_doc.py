"""docs/service.md and the README say what the code does: every setting of api/settings.py is in the doc's
table (generated from the class), and the README gives the demo logins that `serve --demo` makes.

To regenerate the table after adding a setting: `python -m tests.api.service.test_service_doc`."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic_core import PydanticUndefined

from api.demo import DEMO_PASSWORD, demo_logins
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "service.md"
BLOCK = re.compile(r"<!-- settings: generated -->\n(.*?)<!-- /settings -->\n", re.DOTALL)


def settings_table() -> str:
    """The Markdown table of every setting: its environment variable, default and description."""
    prefix = Settings.model_config["env_prefix"]
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = "(none)" if field.default in (None, PydanticUndefined) else f"`{field.default}`"
        rows.append(f"| `{prefix}{name.upper()}` | {default} | {field.description} |")
    return "\n".join(rows) + "\n"


def test_the_doc_lists_every_setting_as_the_class_has_it():
    """The table in docs/service.md is the one generated from Settings: every field, its default and its
    description (regenerate it with `python -m tests.api.service.test_service_doc`)."""
    block = BLOCK.search(DOC.read_text(encoding="utf-8"))
    assert block is not None, "docs/service.md lost its settings markers"
    assert all(field.description for field in Settings.model_fields.values())
    assert block.group(1) == settings_table(), "regenerate: python -m tests.api.service.test_service_doc"


def test_the_readme_gives_the_demo_logins_and_links_the_doc():
    """The README's service section names `hybrooster serve --demo`, the demo password, every demo user name,
    and links docs/service.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## The service\n(.*?)(?=^## |\Z)", readme, re.DOTALL | re.MULTILINE).group(1)
    assert "hybrooster serve --demo" in section and DEMO_PASSWORD in section
    assert "docs/service.md" in section
    for login in demo_logins():
        assert f"`{login.username}`" in section, login.username


if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(BLOCK.sub(lambda _m: f"<!-- settings: generated -->\n{settings_table()}<!-- /settings -->\n",
                             text), encoding="utf-8")
    print(f"{DOC.relative_to(ROOT)}: the settings table is regenerated")
