import EenloketDomain
import Foundation
import Hummingbird
import NIOCore

/// Reading a JSON request body: 415 unless it is JSON, 413 above 1 MiB,
/// 400 unless it is valid UTF-8 JSON holding an object.
enum JSONBody {
    /// The body as a JSON object.
    static func object(_ request: Request) async throws -> [String: JSONValue] {
        let value = try await parse(request)
        guard case .object(let object) = value else {
            throw AppError.malformed("De body moet een JSON-object zijn, niet een \(value.typeName).")
        }
        return object
    }

    /// The body as a JSON object, or an empty object when the request has no
    /// body at all (an endpoint whose fields are all optional).
    static func optionalObject(_ request: Request) async throws -> [String: JSONValue] {
        let length = request.headers[.contentLength].flatMap(Int.init)
        if request.headers[.contentType] == nil && (length ?? 0) == 0 && request.headers[.transferEncoding] == nil {
            return [:]
        }
        return try await object(request)
    }

    /// The body as any JSON value (the canonical form decides idempotent repeats).
    static func parse(_ request: Request) async throws -> JSONValue {
        guard isJSON(request.headers[.contentType]) else { throw AppError.unsupportedMediaType }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Limits.maxBodyBytes {
            throw AppError.payloadTooLarge
        }
        let buffer = try await BodyReader.collect(request, upTo: Limits.maxBodyBytes)
        guard buffer.readableBytes > 0 else { throw AppError.malformed("De body is leeg; verwacht wordt een JSON-object.") }
        do {
            return try JSONParser.parse(Array(buffer.readableBytesView))
        } catch {
            throw AppError.malformed("De body is geen geldige JSON (UTF-8): \(error.reason), bij byte \(error.offset).")
        }
    }

    /// `application/json`, or any `+json` type, with optional parameters.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = (contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
