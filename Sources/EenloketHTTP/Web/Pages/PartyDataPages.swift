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
        var v = CaseView.summary(data.record)
        v["youAre"] = Labels.role(party.role.rawValue).lowercased()
        v["isFiler"] = party.isFiler
        if let name = data.contact.name { v["contactName"] = name }
        if let email = data.contact.email { v["contactEmail"] = email }
        if let address = data.contact.address { v["contactAddress"] = address.lines }
        v["events"] = CaseView.events(data.events)
        v["statements"] = CaseView.statements(data.statements)
        v["hasStatements"] = !data.statements.isEmpty
        let answers = data.followUps.filter { $0.answeredAt != nil || $0.missedAt != nil }.map { f -> [String: Any] in
            var item: [String: Any] = [
                "number": f.sequence,
                "state": f.answeredAt.map { "beantwoord op " + Labels.moment($0) } ?? "niet beantwoord",
            ]
            if let remarks = f.remarks { item["remarks"] = remarks }
            return item
        }
        v["answers"] = answers
        v["hasAnswers"] = !answers.isEmpty
        v["retention"] = Self.retentionText(days: deps.configuration.retentionDays)
        return publicPage("case-data", title: "Uw gegevens \(data.record.reference)", v)
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
