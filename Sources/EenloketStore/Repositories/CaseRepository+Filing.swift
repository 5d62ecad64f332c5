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
    /// Files a case in one transaction: the case, its medical information, the
    /// filer's token, the triage deadline and the `case_filed` event; with an
    /// Idempotency-Key, also the sealed response, so a repeat gets the same answer.
    ///
    /// `respond` renders the response from the stored case; it runs inside the
    /// transaction so the stored answer and the case commit together.
    public func file(
        _ new: NewCase, idempotency: IdempotencyRequest?, at now: Date,
        respond: @Sendable (CaseRecord, String) throws -> (status: Int, body: [UInt8])
    ) async throws -> FilingOutcome {
        let policy = try await deadlines.policy()
        return try await db.transaction { conn -> FilingOutcome in
            if let idempotency {
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
            }
            let id = UUID()
            let token = AccessToken.generate(.party)
            let filedOn = AmsterdamTime.date(of: now)
            let inserted = try await conn.rows(
                """
                INSERT INTO cases (id, reference, filer_role, employee_name, employer_name, employer_kvk, sick_since,
                                   question, physician_name, physician_organisation, created_at, updated_at, filed_on,
                                   employee_email, employer_email)
                VALUES (\(id), next_case_reference(\(filedOn.year)::integer), \(new.filerRole), \(new.employeeName), \(new.employerName),
                        \(new.employerKvk), \(new.sickSince.description)::date, \(new.question), \(new.physicianName),
                        \(new.physicianOrganisation), \(now), \(now), \(filedOn.description)::date,
                        \(new.employeeEmail), \(new.employerEmail))
                RETURNING reference
                """, logger: db.logger)
            let reference = try inserted[0].decode(String.self)
            if let medical = new.medicalInformation {
                try await conn.run(
                    "INSERT INTO case_medical (case_id, medical_information) VALUES (\(id), \(medical))", logger: db.logger)
            }
            try await conn.run(
                """
                INSERT INTO case_parties (id, case_id, role, is_filer, name, email, token_hash, created_at)
                VALUES (\(UUID()), \(id), \(new.filerRole), true, \(new.filerName), \(new.filerEmail),
                        \(AccessToken.hash(token)), \(now))
                """, logger: db.logger)
            try await DeadlineWriter.start(.triage, caseIds: [id], at: now, policy: policy, conn: conn, db: db)
            try await EventLog.append(
                conn, caseId: id, type: "case_filed", actor: EventActor(role: new.filerRole.rawValue, staffId: nil),
                data: .object(["status": .string(CaseStatus.submitted.rawValue)]), at: now, db: db)
            try await Outbox.toParties(
                nil, caseId: id, kind: .caseReceived,
                message: Messages.render(.caseReceived, reference: reference, serviceURL: settings.publicURL), at: now, conn: conn, db: db)
            try await Outbox.toRole(
                .intakeOfficer, caseId: id, kind: .newCase,
                message: Messages.render(.newCase, reference: reference, serviceURL: settings.publicURL), at: now, conn: conn, db: db)
            guard var record = try await load(id, on: conn) else { throw AppError.unavailable }
            if let medical = new.medicalInformation {
                record.medical = MedicalFields(medicalInformation: medical, medicalConsiderations: nil)
            }
            let response = try respond(record, token)
            if let idempotency {
                let sealed = try IdempotencySeal.seal(response.body, key: idempotency.key)
                try await conn.run(
                    """
                    UPDATE idempotency_keys SET case_id = \(id), response_status = \(response.status), response_sealed = \(sealed)
                     WHERE key_hash = \(IdempotencySeal.keyHash(idempotency.key))
                    """, logger: db.logger)
            }
            return FilingOutcome(caseId: id, status: response.status, body: response.body, replayed: false)
        }
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
