public import Domain
import Foundation
public import Postgres
import Storage

/// A payment as the admin records it (issue 12 item 9).
public struct NewPayment: Sendable {
    /// Nil: matched by the structured communication in ``reference`` (a bank statement line).
    public var invoiceID: InvoiceID?
    public var paidOn: LocalDate
    public var amountMinor: Int64
    /// When given, it must be the invoice's.
    public var currency: Currency?
    public var method: PaymentMethod
    public var reference: String

    public init(
        invoiceID: InvoiceID?, paidOn: LocalDate, amountMinor: Int64, currency: Currency? = nil, method: PaymentMethod, reference: String = ""
    ) {
        self.invoiceID = invoiceID
        self.paidOn = paidOn
        self.amountMinor = amountMinor
        self.currency = currency
        self.method = method
        self.reference = reference
    }
}

/// A recorded payment with the invoice it settles, as it stands afterwards.
public struct RecordedPayment: Sendable {
    public let payment: Payment
    public let invoice: InvoiceView
}

/// Payments against issued invoices (issue 12 item 9): recorded by the admin, never
/// more than the balance, matched by structured communication when no invoice is
/// named, and corrected by an audited reversal, never by deletion. Balance = total −
/// credited − paid; the invoice's status follows.
public struct PaymentService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let invoiceService: InvoiceService
    let payments = PaymentStore()
    let invoices = InvoiceStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
        self.invoiceService = InvoiceService(pool: pool, clock: clock)
    }

    /// The payments of an invoice, for whoever may read the invoice.
    public func list(invoice id: InvoiceID, caller: Caller) async throws -> [Payment] {
        _ = try await invoiceService.get(id, caller: caller)
        return try await payments.list(invoice: id, on: pool)
    }

    public func record(_ new: NewPayment, caller: Caller) async throws -> RecordedPayment {
        try Policy.require(caller.actor, .recordPayment, .agency)
        var problems: [FieldError] = []
        if new.amountMinor <= 0 { problems.append(FieldError(field: "amount", message: "must be more than 0")) }
        if new.reference.count > 200 { problems.append(FieldError(field: "reference", message: "is at most 200 characters")) }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return try await pool.withTransaction { tx in
            let invoiceID: InvoiceID
            if let given = new.invoiceID {
                invoiceID = given
            } else {
                guard let communication = StructuredCommunication(parsing: new.reference) else {
                    throw DomainError.invalid(
                        field: "reference", message: "Name the invoice, or give its structured communication such as +++010/8068/17183+++.")
                }
                guard let matched = try await payments.invoice(communication: communication.digits, on: tx) else {
                    throw DomainError.invalid(field: "reference", message: "No issued invoice has the structured communication \(communication).")
                }
                invoiceID = matched
            }
            // The invoice row is the payments' lock: two payments cannot both pass the balance.
            guard let invoice = try await invoices.findForUpdate(invoiceID, on: tx) else {
                throw DomainError.notFound(entity: "invoice")
            }
            guard invoice.isIssued, invoice.kind != .creditNote else {
                throw DomainError.conflict(invoice.isIssued ? "A credit note is not paid." : "A draft is not paid: issue it first.")
            }
            if let currency = new.currency, currency != invoice.currency {
                throw DomainError.invalid(field: "amount.currency", message: "is not the invoice's currency \(invoice.currency.code)")
            }
            let before = try await invoiceService.view(invoice, on: tx)
            guard new.amountMinor <= before.balance.amountMinor else {
                throw DomainError.invalid(
                    field: "amount",
                    message: before.balance.amountMinor > 0
                        ? "is more than the remaining balance of \(before.balance.decimalString) \(invoice.currency.code)"
                        : "This invoice has nothing left to pay.")
            }
            let payment = Payment(
                id: .random(), invoiceID: invoice.id, paidOn: new.paidOn, amount: Money(amountMinor: new.amountMinor, currency: invoice.currency),
                method: new.method, reference: new.reference, recordedBy: caller.user.id, recordedAt: clock.now())
            try await payments.insert(payment, on: tx)
            let after = try await invoiceService.view(invoice, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .paymentRecorded, subjectType: .payment, subjectID: payment.id.description,
                    after: try SheafJSON.string(PaymentSnapshot(payment, balance: after.balance))),
                actor: caller.user.id, origin: caller.origin, on: tx)
            try await announce(payment, after: after, on: tx)
            return RecordedPayment(payment: payment, invoice: after)
        }
    }

    /// Reverses a mistaken payment with a negative one, for a reason.
    public func reverse(_ id: PaymentID, of invoiceID: InvoiceID, reason: String, caller: Caller) async throws -> RecordedPayment {
        try Policy.require(caller.actor, .recordPayment, .agency)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...1000).contains(reason.count) else {
            throw DomainError.invalid(field: "reason", message: "Say why the payment is reversed (1 to 1000 characters).")
        }
        return try await pool.withTransaction { tx in
            guard let invoice = try await invoices.findForUpdate(invoiceID, on: tx) else { throw DomainError.notFound(entity: "invoice") }
            guard let original = try await payments.find(id, on: tx), original.invoiceID == invoice.id else {
                throw DomainError.notFound(entity: "payment")
            }
            guard original.reversesPaymentID == nil else { throw DomainError.conflict("A reversal cannot itself be reversed.") }
            let reversal = Payment(
                id: .random(), invoiceID: invoice.id, paidOn: LocalDate.of(clock.now()),
                amount: Money(amountMinor: -original.amount.amountMinor, currency: original.amount.currency), method: original.method,
                reference: original.reference, reversesPaymentID: original.id, reason: reason, recordedBy: caller.user.id,
                recordedAt: clock.now())
            try await payments.insert(reversal, on: tx)
            let after = try await invoiceService.view(invoice, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .paymentReversed, subjectType: .payment, subjectID: original.id.description,
                    after: try SheafJSON.string(PaymentSnapshot(reversal, balance: after.balance))),
                actor: caller.user.id, origin: caller.origin, on: tx)
            try await announce(reversal, after: after, on: tx)
            return RecordedPayment(payment: reversal, invoice: after)
        }
    }
}

extension PaymentService {
    /// `payment.recorded`, and `invoice.paid` when this payment settled the balance
    /// (issue 14 item 2), in the payment's transaction.
    func announce(_ payment: Payment, after: InvoiceView, on tx: PostgresTransaction) async throws {
        let clientName = try await ClientStore().find(after.invoice.clientID, on: tx)?.name ?? ""
        let outbox = OutboxStore()
        try await outbox.append(try OutboxEvents.payment(payment, invoice: after, clientName: clientName, at: clock.now()), on: tx)
        if payment.amount.amountMinor > 0, after.status == .paid {
            try await outbox.append(try OutboxEvents.invoice(.invoicePaid, after, clientName: clientName, at: clock.now()), on: tx)
        }
    }
}

/// The audit snapshot of a payment.
struct PaymentSnapshot: Encodable, Sendable {
    let id: PaymentID
    let invoiceId: InvoiceID
    let paidOn: LocalDate
    let amountMinor: Int64
    let currency: String
    let method: String
    let reference: String
    let reversesPaymentId: PaymentID?
    let reason: String?
    let balanceMinor: Int64

    init(_ payment: Payment, balance: Money) {
        id = payment.id
        invoiceId = payment.invoiceID
        paidOn = payment.paidOn
        amountMinor = payment.amount.amountMinor
        currency = payment.amount.currency.code
        method = payment.method.rawValue
        reference = payment.reference
        reversesPaymentId = payment.reversesPaymentID
        reason = payment.reason
        balanceMinor = balance.amountMinor
    }
}
