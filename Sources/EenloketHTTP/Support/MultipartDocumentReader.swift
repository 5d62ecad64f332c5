import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// Reads a `multipart/form-data` body with one document (`file`) and its form
/// fields (`kind`, `medical`, `description`) as it streams in, with
/// multipart-kit's parser: the file's bytes go to the sink as they arrive, the
/// small fields are kept. The body as a whole may not exceed `maxBodyBytes`.
final class MultipartDocumentReader {
    private let parser: MultipartParser
    private var partName: String?
    private var partFilename: String?
    private var fields: [String: [UInt8]] = [:]
    private var fileBytes = ByteBuffer()
    private var fileParts = 0
    private var filename = ""
    private var fieldTooLong = false
    /// Whether the file's part ended with a boundary (a body cut off half-way did not).
    private var fileComplete = false
    /// Asked once with the fields before the first bytes of the file are kept
    /// (the web form's token, which the form sends before the file).
    private let gate: (([String: String]) throws -> Void)?
    private var gatePassed = false
    private var gateError: (any Error)?
    static let maxFieldBytes = 2000
    /// The only fields kept; any other part is read past and forgotten, so memory stays bounded.
    static let knownFields: Set<String> = ["csrf", "kind", "medical", "description"]

    init(boundary: String, gate: (([String: String]) throws -> Void)? = nil) {
        self.gate = gate
        parser = MultipartParser(boundary: boundary)
        parser.onHeader = { [unowned self] name, value in
            guard name.lowercased() == "content-disposition" else { return }
            self.partName = Self.parameter("name", in: value)
            self.partFilename = Self.parameter("filename", in: value)
            if self.partName == "file" {
                // Only the fields before the file count for the gate.
                self.passGate()
                self.fileParts += 1
                self.filename = DocumentRules.cleanFilename(self.partFilename ?? "")
            }
        }
        parser.onBody = { [unowned self] body in
            if self.partName == "file" {
                if self.fileParts == 1 { self.fileBytes.writeBuffer(&body) }
            } else if let name = self.partName, Self.knownFields.contains(name) {
                var field = self.fields[name, default: []]
                field += body.readBytes(length: body.readableBytes) ?? []
                if field.count > Self.maxFieldBytes { self.fieldTooLong = true } else { self.fields[name] = field }
            }
        }
        parser.onPartComplete = { [unowned self] in
            if self.partName == "file" { self.fileComplete = true }
            self.partName = nil
            self.partFilename = nil
        }
    }

    /// The boundary of a `multipart/form-data` content type, or nil.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty, boundary.count <= 70 else { return nil }
        return boundary
    }

    /// A parameter of a header value (`name="file"`, `boundary=abc`).
    static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var text = pair[1]
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return text
        }
        return nil
    }

    /// Streams the body: the file into `sink`, the fields kept; then checks the fields.
    func read(_ body: RequestBody, into sink: DocumentSink, maxBodyBytes: Int) async throws -> DocumentDetails {
        var received = 0
        var chunks = body.makeAsyncIterator()
        while let buffer = try await Self.next(&chunks) {
            received += buffer.readableBytes
            if received > maxBodyBytes { throw AppError.documentTooLarge(Self.tooLarge(maxBodyBytes)) }
            do {
                try parser.execute(buffer)
            } catch {
                throw AppError.malformed("De multipart-gegevens kloppen niet. Stuur het formulier opnieuw.")
            }
            if let gateError { throw gateError }
            if fileBytes.readableBytes > 0 {
                try await sink.write(&fileBytes)
                fileBytes.clear()
            }
        }
        passGate()
        if let gateError { throw gateError }
        return try details()
    }

    /// The next piece of the body. A connection closed half-way (the client left,
    /// or went quiet until the idle timeout) is the client's doing: 400, nothing stored.
    private static func next(_ chunks: inout RequestBody.AsyncIterator) async throws -> ByteBuffer? {
        do {
            return try await chunks.next()
        } catch let error as AppError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AppError.malformed("Het bestand kwam niet helemaal binnen. Stuur het opnieuw.")
        }
    }

    private func passGate() {
        guard let gate, !gatePassed, gateError == nil else { return }
        do {
            try gate(fields.mapValues { String(decoding: $0, as: UTF8.self) })
            gatePassed = true
        } catch {
            gateError = error
        }
    }

    private func details() throws -> DocumentDetails {
        if fileParts > 0 && !fileComplete {
            throw AppError.malformed("Het bestand kwam niet helemaal binnen. Stuur het opnieuw.")
        }
        var errors: [FieldError] = []
        if fileParts == 0 { errors.append(FieldError("file", "Kies een bestand.")) }
        if fileParts > 1 { errors.append(FieldError("file", "Voeg één bestand per keer toe.")) }
        let text = { (name: String) in self.fields[name].map { String(decoding: $0, as: UTF8.self) } }
        let kind = text("kind").flatMap(DocumentKind.init(rawValue:))
        if kind == nil {
            errors.append(FieldError("kind", "Kies wat voor stuk het is: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        var marked = false
        switch text("medical") {
        case nil, "", "false": marked = false
        case "true": marked = true
        default: errors.append(FieldError("medical", "Gebruik true of false."))
        }
        var description = text("description")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if description?.isEmpty == true { description = nil }
        // Counted as PostgreSQL's char_length counts: in code points.
        if let description, description.unicodeScalars.count > 500 || description.unicodeScalars.contains(where: { $0.value == 0 }) {
            errors.append(FieldError("description", "Een omschrijving heeft hoogstens 500 tekens."))
        }
        if fieldTooLong { errors.append(FieldError("description", "Een omschrijving heeft hoogstens 500 tekens.")) }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return DocumentDetails(kind: kind!, filename: filename, marked: marked, description: description)
    }

    static func tooLarge(_ bytes: Int) -> String {
        "Het verzoek is groter dan \(bytes / (1024 * 1024)) MB. Een bestand mag hoogstens zo groot zijn."
    }
}
