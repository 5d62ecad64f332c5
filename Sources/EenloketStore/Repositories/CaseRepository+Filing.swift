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

/// How the HTTP layer writes a filing's answer: the whole response, and one
/// JSON string (for medical text put back into a replayed answer).
public struct FilingResponder: Sendable {
    public let render: @Sendable (CaseRecord, String) throws -> (status: Int, body: [UInt8])
    public let jsonString: @Sendable (String) throws -> [UInt8]

    public init(
        render: @escaping @Sendable (CaseRecord, String) throws -> (status: Int, body: [UInt8]),
        jsonString: @escaping @Sendable (String) throws -> [UInt8]
    ) {
        self.render = render
        self.jsonString = jsonString
    }
}

extension CaseRepository {
    /// Files a case: the case, its medical information, the filer's token, the
    /// triage deadline, the `case_filed` event and the messages, in one call
    /// of `file_case` (migration 0011). Without an Idempotency-Key that call
    /// commits by itself; with one, it shares a transaction with the key and
    /// the sealed response, so a repeat gets the same answer.
    ///
    /// The stored response holds a random mark where the medical text was; a
    /// replay puts the text back from `case_medical`, so medical text lives in
    /// one place only (behind row-level security, purged by retention).
    public func file(
        _ new: NewCase, idempotency request: IdempotencyRequest?, at now: Date, responder: FilingResponder
    ) async throws -> FilingOutcome {
        let filing = try FileCase(new, at: now, policy: try await deadlines.policy(), settings: settings)
        guard let request else {
            if new.earlierSpell == nil {
                _ = try await db.rows(filing.query)
            } else {
                try await db.transaction { conn in
                    try await conn.run(filing.query, logger: db.logger)
                    try await recordEarlierSpell(filing, conn: conn)
                }
            }
            return try await answer(filing, responder: responder, on: nil).outcome
        }
        return try await db.transaction { conn -> FilingOutcome in
            let keyHash = idempotency.keyHash(request.key)
            let requestHash = idempotency.requestHash(request.canonicalBody)
            // A concurrent holder of the key makes this wait until it commits.
            let claimed = try await conn.rows(
                """
                INSERT INTO idempotency_keys (key_hash, request_hash, created_at)
                VALUES (\(keyHash), \(requestHash), \(now))
                ON CONFLICT (key_hash) DO NOTHING RETURNING 1
                """, logger: db.logger)
            if claimed.isEmpty {
                return try await replay(keyHash: keyHash, requestHash: requestHash, key: request.key, responder: responder, conn: conn)
            }
            try await conn.run(filing.query, logger: db.logger)
            try await recordEarlierSpell(filing, conn: conn)
            let (outcome, stored) = try await answer(filing, responder: responder, on: conn)
            let sealed = try idempotency.seal(stored, key: request.key)
            try await conn.run(
                """
                UPDATE idempotency_keys SET case_id = \(filing.id), response_status = \(outcome.status), response_sealed = \(sealed)
                 WHERE key_hash = \(keyHash)
                """, logger: db.logger)
            return outcome
        }
    }

    /// The earlier spell the filer named, with the case it belongs to.
    private func recordEarlierSpell(_ filing: FileCase, conn: PostgresConnection) async throws {
        guard let spell = filing.new.earlierSpell else { return }
        try await conn.run(
            """
            UPDATE cases SET earlier_spell_started_on = \(spell.startedOn.description)::date,
                             earlier_spell_ended_on = \(spell.endedOn.description)::date
             WHERE id = \(filing.id)
            """, logger: db.logger)
    }

    /// Whether an earlier filing with this Idempotency-Key has its answer stored
    /// (a retry of it files nothing new).
    public func hasStoredAnswer(idempotencyKey: String) async throws -> Bool {
        let rows = try await db.rows(
            """
            SELECT EXISTS (SELECT 1 FROM idempotency_keys
                            WHERE key_hash = \(idempotency.keyHash(idempotencyKey)) AND response_sealed IS NOT NULL)
            """)
        return try rows.first?.decode(Bool.self) ?? false
    }

