public import Domain
import Foundation
public import Postgres
import Storage

/// What an admin changes in the agency settings; `nil` leaves a field as it is.
public struct SettingsChanges: Sendable {
    public var legalName: String?
    public var address: String?
    public var vatID: String?
    public var defaultCurrency: String?
    public var paymentTermsDays: Int?
    public var invoiceNumberFormat: String?
    public var creditNoteNumberFormat: String?
    public var retainerInvoiceDay: Int?
    public var defaultVATRateBasisPoints: Int?
    public var reminderOffsetsDays: [Int]?
    public var allowSelfApproval: Bool?
    public var maxDaysAhead: Int?
    /// The seller's structured identity (`seller` on the wire).
    public var seller: SellerChanges?
    public var vatRatesBP: [Int]?
    /// Replaces the whole map; keys are expense category names (checked here).
    public var expenseVATRatesBP: [String: Int]?

    public init(
        legalName: String? = nil, address: String? = nil, vatID: String? = nil, defaultCurrency: String? = nil,
        paymentTermsDays: Int? = nil, invoiceNumberFormat: String? = nil, defaultVATRateBasisPoints: Int? = nil,
        reminderOffsetsDays: [Int]? = nil, allowSelfApproval: Bool? = nil, maxDaysAhead: Int? = nil, seller: SellerChanges? = nil,
        vatRatesBP: [Int]? = nil, expenseVATRatesBP: [String: Int]? = nil, creditNoteNumberFormat: String? = nil,
        retainerInvoiceDay: Int? = nil
    ) {
        self.creditNoteNumberFormat = creditNoteNumberFormat
        self.retainerInvoiceDay = retainerInvoiceDay
        self.seller = seller
        self.vatRatesBP = vatRatesBP
        self.expenseVATRatesBP = expenseVATRatesBP
        self.allowSelfApproval = allowSelfApproval
        self.maxDaysAhead = maxDaysAhead
        self.legalName = legalName
        self.address = address
        self.vatID = vatID
        self.defaultCurrency = defaultCurrency
        self.paymentTermsDays = paymentTermsDays
        self.invoiceNumberFormat = invoiceNumberFormat
        self.defaultVATRateBasisPoints = defaultVATRateBasisPoints
        self.reminderOffsetsDays = reminderOffsetsDays
    }
}

/// The agency's settings (SPEC §2): staff read them, the admin changes them.
public struct SettingsService: Sendable {
    let pool: PostgresPool
    let settings = SettingsStore()
    let audit = AuditStore()

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func get(caller: Caller) async throws -> AgencySettings {
        try Policy.require(caller.actor, .read, .agency)
        return try await settings.get(on: pool)
    }

    /// Applies `changes` if the settings are still at `expectedVersion`. Text is trimmed;
    /// reminder offsets are kept sorted and without duplicates.
    public func update(_ changes: SettingsChanges, expectedVersion: Int, caller: Caller) async throws -> AgencySettings {
        try Policy.require(caller.actor, .manageSettings, .agency)
        var validation = Validation()
        let currency = try changes.defaultCurrency.flatMap { code in
            try validation.collect { () throws(DomainError) in try Currency(code, field: "default_currency") }
        }

        let parsed = validation
        return try await pool.withTransaction { tx in
            var validation = parsed
            let before = try await settings.getForUpdate(on: tx)
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            var after = before
            if let legalName = changes.legalName { after.legalName = Self.trimmed(legalName) }
            if let address = changes.address { after.address = Self.trimmed(address) }
            if let vatID = changes.vatID { after.vatID = Self.trimmed(vatID) }
            if let currency { after.defaultCurrency = currency }
            if let days = changes.paymentTermsDays { after.paymentTermsDays = days }
            if let format = changes.invoiceNumberFormat { after.invoiceNumberFormat = Self.trimmed(format) }
            if let format = changes.creditNoteNumberFormat { after.creditNoteNumberFormat = Self.trimmed(format) }
            if let day = changes.retainerInvoiceDay { after.retainerInvoiceDay = day }
            if let basisPoints = changes.defaultVATRateBasisPoints { after.defaultVATRateBasisPoints = basisPoints }
            if let offsets = changes.reminderOffsetsDays { after.reminderOffsetsDays = Array(Set(offsets)).sorted() }
            if let allow = changes.allowSelfApproval { after.allowSelfApproval = allow }
            if let days = changes.maxDaysAhead { after.maxDaysAhead = days }
            if let seller = changes.seller {
                seller.apply(to: &after.seller)
                // A structured value replaces the free text of before (SPEC §5 "Parties").
                if after.seller.address != nil { after.address = "" }
                if after.seller.vatNumber != nil { after.vatID = "" }
            }
            after.seller = after.seller.normalized
            if let rates = changes.vatRatesBP { after.vatRatesBP = rates }
            if let rates = changes.expenseVATRatesBP {
                after.expenseVATRatesBP = [:]
                for (name, rate) in rates {
                    if let category = ExpenseCategory(rawValue: name) {
                        after.expenseVATRatesBP[category] = rate
                    } else {
                        validation.add(
                            field: "expense_vat_rates_bp.\(name)",
                            message: "is not an expense category (\(ExpenseCategory.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                }
            }
            if changes.address.map({ !$0.isEmpty }) == true, after.seller.address != nil {
                validation.add(field: "address", message: "is replaced by seller.address; change that instead")
            }
            if changes.vatID.map({ !$0.isEmpty }) == true, after.seller.vatNumber != nil {
                validation.add(field: "vat_id", message: "is replaced by seller.vat_number; change that instead")
            }
            // Every problem at once: the currency's and those of the settings as changed.
            var problems = validation
            problems.add(contentsOf: after.problems)
            try problems.throwIfInvalid()
            guard after != before else { return before }

            guard try await settings.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            if after.reminderOffsetsDays != before.reminderOffsetsDays {
                // The reminder rules follow the offsets: a kept offset keeps its rule, a new
                // one gets the default words (see ``ReminderRule/defaultRule(offsetDays:)``).
                let rules = try await ReminderSettingsStore().rules(on: tx)
                let followed = after.reminderOffsetsDays.map { offset in
                    rules.first { $0.offsetDays == offset } ?? ReminderRule.defaultRule(offsetDays: offset)
                }
                try await ReminderSettingsStore().replaceRules(followed, bumpingVersion: false, on: tx)
            }
            let updated = try await settings.get(on: tx)
            try await audit.append(
                AuditEntry(
                    action: .settingsUpdated, subjectType: .agencySettings, subjectID: "agency",
                    before: try AuditJSON.settings(before), after: try AuditJSON.settings(updated)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return updated
        }
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
