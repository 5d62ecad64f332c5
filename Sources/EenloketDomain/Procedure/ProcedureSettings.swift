/// How binding a ruling is when the law does not say: by the parties' agreement
/// (binding advice, Civil Code 7:900), or by statute.
public enum BindingBasis: String, Sendable, CaseIterable, Codable {
    case agreement
    case statute
}

/// The settings of the fair procedure (contract Part 2, "New settings"), the
/// same for every instance of a deployment. A case's binding basis is fixed
/// when it is filed.
public struct ProcedureSettings: Sendable, Equatable {
    public var bindingBasis: BindingBasis
    /// Months after the ruling's date within which a court may be asked to review it.
    public var appealWindowMonths: Int
    /// What the procedure costs, in whole euros (0: free), and who pays it.
    public var feeEuros: Int
    public var feePayer: PartyRole
    /// Working days the parties have to point out factual errors in a draft ruling; 0: no draft step.
    public var draftWindowDays: Int
    /// Working days after a member joins a panel during which a party may object to that member.
    public var objectionWindowDays: Int

    public init(
        bindingBasis: BindingBasis = .agreement, appealWindowMonths: Int = 2, feeEuros: Int = 0, feePayer: PartyRole = .employer,
        draftWindowDays: Int = 5, objectionWindowDays: Int = 5
    ) {
        self.draftWindowDays = draftWindowDays
        self.objectionWindowDays = objectionWindowDays
        self.bindingBasis = bindingBasis
        self.appealWindowMonths = appealWindowMonths
        self.feeEuros = feeEuros
        self.feePayer = feePayer
    }

    /// Whether the chair issues a draft before the ruling.
    public var hasDraftStep: Bool { draftWindowDays > 0 }

    /// The costs in one plain sentence, as the pages and the agreement say them.
    public var costSentence: String {
        guard feeEuros > 0 else { return "Een zaak indienen en laten behandelen is gratis, voor de werknemer en voor de werkgever." }
        let payer = feePayer == .employer ? "de werkgever" : "de werknemer"
        return "Een zaak indienen is gratis. De behandeling door het panel kost € \(feeEuros). Dat betaalt \(payer)."
    }
}
