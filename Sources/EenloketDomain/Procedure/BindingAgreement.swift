/// The text a party agrees to when it accepts that the ruling binds
/// (bindend advies, Civil Code 7:900 ff.), in plain Dutch (level B1). What a
/// party agreed to is recorded by the text's SHA-256 digest, so a later
/// change of wording never changes what someone signed.
public struct BindingAgreement: Sendable, Equatable {
    /// Changes whenever the wording changes.
    public static let version = "2026-12-3"

    public let version: String
    public let text: String

    /// The lowercase hex SHA-256 of the UTF-8 bytes of `text`.
    public var digest: String { RulingDigest.sha256Hex(text) }

    /// Points 1 and 2: when the ruling binds.
    static func whenBinding(_ basis: BindingBasis) -> String {
        switch basis {
        case .agreement:
            return """
                1. Het oordeel van het panel is bindend als de werknemer én de werkgever akkoord zijn. \
                Bindend betekent: u houdt zich er allebei aan. Zo kunt u samen verder met de re-integratie.
                2. Is maar één van u akkoord? Dan is het oordeel een advies. U hoeft zich dan niet aan het advies te houden.
                """
        case .statute:
            return """
                1. Het oordeel van het panel is bindend, omdat de wet dat zegt. \
                Bindend betekent: u houdt zich er allebei aan. Zo kunt u samen verder met de re-integratie.
                2. Met uw akkoord laat u weten dat u dit gelezen hebt.
                """
        }
    }

    /// Point 3's last sentence: the draft round, when there is one.
    static func draftSentence(_ days: Int) -> String {
        guard days > 0 else { return "Daarna geeft het panel het oordeel." }
        return "Voordat het oordeel vastligt, leest u een concept. Staat er een fout in de feiten? "
            + "Dan kunt u dat binnen \(days) werkdag\(days == 1 ? "" : "en") laten weten."
    }

    public init(settings: ProcedureSettings) {
        version = Self.version
        let months = settings.appealWindowMonths == 1 ? "1 maand" : "\(settings.appealWindowMonths) maanden"
        text = """
            Afspraak: het oordeel van Eenloket is bindend

            U vraagt Eenloket om een oordeel over een vraag of een meningsverschil over ziekte en werk. \
            Als u akkoord gaat, spreekt u dit af:

            \(Self.whenBinding(settings.bindingBasis))
            3. Het panel hoort u allebei, om de beurt. U ziet wat de ander inbrengt en u mag daarop reageren. \
            Denkt u dat iemand in het panel niet onafhankelijk is? Dan kunt u bezwaar maken. \
            \(Self.draftSentence(settings.draftWindowDays))
            4. Bent u het niet eens met het oordeel? Dan kunt u binnen \(months) na de datum van het oordeel naar de rechter. \
            De rechter zet het oordeel alleen opzij als het onaanvaardbaar is om u eraan te houden. \
            Bijvoorbeeld omdat één van u niet is gehoord, of omdat het oordeel niet goed is uitgelegd. \
            Zolang de rechter niet heeft beslist, geldt het oordeel.
            5. Zolang de zaak loopt, blijft het advies van de bedrijfsarts gelden. De werknemer blijft meewerken aan de re-integratie. \
            Werkt de werknemer zonder goede reden niet mee, dan mag de werkgever het loon stoppen.
            6. Soms vraagt de wet om een deskundigenoordeel van UWV: een oordeel van een arts of arbeidsdeskundige van UWV. \
            Bijvoorbeeld als de werknemer bij de rechter loon eist, als de werkgever UWV om toestemming voor ontslag vraagt, \
            of als UWV het re-integratieverslag beoordeelt. Dat deskundigenoordeel vervangt dit oordeel nog niet.
            7. De werkgever ziet nooit medische gegevens van de werknemer. Alleen de intakemedewerkers en de artsen in het panel lezen die. \
            Zij moeten dit geheimhouden.
            8. \(settings.costSentence)
            """
    }
}
