import Domain
import Foundation
import Testing

@Suite("Expense")
struct ExpenseTests {
    static let now = Date(timeIntervalSince1970: 1_770_000_000)

    static func expense(_ status: ExpenseStatus = .open, rechargeable: Bool = true) -> Expense {
        Expense(
            id: .random(), userID: .random(), projectID: .random(), date: LocalDate(year: 2026, month: 3, day: 2)!, category: .travel,
            amount: Money(amountMinor: 12_000, currency: .eur), vatRateBasisPoints: 2000, rechargeable: rechargeable,
            markupBasisPoints: 1000, note: "Train", status: status, createdAt: now)
    }

    @Test func theWorkflowGoesOpenSubmittedApproved() throws {
        var expense = Self.expense()
        expense.rejectionReason = "Attach the ticket"
        try expense.submit(at: Self.now)
        #expect(expense.status == .submitted)
        #expect(expense.submittedAt == Self.now)
        #expect(expense.rejectionReason == nil)
        let approver = UserID.random()
        try expense.approve(by: approver, at: Self.now)
        #expect(expense.status == .approved)
        #expect(expense.approvedBy == approver)
    }

    @Test func aRejectedExpenseReturnsToOpenWithTheReason() throws {
        var expense = Self.expense(.submitted)
        try expense.reject(reason: "  Attach the ticket \n")
        #expect(expense.status == .open)
        #expect(expense.rejectionReason == "Attach the ticket")
        #expect(throws: DomainError.invalid(field: "reason", message: "Say why the expense is rejected.")) {
            var other = Self.expense(.submitted)
            try other.reject(reason: " ")
        }
    }

    @Test(arguments: ExpenseStatus.allCases)
    func illegalTransitionsChangeNothingAndNameTheExpense(status: ExpenseStatus) {
        let original = Self.expense(status)
        if status != .open {
            var expense = original
            expectDomainError(.conflict) { try expense.submit(at: Self.now) }
            #expect(expense == original)
        }
        if status != .submitted {
            var expense = original
            do throws(DomainError) {
                try expense.approve(by: .random(), at: Self.now)
                Issue.record("approving a \(status) expense succeeded")
            } catch {
                guard case .conflict(let sentence) = error else { Issue.record("\(error)"); return }
                #expect(sentence.contains("expense"))
            }
            #expect(expense == original)
            expectDomainError(.conflict) { try expense.reject(reason: "No") }
            #expect(expense == original)
        }
    }

    @Test func onlyAnOpenExpenseIsEditableByItsAuthor() throws {
        try Self.expense(.open).requireEditableByAuthor()
        for status in ExpenseStatus.allCases where status != .open {
            expectDomainError(.conflict, "\(status)") { try Self.expense(status).requireEditableByAuthor() }
        }
        #expect(throws: DomainError.conflict("An approved expense is read-only.")) { try Self.expense(.approved).requireEditableByAuthor() }
    }

    @Test func amountsMustBePositiveAndInTheProjectCurrency() throws {
        let good = Money(amountMinor: 100, currency: .eur)
        #expect(try Expense.validAmount(good, projectCurrency: .eur, projectName: "Web") == good)
        do throws(DomainError) {
            _ = try Expense.validAmount(Money(amountMinor: -5, currency: .usd), projectCurrency: .eur, projectName: "Web")
            Issue.record("accepted")
        } catch {
            #expect(error.fieldErrors.map(\.field) == ["amount.amount_minor", "amount.currency"])
            #expect(error.fieldErrors[1].message.contains("EUR"))
        }
    }

    @Test func ratesAndMarkupsAreBasisPointsWithinBounds() throws {
        #expect(try Expense.validVATRate(0) == 0)
        #expect(try Expense.validVATRate(10_000) == 10_000)
        expectDomainError(.invalid(fields: ["vat_rate_bp"])) { try Expense.validVATRate(10_001) }
        expectDomainError(.invalid(fields: ["vat_rate_bp"])) { try Expense.validVATRate(-1) }
        #expect(try Expense.validMarkup(100_000) == 100_000)
        expectDomainError(.invalid(fields: ["markup_bp"])) { try Expense.validMarkup(100_001) }
        expectDomainError(.invalid(fields: ["markup_bp"])) { try Expense.validMarkup(-1) }
        expectDomainError(.invalid(fields: ["note"])) { try Expense.validNote(String(repeating: "x", count: 2001)) }
    }

    @Test func theChargeOfAnExpenseUsesItsOwnFields() throws {
        let charge = try Self.expense().charge()
        #expect(charge.billable.amountMinor == 13_200)
        #expect(charge.vat.amountMinor == 2640)
        #expect(try Self.expense(rechargeable: false).charge().billable.amountMinor == 0)
    }

    @Test func categoriesAreTheFiveOfTheSpec() {
        #expect(ExpenseCategory.allCases.map(\.rawValue) == ["travel", "software_licence", "subcontracting", "equipment", "other"])
        #expect(ExpenseCategory.softwareLicence.label == "software licence")
    }

    @Test func theCSVRowHidesInternalFieldsFromClients() throws {
        let expense = Self.expense()
        let staff = try ExpenseCSV.row(
            expense, userEmail: "m@a.test", userName: "Mia", client: "C", projectCode: "WEB", project: "Web", receipts: 1, showsInternal: true)
        let client = try ExpenseCSV.row(
            expense, userEmail: "m@a.test", userName: "Mia", client: "C", projectCode: "WEB", project: "Web", receipts: 1, showsInternal: false)
        let column = { (name: String) in ExpenseCSV.header.firstIndex(of: name)! }
        #expect(staff[column("amount")] == "120.00")
        #expect(staff[column("markup_percent")] == "10.00")
        #expect(client[column("amount")] == "")
        #expect(client[column("markup_percent")] == "")
        #expect(client[column("billable_amount")] == "132.00")
        #expect(client[column("vat_amount")] == "26.40")
        #expect(client[column("vat_rate_percent")] == "20.00")
        #expect(staff.count == ExpenseCSV.header.count)
    }
}
