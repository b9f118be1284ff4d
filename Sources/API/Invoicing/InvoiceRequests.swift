import Domain
import Foundation
import Services

/// Bodies of the invoicing routes. Every object is strict (unknown keys refused),
/// quantities and prices are decimal text (`"12.75"`, `"95.0000"`), never floating point.

/// `{"category": "S", "rate_bp": 2100, "exemption_code"?, "exemption_reason"?}`.
struct VATInput: Decodable {
    let tax: LineTax
    enum CodingKeys: String, CodingKey { case category, rateBp, exemptionCode, exemptionReason }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        tax = LineTax(
            category: try container.decodeChoice(VATCategory.self, forKey: .category),
            rateBP: try container.decodeWholeNumberChange(forKey: .rateBp),
            exemptionCode: try container.decodeOptional(String.self, forKey: .exemptionCode),
            exemptionReason: try container.decodeOptional(String.self, forKey: .exemptionReason))
    }
}

/// `{"from": "2026-11-01", "to": "2026-11-30"}`.
struct RangeInput: Decodable {
    let from: LocalDate
    let to: LocalDate
    enum CodingKeys: String, CodingKey { case from, to }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        from = try container.decode(LocalDate.self, forKey: .from)
        to = try container.decode(LocalDate.self, forKey: .to)
    }
}

/// A manual line: `{"description", "quantity": "2", "unit_price": "150.00", "vat"?, "project_id"?}`.
struct ManualLineInput: Decodable {
    let line: ManualLine
    enum CodingKeys: String, CodingKey { case description, quantity, unitPrice, vat, projectId }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        line = ManualLine(
            description: try container.decode(String.self, forKey: .description),
            quantity: try InvoiceQuantity(parsing: try container.decodeDecimalText(forKey: .quantity)),
            unitPriceScaled: try FixedPoint.parse(try container.decodeDecimalText(forKey: .unitPrice), scale: UnitPrice.scale, field: "unit_price"),
            tax: try container.decodeOptional(VATInput.self, forKey: .vat)?.tax,
            projectID: try container.decodeOptional(ProjectID.self, forKey: .projectId))
    }
}

/// A change to a line: `{"id", "description"?, "quantity"?, "unit_price"?, "vat"?}` (the
/// last three on manual lines only).
struct LineChangeInput: Decodable {
    let id: InvoiceLineID
    let description: String?
    let change: ManualLineChange?
    enum CodingKeys: String, CodingKey { case id, description, quantity, unitPrice, vat }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        id = try container.decode(InvoiceLineID.self, forKey: .id)
        description = try container.decodeOptional(String.self, forKey: .description)
        let quantity = try container.contains(.quantity) ? InvoiceQuantity(parsing: try container.decodeDecimalText(forKey: .quantity)) : nil
        let price =
            try container.contains(.unitPrice)
            ? FixedPoint.parse(try container.decodeDecimalText(forKey: .unitPrice), scale: UnitPrice.scale, field: "unit_price") : nil
        let tax = try container.decodeOptional(VATInput.self, forKey: .vat)?.tax
        change = quantity == nil && price == nil && tax == nil ? nil : ManualLineChange(quantity: quantity, unitPriceScaled: price, tax: tax)
    }
}

/// The editable fields shared by creating and changing a draft.
enum DraftEditKeys: String, CodingKey {
    case kind, clientId, currency, projectIds, upTo, kinds, timeGrouping, projectId, amount, percentage
    case notes, buyerReference, orderReference, period, dueDate, timeAnnex, lines, addLines, removeLineIds
}

extension KeyedDecodingContainer where Key == DraftEditKeys {
    func draftEdits() throws -> DraftEdits {
        var edits = DraftEdits(
            notes: try decodeOptional(String.self, forKey: .notes),
            buyerReference: try decodeNullableChange(String.self, forKey: .buyerReference),
            orderReference: try decodeNullableChange(String.self, forKey: .orderReference),
            period: try decodeNullableChange(RangeInput.self, forKey: .period).map { $0.map { (from: $0.from, to: $0.to) } },
            dueDate: try decodeNullableChange(LocalDate.self, forKey: .dueDate),
            timeAnnex: try decodeOptional(Bool.self, forKey: .timeAnnex))
        for change in try decodeOptional([LineChangeInput].self, forKey: .lines) ?? [] {
            if let description = change.description { edits.descriptions[change.id] = description }
            if let manual = change.change { edits.manualChanges[change.id] = manual }
        }
        edits.addedLines = (try decodeOptional([ManualLineInput].self, forKey: .addLines) ?? []).map(\.line)
        edits.removedLines = try decodeOptional([InvoiceLineID].self, forKey: .removeLineIds) ?? []
        return edits
    }
}

