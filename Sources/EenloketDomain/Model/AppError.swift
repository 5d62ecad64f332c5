/// One invalid field of a request, named by its dotted path (`employer.kvk_number`).
public struct FieldError: Sendable, Hashable, Codable {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Every failure the service reports to a client, by meaning rather than by layer.
///
/// The HTTP layer maps each case to one status code and an RFC 9457 problem;
/// nothing else decides status codes.
public enum AppError: Error, Sendable, Equatable {
    /// 400: the body is not JSON, not an object, or a field has the wrong JSON type.
    case malformed(String)
    /// 401: no credentials, or unknown, expired or revoked ones.
    case unauthenticated
    /// 403: this caller may never do this.
    case forbidden(String)
    /// 404: no such resource, or one the caller may not see.
    case notFound
    /// 409: the current state does not allow this now.
    case conflict(String)
    /// 413: the body is larger than allowed.
    case payloadTooLarge
    /// 415: the body is not `application/json`.
    case unsupportedMediaType
    /// 413 for a document: larger than the limit, which the message names.
    case documentTooLarge(String)
    /// 415 for a document: its bytes are not of an accepted type (the message names them).
    case unsupportedDocument(String)
    /// 422: well-formed but invalid.
    case invalid([FieldError])
    /// 429: too many attempts; try again after this many seconds.
    case tooManyRequests(retryAfter: Int)
    /// 408: the request's body did not arrive in time (a client that sends less than it announced).
    case requestTimeout
    /// 503: a dependency (the database) is unavailable; try again later.
    case unavailable
    /// 500: a bug. Never expected; answered with the request id the log holds.
    case internalError

    /// A single-field 422.
    public static func invalid(_ field: String, _ message: String) -> AppError {
        .invalid([FieldError(field, message)])
    }
}
