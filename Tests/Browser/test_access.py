"""Who sees what: medical text never reaches the employer's side, a panel
arbeidsdeskundige or a coordinator; staff pages need a login and return to
the page asked for; each role gets its own pages only."""

import dataclasses
import datetime
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

import support


@dataclasses.dataclass
class PrivacyCase:
    filing: support.Filing
    ruling: support.Ruling
    filed: support.Filed
    case_id: str
    employer_link: str
    medical_statement: str
    plain_statement: str

    @property
    def medical_texts(self) -> list[str]:
        return [self.filing.medical, self.medical_statement, self.ruling.medical]


def add_statement(b: support.Browser, text: str, medical: bool) -> None:
    with b.step("employee adds a statement" + (" marked medical" if medical else "")):
        form = b.section("Reacties")
        b.fill("veld-reactie-text", text)
        if medical:
            b.tick("reactie-medisch")
        b.press("Reactie toevoegen", within=form)
        assert "Uw reactie is toegevoegd." in b.find(".success").text


@pytest.fixture(scope="module")
def privacy_case(module_browsers, staff) -> PrivacyCase:
    """An employee's case with medical information, a medical statement and a ruling with
    medical considerations; the employer was invited by letter (no e-mail address given)."""
    tag = uuid.uuid4().hex[:8]
    filing = support.unique_filing("privacy")
    ruling = support.unique_ruling()
    employee = module_browsers("employee")
    filed = support.file_as_employee(employee, filing, start_at_home=False)
    employee.open_case_link(filed.link)
    medical_statement = f"Mijn nieuwe medicatie maakt mij suf (medische reactie MR-{tag})."
    plain_statement = f"Ik kan op dinsdag en donderdag werken (reactie {tag})."
    add_statement(employee, medical_statement, medical=True)
    add_statement(employee, plain_statement, medical=False)

    intake = module_browsers("intake officer")
    support.open_login(intake, staff["intake"])
    case_id = support.open_case_from_queue(intake, filed.reference)
    support.accept_case(intake, ["bedrijfsarts", "verzekeringsarts", "arbeidsdeskundige"])
    support.wait_for_panel(intake, 3)
    employer_link = support.print_letter(intake, filed.reference)

    chair = module_browsers("panel chair")
    support.open_login(chair, staff["bedrijfsarts"])
    support.open_case_from_queue(chair, filed.reference)
    employer = module_browsers("employer")
    employer.open_case_link(employer_link)
    support.rule_after_draft_round(chair, ruling, [employee, employer])
    return PrivacyCase(filing, ruling, filed, case_id, employer_link, medical_statement, plain_statement)


def assert_no_medical_text(b: support.Browser, case: PrivacyCase) -> None:
    source = b.source
    for text in case.medical_texts:
        assert text not in source, f"{b.who} sees medical text on {b.path}: {text!r}"
    for heading in ("Medische informatie", "Medische overwegingen"):
        assert heading not in b.text, f"{b.who} sees a '{heading}' section on {b.path}"


# ---------------------------------------------------------------------------
# Medical text stays with the employee, the intake officer and the panel physicians.


def test_employer_filing_form_offers_no_medical_field(open_browser):
    employer = open_browser("employer")
    employer.open("/vraag")
    employer.follow(employer.find('a[href="/vraag/werkgever"]'))
    assert employer.h1 == "Vraag stellen als werkgever"
    fields = {element.get_attribute("name") for element in employer.find_all("input, textarea, select")}
    assert "medical_information" not in fields, "the employer's form offers a medical field"
    assert not any("medical" in (name or "") for name in fields), fields
    assert "mag u geen medische gegevens" in employer.text
    # Also not when the form comes back with errors.
    employer.press("Vraag versturen")
    assert employer.title.startswith("Fout:")
    assert not employer.exists('[name="medical_information"]'), "the employer's form with errors offers a medical field"


def test_tampered_employer_form_stores_no_medical_text(base_url, open_browser, staff):
    """A hand-made POST with a medical field on the employer's form must not bring the text anywhere."""
    http = requests.Session()
    form_page = http.get(f"{base_url}/vraag/werkgever", timeout=30)
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form_page.text))
    marker = f"Diagnose: hernia (werkgever-kenmerk WG-{uuid.uuid4().hex[:8]})"
    tag = uuid.uuid4().hex[:6]
    response = http.post(
        f"{base_url}/vraag/werkgever",
        data={
            **hidden,
            "filer.name": "Petra Jansen", "filer.email": f"petra-{tag}@example.nl",
            "employer.name": f"Transport {tag} B.V.", "employer.kvk_number": "87654321",
            "employee.name": f"Kees {tag}", "sick_since": (datetime.date.today() - datetime.timedelta(days=30)).isoformat(),
            "question": "Is het aangeboden werk in het magazijn passend voor onze werknemer?",
            "medical_information": marker,
        },
        timeout=30,
    )
    assert marker not in response.text
    if "Uw vraag is ontvangen" not in response.text:
        return  # refused outright: nothing was stored
    reference = re.search(r'class="reference">([^<]+)<', response.text).group(1)
    link = re.search(r'id="prive-link" href="([^"]+)"', response.text).group(1)
    assert marker not in http.get(link, timeout=30).text, "the employer's own case page shows the medical text"
    intake = open_browser("intake officer")
    support.open_login(intake, staff["intake"])
    support.open_case_from_queue(intake, reference)
    assert marker not in intake.source, "a medical text sent on the employer's form was stored"


