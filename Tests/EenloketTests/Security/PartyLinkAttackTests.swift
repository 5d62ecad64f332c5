import EenloketDomain
import EenloketStore
import Foundation
import Testing

/// Security finding H1: a filer must not receive, or act on, the other party's
/// private link, and an employer must never read the employee's medical data with it.
@Suite("Security H1: the other party's link reaches only the other party")
struct PartyLinkAttackTests {
    static let hostileName = "Sanne <spy@bakkerij.example>, Sanne de Vries"

    /// An employer's filing naming the employee as given.
    func employerFiling(_ t: TestContext, employee: [String: Any]) -> [String: Any] {
        t.filing(["employee": employee, "filer": ["name": "Jan de Baas", "email": "jan@bakkerij.example"]], role: .employer)
    }

    /// Delivers the outbox to a spool folder and returns the invitation as written.
    func spooledInvitation(_ t: TestContext) async throws -> ParsedMail {
        let directory = NSTemporaryDirectory() + "eenloket-h1-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try SpoolTransport(directory: directory, from: "noreply@eenloket.test")
        try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 100, via: spool)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasSuffix(".eml") {
            let path = directory + "/" + file
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "a spooled message holds a private link: only its owner may read it (\(String(mode, radix: 8)))")
            let mail = ParsedMail(try String(contentsOfFile: path, encoding: .utf8))
            if mail.headers.contains(where: { $0.name == "subject" && $0.value.hasPrefix("Uitnodiging") }) { return mail }
        }
        throw InvitationMissing()
    }

    struct InvitationMissing: Error {}

    /// An employer's filing that gives the employee's e-mail address (the invitation goes by e-mail).
    var invitedByEmail: [String: Any] {
        ["employee": ["name": "Sanne de Vries", "email": "s.devries@example.nl", "address": ["street": "Lindelaan 4", "postal_code": "3512 AB", "city": "Utrecht"]]]
    }

    @Test func theParserCountsEveryRecipientOfTheOldHeader() {
        // The header the security test saw: a header-based MTA delivers to both.
        let old = "Sanne <spy@bakkerij.example>, Sanne de Vries <sanne.real@example.nl>"
        #expect(ParsedMail.addresses(in: old) == ["spy@bakkerij.example", "sanne.real@example.nl"])
    }

    @Test func aDisplayNameCannotAddARecipient() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let filed = try await t.api.post(
                "/api/v1/cases", object: employerFiling(t, employee: ["name": Self.hostileName, "email": "sanne.real@example.nl"]))
            #expect(filed.status == 201, "\(filed.text)")
            let id = try #require(filed["id"].string)
            #expect(try await t.accept(id, disciplines: [.bedrijfsarts]).status == 200)
            let mail = try await spooledInvitation(t)
            #expect(mail.recipients == ["sanne.real@example.nl"], "\(mail.headers)")
        }
    }

    @Test func theFilersOwnAddressIsNeverInvited() async throws {
        try await withApp { t in
            // At filing, ignoring case and spaces.
            let own = try await t.api.post(
                "/api/v1/cases", object: employerFiling(t, employee: ["name": "Sanne de Vries", "email": "Jan@Bakkerij.example"]))
            expectProblem(own, 422)
            #expect(own["errors"].array.contains { $0["field"].string == "employee.email" }, "\(own.text)")
            // At triage: the intake officer cannot type it either.
            try await t.member(.bedrijfsarts)
            let c = try await t.file(role: .employer)
            let intake = try await t.staff(.intakeOfficer).token
            let triage = try await t.api.post(
                "/api/v1/cases/\(c.id)/triage",
                object: [
                    "decision": "accept", "case_type": "work_capacity", "other_options_exhausted": true, "disciplines": ["bedrijfsarts"],
                    "motivation": "Geaccepteerd voor het panel.", "other_party": ["email": "sanne@example.nl"],
                ], token: intake)
            expectProblem(triage, 422)
            #expect(triage["errors"][0]["field"].string == "other_party.email", "\(triage.text)")
            #expect(try await t.view(c.id, token: intake)["status"].string == "submitted", "nothing changed")
            // And the database refuses it whatever the service does.
            await expectSQLState("23514") {
                try await t.sql(
                    """
                    INSERT INTO case_parties (id, case_id, role, is_filer, email, token_hash, created_at, invited_at, hearing_ends_at)
                    VALUES (\(UUID()), \(UUID(uuidString: c.id)!), 'employee', false, 'SANNE@example.nl', \(Data(repeating: 7, count: 32)),
                            now(), now(), now())
                    """)
            }
        }
    }

    @Test func withoutAnyWayToReachTheOtherPartyACaseIsNotAccepted() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678"]])
            let intake = try await t.staff(.intakeOfficer).token
            let refused = try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake)
            expectProblem(refused, 422)
            #expect(refused["errors"][0]["field"].string == "other_party")
            // The intake officer adds the address they found. Ticking "verified" for an address proves nothing about a link: 422.
            var triage: [String: Any] = [
                "decision": "accept", "case_type": "work_capacity", "other_options_exhausted": true, "disciplines": ["bedrijfsarts"],
                "motivation": "Geaccepteerd voor het panel.",
                "other_party": ["address": ["street": "Marktstraat 1", "postal_code": "1011aa", "city": "Amsterdam"], "verified": true],
            ]
            let ticked = try await t.api.post("/api/v1/cases/\(c.id)/triage", object: triage, token: intake)
            expectProblem(ticked, 422)
            #expect(ticked["errors"][0]["field"].string == "other_party.verified", "\(ticked.text)")
            triage["other_party"] = ["address": ["street": "Marktstraat 1", "postal_code": "1011aa", "city": "Amsterdam"]]
            let accepted = try await t.api.post("/api/v1/cases/\(c.id)/triage", object: triage, token: intake)
            #expect(accepted.status == 200, "\(accepted.text)")
            let parties = try await t.api.get("/api/v1/cases/\(c.id)/parties", token: intake)
            #expect(parties["other_party"]["address"]["postal_code"].string == "1011 AA")
            let invited = try #require(parties["items"].array.first { $0["filer"].bool == false })
            #expect(invited["address"]["street"].string == "Marktstraat 1" && invited["verified_at"].isNull)
        }
    }

    @Test func theIntakeOfficerCanRemoveTheAddressTheFilerTyped() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            // An employer typed an address in its own mail domain; the officer sends a letter instead.
            let filed = try await t.api.post(
                "/api/v1/cases",
                object: employerFiling(
                    t, employee: ["name": "Sanne de Vries", "email": "sanne@bakkerij.example", "address": t.employeeAddress]))
            let id = try #require(filed["id"].string)
            let intake = try await t.staff(.intakeOfficer).token
            let accepted = try await t.api.post(
                "/api/v1/cases/\(id)/triage",
                object: [
                    "decision": "accept", "case_type": "work_capacity", "other_options_exhausted": true, "disciplines": ["bedrijfsarts"],
                    "motivation": "Geaccepteerd voor het panel.", "other_party": ["email": NSNull()],
                ], token: intake)
            #expect(accepted.status == 200, "\(accepted.text)")
            let parties = try await t.api.get("/api/v1/cases/\(id)/parties", token: intake)
            #expect(parties["other_party"]["email"].isNull, "\(parties.text)")
            let invited = try #require(parties["items"].array.first { $0["filer"].bool == false })
            #expect(invited["email"].isNull && invited["address"]["city"].string != nil)
            let outbox = try await t.outbox(id).filter { $0.kind == "invitation" }
            #expect(outbox.count == 1 && outbox[0].channel == "letter", "\(outbox)")
        }
    }

    @Test func anEmployerHoldingTheEmployeesLinkReadsNoMedicalData() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            // The employer types an address it controls as the employee's (not its own, which is refused).
            let filed = try await t.api.post(
                "/api/v1/cases", object: employerFiling(t, employee: ["name": "Sanne de Vries", "email": "sanne@bakkerij.example"]))
            let id = try #require(filed["id"].string)
            let employerToken = try #require(filed["access_token"].string)
            let intake = try await t.staff(.intakeOfficer).token
            // The intake officer sees both addresses, and that they share the employer's mail domain.
            let parties = try await t.api.get("/api/v1/cases/\(id)/parties", token: intake)
            #expect(parties["other_party"]["email"].string == "sanne@bakkerij.example")
            #expect(parties["other_party"]["same_domain_as_filer"].bool == true)
            #expect(parties["items"][0]["email"].string == "jan@bakkerij.example" && parties["items"][0]["filer"].bool == true)
            expectProblem(try await t.api.get("/api/v1/cases/\(id)/parties", token: chair.token), 403)
            expectProblem(try await t.api.get("/api/v1/cases/\(id)/parties", token: employerToken), 403)

            #expect(try await t.accept(id, disciplines: [.bedrijfsarts], intake: intake).status == 200)
            let marker = "MEDISCH-H1-burn-out"
            let statement = try await t.api.post(
                "/api/v1/cases/\(id)/statements", object: ["text": "\(marker): belastbaar voor 12 uur.", "medical": true], token: chair.token)
            #expect(statement.status == 201)
            let mail = try await spooledInvitation(t)
            #expect(mail.recipients == ["sanne@bakkerij.example"])
            let link = try #require(mail.body.components(separatedBy: "\r\n").first { $0.hasPrefix("https://eenloket.test/zaak/") })
            let stolen = String(link.dropFirst("https://eenloket.test/zaak/".count))

            // With the employee's link the employer reads the case, but nothing medical.
            let view = try await t.view(id, token: stolen)
            #expect(view.status == 200)
            #expect(!view.json.has("medical_information") && view["hearing"]["verified_at"].isNull)
            let statements = try await t.api.get("/api/v1/cases/\(id)/statements", token: stolen)
            #expect(statements.status == 200 && !statements.text.contains(marker))
            #expect(try await t.deps.cases.medicalVisibleInDatabase(UUID(uuidString: id)!, to: try partyCaller(t, stolen)) == false)
            // The first use of the link is in the history that both parties and staff read.
            for token in [employerToken, stolen, intake] {
                let events = try await t.api.get("/api/v1/cases/\(id)/events", token: token)["items"].array
                #expect(events.contains { $0["type"].string == "party_link_first_used" && $0["actor_role"].string == "employee" })
            }
            // The link does not speak for the employee either: no statement, until verified.
            let posted = try await t.api.post(
                "/api/v1/cases/\(id)/statements", object: ["text": "Ik ben het eens met mijn werkgever."], token: stolen)
            expectProblem(posted, 403)
            // The real employee, on the phone, has no link and so no code: a guess is refused and counted.
            let code = try #require(view["check_code"].string)
            let path = "/api/v1/cases/\(id)/parties/employee/verification"
            let guess = code == "AAA-AAA" ? "BBB-BBB" : "AAA-AAA"
            let wrong = try await t.api.post(path, object: ["code": guess, "how": "phone"], token: intake)
            expectProblem(wrong, 422)
            #expect(wrong["errors"][0]["field"].string == "code")
            #expect(try await t.api.get("/api/v1/cases/\(id)/statements", token: stolen).text.contains(marker) == false)
            // Whoever reads out the code holds the link: then (and only then) it is the employee's.
            let verified = try await t.api.post(path, object: ["code": code.lowercased(), "how": "phone"], token: intake)
            #expect(verified.status == 200, "\(verified.text)")
            #expect(try await t.api.get("/api/v1/cases/\(id)/statements", token: stolen).text.contains(marker))
            #expect(!(try await t.view(id, token: stolen)).json.has("check_code"), "a verified employee needs no code")
            expectProblem(try await t.api.post(path, object: ["code": code, "how": "in_person"], token: chair.token), 409)
            // The history says how, never free text.
            let events = try await t.api.get("/api/v1/cases/\(id)/events", token: employerToken)["items"].array
            let event = try #require(events.first { $0["type"].string == "party_verified" })
            #expect(event["data"] == .object(["party": "employee", "how": "phone"]), "\(event)")
        }
    }

    @Test func fiveWrongCodesEndVerificationForThatLink() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(invitedByEmail, role: .employer)
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let link = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let code = try #require(try await t.view(c.id, token: link)["check_code"].string)
            let intake = try await t.staff(.intakeOfficer).token
            let path = "/api/v1/cases/\(c.id)/parties/employee/verification"
            let wrong = code == "AAA-AAA" ? "BBB-BBB" : "AAA-AAA"
            for _ in 0..<PartyCheckCode.maxFailures {
                expectProblem(try await t.api.post(path, object: ["code": wrong, "how": "phone"], token: intake), 422)
            }
            // Now even the right code is refused for this link.
            expectProblem(try await t.api.post(path, object: ["code": code, "how": "phone"], token: intake), 409)
            // The count holds in the database, whatever the service does.
            await expectSQLState("23514") {
                try await t.sql("UPDATE case_parties SET check_failures = 6 WHERE case_id = \(UUID(uuidString: c.id)!) AND NOT is_filer")
            }
        }
    }

    /// Wrong codes sent at once are each counted against the same limit: five
    /// are answered 422, the rest 409; two right codes at once verify once.
    @Test func concurrentCodesCountAgainstOneLimitAndVerifyOnce() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let intake = try await t.staff(.intakeOfficer).token
            let c = try await t.file(invitedByEmail, role: .employer)
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let link = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let code = try #require(try await t.view(c.id, token: link)["check_code"].string)
            let path = "/api/v1/cases/\(c.id)/parties/employee/verification"
            let wrong = code == "AAA-AAA" ? "BBB-BBB" : "AAA-AAA"
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 { group.addTask { try await t.api.post(path, object: ["code": wrong, "how": "phone"], token: intake).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 422 }.count == PartyCheckCode.maxFailures, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 409 }.count == 12 - PartyCheckCode.maxFailures, "\(statuses.sorted())")

            let other = try await t.file(invitedByEmail, role: .employer)
            #expect(try await t.accept(other.id, disciplines: [.bedrijfsarts]).status == 200)
            let otherLink = try await HearingTests().deliverInvitation(t, caseId: other.id)
            let otherCode = try #require(try await t.view(other.id, token: otherLink)["check_code"].string)
            let otherPath = "/api/v1/cases/\(other.id)/parties/employee/verification"
            let twice = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 { group.addTask { try await t.api.post(otherPath, object: ["code": otherCode, "how": "phone"], token: intake).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(twice.sorted() == [200, 409])
            let events = try await t.sql(
                "SELECT count(*)::int FROM case_events WHERE case_id = \(UUID(uuidString: other.id)!) AND type = 'party_verified'")
            #expect(try events[0].decode(Int.self) == 1)
        }
    }

    @Test func anUnverifiedInvitedEmployeeCannotWriteEvenPastTheService() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(role: .employer)
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let caseId = try #require(UUID(uuidString: c.id))
            // The database refuses the employee's statement while the invited employee is unverified.
            await expectSQLState("23514") {
                try await t.sql(
                    "INSERT INTO case_statements (id, case_id, author_role, text, medical, created_at) VALUES (\(UUID()), \(caseId), 'employee', 'x', false, now())")
            }
            // The employer's own statement is fine.
            let employer = try await t.api.post("/api/v1/cases/\(c.id)/statements", object: ["text": "Wij zien het anders."], token: c.token)
            #expect(employer.status == 201, "\(employer.text)")
        }
    }

    @Test func onlyAnIntakeOfficerOrAPanelPhysicianVerifies() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let ad = try await t.member(.arbeidsdeskundige)
            let c = try await t.file(invitedByEmail, role: .employer)
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts, .arbeidsdeskundige]).status == 200)
            let path = "/api/v1/cases/\(c.id)/parties/employee/verification"
            let link = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let code = try #require(try await t.view(c.id, token: link)["check_code"].string)
            let body: [String: Any] = ["code": code, "how": "in_person"]
            expectProblem(try await t.api.post(path, object: body, token: ad.token), 403)
            expectProblem(try await t.api.post(path, object: body, token: try await t.staff(.coordinator).token), 403)
            expectProblem(try await t.api.post(path, object: body, token: c.token), 403)
            expectProblem(try await t.api.post(path, object: body, token: link), 403)  // the employee cannot verify themselves
            #expect(try await t.api.post(path, object: body, token: chair.token).status == 200)
            // An employee who filed needs no verification: there is no invited employee.
            let own = try await t.file()
            #expect(try await t.accept(own.id, disciplines: [.bedrijfsarts]).status == 200)
            expectProblem(try await t.api.post("/api/v1/cases/\(own.id)/parties/employee/verification", object: body, token: chair.token), 409)
        }
    }

    func partyCaller(_ t: TestContext, _ token: String) async throws -> Caller {
        try #require(try await t.deps.sessions.resolve(token: token, at: t.clock.now()))
    }
}
