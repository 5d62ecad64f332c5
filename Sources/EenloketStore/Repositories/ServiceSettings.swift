import EenloketDomain

/// Settings of the workflow that come from configuration rather than the database.
public struct ServiceSettings: Sendable {
    /// The public address of the service, for links in messages (no trailing slash).
    public var publicURL: String
    /// Working days the other party has to respond before the panel may rule; 0: no waiting.
    public var hearingWindowDays: Int
    /// The fair procedure: binding basis, appeal window, the fee.
    public var procedure: ProcedureSettings
    /// The ClamAV daemon that scans every document before it is stored; nil: documents are not scanned.
    public var clamd: ClamdEndpoint?
    /// The longest a scanner operation may take before the upload is refused (503).
    public var scanTimeout: Double = 30

    public init(
        publicURL: String = "http://127.0.0.1:8080", hearingWindowDays: Int = 5, procedure: ProcedureSettings = ProcedureSettings(),
        clamd: ClamdEndpoint? = nil
    ) {
        self.clamd = clamd
        self.publicURL = publicURL
        self.hearingWindowDays = hearingWindowDays
        self.procedure = procedure
    }

    /// The agreement text parties agree to under these settings.
    public var bindingAgreement: BindingAgreement { BindingAgreement(settings: procedure) }

    /// A party's private case link.
    public func partyLink(token: String) -> String { "\(publicURL)/zaak/\(token)" }
}