def test_invited_employer_never_sees_medical_text(open_browser, privacy_case):
    employer = open_browser("employer")
    with employer.step("employer opens the private link from the letter"):
        employer.open_case_link(privacy_case.employer_link)
        assert employer.h1 == "Uw zaak: Oordeel gegeven"
        assert "U bent in deze zaak de werkgever." in employer.text
        # Positive controls: the employer does see the case, the functional decision and plain statements.
        assert privacy_case.filed.reference in employer.text
        assert privacy_case.ruling.decision in employer.text
        assert privacy_case.plain_statement in employer.text
        assert_no_medical_text(employer, privacy_case)
        assert not employer.exists("#reactie-medisch")
    with employer.step("employer opens the printable ruling"):
        employer.follow_link("Oordeel afdrukken")
        assert employer.h1 == "Advies", "nobody agreed to be bound: the ruling is advice"
        assert privacy_case.ruling.decision in employer.text
        assert_no_medical_text(employer, privacy_case)


def test_panel_arbeidsdeskundige_does_not_see_medical_text(open_browser, staff, privacy_case):
    expert = open_browser("arbeidsdeskundige")
    support.open_login(expert, staff["arbeidsdeskundige"])
    support.open_case_from_queue(expert, privacy_case.filed.reference)
    with expert.step("arbeidsdeskundige reads the case"):
        assert privacy_case.filing.question in expert.text
        assert privacy_case.ruling.decision in expert.text
        assert privacy_case.plain_statement in expert.text
        assert_no_medical_text(expert, privacy_case)


def test_coordinator_does_not_see_medical_text(open_browser, staff, privacy_case):
    coordinator = open_browser("coordinator")
    support.open_login(coordinator, staff["coordinator"])
    coordinator.open(f"/medewerkers/zaken/{privacy_case.case_id}")
    assert privacy_case.ruling.decision in coordinator.text
    assert_no_medical_text(coordinator, privacy_case)


@pytest.mark.parametrize("who", ["intake", "verzekeringsarts"])
def test_intake_officer_and_panel_physicians_do_see_medical_text(open_browser, staff, privacy_case, who):
    # The counterpart of the tests above: the markers are on the pages of those who may read them.
    reader = open_browser(who)
    support.open_login(reader, staff[who])
    reader.open(f"/medewerkers/zaken/{privacy_case.case_id}")
    for text in privacy_case.medical_texts:
        assert text in reader.text, f"the {who} should see {text!r}"


# ---------------------------------------------------------------------------
# Logging in.


@pytest.mark.parametrize(
    "who, page",
    [
        ("intake", "/medewerkers/brieven"),
        ("intake", "case page"),
        ("coordinator", "/medewerkers/escalaties"),
        ("inspector", "/medewerkers/toezicht"),
    ],
)
def test_staff_page_without_login_goes_to_login_and_back(open_browser, staff, privacy_case, who, page):
    if page == "case page":
        page = f"/medewerkers/zaken/{privacy_case.case_id}"
    b = open_browser(who)
    b.open(page)
    url = urlsplit(b.driver.current_url)
    assert url.path == "/medewerkers/inloggen", f"{page} without a login shows {b.path} ({b.title})"
    assert parse_qs(url.query).get("terug") == [page], f"the login page does not remember {page}: {b.path}"
    assert b.h1 == "Inloggen voor medewerkers"
    support.log_in(b, staff[who])
    assert b.path == page, f"after logging in, expected to be back at {page}, got {b.path}"


def test_logging_out_ends_the_session(open_browser, staff):
    b = open_browser("intake officer")
    support.open_login(b, staff["intake"])
    b.press("Uitloggen (" + staff["intake"].name + ")")
    assert urlsplit(b.driver.current_url).path == "/medewerkers/inloggen"
    assert not any(cookie["name"] == "eenloket_sessie" and cookie["value"] for cookie in b.driver.get_cookies())
    b.open("/medewerkers/zaken")
    assert urlsplit(b.driver.current_url).path == "/medewerkers/inloggen", "the work queue still opens after logging out"


def test_wrong_password_does_not_log_in(open_browser, staff):
    b = open_browser("intake officer")
    b.open("/medewerkers/inloggen")
    b.fill("email", staff["intake"].email)
    b.fill("password", "dit-is-niet-het-wachtwoord")
    b.press("Inloggen")
    assert "Het e-mailadres of het wachtwoord klopt niet." in b.error_summary().text
    assert b.value("email") == staff["intake"].email, "the login form forgot the e-mail address"
    assert b.value("password") == "", "the login form sends the password back"


