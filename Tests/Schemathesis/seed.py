"""Seeds a fresh Eenloket service with the accounts and cases Schemathesis
needs to get past 401/403/404 and reach the operations' real logic, and
writes their tokens and ids as JSON (stdout).

Usage: python seed.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD MAIL_SPOOL_DIR
Only the standard library: it runs before and apart from Schemathesis.
"""

import datetime
import json
import pathlib
import re
import sys
import time
import urllib.error
import urllib.request

BASE, ADMIN_EMAIL, ADMIN_PASSWORD, MAIL_DIR = sys.argv[1:5]
PASSWORD = "schemathesis-wachtwoord-1"


def call(method, path, body=None, token=None, expect=(200, 201, 204)):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            status, text = reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if status not in expect:
        sys.exit(f"seed: {method} {path} answered {status}: {text}")
    return json.loads(text) if text else None


def login(email, password=PASSWORD):
    return call("POST", "/api/v1/sessions", {"email": email, "password": password})["token"]


def staff(admin, key, role, panel=None):
    body = {"email": f"{key}@schemathesis.example.nl", "name": f"Schemathesis {key}", "password": PASSWORD, "role": role}
    if panel:
        body["panel"] = panel
    account = call("POST", "/api/v1/staff", body, admin)
    return account["id"], login(body["email"])


def physician(discipline, big):
    return {"discipline": discipline, "big_number": big, "registered_since": "2010-01-01",
            "affiliations": [], "max_open_cases": 50}


def file_case(name, employer_email=None):
    today = datetime.date.today().isoformat()
    employer = {"name": "Schemathesis Werkgever B.V.", "kvk_number": "87654321",
                "address": {"street": "Marktstraat 1", "postal_code": "1011 AA", "city": "Amsterdam"}}
    if employer_email:
        employer["email"] = employer_email
    filed = call("POST", "/api/v1/cases", {
        "filer_role": "employee",
        "filer": {"name": name, "email": "werknemer@schemathesis.example.nl"},
        "employee": {"name": name},
        "employer": employer,
        "sick_since": today,
        "question": "De bedrijfsarts vindt dat ik volledig kan werken, maar dat lukt mij niet.",
        "occupational_physician": {"name": "J. Bakker", "organisation": "ArboNed"},
        "medical_information": "Behandeld voor rugklachten.",
    })
    return filed["id"], filed["access_token"]


def accept(case_id, intake, disciplines):
    return call("POST", f"/api/v1/cases/{case_id}/triage", {
        "decision": "accept", "case_type": "second_opinion", "other_options_exhausted": True,
        "disciplines": disciplines, "motivation": "Andere mogelijkheden zijn uitgeput."}, intake)


admin = login(ADMIN_EMAIL, ADMIN_PASSWORD)
coordinator_id, coordinator = staff(admin, "coordinator", "coordinator")
intake_id, intake = staff(admin, "intake", "intake_officer")
inspector_id, inspector = staff(admin, "inspector", "inspector")
# The chair is the only bedrijfsarts, so every accepted case below is chaired by them.
chair_id, chair = staff(admin, "chair", "panel_member", physician("bedrijfsarts", "49012345601"))
va_id, va = staff(admin, "va", "panel_member", physician("verzekeringsarts", "49012345602"))
# The account that changes its own password (its failed attempts throttle only itself).
password_id, password_token = staff(admin, "password", "inspector")
# The account that staff operations (PATCH and friends) may change at will.
target_id, target = staff(admin, "target", "panel_member",
                          {"discipline": "arbeidsdeskundige", "affiliations": ["Voorbeeld Arbo"], "max_open_cases": 3})

submitted_id, submitted_token = file_case("Sanne Ingediend")        # triage
withdraw_id, withdraw_token = file_case("Sanne Intrekken")         # withdraw
review_id, review_token = file_case("Sanne Beoordeling")           # ruling
ruled_id, ruled_token = file_case("Sanne Uitspraak", "werkgever-uitspraak@schemathesis.example.nl")  # appeal, after-care, reads
drafted_id, drafted_token = file_case("Sanne Concept")             # comments on a draft
hearing_id, hearing_token = file_case("Sanne Hoor")                # statements, panel changes

case = accept(review_id, intake, ["bedrijfsarts"])
assert case["status"] == "in_review", case
case = accept(hearing_id, intake, ["verzekeringsarts"])
assert case["status"] == "in_review", case
case = accept(ruled_id, intake, ["bedrijfsarts", "verzekeringsarts"])
assert case["status"] == "in_review", case
case = accept(drafted_id, intake, ["bedrijfsarts"])
assert case["status"] == "in_review", case
# With the three above, five accepted cases of one employer: enough for the
# employer statistics to list it.
for name in ("Sanne Vijf", "Sanne Zes"):
    accept(file_case(name)[0], intake, ["verzekeringsarts"])
# A case an employer filed: its invited employee waits for verification (the check code on its page).
employer_filed = call("POST", "/api/v1/cases", {
    "filer_role": "employer",
    "filer": {"name": "Jan de Baas", "email": "werkgever@schemathesis.example.nl"},
    "employee": {"name": "Sanne Uitgenodigd", "email": "werknemer-uitgenodigd@schemathesis.example.nl"},
    "employer": {"name": "Schemathesis Werkgever B.V.", "kvk_number": "87654321"},
    "sick_since": datetime.date.today().isoformat(),
    "question": "Is het aangeboden werk in het magazijn passend voor onze werknemer?"})
