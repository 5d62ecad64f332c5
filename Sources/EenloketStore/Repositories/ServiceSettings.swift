/// Settings of the workflow that come from configuration rather than the database.
public struct ServiceSettings: Sendable {
    /// The public address of the service, for links in messages (no trailing slash).
    public var publicURL: String
    /// Working days the other party has to respond before the panel may rule; 0: no waiting.
    public var hearingWindowDays: Int

    public init(publicURL: String = "http://127.0.0.1:8080", hearingWindowDays: Int = 5) {
        self.publicURL = publicURL
        self.hearingWindowDays = hearingWindowDays
    }

    /// A party's private case link.
    public func partyLink(token: String) -> String { "\(publicURL)/zaak/\(token)" }
}
