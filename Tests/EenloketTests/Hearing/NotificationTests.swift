import EenloketDomain
import EenloketHTTP
import EenloketStore
import Foundation
import Testing

@Suite("Notifications through the outbox")
struct NotificationTests {
    @Test func everyoneConcernedIsToldWithoutMedicalTextOrTokens() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer).token
            try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake)
            let kinds = try await t.outbox(c.id).map(\.kind)
            for kind in ["case_received", "new_case", "case_triaged", "invitation", "member_assigned", "panel_assigned"] {
                #expect(kinds.contains(kind), "\(kind) in \(kinds)")
            }
            let transport = RecordingTransport()
            let (sent, failed) = try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 100, via: transport)
            #expect(failed == 0 && sent == transport.messages.count && sent >= 6)
            for mail in transport.messages {
                #expect(!mail.body.contains("burn-out"), "no medical text: \(mail.subject)")
                #expect(!mail.body.contains(c.token), "never the filer's token")
                #expect(mail.body.contains(try await t.view(c.id, token: c.token)["reference"].string!))
            }
            // Only the invitation carries a token, and only for its recipient.
            let withTokens = transport.messages.filter { $0.body.contains("/zaak/elc_") }
            #expect(withTokens.map(\.to) == ["hr@jansen.example"])
            // Delivered once.
            #expect(try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 100, via: transport).sent == 0)
        }
    }

    @Test func failedDeliveriesBackOffAndAreFlaggedAfterMaxAttempts() async throws {
        try await withApp(configure: { $0.mailMaxAttempts = 3 }) { t in
            _ = try await t.file()
            let transport = RecordingTransport()
            transport.failing = true
            #expect(try await t.deps.notifications.deliverDue(at: t.clock.now(), via: transport).failed == 1)
            // Not retried before the backoff (30 s) has passed.
            #expect(try await t.deps.notifications.deliverDue(at: t.clock.now().addingTimeInterval(29), via: transport).failed == 0)
            #expect(try await t.deps.notifications.deliverDue(at: t.clock.now().addingTimeInterval(31), via: transport).failed == 1)
            #expect(try await t.deps.notifications.deliverDue(at: t.clock.now().addingTimeInterval(100), via: transport).failed == 1)
            let failed = try await t.api.get("/api/v1/notifications?state=failed", token: try await t.adminToken())
            #expect(failed["items"].array.count == 1)
            #expect(failed["items"][0]["attempts"].int == 3)
            transport.failing = false
            #expect(try await t.deps.notifications.deliverDue(at: t.clock.now().addingTimeInterval(10_000), via: transport).sent == 0)
            #expect(NotificationRepository.backoff(afterAttempts: 1) == 30)
            #expect(NotificationRepository.backoff(afterAttempts: 3) == 120)
            #expect(NotificationRepository.backoff(afterAttempts: 20) == 3600)
        }
    }

    @Test func twoWorkersDeliverEachMessageOnce() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        let clock = ManualClock(testStart)
        try await withApp(clock: clock, database: database) { a in
            try await withApp(clock: clock, database: database) { b in
                for _ in 0..<3 { try await a.staff(.intakeOfficer) }
                for _ in 0..<40 { _ = try await a.file() }  // 40 × (filer + 3 intake officers)
                let transport = RecordingTransport()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for instance in [a, b, a, b] {
                        group.addTask {
                            while try await instance.deps.notifications.deliverDue(at: clock.now(), limit: 9, via: transport).sent > 0 {}
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(transport.messages.count == 160)
                #expect(Set(transport.messages.map(\.id)).count == 160)
            }
        }
    }

    /// A message counts as sent once the transport has it, not when the batch
    /// ends: a delivery that stalls later in the batch does not hold back (or,
    /// by a crash, undo) what was already sent, nor the messages after it.
    @Test func eachMessageIsRecordedAsSoonAsItIsSent() async throws {
        try await withApp { t in
            for _ in 0..<3 { _ = try await t.file() }
            let transport = StallingTransport(stallAt: 2)
            let delivery = Task { try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 10, via: transport) }
            await transport.waitUntilStalled()
            let recorded = try await t.sql("SELECT count(*)::int FROM notifications WHERE sent_at IS NOT NULL")
            #expect(try recorded[0].decode(Int.self) == 1)
            // Another worker meanwhile sends what is not in flight, and not the stalled one.
            let other = RecordingTransport()
            #expect(try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 10, via: other).sent == 1)
            transport.release()
            #expect(try await delivery.value == (sent: 2, failed: 0))
            let all = try await t.sql("SELECT count(*)::int FROM notifications WHERE sent_at IS NOT NULL AND attempts = 1")
            #expect(try all[0].decode(Int.self) == 3)
            #expect(Set(other.messages.map(\.id)).isDisjoint(with: transport.ids))
        }
    }

    @Test func spoolTransportWritesRFC5322Files() async throws {
        let directory = NSTemporaryDirectory() + "eenloket-spool-\(UUID().uuidString)"
        let spool = try SpoolTransport(directory: directory, from: "noreply@eenloket.test")
        try await spool.send(
            OutgoingMail(id: 7, to: "hr@jansen.example", toName: "Bakkerij Jansen B.V.", subject: "Uitnodiging: geef uw reactie (EL-2026-000001)",
                         body: "Beste heer of mevrouw,\n\nZaaknummer: EL-2026-000001.\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 1)
        let text = try String(contentsOfFile: directory + "/" + files[0], encoding: .utf8)
        #expect(text.contains("\r\nTo: \"Bakkerij Jansen B.V.\" <hr@jansen.example>\r\n"))
        #expect(text.contains("Subject: Uitnodiging: geef uw reactie (EL-2026-000001)\r\n"))
        #expect(text.contains("Content-Type: text/plain; charset=UTF-8\r\n"))
        #expect(text.contains("\r\n\r\nBeste heer of mevrouw,\r\n"))
        #expect(text.hasPrefix("From: Eenloket <noreply@eenloket.test>\r\n"))
        // A header value cannot smuggle in another header.
        try await spool.send(OutgoingMail(id: 8, to: "a@b.nl", toName: "A\r\nBcc: x@y.nl", subject: "x\nBcc: z@y.nl", body: "."))
        let second = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix("-8.eml") }
        let injected = try String(contentsOfFile: directory + "/" + second[0], encoding: .utf8)
        #expect(!injected.contains("\r\nBcc:"))
        // A recipient that is not one plain address is never written out.
        await #expect(throws: (any Error).self) {
            try await spool.send(OutgoingMail(id: 9, to: "a@b.nl\r\nBcc: x@y.nl", toName: nil, subject: "x", body: "."))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("-9.eml") }.isEmpty)
    }
}
