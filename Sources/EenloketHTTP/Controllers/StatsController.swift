import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Aggregate figures for supervision: never an individual case.
struct StatsController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("overview", use: overview)
            .get("employers", use: employers)
    }

    /// `GET /api/v1/stats/overview`.
    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(Permissions.statsReaders, to: "de cijfers zien")
        let o = try await deps.stats.overview()
        return try JSONResponse.make(
            OverviewJSON(
                cases_by_status: Dictionary(uniqueKeysWithValues: o.casesByStatus.map { ($0.key.rawValue, $0.value) }),
                cases_by_type: Dictionary(uniqueKeysWithValues: o.casesByType.map { ($0.key.rawValue, $0.value) }),
                median_days_to_ruling: o.medianDaysToRuling, share_ruled_within_due: o.shareRuledWithinDue,
                share_rulings_carried_out: o.shareRulingsCarriedOut))
    }

    /// `GET /api/v1/stats/employers?year=`: the 3-2-1 weighted score per employer.
    @Sendable func employers(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(Permissions.statsReaders, to: "de cijfers zien")
        var year = deps.today.year
        if let text = request.uri.queryParameters.get("year") {
            guard let value = Int(text), (2000...2100).contains(value) else {
                throw AppError.invalid("year", "Kies een jaar van 2000 tot en met 2100.")
            }
            year = value
        }
        let lines = try await deps.stats.employers(year: year)
        return try JSONResponse.make(
            EmployersJSON(
                year: year, minimum_cases: EmployerScore.minimumCases,
                items: lines.map {
                    EmployerJSON(kvk_number: $0.kvkNumber, name: $0.name, cases: $0.cases, weighted_score: $0.weightedScore)
                }))
    }
}

struct OverviewJSON: Encodable {
    let cases_by_status: [String: Int]
    let cases_by_type: [String: Int]
    let median_days_to_ruling: Double?
    let share_ruled_within_due: Double?
    let share_rulings_carried_out: Double?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(cases_by_status, forKey: APIKey("cases_by_status"))
        try c.encode(cases_by_type, forKey: APIKey("cases_by_type"))
        try c.encode(median_days_to_ruling, forKey: APIKey("median_days_to_ruling"))
        try c.encode(share_ruled_within_due, forKey: APIKey("share_ruled_within_due"))
        try c.encode(share_rulings_carried_out, forKey: APIKey("share_rulings_carried_out"))
    }
}

struct EmployerJSON: Encodable {
    let kvk_number: String
    let name: String
    let cases: [Int]
    let weighted_score: Double
}

struct EmployersJSON: Encodable {
    let year: Int
    let minimum_cases: Int
    let items: [EmployerJSON]
}
