import Testing

@testable import EenloketDomain

@Suite("Admission")
struct AdmissionTests {
    @Test(arguments: [
        // Five full years are reached on the fifth anniversary of registration.
        ((2021, 11, 23), (2026, 11, 23), true),
        ((2021, 11, 24), (2026, 11, 23), false),  // one day short
        ((2021, 11, 22), (2026, 11, 23), true),
        ((2012, 3, 1), (2026, 11, 23), true),  // the README's bedrijfsarts
        ((2026, 11, 23), (2026, 11, 23), false),  // registered today
        ((2022, 1, 1), (2026, 12, 31), false),  // four years and 364 days
        ((2021, 12, 31), (2026, 12, 31), true),
        // Registered on a leap day: the anniversary in a common year is 28 February.
        ((2020, 2, 29), (2025, 2, 28), true),
        ((2020, 2, 29), (2025, 2, 27), false),
        ((2019, 2, 28), (2024, 2, 28), true),
        ((2019, 3, 1), (2024, 2, 29), false),  // 2024-02-29 is one day before the anniversary 2024-03-01
        ((2019, 3, 1), (2024, 3, 1), true),
        ((2024, 2, 29), (2029, 2, 28), true),
        ((2024, 2, 29), (2029, 2, 27), false),
    ])
    func fiveFullYears(registered: (Int, Int, Int), today: (Int, Int, Int), enough: Bool) {
        let result = Admission.hasEnoughExperience(
            registeredSince: ymd(registered.0, registered.1, registered.2), today: ymd(today.0, today.1, today.2))
        #expect(result == enough)
    }

    @Test func theMinimumIsFiveYears() {
        #expect(Admission.physicianMinimumYears == 5)
    }

    @Test(arguments: ["49012345601", "00000000000", "99999999999", "12345678901"])
    func validBIGNumbers(text: String) {
        #expect(Admission.isValidBIGNumber(text))
    }

    @Test(arguments: [
        "", "4901234560", "490123456012",  // 10 and 12 digits
        "4901234560a", "49012345 01", " 4901234560", "4901234560 ", "+4901234560", "-4901234560", "4901234560.",
        "49-01234560", "٤٩٠١٢٣٤٥٦٠١",  // Arabic-Indic digits
        "４９０１２３４５６０１",  // full-width digits
    ])
    func invalidBIGNumbers(text: String) {
        #expect(!Admission.isValidBIGNumber(text))
    }

    @Test func maxOpenCasesBounds() {
        #expect(Admission.maxOpenCasesRange == 1...50)
        #expect(!Admission.maxOpenCasesRange.contains(0))
        #expect(!Admission.maxOpenCasesRange.contains(51))
    }
}
