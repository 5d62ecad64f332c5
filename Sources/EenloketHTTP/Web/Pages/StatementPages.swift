import EenloketDomain
import Hummingbird

/// The accessibility and privacy statements, linked from every page's footer.
extension WebController {
    /// The axe-core version `Tests/Browser` runs (standards.py reads it from the script itself); the statement names it.
    static let axeVersion = "4.12"

    @Sendable func accessibilityStatement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let contact = deps.configuration.contact
        return try publicPage(
            title: "Toegankelijkheid",
            AccessibilityStatementPage(
                organisation: contact.name, contactEmail: contact.email, axeVersion: Self.axeVersion, version: OpenAPIDocument.version))
    }

    @Sendable func privacyStatement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let config = deps.configuration
        return try publicPage(
            title: "Privacy",
            PrivacyStatementPage(
                organisation: config.contact.name, contactEmail: config.contact.email,
                privacyOfficerEmail: config.privacyOfficerEmail ?? config.contact.email, contactURL: config.contact.url,
                retention: Self.retentionText(days: config.retentionDays, medicalDays: config.medicalRetentionDays),
                byAgreement: config.procedure.bindingBasis == .agreement))
    }
}
