"""Accessibility: the stylesheet's colour pairs meet WCAG 2.1 AA, every kind
of page passes the automated checks (audit.js) on a tour through the service,
the supervision dashboard's charts and CSV tables work, and every page any
test visited passed the same checks."""

from __future__ import annotations

import re
import traceback

import pytest
import requests
from selenium.webdriver.common.by import By

import support

# ---------------------------------------------------------------------------
# Contrast, computed from the stylesheet itself.

CSS = support.STYLESHEET.read_text(encoding="utf-8")


def css_variables(css: str) -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    assert root, "eenloket.css has no :root block"
    return {name: value.lower() for name, value in re.findall(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\b", root.group(1))}


def css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) for the plain rules, outside @media blocks."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}", "", css)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip()) for name, value in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        rules.append((" ".join(selector.split()), declarations))
    return rules


VARIABLES = css_variables(CSS)


def colour(value: str) -> str:
    """A hex colour from a declaration value (var(--x) or #hex)."""
    value = value.strip()
    if match := re.fullmatch(r"var\(--([\w-]+)\)", value):
        assert match.group(1) in VARIABLES, f"eenloket.css uses var(--{match.group(1)}), which :root does not define"
        return VARIABLES[match.group(1)]
    assert re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", value), f"not a plain colour: {value!r}"
    return value.lower()


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colour_pairs() -> list[tuple[str, str, str]]:
    """(name, text colour value, background colour value) for every text/background pair the stylesheet uses."""
    named = [
        ("text", "background"), ("link", "background"), ("button-text", "button-bg"), ("header-text", "header-bg"),
        ("error", "background"), ("error", "error-bg"), ("success-text", "success-bg"), ("muted", "background"),
        ("text", "notice-bg"), ("link", "notice-bg"), ("button-text", "warning-bg"), ("button-bg", "background"),
    ]
    pairs = [(f"--{fg} on --{bg}", f"var(--{fg})", f"var(--{bg})") for fg, bg in named]
    # Every rule that sets both a text colour and a background (badges, buttons, skip link, messages).
    for selector, declarations in css_rules(CSS):
        background = declarations.get("background-color") or declarations.get("background")
        if "color" in declarations and background and background not in ("none", "transparent"):
            pairs.append((selector, declarations["color"], background))
    # A hover background keeps the button's own text colour.
    for selector, declarations in css_rules(CSS):
        if selector == ".button:hover":
            pairs.append((".button:hover", "var(--button-text)", declarations["background"]))
    return pairs


def test_stylesheet_defines_the_colours_the_suite_checks():
    expected = {"text", "background", "link", "button-text", "button-bg", "header-text", "header-bg", "error", "error-bg",
                "success-text", "success-bg", "muted"}
    assert expected <= set(VARIABLES), f"missing in :root: {expected - set(VARIABLES)}"
    badges = [selector for selector, _, _ in colour_pairs() if ".badge-" in selector]
    assert len(badges) >= 4, f"expected a colour pair for each badge, found {badges}"


@pytest.mark.parametrize("name, foreground, background", colour_pairs(), ids=[pair[0] for pair in colour_pairs()])
def test_colour_pair_meets_wcag_aa(name, foreground, background):
    ratio = contrast(colour(foreground), colour(background))
    assert ratio >= 4.5, f"{name}: {foreground} on {background} has contrast {ratio:.2f}:1, below 4.5:1"


def test_contrast_formula_matches_known_values():
    # Guards the formula itself: black on white is 21:1, #767676 on white just passes.
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
    assert contrast("#777777", "#ffffff") < 4.5


# ---------------------------------------------------------------------------
# A tour of every kind of page.

TOUR = [
    "start page", "choose role", "filing form (employee)", "filing form (employer)", "filing form with errors",
    "filing confirmation", "party case page", "party case page with errors", "withdrawal confirmation",
    "staff login", "staff login with error", "not found page", "work queue", "staff case page (triage form)",
    "staff case page (triage errors)", "staff case page (in review)", "letters to print", "printed letter",
    "my cases (panel member)", "staff case page (draft form)", "staff case page (draft errors)", "staff case page (draft sent)",
    "party case page (draft)", "party case page (draft comment errors)", "party case page (employer, draft)", "staff case page (ruled)",
    "party case page (ruled)", "printable ruling", "party case page (employer)", "work queue (coordinator)",
    "staff case page (coordinator)", "panel members", "panel members with errors", "escalations", "objections (coordinator)",
    "supervision dashboard", "forbidden page", "accounts (admin)", "account with history (admin)", "own password",
    "own password with errors", "party data",
]


