"""Staff accounts (security finding H2): only an admin sets another account's
password, every change is on the account's history, and an account holder
changes their own password with the current one."""

import uuid

import support


def test_admin_sets_a_password_the_holder_is_logged_out_and_the_history_shows_it(open_browser, staff, api):
    tag = uuid.uuid4().hex[:6]
    person = support.Staff(f"beveiliging-{tag}@example.nl", "eerste-wachtwoord-12", f"Bea Veilig {tag}", "intake_officer")
    api.create_staff(api.login(staff["admin"].email, staff["admin"].password), person)

    holder = open_browser("account holder")
    support.open_login(holder, person)
    assert holder.path == "/medewerkers/zaken"

    admin = open_browser("admin")
    support.open_login(admin, staff["admin"])
    with admin.step("admin opens the account"):
        admin.follow(admin.find("nav a[href='/medewerkers/accounts']"))
        assert admin.h1 == "Accounts"
        admin.follow_link(person.name)
        assert admin.h1 == person.name
        assert "Aangemaakt" in admin.section("Geschiedenis").text
    with admin.step("admin sets a new password"):
        admin.fill("veld-account-password", "tweede-wachtwoord-12")
        admin.press("Opslaan")
        assert "De wijziging is opgeslagen" in admin.text
        history = admin.section("Geschiedenis").text
        assert "Nieuw wachtwoord" in history and "Beheerder" in history
        assert "tweede-wachtwoord-12" not in admin.driver.page_source

    with holder.step("the holder's session has ended"):
        holder.open("/medewerkers/zaken")
        assert holder.path.startswith("/medewerkers/inloggen"), f"still logged in: {holder.path}"


def test_a_coordinator_has_no_password_field_for_other_accounts(open_browser, staff):
    b = open_browser("coordinator")
    support.open_login(b, staff["coordinator"])
    assert not b.exists("nav a[href='/medewerkers/accounts']")
    b.open("/medewerkers/accounts")
    assert b.h1 == "Dit mag niet"


def test_a_staff_member_changes_their_own_password(open_browser, staff, api):
    tag = uuid.uuid4().hex[:6]
    person = support.Staff(f"eigen-{tag}@example.nl", "mijn-oude-wachtwoord", f"Eva Eigen {tag}", "inspector")
    api.create_staff(api.login(staff["admin"].email, staff["admin"].password), person)
    b = open_browser("inspector")
    support.open_login(b, person)
    with b.step("a wrong current password is refused"):
        b.follow(b.find("nav a[href='/medewerkers/wachtwoord']"))
        b.fill("veld-wachtwoord-current-password", "niet-mijn-wachtwoord")
        b.fill("veld-wachtwoord-new-password", "mijn-nieuwe-wachtwoord")
        b.press("Wachtwoord wijzigen")
        assert b.title.startswith("Fout:")
        assert "Uw huidige wachtwoord klopt niet." in b.text
    with b.step("the right one changes it and logs out"):
        b.fill("veld-wachtwoord-current-password", person.password)
        b.fill("veld-wachtwoord-new-password", "mijn-nieuwe-wachtwoord")
        b.press("Wachtwoord wijzigen")
        assert b.path.startswith("/medewerkers/inloggen")
        assert "Uw wachtwoord is gewijzigd" in b.text
    support.log_in(b, support.Staff(person.email, "mijn-nieuwe-wachtwoord", person.name, person.role))
    assert b.path == "/medewerkers/toezicht"


def test_an_account_a_coordinator_makes_with_medical_access_waits_for_an_admin(open_browser, staff, api):
    tag = uuid.uuid4().hex[:6]
    person = support.Staff(f"wacht-{tag}@example.nl", "gekozen-door-coordinator", f"Ina Wacht {tag}", "intake_officer")
    created = api.create_staff(api.login(staff["coordinator"].email, staff["coordinator"].password), person)
    assert created["active"] is False and created["awaiting_activation"] is True, created

    admin = open_browser("admin")
    support.open_login(admin, staff["admin"])
    with admin.step("the admin sees the account waiting"):
        admin.open("/medewerkers/accounts")
        assert "Wacht op uw activering" in admin.find(f"tr:has(a[href='/medewerkers/accounts/{created['id']}'])").text
        admin.follow_link(person.name)
        assert "Wacht op activering door een beheerder" in admin.text
    with admin.step("activating without a new password is refused"):
        admin.press("Account activeren")
        assert admin.title.startswith("Fout:")
        assert "Stel bij het activeren een nieuw wachtwoord in" in admin.text
    with admin.step("the admin activates it with a password of their own"):
        admin.fill("veld-account-password", "van-de-beheerder-12")
        admin.press("Account activeren")
        assert "Het account is geactiveerd" in admin.text
        assert "Actief" in admin.find("dl.facts").text

    holder = open_browser("new intake officer")
    with holder.step("the coordinator's password no longer works; the admin's does"):
        holder.open("/medewerkers/inloggen")
        holder.fill("email", person.email)
        holder.fill("password", person.password)
        holder.press("Inloggen")
        assert "klopt niet" in holder.text
        support.log_in(holder, support.Staff(person.email, "van-de-beheerder-12", person.name, person.role))
        assert holder.path == "/medewerkers/zaken"