accept(employer_filed["id"], intake, ["verzekeringsarts"])


def invitation_link(address):
    """The private link in the invitation the service spooled for `address` (it sends within seconds)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for mail in pathlib.Path(MAIL_DIR).glob("*.eml"):
            text = mail.read_text(encoding="utf-8", errors="replace")
            if re.search(rf"^To:.*{re.escape(address)}", text, re.MULTILINE | re.IGNORECASE):
                found = re.search(r"/zaak/(elc_[A-Za-z0-9_-]+)", text)
                if found:
                    return found.group(1)
        time.sleep(0.2)
    raise SystemExit(f"seed: no invitation for {address} in {MAIL_DIR}")


# The invited employee opens the case; its view shows the check code staff verify the link with.
invited_token = invitation_link("werknemer-uitgenodigd@schemathesis.example.nl")
check_code = call("GET", f"/api/v1/cases/{employer_filed['id']}", token=invited_token)["check_code"]
RULING = {
    "outcome": "partly_upheld",
    "decision": "Werknemer is belastbaar voor 12 uur per week in aangepast werk.",
    "motivation": "Het panel heeft beide partijen gehoord en het dossier bestudeerd.",
    "medical_considerations": "Het herstel verloopt langzamer dan verwacht."}
# The draft round (the service's default): a draft, both parties without comments, then the ruling.
ruled_employer_token = invitation_link("werkgever-uitspraak@schemathesis.example.nl")
call("POST", f"/api/v1/cases/{ruled_id}/draft-ruling", RULING, chair)
for token in (ruled_token, ruled_employer_token):
    call("POST", f"/api/v1/cases/{ruled_id}/draft-comments", {"no_comments": True}, token)
call("POST", f"/api/v1/cases/{ruled_id}/ruling", RULING, chair)
call("POST", f"/api/v1/cases/{drafted_id}/draft-ruling", RULING, chair)
call("POST", f"/api/v1/cases/{hearing_id}/statements", {"text": "Mijn reactie op de vraag."}, hearing_token)
ten_days = datetime.date.today() + datetime.timedelta(days=10)
appointment = call("POST", f"/api/v1/cases/{review_id}/appointments", {
    "kind": "hearing", "starts_at": f"{ten_days.isoformat()}T13:00:00Z", "duration_minutes": 60,
    "location": "Eenloket, Utrecht, zaal 2", "parties": ["employee", "employer"]}, chair)
def upload(case_id, token, content, kind):
    """A document through multipart/form-data (the standard library has no encoder for it)."""
    boundary = "seed-boundary-1"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stuk.pdf\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(BASE + f"/api/v1/cases/{case_id}/documents", data=body, method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read().decode())


document = upload(hearing_id, hearing_token, b"%PDF-1.7\nPlan van aanpak\n", "action_plan")
objection = call("POST", f"/api/v1/cases/{hearing_id}/objections", {
    "staff_id": va_id, "reason": "Deze arts werkte vorig jaar voor de arbodienst van mijn werkgever."}, hearing_token)

# The employers named no e-mail address, so their invitations wait as letters.
letters = call("GET", "/api/v1/notifications?state=letters", token=intake)["items"]
assert letters, "no letters to print"

# An absence of the chair over the ruling stage of the case in review escalates it.
today = datetime.date.today()
absence = call("POST", f"/api/v1/staff/{chair_id}/absences", {
    "starts_on": (today + datetime.timedelta(days=1)).isoformat(),
    "ends_on": (today + datetime.timedelta(days=60)).isoformat(), "reason": "Vakantie"}, chair)
escalations = call("GET", "/api/v1/escalations?all=true", token=coordinator)["items"]
assert escalations, "the chair's absence escalated nothing"

json.dump({
    "tokens": {"admin": admin, "coordinator": coordinator, "intake": intake, "inspector": inspector,
               "chair": chair, "va": va, "target": target,
               "submitted": submitted_token, "withdraw": withdraw_token, "review": review_token, "ruled": ruled_token,
               "hearing": hearing_token, "drafted": drafted_token, "password": password_token},
    "staff": {"coordinator": coordinator_id, "intake": intake_id, "inspector": inspector_id,
              "chair": chair_id, "va": va_id, "target": target_id},
    "cases": {"submitted": submitted_id, "withdraw": withdraw_id, "review": review_id, "ruled": ruled_id,
              "hearing": hearing_id, "drafted": drafted_id, "employer_filed": employer_filed["id"]},
    "absence": absence["id"],
    "objection": objection["id"],
    "appointment": appointment["id"],
    "document": document["id"],
    "letter": letters[0]["id"],
    "escalation": escalations[0]["id"],
    "check_code": check_code,
    # Logging out logs in afresh as the intake officer each time; the login
    # operation itself sometimes uses the inspector's account.
    "login": {"email": "intake@schemathesis.example.nl", "password": PASSWORD},
    "session": {"email": "inspector@schemathesis.example.nl", "password": PASSWORD},
}, sys.stdout, indent=2)
