import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The supervision dashboard: aggregate figures only, drawn as pictures, each
/// with its table as CSV. Every count below the contract's threshold (5) is
/// withheld, and figures computed from fewer rulings than that are not shown.
extension WebController {
    static let threshold = EmployerScore.minimumCases

    /// A count, or nil when it is too small to show.
    static func shown(_ count: Int) -> Int? { count >= threshold ? count : nil }

    struct SupervisionData {
        var months: [String] = []
        var perMonth: [String: [CaseType: Int]] = [:]
        var outcomes: [CaseType: [RulingOutcome: Int]] = [:]
        var overview: StatsRepository.Overview
        var rulings: Int
        var employers: [StatsRepository.EmployerLine]
    }

    func supervisionData() async throws -> SupervisionData {
        let today = deps.today
        let last = LocalDate(year: today.year, month: today.month, day: 1)!
        var first = last
        for _ in 0..<11 { first = LocalDate(year: first.month == 1 ? first.year - 1 : first.year, month: first.month == 1 ? 12 : first.month - 1, day: 1)! }
        var data = SupervisionData(
            overview: try await deps.stats.overview(), rulings: try await deps.stats.rulingCount(),
            employers: try await deps.stats.employers(year: today.year))
        var month = first
        while month <= last {
            data.months.append(String(month.description.prefix(7)))
            month = LocalDate(year: month.month == 12 ? month.year + 1 : month.year, month: month.month == 12 ? 1 : month.month + 1, day: 1)!
        }
        for row in try await deps.stats.acceptedPerMonth(from: first, to: last) { data.perMonth[row.month, default: [:]][row.type] = row.count }
        for row in try await deps.stats.outcomesByType() { data.outcomes[row.type, default: [:]][row.outcome] = row.count }
        return data
    }

    @Sendable func supervision(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.statsReaders)
        let data = try await supervisionData()
        let enough = data.rulings >= Self.threshold
        let types = CaseType.allCases
        let monthly = SVGChart.bars(
            id: "per-maand", title: "Aangenomen zaken per maand, naar soort",
            description: "Aantal aangenomen zaken per maand in de afgelopen twaalf maanden, opgesplitst naar soort vraag. Aantallen onder de 5 zijn weggelaten.",
            bars: data.months.map { m in SVGChart.Bar(label: Self.monthLabel(m), values: types.map { Self.shown(data.perMonth[m]?[$0] ?? 0).map(Double.init) }) },
            series: types.map { Labels.caseType($0) })
        let outcomes = SVGChart.bars(
            id: "uitkomsten", title: "Uitkomst van de oordelen, naar soort zaak",
            description: "Aantal oordelen per soort zaak, opgesplitst naar uitkomst. Aantallen onder de 5 zijn weggelaten.",
            bars: types.map { t in SVGChart.Bar(label: Labels.caseType(t), values: RulingOutcome.allCases.map { Self.shown(data.outcomes[t]?[$0] ?? 0).map(Double.init) }) },
            series: RulingOutcome.allCases.map(Labels.outcome))
        let onTime = SVGChart.share(id: "op-tijd", title: "Oordelen binnen de termijn", value: enough ? data.overview.shareRuledWithinDue : nil)
        let topEmployers = Array(data.employers.prefix(15))
        let employers = SVGChart.bars(
            id: "werkgevers", title: "Werkgevers met de meeste zaken (3-2-1 gewogen)",
            description: "Gewogen gemiddelde over drie jaar: laatste jaar keer 3, het jaar ervoor keer 2, het oudste jaar keer 1, gedeeld door 6. Alleen werkgevers met minstens 5 zaken.",
            bars: topEmployers.map { SVGChart.Bar(label: "\($0.name) (\($0.kvkNumber))", values: [$0.weightedScore]) }, series: [])
        let median = enough ? data.overview.medianDaysToRuling.map { SVGChart.fmt($0) } : nil
        return try staffPage(
            title: "Toezicht",
            SupervisionPage(
                threshold: Self.threshold, monthly: monthly, outcomes: outcomes, onTime: onTime, employers: employers,
                hasEmployers: !topEmployers.isEmpty, median: median ?? "", hasMedian: median != nil,
                carriedOut: enough ? data.overview.shareRulingsCarriedOut.map { SVGChart.fmt($0 * 100) + " %" } : nil),
            session: session)
    }

    static func monthLabel(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return month }
        let names = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        return "\(names[m - 1]) \(parts[0])"
    }

    /// The table behind each chart, as CSV (semicolons, as Dutch spreadsheets expect).
    @Sendable func supervisionCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await requireSession(request, roles: Permissions.statsReaders)
        let data = try await supervisionData()
        let enough = data.rulings >= Self.threshold
        func cell(_ count: Int) -> String { Self.shown(count).map(String.init) ?? "<\(Self.threshold)" }
        var rows: [[String]]
        switch context.parameters.get("table") {
        case "per-maand.csv":
            rows = [["maand"] + CaseType.allCases.map(\.rawValue)]
            rows += data.months.map { m in [m] + CaseType.allCases.map { cell(data.perMonth[m]?[$0] ?? 0) } }
        case "uitkomsten.csv":
            rows = [["soort"] + RulingOutcome.allCases.map(\.rawValue)]
            rows += CaseType.allCases.map { t in [t.rawValue] + RulingOutcome.allCases.map { cell(data.outcomes[t]?[$0] ?? 0) } }
        case "kengetallen.csv":
            rows = [["kengetal", "waarde"]]
            rows.append(["oordelen", cell(data.rulings)])
            rows.append(["mediaan_dagen_tot_oordeel", enough ? data.overview.medianDaysToRuling.map { SVGChart.fmt($0) } ?? "" : ""])
            rows.append(["aandeel_binnen_termijn", enough ? data.overview.shareRuledWithinDue.map { String($0) } ?? "" : ""])
            rows.append(["aandeel_uitgevoerd", enough ? data.overview.shareRulingsCarriedOut.map { String($0) } ?? "" : ""])
        case "werkgevers.csv":
            let year = deps.today.year
            rows = [["kvk_nummer", "naam", "zaken_\(year - 2)", "zaken_\(year - 1)", "zaken_\(year)", "gewogen_score"]]
            rows += data.employers.map { [$0.kvkNumber, $0.name] + $0.cases.map(String.init) + [String($0.weightedScore)] }
        default:
            throw AppError.notFound
        }
        let csv = rows.map { $0.map(Self.csvField).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(context.parameters.get("table") ?? "tabel.csv")\"",
            ], body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// A CSV field, quoted when needed. A cell a spreadsheet could run as a
    /// formula (starting with =, +, -, @, a tab or a carriage return, also after
    /// leading spaces) gets a leading apostrophe; a plain number stays a number.
    static func csvField(_ text: String) -> String {
        var value = text
        // Scalars, not characters: "\r\n" is one Character and would hide its "\r".
        let scalars = value.unicodeScalars
        let risky = scalars.first.map { $0 == "\t" || $0 == "\r" } == true
            || scalars.first(where: { $0 != " " }).map { "=+-@\t\r".unicodeScalars.contains($0) } == true
        if risky, Double(value) == nil { value = "'" + value }
        if value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
