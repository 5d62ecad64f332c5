"""Schemathesis hooks for Eenloket (loaded through SCHEMATHESIS_HOOKS by run.sh).

- Authentication: every operation gets the bearer token of a caller who may
  use it (seed.py made them), so the run reaches the operations' logic and
  not only 401/403; with EENLOKET_SCHEMATHESIS_AS=<key> every operation uses
  that one seeded token instead. Logging out gets a fresh session each time,
  so it never revokes a token that other operations use.
- Path ids: most generated UUIDs and integer ids are swapped for ids of
  seeded resources (a fixed share, chosen by a checksum of the generated
  value, so runs stay reproducible); the rest keep exercising 404.
- Counting: every response is counted by status, and the counts are written
  to $EENLOKET_SCHEMATHESIS_COUNTS when the run ends.
"""

import atexit
import datetime
import json
import os
import re
import threading
import zlib
from collections import Counter

import requests
import schemathesis

with open(os.environ["EENLOKET_SCHEMATHESIS_STATE"], encoding="utf-8") as state_file:
    STATE = json.load(state_file)
BASE_URL = os.environ["EENLOKET_BASE_URL"]

# operationId -> (token, the seeded cases it belongs to, token for any other case).
# A party's token (and a chair's) only works for its own case: elsewhere the
# operation is tried as a staff member who may see every case, so that a case
# created during the run is never hidden (404) by a token that is not its own.
TOKEN_FOR = {
    "triageCase": ("intake", None, None),
    "printLetter": ("intake", None, None),
    "changePanel": ("coordinator", None, None),
    "recordRuling": ("chair", {"review", "ruled", "drafted"}, "admin"),
    "issueDraftRuling": ("chair", {"review", "ruled", "drafted"}, "admin"),
    "commentOnDraft": ("drafted", {"drafted"}, "admin"),
    "lodgeObjection": ("hearing", {"hearing"}, "admin"),
    "listObjections": ("coordinator", None, None),
    "decideObjection": ("coordinator", None, None),
    "stepAside": ("va", {"hearing"}, "admin"),
    "planAppointment": ("chair", {"review", "ruled", "drafted"}, "admin"),
    "addDocument": ("hearing", {"hearing"}, "admin"),
    "changeConsents": ("hearing", {"hearing"}, "admin"),
    "listDocuments": ("hearing", {"hearing"}, "admin"),
    "downloadDocument": ("hearing", {"hearing"}, "admin"),
    "answerAppointment": ("review", {"review"}, "admin"),
    "cancelAppointment": ("chair", {"review", "ruled", "drafted"}, "admin"),
    "reportAppointment": ("chair", {"review", "ruled", "drafted"}, "admin"),
    "withdrawCase": ("withdraw", {"withdraw"}, "admin"),
    "lodgeAppeal": ("ruled", {"ruled"}, "coordinator"),
    "listFollowUps": ("ruled", {"ruled"}, "admin"),
    "answerFollowUp": ("ruled", {"ruled"}, "admin"),
    "addStatement": ("hearing", {"hearing"}, "admin"),
    "agreeToBeBound": ("hearing", {"hearing"}, "admin"),
    "recordAppealOutcome": ("coordinator", None, None),
    "recordReturnToWork": ("coordinator", None, None),
    "exportCase": ("ruled", {"ruled"}, "admin"),
    "verifyInvitedEmployee": ("intake", None, None),
    "changeOwnPassword": ("password", None, None),
}

# operationId -> the seeded case its `id` points to (default: the ruled case).
CASE_FOR = {
    "triageCase": "submitted",
    "withdrawCase": "withdraw",
    "recordRuling": "drafted",
    "issueDraftRuling": "review",
    "commentOnDraft": "drafted",
    "lodgeObjection": "hearing",
    "stepAside": "hearing",
    "planAppointment": "review",
    "addDocument": "hearing",
    "changeConsents": "hearing",
    "listDocuments": "hearing",
    "downloadDocument": "hearing",
    "answerAppointment": "review",
    "cancelAppointment": "review",
    "reportAppointment": "review",
    "listAppointments": "review",
    "addStatement": "hearing",
    "listStatements": "hearing",
    "agreeToBeBound": "hearing",
    "changePanel": "hearing",
    "verifyInvitedEmployee": "employer_filed",
}


def operation_id(operation):
    return operation.definition.raw.get("operationId", "")


# A pass "as" one caller (run.sh: the employee filer, the inspector) uses that
# caller's token everywhere instead.
AS_CALLER = os.environ.get("EENLOKET_SCHEMATHESIS_AS", "")


def token_key(case):
    if AS_CALLER:
        return AS_CALLER
    token, cases, fallback = TOKEN_FOR.get(operation_id(case.operation), ("admin", None, None))
    if cases is None:
        return token
    case_id = (case.path_parameters or {}).get("id")
    return token if case_id in {STATE["cases"][key] for key in cases} else fallback


