"""The statements a Dutch public service publishes, reached from the footer of
any page: the accessibility statement (what was tested, with which tools, how
to report a problem) and the privacy statement (who is responsible, legal
bases, retention, rights)."""

import pytest

import standards
import support


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_visitor_finds_both_statements_in_the_footer(open_browser, viewport):
    b = open_browser("visitor", viewport)
    b.open("/vraag")
    with b.step("visitor opens the accessibility statement from the footer"):
        b.follow(b.find("footer a[href='/toegankelijkheid']"))
        assert b.h1 == "Toegankelijkheid"
        major_minor = ".".join(standards.AXE_VERSION.split(".")[:2])
        assert f"axe-core {major_minor}" in b.text, "the statement names another axe-core version than the suite runs"
        assert "360 pixels" in b.text and "1280 pixels" in b.text
        assert "Nu HTML Checker" in b.text
        report = b.find("main a[href^='mailto:']")
        assert "@" in report.text, "no address to report a problem to"
    with b.step("visitor opens the privacy statement from the footer"):
        b.follow(b.find("footer a[href='/privacy']"))
        assert b.h1 == "Privacy"
        headings = [h.text for h in b.find_all("main h2")]
        for heading in ("Wie is verantwoordelijk?", "Welke gegevens gebruiken wij?", "Waarom mogen wij dat?",
                        "Hoe lang bewaren wij uw gegevens?", "Uw rechten"):
            assert heading in headings, f"{heading!r} not in {headings}"
        assert "De werkgever ziet nooit medische gegevens." in b.text
        assert "Autoriteit Persoonsgegevens" in b.text


def test_staff_pages_link_the_statements_too(open_browser, staff):
    b = open_browser("coordinator")
    support.open_login(b, staff["coordinator"])
    links = {a.get_attribute("href").removeprefix(b.base_url) for a in b.find_all("footer a")}
    assert {"/toegankelijkheid", "/privacy"} <= links, links
