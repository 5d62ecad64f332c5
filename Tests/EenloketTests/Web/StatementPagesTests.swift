@testable import EenloketHTTP
import Foundation
import Testing

/// The accessibility and privacy statements: there, linked from every page, and true to the settings.
@Suite("Web: the statements a public service publishes")
struct StatementPagesTests {
    @Test func bothStatementsAreLinkedFromEveryKindOfPage() async throws {
        try await withApp { t in
            for path in ["/", "/vraag/werknemer", "/link-kwijt", "/medewerkers/inloggen", "/zaak/elc_onbekend", "/toegankelijkheid", "/privacy"] {
                let page = try await t.api.get(path)
                #expect(page.contentType.hasPrefix("text/html"), "\(path)")
                #expect(page.text.contains(#"<a href="/toegankelijkheid">Toegankelijkheid</a>"#), "\(path) does not link the accessibility statement")
                #expect(page.text.contains(#"<a href="/privacy">Privacy</a>"#), "\(path) does not link the privacy statement")
            }
        }
    }

    @Test func theStatementsNameTheConfiguredOrganisationAndRetention() async throws {
        let contact = ServiceContact(name: "Stichting Loket Arbeid", email: "privacy@loket.example", url: "https://loket.example")
        try await withApp(configure: { $0.contact = contact; $0.retentionDays = 365; $0.privacyOfficerEmail = "fg@loket.example" }) { t in
            let privacy = try await t.api.get("/privacy")
            #expect(privacy.status == 200)
            #expect(privacy.text.contains("Stichting Loket Arbeid is verantwoordelijk voor uw gegevens"))
            #expect(privacy.text.contains(#"href="mailto:privacy@loket.example""#))
            #expect(privacy.text.contains("nog één jaar"), "the retention period comes from EENLOKET_RETENTION_DAYS")
            #expect(privacy.text.contains("20 jaar"))
            #expect(privacy.text.contains(#"href="mailto:fg@loket.example""#), "the data protection officer")
            #expect(!privacy.text.contains("artikel 6 lid 1 onder e"), "no task by law when rulings bind by the parties' agreement")
            for basis in ["artikel 6 lid 1 onder b", "artikel 6 lid 1 onder f", "artikel 9 lid 2 onder b en h", "artikel 9 lid 2 onder a", "Autoriteit Persoonsgegevens"] {
                #expect(privacy.text.contains(basis), "\(basis)")
            }
            let accessibility = try await t.api.get("/toegankelijkheid")
            #expect(accessibility.status == 200)
            #expect(accessibility.text.contains("axe-core \(WebController.axeVersion)"))
            #expect(accessibility.text.contains(#"href="mailto:privacy@loket.example""#))
            #expect(accessibility.text.contains("versie \(OpenAPIDocument.version)"))
        }
        // Rulings that bind by law: the task the law gives is the basis, not the parties' agreement.
        try await withApp(configure: { $0.procedure.bindingBasis = .statute }) { t in
            let privacy = try await t.api.get("/privacy")
            #expect(!privacy.text.contains("artikel 6 lid 1 onder b"))
            #expect(privacy.text.contains("artikel 6 lid 1 onder e"))
            #expect(privacy.text.contains(#"href="mailto:contact@eenloket.nl""#), "without its own setting, the officer is reached at the contact address")
        }
    }
}
