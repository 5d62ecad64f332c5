"""Appointments through the pages, on a desktop and on a phone: the chair plans
a hearing by video and an examination of the employee; the employee answers
both, the employer answers the hearing (and sees nothing of the employee's
note); the chair cancels the examination. Reminders and the report after the
appointment need the clock to move: the Swift suite tests those with its clock."""

import dataclasses
import datetime
import uuid

import pytest

import support


def next_working_day_after(days: int) -> datetime.date:
    day = datetime.date.today() + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_chair_plans_parties_answer_chair_cancels(open_browser, api, staff, viewport):
    tag = uuid.uuid4().hex[:6]
    filing = dataclasses.replace(support.unique_filing("afspraak"), employer_email=f"hr-{tag}@bakkerij.example")
    filed = api.file_case(filing)
    intake = api.login(staff["intake"].email, staff["intake"].password)
    api.accept(intake, filed["id"], ["bedrijfsarts"])
    day = next_working_day_after(10)

    chair = open_browser("panel chair", viewport)
    support.open_login(chair, staff["bedrijfsarts"])
    support.open_case_from_queue(chair, filed["reference"])
    for kind, video in (("hearing", True), ("examination", False)):
        with chair.step(f"chair plans a {kind}"):
            chair.find("#afspraken details summary").click()
            chair.tick(f"soort-{kind}")
            chair.fill_date("veld-afspraak-starts_at", day)
            chair.fill_time("veld-afspraak-time", 14 if kind == "hearing" else 10, 0)
            if video:
                chair.fill("veld-afspraak-online_url", f"https://video.example/{tag}")
            else:
                chair.fill("veld-afspraak-location", "Eenloket, Utrecht, spreekkamer 3")
                chair.driver.find_element("id", "uitnodigen-employer").click()  # an examination is for the employee only
            chair.press("Afspraak plannen")
            assert "De afspraak is gepland." in chair.find(".success").text, chair.text[:800]
    with chair.step("chair sees both appointments"):
        planned = chair.section("Afspraken").text
        assert "Hoorzitting" in planned and "Medisch onderzoek" in planned, planned
        assert f"https://video.example/{tag}" in planned

    employee = open_browser("employee", viewport)
    employee.open_case_link(f"{api.base_url}/zaak/{filed['access_token']}")
    note = f"Ik neem mijn vakbondsjurist mee ({tag})."
    with employee.step("employee says she comes to both"):
        for appointment_form in range(2):
            section = employee.section("Afspraken")
            radios = section.find_elements("css selector", "input[name='attending'][value='true']")
            employee.tick(radios[appointment_form].get_attribute("id"))
            notes = section.find_elements("css selector", "textarea[name='note']")
            if appointment_form == 0:
                employee.fill(notes[0].get_attribute("id"), note)
            employee.press("Antwoord versturen", within=radios[appointment_form].find_element("xpath", "ancestor::form"))
            assert "Uw antwoord is opgeslagen." in employee.find(".success").text
        assert "Werknemer: komt" in employee.section("Afspraken").text

    employer = open_browser("employer", viewport)
    employer.open_case_link(support.invitation_link(filed["reference"]))
    with employer.step("employer answers the hearing and does not see the employee's note"):
        section = employer.section("Afspraken")
        assert note not in employer.source
        forms = section.find_elements("css selector", "form")
        assert len(forms) == 1, "the employer answers the hearing only"
        employer.tick(forms[0].find_element("css selector", "input[value='false']").get_attribute("id"))
        employer.press("Antwoord versturen", within=forms[0])
        assert "Werkgever: komt niet" in employer.section("Afspraken").text

    with chair.step("chair reads the answers and cancels the examination"):
        chair.open(chair.path)
        section = chair.section("Afspraken")
        assert note in section.text, "the panel reads the parties' notes"
        cancel_forms = [f for f in section.find_elements("css selector", "form") if "afzeggen" in f.get_attribute("action")]
        assert len(cancel_forms) == 2
        reason = cancel_forms[0].find_element("css selector", "textarea")
        chair.fill(reason.get_attribute("id"), "De arts is die dag verhinderd.")
        chair.press("Afspraak afzeggen", within=cancel_forms[0])
        assert "De afspraak is afgezegd." in chair.find(".success").text
        assert "Afgezegd op" in chair.section("Afspraken").text
