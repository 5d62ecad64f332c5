import Crypto
import EenloketDomain
import Foundation
import NIOCore
import PostgresNIO

/// A document in the case file, without its content.
public struct DocumentRecord: Sendable {
    public let id: UUID
    public let kind: DocumentKind
    /// "verwijderd" once the retention purge removed it.
    public let filename: String
    public let contentType: String
    public let size: Int64
    public let sha256: String
    public let medical: Bool
    public let description: String?
    /// A role: employee, employer, intake_officer, panel_member.
    public let uploadedBy: String
    public let uploadedAt: Date
    public let purged: Bool
}

/// What the form said about a document, read while its bytes streamed in.
public struct DocumentDetails: Sendable {
    public let kind: DocumentKind
    public let filename: String
    public let marked: Bool
    public let description: String?

    public init(kind: DocumentKind, filename: String, marked: Bool, description: String?) {
        self.kind = kind
        self.filename = filename
        self.marked = marked
        self.description = description
    }
}

/// Receives a document's bytes while they stream in: writes full chunks to
/// the open transaction, computes the SHA-256 and judges the type from the
/// first bytes, and refuses more than the limit. Memory stays at about one chunk.
public final class DocumentSink {
    let conn: PostgresConnection
    let db: Database
    let documentId: UUID
    let maxBytes: Int
    var pending = ByteBuffer()
    var hasher = SHA256()
    var seq: Int32 = 0
    public private(set) var size = 0
    var head: [UInt8] = []
    /// The scan the bytes also go to, when a scanner is configured.
    let scan: ClamdScan?

    init(conn: PostgresConnection, db: Database, documentId: UUID, maxBytes: Int, scan: ClamdScan?) {
        self.scan = scan
        self.conn = conn
        self.db = db
        self.documentId = documentId
        self.maxBytes = maxBytes
    }

    /// Takes the next bytes of the file; flushes whole chunks.
    public func write(_ bytes: inout ByteBuffer) async throws {
        size += bytes.readableBytes
        if size > maxBytes { throw AppError.documentTooLarge(Self.tooLarge(maxBytes)) }
        bytes.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        if head.count < DocumentType.signatureLength {
            head += bytes.getBytes(at: bytes.readerIndex, length: min(bytes.readableBytes, DocumentType.signatureLength - head.count)) ?? []
        }
        if let scan { try await scan.send(bytes) }
        pending.writeBuffer(&bytes)
        while pending.readableBytes >= DocumentRules.chunkBytes {
            try await flush(pending.readSlice(length: DocumentRules.chunkBytes)!)
        }
        pending.discardReadBytes()
    }

    /// Writes what is left; returns the size, the digest and the type the bytes show.
    func finish() async throws -> (size: Int, sha256: String, type: DocumentType?) {
        if pending.readableBytes > 0 { try await flush(pending.readSlice(length: pending.readableBytes)!) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (size, digest, DocumentType.sniff(head))
    }

    private func flush(_ chunk: ByteBuffer) async throws {
        try await conn.run(
            "INSERT INTO document_chunks (document_id, seq, bytes) VALUES (\(documentId), \(seq), \(chunk))", logger: db.logger)
        seq += 1
    }

    static func tooLarge(_ maxBytes: Int) -> String {
        "Het bestand is groter dan \(maxBytes / (1024 * 1024)) MB. Maak het kleiner, bijvoorbeeld door het in delen toe te voegen."
    }
}

extension CaseRepository {
    // MARK: The case file

    /// Adds one document, streamed into one transaction: `receive` feeds the
    /// bytes to the sink and returns what the form said. Nothing is stored
    /// unless everything holds (the type, the size, the kind, the medical rule).
    public func addDocument(
        _ id: UUID, by caller: Caller, at now: Date, maxBytes: Int, receive: (DocumentSink) async throws -> DocumentDetails
    ) async throws -> DocumentRecord {
        try CaseActions.permits(.addDocument, caller).enforce()
        return try await db.transaction { conn in
            // Not under the case's row lock: uploads to one case run side by side. The
            // database's guard re-checks the status, under a share lock, when the row is stored.
            guard let current = try await load(id, on: conn) else { throw AppError.notFound }
            try CaseActions.decide(.addDocument, by: caller, on: current.facts(settings.procedure, calendar: WorkingDayCalendar()), at: now)
                .enforce()
            let documentId = UUID()
            // Scanned while it streams in, before anything is committed: a finding or a scanner that
            // cannot be reached leaves nothing stored (fail closed).
            let scan = try settings.clamd.map { try ClamdScan($0, timeout: settings.scanTimeout) }
            let sink = DocumentSink(conn: conn, db: db, documentId: documentId, maxBytes: maxBytes, scan: scan)
            let details = try await receive(sink)
            let (size, digest, type) = try await sink.finish()
            if let scan, case .found = try await scan.finish() {
                throw AppError.invalid(
                    "file", "In dit bestand zit mogelijk een virus of iets anders dat schade kan doen. Het is niet opgeslagen. "
                        + "Controleer het bestand en probeer een ander bestand.")
            }

            guard size > 0 else { throw AppError.invalid("file", "Het bestand is leeg, of er is geen bestand gekozen. Kies een bestand met inhoud.") }
            guard let type else {
                throw AppError.unsupportedDocument("Dit soort bestand kan niet. Voeg een \(DocumentType.acceptedInWords) toe.")
            }
            let medical = DocumentRules.isMedical(kind: details.kind, marked: details.marked)
            try DocumentRules.medicalAllowed(medical, by: caller).enforce()
            try DocumentRules.consentAllowed(kind: details.kind, by: caller, consents: current.consents).enforce()
            let uploadedBy = caller.party?.role.rawValue ?? caller.staff?.role.rawValue ?? ""
            let record = DocumentRecord(
                id: documentId, kind: details.kind, filename: details.filename, contentType: type.rawValue, size: Int64(size), sha256: digest,
                medical: medical, description: details.description, uploadedBy: uploadedBy, uploadedAt: now, purged: false)
            do {
                try await conn.run(
                    """
                    INSERT INTO documents (id, case_id, kind, filename, content_type, size, sha256, medical, description, uploaded_by,
                                           uploaded_by_staff, uploaded_at)
                    VALUES (\(documentId), \(id), \(details.kind.rawValue), \(details.filename), \(type.rawValue), \(Int64(size)), \(digest),
                            \(medical), \(details.description), \(uploadedBy), \(caller.staff?.id), \(now))
                    """, logger: db.logger)
            } catch where DatabaseErrors.constraint(error) == "treating_physician_consent" {
                // The employee withdrew consent while the file streamed in.
                try DocumentRules.consentAllowed(kind: details.kind, by: caller, consents: Consents()).enforce()
                throw error
            } catch where DatabaseErrors.constraint(error) == "document_while_open" {
                throw AppError.conflict("De zaak is intussen afgesloten. Er kunnen geen stukken meer worden toegevoegd.")
            }
            try await EventLog.append(
                conn, caseId: id, type: .documentAdded, actor: EventActor(caller),
                data: .object([
                    "document_id": .string(documentId.lowercased), "kind": .string(details.kind.rawValue), "medical": .bool(medical),
                    "size": .number(Double(size)),
                ]), at: now, db: db)
            return record
        }
    }

