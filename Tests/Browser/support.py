"""Helpers for the browser tests: a thin wrapper around a Selenium driver that
waits for every navigation and audits every page it lands on, a small JSON API
client for setting up staff accounts, and the user-facing flows the tests share."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
import re
import secrets
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import requests
from selenium.common.exceptions import NoSuchElementException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

import standards

# The employer's postal address: an accepted case needs a way to reach the other party.
EMPLOYER_ADDRESS = {"street": "Marktstraat 1", "postal_code": "1011 AA", "city": "Amsterdam"}

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
STYLESHEET = REPO / "Sources/EenloketHTTP/Web/Static/eenloket.css"
AUDIT_JS = (HERE / "audit.js").read_text(encoding="utf-8")

# Generous for a loaded CI machine; a wait returns as soon as its condition holds.
WAIT_SECONDS = 15

VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 780)}


def emulate(driver: WebDriver, viewport: str) -> None:
    """Gives the page exactly this viewport (Chrome keeps a minimum window width, so 360 px is emulated)."""
    width, height = VIEWPORTS[viewport]
    # Not as a "mobile" device: its touch emulation sends some clicks to the wrong spot.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


# ---------------------------------------------------------------------------
# Page kinds, for reporting audits per kind of page rather than per URL.

_PAGE_KINDS = [
    (r"^/$", "start page"),
    (r"^/vraag$", "choose role"),
    (r"^/vraag/werknemer$", "filing form (employee)"),
    (r"^/vraag/werkgever$", "filing form (employer)"),
    (r"^/link-kwijt$", "link lost"),
    (r"^/toegankelijkheid$", "accessibility statement"),
    (r"^/privacy$", "privacy statement"),
    (r"^/zaak$", "party case page"),
    (r"^/zaak/uitspraak$", "printable ruling"),
    (r"^/zaak/intrekken$", "withdrawal confirmation"),
    (r"^/zaak/gegevens$", "party data"),
    (r"^/zaak/elc_[\w-]+$", "private link page"),
    (r"^/zaak/[\w/-]+$", "party case page (after a form)"),
    (r"^/medewerkers/inloggen$", "staff login"),
    (r"^/medewerkers/inloggen/code$", "staff login code"),
    (r"^/medewerkers/wachtwoord$", "own password"),
    (r"^/medewerkers/accounts$", "accounts"),
    (r"^/medewerkers/accounts/[^/]+$", "account"),
    (r"^/medewerkers/zaken$", "work queue"),
    (r"^/medewerkers/zaken/[^/]+$", "staff case page"),
    (r"^/medewerkers/zaken/[^/]+/\w+$", "staff case page (after a form)"),
    (r"^/medewerkers/brieven$", "letters to print"),
    (r"^/medewerkers/brieven/[^/]+/print$", "printed letter"),
    (r"^/medewerkers/panel$", "panel members"),
    (r"^/medewerkers/escalaties$", "escalations"),
    (r"^/medewerkers/bezwaren$", "objections"),
    (r"^/medewerkers/toezicht$", "supervision dashboard"),
]


def page_kind(url: str, title: str) -> str:
    path = urlsplit(url).path
    kind = next((name for pattern, name in _PAGE_KINDS if re.search(pattern, path)), path)
    # The error pages and re-shown forms differ from the normal page, so audit them apart.
    if title.startswith("Fout:"):
        kind += ", with errors"
    elif title.startswith(("Niet gevonden", "Dit mag niet", "Dat kan nu niet", "Er ging iets mis")):
        kind = "error page"
    if path.startswith("/vraag/") and title.startswith("Uw vraag is ontvangen"):
        kind = "filing confirmation"
    return kind


@dataclasses.dataclass
class Audit:
    kind: str
    viewport: str
    url: str
    issues: list[str]
    console: list[str]
    test: str
    artifact: str | None = None

    @property
    def problems(self) -> list[str]:
        return self.issues + [f"browser console: {line}" for line in self.console]


class AuditLog:
    """Every page any test visited, audited once per (kind of page, viewport); and
    per (kind of page, person) at both widths with axe-core, and its HTML kept
    for the Nu HTML Checker (standards.py)."""

    def __init__(self, artifacts: Path):
        self.artifacts = artifacts
        self.audits: dict[tuple[str, str], Audit] = {}
        self.axe: dict[tuple[str, str, str], standards.AxeResult] = {}
        self.html: dict[tuple[str, str], Path] = {}
        self.missing_html: list[str] = []
        self.checked: set[tuple[str, str]] = set()

    def record(self, audit: Audit, browser: "Browser") -> None:
        key = (audit.kind, audit.viewport)
        known = self.audits.get(key)
        # Keep the first audit of a kind, unless a later visit of it finds problems.
        if known is None or (not known.problems and audit.problems):
            if audit.problems:
                audit.artifact = browser.save_artifacts(f"audit-{audit.kind}-{audit.viewport}")
            self.audits[key] = audit


@dataclasses.dataclass
class Printed:
    page_sizes: list[tuple[float, float]]
    text: str


def print_to_pdf(b: "Browser") -> Printed:
    """The page as Chromium prints it (the page's own @page size), with the text taken out of the PDF again."""
    import base64
    import io

    import pypdf

    pdf = base64.b64decode(b.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})["data"])
    (b.artifacts).mkdir(parents=True, exist_ok=True)
    (b.artifacts / f"printed-{b.viewport}.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return Printed(sizes, text)


# ---------------------------------------------------------------------------
# The browser.


class Browser:
    """One person's browser: a Selenium driver with waits and audits built in."""

    def __init__(self, driver: WebDriver, base_url: str, viewport: str, who: str, log: AuditLog, artifacts: Path, test: str):
        self.driver = driver
        self.base_url = base_url.rstrip("/")
        self.viewport = viewport
        self.who = who
        self.log = log
        self.artifacts = artifacts
        self.test = test
        self.current_step: str | None = None
        self.last_audit: Audit | None = None
        self.wait = WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.05)

    # -- steps and artifacts

    @contextlib.contextmanager
    def step(self, name: str):
        """Names what this person is doing, for the failure report and screenshot (kept when the step fails)."""
        previous, self.current_step = self.current_step, name
        yield self
        self.current_step = previous

    def save_artifacts(self, label: str, test: str | None = None) -> str:
        self.artifacts.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{test or self.test}-{self.who}-{self.viewport}-{label}")[:180]
        png = self.artifacts / f"{stem}.png"
        try:
            self.driver.save_screenshot(str(png))
            (self.artifacts / f"{stem}.html").write_text(self.driver.page_source, encoding="utf-8")
        except Exception as error:  # a dead browser must not hide the real failure
            return f"(no screenshot: {error})"
        return str(png)

    # -- navigation

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    @property
    def path(self) -> str:
        parts = urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def open(self, path: str) -> "Browser":
        self.driver.get(self.url(path))
        self._loaded()
        return self

    def open_case_link(self, link: str) -> "Browser":
        """Opens a private link as a party does: its page, then its button (the link's first use)."""
        self.open(link)
        assert self.h1 == "Uw zaak bij Eenloket", f"the link's page: {self.title}"
        self.press("Open mijn zaak")
        return self

    def follow(self, element: WebElement) -> "Browser":
        """Clicks a link or submit button and waits for the next page."""
        # A mark on the old page's window: it is gone once the next page has replaced it.
        self.driver.execute_script("window.__eenloketOldPage = true; arguments[0].scrollIntoView({block: 'center'})", element)
        try:
            element.click()
        except WebDriverException as error:
            # ChromeDriver sometimes looks at the clicked node after the new page replaced it; the click did happen.
            if "does not belong to the document" not in str(error):
                raise
        self.wait.until(self._new_page, f"clicking {element_label(element)} did not open a new page")
        self._loaded()
        return self

    def _new_page(self, driver) -> bool:
        try:
            return driver.execute_script("return !window.__eenloketOldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False  # between two pages

    def follow_link(self, text: str, within: WebElement | None = None) -> "Browser":
        scope = within or self.driver
        return self.follow(scope.find_element(By.XPATH, f".//a[normalize-space()={xpath_literal(text)}]"))

    def press(self, label: str, within: WebElement | None = None) -> "Browser":
        """Presses the submit button with this text and waits for the next page."""
        scope = within or self.driver
        return self.follow(scope.find_element(By.XPATH, f".//button[normalize-space()={xpath_literal(label)}]"))

    def refresh_until(self, condition, message: str) -> None:
        """Reloads the page until `condition(browser)` holds, for work the service finishes just after a request."""

        def reloaded(_):
            if condition(self):
                return True
            self.driver.refresh()
            self._loaded(audit=False)
            return False

        WebDriverWait(self.driver, WAIT_SECONDS, poll_frequency=0.3).until(reloaded, message)
        self.audit()

    def _loaded(self, audit: bool = True) -> None:
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
        if audit:
            self.audit()

    def audit(self) -> Audit:
        network = self.driver.get_log("performance")  # read on every page, so it never piles up
        issues = self.driver.execute_script(AUDIT_JS)
        console = [
            entry["message"]
            for entry in self.driver.get_log("browser")
            if entry["level"] == "SEVERE" and not self._expected_console_error(entry["message"])
        ]
        audit = Audit(page_kind(self.driver.current_url, self.title), self.viewport, self.path, issues, console, self.test)
        self.log.record(audit, self)
        self.last_audit = audit
        if (audit.kind, self.who) not in self.log.checked:
            self.log.checked.add((audit.kind, self.who))
            self._check_standards(audit, network)
        return audit

    def _check_standards(self, audit: Audit, network: list[dict]) -> None:
        """axe-core at both widths, the hand audit at the other width, and the page's HTML kept for validation."""
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{audit.kind}--{self.who}").strip("-")
        body = standards.document_body(self.driver, network)
        if body is None:
            self.log.missing_html.append(f"{audit.kind} ({self.who}, {audit.url})")
        else:
            folder = self.log.artifacts / "html"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{slug}.html").write_text(body, encoding="utf-8")
            self.log.html[(audit.kind, self.who)] = folder / f"{slug}.html"
        self.log.axe[(audit.kind, self.viewport, self.who)] = standards.AxeResult(
            audit.kind, self.viewport, self.who, audit.url, standards.run_axe(self.driver))
        other = next(name for name in VIEWPORTS if name != self.viewport)
        emulate(self.driver, other)
        try:
            issues = self.driver.execute_script(AUDIT_JS)
            self.log.record(Audit(audit.kind, other, audit.url, issues, [], self.test), self)
            self.log.axe[(audit.kind, other, self.who)] = standards.AxeResult(
                audit.kind, other, self.who, audit.url, standards.run_axe(self.driver))
        finally:
            emulate(self.driver, self.viewport)

    def _expected_console_error(self, message: str) -> bool:
        # The page's own status (404, 422, 403 pages are meant) and the favicon this site does not have.
        if "favicon.ico" in message:
            return True
        return "Failed to load resource" in message and message.startswith(self.driver.current_url.split("#")[0] + " ")

    # -- reading the page

    @property
    def title(self) -> str:
        return self.driver.title

    @property
    def source(self) -> str:
        return self.driver.page_source

    @property
    def text(self) -> str:
        """The visible text of the page."""
        return self.driver.find_element(By.TAG_NAME, "body").text

    @property
    def h1(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def exists(self, css: str) -> bool:
        return bool(self.driver.find_elements(By.CSS_SELECTOR, css))

    def section(self, heading: str) -> WebElement:
        """The <section> (or form) whose heading has this text."""
        return self.driver.find_element(
            By.XPATH, f"//section[.//*[self::h2 or self::h3][normalize-space()={xpath_literal(heading)}]]"
        )

    def value(self, element_id: str) -> str:
        return self.driver.find_element(By.ID, element_id).get_attribute("value")

    # -- filling in forms

    def fill(self, element_id: str, text: str) -> None:
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(text)

    def fill_date(self, element_id: str, day: datetime.date) -> None:
        """Types a date the way a person would; the field's order (d-m-y or m-d-y) follows the browser's locale."""
        field = self.driver.find_element(By.ID, element_id)
        for pattern in ("%d%m%Y", "%m%d%Y"):
            field.clear()
            field.send_keys(day.strftime(pattern))
            if field.get_attribute("value") == day.isoformat():
                return
        raise AssertionError(f"could not type {day} into the date field #{element_id}")

    def fill_time(self, element_id: str, hour: int, minute: int) -> None:
        """Types a time as a person would (24-hour or with AM/PM, as the browser's locale shows it)."""
        field = self.driver.find_element(By.ID, element_id)
        wanted = f"{hour:02d}:{minute:02d}"
        for typed in (f"{hour:02d}{minute:02d}", f"{(hour - 1) % 12 + 1:02d}{minute:02d}{'PM' if hour >= 12 else 'AM'}"):
            field.clear()
            field.send_keys(typed)
            if field.get_attribute("value") == wanted:
                return
        raise AssertionError(f"could not type {wanted} into the time field #{element_id}")

    def tick(self, element_id: str) -> None:
        """Checks a checkbox or chooses a radio button by clicking it (or its label)."""
        field = self.driver.find_element(By.ID, element_id)
        if not field.is_selected():
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
            field.click()
        assert field.is_selected(), f"#{element_id} did not get selected"

    def choose(self, element_id: str, value: str) -> None:
        Select(self.driver.find_element(By.ID, element_id)).select_by_value(value)

    def error_summary(self, within: WebElement | None = None) -> WebElement:
        scope = within or self.driver
        try:
            return scope.find_element(By.CSS_SELECTOR, ".error-summary")
        except NoSuchElementException:
            raise AssertionError(f"no error summary on {self.path} ({self.title})") from None


def element_label(element: WebElement) -> str:
    try:
        return f"<{element.tag_name}> {element.text!r}"
    except WebDriverException:
        return "an element"


def xpath_literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


# ---------------------------------------------------------------------------
# The JSON API, only for creating staff accounts.


@dataclasses.dataclass(frozen=True)
class Staff:
    email: str
    password: str
    name: str
    role: str
    discipline: str | None = None


class Api:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()

    def login(self, email: str, password: str) -> str:
        response = self.http.post(f"{self.base_url}/api/v1/sessions", json={"email": email, "password": password}, timeout=30)
        assert response.status_code == 201, f"API login as {email}: {response.status_code} {response.text}"
        return response.json()["token"]

    def create_staff(self, admin_token: str, staff: Staff) -> dict:
        body: dict = {"email": staff.email, "name": staff.name, "password": staff.password, "role": staff.role}
        if staff.discipline:
            body["panel"] = {
                "discipline": staff.discipline,
                "registered_since": "2012-03-01",
                "affiliations": [],
                # Enough room for every case the suite routes, so routing stays predictable.
                "max_open_cases": 50,
            }
            if staff.discipline != "arbeidsdeskundige":
                body["panel"]["big_number"] = "490" + "".join(secrets.choice("0123456789") for _ in range(8))
        response = self.http.post(
            f"{self.base_url}/api/v1/staff", json=body, headers={"Authorization": f"Bearer {admin_token}"}, timeout=30
        )
        assert response.status_code == 201, f"creating {staff.email}: {response.status_code} {response.text}"
        return response.json()

    # Set-up only, for tests about a later step (the journey tests file and triage through the pages).

    def file_case(self, filing: "Filing") -> dict:
        body = {
            "filer_role": "employee",
            "filer": {"name": filing.name, "email": filing.email},
            "employee": {"name": filing.name},
            "employer": {"name": filing.employer, "kvk_number": filing.kvk, "address": EMPLOYER_ADDRESS}
            | ({"email": filing.employer_email} if filing.employer_email else {}),
            "sick_since": filing.sick_since.isoformat(),
            "question": filing.question,
            "medical_information": filing.medical,
        }
        response = self.http.post(
            f"{self.base_url}/api/v1/cases", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}, timeout=30
        )
        assert response.status_code == 201, f"filing through the API: {response.status_code} {response.text}"
        return response.json()

    def case(self, token: str, case_id: str) -> dict:
        response = self.http.get(f"{self.base_url}/api/v1/cases/{case_id}", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert response.status_code == 200, f"reading the case: {response.status_code} {response.text}"
        return response.json()

    def accept(self, token: str, case_id: str, disciplines: list[str]) -> dict:
        body = {
            "decision": "accept", "case_type": "work_capacity", "other_options_exhausted": True,
            "disciplines": disciplines, "motivation": "Andere mogelijkheden zijn geprobeerd.",
        }
        response = self.http.post(
            f"{self.base_url}/api/v1/cases/{case_id}/triage", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        assert response.status_code == 200, f"triage through the API: {response.status_code} {response.text}"
        return response.json()


def make_staff(run: str) -> dict[str, Staff]:
    """The staff the suite works with. E-mail addresses and names carry the run's
    tag, so a panel line or a login can never match an account of another run."""
    return {
        "intake": Staff(f"intake-{run}@example.nl", "intake-wachtwoord-1", f"Ingrid de Wit {run}", "intake_officer"),
        "bedrijfsarts": Staff(f"ba-{run}@example.nl", "bedrijfsarts-ww-1", f"Dr. Bas Smit {run}", "panel_member", "bedrijfsarts"),
        "verzekeringsarts": Staff(
            f"va-{run}@example.nl", "verzekeringsarts-ww", f"Dr. Vera Kok {run}", "panel_member", "verzekeringsarts"
        ),
        "arbeidsdeskundige": Staff(
            f"ad-{run}@example.nl", "arbeidsdeskundige-ww", f"Anton Dekker {run}", "panel_member", "arbeidsdeskundige"
        ),
        "coordinator": Staff(f"coord-{run}@example.nl", "coordinator-ww-1", f"Carla Bos {run}", "coordinator"),
        "inspector": Staff(f"toezicht-{run}@example.nl", "toezicht-ww-123", f"Iris Vos {run}", "inspector"),
    }


# ---------------------------------------------------------------------------
# Test data.


@dataclasses.dataclass
class Filing:
    """What an employee types into the filing form. Markers make leaks easy to spot."""

    name: str
    email: str
    employer: str
    kvk: str
    sick_since: datetime.date
    question: str
    medical: str
    physician: str = "J. Bakker"
    arbodienst: str = "ArboNed"
    employer_email: str = ""


def unique_filing(label: str) -> Filing:
    tag = uuid.uuid4().hex[:8]
    return Filing(
        name=f"Sanne de Vries {tag}",
        email=f"sanne-{tag}@example.nl",
        employer=f"Bakkerij Jansen {tag} B.V.",
        kvk="".join(secrets.choice("123456789") for _ in range(8)),
        sick_since=datetime.date.today() - datetime.timedelta(days=60),
        question=f"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet ({label} {tag}).",
        medical=f"Sinds maart behandeld voor een burn-out (medisch kenmerk MED-{tag}).",
    )


@dataclasses.dataclass
class Ruling:
    decision: str
    motivation: str
    medical: str
    outcome: str = "overturned"


def unique_ruling() -> Ruling:
    tag = uuid.uuid4().hex[:8]
    return Ruling(
        decision=f"Werknemer is belastbaar voor 12 uur per week in aangepast werk (besluit {tag}).",
        motivation="Het panel heeft beide partijen gehoord en het dossier bestudeerd.",
        medical=f"Het herstel verloopt langzamer dan verwacht (medische overweging MO-{tag}).",
    )


# ---------------------------------------------------------------------------
# Flows through the pages, shared by the tests.


@dataclasses.dataclass
class Filed:
    reference: str
    link: str


def file_as_employee(b: Browser, filing: Filing, start_at_home: bool = True, agree: bool = False) -> Filed:
    """An employee files a question through the pages and keeps the private link."""
    with b.step("employee opens the filing form"):
        if start_at_home:
            b.open("/")
            b.follow_link("Stel uw vraag")
            b.follow(b.find('a[href="/vraag/werknemer"]'))
        else:
            b.open("/vraag/werknemer")
        assert b.h1 == "Vraag stellen als werknemer"
    with b.step("employee fills in the filing form"):
        fill_filing(b, filing)
        if agree:
            b.tick("veld-akkoord")
    with b.step("employee sends the filing form"):
        b.press("Vraag versturen")
        assert b.h1 == "Uw vraag is ontvangen", f"expected the confirmation page, got {b.title!r}: {b.text[:500]}"
        reference = b.find(".reference").text.strip()
        link = b.find("#prive-link").get_attribute("href")
    return Filed(reference, link)


def invitation_link(reference: str, timeout: float = 15) -> str:
    """The private link in the invitation the service e-mailed for this case."""
    return mailed_link(reference, "Uitnodiging", timeout)


def mailed_link(reference: str, marker: str, timeout: float = 15) -> str:
    """The private link in a message for this case holding `marker` (read
    from the run's mail spool, $EENLOKET_MAIL_SPOOL)."""
    spool = Path(os.environ["EENLOKET_MAIL_SPOOL"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in sorted(spool.glob("*.eml")) if spool.exists() else []:
            text = message.read_text(encoding="utf-8", errors="replace")
            if reference in text and marker in text:
                found = re.search(r"(https?://\S+/zaak/elc_[A-Za-z0-9_-]+)", text)
                if found:
                    return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no message with {marker!r} for {reference} in {spool}")


def agree_on_case_page(b: Browser, name: str) -> None:
    """A party agrees to be bound on its case page."""
    with b.step("party reads the agreement and agrees to be bound"):
        section = b.section("Bindend oordeel of advies")
        assert "Lees wat u afspreekt" in section.text
        b.tick("veld-akkoord-agree")
        b.fill("veld-akkoord-name", name)
        b.press("Akkoord gaan", within=section)
        assert "U bent akkoord gegaan met een bindend oordeel." in b.find(".success").text, b.text[:800]


def fill_filing(b: Browser, filing: Filing) -> None:
    b.fill("veld-filer-name", filing.name)
    b.fill("veld-filer-email", filing.email)
    b.fill("veld-employer-name", filing.employer)
    b.fill("veld-employer-kvk-number", filing.kvk)
    if filing.employer_email:
        b.fill("veld-employer-email", filing.employer_email)
    else:
        # Without an e-mail address the invitation is a letter to the postal address.
        b.fill("veld-employer-address-street", EMPLOYER_ADDRESS["street"])
        b.fill("veld-employer-address-postal-code", EMPLOYER_ADDRESS["postal_code"])
        b.fill("veld-employer-address-city", EMPLOYER_ADDRESS["city"])
    b.fill_date("veld-sick-since", filing.sick_since)
    b.fill("veld-occupational-physician-name", filing.physician)
    b.fill("veld-occupational-physician-organisation", filing.arbodienst)
    b.fill("veld-question", filing.question)
    b.fill("veld-medical-information", filing.medical)


def log_in(b: Browser, staff: Staff) -> None:
    """Logs in on the login page (which must be open) and waits for the next page."""
    with b.step(f"{staff.role} logs in"):
        assert urlsplit(b.driver.current_url).path == "/medewerkers/inloggen", f"not on the login page: {b.path}"
        b.fill("email", staff.email)
        b.fill("password", staff.password)
        b.press("Inloggen")
        assert not b.exists(".error-summary"), f"login as {staff.email} failed: {b.text[:300]}"


def open_login(b: Browser, staff: Staff) -> None:
    b.open("/medewerkers/inloggen")
    log_in(b, staff)


def open_case_from_queue(b: Browser, reference: str) -> str:
    """Finds the case in the work queue (or 'Mijn zaken') and opens it; returns the case id."""
    with b.step(f"finding case {reference} in the queue"):
        b.open("/medewerkers/zaken")
        rows = b.driver.find_elements(By.XPATH, f"//table[contains(@class,'queue')]//a[normalize-space()={xpath_literal(reference)}]")
        assert rows, f"case {reference} is not in the queue ({b.title}): {b.text[:800]}"
        b.follow(rows[0])
        assert reference in b.find(".eyebrow").text
        return urlsplit(b.driver.current_url).path.rsplit("/", 1)[-1]


def accept_case(b: Browser, disciplines: list[str], motivation: str = "De bedrijfsarts heeft heroverweging geweigerd.") -> None:
    """The intake officer accepts the open case: second opinion, the given disciplines, other options tried."""
    with b.step("intake officer fills in the triage form"):
        form = b.section("Beoordelen")
        b.tick("besluit-accept")
        b.choose("veld-beoordeling-case-type", "second_opinion")
        for discipline in disciplines:
            b.tick(f"discipline-{discipline}")
        b.tick("uitgeput")
        b.fill("veld-beoordeling-motivation", motivation)
    with b.step("intake officer records the triage"):
        b.press("Beoordeling vastleggen", within=form)
        assert "De beoordeling is vastgelegd." in b.find(".success").text, b.text[:600]


def wait_for_panel(b: Browser, members: int) -> list[str]:
    """Reloads the staff case page until routing has seated the panel; returns the panel lines."""
    with b.step("waiting for the panel to be seated"):
        b.refresh_until(lambda b: len(panel_lines(b)) >= members, f"the panel was not seated with {members} members")
        return panel_lines(b)


def panel_lines(b: Browser) -> list[str]:
    return [li.text for li in b.driver.find_elements(By.XPATH, "//h3[normalize-space()='Panel']/following-sibling::ul[1]/li")]


def print_letter(b: Browser, reference: str) -> str:
    """The intake officer prints the invitation letter of a case; returns the private link in it."""
    with b.step("intake officer opens the letters to print"):
        b.open("/medewerkers/brieven")

        def row(b):
            return b.driver.find_elements(By.XPATH, f"//tr[th[normalize-space()={xpath_literal(reference)}]]")

        b.refresh_until(lambda b: row(b), f"no letter for {reference} in the print queue")
        letter_row = row(b)[0]
        assert "Uitnodiging andere partij" in letter_row.text
    with b.step("intake officer prints the letter"):
        b.press("Afdrukken", within=letter_row)
        assert reference in b.title
        links = re.findall(r"https?://[^\s<>\"]+/zaak/[A-Za-z0-9_\-.~%]+", b.text)
        assert len(links) == 1, f"expected one private link in the letter, found {links}: {b.text[:800]}"
        return links[0]


def issue_draft(b: Browser, ruling: Ruling) -> None:
    """The panel chair sends the draft of the ruling from the open case page (the draft round)."""
    with b.step("chair fills in the draft"):
        form = b.section("Concept van het oordeel maken")
        b.tick(f"uitkomst-{ruling.outcome}")
        b.fill("veld-uitspraak-decision", ruling.decision)
        b.fill("veld-uitspraak-motivation", ruling.motivation)
        b.fill("veld-uitspraak-medical-considerations", ruling.medical)
    with b.step("chair sends the draft"):
        b.press("Concept versturen", within=form)
        assert "Het concept is verstuurd." in b.find(".success").text, b.text[:800]


def answer_draft(b: Browser, comment: str | None = None) -> None:
    """A party, on its case page, points out a factual error in the draft, or says it has none."""
    with b.step("party answers the draft" + (" with a comment" if comment else " without comments")):
        b.open("/zaak")
        if comment:
            b.fill("veld-concept-text", comment)
            b.press("Opmerking versturen")
        else:
            b.press("Ik heb geen opmerkingen")
        assert "Uw reactie op het concept is opgeslagen." in b.find(".success").text, b.text[:800]


def record_ruling(b: Browser, ruling: Ruling, comments_response: str | None = None) -> None:
    """The panel chair fills in and records the ruling on the case page (after the draft round)."""
    with b.step("chair fills in the ruling form"):
        b.open(b.path)
        form = b.section("Oordeel vastleggen")
        b.tick(f"uitkomst-{ruling.outcome}")
        b.fill("veld-uitspraak-decision", ruling.decision)
        b.fill("veld-uitspraak-motivation", ruling.motivation)
        b.fill("veld-uitspraak-medical-considerations", ruling.medical)
        if comments_response:
            b.fill("veld-uitspraak-comments-response", comments_response)
    with b.step("chair records the ruling"):
        b.press("Oordeel vastleggen", within=form)
        assert "Het oordeel is vastgelegd." in b.find(".success").text, b.text[:800]


def rule_after_draft_round(chair: Browser, ruling: Ruling, parties: list[Browser]) -> None:
    """The chair sends the draft, each party (its link already opened) says it has no comments,
    and the chair records the ruling at once."""
    issue_draft(chair, ruling)
    for party in parties:
        answer_draft(party)
    record_ruling(chair, ruling)