"""What the browser is told to protect: security headers on every kind of page
and the flags of the cookies the pages set."""

import pytest
import requests

import support

PAGES = ["/", "/vraag", "/vraag/werknemer", "/medewerkers/inloggen", "/zaak/onbekende-link-die-niet-bestaat"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_security_headers(base_url, path):
    response = requests.get(base_url + path, timeout=30, allow_redirects=False)
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    assert "default-src 'none'" in policy, f"{path}: {policy!r}"
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, f"{path}: {policy!r}"
    assert "frame-ancestors 'none'" in policy, f"{path}: {policy!r}"
    assert headers.get("X-Content-Type-Options") == "nosniff", path
    assert headers.get("X-Frame-Options") == "DENY", path
    # A private case link in a Referer header would hand the case to another site.
    assert headers.get("Referrer-Policy") == "no-referrer", path
    assert response.headers.get("Content-Type", "").startswith("text/html"), path


def test_staff_session_cookie_is_http_only_and_same_site_strict(open_browser, staff):
    b = open_browser("intake officer")
    support.open_login(b, staff["intake"])
    cookies = {cookie["name"]: cookie for cookie in b.driver.get_cookies()}
    session = cookies.get("eenloket_sessie")
    assert session is not None, f"no session cookie after logging in: {sorted(cookies)}"
    assert session["httpOnly"] is True
    assert session.get("sameSite") == "Strict"
    # Scripts on the page cannot read it.
    assert "eenloket_sessie" not in b.driver.execute_script("return document.cookie")


def test_filing_form_cookie_is_http_only_and_same_site_strict(base_url):
    response = requests.get(base_url + "/vraag/werknemer", timeout=30)
    set_cookie = response.headers.get("Set-Cookie", "")
    assert set_cookie, "the filing form sets no form cookie"
    flags = [part.strip().lower() for part in set_cookie.split(";")]
    assert "httponly" in flags, set_cookie
    assert "samesite=strict" in flags, set_cookie
