"""Logging in and out of the pages, the CSRF and origin checks, and the security headers."""

from __future__ import annotations

import re

import httpx

from api.demo import DEMO_PASSWORD
from tests.web.conftest import assert_accessible, page_client, shoot


def test_login_form_then_the_overview(browser_page):
    """The login form is accessible, and a demo user lands on their pages with their name shown."""
    page = browser_page(None)
    page.goto("/app/login")
    assert_accessible(page)
    shoot(page, "login", phone=True)
    page.fill("#username", "roosteraar")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/app/login" not in url)
    assert page.locator("header .who").inner_text().startswith("Ingelogd als")
    assert_accessible(page)


def test_a_wrong_password_says_so_and_logs_no_one_in(browser_page):
    page = browser_page(None)
    page.goto("/app/login")
    page.fill("#username", "roosteraar")
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").inner_text() == "Gebruikersnaam of wachtwoord klopt niet."
    assert "/app/login" in page.url


def test_english_can_be_chosen_before_logging_in(browser_page):
    page = browser_page(None)
    page.goto("/app/login?lang=en")
    assert page.locator("h1").inner_text() == "Log in"
    assert page.locator("html").get_attribute("lang") == "en"


def test_logging_out_ends_the_session_on_the_server(demo_server):
    """A copy of the cookie taken before logging out no longer opens a page afterwards."""
    client, token = page_client(demo_server, "planner")
    copied = dict(client.cookies)
    assert client.post("/app/logout", data={"csrf": token}, headers={"Origin": demo_server}).status_code == 303
    replay = httpx.get(f"{demo_server}/app/", cookies=copied, follow_redirects=False)
    assert replay.status_code == 303 and replay.headers["location"].startswith("/app/login")


def test_a_form_without_its_csrf_token_or_from_another_origin_is_refused(demo_server):
    """Logging out is the state change here: refused without the token, or from another site, the session
    still works afterwards."""
    client, token = page_client(demo_server, "planner")
    no_token = client.post("/app/logout", data={}, headers={"Origin": demo_server})
    other_site = client.post("/app/logout", data={"csrf": token}, headers={"Origin": "https://evil.example"})
    no_origin = client.post("/app/logout", data={"csrf": token})
    for answer in (no_token, other_site, no_origin):
        assert answer.status_code == 403 and "Er is niets gewijzigd" in answer.text
    assert client.get("/app/").status_code in (200, 303)
    assert "/app/login" not in client.get("/app/", follow_redirects=True).url.path


def test_cookies_and_headers(demo_server):
    """The session cookie is HttpOnly and SameSite=Lax; every page has a CSP that allows only the app's own
    scripts and styles."""
    client = httpx.Client(base_url=demo_server, timeout=30)
    form = client.get("/app/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    answer = client.post("/app/login", data={"username": "hto", "password": DEMO_PASSWORD, "csrf": token},
                         headers={"Origin": demo_server}, follow_redirects=False)
    cookie = next(value for name, value in answer.headers.multi_items()
                  if name == "set-cookie" and value.startswith("hyb_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # plain http on loopback; behind HTTPS it gets Secure (the test after this)
    csp = form.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in form.text and " style=" not in form.text


def test_a_page_without_a_login_goes_to_the_form_and_back(demo_server):
    answer = httpx.get(f"{demo_server}/app/", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/app/login?why=expired&next=")
    assert httpx.get(f"{demo_server}/app/", headers={"HX-Request": "true"}).headers["hx-redirect"].startswith(
        "/app/login")


def test_behind_https_the_session_cookie_is_secure(tmp_path):
    """Reached over HTTPS (the public address), the login's cookie gets Secure as well."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.service.conftest import make_settings

    settings = make_settings(f"sqlite:///{tmp_path / 'h.db'}", public_url="https://rooster.example.nl")
    with TestClient(create_app(settings, demo=True, workers=False), base_url="https://testserver") as client:
        form = client.get("/app/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        answer = client.post("/app/login", data={"username": "hto", "password": DEMO_PASSWORD, "csrf": token},
                             headers={"Origin": "https://testserver"}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    cookie = next(value for name, value in answer.headers.multi_items()
                  if name == "set-cookie" and value.startswith("hyb_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_the_overview_of_a_role_without_a_desk_of_its_own(browser_page):
    """The admin lands on the overview: the menu and the link to the API documentation, accessible."""
    page = browser_page("admin")
    assert page.url.endswith("/app/")
    assert page.locator("h1").inner_text() == "Overzicht"
    assert page.get_by_role("link", name="API-documentatie").get_attribute("href") == "/docs"
    assert_accessible(page)
    shoot(page, "overview", phone=True)
