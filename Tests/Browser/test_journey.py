"""The whole journey through the pages, on a desktop and on a phone: an
employee files and agrees to be bound, the intake officer accepts, the
employer opens its own link (from the invitation e-mail) in a browser of its
own, agrees and responds, the panel chair sends a draft, the employee corrects a
fact and the employer has no comments, the chair rules, and the employee
reads the binding ruling behind the private link."""

import dataclasses
import re
import uuid

import pytest

import support


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_employee_files_intake_accepts_chair_rules_employee_reads_ruling(open_browser, staff, base_url, viewport):
    filing = dataclasses.replace(support.unique_filing("reis"), employer_email=f"hr-{uuid.uuid4().hex[:8]}@bakkerij.example")
    ruling = support.unique_ruling()
    employee = open_browser("employee", viewport)
    employee.open("/")
    width = employee.driver.execute_script("return window.innerWidth")
    assert width == support.VIEWPORTS[viewport][0], f"the {viewport} window is {width}px wide"

    # 1. The employee files at /vraag -> werknemer, medical information included, and agrees to be bound.
    filed = support.file_as_employee(employee, filing, agree=True)
    with employee.step("employee reads the confirmation page"):
        assert re.fullmatch(r"\S{4,}", filed.reference), f"odd reference {filed.reference!r}"
        assert filed.link.startswith(f"{base_url}/zaak/"), f"the private link {filed.link!r} is not a /zaak/ link of this service"
        assert "Bewaar deze link goed" in employee.text
        assert "ook de medische informatie" in employee.text  # the employee is told what the link reveals
    with employee.step("employee opens the case through the private link"):
        employee.press("Naar uw zaak")
        # The link is exchanged for a session: the address bar no longer holds its token.
        assert employee.driver.current_url == f"{base_url}/zaak"
        assert employee.h1 == "Uw zaak: Ingediend"
        assert filed.reference in employee.text
        assert filing.question in employee.text
        assert filing.medical in employee.text, "the employee should see their own medical information"

    # 2. The intake officer logs in, finds the case in the work queue and accepts it.
    intake = open_browser("intake officer", viewport)
    with intake.step("intake officer logs in"):
        support.open_login(intake, staff["intake"])
        assert intake.h1 == "Werkvoorraad"
    support.open_case_from_queue(intake, filed.reference)
    with intake.step("intake officer reads the case"):
        assert intake.h1 == "Ingediend"
        assert filing.medical in intake.text, "the intake officer needs the medical information for triage"
    support.accept_case(intake, ["bedrijfsarts", "verzekeringsarts"])
    panel = support.wait_for_panel(intake, 2)
    chair = staff["bedrijfsarts"]
    with intake.step("intake officer sees the panel"):
        assert f"{chair.name}, Bedrijfsarts (voorzitter)" in panel, f"the bedrijfsarts should chair: {panel}"
        assert f"{staff['verzekeringsarts'].name}, Verzekeringsarts" in panel, panel
        assert intake.h1 == "In behandeling bij het panel"

    # 3. The employer opens the link from its invitation, reads the case (never the medical text),
    #    agrees to be bound and responds.
    employer = open_browser("employer", viewport)
    with employer.step("employer opens the private link from the invitation e-mail"):
        employer.open_case_link(support.invitation_link(filed.reference))
        assert employer.h1 == "Uw zaak: In behandeling bij het panel"
        assert "U bent in deze zaak de werkgever." in employer.text
        assert filing.question in employer.text
        assert filing.medical not in employer.source, "the employer must never see medical information"
    support.agree_on_case_page(employer, "P. Jansen")
    with employer.step("employer responds"):
        employer.fill("veld-reactie-text", "Wij hebben aangepast werk van 20 uur aangeboden.")
        employer.press("Reactie toevoegen")
        assert "Uw reactie is toegevoegd." in employer.find(".success").text
    with employer.step("employer sees that both parties agreed"):
        agreement = employer.section("Bindend oordeel of advies").text
        assert "Werknemer: akkoord op" in agreement and "Werkgever: akkoord op" in agreement, agreement

    # 4. The chair logs in, finds the case among their cases and records the ruling.
    physician = open_browser("panel chair", viewport)
    with physician.step("panel chair logs in"):
        support.open_login(physician, chair)
        assert physician.h1 == "Mijn zaken"
    support.open_case_from_queue(physician, filed.reference)
    with physician.step("panel chair reads the case"):
        assert filing.medical in physician.text, "a panel physician should see the medical information"
    # 5. The draft round: the chair sends a draft; the employee points out a factual error,
    #    the employer has none; the chair records the ruling and says what it did with the comment.
    support.issue_draft(physician, ruling)
    with employee.step("employee reads the draft and until when to comment"):
        employee.open("/zaak")
        draft = employee.section("Concept van het oordeel").text
        assert ruling.decision in draft and ruling.medical in draft, draft
        assert re.search(r"uiterlijk \w+dag \d+ \w+ \d{4}", draft), f"the window in words: {draft}"
    correction = f"Ik werk sinds {uuid.uuid4().hex[:6]} niet meer op zaterdag; dat staat verkeerd in het concept."
    support.answer_draft(employee, correction)
    with employer.step("employer reads the draft and the employee's correction"):
        employer.open("/zaak")
        draft = employer.section("Concept van het oordeel").text
        assert correction in draft, draft
        assert ruling.medical not in employer.source, "the employer never sees medical considerations, not in a draft either"
    support.answer_draft(employer)
    response = "De opmerking over de zaterdag is verwerkt; de beslissing blijft gelijk."
    support.record_ruling(physician, ruling, comments_response=response)
    with physician.step("panel chair sees the recorded ruling"):
        assert physician.h1 == "Oordeel gegeven"
        recorded = physician.section("Bindend oordeel").text
        assert ruling.decision in recorded and ruling.medical in recorded
        assert f"{chair.name} (Bedrijfsarts, voorzitter)" in recorded

    # 6. The employee opens the private link again and reads the ruling, also on the printable page.
    with employee.step("employee opens the private link after the ruling"):
        employee.open_case_link(filed.link)
        assert employee.h1 == "Uw zaak: Oordeel gegeven"
        shown = employee.section("Bindend oordeel").text
        assert "Het advies of standpunt klopt niet" in shown
        assert ruling.decision in shown and ruling.motivation in shown
        assert ruling.medical in shown, "the employee should see the medical considerations of their own ruling"
        assert "Controlecode" in shown
        assert response in shown, "the ruling says what the panel did with the comments"
    with employee.step("employee opens the printable ruling"):
        employee.follow_link("Oordeel afdrukken")
        assert employee.driver.current_url == f"{base_url}/zaak/uitspraak"
        assert employee.h1 == "Bindend oordeel"
        assert filed.reference in employee.text
        assert ruling.decision in employee.text and ruling.medical in employee.text
        assert "u heeft allebei vooraf afgesproken dat u zich eraan houdt" in employee.text
        assert "onaanvaardbaar" in employee.text
    with employee.step("employee prints the ruling on A4 (Chromium's print to PDF)"):
        printed = support.print_to_pdf(employee)
        assert all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in printed.page_sizes), f"not A4: {printed.page_sizes}"
        assert len(printed.page_sizes) <= 3, f"the ruling takes {len(printed.page_sizes)} pages"
        text = printed.text
        for wanted in (filed.reference, ruling.decision, ruling.motivation, "Controlecode",
                       "digitaal ondertekend", "onaanvaardbaar"):
            assert " ".join(wanted.split()) in text, f"the printed ruling lacks {wanted!r}:\n{text[:1500]}"
        for navigation in ("Ga direct naar de inhoud", "Link kwijt?", "Toegankelijkheid", "Afmelden", "Afdrukken"):
            assert navigation not in text, f"the printed ruling shows {navigation!r}"
