import EenloketDomain
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// For every page: security headers (a Content-Security-Policy without inline
/// scripts, no framing, no referrer, so a private case link never leaks to
/// another site), and failures shown as a Dutch page rather than JSON.
struct WebPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: WebRenderer

    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("Permissions-Policy")!: "camera=(), microphone=(), geolocation=()",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let redirect as WebRedirect {
            response = redirect.response
        } catch let error as AppError {
            if error == .internalError { ProblemMiddleware<Context>.logBug("internal error", context: context) }
            response = errorPage(error, requestId: context.id)
        } catch is CancellationError {
            response = errorPage(.unavailable)
        } catch {
            ProblemMiddleware<Context>.logBug("page failed: \(type(of: error))", context: context)
            response = errorPage(.internalError, requestId: context.id)
        }
        // A document download keeps its own, stricter policy (a sandbox).
        let download = response.headers[.contentDisposition]?.hasPrefix("attachment") == true
        for field in Self.securityHeaders where !(download && field.name == .contentSecurityPolicy) {
            response.headers[field.name] = field.value
        }
        return response
    }

    func errorPage(_ error: AppError, requestId: String? = nil) -> Response {
        let (status, title, text): (HTTPResponse.Status, String, String)
        switch error {
        case .notFound, .unauthenticated:
            (status, title, text) = (.notFound, "Niet gevonden", "Deze pagina bestaat niet, of de link werkt niet meer. Controleer de link en probeer het opnieuw.")
        case .forbidden(let why):
            (status, title, text) = (.forbidden, "Dit mag niet", why)
        case .conflict(let why):
            (status, title, text) = (.conflict, "Dat kan nu niet", why)
        case .tooManyRequests(let seconds):
            (status, title, text) = (.tooManyRequests, "Te veel pogingen", "Probeer het over \(seconds / 60 + 1) minuten opnieuw.")
        case .payloadTooLarge:
            (status, title, text) = (.contentTooLarge, "Te veel tekst", "Het formulier is te groot. Maak uw tekst korter.")
        case .documentTooLarge(let why):
            (status, title, text) = (.contentTooLarge, "Bestand te groot", why)
        case .unsupportedDocument(let why):
            (status, title, text) = (.unsupportedMediaType, "Verkeerd soort bestand", why)
        case .malformed, .invalid, .unsupportedMediaType:
            (status, title, text) = (.badRequest, "Er ging iets mis met het formulier", "Open de pagina opnieuw en probeer het nog eens.")
        case .requestTimeout:
            (status, title, text) = (.requestTimeout, "Dat duurde te lang", "Het formulier kwam niet op tijd binnen. Probeer het nog eens.")
        case .unavailable:
            (status, title, text) = (.serviceUnavailable, "Even niet beschikbaar", "Eenloket is even niet bereikbaar. Probeer het over een paar minuten opnieuw.")
        case .internalError:
            (status, title, text) = (
                .internalServerError, "Er ging iets mis bij ons",
                "Dit is een fout van Eenloket, niet van u. Wij zoeken het uit. Noem dit nummer als u contact met ons opneemt: \(requestId ?? "onbekend")."
            )
        }
        var model = ErrorPage(heading: title, text: text)
        if case .notFound = error { model.lostLink = true }
        if case .unauthenticated = error { model.lostLink = true }
        if let page = try? renderer.page(model, title: title, layout: .publicPage, status: status) { return page }
        // Without its template the error page is still an error, never an empty 200.
        return Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: title + "\n\n" + text + "\n")))
    }
}
