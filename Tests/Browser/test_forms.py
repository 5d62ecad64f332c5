"""Forms with errors: the error summary comes first, names each problem as a
link to its field, gets the focus, and the form keeps what the user entered."""

import datetime
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

import support

# An API field name such as "case_type" or "panel.big_number" where a Dutch label belongs.
RAW_FIELD_NAME = re.compile(r"^[a-z_]+(\.[a-z_]+)*(\[\d+\])?:")


def summary_targets(b: support.Browser, summary: WebElement) -> list[str]:
    """The ids the summary links to; asserts every item is a link to an element on the page."""
    items = summary.find_elements(By.CSS_SELECTOR, "li")
    assert items, "the error summary lists no problems"
    targets = []
    for item in items:
        links = item.find_elements(By.CSS_SELECTOR, "a[href^='#']")
        assert links, f"the error summary item {item.text!r} is not a link to its field"
        target = links[0].get_dom_attribute("href")[1:]
        assert b.driver.find_elements(By.ID, target), f"the error summary links {item.text!r} to #{target}, which is not on the page"
        targets.append(target)
    return targets


def assert_summary_has_focus(b: support.Browser, summary: WebElement) -> None:
    assert b.driver.execute_script("return document.activeElement === arguments[0]", summary), (
        "the error summary does not get the keyboard focus"
    )


def assert_summary_opens_page(b: support.Browser, summary: WebElement) -> None:
    """On a page with one form the summary comes right after the <h1>, before the form."""
    first, above_form = b.driver.execute_script(
        """const s = arguments[0], main = document.querySelector('main'), h1 = main.querySelector('h1');
           const form = main.querySelector('form');
           return [h1.nextElementSibling === s, s.getBoundingClientRect().top < form.getBoundingClientRect().top];""",
        summary,
    )
    assert first and above_form, "the error summary is not at the top of the page (right after the heading, above the form)"


def assert_summary_opens_form(b: support.Browser, summary: WebElement, form: WebElement) -> None:
    """On a page with several forms the summary is the first thing in the form that failed."""
    first = b.driver.execute_script(
        """const visible = [...arguments[1].children].filter(e => !(e.tagName === 'INPUT' && e.type === 'hidden'));
           return visible[0] === arguments[0];""",
        summary,
        form,
    )
    assert first, "the error summary is not at the top of its form"


def assert_field_marked(b: support.Browser, field_id: str) -> None:
    """The field itself says it is wrong, and the message is tied to it."""
    field = b.driver.find_element(By.ID, field_id)
    assert field.get_attribute("aria-invalid") == "true", f"#{field_id} is not marked aria-invalid"
    described = (field.get_attribute("aria-describedby") or "").split()
    messages = [b.driver.find_element(By.ID, ref).text for ref in described if ref.endswith("-fout")]
    assert messages and all(messages), f"#{field_id} has no error message tied to it by aria-describedby"


def assert_dutch_link_texts(summary: WebElement) -> None:
    raw = [link.text for link in summary.find_elements(By.CSS_SELECTOR, "a") if RAW_FIELD_NAME.match(link.text)]
    assert not raw, f"the error summary names fields by their API name instead of their Dutch label: {raw}"


