public import Domain
import Foundation
import Postgres
import Storage

/// Late-payment charges issued for an overdue invoice (issue 14 item 5).
public struct LateChargeInvoice: Sendable {
    /// The new invoice that bills the charges.
    public let invoice: InvoiceView
    /// The overdue invoice they are for (unchanged).
    public let overdueID: InvoiceID
    public let charges: LateCharges
}

extension InvoiceService {
    /// Issues the late-payment charges of an overdue invoice on a separate invoice
    /// (SPEC §5; never by changing the overdue one): interest per day on the unpaid
    /// balance from the day after the due date (or after the last day billed before) up
    /// to `asOf` (default today), at each half-year's rate in settings, and the fixed
    /// compensation of 40.00 EUR once per invoice. Each line states its arithmetic. The
    /// new invoice is drafted and issued in one transaction, with the overdue invoice
    /// locked, so two requests cannot bill the same days twice.
    public func issueLateCharges(for id: InvoiceID, asOf: LocalDate?, caller: Caller) async throws -> LateChargeInvoice {
        try Policy.require(caller.actor, .issueInvoice, .agency)
        let asOf = asOf ?? today
        guard asOf <= today else { throw DomainError.invalid(field: "as_of", message: "must not be after today (\(today))") }
        let lateCharges = LateChargeStore()
        return try await pool.withTransaction { tx in
            guard let overdue = try await invoices.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "invoice") }
            guard overdue.isIssued, overdue.kind != .creditNote, let dueDate = overdue.dueDate, let issue = overdue.issue else {
                throw DomainError.conflict("Only an issued invoice with a due date bears late-payment charges.")
            }
            guard overdue.currency == .eur else {
                throw DomainError.conflict("Late-payment charges (and their 40.00 EUR compensation) are billed for EUR invoices only.")
            }
            guard let client = try await clients.find(overdue.clientID, on: tx) else { throw DomainError.notFound(entity: "client") }
            guard client.vatNumber != nil || client.companyNumber != nil else {
                throw DomainError.conflict(
                    "The law of 2 August 2002 applies between businesses: this client has no VAT or company number.")
            }
            let billed = try await lateCharges.billed(for: id, on: tx)
            let charges = try LateCharges.compute(
                amountDueMinor: issue.totals.payableMinor, dueDate: dueDate, settlements: try await lateCharges.settlements(of: id, on: tx),
                asOf: asOf, rates: try await ReminderSettingsStore().rates(on: tx), chargedThrough: billed.through,
                compensationBilled: billed.compensation)
            let number = issue.number
            var planned: [PlannedLine] = []
            let tax = VATTreatment.outsideScope.lineTax(rateBP: 0)
            for segment in charges.segments {
                planned.append(
                    PlannedLine(
                        kind: .manual, projectID: nil, description: Self.interestText(segment, invoice: number, dueDate: dueDate),
                        quantity: .one, unitPrice: try UnitPrice(Money(amountMinor: segment.interestMinor, currency: .eur)), tax: tax,
                        periodFrom: segment.from, periodTo: segment.to))
            }
            if charges.compensationMinor > 0 {
                planned.append(
                    PlannedLine(
                        kind: .manual, projectID: nil,
                        description: "Fixed compensation for recovery costs on invoice \(number) (law of 2 August 2002, art. 5; directive 2011/7/EU, art. 6): 40.00 EUR",
                        quantity: .one, unitPrice: try UnitPrice(Money(amountMinor: charges.compensationMinor, currency: .eur)), tax: tax))
            }
            let from = charges.segments.first?.from ?? asOf
            let to = charges.segments.last?.to ?? asOf
            let draft = Invoice(
                id: .random(), kind: .invoice, clientID: overdue.clientID, currency: .eur,
                notes: "Late-payment charges on invoice \(number) of \(issue.issueDate), due on \(dueDate): "
                    + "interest = unpaid balance × yearly rate × days ÷ 365, rounded half-up to the cent per line.",
                buyerReference: overdue.buyerReference ?? client.buyerReference ?? number, orderReference: overdue.orderReference,
                periodFrom: charges.segments.isEmpty ? nil : from, periodTo: charges.segments.isEmpty ? nil : to, createdAt: clock.now())
            try await invoices.insert(draft, createdBy: caller.user.id, on: tx)
            try await insert(planned, into: draft.id, on: tx)
            let issued = try await issueLocked(draft, issueDate: today, by: caller.user.id, on: tx)
            try await lateCharges.insert(charge: issued.id, for: id, from: from, to: to, charges: charges, at: clock.now(), on: tx)
            let view = try await view(issued, on: tx)
            try await record(.invoiceLateChargesIssued, issued.id, after: try AuditJSON.invoice(view), caller: caller, on: tx)
            return LateChargeInvoice(invoice: view, overdueID: id, charges: charges)
        }
    }

    /// "Late-payment interest on invoice 2026-0001: 11582.88 EUR × 10.50 % × 45 days ÷ 365
    /// (2026-01-16 to 2026-03-01) = 149.94 EUR".
    static func interestText(_ segment: LateInterestSegment, invoice number: String, dueDate: LocalDate) -> String {
        let balance = Money(amountMinor: segment.balanceMinor, currency: .eur).decimalString
        let interest = Money(amountMinor: segment.interestMinor, currency: .eur).decimalString
        let rate = FixedPoint.format(Int64(segment.rateBP), scale: 2)
        return "Late-payment interest on invoice \(number) (due \(dueDate)): \(balance) EUR × \(rate) % × \(segment.days) "
            + "day\(segment.days == 1 ? "" : "s") ÷ 365 (\(segment.from) to \(segment.to)) = \(interest) EUR"
    }
}
