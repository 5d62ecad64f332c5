import EenloketDomain
import Foundation
import PostgresNIO

/// A filing request's idempotency: the client's key and the body's canonical JSON.
public struct IdempotencyRequest: Sendable {
    public let key: String
    public let canonicalBody: String

    public init(key: String, canonicalBody: String) {
        self.key = key
        self.canonicalBody = canonicalBody
    }
}

/// What filing produced: a new case, or the stored answer to an earlier identical request.
public struct FilingOutcome: Sendable {
    public let caseId: UUID
    public let status: Int
    public let body: [UInt8]
    /// Whether this is the stored answer to an earlier request with the same key and body.
    public let replayed: Bool
}

extension CaseRepository {
    /// Files a case: the case, its medical information, the filer's token, the
    /// triage deadline, the `case_filed` event and the messages, in one call
    /// of `file_case` (migration 0011). Without an Idempotency-Key that call
    /// commits by itself; with one, it shares a transaction with the key and
    /// the sealed response, so a repeat gets the same answer.
    ///
    /// `respond` renders the response from the stored case; with a key it runs
    /// inside the transaction so the stored answer and the case commit together.
    public func file(
        _ new: NewCase, idempotency: IdempotencyRequest?, at now: Date,
        respond: @Sendable (CaseRecord, String) throws -> (status: Int, body: [UInt8])
    ) async throws -> FilingOutcome {
        let filing = try FileCase(new, at: now, policy: try await deadlines.policy(), publicURL: settings.publicURL)
        guard let idempotency else {
            _ = try await db.rows(filing.query)
            return try await answer(filing, respond: respond, on: nil)
        }
        return try await db.transaction { conn -> FilingOutcome in
            let keyHash = IdempotencySeal.keyHash(idempotency.key)
            let requestHash = IdempotencySeal.requestHash(idempotency.canonicalBody)
            // A concurrent holder of the key makes this wait until it commits.
            let claimed = try await conn.rows(
                """
                INSERT INTO idempotency_keys (key_hash, request_hash, created_at)
                VALUES (\(keyHash), \(requestHash), \(now))
                ON CONFLICT (key_hash) DO NOTHING RETURNING 1
                """, logger: db.logger)
            if claimed.isEmpty {
                return try await replay(keyHash: keyHash, requestHash: requestHash, key: idempotency.key, conn: conn)
            }
            try await conn.run(filing.query, logger: db.logger)
            let outcome = try await answer(filing, respond: respond, on: conn)
            let sealed = try IdempotencySeal.seal(outcome.body, key: idempotency.key)
            try await conn.run(
                """
                UPDATE idempotency_keys SET case_id = \(filing.id), response_status = \(outcome.status), response_sealed = \(sealed)
                 WHERE key_hash = \(keyHash)
                """, logger: db.logger)
            return outcome
        }
    }

    /// Whether an earlier filing with this Idempotency-Key has its answer stored
    /// (a retry of it files nothing new).
    public func hasStoredAnswer(idempotencyKey: String) async throws -> Bool {
        let rows = try await db.rows(
            """
            SELECT EXISTS (SELECT 1 FROM idempotency_keys
                            WHERE key_hash = \(IdempotencySeal.keyHash(idempotencyKey)) AND response_sealed IS NOT NULL)
            """)
        return try rows.first?.decode(Bool.self) ?? false
    }

    /// The response to a filing, from the case as stored.
    private func answer(
        _ filing: FileCase, respond: @Sendable (CaseRecord, String) throws -> (status: Int, body: [UInt8]), on conn: PostgresConnection?
    ) async throws -> FilingOutcome {
        guard var record = try await load(filing.id, on: conn) else { throw AppError.unavailable }
        if let medical = filing.new.medicalInformation {
            record.medical = MedicalFields(medicalInformation: medical, medicalConsiderations: nil)
        }
        let response = try respond(record, filing.token)
        return FilingOutcome(caseId: filing.id, status: response.status, body: response.body, replayed: false)
    }

    /// The stored answer for a key, or 422 when the key came with another body.
    private func replay(keyHash: Data, requestHash: Data, key: String, conn: PostgresConnection) async throws -> FilingOutcome {
        let rows = try await conn.rows(
            "SELECT request_hash, case_id, response_status, response_sealed FROM idempotency_keys WHERE key_hash = \(keyHash)",
            logger: db.logger)
        guard let row = rows.first else { throw AppError.conflict("Probeer het opnieuw.") }
        let (storedRequest, caseId, status, sealed) = try row.decode((Data, UUID?, Int?, Data?).self)
        guard storedRequest == requestHash else {
            throw AppError.invalid(
                "Idempotency-Key", "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel.")
        }
        guard let caseId, let status, let sealed else {
            throw AppError.conflict("Het eerdere verzoek met deze sleutel is nog bezig.")
        }
        return FilingOutcome(caseId: caseId, status: status, body: try IdempotencySeal.open(sealed, key: key), replayed: true)
    }

    /// Deletes idempotency records older than `cutoff`; a repeat after that files anew.
    public func purgeIdempotencyKeys(before cutoff: Date) async throws {
        try await db.query("DELETE FROM idempotency_keys WHERE created_at < \(cutoff)")
    }
}

/// One call of `file_case`: what Swift's rules decide (deadline dates, timer
/// moments, the Dutch messages) travels as parameters.
struct FileCase: Sendable {
    /// Stands for the reference in the message texts; the database puts the real one in.
    static let referenceMark = "\u{1}reference\u{1}"

    let new: NewCase
    let id = UUID()
    let token = AccessToken.generate(.party)
    let query: PostgresQuery

    init(_ new: NewCase, at now: Date, policy: DeadlinePolicy, publicURL: String) throws {
        self.new = new
        let deadline = policy.deadline(.triage, startingAt: now)
        let receipt = Messages.render(.caseReceived, reference: Self.referenceMark, serviceURL: publicURL)
        let news = Messages.render(.newCase, reference: Self.referenceMark, serviceURL: publicURL)
        query = try """
            SELECT file_case(
                \(id), \(AmsterdamTime.date(of: now).description)::date, \(now),
                \(new.filerRole), \(new.filerName), \(new.filerEmail), \(UUID()), \(AccessToken.hash(token)),
                \(new.employeeName), \(new.employeeEmail), \(new.employerName), \(new.employerKvk), \(new.employerEmail),
                \(new.sickSince.description)::date, \(new.question), \(new.physicianName), \(new.physicianOrganisation),
                \(new.medicalInformation),
                \(deadline.preferredBy.description)::date, \(deadline.dueBy.description)::date,
                \(DeadlinePolicy.passingMoment(of: deadline.preferredBy)), \(DeadlinePolicy.passingMoment(of: deadline.dueBy)),
                \(Self.referenceMark), \(receipt.subject), \(receipt.body), \(news.subject), \(news.body))
            """
    }
}
