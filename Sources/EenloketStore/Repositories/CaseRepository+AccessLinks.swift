import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    /// Takes a "Link kwijt?" request: one row and a wake-up for the delivery
    /// worker, the same for every request (migration 0039), so its answer's
    /// timing tells nothing about a match.
    public func requestAccessLink(reference: String, email: String, at now: Date) async throws {
        _ = try await db.rows("SELECT enqueue_access_link(\(reference), \(EmailAddress.key(email)), \(now))")
    }

    /// The worker's part: matches pending requests, replaces a matched party's
    /// token, queues its message and records the event (at most
    /// `AccessLinks.perDay` per case and party per 24 hours). Returns how many
    /// messages were queued.
    @discardableResult
    public func processAccessLinks(at now: Date, limit: Int = 100) async throws -> Int {
        let message = Messages.accessLink(reference: FileCase.referenceMark, serviceURL: settings.publicURL)
        let rows = try await db.rows(
            """
            SELECT process_access_links(\(now), \(AccessLinks.perDay)::integer, \(FileCase.referenceMark), \(message.subject),
                                        \(message.body), \(limit)::integer)
            """)
        return try rows.first?.decode(Int.self) ?? 0
    }
}
