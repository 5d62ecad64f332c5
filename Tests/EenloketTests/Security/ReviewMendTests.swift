import Crypto
import EenloketDomain
@testable import EenloketStore
import Foundation
import Testing

/// What the review of the security change found still open, each closed.
@Suite("Security: mends after the review")
struct ReviewMendTests {
    let twoStep = TwoStepLoginTests()

    // MARK: Only an admin gives access to medical data

    @Test func anAccountACoordinatorMakesThatSeesMedicalDataWaitsForAnAdmin() async throws {
        try await withApp { t in
            let coordinator = try await t.staff(.coordinator).token
            let admin = try await t.adminToken()
            let email = "nieuwe-intake@eenloket.test"
            let created = try await t.api.post(
                "/api/v1/staff",
                object: ["email": email, "name": "Ingrid de Wit", "password": "gekozen-door-coordinator", "role": "intake_officer"],
                token: coordinator)
            #expect(created.status == 201, "\(created.text)")
            #expect(created["active"].bool == false && created["awaiting_activation"].bool == true, "\(created.text)")
            let id = try #require(created["id"].string)
            // The coordinator's password opens nothing.
            expectProblem(try await t.api.post("/api/v1/sessions", object: ["email": email, "password": "gekozen-door-coordinator"]), 401)
            // Every admin hears of it.
            let told = try await t.sql(
                "SELECT body FROM notifications WHERE kind = 'account_awaiting_activation' AND recipient_email = \(t.adminEmail)")
            #expect(told.count == 1)
            let notice = try told[0].decode(String.self)
            #expect(notice.contains("Ingrid de Wit (intake-medewerker)"), "\(notice)")
            // The coordinator cannot switch it on; an admin only with a new password.
            expectProblem(try await t.api.patch("/api/v1/staff/\(id)", object: ["active": true], token: coordinator), 403)
            let bare = try await t.api.patch("/api/v1/staff/\(id)", object: ["active": true], token: admin)
            expectProblem(bare, 422)
            #expect(bare["errors"][0]["field"].string == "password")
            let activated = try await t.api.patch(
                "/api/v1/staff/\(id)", object: ["active": true, "password": "van-de-beheerder-12"], token: admin)
            #expect(activated.status == 200 && activated["active"].bool == true && activated["awaiting_activation"].bool == false)
            expectProblem(try await t.api.post("/api/v1/sessions", object: ["email": email, "password": "gekozen-door-coordinator"]), 401)
            #expect(try await t.api.post("/api/v1/sessions", object: ["email": email, "password": "van-de-beheerder-12"]).status == 201)
            // The database keeps an account that waits inactive.
            await expectSQLState("23514") {
                try await t.sql("UPDATE staff SET active = true, awaiting_activation = true WHERE id = \(UUID(uuidString: id)!)")
            }
        }
    }

    @Test func accountsWithoutMedicalAccessWorkAtOnce() async throws {
        try await withApp { t in
            let coordinator = try await t.staff(.coordinator).token
            let expert = try await t.api.post(
                "/api/v1/staff",
                object: [
                    "email": "ad@eenloket.test", "name": "Arbeidsdeskundige", "password": "arbeids-deskundig-12", "role": "panel_member",
                    "panel": ["discipline": "arbeidsdeskundige", "affiliations": [], "max_open_cases": 3],
                ], token: coordinator)
            #expect(expert["active"].bool == true && expert["awaiting_activation"].bool == false, "\(expert.text)")
            let physician = try await t.api.post(
                "/api/v1/staff",
                object: [
                    "email": "ba@eenloket.test", "name": "Bedrijfsarts", "password": "bedrijfs-arts-1234", "role": "panel_member",
                    "panel": [
                        "discipline": "bedrijfsarts", "big_number": "49012345601", "registered_since": "2012-03-01", "affiliations": [],
                        "max_open_cases": 3,
                    ],
                ], token: coordinator)
            #expect(physician["active"].bool == false && physician["awaiting_activation"].bool == true, "\(physician.text)")
            // Made by an admin, an intake officer works at once.
            let byAdmin = try await t.api.post(
                "/api/v1/staff", object: ["email": "io@eenloket.test", "name": "Intake", "password": "intake-officer-12", "role": "intake_officer"],
                token: try await t.adminToken())
            #expect(byAdmin["active"].bool == true && byAdmin["awaiting_activation"].bool == false)
        }
    }

