"""Objecting to a panel member and a member stepping aside, through the pages,
on a desktop and on a phone: the employer objects with a reason on its own
case page, a coordinator finds it in the list of objections and upholds it,
routing gives the seat to another member, and that member later steps aside
(the case then waits for a panel: nobody else is left for the seat)."""

import dataclasses
import uuid

import pytest

import support


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_employer_objects_coordinator_upholds_member_steps_aside(open_browser, api, staff, viewport):
    tag = uuid.uuid4().hex[:6]
    filing = dataclasses.replace(support.unique_filing("bezwaar"), employer_email=f"hr-{tag}@bakkerij.example")
    filed = api.file_case(filing)
    intake = api.login(staff["intake"].email, staff["intake"].password)
    accepted = api.accept(intake, filed["id"], ["bedrijfsarts", "arbeidsdeskundige"])
    expert = next(seat for seat in accepted["panel"] if seat["discipline"] == "arbeidsdeskundige")
    assert expert["name"] == staff["arbeidsdeskundige"].name, accepted["panel"]
    # A second arbeidsdeskundige, with room for this case only, joins the pool after routing.
    spare = support.Staff(f"ad2-{tag}@example.nl", "arbeidsdeskundige-ww-2", f"Bram Reserve {tag}", "panel_member", "arbeidsdeskundige")
    admin = api.login(staff["admin"].email, staff["admin"].password)
    spare_id = api.create_staff(admin, spare)["id"]

    employer = open_browser("employer", viewport)
    with employer.step("employer opens the private link from the invitation e-mail"):
        employer.open_case_link(support.invitation_link(filed["reference"]))
        assert staff["arbeidsdeskundige"].name in employer.section("Het panel").text
    reason = f"Deze arbeidsdeskundige adviseerde vorig jaar over onze bakkerij ({tag})."
    with employer.step("employer objects to the arbeidsdeskundige"):
        employer.find("#bezwaren details summary").click()
        employer.choose("veld-bezwaar-staff_id", expert["staff_id"])
        employer.fill("veld-bezwaar-reason", reason)
        employer.press("Bezwaar indienen")
        assert "Uw bezwaar is ingediend." in employer.find(".success").text
        assert reason in employer.section("Het panel").text
        assert "Een coördinator beslist nog over dit bezwaar." in employer.text

    coordinator = open_browser("coordinator", viewport)
    support.open_login(coordinator, staff["coordinator"])
    with coordinator.step("coordinator finds the objection in the list"):
        assert coordinator.exists("nav a[href='/medewerkers/bezwaren']"), "the menu links the list"
        coordinator.open("/medewerkers/bezwaren")
        assert coordinator.h1 == "Bezwaren tegen panelleden"
        assert reason in coordinator.text
        coordinator.follow_link(filed["reference"])
    with coordinator.step("coordinator upholds the objection"):
        form = coordinator.section("Bezwaren tegen panelleden")
        coordinator.tick(next(e.get_attribute("id") for e in form.find_elements("css selector", "input[value='true'][name='upheld']")))
        coordinator.fill(
            next(e.get_attribute("id") for e in form.find_elements("css selector", "textarea[name='motivation']")),
            "Een eerder advies over deze werkgever is een reden om iemand anders te vragen.")
        coordinator.press("Beslissing vastleggen", within=form)
        assert "De beslissing over het bezwaar is vastgelegd." in coordinator.find(".success").text
        panel = " ".join(support.panel_lines(coordinator))
        assert spare.name in panel and staff["arbeidsdeskundige"].name not in panel, panel

    with employer.step("employer reads the decision"):
        employer.open("/zaak")
        shown = employer.section("Het panel").text
        assert "Toegewezen op" in shown and spare.name in shown, shown

    member = open_browser("second arbeidsdeskundige", viewport)
    support.open_login(member, spare)
    support.open_case_from_queue(member, filed["reference"])
    with member.step("the new member steps aside"):
        form = member.section("Terugtrekken uit dit panel")
        member.fill("veld-terugtrekken-reason", "Mijn zwager werkt bij deze bakkerij als leidinggevende.")
        member.press("Mij terugtrekken", within=form)
        assert member.h1 == "Mijn zaken", member.h1
        assert "U heeft zich teruggetrokken" in member.find(".success").text
        assert filed["reference"] not in member.find("main").text.replace(member.find(".success").text, "")

    with employer.step("employer sees the case wait for a panel, and not why the member left"):
        employer.open("/zaak")
        assert employer.h1 == "Uw zaak: Wacht op een panel", employer.h1
        assert "zwager" not in employer.source

    # Leave the pool as it was for the tests after this one: the case withdrawn, the spare member gone.
    withdrawn = api.http.post(
        f"{api.base_url}/api/v1/cases/{filed['id']}/withdraw", headers={"Authorization": f"Bearer {filed['access_token']}"}, timeout=30)
    assert withdrawn.status_code == 200, withdrawn.text
    retired = api.http.patch(
        f"{api.base_url}/api/v1/staff/{spare_id}", json={"active": False}, headers={"Authorization": f"Bearer {admin}"}, timeout=30)
    assert retired.status_code == 200, retired.text
