import EenloketDomain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses. Everything the API returns may hold personal data, so no
/// response may be cached.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return raw(Array(try encoder.encode(value)), status: status, headers: extra)
    }

    static func raw(_ bytes: [UInt8], status: HTTPResponse.Status, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return Array(try encoder.encode(value))
    }
}

extension AppRequestContext {
    /// A UUID path parameter; anything else is an unknown resource (404).
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw AppError.notFound }
        return id
    }
}
