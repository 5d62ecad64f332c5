import EenloketDomain
import Foundation
import PostgresNIO

/// Writes messages into the outbox, inside the transaction of the change that
/// causes them: a message exists exactly when its cause committed.
enum Outbox {
    /// Kinds that reach a party without an e-mail address as a letter to be posted.
    static let postedWhenNoEmail: Set<MessageKind> = [.invitation, .followUpDue]

    /// To the parties of a case (the filer, and the other party once invited).
    static func toParties(
        _ roles: [PartyRole]?, caseId: UUID, kind: MessageKind, message: Message, at now: Date, conn: PostgresConnection,
        db: Database
    ) async throws {
        let roleNames = roles?.map(\.rawValue)
        let letters = postedWhenNoEmail.contains(kind)
        try await conn.run(
            try """
            INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_party, recipient_name,
                                       subject, body, created_at, next_attempt_at)
            SELECT p.case_id, \(kind.rawValue), CASE WHEN p.email IS NULL THEN 'letter' ELSE 'email' END,
                   p.email, p.role, p.name, \(message.subject), \(message.body), \(now), \(now)
              FROM case_parties p
             WHERE p.case_id = \(caseId) AND (p.is_filer OR p.invited_at IS NOT NULL)
               AND (\(roleNames)::text[] IS NULL OR p.role = ANY(\(roleNames)::text[]))
               AND (p.email IS NOT NULL OR \(letters))
            """, logger: db.logger)
    }

    /// To particular staff members (active ones).
    static func toStaff(
        _ ids: [UUID], caseId: UUID?, kind: MessageKind, message: Message, at now: Date, conn: PostgresConnection, db: Database
    ) async throws {
        guard !ids.isEmpty else { return }
        try await conn.run(
            try """
            INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_staff_id, recipient_name,
                                       subject, body, created_at, next_attempt_at)
            SELECT \(caseId), \(kind.rawValue), 'email', s.email, s.id, s.name, \(message.subject), \(message.body), \(now), \(now)
              FROM staff s WHERE s.id = ANY(\(ids)::uuid[]) AND s.active
            """, logger: db.logger)
    }

    /// To everyone active in a role (all intake officers, all coordinators).
    static func toRole(
        _ role: StaffRole, caseId: UUID?, kind: MessageKind, message: Message, at now: Date, conn: PostgresConnection,
        db: Database
    ) async throws {
        try await conn.run(
            """
            INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_staff_id, recipient_name,
                                       subject, body, created_at, next_attempt_at)
            SELECT \(caseId), \(kind.rawValue), 'email', s.email, s.id, s.name, \(message.subject), \(message.body), \(now), \(now)
              FROM staff s WHERE s.role = \(role) AND s.active
            """, logger: db.logger)
    }

    /// One message per (case, member), in one statement.
    static func toStaffEach(
        _ items: [(caseId: UUID, staffId: UUID, message: Message)], kind: MessageKind, at now: Date, conn: PostgresConnection,
        db: Database
    ) async throws {
        guard !items.isEmpty else { return }
        try await conn.run(
            try """
            INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_staff_id, recipient_name,
                                       subject, body, created_at, next_attempt_at)
            SELECT i.case_id, \(kind.rawValue), 'email', s.email, s.id, s.name, i.subject, i.body, \(now), \(now)
              FROM unnest(\(items.map(\.caseId))::uuid[], \(items.map(\.staffId))::uuid[],
                          \(items.map(\.message.subject))::text[], \(items.map(\.message.body))::text[]) AS i(case_id, staff_id, subject, body)
              JOIN staff s ON s.id = i.staff_id AND s.active
            """, logger: db.logger)
    }

    /// One message per case to all its parties with an address, in one statement.
    static func toPartiesEach(
        _ items: [(UUID, Message)], kind: MessageKind, at now: Date, conn: PostgresConnection, db: Database
    ) async throws {
        guard !items.isEmpty else { return }
        try await conn.run(
            try """
            INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_party, recipient_name,
                                       subject, body, created_at, next_attempt_at)
            SELECT p.case_id, \(kind.rawValue), 'email', p.email, p.role, p.name, i.subject, i.body, \(now), \(now)
              FROM unnest(\(items.map(\.0))::uuid[], \(items.map(\.1.subject))::text[], \(items.map(\.1.body))::text[])
                   AS i(case_id, subject, body)
              JOIN case_parties p ON p.case_id = i.case_id AND (p.is_filer OR p.invited_at IS NOT NULL) AND p.email IS NOT NULL
            """, logger: db.logger)
    }
}
