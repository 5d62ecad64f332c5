import EenloketDomain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An RFC 9457 problem document.
struct Problem: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let errors: [FieldError]?
    /// Only for a 500: the id under which the log has the failure.
    let request_id: String?

    /// The response for an `AppError`; `requestId` is named in a 500's document.
    static func response(for error: AppError, requestId: String? = nil) -> Response {
        let status: HTTPResponse.Status
        let title: String
        var detail: String
        var errors: [FieldError]?
        var headers: HTTPFields = [:]
        switch error {
        case .malformed(let why):
            (status, title, detail) = (.badRequest, "Ongeldig verzoek", why)
        case .unauthenticated:
            (status, title, detail) = (.unauthorized, "Niet aangemeld", "Geef een geldig toegangstoken mee (Authorization: Bearer …).")
            headers[.wwwAuthenticate] = "Bearer"
        case .forbidden(let why):
            (status, title, detail) = (.forbidden, "Niet toegestaan", why)
        case .notFound:
            (status, title, detail) = (.notFound, "Niet gevonden", "Dit bestaat niet, of u mag het niet zien.")
        case .conflict(let why):
            (status, title, detail) = (.conflict, "Kan nu niet", why)
        case .payloadTooLarge:
            (status, title, detail) = (.contentTooLarge, "Te groot", "Het verzoek is groter dan 1 MiB.")
        case .documentTooLarge(let why):
            (status, title, detail) = (.contentTooLarge, "Te groot", why)
        case .unsupportedDocument(let why):
            (status, title, detail) = (.unsupportedMediaType, "Verkeerd soort bestand", why)
        case .unsupportedMediaType:
            (status, title, detail) = (.unsupportedMediaType, "Verkeerd formaat", "Stuur de gegevens als application/json.")
        case .invalid(let fieldErrors):
            (status, title) = (.unprocessableContent, "Gegevens kloppen niet")
            detail = fieldErrors.map { "\($0.field): \($0.message)" }.joined(separator: " ")
            errors = fieldErrors
        case .tooManyRequests(let retryAfter):
            (status, title, detail) = (.tooManyRequests, "Te veel pogingen", "Probeer het over \(retryAfter) seconden opnieuw.")
            headers[.retryAfter] = String(retryAfter)
        case .requestTimeout:
            (status, title, detail) = (
                .requestTimeout, "Te langzaam", "De gegevens van het verzoek kwamen niet op tijd binnen. Stuur het verzoek opnieuw."
            )
            headers[.connection] = "close"
        case .unavailable:
            (status, title, detail) = (.serviceUnavailable, "Tijdelijk niet beschikbaar", "Probeer het over een paar seconden opnieuw.")
            headers[.retryAfter] = "5"
        case .internalError:
            (status, title, detail) = (
                .internalServerError, "Fout in Eenloket",
                "Er ging iets mis bij ons, niet bij u. Wij zoeken het uit. Noem dit nummer als u contact opneemt: \(requestId ?? "onbekend")."
            )
        }
        let problem = Problem(
            type: "https://eenloket.nl/problemen/\(slug(status))", title: title, status: Int(status.code), detail: detail,
            errors: errors, request_id: error == .internalError ? requestId : nil)
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let body = (try? encoder.encode(problem)) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func slug(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "ongeldig-verzoek"
        case 401: return "niet-aangemeld"
        case 403: return "niet-toegestaan"
        case 404: return "niet-gevonden"
        case 408: return "te-langzaam"
        case 409: return "conflict"
        case 413: return "te-groot"
        case 415: return "verkeerd-formaat"
        case 422: return "ongeldige-gegevens"
        case 429: return "te-veel-pogingen"
        case 500: return "fout-in-eenloket"
        default: return "niet-beschikbaar"
        }
    }
}
