"""The case file through the pages, on a desktop and on a phone, with a real
clamd scanning every upload: the employee adds the company doctor's advice
(PDF) and a photo of a specialist's letter marked medical, and sees a file
with the EICAR test string refused in the form's error summary; the employer
adds the plan of action and never sees the medical letter; the chair adds a
document from the staff case page and sees them all; the employee gives
consent for information from treating physicians."""

import base64
import dataclasses
import uuid

import pytest

import support

EICAR = base64.b64decode("WDVPIVAlQEFQWzRcUFpYNTQoUF4pN0NDKTd9JEVJQ0FSLVNUQU5EQVJELUFOVElWSVJVUy1URVNULUZJTEUhJEgrSCo=")
JPEG = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + b"JFIF foto van een brief van de specialist"


def pdf(text: str) -> bytes:
    return b"%PDF-1.7\n% " + text.encode() + b"\n" + b"0" * 2000 + b"\n%%EOF\n"


def add_document(b: support.Browser, path, kind: str, medical: bool = False) -> None:
    form = b.section("Stukken in het dossier")
    form.find_element("css selector", "#veld-stukken-file").send_keys(str(path))
    b.choose("veld-stukken-kind", kind)
    if medical:
        b.tick("veld-stukken-medical")
    b.press("Stuk toevoegen", within=form)


def listed(b: support.Browser) -> str:
    return b.section("Stukken in het dossier").text


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_parties_and_the_chair_build_the_case_file(open_browser, api, staff, viewport, tmp_path):
    tag = uuid.uuid4().hex[:6]
    filing = dataclasses.replace(support.unique_filing("stukken"), employer_email=f"hr-{tag}@bakkerij.example")
    filed = api.file_case(filing)
    intake = api.login(staff["intake"].email, staff["intake"].password)
    accepted = api.accept(intake, filed["id"], ["verzekeringsarts"])
    chair = next(person for person in staff.values() if person.name == accepted["panel"][0]["name"])
    files = {
        "advice": tmp_path / f"advies-bedrijfsarts-{tag}.pdf", "letter": tmp_path / f"brief-specialist-{tag}.jpg",
        "infected": tmp_path / f"scan-{tag}.pdf", "plan": tmp_path / f"plan-van-aanpak-{tag}.pdf",
        "report": tmp_path / f"verslag-panel-{tag}.pdf",
    }
    files["advice"].write_bytes(pdf("advies van de bedrijfsarts"))
    files["letter"].write_bytes(JPEG)
    files["infected"].write_bytes(b"%PDF-1.4\n" + EICAR + b"\n")
    files["plan"].write_bytes(pdf("plan van aanpak"))
    files["report"].write_bytes(pdf("verslag van het gesprek"))

    employee = open_browser("employee", viewport)
    with employee.step("employee opens her case"):
        employee.open_case_link(f"/zaak/{filed['access_token']}")
    with employee.step("employee adds the company doctor's advice and a photo of a medical letter"):
        add_document(employee, files["advice"], "physician_advice")
        assert "Het stuk is toegevoegd aan het dossier." in employee.find(".success").text
        add_document(employee, files["letter"], "correspondence", medical=True)
        shown = listed(employee)
        assert files["advice"].name in shown and files["letter"].name in shown, shown
        assert "medisch" in shown
    with employee.step("a file with the EICAR test string is refused and not stored"):
        add_document(employee, files["infected"], "other")
        summary = employee.error_summary(employee.section("Stukken in het dossier"))
        assert "virus" in summary.text, summary.text
        assert employee.title.startswith("Fout:"), employee.title
        assert files["infected"].name not in listed(employee)
    with employee.step("employee gives consent for information from treating physicians"):
        employee.tick("veld-toestemming-treating-physician")
        employee.press("Keuze opslaan", within=employee.section("Uw toestemming"))
        assert "Uw keuze is opgeslagen." in employee.find(".success").text
        assert "Gegeven op" in employee.section("Uw toestemming").text

    employer = open_browser("employer", viewport)
    with employer.step("employer opens the private link from the invitation e-mail"):
        employer.open_case_link(support.invitation_link(filed["reference"]))
    with employer.step("employer sees the advice, never the medical letter, and adds the plan of action"):
        shown = listed(employer)
        assert files["advice"].name in shown and files["letter"].name not in shown, shown
        assert not employer.exists("#veld-stukken-medical"), "an employer cannot mark a document medical"
        assert "Uw toestemming" not in employer.text and files["letter"].name not in employer.source
        add_document(employer, files["plan"], "action_plan")
        assert files["plan"].name in listed(employer)

    member = open_browser("chair", viewport)
    support.open_login(member, chair)
    support.open_case_from_queue(member, filed["reference"])
    with member.step("the chair sees every document and the consent, and adds one"):
        shown = listed(member)
        for name in ("advice", "letter", "plan"):
            assert files[name].name in shown, (name, shown)
        assert "Gegeven op" in member.section("Toestemming van de werknemer").text
        assert member.exists("#veld-stukken-kind option[value='treating_physician_info']"), "with consent the chair may add it"
        add_document(member, files["report"], "other")
        assert "Het stuk is toegevoegd aan het dossier." in member.find(".success").text
        link = member.find(f"#stukken a[href*='/stukken/']")
        assert "/medewerkers/zaken/" in link.get_attribute("href")

    with employer.step("employer sees the chair's document, still not the medical letter"):
        employer.open("/zaak")
        shown = listed(employer)
        assert files["report"].name in shown and files["letter"].name not in shown, shown
