/// The agency's own details and invoicing defaults (SPEC §2): one per database.
public struct AgencySettings: Hashable, Sendable {
    /// The agency as the seller of its invoices (its legal name is ``legalName``).
    public var seller: SellerParty
    /// The registered name; the same value as `seller.legalName`.
    public var legalName: String {
        get { seller.legalName }
        set { seller.legalName = newValue }
    }
    /// The free-text address of before issue 12: readable until a structured
    /// `seller.address` replaces it (then empty).
    public var address: String
    /// The free-text VAT id of before issue 12: readable until `seller.vatNumber` replaces it.
    public var vatID: String
    public var defaultCurrency: Currency
    public var paymentTermsDays: Int
    /// e.g. `{YYYY}-{NNNN}`: the year and a zero-padded gapless counter.
    public var invoiceNumberFormat: String
    /// Credit notes' own series, e.g. `{YYYY}-CN-{NNNN}`.
    public var creditNoteNumberFormat: String
    /// The day of the month (1–15) retainer invoices are made.
    public var retainerInvoiceDay: Int
    /// Basis points: 2000 = 20.00 %. The standard rate; one of ``vatRatesBP``.
    public var defaultVATRateBasisPoints: Int
    /// The VAT rates lines, tasks and expense categories may carry (basis points).
    public var vatRatesBP: [Int]
    /// Expense categories with their own VAT rate.
    public var expenseVATRatesBP: [ExpenseCategory: Int]
    /// Days relative to the due date at which reminders fire (negative = before).
    public var reminderOffsetsDays: [Int]
    /// Whether an approver may decide on their own time and expenses (one-person
    /// teams); otherwise another lead of the team or the admin does.
    public var allowSelfApproval: Bool
    /// How many days after the author's today time may be logged.
    public var maxDaysAhead: Int
    public var version: Int

    public init(
        legalName: String, address: String, vatID: String, defaultCurrency: Currency, paymentTermsDays: Int,
        invoiceNumberFormat: String, defaultVATRateBasisPoints: Int, reminderOffsetsDays: [Int], allowSelfApproval: Bool = false,
        maxDaysAhead: Int = 7, seller: SellerParty? = nil, vatRatesBP: [Int] = VATSettings.belgianRatesBP,
        expenseVATRatesBP: [ExpenseCategory: Int] = [:], creditNoteNumberFormat: String = InvoiceNumberFormat.creditNotes.template,
        retainerInvoiceDay: Int = 1, version: Int
    ) {
        self.creditNoteNumberFormat = creditNoteNumberFormat
        self.retainerInvoiceDay = retainerInvoiceDay
        self.seller = seller ?? SellerParty(legalName: legalName)
        self.seller.legalName = legalName
        self.vatRatesBP = vatRatesBP
        self.expenseVATRatesBP = expenseVATRatesBP
        self.allowSelfApproval = allowSelfApproval
        self.maxDaysAhead = maxDaysAhead
        self.address = address
        self.vatID = vatID
        self.defaultCurrency = defaultCurrency
        self.paymentTermsDays = paymentTermsDays
        self.invoiceNumberFormat = invoiceNumberFormat
        self.defaultVATRateBasisPoints = defaultVATRateBasisPoints
        self.reminderOffsetsDays = reminderOffsetsDays
        self.version = version
    }

    /// The VAT rates as the invoicing rules read them.
    public var vatSettings: VATSettings {
        VATSettings(standardRateBP: defaultVATRateBasisPoints, allowedRatesBP: vatRatesBP, expenseCategoryRatesBP: expenseVATRatesBP)
    }

    /// Every rule the settings must satisfy, as field errors.
    public var problems: [FieldError] {
        var problems: [FieldError] = []
        // The legal name's rule is the seller's (`seller.legal_name`, also named `legal_name`).
        if legalName.count > 200 { problems.append(FieldError(field: "legal_name", message: "must be at most 200 characters")) }
        problems += seller.problems(prefix: "seller").filter { $0.field != "seller.legal_name" }
        if address.count > 1000 { problems.append(FieldError(field: "address", message: "must be at most 1000 characters")) }
        if vatID.count > 50 { problems.append(FieldError(field: "vat_id", message: "must be at most 50 characters")) }
        if !(0...365).contains(paymentTermsDays) {
            problems.append(FieldError(field: "payment_terms_days", message: "must be from 0 to 365"))
        }
        for (field, template) in [("invoice_number_format", invoiceNumberFormat), ("credit_note_number_format", creditNoteNumberFormat)] {
            do throws(DomainError) { _ = try InvoiceNumberFormat(template, field: field) } catch { problems += error.fieldErrors }
        }
        if invoiceNumberFormat == creditNoteNumberFormat {
            problems.append(FieldError(field: "credit_note_number_format", message: "must differ from the invoices' format (its own series)"))
        }
        if !(1...15).contains(retainerInvoiceDay) {
            problems.append(FieldError(field: "retainer_invoice_day", message: "must be from 1 to 15 (invoices are due by the 15th)"))
        }
        if !(0...10_000).contains(defaultVATRateBasisPoints) {
            problems.append(FieldError(field: "default_vat_rate_bp", message: "must be from 0 to 10000 (basis points: 2000 = 20 %)"))
        } else {
            problems += vatSettings.problems
        }
        if reminderOffsetsDays.count > 10 || reminderOffsetsDays.contains(where: { !(-90...365).contains($0) }) {
            problems.append(FieldError(field: "reminder_offsets_days", message: "must be at most 10 day offsets from -90 to 365"))
        }
        if !(0...366).contains(maxDaysAhead) {
            problems.append(FieldError(field: "max_days_ahead", message: "must be from 0 to 366"))
        }
        return problems
    }
}
