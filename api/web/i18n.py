"""The one message catalogue of the web pages (messages.json: each key with its Dutch and English text) and the
language of a request: Dutch unless the user chose English (a cookie), as Dutch schools and companies expect."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from fastapi import Request

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
COOKIE = "hyb_lang"
CATALOGUE = Path(__file__).with_name("messages.json")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def language(request: Request) -> str:
    chosen = request.cookies.get(COOKIE, DEFAULT)
    return chosen if chosen in LANGUAGES else DEFAULT


def translate(lang: str, key: str, **values) -> str:
    """The text of `key` in `lang`, with {name} filled in. A missing key shows itself (a test keeps them all
    present), never an error page."""
    entry = catalogue().get(key)
    text = entry.get(lang) or entry.get(DEFAULT) if entry else key
    return text.format(**values) if values else text