    /// The documents the caller may see, oldest first: medical ones only by the medical-field rule;
    /// `only` one of them (the download's headers need just that one).
    public func documents(_ id: UUID, caller: Caller, only: UUID? = nil, seen: CaseRecord? = nil) async throws -> [DocumentRecord] {
        let record = try await visible(id, caller: caller, seen: seen)
        let medical = CaseAccessPolicy.canSeeDocument(caller, record.accessFacts, medical: true)
        let viewer = ViewerBinds(caller)
        return try await db.transaction { conn in
            if medical {
                try await conn.run(
                    "SELECT open_medical(\(id), \(viewer.kind), \(viewer.role), \(viewer.staffId), \(viewer.caseId))", logger: db.logger)
            }
            let rows = try await conn.rows(
                """
                SELECT id, kind, filename, content_type, size, sha256, medical, description, uploaded_by, uploaded_at, purged_at IS NOT NULL
                  FROM documents WHERE case_id = \(id) AND (\(medical) OR NOT medical) AND (\(only)::uuid IS NULL OR id = \(only))
                 ORDER BY uploaded_at, id
                """, logger: db.logger)
            if medical { try await conn.run("SELECT close_medical()", logger: db.logger) }
            return try rows.map(Self.decodeDocument)
        }
    }

    /// Streams a document's content to `write`, chunk by chunk, when the caller
    /// may see it (else 404). A staff member's download of a medical document
    /// is recorded in the case's history in the same transaction.
    public func streamDocument(
        _ id: UUID, document documentId: UUID, caller: Caller, at now: Date,
        write: (ByteBuffer) async throws -> Void
    ) async throws {
        guard let record = try await load(id, on: nil), CaseAccessPolicy.canSee(caller, record.accessFacts) else {
            throw AppError.notFound
        }
        let medicalAllowed = CaseAccessPolicy.canSeeDocument(caller, record.accessFacts, medical: true)
        let viewer = ViewerBinds(caller)
        try await db.transaction { conn in
            if medicalAllowed {
                try await conn.run(
                    "SELECT open_medical(\(id), \(viewer.kind), \(viewer.role), \(viewer.staffId), \(viewer.caseId))", logger: db.logger)
            }
            let rows = try await conn.rows(
                """
                SELECT id, kind, filename, content_type, size, sha256, medical, description, uploaded_by, uploaded_at, purged_at IS NOT NULL
                  FROM documents WHERE id = \(documentId) AND case_id = \(id) AND purged_at IS NULL AND (\(medicalAllowed) OR NOT medical)
                """, logger: db.logger)
            guard let document = try rows.first.map(Self.decodeDocument) else { throw AppError.notFound }
            if document.medical, let staff = caller.staff {
                try await EventLog.append(
                    conn, caseId: id, type: .medicalDataViewed, actor: EventActor(caller),
                    data: .object([
                        "fields": .array(["document"]), "document_id": .string(documentId.lowercased), "role": .string(staff.role.rawValue),
                    ]), at: now, db: db)
            }
            var seq: Int32 = 0
            while true {
                let chunk = try await conn.rows(
                    "SELECT bytes FROM document_chunks WHERE document_id = \(documentId) AND seq = \(seq)", logger: db.logger)
                guard let bytes = try chunk.first?.decode(ByteBuffer.self) else { break }
                try await write(bytes)
                seq += 1
            }
            if medicalAllowed { try await conn.run("SELECT close_medical()", logger: db.logger) }
        }
    }

    static func decodeDocument(_ row: PostgresRow) throws -> DocumentRecord {
        let (id, kind, filename, type, size, digest, medical, description, by, at, purged) = try row.decode(
            (UUID, String, String, String, Int64, String, Bool, String?, String, Date, Bool).self)
        return DocumentRecord(
            id: id, kind: DocumentKind(rawValue: kind) ?? .other, filename: filename, contentType: type, size: size, sha256: digest,
            medical: medical, description: description, uploadedBy: by, uploadedAt: at, purged: purged)
    }
}
