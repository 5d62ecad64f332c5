import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    /// Handles a "Link kwijt?" request in one statement (migration 0033), so a
    /// match and a miss cost the same round trip, write and commit. Returns
    /// whether a message was queued; callers answer the same either way.
    @discardableResult
    public func requestAccessLink(reference: String, email: String, at now: Date) async throws -> Bool {
        // The reference as typed goes into the message only when it matched, and then it is the case's own.
        let message = Messages.accessLink(reference: reference, serviceURL: settings.publicURL)
        let placeholder = AccessToken.hash(AccessToken.generate(.party))
        let rows = try await db.rows(
            """
            SELECT request_access_link(\(reference), \(EmailAddress.key(email)), \(now), \(placeholder), \(AccessLinks.perDay)::integer,
                                       \(message.subject), \(message.body))
            """)
        return try rows.first?.decode(Bool.self) ?? false
    }
}