class Tour:
    def __init__(self):
        self.audits: dict[str, support.Audit] = {}
        self.error: str | None = None

    def saw(self, name: str, b: support.Browser) -> None:
        assert name in TOUR, name
        self.audits[name] = b.last_audit


@pytest.fixture(scope="module")
def tour(module_browsers, staff) -> Tour:
    """Visits every kind of page once (desktop), through the pages; each page is audited as it loads."""
    seen = Tour()
    try:
        take_tour(seen, module_browsers, staff)
    except Exception:  # the pages reached so far are still checked; the others report this
        seen.error = traceback.format_exc(limit=4)
    return seen


def take_tour(seen: Tour, browser, staff) -> None:
    visitor = browser("visitor")
    for path, name in [("/", "start page"), ("/vraag", "choose role"), ("/vraag/werknemer", "filing form (employee)"),
                       ("/vraag/werkgever", "filing form (employer)")]:
        visitor.open(path)
        seen.saw(name, visitor)
    visitor.press("Vraag versturen")
    seen.saw("filing form with errors", visitor)
    visitor.open("/zaak/elc_" + "y" * 43)
    seen.saw("not found page", visitor)
    visitor.open("/medewerkers/inloggen")
    seen.saw("staff login", visitor)
    visitor.fill("email", "niemand@example.nl")
    visitor.fill("password", "geen-goed-wachtwoord")
    visitor.press("Inloggen")
    seen.saw("staff login with error", visitor)

    filing, ruling = support.unique_filing("rondleiding"), support.unique_ruling()
    employee = browser("employee")
    filed = support.file_as_employee(employee, filing, start_at_home=False)
    seen.saw("filing confirmation", employee)
    employee.open_case_link(filed.link)
    seen.saw("party case page", employee)
    employee.press("Reactie toevoegen")
    seen.saw("party case page with errors", employee)
    employee.open("/zaak/intrekken")
    seen.saw("withdrawal confirmation", employee)

    intake = browser("intake officer")
    support.open_login(intake, staff["intake"])
    seen.saw("work queue", intake)
    case_id = support.open_case_from_queue(intake, filed.reference)
    seen.saw("staff case page (triage form)", intake)
    intake.press("Beoordeling vastleggen")
    seen.saw("staff case page (triage errors)", intake)
    support.accept_case(intake, ["bedrijfsarts", "arbeidsdeskundige"])
    support.wait_for_panel(intake, 2)
    seen.saw("staff case page (in review)", intake)
    intake.open("/medewerkers/brieven")
    seen.saw("letters to print", intake)
    employer_link = support.print_letter(intake, filed.reference)
    seen.saw("printed letter", intake)

    chair = browser("panel chair")
    support.open_login(chair, staff["bedrijfsarts"])
    seen.saw("my cases (panel member)", chair)
    support.open_case_from_queue(chair, filed.reference)
    seen.saw("staff case page (draft form)", chair)
    chair.press("Concept versturen")
    seen.saw("staff case page (draft errors)", chair)
    support.issue_draft(chair, ruling)
    seen.saw("staff case page (draft sent)", chair)

    employee.open_case_link(filed.link)
    seen.saw("party case page (draft)", employee)
    employee.press("Opmerking versturen")
    seen.saw("party case page (draft comment errors)", employee)
    support.answer_draft(employee, "In het concept staat maart; ik ben in februari ziek geworden.")
    employer = browser("employer")
    employer.open_case_link(employer_link)
    seen.saw("party case page (employer, draft)", employer)
    support.answer_draft(employer)
    support.record_ruling(chair, ruling, comments_response="De datum is verbeterd naar februari; het oordeel verandert niet.")
    seen.saw("staff case page (ruled)", chair)

    employee.open_case_link(filed.link)
    seen.saw("party case page (ruled)", employee)
    employee.follow_link("Oordeel afdrukken")
    seen.saw("printable ruling", employee)
    employer.open_case_link(employer_link)
    seen.saw("party case page (employer)", employer)

    coordinator = browser("coordinator")
    support.open_login(coordinator, staff["coordinator"])
    seen.saw("work queue (coordinator)", coordinator)
    coordinator.open(f"/medewerkers/zaken/{case_id}")
    seen.saw("staff case page (coordinator)", coordinator)
    coordinator.open("/medewerkers/panel")
    seen.saw("panel members", coordinator)
    coordinator.press("Panellid toevoegen")
    seen.saw("panel members with errors", coordinator)
    coordinator.open("/medewerkers/escalaties")
    seen.saw("escalations", coordinator)
    coordinator.open("/medewerkers/bezwaren")
    seen.saw("objections (coordinator)", coordinator)

    inspector = browser("inspector")
    support.open_login(inspector, staff["inspector"])
    seen.saw("supervision dashboard", inspector)
    inspector.open("/medewerkers/zaken")
    seen.saw("forbidden page", inspector)
    inspector.open("/medewerkers/wachtwoord")
    seen.saw("own password", inspector)
    inspector.press("Wachtwoord wijzigen")
    seen.saw("own password with errors", inspector)

    admin = browser("admin")
    support.open_login(admin, staff["admin"])
    admin.open("/medewerkers/accounts")
    seen.saw("accounts (admin)", admin)
    admin.follow_link(staff["coordinator"].name)
    seen.saw("account with history (admin)", admin)

    employee.open("/zaak/gegevens")
    seen.saw("party data", employee)