/// `POST /invoices`: a draft from billable work (`kind` "invoice", the default) or a
/// deposit invoice (`kind` "deposit").
enum CreateInvoiceRequest: Decodable {
    case draft(NewDraft)
    case deposit(NewDeposit)

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: DraftEditKeys.self)
        let kind = try container.decodeOptional(String.self, forKey: .kind) ?? "invoice"
        let edits = try container.draftEdits()
        guard edits.descriptions.isEmpty, edits.manualChanges.isEmpty, edits.removedLines.isEmpty else {
            throw DomainError.invalid(field: "lines", message: "lines are changed on the draft once it exists (PATCH)")
        }
        switch kind {
        case "invoice":
            for key in [DraftEditKeys.projectId, .amount, .percentage] where container.contains(key) {
                throw DomainError.invalid(field: key.stringValue.snakeCased, message: "is for deposit invoices only")
            }
            let currency = try container.decodeOptional(String.self, forKey: .currency)
            var draft = NewDraft(
                clientID: try container.decode(ClientID.self, forKey: .clientId),
                currency: try currency.map { code throws(DomainError) in try Currency(code) },
                projectIDs: try container.decodeOptional([ProjectID].self, forKey: .projectIds),
                upTo: try container.decodeOptional(LocalDate.self, forKey: .upTo),
                kinds: try container.decodeOptional([BillableKind].self, forKey: .kinds).map(Set.init),
                grouping: try container.decodeOptional(TimeGrouping.self, forKey: .timeGrouping) ?? .task, edits: edits)
            if draft.kinds?.isEmpty == true { throw DomainError.invalid(field: "kinds", message: "name at least one kind, or leave it out") }
            draft.edits.addedLines = edits.addedLines
            self = .draft(draft)
        case "deposit":
            for key in [DraftEditKeys.clientId, .currency, .projectIds, .upTo, .kinds, .timeGrouping] where container.contains(key) {
                throw DomainError.invalid(field: key.stringValue.snakeCased, message: "is for invoices from billable work only")
            }
            guard edits.addedLines.isEmpty else { throw DomainError.invalid(field: "add_lines", message: "a deposit invoice has its one advance line") }
            let amount = try container.decodeAmount(forKey: .amount)
            let percentage = container.contains(.percentage) ? try container.decodeDecimalText(forKey: .percentage) : nil
            let share: NewDeposit.Share
            switch (amount, percentage) {
            case (let amount?, nil): share = .amount(amount.amountMinor)
            case (nil, let text?): share = .percentage(basisPoints: Int(try FixedPoint.parse(text, scale: 2, field: "percentage")))
            default: throw DomainError.invalid(field: "amount", message: "give an amount or a percentage of the contract, one of them")
            }
            self = .deposit(NewDeposit(projectID: try container.decode(ProjectID.self, forKey: .projectId), share: share, edits: edits))
        default:
            throw DomainError.invalid(field: "kind", message: "is \"invoice\" or \"deposit\" (credit notes are made from an issued invoice)")
        }
    }
}

/// `PATCH /invoices/{id}`.
struct UpdateInvoiceRequest: Decodable {
    let edits: DraftEdits

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: DraftEditKeys.self)
        for key in [DraftEditKeys.kind, .clientId, .currency, .projectIds, .upTo, .kinds, .timeGrouping, .projectId, .amount, .percentage]
        where container.contains(key) {
            throw DomainError.invalid(field: key.stringValue.snakeCased, message: "cannot be changed on a draft; delete it and make a new one")
        }
        edits = try container.draftEdits()
    }
}

/// `POST /invoices/{id}/issue`: `{"issue_date"?}` or no body.
struct IssueRequest: Decodable {
    let issueDate: LocalDate?
    enum CodingKeys: String, CodingKey { case issueDate }

    init(from decoder: any Decoder) throws {
        issueDate = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeOptional(LocalDate.self, forKey: .issueDate)
    }
}

/// `POST /invoices/{id}/credit-notes`.
struct CreditNoteRequest: Decodable {
    let note: NewCreditNote
    enum CodingKeys: String, CodingKey { case lineIds, reason, releaseItems, issueDate }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        note = NewCreditNote(
            lineIDs: try container.decodeOptional([InvoiceLineID].self, forKey: .lineIds),
            reason: try container.decode(String.self, forKey: .reason),
            releaseItems: try container.decodeOptional(Bool.self, forKey: .releaseItems) ?? false,
            issueDate: try container.decodeOptional(LocalDate.self, forKey: .issueDate))
    }
}

/// `POST /invoices/{id}/payments` and `POST /payments` (with no invoice: matched by the
/// structured communication in `reference`).
struct PaymentRequest: Decodable {
    let paidOn: LocalDate
    let amount: AmountInput
    let method: PaymentMethod
    let reference: String
    enum CodingKeys: String, CodingKey { case paidOn, amount, method, reference }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        paidOn = try container.decode(LocalDate.self, forKey: .paidOn)
        guard let amount = try container.decodeAmount(forKey: .amount) else {
            throw DecodingError.keyNotFound(CodingKeys.amount, .init(codingPath: container.codingPath, debugDescription: "is required"))
        }
        self.amount = amount
        method = try container.decodeChoice(PaymentMethod.self, forKey: .method)
        reference = try container.decodeOptional(String.self, forKey: .reference) ?? ""
    }
}

/// `POST /invoices/{id}/payments/{payment_id}/reverse`: `{"reason"}`.
struct ReasonRequest: Decodable {
    let reason: String
    enum CodingKeys: String, CodingKey { case reason }

    init(from decoder: any Decoder) throws {
        reason = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .reason)
    }
}

/// `POST /periods/close` and `/periods/reopen`: `{"client_id", "month": "2026-11", "reason"?}`.
struct PeriodRequest: Decodable {
    let clientID: ClientID
    let month: LocalDate
    let reason: String?
    enum CodingKeys: String, CodingKey { case clientId, month, reason }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        clientID = try container.decode(ClientID.self, forKey: .clientId)
        let text = try container.decode(String.self, forKey: .month)
        guard text.count == 7, let first = LocalDate(iso: text + "-01") else {
            throw DomainError.invalid(field: "month", message: "Give a month such as 2026-11.")
        }
        month = first
        reason = try container.decodeOptional(String.self, forKey: .reason)
    }
}

extension String {
    /// `clientId` → `client_id`, for messages that name a key.
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
        return result
    }
}
