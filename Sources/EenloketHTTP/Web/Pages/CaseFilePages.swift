import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// The case file and the consents on the pages: uploads from a plain form
/// (multipart, streamed like the API's), downloads, and the employee's choices.
extension WebController {
    // MARK: A party's page

    /// `POST /zaak/stukken`: the form's token comes before the file and is checked before any byte is kept.
    @Sendable func partyDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        do {
            _ = try await DocumentController.receive(request, caseId: session.party.caseId, caller: session.caller, deps: deps) { fields in
                try CSRF.check(given: fields["csrf"], expected: session.csrf)
            }
        } catch let error as AppError {
            guard let (status, errors) = DocumentFormError.shown(error) else { throw error }
            return try await renderPartyCase(session, formErrors: ["stukken": errors], message: nil, status: .init(code: status))
        }
        throw WebRedirect(to: "/zaak?bericht=stuk#stukken")
    }

    /// `GET /zaak/stukken/{documentId}`.
    @Sendable func partyDocumentDownload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        return try await DocumentController.downloadResponse(
            caseId: session.party.caseId, documentId: try context.uuidParameter("documentId"), caller: session.caller, deps: deps)
    }

    /// `POST /zaak/toestemming`: an unticked box is "no"; only the boxes changed from what
    /// the page showed count, so a page left open in an old tab never undoes a later choice.
    @Sendable func partyConsent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        let changed = ConsentKind.allCases.filter { (form[$0.rawValue] == "true") != (form["shown_" + $0.rawValue] == "true") }
        let wanted = Dictionary(uniqueKeysWithValues: changed.map { ($0, form[$0.rawValue] == "true") })
        _ = try await deps.cases.changeConsents(session.party.caseId, by: session.caller, at: deps.now) { wanted }
        throw WebRedirect(to: "/zaak?bericht=toestemming#toestemming")
    }

    // MARK: The staff case page

    /// `POST /medewerkers/zaken/{id}/stukken`.
    @Sendable func staffDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.caseReaders)
        let id = try context.uuidParameter("id")
        do {
            _ = try await DocumentController.receive(request, caseId: id, caller: .staff(session.staff), deps: deps) { fields in
                try CSRF.check(given: fields["csrf"], expected: session.csrf)
            }
        } catch let error as AppError {
            guard let (status, errors) = DocumentFormError.shown(error) else { throw error }
            return try await renderStaffCase(session, id: id, errors: ["stukken": errors], values: [:], message: nil, status: .init(code: status))
        }
        throw WebRedirect(to: "/medewerkers/zaken/\(id.lowercased)?bericht=stuk#stukken")
    }

    /// `GET /medewerkers/zaken/{id}/stukken/{documentId}`: a medical one is in the case's history.
    @Sendable func staffDocumentDownload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.caseReaders)
        return try await DocumentController.downloadResponse(
            caseId: try context.uuidParameter("id"), documentId: try context.uuidParameter("documentId"), caller: .staff(session.staff),
            deps: deps)
    }
}
