import EenloketDomain
import Foundation
import PostgresNIO

/// A message ready to hand to a mail transport.
public struct OutgoingMail: Sendable {
    public let id: Int64
    public let to: String
    public let toName: String?
    public let subject: String
    public let body: String

    public init(id: Int64, to: String, toName: String?, subject: String, body: String) {
        self.id = id
        self.to = to
        self.toName = toName
        self.subject = subject
        self.body = body
    }
}

/// Hands messages to the outside world: an RFC 5322 spool, `sendmail -t`, …
public protocol MailTransport: Sendable {
    func send(_ mail: OutgoingMail) async throws
}

/// A printable letter for a party without an e-mail address.
public struct PrintableLetter: Sendable {
    public let id: Int64
    public let reference: String
    public let recipientName: String?
    /// The party's postal address, for the envelope.
    public let recipientAddress: PostalAddress?
    public let subject: String
    public let body: String
}

/// The outbox: delivery of e-mail with retries, letters for the intake
/// officers to print, and what failed for a person to look at.
public struct NotificationRepository: Sendable {
    let db: Database
    let settings: ServiceSettings
    /// The working-day calendar, for the window a printed invitation letter starts.
    let deadlines: DeadlineSettings
    /// Deliveries tried before a message is flagged as failed.
    public let maxAttempts: Int

    public init(db: Database, settings: ServiceSettings, deadlines: DeadlineSettings, maxAttempts: Int = 8) {
        self.db = db
        self.settings = settings
        self.deadlines = deadlines
        self.maxAttempts = maxAttempts
    }

    /// Delivers up to `limit` due e-mails; a failure is retried with
    /// exponential backoff (30 s, 1 min, 2 min, … at most an hour) and flagged
    /// after `maxAttempts`. Returns how many were sent and how many failed.
    ///
    /// Each message is claimed (SKIP LOCKED, so instances never send one twice
    /// at once), sent and recorded in a transaction of its own: what was sent
    /// stays recorded whatever happens to the rest of the batch. A crash
    /// between sending and the commit resends that one message
    /// (at-least-once); its private link is then replaced by the new one.
    @discardableResult
    public func deliverDue(at now: Date, limit: Int = 50, via transport: any MailTransport) async throws -> (sent: Int, failed: Int) {
        var sent = 0
        var failed = 0
        for _ in 0..<limit {
            guard let delivered = try await deliverNext(at: now, via: transport) else { break }
            if delivered { sent += 1 } else { failed += 1 }
        }
        return (sent, failed)
    }

    /// Sends the next due e-mail: true when sent, false when it failed, nil when none is due.
    /// One attempt at the transaction: a retry would send the mail again.
    private func deliverNext(at now: Date, via transport: any MailTransport) async throws -> Bool? {
        try await db.transactionOnce { conn -> Bool? in
            guard let row = try await conn.rows(Self.dueQuery(at: now), logger: db.logger).first else { return nil }
            let (id, caseId, email, name, party, subject, body, attempts) =
                try row.decode((Int64, UUID?, String, String?, PartyRole?, String, String, Int).self)
            let finalBody = try await fillPrivateLink(body, caseId: caseId, party: party, conn: conn)
            do {
                try await transport.send(OutgoingMail(id: id, to: email, toName: name, subject: subject, body: finalBody))
            } catch {
                let tries = attempts + 1
                let reason = String(String(describing: error).prefix(500))
                let next = tries >= maxAttempts ? nil : now.addingTimeInterval(Self.backoff(afterAttempts: tries))
                try await conn.run(
                    """
                    UPDATE notifications
                       SET attempts = \(tries), last_error = \(reason),
                           failed_at = CASE WHEN \(next)::timestamptz IS NULL THEN \(now) END,
                           next_attempt_at = coalesce(\(next), next_attempt_at)
                     WHERE id = \(id)
                    """, logger: db.logger)
                return false
            }
            try await conn.run("UPDATE notifications SET sent_at = \(now), attempts = attempts + 1 WHERE id = \(id)", logger: db.logger)
            return true
        }
    }

    /// Claims the next due e-mail, skipping those another instance holds
    /// (also run under EXPLAIN by the query-plan test).
    static func dueQuery(at now: Date) -> PostgresQuery {
        """
        SELECT id, case_id, recipient_email, recipient_name, recipient_party, subject, body, attempts
          FROM notifications
         WHERE channel = 'email' AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(now)
         ORDER BY next_attempt_at, id
         LIMIT 1
           FOR UPDATE SKIP LOCKED
        """
    }

