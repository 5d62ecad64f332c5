#!/usr/bin/env python3
"""Prepares the Part 2 hot paths for wrk (Python 3 standard library only; psql for two
bench-only statements). Called by run.sh once the pool exists:

  part2.py BASE_URL POSTGRES_SUPERUSER_URL INTAKE_BEARER_TOKEN

Prints on stdout only shell assignments (for `eval`), every value quoted:
  PAGE_CASE    the case whose page is measured (accepted and routed; 5 documents of 1 MiB)
  PAGE_COOKIE  the value of that party's page session cookie (eenloket_zaak) for GET /zaak
  DRAFT_CASE   a case in draft_ruling (its draft issued by the chair)
  DRAFT_TOKEN  the filer's (employee party's) bearer token of that case
  DRAFT_PATH   /api/v1/cases/DRAFT_CASE/draft-comments, for draft-comment.lua (BENCH_PATH)
  DRAFT_SPREAD "id:token id:token …": BENCH_DRAFT_CASES (32) such cases with their
               parties' tokens, for draft-comment.lua (BENCH_DRAFTS): one case each
               request, in turn (DRAFT_CASE is the first of them)
Progress and diagnostics go to stderr; exit 1 when a step does not answer as expected.

Bench-only shortcut (the only write outside the API): each draft case's invited party
(the employer, invited by e-mail at triage) gets its response window ended a minute ago,
straight in the database, so the hearing counts as complete (contract Part 2, "Hearing
both sides": the invited party's window closed and it did not respond) and the chair may
issue the draft now instead of 5 working days later. Its token exists only in the e-mail.
The chairs are looked up in the database too (read only: panel_assignments.is_chair).
"""
import http.client
import json
import os
import re
import shlex
import subprocess
import sys
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import documents  # noqa: E402  (its streaming multipart upload, checked against size and sha256)

PAGE_DOCUMENTS = 5
PAGE_DOCUMENT_BYTES = 1024 * 1024
# The staff password pool.py gives every panel member.
PANEL_PASSWORD = "benchmark-wachtwoord"
# How many cases get a draft ruling (BENCH_DRAFT_CASES, at least 1).
DRAFTS = max(1, int(os.environ.get("BENCH_DRAFT_CASES", "32")))

FILING = {
    "filer_role": "employee", "filer": {"name": "Sanne de Vries", "email": "sanne@example.nl"},
    "employee": {"name": "Sanne de Vries"},
    "employer": {"name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@bakkerij-jansen.example",
                 "address": {"street": "Marktstraat 1", "postal_code": "1011 AA", "city": "Amsterdam"}},
    "sick_since": "2026-03-02",
    "question": "De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
    "medical_information": "Sinds maart behandeld voor een burn-out.",
}
TRIAGE = {"decision": "accept", "case_type": "second_opinion", "other_options_exhausted": True,
          "disciplines": ["bedrijfsarts", "verzekeringsarts"], "motivation": "De bedrijfsarts heeft heroverweging geweigerd."}
DRAFT = {"outcome": "partly_upheld",
         "decision": "De werknemer kan voorlopig 12 uur per week werken, in aangepast werk zonder klantcontact.",
         "motivation": "Het panel weegt de belastbaarheid na de behandeling voor een burn-out anders dan de bedrijfsarts."}
COMMENT = {"text": "In het concept staat dat ik sinds april ziek ben; dat is sinds 2 maart.", "medical": False}


def log(message):
    print(message, file=sys.stderr, flush=True)


def fail(message):
    log(f"part2.py: {message}")
    sys.exit(1)


base, pg_url, intake = sys.argv[1], sys.argv[2], sys.argv[3]
service = documents.Service(base, 60)


def call(method, path, body=None, token=None, expect=(200, 201)):
    status, answer = service.json(method, path, body, token)
    if status not in expect:
        fail(f"{method} {path}: HTTP {status} {json.dumps(answer, ensure_ascii=False)[:500]}")
    return answer


def raw(method, path, headers=None, body=None):
    """One request without following redirects: (status, headers as a list, body text)."""
    conn = service.connection()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def cookie(headers, name):
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


def sql(statement):
    result = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", pg_url, "-c", statement],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"psql: {result.stderr.strip()}")
    return result.stdout.strip()


def file_case():
    filed = call("POST", "/api/v1/cases", FILING, expect=(201,))
    return filed["id"], filed["access_token"], filed.get("reference", filed["id"])


def accept(case_id):
    call("POST", f"/api/v1/cases/{case_id}/triage", TRIAGE, intake)
    return call("GET", f"/api/v1/cases/{case_id}", token=intake)["status"]


