import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    /// The parties' contact details, for the staff who reach them (404 for a
    /// case the caller may not see, 403 for a role that may not see contacts).
    public func contacts(_ id: UUID, caller: Caller) async throws -> CaseContacts {
        guard CaseAccessPolicy.canSeeContacts(caller) else {
            throw AppError.forbidden("Alleen intake, coördinatie en beheer zien de contactgegevens van de partijen.")
        }
        let rows = try await db.rows(
            """
            SELECT c.filer_role, c.employee_email, c.employer_email, c.employee_address, c.employer_address,
                   p.role, p.is_filer, p.name, p.email, p.address, p.invited_at, p.verified_at, p.first_used_at
              FROM cases c LEFT JOIN case_parties p ON p.case_id = c.id
             WHERE c.id = \(id)
             ORDER BY p.is_filer DESC
            """)
        typealias Columns = (
            PartyRole, String?, String?, PostalAddress?, PostalAddress?, PartyRole?, Bool?, String?, String?, PostalAddress?, Date?,
            Date?, Date?
        )
        let decoded = try rows.map { try $0.decode(Columns.self) }
        guard let first = decoded.first else { throw AppError.notFound }
        let (filerRole, employeeEmail, employerEmail, employeeAddress, employerAddress) = (first.0, first.1, first.2, first.3, first.4)
        let parties = decoded.compactMap { c -> CaseContacts.Party? in
            guard let role = c.5, let isFiler = c.6 else { return nil }
            return CaseContacts.Party(
                role: role, isFiler: isFiler, name: c.7, email: c.8, address: c.9, invitedAt: c.10, verifiedAt: c.11, firstUsedAt: c.12)
        }
        let otherIsEmployer = filerRole == .employee
        return CaseContacts(
            parties: parties, otherPartyEmail: otherIsEmployer ? employerEmail : employeeEmail,
            otherPartyAddress: otherIsEmployer ? employerAddress : employeeAddress)
    }

    /// The check code of the invited employee's current link, for their own
    /// page (`PartyCheckCode`): derived from the link with the server secret,
    /// so a new link has a new code and a copy of the database gives none.
    public func checkCode(of caseId: UUID) async throws -> String? {
        let rows = try await db.rows(
            "SELECT token_hash FROM case_parties WHERE case_id = \(caseId) AND role = 'employee' AND NOT is_filer")
        return try rows.first.map { PartyCheckCode.formatted(checkCode(forLink: try $0.decode(Data.self))) }
    }

    func checkCode(forLink tokenHash: Data) -> String {
        PartyCheckCode.code(fromDigest: Array(secret.mac("eenloket-party-check:", tokenHash)))
    }

    /// Records that an invited employee's link reached the employee: staff
    /// spoke with them (`how`) and were given the check code their page shows.
    /// From then on that link shows the case's medical information and may act
    /// for the employee. A wrong code is counted (and kept, though the request
    /// fails); after five the link can no longer be verified.
    public func verifyEmployee(
        _ id: UUID, code: String, how: VerificationChannel, by caller: Caller, at now: Date
    ) async throws -> CaseRecord {
        enum Outcome {
            case verified(CaseRecord)
            case wrongCode(left: Int)
        }
        let outcome: Outcome = try await db.transaction { conn in
            let current = try await locked(id, for: .verifyEmployee, by: caller, at: now, conn: conn)
            guard let staff = caller.staff else { throw AppError.internalError }
            // A new link (a reprinted letter) or its first use changes this row
            // without the case's lock: lock the row itself and decide on it as it is now.
            let rows = try await conn.rows(
                """
                SELECT token_hash, check_failures, first_used_at IS NOT NULL, verified_at IS NOT NULL FROM case_parties
                 WHERE case_id = \(id) AND role = 'employee' AND NOT is_filer FOR UPDATE
                """, logger: db.logger)
            guard let row = rows.first, let invited = current.facts(settings.procedure, calendar: WorkingDayCalendar()).invited else { throw AppError.internalError }
            let (tokenHash, failures, opened, verified) = try row.decode((Data, Int, Bool, Bool).self)
            let asItIs = current.facts(settings.procedure, calendar: WorkingDayCalendar()).with(
                invited: InvitedPartyFacts(role: invited.role, turns: invited.turns, verified: verified, linkOpened: opened, checkFailures: failures))
            try CaseActions.decide(.verifyEmployee, by: caller, on: asItIs, at: now).enforce()
            let expected = Array(checkCode(forLink: tokenHash).utf8)
            guard expected.count == code.utf8.count, zip(expected, code.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
                try await conn.run(
                    """
                    UPDATE case_parties SET check_failures = check_failures + 1
                     WHERE case_id = \(id) AND role = 'employee' AND NOT is_filer AND token_hash = \(tokenHash)
                    """, logger: db.logger)
                return .wrongCode(left: PartyCheckCode.maxFailures - failures - 1)
            }
            try await conn.run(
                """
                UPDATE case_parties SET verified_at = \(now), verified_by = \(staff.id)
                 WHERE case_id = \(id) AND role = 'employee' AND NOT is_filer AND verified_at IS NULL AND token_hash = \(tokenHash)
                """, logger: db.logger)
            try await EventLog.append(
                conn, caseId: id, type: .partyVerified, actor: EventActor(caller),
                data: .object(["party": "employee", "how": .string(how.rawValue)]), at: now, db: db)
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return .verified(after)
        }
        switch outcome {
        case .verified(let record):
            return record
        case .wrongCode(let left):
            throw AppError.invalid(
                "code", left > 0
                    ? "Deze code klopt niet. Vraag de werknemer de code op de eigen pagina nog eens voor te lezen. Nog \(left) pogingen."
                    : "Deze code klopt niet. Voor deze link kan niet meer worden bevestigd; de werknemer heeft een nieuwe link nodig.")
        }
    }
}

extension SessionRepository {
    /// Records the first use of an invited party's current link, once, as an
    /// event both parties see: an employee whose link went elsewhere can tell.
    func recordFirstUse(of party: PartyPrincipal, link: Data, at now: Date) async throws {
        try await db.transaction { conn in
            let marked = try await conn.rows(
                """
                UPDATE case_parties SET first_used_at = \(now)
                 WHERE case_id = \(party.caseId) AND role = \(party.role) AND NOT is_filer AND first_used_at IS NULL
                   AND token_hash = \(link)
                RETURNING 1
                """, logger: db.logger)
            guard !marked.isEmpty else { return }
            try await EventLog.append(
                conn, caseId: party.caseId, type: .partyLinkFirstUsed, actor: EventActor(.party(party)),
                data: .object(["party": .string(party.role.rawValue)]), at: now, db: db)
        }
    }
}
