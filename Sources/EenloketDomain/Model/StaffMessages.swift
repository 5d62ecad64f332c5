/// Messages to staff about their own account, in plain Dutch: whoever holds
/// the account hears of every change to its password or e-mail address, so a
/// takeover does not go unnoticed.
public enum StaffMessages {
    public enum Kind: String, Sendable {
        /// Someone else (an admin) set a new password.
        case passwordChangedByAdmin = "account_password_changed"
        /// The holder changed their own password.
        case passwordChangedByHolder = "account_password_changed_by_holder"
        /// The account's e-mail address changed (sent to the old and the new address).
        case emailChanged = "account_email_changed"
        /// The two-step login was reset (the holder must enrol again).
        case otpReset = "account_otp_reset"
    }

    public static func render(_ kind: Kind, name: String, serviceURL: String, detail: String? = nil) -> Message {
        let greeting = "Beste \(name),\n\n"
        let warning =
            "\nWas u dit niet, of verwachtte u dit niet? Neem dan meteen contact op met de beheerder van Eenloket.\n"
        let closing = "\nMet vriendelijke groet,\nEenloket\n\nDit bericht is automatisch verstuurd. U kunt er niet op antwoorden.\n"
        let login = "Inloggen doet u op \(serviceURL)/medewerkers/inloggen.\n"
        switch kind {
        case .passwordChangedByAdmin:
            return Message(
                subject: "Uw wachtwoord voor Eenloket is gewijzigd",
                body: greeting + "Een beheerder heeft een nieuw wachtwoord ingesteld voor uw account bij Eenloket.\n"
                    + "U bent daarom overal uitgelogd. U krijgt het nieuwe wachtwoord van de beheerder.\n" + login + warning + closing)
        case .passwordChangedByHolder:
            return Message(
                subject: "U heeft uw wachtwoord voor Eenloket gewijzigd",
                body: greeting + "Het wachtwoord van uw account bij Eenloket is gewijzigd.\n"
                    + "U bent overal uitgelogd. Log opnieuw in met uw nieuwe wachtwoord.\n" + login + warning + closing)
        case .emailChanged:
            return Message(
                subject: "Het e-mailadres van uw account bij Eenloket is gewijzigd",
                body: greeting + "Een beheerder heeft het e-mailadres van uw account bij Eenloket gewijzigd"
                    + (detail.map { " in \($0)" } ?? "") + ".\n"
                    + "U bent daarom overal uitgelogd. Log voortaan in met het nieuwe e-mailadres.\n" + login + warning + closing)
        case .otpReset:
            return Message(
                subject: "Uw inlogcode-app voor Eenloket is losgekoppeld",
                body: greeting + "Een beheerder heeft de tweestapsverificatie van uw account bij Eenloket opnieuw ingesteld.\n"
                    + "Bij de volgende keer inloggen koppelt u uw app opnieuw.\n" + login + warning + closing)
        }
    }
}
