import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The web pages, for every role, on the same domain rules and repositories as the API.
struct WebController {
    let deps: AppDependencies
    let renderer: WebRenderer
    /// Cookies get `Secure` when the service is reached over HTTPS.
    let secureCookies: Bool

    func register(on router: Router<AppRequestContext>) {
        let pages = router.group().add(middleware: WebPageMiddleware(renderer: renderer))
        // Public pages.
        pages.get("/", use: home)
        pages.get("/vraag", use: chooseRole)
        pages.get("/vraag/{rol}", use: filingForm)
        pages.post("/vraag/{rol}", use: submitFiling)
        pages.get("/link-kwijt", use: lostLinkForm)
        pages.post("/link-kwijt", use: requestLostLink)
        pages.get("/toegankelijkheid", use: accessibilityStatement)
        pages.get("/privacy", use: privacyStatement)
        // A party's own case: the private link opens a page session; the pages carry no token.
        pages.get("/zaak/{token}", use: partyLinkPage)
        pages.post("/zaak/{token}", use: openPartyLink)
        pages.get("/zaak", use: partyCase)
        pages.get("/zaak/uitspraak", use: partyRuling)
        pages.get("/zaak/gegevens", use: partyData)
        pages.get("/zaak/gegevens.json", use: partyDataDownload)
        pages.post("/zaak/reactie", use: partyStatement)
        pages.post("/zaak/akkoord", use: partyAgreement)
        pages.post("/zaak/concept", use: partyDraftComment)
        pages.post("/zaak/bezwaar", use: partyObjection)
        pages.post("/zaak/afspraak/{appointmentId}", use: partyAppointmentAnswer)
        pages.post("/zaak/stukken", use: partyDocument)
        pages.get("/zaak/stukken/{documentId}", use: partyDocumentDownload)
        pages.post("/zaak/toestemming", use: partyConsent)
        pages.get("/zaak/intrekken", use: confirmWithdrawal)
        pages.post("/zaak/intrekken", use: partyWithdraw)
        pages.post("/zaak/beroep", use: partyAppeal)
        pages.post("/zaak/nazorg/{followUpId}", use: partyFollowUp)
        pages.post("/zaak/afmelden", use: partyLogout)
        // Staff.
        pages.get("/medewerkers/inloggen", use: loginForm)
        pages.post("/medewerkers/inloggen", use: login)
        pages.post("/medewerkers/inloggen/code", use: loginCode)
        pages.post("/medewerkers/uitloggen", use: logout)
        pages.get("/medewerkers", use: staffHome)
        pages.get("/medewerkers/zaken", use: workQueue)
        pages.get("/medewerkers/zaken/{id}", use: staffCase)
        pages.post("/medewerkers/zaken/{id}/beoordeling", use: staffTriage)
        pages.post("/medewerkers/zaken/{id}/bevestiging", use: staffVerifyEmployee)
        pages.post("/medewerkers/zaken/{id}/uitspraak", use: staffRuling)
        pages.post("/medewerkers/zaken/{id}/concept", use: staffDraft)
        pages.post("/medewerkers/zaken/{id}/bezwaren/{objectionId}", use: staffObjectionDecision)
        pages.post("/medewerkers/zaken/{id}/terugtrekken", use: staffStepAside)
        pages.post("/medewerkers/zaken/{id}/afspraken", use: staffPlanAppointment)
        pages.post("/medewerkers/zaken/{id}/afspraken/{appointmentId}/afzeggen", use: staffCancelAppointment)
        pages.post("/medewerkers/zaken/{id}/afspraken/{appointmentId}/verslag", use: staffReportAppointment)
        pages.post("/medewerkers/zaken/{id}/stukken", use: staffDocument)
        pages.get("/medewerkers/zaken/{id}/stukken/{documentId}", use: staffDocumentDownload)
        pages.get("/medewerkers/bezwaren", use: objectionsList)
        pages.post("/medewerkers/zaken/{id}/rechter", use: staffAppealOutcome)
        pages.post("/medewerkers/zaken/{id}/reactie", use: staffStatement)
        pages.post("/medewerkers/zaken/{id}/panel", use: staffChangePanel)
        pages.post("/medewerkers/zaken/{id}/beroep", use: staffAppeal)
        pages.post("/medewerkers/zaken/{id}/terugkeer", use: staffReturnToWork)
        pages.get("/medewerkers/brieven", use: letters)
        pages.post("/medewerkers/brieven/{id}/print", use: printLetter)
        pages.get("/medewerkers/panel", use: panelMembers)
        pages.post("/medewerkers/panel", use: createMember)
        pages.post("/medewerkers/panel/{id}", use: updateMember)
        pages.post("/medewerkers/panel/{id}/afwezigheid", use: addAbsence)
        pages.get("/medewerkers/accounts", use: accounts)
        pages.get("/medewerkers/accounts/{id}", use: account)
        pages.post("/medewerkers/accounts/{id}", use: updateAccount)
        pages.post("/medewerkers/accounts/{id}/app", use: resetAccountOTP)
        pages.get("/medewerkers/wachtwoord", use: passwordForm)
        pages.post("/medewerkers/wachtwoord", use: changePassword)
        pages.get("/medewerkers/escalaties", use: escalations)
        pages.post("/medewerkers/escalaties/{id}/afgehandeld", use: resolveEscalation)
        pages.get("/medewerkers/toezicht", use: supervision)
        pages.get("/medewerkers/toezicht/{table}", use: supervisionCSV)
        // Static files.
        pages.get("/static/{file}", use: staticFile)
    }

    /// A page for a visitor without a session.
    func publicPage(title: String, _ model: some PageModel, status: HTTPResponse.Status = .ok) throws -> Response {
        try renderer.page(model, title: title, layout: .publicPage, status: status)
    }

    /// The stylesheet, script and images; cacheable, since they hold nothing personal.
    @Sendable func staticFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let name = context.parameters.get("file"), StaticFiles.types[String((name.split(separator: ".").last ?? ""))] != nil,
            !name.contains("/"), !name.hasPrefix(".")
        else { throw AppError.notFound }
        guard let data = FileManager.default.contents(atPath: renderer.staticDirectory + "/" + name) else { throw AppError.notFound }
        let type = StaticFiles.types[String(name.split(separator: ".").last!)]!
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

enum StaticFiles {
    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
}
