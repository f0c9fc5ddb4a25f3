"""The web pages, tested in a real browser: Debian's chromium driven by Playwright (no browser download), against
`hybrooster serve --demo` started on loopback by the tests themselves. Each xdist worker has its own server.

Helpers: `browser_page(username)` logs a user in through the form; `shoot(page, name)` keeps a screenshot in
docs/screenshots/ at both sizes; `assert_accessible(page)` runs the vendored axe-core."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import httpx
import pytest

from api.demo import DEMO_PASSWORD
from tests.api.service.jobs_support import serve_process

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
AXE = Path(__file__).with_name("vendor") / "axe-4.14.1.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`hybrooster serve --demo` on a free loopback port, with a fresh SQLite store; yields its base URL once
    the demo's first timetable is there."""
    folder = tmp_path_factory.mktemp("web-server")
    with serve_process(f"sqlite:///{folder / 'hybrooster.db'}", folder, "--demo",
                       env_extra={"HYBROOSTER_JOB_TIME_LIMIT": "20"}) as (_process, base):
        yield base


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed (Debian package chromium; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def browser_page(browser, demo_server):
    """browser_page('roosteraar', viewport=PHONE) -> a Playwright page logged in as that demo user."""
    contexts = []

    def open_as(username: str | None, *, viewport: dict = DESKTOP, password: str = DEMO_PASSWORD):
        context = browser.new_context(base_url=demo_server, viewport=viewport, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        if username is not None:
            page.goto("/app/login")
            page.fill("#username", username)
            page.fill("#password", password)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/app/login" not in url)
        return page

    yield open_as
    for context in contexts:
        context.close()


def shoot(page, name: str, *, phone: bool = False) -> list[Path]:
    """Screenshots of the page as it is, at 1280×800 and (for the hto'er's and planner's pages) at 390×844,
    kept in docs/screenshots/. The page must not scroll sideways at either size."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sizes = [DESKTOP, PHONE] if phone else [DESKTOP]
    kept = []
    for size in sizes:
        page.set_viewport_size(size)
        page.wait_for_timeout(100)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {size['width']}×{size['height']}"
        path = SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"
        page.screenshot(path=str(path), full_page=False)
        kept.append(path)
    page.set_viewport_size(DESKTOP)
    return kept


def assert_accessible(page, *, impacts=("serious", "critical")) -> None:
    """axe-core (vendored) finds no violation of the given impact on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated through the browser's debugger, not as a <script>: the page's CSP rightly refuses inline ones
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    bad = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5]}
           for v in result["violations"] if v["impact"] in impacts]
    assert not bad, json.dumps(bad, indent=1)


def page_client(base: str, username: str) -> tuple[httpx.Client, str]:
    """A plain HTTP client logged in through the form (as the page benchmark logs in), and its pages' CSRF
    token."""
    from benchmarks.pages import form_login

    client = form_login(base, username)
    home = client.get("/app/", follow_redirects=True)
    return client, re.search(r'name="csrf" value="([^"]+)"', home.text).group(1)


def api_token(base: str, username: str) -> dict[str, str]:
    answer = httpx.post(f"{base}/auth/token", data={"username": username, "password": DEMO_PASSWORD}, timeout=30)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")  # never look for (or fetch) Playwright's own browsers