    /// Seconds to wait after `attempts` failed deliveries: 30 s doubling, at most an hour.
    public static func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(max(0, attempts - 1))))
    }

    /// An invitation letter's window starts when it is first printed and sent,
    /// with the days for the post added (contract Part 2, "Hearing both
    /// sides"); a reprint keeps that window. Fills in the last day to respond.
    private func startLetterWindow(_ body: String, caseId: UUID, party: PartyRole?, at now: Date, conn: PostgresConnection) async throws -> String {
        guard body.contains(Messages.respondByPlaceholder), let party else { return body }
        let calendar = try await deadlines.policy(on: conn).calendar
        let end = Hearing.letterWindowEnd(sentAt: now, workingDays: settings.hearingWindowDays, calendar: calendar)
        let rows = try await conn.rows(
            """
            UPDATE case_parties SET hearing_ends_at = coalesce(hearing_ends_at, \(end))
             WHERE case_id = \(caseId) AND role = \(party) AND invited_at IS NOT NULL
            RETURNING hearing_ends_at
            """, logger: db.logger)
        guard let windowEnd = try rows.first?.decode(Date?.self) else { return body }
        let lastDay = Dutch.date(AmsterdamTime.date(of: windowEnd.addingTimeInterval(-1)))
        return body.replacingOccurrences(of: Messages.respondByPlaceholder, with: lastDay)
    }

    /// Puts a fresh private link into an invitation. The token exists only in
    /// the message; the database keeps its hash (replacing any earlier one).
    private func fillPrivateLink(_ body: String, caseId: UUID?, party: PartyRole?, conn: PostgresConnection) async throws -> String {
        guard body.contains(Messages.privateLinkPlaceholder), let caseId, let party else { return body }
        let token = AccessToken.generate(.party)
        try await conn.run(
            "UPDATE case_parties SET token_hash = \(AccessToken.hash(token)), first_used_at = NULL, check_failures = 0 WHERE case_id = \(caseId) AND role = \(party)",
            logger: db.logger)
        return body.replacingOccurrences(of: Messages.privateLinkPlaceholder, with: settings.partyLink(token: token))
    }

    /// When the next e-mail is due, if any.
    public func nextDue() async throws -> Date? {
        let rows = try await db.rows(
            "SELECT min(next_attempt_at) FROM notifications WHERE channel = 'email' AND sent_at IS NULL AND failed_at IS NULL")
        return try rows.first?.decode(Date?.self)
    }

    // MARK: Letters and the outbox for people

    /// The query of `list` (also run under EXPLAIN by the query-plan test).
    static func listQuery(state: String, limit: Int) -> PostgresQuery {
        """
        SELECT n.id, n.case_id, c.reference, n.kind, n.channel, n.recipient_name, n.recipient_party, n.created_at,
               n.attempts, n.sent_at, n.failed_at, n.last_error
          FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
         WHERE CASE \(state)
                 WHEN 'letters' THEN n.channel = 'letter' AND n.sent_at IS NULL
                 WHEN 'printed' THEN n.channel = 'letter' AND n.sent_at IS NOT NULL
                 WHEN 'failed' THEN n.failed_at IS NOT NULL
                 ELSE n.channel = 'email' AND n.sent_at IS NULL AND n.failed_at IS NULL
               END
         ORDER BY CASE WHEN \(state) = 'printed' THEN n.sent_at END DESC NULLS LAST, n.created_at, n.id
         LIMIT \(limit)
        """
    }

    /// Messages by state: `letters` waiting to be printed, `failed` e-mail, `pending` e-mail.
    public func list(state: String, limit: Int) async throws -> [NotificationRecord] {
        let rows = try await db.rows(Self.listQuery(state: state, limit: limit))
        return try rows.map { row in
            let (id, caseId, reference, kind, channel, name, party, created, attempts, sent, failed, error) =
                try row.decode((Int64, UUID?, String?, String, String, String?, String?, Date, Int, Date?, Date?, String?).self)
            return NotificationRecord(
                id: id, caseId: caseId, reference: reference, kind: kind, channel: channel, recipientName: name,
                recipientParty: party, createdAt: created, attempts: attempts, sentAt: sent, failedAt: failed, lastError: error)
        }
    }

    /// Renders a letter for printing and marks it printed. An invitation gets a
    /// fresh private link. Printing a letter again needs a reason and is an
    /// event of its own: for an invitation it makes a new link, and the old one
    /// stops working (the party stays the same party: statements keep their author).
    public func printLetter(_ id: Int64, reprintReason: ReprintReason?, by actor: EventActor, at now: Date) async throws -> PrintableLetter {
        try await db.transaction { conn in
            let rows = try await conn.rows(
                """
                SELECT n.case_id, c.reference, n.recipient_name, n.recipient_party, n.subject, n.body, n.sent_at IS NOT NULL, p.address
                  FROM notifications n JOIN cases c ON c.id = n.case_id
                  LEFT JOIN case_parties p ON p.case_id = n.case_id AND p.role = n.recipient_party
                 WHERE n.id = \(id) AND n.channel = 'letter'
                   FOR UPDATE OF n
                """, logger: db.logger)
            guard let row = rows.first else { throw AppError.notFound }
            let (caseId, reference, name, party, subject, body, printed, address) =
                try row.decode((UUID, String, String?, PartyRole?, String, String, Bool, PostalAddress?).self)
            if printed && reprintReason == nil {
                throw AppError.invalid(
                    "reason", "Deze brief is al verstuurd. Kies waarom hij opnieuw moet; een uitnodiging krijgt dan een nieuwe link.")
            }
            let dated = try await startLetterWindow(body, caseId: caseId, party: party, at: now, conn: conn)
            let finalBody = try await fillPrivateLink(dated, caseId: caseId, party: party, conn: conn)
            try await conn.run(
                "UPDATE notifications SET sent_at = coalesce(sent_at, \(now)), attempts = attempts + 1 WHERE id = \(id)", logger: db.logger)
            var data: [String: JSONValue] = ["notification": .number(Double(id))]
            if printed, let reprintReason { data["reason"] = .string(reprintReason.rawValue) }
            try await EventLog.append(
                conn, caseId: caseId, type: printed ? .letterReprinted : .letterPrinted, actor: actor, data: .object(data), at: now, db: db)
            return PrintableLetter(
                id: id, reference: reference, recipientName: name, recipientAddress: address, subject: subject, body: finalBody)
        }
    }
}