    /// The response to a filing, from the case as stored, and what is kept of
    /// it for a replay: a first line with the mark standing for the medical
    /// text (empty without any), then the response with the mark in its place.
    private func answer(
        _ filing: FileCase, responder: FilingResponder, on conn: PostgresConnection?
    ) async throws -> (outcome: FilingOutcome, stored: [UInt8]) {
        guard var record = try await load(filing.id, on: conn) else { throw AppError.unavailable }
        var stored = Array("\n".utf8)
        if let medical = filing.new.medicalInformation {
            let mark = "medisch-" + UUID().uuidString.lowercased()
            record.medical = MedicalFields(medicalInformation: mark, medicalConsiderations: nil)
            stored = Array((mark + "\n").utf8) + (try responder.render(record, filing.token).body)
            record.medical = MedicalFields(medicalInformation: medical, medicalConsiderations: nil)
        } else if filing.new.filerRole == .employee {
            // The employee filer may see the medical fields (none yet) and the consents.
            record.medical = MedicalFields(medicalInformation: nil, medicalConsiderations: nil)
        }
        let response = try responder.render(record, filing.token)
        if filing.new.medicalInformation == nil { stored += response.body }
        return (FilingOutcome(caseId: filing.id, status: response.status, body: response.body, replayed: false), stored)
    }

    /// The stored answer for a key, or 422 when the key came with another body.
    private func replay(
        keyHash: Data, requestHash: Data, key: String, responder: FilingResponder, conn: PostgresConnection
    ) async throws -> FilingOutcome {
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
        let stored = try idempotency.open(sealed, key: key)
        let newline = stored.firstIndex(of: UInt8(ascii: "\n")) ?? stored.endIndex
        let mark = String(decoding: stored[..<newline], as: UTF8.self)
        var body = Array(stored[min(newline + 1, stored.endIndex)...])
        if !mark.isEmpty {
            // The filer (an employee) sees their own medical text; the database's rule reads it.
            let filer = Caller.party(PartyPrincipal(caseId: caseId, role: .employee, isFiler: true))
            var medical: String?
            for try await row in try await conn.execute(MedicalForViewer(id: caseId, viewer: ViewerBinds(filer)), logger: db.logger) {
                medical = row.0
            }
            body = body.replacing(Array("\"\(mark)\"".utf8), with: try medical.map(responder.jsonString) ?? Array("null".utf8))
        }
        return FilingOutcome(caseId: caseId, status: status, body: body, replayed: true)
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

    init(_ new: NewCase, at now: Date, policy: DeadlinePolicy, settings: ServiceSettings) throws {
        self.new = new
        let publicURL = settings.publicURL
        let agreement = settings.bindingAgreement
        let deadline = policy.deadline(.triage, startingAt: now)
        let receipt = Messages.render(.caseReceived, reference: Self.referenceMark, serviceURL: publicURL)
        let news = Messages.render(.newCase, reference: Self.referenceMark, serviceURL: publicURL)
        query = try """
            SELECT file_case(
                p_id => \(id), p_filed_on => \(AmsterdamTime.date(of: now).description)::date, p_now => \(now),
                p_filer_role => \(new.filerRole), p_filer_name => \(new.filerName), p_filer_email => \(new.filerEmail),
                p_party_id => \(UUID()), p_token_hash => \(AccessToken.hash(token)),
                p_employee_name => \(new.employeeName), p_employee_email => \(new.employeeEmail),
                p_employee_address => \(new.employeeAddress),
                p_employer_name => \(new.employerName), p_employer_kvk => \(new.employerKvk), p_employer_email => \(new.employerEmail),
                p_employer_address => \(new.employerAddress),
                p_sick_since => \(new.sickSince.description)::date, p_question => \(new.question),
                p_physician_name => \(new.physicianName), p_physician_organisation => \(new.physicianOrganisation),
                p_medical => \(new.medicalInformation),
                p_triage_preferred_by => \(deadline.preferredBy.description)::date, p_triage_due_by => \(deadline.dueBy.description)::date,
                p_preferred_passes_at => \(DeadlinePolicy.passingMoment(of: deadline.preferredBy)),
                p_due_passes_at => \(DeadlinePolicy.passingMoment(of: deadline.dueBy)),
                p_reference_mark => \(Self.referenceMark), p_receipt_subject => \(receipt.subject), p_receipt_body => \(receipt.body),
                p_news_subject => \(news.subject), p_news_body => \(news.body),
                p_binding_basis => \(settings.procedure.bindingBasis.rawValue), p_agreed_name => \(new.agreedName),
                p_agreement_version => \(agreement.version), p_agreement_digest => \(agreement.digest))
            """
    }
}
