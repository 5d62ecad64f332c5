"""The two-step staff login (security finding M4) in a real browser, on the
instance that runs with EENLOKET_STAFF_OTP=required: enrolling an
authenticator app, the recovery codes shown once, a wrong code, and logging in
again with a code."""

import base64
import hashlib
import hmac
import os
import struct
import time
import uuid

import pytest

import support


def totp(secret_base32: str, at: float | None = None) -> str:
    """An authenticator app's code (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits)."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


@pytest.fixture(scope="module")
def otp_url() -> str:
    url = os.environ.get("EENLOKET_OTP_BASE_URL")
    if not url:
        pytest.skip("EENLOKET_OTP_BASE_URL is not set: run the suite with Tests/Browser/run.sh")
    return url.rstrip("/")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_an_intake_officer_enrols_an_app_and_logs_in_with_its_codes(open_browser, staff, api, otp_url, viewport):
    tag = uuid.uuid4().hex[:6]
    person = support.Staff(f"tweestap-{tag}@example.nl", "twee-stappen-ww-12", f"Tineke Twee {tag}", "intake_officer")
    api.create_staff(api.login(staff["admin"].email, staff["admin"].password), person)
    b = open_browser("intake officer", viewport)
    b.open(f"{otp_url}/medewerkers/inloggen")
    with b.step("the password opens the enrolment"):
        b.fill("email", person.email)
        b.fill("password", person.password)
        b.press("Inloggen")
        assert b.h1 == "Inlogcode-app koppelen", b.text[:300]
        secret = b.find(".secret").text.replace(" ", "")
        assert "otpauth://totp/" in b.text
    with b.step("a wrong code is refused and the secret is shown again"):
        right = totp(secret)
        b.fill("code", "000000" if right != "000000" else "111111")
        b.press("Inloggen")
        assert b.title.startswith("Fout:") and "Deze code klopt niet" in b.text
        assert b.find(".secret").text.replace(" ", "") == secret
    with b.step("the app's code finishes the enrolment and shows the recovery codes once"):
        b.fill("code", totp(secret))
        b.press("Inloggen")
        assert b.h1 == "Bewaar uw herstelcodes"
        codes = [element.text for element in b.find_all("ul.codes code")]
        assert len(codes) == 10 and len(set(codes)) == 10
        b.follow_link("Ik heb de codes bewaard, verder")
        assert b.h1 == "Werkvoorraad"
    with b.step("logging out and in again takes a code, or a recovery code"):
        b.press(f"Uitloggen ({person.name})")
        b.fill("email", person.email)
        b.fill("password", person.password)
        b.press("Inloggen")
        assert b.h1 == "Inlogcode" and not b.exists(".secret")
        b.fill("code", codes[0])
        b.press("Inloggen")
        assert b.h1 == "Werkvoorraad"


def test_a_coordinator_logs_in_with_a_password_only(open_browser, staff, otp_url):
    b = open_browser("coordinator")
    b.open(f"{otp_url}/medewerkers/inloggen")
    support.log_in(b, staff["coordinator"])
    assert b.path.startswith("/medewerkers/zaken")
