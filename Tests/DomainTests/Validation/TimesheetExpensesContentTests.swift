import Domain
import Testing

/// Expenses recharged in a period are validated with its time (issue 5 item 1).
@Suite("Timesheet validation with expenses")
struct TimesheetExpensesContentTests {
    typealias Expense = TimesheetValidationSubject.Expense

    static func expense(_ number: Int, _ date: String, _ amount: String, _ currency: Currency = .eur) -> Expense {
        Expense(
            id: WorkFixture.id(number), date: WorkFixture.date(date), category: "travel", note: "Train =1+1",
            personName: "Ana Lima", billableAmount: currency == .eur ? WorkFixture.eur(amount) : Money(amountMinor: 100, currency: currency))
    }

    static func subject(entries: [TimesheetValidationSubject.Entry] = ValidationContentTests.entries, expenses: [Expense]) throws
        -> TimesheetValidationSubject
    {
        try TimesheetValidationSubject(
            agencyName: "Atelier", projectName: "Website relaunch", projectCode: "ACME-7", periodFrom: WorkFixture.date("2026-03-02"),
            periodTo: WorkFixture.date("2026-03-08"), entries: entries, expenses: expenses)
    }

    @Test func expensesAreListedByDateWithTheirTotalAndHashed() throws {
        let subject = try Self.subject(expenses: [Self.expense(202, "2026-03-05", "10.00"), Self.expense(201, "2026-03-03", "132.00")])
        #expect(subject.expenses.map(\.id) == [WorkFixture.id(201), WorkFixture.id(202)])
        #expect(subject.expensesTotal == WorkFixture.eur("142.00"))
        let content = ValidationContent(timesheet: subject)
        #expect(content.canonicalJSON.contains(#""expenses_total":{"currency":"EUR","value":"142.00"}"#))
        #expect(content.canonicalJSON.contains(#""amount":{"currency":"EUR","value":"132.00"}"#))
        #expect(ValidationContent.matches(storedJSON: content.canonicalJSON, digestHex: content.digestHex))
        // The same expenses in another order give the same bytes.
        let again = try Self.subject(expenses: [Self.expense(201, "2026-03-03", "132.00"), Self.expense(202, "2026-03-05", "10.00")])
        #expect(ValidationContent(timesheet: again).digestHex == content.digestHex)
    }

    @Test func aPeriodWithExpensesOnlyCanBeValidated() throws {
        let subject = try Self.subject(entries: [], expenses: [Self.expense(201, "2026-03-03", "50.00")])
        #expect(subject.totalMinutes == 0)
        #expect(ValidationContent(timesheet: subject).canonicalJSON.contains(#""entry_ids":[]"#))
    }

    @Test func nothingToValidateIsAConflict() {
        expectDomainError(.conflict) { try Self.subject(entries: [], expenses: []) }
    }

    @Test func expensesOutsideThePeriodTwiceOrInTwoCurrenciesAreRefused() {
        expectDomainError(.invalid(fields: ["expenses"])) { try Self.subject(expenses: [Self.expense(201, "2026-03-09", "1.00")]) }
        #expect(throws: DomainError.invalid(field: "expenses", message: "An expense appears twice.")) {
            try Self.subject(expenses: [Self.expense(201, "2026-03-03", "1.00"), Self.expense(201, "2026-03-04", "1.00")])
        }
        #expect(throws: DomainError.invalid(field: "expenses", message: "The expenses of one validation must share one currency.")) {
            try Self.subject(expenses: [Self.expense(201, "2026-03-03", "1.00"), Self.expense(202, "2026-03-04", "1.00", .usd)])
        }
    }
}
