"""The message catalogue: every key has its Dutch and English text, and every key a template uses exists."""

from __future__ import annotations

import re
from pathlib import Path

from api.web.i18n import LANGUAGES, catalogue, translate

WEB = Path(__file__).resolve().parents[2] / "api" / "web"


def test_every_message_has_each_language():
    missing = [(key, lang) for key, texts in catalogue().items() for lang in LANGUAGES if not texts.get(lang)]
    assert not missing


def test_every_key_used_exists():
    used = set()
    for path in [*WEB.rglob("*.html"), *WEB.rglob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no message keys found: the pattern is wrong"
    assert not sorted(used - catalogue().keys())


def test_values_are_filled_in():
    assert translate("en", "login.too_many", seconds=42) == "Too many failed attempts. Try again in 42 seconds."
    assert translate("nl", "no.such.key") == "no.such.key"
