import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// The case file: documents uploaded as multipart/form-data and streamed in
/// both directions.
struct DocumentController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("{id}/documents", use: upload)
            .get("{id}/documents", use: list)
            .get("{id}/documents/{documentId}", use: download)
    }

    /// `POST /api/v1/cases/{id}/documents`.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.uuidParameter("id")
        let record = try await Self.receive(request, caseId: id, caller: context.caller, deps: deps)
        context.logger.info("document added", metadata: ["case_id": "\(id.lowercased)", "size": "\(record.size)"])
        return try JSONResponse.make(DocumentJSON(record), status: .created)
    }

    /// Streams one multipart upload into the case file (the API and the web forms).
    /// `gate` sees the form's fields before the file's bytes are kept.
    static func receive(
        _ request: Request, caseId id: UUID, caller: Caller, deps: AppDependencies, gate: (([String: String]) throws -> Void)? = nil
    ) async throws -> DocumentRecord {
        try CaseActions.permits(.addDocument, caller).enforce()
        guard let boundary = MultipartDocumentReader.boundary(of: request.headers[.contentType]) else {
            throw AppError.unsupportedDocument("Stuur het stuk als multipart/form-data, met het bestand in het deel file.")
        }
        let maxBytes = deps.configuration.documentMaxBytes
        let maxBody = maxBytes + DocumentRules.formOverheadBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBody {
            throw AppError.documentTooLarge(MultipartDocumentReader.tooLarge(maxBody))
        }
        let reader = MultipartDocumentReader(boundary: boundary, gate: gate)
        return try await deps.uploadSlots.run {
            try await deps.cases.addDocument(id, by: caller, at: deps.now, maxBytes: maxBytes) { sink in
                try await reader.read(request.body, into: sink, maxBodyBytes: maxBody)
            }
        }
    }

    /// `GET /api/v1/cases/{id}/documents`: those the caller may see.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.read, context.caller).enforce()
        let items = try await deps.cases.documents(try context.uuidParameter("id"), caller: context.caller)
        return try JSONResponse.make(ItemsJSON(items: items.map { DocumentJSON($0) }))
    }

    /// `GET /api/v1/cases/{id}/documents/{documentId}`: the bytes, streamed.
    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.read, context.caller).enforce()
        return try await Self.downloadResponse(
            caseId: try context.uuidParameter("id"), documentId: try context.uuidParameter("documentId"), caller: context.caller, deps: deps)
    }

    /// A download (the API and the pages): an attachment that can never run in
    /// the site's origin (`nosniff`, a sandboxing policy), never cached; 404
    /// when the caller may not see the document.
    static func downloadResponse(caseId id: UUID, documentId: UUID, caller: Caller, deps: AppDependencies) async throws -> Response {
        guard let document = try await deps.cases.documents(id, caller: caller, only: documentId).first, !document.purged else {
            throw AppError.notFound
        }
        let cases = deps.cases
        let now = deps.now
        var headers: HTTPFields = [
            .contentType: document.contentType, .cacheControl: "no-store", .contentSecurityPolicy: downloadPolicy,
            .contentDisposition: "attachment; filename=\"\(Self.asciiName(document.filename))\"; filename*=UTF-8''\(Self.encoded(document.filename))",
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        let body = ResponseBody(contentLength: Int(document.size)) { writer in
            try await cases.streamDocument(id, document: documentId, caller: caller, at: now) { bytes in
                try await writer.write(bytes)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Opened in the browser anyway, a stored file gets no scripts, forms or origin of its own.
    static let downloadPolicy = "sandbox; default-src 'none'; frame-ancestors 'none'"

    /// The file name in plain ASCII for the old `filename` parameter.
    static func asciiName(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\\" ? Character($0) : "_" })
    }

    /// RFC 5987 encoding for `filename*`.
    static func encoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? "document"
    }
}

/// A document of the case file (without its content).
struct DocumentJSON: Encodable {
    let record: DocumentRecord
    /// In the party's export: where to download the content.
    var download: String?

    init(_ record: DocumentRecord, download: String? = nil) {
        self.record = record
        self.download = download
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        let d = record
        try c.encode(d.id.lowercased, forKey: APIKey("id"))
        try c.encode(d.kind.rawValue, forKey: APIKey("kind"))
        try c.encode(d.filename, forKey: APIKey("filename"))
        try c.encode(d.contentType, forKey: APIKey("content_type"))
        try c.encode(d.size, forKey: APIKey("size"))
        try c.encode(d.sha256, forKey: APIKey("sha256"))
        try c.encode(d.medical, forKey: APIKey("medical"))
        try c.encode(d.description, forKey: APIKey("description"))
        try c.encode(d.uploadedBy, forKey: APIKey("uploaded_by"))
        try c.encode(Timestamp.format(d.uploadedAt), forKey: APIKey("uploaded_at"))
        if let download { try c.encode(download, forKey: APIKey("download")) }
    }
}
