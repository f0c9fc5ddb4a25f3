"""/docs works without internet: the page names no other host, and the app serves its script and style."""

from __future__ import annotations

import re


def test_docs_page_loads_only_from_the_app(client):
    """Every src and href of /docs is the app's own, and each of them answers 200 (a school network without
    internet shows the docs, not a blank page)."""
    page = client.get("/docs")
    assert page.status_code == 200
    links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert links and all(link.startswith(("/", "data:")) for link in links), links
    for link in links:
        if link.startswith("/"):
            assert client.get(link).status_code == 200, link
    assert client.get("/docs/oauth2-redirect").status_code == 200
