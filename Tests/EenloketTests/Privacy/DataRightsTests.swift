import EenloketDomain
import EenloketStore
import Foundation
import Testing

@Suite("Data-subject rights and the access log")
struct DataRightsTests {
    /// A ruled case whose employer was invited by e-mail; returns both parties' tokens.
    func ruledCase(_ t: TestContext) async throws -> (id: String, employee: String, employer: String, chair: String) {
        let chair = try await t.member(.bedrijfsarts)
        let c = try await t.file([
            "employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"],
            "medical_information": "MEDISCH-EXPORT-1 burn-out",
        ])
        try await t.accept(c.id, disciplines: [.bedrijfsarts])
        #expect(try await t.api.post("/api/v1/cases/\(c.id)/statements", object: ["text": "MEDISCHE-REACTIE-2 medicatie", "medical": true], token: c.token).status == 201)
        #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(medical: "MEDISCH-OORDEEL-3"), token: chair.token).status == 201)
        return (c.id, c.token, try await invitedEmployerToken(t), chair.token)
    }

    /// Delivers the invitation e-mail and reads the employer's private link out of it.
    func invitedEmployerToken(_ t: TestContext) async throws -> String {
        let transport = RecordingTransport()
        try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 100, via: transport)
        let invitation = try #require(transport.messages.first { $0.subject.hasPrefix("Uitnodiging") })
        let link = try #require(invitation.body.split(separator: "\n").first { $0.hasPrefix("https://eenloket.test/zaak/") })
        return String(link.dropFirst("https://eenloket.test/zaak/".count))
    }

    @Test func eachPartyExportsWhatItMaySeeAndTheExportIsLogged() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            let mine = try await t.api.get("/api/v1/cases/\(c.id)/export", token: c.employee)
            #expect(mine.status == 200, "\(mine.text)")
            #expect(mine["you"]["role"].string == "employee" && mine["you"]["email"].string == "sanne@example.nl")
            #expect(mine["case"]["id"].string == c.id)
            #expect(mine.text.contains("MEDISCH-EXPORT-1") && mine.text.contains("MEDISCHE-REACTIE-2") && mine.text.contains("MEDISCH-OORDEEL-3"))
            #expect((mine["events"].array ?? []).contains { $0["type"].string == "ruling_recorded" })

            let employer = try await t.api.get("/api/v1/cases/\(c.id)/export", token: c.employer)
            #expect(employer.status == 200, "\(employer.text)")
            #expect(employer["you"]["role"].string == "employer" && employer["you"]["email"].string == "hr@jansen.example")
            for marker in ["MEDISCH-EXPORT-1", "MEDISCHE-REACTIE-2", "MEDISCH-OORDEEL-3", "sanne@example.nl"] {
                #expect(!employer.text.contains(marker), "the employer's export holds \(marker)")
            }

            let exports = try await t.sql("SELECT actor_role, data->>'format' FROM case_events WHERE case_id = \(UUID(uuidString: c.id)!) AND type = 'data_exported' ORDER BY seq")
            #expect(try exports.map { try $0.decode((String, String).self) }.map { "\($0.0):\($0.1)" } == ["employee:json", "employer:json"])
        }
    }

    @Test func onlyThePartiesOfTheCaseMayExport() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            let other = try await t.file()
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/export"), 401)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/export", token: other.token), 404)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/export", token: c.chair), 403)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/export", token: try await t.adminToken()), 403)
            let exports = try await t.sql("SELECT count(*) FROM case_events WHERE type = 'data_exported'")
            #expect(try exports[0].decode(Int.self) == 0, "a refused export was logged as if it happened")
        }
    }

    @Test func coordinatorsReadWhoSawMedicalTextAndWhoExported() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            let intake = try await t.staff(.intakeOfficer, name: "Ingrid Intake")
            #expect(try await t.view(c.id, token: intake.token).status == 200)
            #expect(try await t.api.get("/api/v1/cases/\(c.id)/export", token: c.employee).status == 200)
            let coordinator = try await t.staff(.coordinator)
            let log = try await t.api.get("/api/v1/cases/\(c.id)/access-log", token: coordinator.token)
            #expect(log.status == 200, "\(log.text)")
            let items = log["items"].array ?? []
            let intakeView = items.first { $0["type"].string == "medical_data_viewed" && $0["actor_staff_id"].string == intake.id }
            #expect(intakeView?["actor_name"].string == "Ingrid Intake")
            #expect(intakeView?["data"]["role"].string == "intake_officer")
            #expect(items.contains { $0["type"].string == "data_exported" && $0["actor_role"].string == "employee" })
            #expect(items.allSatisfy { ["medical_data_viewed", "data_exported"].contains($0["type"].string ?? "") })
            #expect(!log.text.contains("MEDISCH"), "the access log holds medical text")

            #expect(try await t.api.get("/api/v1/cases/\(c.id)/access-log", token: try await t.adminToken()).status == 200)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/access-log", token: intake.token), 403)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/access-log", token: c.employee), 403)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/access-log"), 401)
            expectProblem(try await t.api.get("/api/v1/cases/\(UUID().uuidString.lowercased())/access-log", token: coordinator.token), 404)
        }
    }

    @Test func theAccessLogCannotBeRewritten() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            _ = try await t.view(c.id, token: try await t.staff(.intakeOfficer).token)
            await expectSQLState("42501") {
                try await t.sql("DELETE FROM case_events WHERE type = 'medical_data_viewed'")
            }
            await expectSQLState("42501") {
                try await t.sql("UPDATE case_events SET actor_staff_id = NULL WHERE type = 'medical_data_viewed'")
            }
        }
    }

    @Test func thePartyPageShowsAndDownloadsTheSameData() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            let employeePages = try await t.openLink(c.employee)
            let page = try await t.partyPage("/zaak/gegevens", cookie: employeePages)
            #expect(page.status == 200)
            #expect(page.contentType.hasPrefix("text/html"))
            #expect(page.text.contains("Uw gegevens") && page.text.contains("MEDISCH-EXPORT-1") && page.text.contains("sanne@example.nl"))
            #expect(page.text.contains("/zaak/gegevens.json") && !page.text.contains(c.employee), "the page holds no token")
            let download = try await t.partyPage("/zaak/gegevens.json", cookie: employeePages)
            #expect(download.status == 200)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download["case"]["id"].string == c.id)

            let employerPage = try await t.partyPage("/zaak/gegevens", cookie: try await t.openLink(c.employer))
            #expect(employerPage.status == 200)
            #expect(!employerPage.text.contains("MEDISCH") && !employerPage.text.contains("sanne@example.nl"))
            #expect(try await t.api.get("/zaak/gegevens").status == 404, "no page session, no page")
            #expect(try await t.api.get("/zaak/onbekende-link").status == 404)

            let formats = try await t.sql("SELECT data->>'format' FROM case_events WHERE case_id = \(UUID(uuidString: c.id)!) AND type = 'data_exported' ORDER BY seq")
            #expect(try formats.map { try $0.decode(String.self) } == ["html", "json", "html"])
        }
    }
}
