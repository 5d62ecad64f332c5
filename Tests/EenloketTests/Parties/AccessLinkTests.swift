import EenloketDomain
import EenloketStore
import Foundation
import Testing

/// Getting back in: a new private link by e-mail, the same answer (and the
/// same work in the request) for a match and a miss; the worker replaces the
/// token (the old link dies) and sends at most three messages a day.
@Suite("Parties: a lost link is not a dead end")
struct AccessLinkTests {
    static let path = "/api/v1/access-links"

    /// Files a case (the employee's e-mail sanne@example.nl) and returns it with its reference.
    static func filed(_ t: TestContext) async throws -> (id: String, token: String, reference: String) {
        let c = try await t.file()
        let reference = try #require(try await t.view(c.id, token: c.token)["reference"].string)
        return (c.id, c.token, reference)
    }

    /// The delivery worker's round: the pending requests, as the service does before delivering.
    static func process(_ t: TestContext) async throws {
        try await t.deps.cases.processAccessLinks(at: t.clock.now())
    }

    /// Delivers what is due and returns the new link's token from the access-link message to `to`.
    static func deliveredLink(_ t: TestContext, to: String) async throws -> String? {
        try await process(t)
        let transport = RecordingTransport()
        try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 100, via: transport)
        guard let mail = transport.messages.last(where: { $0.subject.hasPrefix("Uw nieuwe link") && $0.to == to }) else { return nil }
        #expect(mail.body.contains("/link-kwijt"), "the message says where to go when this link is lost too")
        let line = mail.body.split(separator: "\n").first { $0.hasPrefix("https://eenloket.test/zaak/") }
        return line.map { String($0.dropFirst("https://eenloket.test/zaak/".count)) }
    }

    static func requests(_ t: TestContext) async throws -> [(matched: Bool, sent: Bool)] {
        try await t.sql("SELECT case_id IS NOT NULL, sent FROM access_link_requests ORDER BY id").map { try $0.decode((Bool, Bool).self) }
    }

    @Test func aMatchingRequestMailsANewLinkAndTheOldOneStopsWorking() async throws {
        try await withApp { t in
            let c = try await Self.filed(t)
            // As people type it: lower case, the number without its zeros, the address in capitals.
            let typed = c.reference.lowercased().replacingOccurrences(of: "-0000", with: "-")
            let reply = try await t.api.post(Self.path, object: ["reference": typed, "email": "Sanne@Example.NL"])
            #expect(reply.status == 202, "\(reply.text)")
            #expect(reply["message"].string == AccessLinks.answer)
            #expect(try await t.view(c.id, token: c.token).status == 200, "the request only records; the worker acts")
            #expect(try await t.sql("SELECT 1 FROM access_link_requests WHERE email IS NOT NULL").count == 1)
            try await Self.process(t)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)", token: c.token), 401)
            #expect(try await t.sql("SELECT 1 FROM access_link_requests WHERE email IS NOT NULL OR reference IS NOT NULL").isEmpty,
                "the typed address is forgotten once handled")

            let fresh = try #require(try await Self.deliveredLink(t, to: "sanne@example.nl"))
            #expect(fresh != c.token)
            let view = try await t.view(c.id, token: fresh)
            #expect(view.status == 200 && view["medical_information"].string != nil, "the new link is the employee's, medical fields and all")
            #expect(try await t.eventTypes(c.id).contains("access_link_sent"))
            #expect(try await Self.requests(t).map(\.sent) == [true])
        }
    }

    @Test func aMissGetsTheSameAnswerAndChangesNothing() async throws {
        try await withApp { t in
            let c = try await Self.filed(t)
            let other = try await t.file(["filer": ["name": "Piet Smit", "email": "piet@example.nl"]])
            let hit = try await t.api.post(Self.path, object: ["reference": c.reference, "email": "sanne@example.nl"])
            let misses: [[String: Any]] = [
                ["reference": c.reference, "email": "iemand@example.nl"],  // the case, not its address
                ["reference": c.reference, "email": "piet@example.nl"],  // a party's address, of another case
                ["reference": "EL-2031-999999", "email": "sanne@example.nl"],  // no such case
            ]
            let sentBefore = try await t.outbox(other.id).count
            for body in misses {
                let miss = try await t.api.post(Self.path, object: body)
                #expect(miss.status == hit.status && miss.text == hit.text, "byte for byte the same answer: \(miss.text)")
                #expect(miss.headers[.contentType] == hit.headers[.contentType])
            }
            try await Self.process(t)
            #expect(try await t.view(other.id, token: other.token).status == 200, "the other filer's link still works")
            #expect(try await t.outbox(other.id).count == sentBefore)
            #expect(try await t.outbox(c.id).filter { $0.kind == "access_link" }.count == 1)
            // Every request wrote its row and nothing else: the worker did the rest.
            #expect(try await Self.requests(t).map(\.matched) == [true, false, false, false])
        }
    }

    @Test func atMostThreeMessagesPerPartyPerDayTheRestDroppedSilently() async throws {
        try await withApp { t in
            let c = try await Self.filed(t)
            let body: [String: Any] = ["reference": c.reference, "email": "sanne@example.nl"]
            let first = try await t.api.post(Self.path, object: body)
            try await Self.process(t)
            for _ in 0..<4 {
                t.clock.advance(by: 3600)
                let again = try await t.api.post(Self.path, object: body)
                #expect(again.status == 202 && again.text == first.text)
                try await Self.process(t)
            }
            #expect(try await t.outbox(c.id).filter { $0.kind == "access_link" }.count == 3)
            #expect(try await Self.requests(t).map(\.sent) == [true, true, true, false, false])
            // 24 hours after the first message (4 h have passed): still three in the last 24 hours.
            t.clock.advance(by: 19 * 3600 + 59 * 60)
            _ = try await t.api.post(Self.path, object: body)
            try await Self.process(t)
            #expect(try await t.outbox(c.id).filter { $0.kind == "access_link" }.count == 3)
            // Exactly 24 hours after the first: it no longer counts.
            t.clock.advance(by: 4 * 3600 + 60)
            _ = try await t.api.post(Self.path, object: body)
            try await Self.process(t)
            #expect(try await t.outbox(c.id).filter { $0.kind == "access_link" }.count == 4)
        }
    }

    @Test func concurrentRequestsSendNoMoreThanTheLimit() async throws {
        try await withApp { t in
            let c = try await Self.filed(t)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await t.api.post(Self.path, object: ["reference": c.reference, "email": "sanne@example.nl"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 202, count: 8))
            // Two instances' workers at once, each taking a few requests.
            async let one = t.deps.cases.processAccessLinks(at: t.clock.now(), limit: 3)
            async let two = t.deps.cases.processAccessLinks(at: t.clock.now(), limit: 3)
            _ = try await (one, two)
            try await Self.process(t)
            #expect(try await t.outbox(c.id).filter { $0.kind == "access_link" }.count == AccessLinks.perDay)
            #expect(try await Self.requests(t).count == 8)
        }
    }

    @Test func theInvitedPartyGetsBackInAndTheOtherPartysLinkStays() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let reference = try #require(try await t.view(s.id, token: s.employee)["reference"].string)
            #expect(try await t.api.post(Self.path, object: ["reference": reference, "email": "HR@jansen.example"]).status == 202)
            try await Self.process(t)
            expectProblem(try await t.api.get("/api/v1/cases/\(s.id)", token: s.employer), 401)
            #expect(try await t.view(s.id, token: s.employee).status == 200, "the employee's link is untouched")
            let fresh = try #require(try await Self.deliveredLink(t, to: "hr@jansen.example"))
            let view = try await t.view(s.id, token: fresh)
            #expect(view.status == 200 && view["medical_information"] == nil, "the employer's new link is the employer's")
            // The employee does not see that the employer asked for a link; staff do.
            let employeeEvents = try await t.api.get("/api/v1/cases/\(s.id)/events", token: s.employee)
            #expect(!employeeEvents.text.contains("access_link_sent"))
            let employerEvents = try await t.api.get("/api/v1/cases/\(s.id)/events", token: fresh)
            #expect(employerEvents.text.contains("access_link_sent"))
            let staffEvents = try await t.api.get("/api/v1/cases/\(s.id)/events", token: try await t.staff(.coordinator).token)
            #expect(staffEvents.text.contains("access_link_sent"))
        }
    }

    @Test func malformedRequestsGetAPreciseProblemAndWriteNothing() async throws {
        try await withApp { t in
            let c = try await Self.filed(t)
            let cases: [([String: Any], Int, String)] = [
                (["reference": "zaak 42", "email": "sanne@example.nl"], 422, "reference"),
                (["reference": "EL-26-42", "email": "sanne@example.nl"], 422, "reference"),
                (["reference": c.reference, "email": "sanne"], 422, "email"),
                (["reference": c.reference, "email": "sanne@example.nl\r\nBcc: x@evil.example"], 422, "email"),
                (["email": "sanne@example.nl"], 422, "reference"),
                (["reference": c.reference], 422, "email"),
            ]
            for (body, status, field) in cases {
                let reply = try await t.api.post(Self.path, object: body)
                expectProblem(reply, status)
                #expect(reply["errors"].array.contains { $0["field"].string == field }, "\(body): \(reply.text)")
            }
            expectProblem(try await t.api.post(Self.path, object: ["reference": 42, "email": "sanne@example.nl"]), 400)
            expectProblem(try await t.api.post(Self.path, "{\"reference\":"), 400)
            #expect(try await Self.requests(t).isEmpty)
            #expect(try await t.view(c.id, token: c.token).status == 200)
        }
    }

    @Test func referencesAreReadAsPeopleTypeThem() {
        #expect(AccessLinks.reference("EL-2026-000042") == "EL-2026-000042")
        #expect(AccessLinks.reference(" el-2026-42 ") == "EL-2026-000042")
        #expect(AccessLinks.reference("EL-2026-1234567") == nil)
        #expect(AccessLinks.reference("EL-2026-") == nil)
        #expect(AccessLinks.reference("EL-20260-42") == nil)
        #expect(AccessLinks.reference("EL-2026-4２") == nil, "full-width digits are not digits here")
        #expect(AccessLinks.reference("XX-2026-000042") == nil)
    }
}