@pytest.mark.parametrize("page", TOUR)
def test_page_passes_the_automated_accessibility_checks(tour, page):
    audit = tour.audits.get(page)
    assert audit is not None, f"the tour did not reach this page:\n{tour.error}"
    assert not audit.problems, f"{page} ({audit.url}):\n  " + "\n  ".join(audit.problems) + f"\nscreenshot: {audit.artifact}"


# ---------------------------------------------------------------------------
# The supervision dashboard and the coordinator's pages.


def session_of(b: support.Browser) -> requests.Session:
    """A requests session carrying the browser's cookies (the staff session is HttpOnly, WebDriver still reads it)."""
    http = requests.Session()
    for cookie in b.driver.get_cookies():
        http.cookies.set(cookie["name"], cookie["value"], path=cookie.get("path", "/"))
    return http


def test_supervision_dashboard_draws_charts_as_inline_svg(open_browser, staff):
    b = open_browser("inspector")
    support.open_login(b, staff["inspector"])
    assert b.path == "/medewerkers/toezicht"
    charts = b.find_all("main svg")
    assert len(charts) >= 3, f"expected at least 3 inline SVG charts, found {len(charts)}"
    for chart in charts:
        assert chart.get_attribute("role") == "img"
        ids = (chart.get_attribute("aria-labelledby") or "").split()
        names = [b.driver.find_element(By.ID, ref).get_attribute("textContent").strip() for ref in ids]
        assert len(names) == 2 and all(names), f"chart {ids} needs a title and a description: {names}"
    # Aggregates only: no case reference and no personal name on the page.
    assert not re.search(r"\bEL-\d{4}-\d+", b.text), "the dashboard shows a case reference"
    assert "Sanne" not in b.text


def test_supervision_csv_tables_download_as_csv_and_withhold_small_numbers(open_browser, staff, base_url):
    b = open_browser("inspector")
    support.open_login(b, staff["inspector"])
    links = [a.get_attribute("href") for a in b.find_all("main a[href$='.csv']")]
    assert len(links) == 4, f"expected a CSV link for each of the 4 figures, found {links}"
    http = session_of(b)
    for link in links:
        response = http.get(link, timeout=30, allow_redirects=False)
        assert response.status_code == 200, f"{link}: {response.status_code}"
        assert response.headers["Content-Type"].startswith("text/csv"), f"{link}: {response.headers['Content-Type']}"
        assert response.headers.get("Content-Disposition", "").startswith("attachment"), link
        header, *rows = response.text.strip().splitlines()
        assert ";" in header, f"{link} is not a semicolon table: {response.text[:200]}"
        # Employers appear only from 5 cases on; the other tables always have rows.
        assert rows or link.endswith("werkgevers.csv"), f"{link} has no rows"
        if link.endswith(("per-maand.csv", "uitkomsten.csv")):
            small = [cell for row in rows for cell in row.split(";")[1:] if cell.isdigit() and 0 < int(cell) < 5]
            assert not small, f"{link} shows counts under 5: {small}"
    # Without a session the tables are not handed out.
    anonymous = requests.get(links[0], timeout=30, allow_redirects=False)
    assert anonymous.status_code == 303 and "/medewerkers/inloggen" in anonymous.headers["Location"]


