import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// The employee's consents (contract Part 2, "Consent").
struct ConsentController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self).put("{id}/consents", use: change)
    }

    /// `PUT /api/v1/cases/{id}/consents` (the employee party's token).
    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.changeConsent, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let body = try await JSONBody.object(request)
        let consents = try await deps.cases.changeConsents(id, by: context.caller, at: deps.now) { try ConsentRequest.parse(body) }
        return try JSONResponse.make(ConsentsJSON(consents))
    }
}

enum ConsentRequest {
    /// Either key may be left out, but not both: a request that asks nothing is a mistake.
    static func parse(_ body: [String: JSONValue]) throws -> [ConsentKind: Bool] {
        let r = FieldReader(body)
        var wanted: [ConsentKind: Bool] = [:]
        for kind in ConsentKind.allCases {
            if let given = try r.bool(kind.rawValue, required: false) { wanted[kind] = given }
        }
        if wanted.isEmpty {
            r.fail(ConsentKind.treatingPhysician.rawValue, "Geef aan welke toestemming u geeft of intrekt (true of false).")
        }
        try r.finish()
        return wanted
    }
}

/// The consents as the API shows them: each kind with whether it is given and since when.
struct ConsentsJSON: Encodable {
    let consents: Consents

    init(_ consents: Consents) { self.consents = consents }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        for kind in ConsentKind.allCases {
            let state = consents[kind]
            try c.encode(StateJSON(given: state.given, at: state.at.map(Timestamp.format)), forKey: APIKey(kind.rawValue))
        }
    }

    struct StateJSON: Encodable {
        let given: Bool
        let at: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: APIKey.self)
            try c.encode(given, forKey: APIKey("given"))
            if let at { try c.encode(at, forKey: APIKey("at")) } else { try c.encodeNil(forKey: APIKey("at")) }
        }
    }
}