    // MARK: Two-step login

    @Test func wrongCodesCountAsFailedLoginsAndTheHolderIsTold() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let first = try await twoStep.password(t, t.adminEmail, t.adminPassword)
            let secret = try #require(first["secret"].string)
            #expect(try await twoStep.code(t, try #require(first["challenge"].string), TwoStepLoginTests.code(secret, at: t.clock.now())).status == 201)
            t.clock.advance(by: 30)
            let right = TwoStepLoginTests.code(secret, at: t.clock.now())
            let wrong = right == "123456" ? "654321" : "123456"
            // Two challenges of five wrong codes: ten failures for the address.
            for _ in 0..<2 {
                let challenge = try #require(try await twoStep.password(t, t.adminEmail, t.adminPassword)["challenge"].string)
                for _ in 0..<5 { expectProblem(try await twoStep.code(t, challenge, wrong), 401) }
            }
            // Now even the right password is held off, as after ten wrong passwords.
            expectProblem(try await twoStep.password(t, t.adminEmail, t.adminPassword), 429)
            let told = try await t.sql("SELECT count(*)::int FROM notifications WHERE kind = 'account_code_guessed' AND recipient_email = \(t.adminEmail)")
            #expect(try told[0].decode(Int.self) == 2, "one warning per challenge ended by wrong codes")
        }
    }

    @Test func oneCodeOpensOneSessionEvenWhenSentTwiceAtOnce() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let enrolled = try await twoStep.enrolledLogin(t, t.adminEmail, t.adminPassword)
            for round in 0..<5 {
                // Each refused code is a failed login: past the throttle's window, so only the race is measured.
                t.clock.advance(by: 15 * 60 + 1)
                let code = TwoStepLoginTests.code(enrolled.secret, at: t.clock.now())
                var challenges: [String] = []
                for _ in 0..<4 { challenges.append(try #require(try await twoStep.password(t, t.adminEmail, t.adminPassword)["challenge"].string)) }
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for challenge in challenges { group.addTask { try await twoStep.code(t, challenge, code).status } }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 201 }.count == 1, "round \(round): \(statuses)")
                #expect(statuses.filter { $0 == 401 }.count == 3, "round \(round): \(statuses)")
            }
        }
    }

    @Test func aLateEnrolmentNeverReplacesALinkedApp() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            // Two logins before any app is linked: each offers a secret of its own.
            let one = try await twoStep.password(t, t.adminEmail, t.adminPassword)
            let two = try await twoStep.password(t, t.adminEmail, t.adminPassword)
            let (secretOne, secretTwo) = (try #require(one["secret"].string), try #require(two["secret"].string))
            #expect(secretOne != secretTwo)
            #expect(try await twoStep.code(t, try #require(one["challenge"].string), TwoStepLoginTests.code(secretOne, at: t.clock.now())).status == 201)
            // The other one, answered later with a right code for its own secret, is refused.
            let late = try await twoStep.code(t, try #require(two["challenge"].string), TwoStepLoginTests.code(secretTwo, at: t.clock.now()))
            expectProblem(late, 401)
            #expect(try await twoStep.storedSecret(t, t.adminEmail) == secretOne)
        }
    }

    @Test func aNewPasswordEndsALoginHalfWayAndForgetsDevices() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let email = try await twoStep.account(t, .intakeOfficer)
            let holder = try await twoStep.enrolledLogin(t, email, "twee-stappen-ww-12")
            let staffId = try await t.sql("SELECT id FROM staff WHERE email = \(email)")[0].decode(UUID.self)
            #expect(try await t.sql("SELECT 1 FROM staff_devices WHERE staff_id = \(staffId)").count == 1)
            // Someone past the password step waits for a code...
            let halfway = try await twoStep.password(t, email, "twee-stappen-ww-12")
            let challenge = try #require(halfway["challenge"].string)
            // ... while an admin sets a new password.
            let admin = try await twoStep.adminSession(t)
            let reset = try await t.api.patch("/api/v1/staff/\(staffId.uuidString.lowercased())", object: ["password": "nieuw-wachtwoord-12"], token: admin)
            #expect(reset.status == 200, "\(reset.text)")
            expectProblem(try await twoStep.code(t, challenge, TwoStepLoginTests.code(holder.secret, at: t.clock.now())), 401)
            #expect(try await t.sql("SELECT 1 FROM staff_devices WHERE staff_id = \(staffId)").isEmpty)
        }
    }

    @Test func aCopyOfTheDatabaseHoldsNoAuthenticatorSecretOrRecoveryCode() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let first = try await twoStep.password(t, t.adminEmail, t.adminPassword)
            let secret = try #require(first["secret"].string)
            let pending = try await t.sql("SELECT pending_secret_sealed FROM login_challenges")[0].decode(Data.self)
            let done = try await twoStep.code(t, try #require(first["challenge"].string), TwoStepLoginTests.code(secret, at: t.clock.now()))
            let codes = done["recovery_codes"].array.compactMap(\.string)
            #expect(codes.count == 10)
            let sealed = try await t.sql("SELECT secret_sealed FROM staff_otp")[0].decode(Data.self)
            let raw = Data(TwoStepLoginTests.base32Decode(secret))
            for stored in [sealed, pending] {
                #expect(stored.range(of: raw) == nil, "the secret is stored sealed")
                #expect(stored.count == raw.count + 28, "AES-GCM: nonce, text, tag")
            }
            // Recovery codes are keyed digests: a digest without the server secret matches none.
            let stored = Set(try await t.sql("SELECT code_hash FROM staff_recovery_codes").map { try $0.decode(Data.self) })
            #expect(stored.count == 10)
            for code in codes {
                let plain = Data(SHA256.hash(data: Data(("eenloket-recovery:" + code).utf8)))
                #expect(!stored.contains(plain))
            }
        }
    }

    // MARK: Party links

    @Test func theFirstUseIsMarkedOnlyForTheLinkThatWasUsed() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(PartyLinkAttackTests().invitedByEmail, role: .employer)
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let link = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let caseId = try #require(UUID(uuidString: c.id))
            let employee = PartyPrincipal(caseId: caseId, role: .employee, isFiler: false)
            // A link replaced meanwhile (its old hash) marks nothing.
            try await t.deps.sessions.recordFirstUse(of: employee, link: Data(repeating: 9, count: 32), at: t.clock.now())
            #expect(try await t.sql("SELECT first_used_at FROM case_parties WHERE case_id = \(caseId) AND NOT is_filer")[0].decode(Date?.self) == nil)
            try await t.deps.sessions.recordFirstUse(of: employee, link: AccessToken.hash(link), at: t.clock.now())
            #expect(try await t.sql("SELECT first_used_at FROM case_parties WHERE case_id = \(caseId) AND NOT is_filer")[0].decode(Date?.self) != nil)
        }
    }

    @Test func theEmployerDoesNotLearnThatAStatementIsMedical() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/statements", object: ["text": "Mijn klachten nemen toe.", "medical": true], token: c.token).status == 201)
            func statementEvent(_ token: String) async throws -> JSONValue? {
                try await t.api.get("/api/v1/cases/\(c.id)/events", token: token)["items"].array.first { $0["type"].string == "statement_added" }
            }
            #expect(try await statementEvent(c.token)?["data"]["medical"] == true)
            let seen = try #require(try await statementEvent(employer))
            #expect(seen["data"] == .object(["author_role": "employee"]), "\(seen)")
        }
    }

    @Test func anUnverifiedEmployeeCannotAnswerACheckInEvenPastTheService() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(PartyLinkAttackTests().invitedByEmail, role: .employer)
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
            let caseId = try #require(UUID(uuidString: c.id))
            // The ruling planned check-ins for both parties; the employee's cannot be answered.
            let planned = try await t.sql("SELECT id FROM follow_ups WHERE case_id = \(caseId) AND party = 'employee' ORDER BY sequence")
            let followUp = try #require(try planned.first?.decode(UUID.self))
            await expectSQLState("23514") {
                try await t.sql(
                    "UPDATE follow_ups SET answered_at = now(), carried_out = 'no', return_to_work = 'not_working', needs_help = true WHERE id = \(followUp)")
            }
            // The employer's can.
            try await t.sql(
                """
                UPDATE follow_ups SET answered_at = now(), carried_out = 'yes', return_to_work = 'working_as_agreed', needs_help = false
                 WHERE case_id = \(caseId) AND party = 'employer' AND sequence = 1
                """)
        }
    }
}
