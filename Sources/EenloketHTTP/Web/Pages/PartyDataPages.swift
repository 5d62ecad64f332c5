import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// A party's right to see and take its data: a readable page and the same
/// content as a JSON download. Both are recorded in the case's access log.
extension WebController {
    @Sendable func partyData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, token) = try await party(context)
        let now = deps.now
        let record = try await deps.cases.view(party.caseId, caller: caller, at: now)
        try await deps.cases.recordExport(party.caseId, format: "html", by: caller, at: now)
        let events = try await deps.cases.events(party.caseId, caller: caller)
        let statements = try await deps.cases.statements(party.caseId, caller: caller, at: now)
        let followUps = try await deps.cases.followUps(party.caseId, caller: caller, at: now)
        let contact = try await deps.cases.partyContact(party)
        var v = CaseView.summary(record)
        v["token"] = token
        v["youAre"] = Labels.role(party.role.rawValue).lowercased()
        v["isFiler"] = party.isFiler
        if let name = contact.name { v["contactName"] = name }
        if let email = contact.email { v["contactEmail"] = email }
        v["events"] = CaseView.events(events)
        v["statements"] = CaseView.statements(statements)
        v["hasStatements"] = !statements.isEmpty
        let answers = followUps.filter { $0.answeredAt != nil || $0.missedAt != nil }.map { f -> [String: Any] in
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
        return publicPage("case-data", title: "Uw gegevens \(record.reference)", v)
    }

    @Sendable func partyDataDownload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, _) = try await party(context)
        let export = try await CaseExportJSON.collect(party.caseId, for: caller, deps: deps, format: "json")
        let disposition = "attachment; filename=\"eenloket-\(export.case.record.reference).json\""
        return try JSONResponse.make(export, headers: [.contentDisposition: disposition])
    }

    static func retentionText(days: Int) -> String {
        let period = days % 365 == 0 ? (days == 365 ? "één jaar" : "\(days / 365) jaar") : "\(days) dagen"
        return "Als uw zaak is afgesloten, bewaren wij uw gegevens nog \(period). Daarna verwijderen wij de medische informatie, "
            + "namen, e-mailadressen en reacties. Het oordeel zelf blijft bewaard, zonder uw naam. Zo kan later nog worden nagegaan wat er is besloten."
    }
}