def test_coordinator_sees_panel_members_and_escalations(open_browser, staff):
    b = open_browser("coordinator")
    support.open_login(b, staff["coordinator"])
    b.follow(b.find("nav a[href='/medewerkers/panel']"))
    assert b.h1 == "Panelleden"
    for who in ("bedrijfsarts", "verzekeringsarts", "arbeidsdeskundige"):
        row = b.driver.find_element(By.XPATH, f"//tr[th[contains(., {support.xpath_literal(staff[who].email)})]]")
        assert re.search(r"\d+ van 50", row.text), f"no load shown for {staff[who].name}: {row.text}"
    b.follow(b.find("nav a[href='/medewerkers/escalaties']"))
    assert b.h1 == "Escalaties"
    assert b.exists("main table") or "Er zijn geen open escalaties." in b.text


# ---------------------------------------------------------------------------
# Everything the whole suite saw.


@pytest.mark.last
def test_every_page_the_suite_visited_passes_the_checks(audit_log):
    assert audit_log.audits, "no page was audited"
    failing = [audit for audit in audit_log.audits.values() if audit.problems]
    report = "\n".join(
        f"- {a.kind} [{a.viewport}] {a.url} (in {a.test}):\n    " + "\n    ".join(a.problems) + f"\n    screenshot: {a.artifact}"
        for a in sorted(failing, key=lambda a: (a.kind, a.viewport))
    )
    checked = sorted({f"{kind} [{viewport}]" for kind, viewport in audit_log.audits})
    assert not failing, f"{len(failing)} of {len(checked)} kinds of page fail the accessibility checks:\n{report}"


# ---------------------------------------------------------------------------
# The published tools: axe-core and the Nu HTML Checker (standards.py). The
# hand-written audit.js stays for what they do not check: that the first
# focusable element is a skip link into <main>, that the h1 comes first and no
# heading level is skipped going down (axe's heading-order only warns between
# siblings), that nothing the Content-Security-Policy would block is on the
# page, that the page fits 360 px without sideways scrolling (WCAG 1.4.10;
# axe does not measure reflow), and the browser console's errors.

import standards  # noqa: E402


@pytest.mark.last
def test_axe_core_finds_no_violation_on_any_kind_of_page_at_either_width_for_anyone(audit_log, artifacts):
    results = list(audit_log.axe.values())
    assert results, "axe-core checked no page"
    pairs = {(r.kind, r.who) for r in results}
    one_width = sorted(f"{kind} ({who})" for kind, who in pairs
                       if {v for (k, v, w) in audit_log.axe if k == kind and w == who} != set(support.VIEWPORTS))
    assert not one_width, f"checked at one width only: {one_width}"
    kinds = sorted({r.kind for r in results})
    people = sorted({r.who for r in results})
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "standards-summary.txt").write_text(
        f"axe-core {standards.AXE_VERSION} ({', '.join(standards.AXE_TAGS)}): {len(results)} audits = "
        f"{len(pairs)} page kinds x persons x {len(support.VIEWPORTS)} widths; {len(kinds)} kinds of page, {len(people)} persons\n"
        f"kinds: {', '.join(kinds)}\npersons: {', '.join(people)}\n", encoding="utf-8")
    failing = [r for r in results if r.violations]
    report = "\n".join(f"- {r.kind} [{r.viewport}, {r.who}] {r.url}:\n    " + "\n    ".join(r.problems) for r in failing)
    assert not failing, f"axe-core {standards.AXE_VERSION}: {len(failing)} of {len(results)} audits have violations:\n{report}"


@pytest.mark.last
def test_the_html_of_every_kind_of_page_passes_the_nu_html_checker(audit_log, artifacts):
    assert audit_log.html, "no page's HTML was kept"
    assert not audit_log.missing_html, f"the HTML of these pages was not found in the network log: {audit_log.missing_html}"
    files = sorted(set(audit_log.html.values()))
    errors = standards.validate_html(files)
    failing = {path: messages for path, messages in errors.items() if messages}
    with (artifacts / "standards-summary.txt").open("a", encoding="utf-8") as summary:
        summary.write(f"Nu HTML Checker: {len(files)} pages (kinds x persons), {sum(map(len, failing.values()))} errors\n")
    report = "\n".join(f"- {path.name}:\n    " + "\n    ".join(messages[:8]) for path, messages in sorted(failing.items()))
    assert not failing, f"{len(failing)} of {len(files)} pages are not valid HTML:\n{report}"


def test_the_html_checker_reports_errors(tmp_path):
    # Guards the checker's wiring: a page with a duplicate id and a stray end tag must fail.
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><p id="a">1</p><p id="a">2</p></div></body></html>')
    errors = standards.validate_html([page])
    assert len(errors[page]) >= 2, errors