@schemathesis.auth(refresh_interval=None)
class SeededTokens:
    def get(self, case, context):
        if operation_id(case.operation) == "deleteCurrentSession":
            reply = requests.post(f"{BASE_URL}/api/v1/sessions", json=STATE["login"], timeout=30)
            reply.raise_for_status()
            return reply.json()["token"]
        return STATE["tokens"][token_key(case)]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


def _use_seeded(value):
    """Two out of three well-formed ids become seeded ones."""
    return zlib.crc32(str(value).encode()) % 3 != 0


UUID_FORM = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _is_uuid(value):
    """The canonical form only, so that ids mutated into invalid ones stay invalid."""
    return isinstance(value, str) and UUID_FORM.fullmatch(value) is not None


@schemathesis.hook
def map_path_parameters(context, path_parameters):
    if not path_parameters:
        return path_parameters
    op = operation_id(context.operation)
    path = context.operation.path
    seeded = dict(path_parameters)
    for name, value in path_parameters.items():
        if path.startswith("/api/v1/escalations/") or path.startswith("/api/v1/notifications/"):
            well_formed = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63
            if well_formed and _use_seeded(value):
                seeded[name] = STATE["escalation"] if path.startswith("/api/v1/escalations/") else STATE["letter"]
            continue
        if not _is_uuid(value) or not _use_seeded(value):
            continue
        if path.startswith("/api/v1/cases/") and name == "id":
            seeded[name] = STATE["cases"][CASE_FOR.get(op, "ruled")]
        elif path.startswith("/api/v1/staff/") and name == "id":
            seeded[name] = STATE["staff"]["chair" if "/absences" in path else "target"]
        elif name == "absenceId":
            seeded[name] = STATE["absence"]
        elif name == "objectionId":
            seeded[name] = STATE["objection"]
        elif name == "appointmentId":
            seeded[name] = STATE["appointment"]
        elif name == "documentId":
            seeded[name] = STATE["document"]
    return seeded


def _today():
    """Today in Europe/Amsterdam, as the service reckons dates."""
    try:
        from zoneinfo import ZoneInfo

        return datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    except Exception:  # no time zone database: UTC is at most a day behind
        return datetime.datetime.now(datetime.timezone.utc).date()


def _is_date(value):
    try:
        datetime.date.fromisoformat(value)
        return isinstance(value, str) and len(value) == 10
    except (TypeError, ValueError):
        return False


def _fits(value, max_length):
    """A string the schema accepts (so a body made invalid on purpose stays invalid)."""
    return isinstance(value, str) and 1 <= len(value) <= max_length and "\x00" not in value


def _days(value, spread):
    return datetime.timedelta(days=zlib.crc32(str(value).encode()) % spread)


@schemathesis.hook
def map_body(context, body):
    """Dates that the schema cannot pin down (they depend on today) are moved
    into the accepted range when they are well-formed, so generated requests
    get past those rules and reach the responses the document describes;
    everything else in the body stays as generated. A share of well-formed
    logins uses a seeded account, so that 201 is exercised too; a well-formed
    check code is the seeded invited employee's."""
    if not isinstance(body, dict):
        return body
    op = operation_id(context.operation)
    body = dict(body)
    today = _today()
    if op == "fileCase" and _is_date(body.get("sick_since")):
        body["sick_since"] = (today - _days(body["sick_since"], 900)).isoformat()
    elif op == "lodgeAppeal" and _is_date(body.get("lodged_on")):
        body["lodged_on"] = today.isoformat()
    elif op in ("recordReturnToWork", "answerFollowUp") and _is_date(body.get("returned_on")):
        body["returned_on"] = today.isoformat()
    elif op == "recordAppealOutcome" and _is_date(body.get("decided_on")):
        body["decided_on"] = today.isoformat()
    elif op == "createAbsence" and _is_date(body.get("starts_on")) and _is_date(body.get("ends_on")):
        starts = today + _days(body["starts_on"], 30)
        body["starts_on"] = starts.isoformat()
        body["ends_on"] = (starts + _days(body["ends_on"], 30)).isoformat()
    elif op in ("createStaff", "updateStaff") and isinstance(body.get("panel"), dict):
        panel = body["panel"]
        if _is_date(panel.get("registered_since")):
            body["panel"] = dict(panel, registered_since=(today - datetime.timedelta(days=6 * 366)
                                                          - _days(panel["registered_since"], 3000)).isoformat())
    elif op == "verifyInvitedEmployee" and _fits(body.get("code"), 20):
        # The code on the invited employee's page: only the holder of the link knows it.
        body["code"] = STATE["check_code"]
    elif op == "createSession" and _fits(body.get("email"), 320) and _fits(body.get("password"), 1000):
        if _use_seeded(body["email"]):
            body.update(STATE["session"])
    return body


_counts = Counter()
_lock = threading.Lock()


@schemathesis.hook
def after_call(context, case, response):
    with _lock:
        _counts[response.status_code] += 1


def _write_counts():
    target = os.environ.get("EENLOKET_SCHEMATHESIS_COUNTS")
    if target:
        with open(target, "w", encoding="utf-8") as out:
            json.dump({str(status): count for status, count in sorted(_counts.items())}, out)


atexit.register(_write_counts)