@pytest.mark.parametrize(
    "who, start, heading",
    [
        ("intake", "/medewerkers/zaken", "Werkvoorraad"),
        ("bedrijfsarts", "/medewerkers/zaken", "Mijn zaken"),
        ("coordinator", "/medewerkers/zaken?status=awaiting_panel", "Werkvoorraad"),
        ("inspector", "/medewerkers/toezicht", "Toezicht"),
    ],
)
def test_each_role_starts_on_its_own_page(open_browser, staff, who, start, heading):
    b = open_browser(who)
    support.open_login(b, staff[who])
    assert b.path == start
    assert b.h1 == heading


@pytest.mark.parametrize(
    "who, page",
    [
        ("inspector", "/medewerkers/zaken"),
        ("inspector", "case page"),
        ("bedrijfsarts", "/medewerkers/brieven"),
        ("bedrijfsarts", "/medewerkers/panel"),
        ("intake", "/medewerkers/toezicht"),
        ("intake", "/medewerkers/escalaties"),
    ],
)
def test_pages_of_other_roles_are_refused(open_browser, staff, privacy_case, who, page):
    if page == "case page":
        page = f"/medewerkers/zaken/{privacy_case.case_id}"
    b = open_browser(who)
    support.open_login(b, staff[who])
    assert not b.exists(f'nav a[href="{page}"]'), f"the menu of the {who} links to {page}"
    b.open(page)
    assert b.h1 == "Dit mag niet", f"the {who} opened {page}: {b.title}"
    assert privacy_case.filed.reference not in b.text


def test_unknown_private_link_is_not_found(open_browser):
    b = open_browser("visitor")
    b.open("/zaak/elc_" + "x" * 43)
    assert b.h1 == "Niet gevonden"


def test_an_invited_employee_sees_medical_text_only_after_staff_verified_the_link(open_browser, staff, api, base_url):
    """Security finding H1: the employer typed the employee's address, so the invited
    employee's link shows no medical text until the intake officer verified it."""
    tag = uuid.uuid4().hex[:6]
    marker = f"MEDISCH-UITGENODIGD-{tag} belastbaar voor 12 uur"
    filed = api.http.post(f"{base_url}/api/v1/cases", json={
        "filer_role": "employer", "filer": {"name": "Jan de Baas", "email": f"jan-{tag}@bakkerij.example"},
        "employee": {"name": f"Kees {tag}", "address": {"street": "Lindelaan 4", "postal_code": "3512 AB", "city": "Utrecht"}},
        "employer": {"name": f"Bakkerij {tag} B.V.", "kvk_number": "12345678"},
        "sick_since": (datetime.date.today() - datetime.timedelta(days=40)).isoformat(),
        "question": "Is het aangeboden werk in de winkel passend voor onze werknemer?"}, timeout=30)
    assert filed.status_code == 201, filed.text
    case = filed.json()
    intake_token = api.login(staff["intake"].email, staff["intake"].password)
    api.accept(intake_token, case["id"], ["bedrijfsarts"])
    chair_token = api.login(staff["bedrijfsarts"].email, staff["bedrijfsarts"].password)
    statement = api.http.post(
        f"{base_url}/api/v1/cases/{case['id']}/statements", json={"text": marker, "medical": True},
        headers={"Authorization": f"Bearer {chair_token}"}, timeout=30)
    assert statement.status_code == 201, statement.text

    intake = open_browser("intake officer")
    support.open_login(intake, staff["intake"])
    link = support.print_letter(intake, case["reference"])
    employee = open_browser("invited employee")
    with employee.step("the invited employee opens the letter's link and sees a check code"):
        employee.open_case_link(link)
        assert employee.path == "/zaak"
        assert "Wij controleren eerst of deze link echt bij u is aangekomen" in employee.text
        assert marker not in employee.driver.page_source
        code = employee.find("#controle-titel .code").text
        assert re.fullmatch(r"[A-Z2-9]{3}-[A-Z2-9]{3}", code), code
        assert not employee.exists('form[action="/zaak/reactie"]'), "an unverified link does not speak for the employee"
    with intake.step("a wrong code is refused on the form"):
        intake.open(f"/medewerkers/zaken/{case['id']}")
        contact = intake.section("Partijen en contact").text
        assert f"jan-{tag}@bakkerij.example" in contact and "3512 AB" in contact
        intake.fill("veld-bevestiging-code", "AAA-AAA" if code != "AAA-AAA" else "BBB-BBB")
        intake.tick("bevestiging-phone")
        intake.press("De link hoort bij de werknemer")
        assert intake.title.startswith("Fout:")
        assert "Deze code klopt niet" in intake.text
    with intake.step("the intake officer, on the phone with the employee, types the code read out"):
        intake.fill("veld-bevestiging-code", code.lower())
        intake.tick("bevestiging-phone")
        intake.press("De link hoort bij de werknemer")
        assert "Vastgelegd: de link hoort bij de werknemer." in intake.text
    with employee.step("now the employee reads the physician's medical statement and may respond"):
        employee.open("/zaak")
        assert marker in employee.text
        assert "Uw controlecode" not in employee.text
        assert employee.exists('form[action="/zaak/reactie"]')
