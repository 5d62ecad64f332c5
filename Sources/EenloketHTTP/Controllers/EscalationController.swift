import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Cases that need a coordinator's attention: missed deadlines, waiting panels,
/// absent chairs, rulings not carried out, unanswered after-care.
struct EscalationController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get(use: list)
            .post("{id}/resolve", use: resolve)
    }

    /// `GET /api/v1/escalations?all=true&limit=`: open ones by default, newest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff([.coordinator, .admin], to: "escalaties zien")
        let allText = request.uri.queryParameters.get("all").map { String($0) }
        guard allText == nil || allText == "true" || allText == "false" else {
            throw AppError.invalid("all", "Gebruik true of false.")
        }
        let all = allText == "true"
        let limit = try Paging.limit(request, default: 100, max: 500)
        let items = try await deps.coordination.escalations(includeResolved: all, limit: limit)
        return try JSONResponse.make(ItemsJSON(items: items.map(EscalationJSON.init)))
    }

    /// `POST /api/v1/escalations/{id}/resolve`.
    @Sendable func resolve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff([.coordinator, .admin], to: "escalaties afhandelen")
        guard let text = context.parameters.get("id"), let id = Int64(text) else { throw AppError.notFound }
        try await deps.coordination.resolveEscalation(id, by: staff.id, at: deps.now)
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }
}

/// The `limit` query parameter.
enum Paging {
    static func limit(_ request: Request, default value: Int, max: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return value }
        guard let limit = Int(text), (1...max).contains(limit) else {
            throw AppError.invalid("limit", "Kies een aantal van 1 tot en met \(max).")
        }
        return limit
    }
}
