"""Getting back in and the sickness years, on a desktop and on a phone: a
party that lost its link asks for a new one on "Link kwijt?" (a typo shown in
the error summary, the same answer for any reference), the old link stops
working and the mailed one opens the case; the filing form asks about an
earlier spell and the case counts its weeks from the earlier start; the
intake officer's queue marks a case near the end of the two years."""

import dataclasses
import datetime

import pytest
from selenium.webdriver.common.by import By

import support


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_party_that_lost_its_link_gets_a_new_one(open_browser, api, viewport):
    filing = support.unique_filing("link kwijt")
    filed = api.file_case(filing)
    b = open_browser("employee", viewport)
    with b.step("employee finds 'Link kwijt?' on the home page"):
        b.open("/")
        b.follow(b.find('main a[href="/link-kwijt"]'))
        assert b.h1 == "Link kwijt?"
    with b.step("a reference that is not one is shown in the error summary"):
        b.fill("reference", "zaak 42")
        b.fill("email", filing.email)
        b.press("Stuur mij een nieuwe link")
        assert "zaaknummer" in b.error_summary().text.lower()
        assert b.title.startswith("Fout:")
    with b.step("an unknown reference gets the same answer as the right one"):
        b.fill("reference", "EL-2031-999999")
        b.press("Stuur mij een nieuwe link")
        unknown = b.find(".success").text
    with b.step("employee types her reference and address"):
        b.fill("reference", filed["reference"].lower())
        b.fill("email", filing.email.upper())
        b.press("Stuur mij een nieuwe link")
        assert b.find(".success").text == unknown
        assert "nieuwe link" in unknown
    new_link = support.mailed_link(filed["reference"], "Uw nieuwe link")
    with b.step("the old link no longer opens the case, and says where to go"):
        b.open(f"/zaak/{filed['access_token']}")
        assert b.title.startswith("Niet gevonden"), b.title
        assert b.exists('main a[href="/link-kwijt"]')
    with b.step("the new link opens the case"):
        b.open_case_link(new_link)
        assert filed["reference"] in b.text


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_an_earlier_spell_counts_and_the_queue_marks_the_end_of_the_two_years(open_browser, api, staff, viewport):
    today = datetime.date.today()
    employee = open_browser("employee", viewport)
    filing = support.unique_filing("eerdere ziekte")
    with employee.step("employee opens the filing form"):
        employee.open("/vraag/werknemer")
        support.fill_filing(employee, filing)
        assert "4 weken" in employee.find('label[for="veld-earlier-spell-started-on"]').text
    with employee.step("employee says she was also sick shortly before"):
        # 31 days of earlier sickness, ending 10 days before this period.
        employee.fill_date("veld-earlier-spell-started-on", filing.sick_since - datetime.timedelta(days=40))
        employee.fill_date("veld-earlier-spell-ended-on", filing.sick_since - datetime.timedelta(days=10))
        employee.press("Vraag versturen")
        assert employee.h1 == "Uw vraag is ontvangen", employee.text[:500]
        assert employee.exists('main a[href="/link-kwijt"]')
        reference = employee.find(".reference").text.strip()
    with employee.step("her case counts the weeks from the earlier start"):
        employee.press("Naar uw zaak")
        start = filing.sick_since - datetime.timedelta(days=31)
        assert f"Week {(today - start).days // 7 + 1}" in employee.text

    late = dataclasses.replace(support.unique_filing("week 93"), sick_since=today - datetime.timedelta(days=92 * 7 + 1))
    late_filed = api.file_case(late)
    intake = open_browser("intake", viewport)
    support.open_login(intake, staff["intake"])
    with intake.step("the queue marks the case close to week 104, not the early one"):
        intake.open("/medewerkers/zaken")
        def row(ref: str):
            link = intake.driver.find_element(
                By.XPATH, f"//table[contains(@class,'queue')]//a[normalize-space()={support.xpath_literal(ref)}]")
            return link.find_element(By.XPATH, "./ancestor::tr")
        urgent = row(late_filed["reference"]).text
        assert "Eerst bekijken" in urgent and "Week 93" in urgent, urgent
        assert "WIA-aanvraag" in urgent or "Einde loondoorbetaling" in urgent, urgent
        assert "Eerst bekijken" not in row(reference).text


def post(api, path: str, token: str, body: dict) -> dict:
    response = api.http.post(f"{api.base_url}{path}", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code in (200, 201), f"{path}: {response.status_code} {response.text[:300]}"
    return response.json()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_intake_officer_records_the_return_to_work(open_browser, api, staff, viewport):
    filing = dataclasses.replace(support.unique_filing("terugkeer"), employer_email=f"hr-{viewport}-terugkeer@bakkerij.example")
    filed = api.file_case(filing)
    intake_token = api.login(staff["intake"].email, staff["intake"].password)
    accepted = api.accept(intake_token, filed["id"], ["verzekeringsarts"])
    chair = next(person for person in staff.values() if person.name == accepted["panel"][0]["name"])
    chair_token = api.login(chair.email, chair.password)
    employer_token = support.invitation_link(filed["reference"]).rsplit("/", 1)[1]
    ruling = {"outcome": "overturned", "decision": "Werknemer is belastbaar voor 12 uur per week.",
              "motivation": "Het panel heeft beide partijen gehoord en het dossier bestudeerd."}
    case = f"/api/v1/cases/{filed['id']}"
    post(api, f"{case}/draft-ruling", chair_token, ruling)
    post(api, f"{case}/draft-comments", filed["access_token"], {"no_comments": True})
    post(api, f"{case}/draft-comments", employer_token, {"no_comments": True})
    post(api, f"{case}/ruling", chair_token, ruling)

    intake = open_browser("intake", viewport)
    support.open_login(intake, staff["intake"])
    returned = datetime.date.today() - datetime.timedelta(days=3)
    with intake.step("the intake officer records the day work resumed on the case page"):
        intake.open(f"/medewerkers/zaken/{filed['id']}")
        section = intake.section("Terugkeer naar werk")
        assert "2 weken, 6 weken, 3 maanden en 6 maanden" in section.text
        intake.fill_date("veld-terugkeer-returned-on", returned)
        intake.press("Terugkeer vastleggen", within=section)
        assert "De nazorgvragen tellen nu vanaf die dag." in intake.find(".success").text
        assert "weer aan het werk sinds" in intake.section("Terugkeer naar werk").text
