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
            retention: Self.retentionText(days: deps.configuration.retentionDays, medicalDays: deps.configuration.medicalRetentionDays))
        return try publicPage(title: "Uw gegevens \(data.record.reference)", page)
    }

    @Sendable func partyDataDownload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let data = try await PartyData.collect(session.party.caseId, for: session.caller, deps: deps, format: "json")
        let disposition = "attachment; filename=\"eenloket-\(data.record.reference).json\""
        return try JSONResponse.make(CaseExportJSON(data), headers: [.contentDisposition: disposition])
    }

    static func retentionText(days: Int, medicalDays: Int) -> String {
        "Als uw zaak is afgesloten, bewaren wij namen, adressen, e-mailadressen en reacties nog \(period(days)). "
            + "Daarna verwijderen wij die. Het medische dossier (medische informatie, medische stukken en wat de artsen "
            + "daarover schreven) bewaren wij \(period(medicalDays)), zoals de wet dat vraagt voor medische dossiers. "
            + "Het oordeel zelf blijft bewaard, zonder uw naam. Zo kan later nog worden nagegaan wat er is besloten."
    }

    /// "2 jaar", "één jaar", "20 jaar" (a leap day or five in a period of whole years still reads as years), else days.
    static func period(_ days: Int) -> String {
        let years = Int((Double(days) / 365.25).rounded())
        guard years >= 1, abs(Double(days) - Double(years) * 365.25) <= 1 || days == years * 365 else { return "\(days) dagen" }
        return years == 1 ? "één jaar" : "\(years) jaar"
    }
}
