import Foundation

/// What the employee may consent to (contract Part 2, "Consent").
public enum ConsentKind: String, Sendable, CaseIterable, Codable {
    /// The panel may ask the employee's treating physicians for information, and add it to the file.
    case treatingPhysician = "treating_physician"
    /// The ruling may be shared with the employee's own company doctor.
    case shareWithOwnPhysician = "share_with_own_physician"
}

/// Whether a consent is given now, and when it last changed (nil: never given nor withdrawn).
public struct ConsentState: Sendable, Equatable {
    public let given: Bool
    public let at: Date?

    public init(given: Bool, at: Date?) {
        self.given = given
        self.at = at
    }

    /// No answer yet counts as no consent (AVG art. 7: consent is given, never assumed).
    public static let none = ConsentState(given: false, at: nil)
}

/// The employee's consents on one case.
public struct Consents: Sendable, Equatable {
    public let states: [ConsentKind: ConsentState]

    public init(_ states: [ConsentKind: ConsentState] = [:]) {
        self.states = states
    }

    public subscript(kind: ConsentKind) -> ConsentState { states[kind] ?? .none }

    /// The changes a request asks for: only the kinds whose answer differs from now.
    public func changes(to wanted: [ConsentKind: Bool]) -> [ConsentKind: Bool] {
        wanted.filter { self[$0.key].given != $0.value }
    }
}