# ------------------------------------------------- 1. a party's case page with documents
case_id, token, reference = file_case()
names = []
for n in range(PAGE_DOCUMENTS):
    result, answer = documents.upload(service, case_id, token, documents.Document(7, n, PAGE_DOCUMENT_BYTES))
    if not result.ok:
        fail(f"uploading a document to {reference}: {result.error}")
    names.append(answer["filename"])
status = accept(case_id)
log(f"page case {reference}: {PAGE_DOCUMENTS} documents of {PAGE_DOCUMENT_BYTES // 1048576} MiB, status {status}")

# The private link shows a button (a form with a CSRF field and cookie); pressing it opens a page session.
link = f"/zaak/{urllib.parse.quote(token, safe='')}"
status, headers, html = raw("GET", link)
form_token = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
form_cookie = cookie(headers, "eenloket_formulier")
if status != 200 or not form_token or not form_cookie:
    fail(f"GET /zaak/{{token}}: HTTP {status}, form token {'found' if form_token else 'missing'}, "
         f"cookie {'found' if form_cookie else 'missing'}")
status, headers, html = raw("POST", link, {"Content-Type": "application/x-www-form-urlencoded",
                                           "Cookie": f"eenloket_formulier={form_cookie}"},
                            urllib.parse.urlencode({"csrf": form_token.group(1)}))
page_cookie = cookie(headers, "eenloket_zaak")
if status != 303 or not page_cookie:
    fail(f"POST /zaak/{{token}}: HTTP {status}, session cookie {'found' if page_cookie else 'missing'}: {html[:300]}")
status, _, html = raw("GET", "/zaak", {"Cookie": f"eenloket_zaak={page_cookie}"})
missing = [name for name in names if name not in html]
if status != 200 or missing:
    fail(f"GET /zaak: HTTP {status}; documents not listed: {missing or 'none'}: {html[:300]}")
log(f"GET /zaak: 200, {len(html)} bytes, lists all {len(names)} documents")

# ------------------------------------------------- 2. draft rulings to comment on
# DRAFTS cases in draft_ruling, each with its own party: comments on one case take
# turns on its row lock and each reloads the draft with all its comments, so one case
# under 32 clients measures that queue (and slows as comments pile up), not a
# party commenting; DRAFT_SPREAD spreads the load over all of them.
filed = [file_case() for _ in range(DRAFTS)]
for draft_case, _, draft_reference in filed:
    status = accept(draft_case)
    if status != "in_review":
        fail(f"draft case {draft_reference}: status {status} after triage, not in_review (is the panel pool full or missing?)")
ids = ", ".join(f"'{case}'" for case, _, _ in filed)
# Bench-only: the invited employers' response windows ended a minute ago (see the docstring).
moved = sql(f"WITH moved AS (UPDATE case_parties SET hearing_ends_at = now() - interval '1 minute' "
            f"WHERE case_id IN ({ids}) AND NOT is_filer AND invited_at IS NOT NULL RETURNING 1) SELECT count(*) FROM moved")
if moved != str(DRAFTS):
    fail(f"ended the response window of {moved} invited parties, expected {DRAFTS}")
chairs = dict(line.split("|") for line in sql(
    f"SELECT pa.case_id, s.email FROM panel_assignments pa JOIN staff s ON s.id = pa.staff_id "
    f"WHERE pa.case_id IN ({ids}) AND pa.is_chair AND pa.released_at IS NULL").splitlines())
sessions = {}
for draft_case, draft_token, draft_reference in filed:
    chair = chairs.get(draft_case)
    if not chair:
        fail(f"draft case {draft_reference}: no chair")
    if chair not in sessions:
        sessions[chair] = call("POST", "/api/v1/sessions", {"email": chair, "password": PANEL_PASSWORD})["token"]
    draft = call("POST", f"/api/v1/cases/{draft_case}/draft-ruling", DRAFT, sessions[chair], expect=(201,))
    call("POST", f"/api/v1/cases/{draft_case}/draft-comments", COMMENT, draft_token, expect=(201,))
draft_case, draft_token, draft_reference = filed[0]
draft_path = f"/api/v1/cases/{draft_case}/draft-comments"
call("POST", draft_path, COMMENT, draft_token, expect=(201,))  # a party may comment again, until comments_until
log(f"{DRAFTS} draft cases ({filed[0][2]} …): drafts issued by their chairs, comments until "
    f"{draft.get('comments_until')}; a comment by the employee party: 201 on each, a second one on {draft_reference}: 201")
spread = " ".join(f"{case}:{token}" for case, token, _ in filed)

for name, value in (("PAGE_CASE", case_id), ("PAGE_COOKIE", page_cookie), ("DRAFT_CASE", draft_case),
                    ("DRAFT_TOKEN", draft_token), ("DRAFT_PATH", draft_path), ("DRAFT_SPREAD", spread)):
    print(f"{name}={shlex.quote(value)}")
