import EenloketDomain
import EenloketHTTP
import Testing

/// `AppConfiguration.fromEnvironment`: defaults, every accepted form, and bad
/// values named (all at once, never echoing a secret).
@Suite("Configuration: reading the EENLOKET_* variables")
struct ConfigurationReaderTests {
    @Test func anEmptyEnvironmentGivesTheDocumentedDefaults() throws {
        let config = try AppConfiguration.fromEnvironment([:])
        let defaults = AppConfiguration()
        #expect(config.port == defaults.port && config.host == defaults.host)
        #expect(config.databaseURL == nil, "embedded PostgreSQL by default")
        #expect(config.mailTransport == "spool")
        #expect(config.adminEmail == nil && config.adminPassword == nil)
        #expect(config.effectivePublicURL == "http://\(config.host):\(config.port)")
    }

    @Test func valuesAreReadAndEmptyMeansUnset() throws {
        let config = try AppConfiguration.fromEnvironment([
            "EENLOKET_PORT": "8123", "EENLOKET_HOST": "0.0.0.0", "EENLOKET_DATABASE_URL": "postgres://u@db/e",
            "EENLOKET_PUBLIC_URL": "https://eenloket.example.nl/", "EENLOKET_SESSION_HOURS": "2",
            "EENLOKET_MAIL_TRANSPORT": "sendmail", "EENLOKET_TRUST_FORWARDED_FOR": "true",
            "EENLOKET_STARTUP_TIMEOUT_SECONDS": "40", "EENLOKET_STAFF_OTP": "off", "EENLOKET_SQL_DIR": "",
            "EENLOKET_ADMIN_EMAIL": "beheer@example.nl", "EENLOKET_ADMIN_PASSWORD": "een lang beheerwachtwoord",
        ])
        #expect(config.port == 8123 && config.host == "0.0.0.0")
        #expect(config.databaseURL == "postgres://u@db/e")
        #expect(config.publicURL == "https://eenloket.example.nl", "the trailing slash is dropped")
        #expect(config.sessionLifetime == 7200)
        #expect(config.mailTransport == "sendmail" && config.trustForwardedFor && !config.staffOTP)
        #expect(config.startupTimeLimit == 40)
        #expect(config.sqlDirectory == AppConfiguration().sqlDirectory, "an empty value is no value")
        #expect(config.adminEmail == "beheer@example.nl")
    }

    @Test func everyBadValueIsNamedAtOnceWithoutEchoingSecrets() {
        let secret = "kortXq7"
        #expect {
            try AppConfiguration.fromEnvironment([
                "EENLOKET_PORT": "70000", "EENLOKET_BCRYPT_COST": "twelve", "EENLOKET_PUBLIC_URL": "eenloket.example.nl",
                "EENLOKET_MAIL_TRANSPORT": "smtp", "EENLOKET_ADMIN_EMAIL": "beheer@example.nl", "EENLOKET_ADMIN_PASSWORD": secret,
                "EENLOKET_METRICS_TOKEN": "short", "EENLOKET_COOKIE_SECURE": "yes",
            ])
        } throws: { error in
            let text = String(describing: error)
            let named = [
                "EENLOKET_PORT must be a whole number in 0...65535", "EENLOKET_BCRYPT_COST", "EENLOKET_PUBLIC_URL must start with http",
                "EENLOKET_MAIL_TRANSPORT must be spool or sendmail", "EENLOKET_ADMIN_PASSWORD must have at least 12 characters",
                "EENLOKET_METRICS_TOKEN must have at least 16", "EENLOKET_COOKIE_SECURE must be true or false",
            ]
            return error is AppConfiguration.Invalid && named.allSatisfy(text.contains) && !text.contains("short")
                && !text.contains(secret)
        }
    }

    @Test func theProcedureSettingsAreReadAndBadOnesNamed() throws {
        let config = try AppConfiguration.fromEnvironment([
            "EENLOKET_BINDING_BASIS": "statute", "EENLOKET_APPEAL_WINDOW_MONTHS": "3", "EENLOKET_PROCEDURE_FEE_EUROS": "250",
            "EENLOKET_PROCEDURE_FEE_PAYER": "employee", "EENLOKET_DRAFT_WINDOW_DAYS": "0", "EENLOKET_OBJECTION_WINDOW_DAYS": "10",
        ])
        #expect(config.procedure == ProcedureSettings(
            bindingBasis: .statute, appealWindowMonths: 3, feeEuros: 250, feePayer: .employee, draftWindowDays: 0, objectionWindowDays: 10))
        #expect(!config.procedure.hasDraftStep)
        #expect(AppConfiguration().procedure.draftWindowDays == 5 && AppConfiguration().procedure.objectionWindowDays == 5)
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.fromEnvironment(["EENLOKET_OBJECTION_WINDOW_DAYS": "0"]) }
        #expect(config.procedure.costSentence.contains("€ 250") && config.procedure.costSentence.contains("de werknemer"))
        #expect(AppConfiguration().procedure.costSentence.contains("gratis"), "free by default")
        #expect {
            try AppConfiguration.fromEnvironment(["EENLOKET_BINDING_BASIS": "contract", "EENLOKET_PROCEDURE_FEE_PAYER": "uwv"])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("EENLOKET_BINDING_BASIS must be agreement or statute") && text.contains("EENLOKET_PROCEDURE_FEE_PAYER")
        }
    }

    @Test func anAdminEmailWithoutPasswordIsRefused() {
        #expect(throws: AppConfiguration.Invalid.self) {
            try AppConfiguration.fromEnvironment(["EENLOKET_ADMIN_EMAIL": "beheer@example.nl"])
        }
    }

    @Test func rangesAreInclusiveAtBothEnds() throws {
        #expect(try AppConfiguration.fromEnvironment(["EENLOKET_PORT": "65535"]).port == 65535)
        #expect(try AppConfiguration.fromEnvironment(["EENLOKET_STARTUP_TIMEOUT_SECONDS": "5"]).startupTimeLimit == 5)
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.fromEnvironment(["EENLOKET_STARTUP_TIMEOUT_SECONDS": "4"]) }
    }
}
