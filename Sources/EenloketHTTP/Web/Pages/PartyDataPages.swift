import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// A party's right to see and take its data: a readable page and the same
/// content as a JSON download. Both are recorded in the case's access log.
extension WebController {
    @Sendable func partyData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let (caller, party) = (session.caller, session.party)
        let data = try await PartyData.collect(party.caseId, for: caller, deps: deps, format: "html")
        let answers = data.followUps.filter { $0.answeredAt != nil || $0.missedAt != nil }.map { f in
            PartyDataPage.Answer(
                number: f.sequence, state: f.answeredAt.map { "beantwoord op " + Labels.moment($0) } ?? "niet beantwoord", remarks: f.remarks)
        }
        let address = data.contact.address?.lines ?? []
        let page = PartyDataPage(
            summary: CaseView.summary(data.record, now: data.exportedAt), youAre: Labels.role(party.role.rawValue).lowercased(), isFiler: party.isFiler,
            contactName: data.contact.name, contactEmail: data.contact.email, contactAddress: address, hasContactAddress: !address.isEmpty,
            events: CaseView.events(data.events), statements: CaseView.statements(data.statements), hasStatements: !data.statements.isEmpty,
            answers: answers, hasAnswers: !answers.isEmpty,
            documents: CaseView.documentRows(data.documents, downloadBase: "/zaak/stukken"), hasDocuments: !data.documents.isEmpty,
            retention: Self.retentionText(days: deps.configuration.retentionDays))
        return try publicPage(title: "Uw gegevens \(data.record.reference)", page)
    }

    @Sendable func partyDataDownload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let data = try await PartyData.collect(session.party.caseId, for: session.caller, deps: deps, format: "json")
        let disposition = "attachment; filename=\"eenloket-\(data.record.reference).json\""
        return try JSONResponse.make(CaseExportJSON(data), headers: [.contentDisposition: disposition])
    }

    static func retentionText(days: Int) -> String {
        let period = days % 365 == 0 ? (days == 365 ? "één jaar" : "\(days / 365) jaar") : "\(days) dagen"
        return "Als uw zaak is afgesloten, bewaren wij uw gegevens nog \(period). Daarna verwijderen wij de medische informatie, "
            + "namen, e-mailadressen en reacties. Het oordeel zelf blijft bewaard, zonder uw naam. Zo kan later nog worden nagegaan wat er is besloten."
    }
}