# ---------------------------------------------------------------------------
# Filing.


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_filing_form_with_errors_shows_summary_first_and_keeps_input(open_browser, viewport):
    filing = support.unique_filing("fouten")
    b = open_browser("employee", viewport)
    b.open("/vraag/werknemer")
    with b.step("employee fills in the form with mistakes"):
        b.fill("veld-filer-name", filing.name)
        b.fill("veld-filer-email", "sanne-at-example")
        b.fill("veld-employer-kvk-number", "1234")
        b.fill_date("veld-sick-since", datetime.date.today() + datetime.timedelta(days=10))
        b.fill("veld-occupational-physician-name", filing.physician)
        b.fill("veld-question", "Te kort")
        b.fill("veld-medical-information", filing.medical)
        b.press("Vraag versturen")
    with b.step("employee reads the error summary"):
        assert b.title.startswith("Fout:"), f"the page title does not say there are errors: {b.title!r}"
        summary = b.error_summary()
        assert summary.get_attribute("role") == "alert"
        assert_summary_opens_page(b, summary)
        assert_summary_has_focus(b, summary)
        targets = summary_targets(b, summary)
        wrong = ["veld-filer-email", "veld-employer-name", "veld-employer-kvk-number", "veld-sick-since", "veld-question"]
        assert sorted(targets) == sorted(wrong), f"the summary lists {targets}, expected {wrong}"
        for field_id in wrong:
            assert_field_marked(b, field_id)
        assert "Een KvK-nummer heeft precies 8 cijfers." in summary.text
    with b.step("the form keeps what the employee typed"):
        kept = {
            "veld-filer-name": filing.name, "veld-filer-email": "sanne-at-example", "veld-employer-kvk-number": "1234",
            "veld-sick-since": (datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
            "veld-occupational-physician-name": filing.physician, "veld-question": "Te kort",
            "veld-medical-information": filing.medical,
        }
        lost = {field: b.value(field) for field, typed in kept.items() if b.value(field) != typed}
        assert not lost, f"the form lost what was typed: {lost}"
    with b.step("employee follows a link in the summary"):
        summary.find_element(By.CSS_SELECTOR, "a[href='#veld-question']").click()
        assert b.driver.execute_script("return location.hash") == "#veld-question"
    with b.step("employee corrects the mistakes and sends the form again"):
        b.fill("veld-filer-email", filing.email)
        b.fill("veld-employer-name", filing.employer)
        b.fill("veld-employer-kvk-number", filing.kvk)
        b.fill_date("veld-sick-since", filing.sick_since)
        b.fill("veld-question", filing.question)
        b.press("Vraag versturen")
        assert b.h1 == "Uw vraag is ontvangen", f"the corrected form was not accepted: {b.text[:600]}"


@pytest.mark.parametrize("role", ["werknemer", "werkgever"])
def test_empty_filing_form_links_every_error_to_a_field(open_browser, role):
    b = open_browser(role)
    b.open(f"/vraag/{role}")
    b.press("Vraag versturen")
    summary = b.error_summary()
    assert_summary_opens_page(b, summary)
    targets = summary_targets(b, summary)
    required = [f.get_attribute("id") for f in b.find_all("form [required]")]
    missing = [field for field in required if field not in targets]
    assert not missing, f"required fields left empty but not in the summary: {missing}"
    assert_dutch_link_texts(summary)


# ---------------------------------------------------------------------------
# Staff forms.


@pytest.fixture
def submitted_case(api) -> dict:
    """A fresh submitted case (set up through the API; the pages under test come after)."""
    return api.file_case(support.unique_filing("formulier"))


def test_triage_form_with_errors_shows_summary_and_keeps_input(open_browser, staff, submitted_case):
    b = open_browser("intake officer")
    support.open_login(b, staff["intake"])
    b.open(f"/medewerkers/zaken/{submitted_case['id']}")
    motivation = "De werknemer heeft de bedrijfsarts nog niet om heroverweging gevraagd."
    with b.step("intake officer accepts without case type, disciplines or the check"):
        form = b.section("Beoordelen").find_element(By.TAG_NAME, "form")
        b.tick("besluit-accept")
        b.fill("veld-beoordeling-motivation", motivation)
        b.press("Beoordeling vastleggen", within=form)
    with b.step("intake officer reads the error summary"):
        assert b.title.startswith("Fout:")
        assert b.h1 == "Ingediend", "the case changed although the triage was refused"
        form = b.section("Beoordelen").find_element(By.TAG_NAME, "form")
        summary = b.error_summary(within=form)
        assert_summary_opens_form(b, summary, form)
        assert_summary_has_focus(b, summary)
        targets = summary_targets(b, summary)
        for field in ("case-type", "disciplines", "other-options-exhausted"):
            assert f"veld-beoordeling-{field}" in targets, f"{field} is missing from the summary: {targets}"
        assert b.value("veld-beoordeling-motivation") == motivation, "the triage form lost the motivation"
    with b.step("the summary names the fields in Dutch"):
        assert_dutch_link_texts(summary)


def test_triage_form_with_errors_keeps_the_choices_made(open_browser, staff, submitted_case):
    b = open_browser("intake officer")
    support.open_login(b, staff["intake"])
    b.open(f"/medewerkers/zaken/{submitted_case['id']}")
    form = b.section("Beoordelen").find_element(By.TAG_NAME, "form")
    b.tick("besluit-accept")
    b.choose("veld-beoordeling-case-type", "suitable_work")
    b.tick("discipline-bedrijfsarts")
    b.fill("veld-beoordeling-motivation", "Te kort")  # the one mistake: under 10 characters
    b.press("Beoordeling vastleggen", within=form)
    b.error_summary()
    assert b.driver.find_element(By.ID, "veld-beoordeling-case-type").get_attribute("value") == "suitable_work"
    lost = [choice for choice in ("besluit-accept", "discipline-bedrijfsarts") if not b.driver.find_element(By.ID, choice).is_selected()]
    assert not lost, f"the triage form forgot the choices made: {lost} are no longer selected"


def test_draft_ruling_form_with_errors_shows_summary_and_keeps_input(open_browser, api, staff, submitted_case):
    intake_token = api.login(staff["intake"].email, staff["intake"].password)
    api.accept(intake_token, submitted_case["id"], ["bedrijfsarts"])
    b = open_browser("panel chair")
    support.open_login(b, staff["bedrijfsarts"])
    b.open(f"/medewerkers/zaken/{submitted_case['id']}")
    b.refresh_until(lambda b: b.exists("#veld-uitspraak-decision"), "the chair never got the draft form")
    decision = "Kort besluit"  # under 20 characters
    with b.step("chair sends a draft without outcome or motivation"):
        form = b.section("Concept van het oordeel maken").find_element(By.TAG_NAME, "form")
        b.fill("veld-uitspraak-decision", decision)
        b.press("Concept versturen", within=form)
    with b.step("chair reads the error summary"):
        assert b.title.startswith("Fout:")
        form = b.section("Concept van het oordeel maken").find_element(By.TAG_NAME, "form")
        summary = b.error_summary(within=form)
        assert_summary_opens_form(b, summary, form)
        targets = summary_targets(b, summary)
        assert sorted(targets) == ["veld-uitspraak-decision", "veld-uitspraak-motivation", "veld-uitspraak-outcome"], targets
        assert b.value("veld-uitspraak-decision") == decision, "the draft form lost the decision"
    with b.step("the summary names the fields in Dutch"):
        assert_dutch_link_texts(summary)


def test_new_panel_member_form_with_errors_shows_summary_and_keeps_input(open_browser, staff):
    b = open_browser("coordinator")
    support.open_login(b, staff["coordinator"])
    b.open("/medewerkers/panel")
    with b.step("coordinator adds a panel member with mistakes"):
        form = b.driver.find_element(By.CSS_SELECTOR, "form[action='/medewerkers/panel']")
        b.fill("veld-name", "Dr. Nieuw Lid")
        b.fill("veld-email", "geen-adres")
        b.fill("veld-password", "kort")
        b.press("Panellid toevoegen", within=form)
    with b.step("coordinator reads the error summary"):
        assert b.title.startswith("Fout:")
        form = b.driver.find_element(By.CSS_SELECTOR, "form[action='/medewerkers/panel']")
        summary = b.error_summary(within=form)
        assert_summary_opens_form(b, summary, form)
        targets = summary_targets(b, summary)
        assert "veld-email" in targets and "veld-password" in targets and "veld-panel-discipline" in targets, targets
        assert b.value("veld-name") == "Dr. Nieuw Lid" and b.value("veld-email") == "geen-adres", "the form lost what was typed"
        assert b.value("veld-password") == "", "the form sends the password back"
    with b.step("the summary names the fields in Dutch"):
        assert_dutch_link_texts(summary)


def test_empty_statement_shows_summary_linked_to_the_field(open_browser, submitted_case, base_url):
    b = open_browser("employee")
    b.open_case_link(f"/zaak/{submitted_case['access_token']}")
    form = b.section("Reacties").find_element(By.TAG_NAME, "form")
    b.press("Reactie toevoegen", within=form)
    assert b.title.startswith("Fout:")
    form = b.section("Reacties").find_element(By.TAG_NAME, "form")
    summary = b.error_summary(within=form)
    assert_summary_opens_form(b, summary, form)
    assert summary_targets(b, summary) == ["veld-reactie-text"]
