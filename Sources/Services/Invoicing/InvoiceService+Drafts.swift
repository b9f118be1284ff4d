public import Domain
import Foundation
import Postgres
import Storage

extension InvoiceService {
    /// A draft of everything billable for a client in the selection (issue 12 item 4),
    /// with deposit deductions for the projects it bills. The client's row is locked
    /// while drafting, so two drafts for one client are made one after the other; the
    /// unique indexes on line items would refuse a shared item anyway.
    public func createDraft(_ new: NewDraft, caller: Caller) async throws -> InvoiceView {
        try Policy.require(caller.actor, .createInvoice, .agency)
        try Self.check(new.edits)
        return try await pool.withTransaction { tx in
            guard let client = try await clients.findForUpdate(new.clientID, on: tx) else {
                throw DomainError.invalid(field: "client_id", message: "does not name an existing client")
            }
            let currency = new.currency ?? client.currency
            if let projectIDs = new.projectIDs { try await requireProjects(projectIDs, of: client.id, on: tx) }
            let filter = BillableFilter(
                clientID: client.id, projectIDs: new.projectIDs, kinds: new.kinds ?? Set(BillableKind.allCases), upTo: new.upTo)
            let items = try await billable.items(filter, today: today, on: tx).filter { $0.amount.currency == currency }
            guard !items.isEmpty else {
                throw DomainError.conflict("Nothing is billable for this client and selection in \(currency.code).")
            }
            let taxes = try await taxRules(client: client.id, on: tx)
            var planned = try DraftPlanner.lines(for: items, grouping: new.grouping, tax: taxes.tax)
            planned += try await deductions(for: planned, currency: currency, excluding: nil, on: tx)
            var invoice = Invoice(
                id: .random(), kind: .invoice, clientID: client.id, currency: currency, timeGrouping: new.grouping, createdAt: clock.now())
            if new.upTo != nil || !items.isEmpty {
                let dates = items.map(\.date)
                invoice.periodFrom = dates.min()
                invoice.periodTo = new.upTo.map { max($0, dates.max() ?? $0) } ?? dates.max()
            }
            try Self.apply(new.edits, to: &invoice)
            try await invoices.insert(invoice, createdBy: caller.user.id, on: tx)
            try await insert(planned, into: invoice.id, on: tx)
            let view = try await view(invoice, on: tx)
            try await record(.invoiceDrafted, invoice.id, after: try AuditJSON.invoice(view), caller: caller, on: tx)
            return view
        }
    }

    /// A deposit invoice for a project (issue 12 item 5): one advance line, an amount or
    /// a percentage of the contract amount, billed as a prepayment invoice (386).
    public func createDeposit(_ new: NewDeposit, caller: Caller) async throws -> InvoiceView {
        try Policy.require(caller.actor, .createInvoice, .agency)
        try Self.check(new.edits)
        return try await pool.withTransaction { tx in
            guard let project = try await projects.findForUpdate(new.projectID, on: tx) else {
                throw DomainError.invalid(field: "project_id", message: "does not name an existing project")
            }
            let amount: Money
            let label: String
            switch new.share {
            case .amount(let minor):
                guard minor > 0 else { throw DomainError.invalid(field: "amount", message: "must be more than 0") }
                amount = Money(amountMinor: minor, currency: project.currency)
                label = "Advance payment — \(project.name)"
            case .percentage(let basisPoints):
                guard (1...10_000).contains(basisPoints) else {
                    throw DomainError.invalid(field: "percentage", message: "must be more than 0 and at most 100")
                }
                guard let contract = project.contractAmount else {
                    throw DomainError.invalid(field: "percentage", message: "needs the project's contract amount; give an amount instead")
                }
                amount = try MilestonePlan.amount(basisPoints: basisPoints, of: contract)
                label = "Advance payment — \(project.name) (\(MilestonePlan.percentString(basisPoints: basisPoints)) % of \(contract.decimalString) \(contract.currency.code))"
            }
            let taxes = try await taxRules(client: project.clientID, on: tx)
            var invoice = Invoice(
                id: .random(), kind: .deposit, clientID: project.clientID, currency: project.currency, depositProjectID: project.id,
                createdAt: clock.now())
            try Self.apply(new.edits, to: &invoice)
            try await invoices.insert(invoice, createdBy: caller.user.id, on: tx)
            try await insert(
                [PlannedLine(kind: .deposit, projectID: project.id, description: label, quantity: .one, unitPrice: try UnitPrice(amount), tax: taxes.tax(nil))],
                into: invoice.id, on: tx)
            let view = try await view(invoice, on: tx)
            try await record(.invoiceDrafted, invoice.id, after: try AuditJSON.invoice(view), caller: caller, on: tx)
            return view
        }
    }

    /// Changes a draft at `expectedVersion` (issue 12 item 4): its texts, references,
    /// period and due date; line descriptions; quantity, price and VAT of manual
    /// lines; added manual lines; removed lines (their work is billable again).
    public func updateDraft(_ id: InvoiceID, edits: DraftEdits, expectedVersion: Int, caller: Caller) async throws -> InvoiceView {
        try Policy.require(caller.actor, .createInvoice, .agency)
        try Self.check(edits)
        return try await pool.withTransaction { tx in
            var invoice = try await requireDraft(id, expectedVersion: expectedVersion, caller: caller, on: tx)
            let before = try await view(invoice, on: tx)
            try Self.apply(edits, to: &invoice)
            let current = Dictionary(uniqueKeysWithValues: before.lines.map { ($0.id, $0) })
            var problems: [FieldError] = []
            for lineID in edits.removedLines where current[lineID] == nil {
                problems.append(FieldError(field: "remove_line_ids", message: "\(lineID) is not a line of this draft"))
            }
            for lineID in Set(edits.descriptions.keys).union(edits.manualChanges.keys) where current[lineID] == nil {
                problems.append(FieldError(field: "lines", message: "\(lineID) is not a line of this draft"))
            }
            for lineID in edits.manualChanges.keys where current[lineID].map({ $0.kind != .manual }) ?? false {
                problems.append(FieldError(field: "lines", message: "only a manual line's quantity, price and VAT can be changed"))
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            for lineID in edits.removedLines { try await lines.delete(lineID, of: id, on: tx) }
            let taxes = try await taxRules(client: invoice.clientID, on: tx)
            for (lineID, line) in current where !edits.removedLines.contains(lineID) {
                var planned = line.planned
                if let description = edits.descriptions[lineID] { planned.description = description }
                if let change = edits.manualChanges[lineID] {
                    if let quantity = change.quantity { planned.quantity = quantity }
                    if let price = change.unitPriceScaled { planned.unitPrice = try UnitPrice(scaled: price, currency: invoice.currency) }
                    if let tax = change.tax { planned.tax = tax }
                }
                guard planned != line.planned else { continue }
                try await lines.update(
                    InvoiceLine(id: lineID, invoiceID: id, position: line.position, planned: planned, net: try planned.net()), on: tx)
            }
            try await insert(
                try edits.addedLines.map { added in
                    PlannedLine(
                        kind: .manual, projectID: added.projectID, description: added.description, quantity: added.quantity,
                        unitPrice: try UnitPrice(scaled: added.unitPriceScaled, currency: invoice.currency), tax: added.tax ?? taxes.tax(nil))
                }, into: id, on: tx)
            if !edits.removedLines.isEmpty { try await recapDeductions(of: id, on: tx) }
            try await invoices.updateDraft(invoice, on: tx)
            guard let updated = try await invoices.find(id, on: tx) else { throw DomainError.notFound(entity: "invoice") }
            let after = try await view(updated, on: tx)
            try await record(
                .invoiceUpdated, id, before: try AuditJSON.invoice(before), after: try AuditJSON.invoice(after), caller: caller, on: tx)
            return after
        }
    }

    /// Deletes a draft: every item it reserved is billable again.
    public func deleteDraft(_ id: InvoiceID, expectedVersion: Int?, caller: Caller) async throws {
        try await pool.withTransaction { tx in
            let invoice = try await requireDraft(id, expectedVersion: expectedVersion, caller: caller, on: tx)
            let before = try await view(invoice, on: tx)
            try await invoices.deleteDraft(id, on: tx)
            try await record(.invoiceDeleted, id, before: try AuditJSON.invoice(before), after: nil, caller: caller, on: tx)
        }
    }

    // MARK: Helpers

    func insert(_ planned: [PlannedLine], into invoice: InvoiceID, on tx: PostgresTransaction) async throws {
        var position = try await lines.nextPosition(invoice, on: tx)
        for line in planned {
            try await lines.insert(InvoiceLine(id: .random(), invoiceID: invoice, position: position, planned: line, net: try line.net()), on: tx)
            position += 1
        }
    }

    /// Deduction lines for the deposits of the projects `planned` bills, each capped by
    /// that project's net on this invoice.
    func deductions(for planned: [PlannedLine], currency: Currency, excluding invoice: InvoiceID?, on tx: PostgresTransaction) async throws
        -> [PlannedLine]
    {
        var netByProject: [ProjectID: Int64] = [:]
        for line in planned { if let project = line.projectID { netByProject[project, default: 0] += try line.net().amountMinor } }
        let onAccount = try await deposits.onAccount(Array(netByProject.keys), excluding: invoice, on: tx)
            .filter { $0.net.currency == currency }
        var result: [PlannedLine] = []
        for (project, net) in netByProject.sorted(by: { $0.key.description < $1.key.description }) {
            result += try DepositDeduction.lines(
                for: onAccount.filter { $0.projectID == project }, projectNet: Money(amountMinor: net, currency: currency)
            ) { "Less deposit invoice \($0.number) of \($0.issueDate)" }
        }
        return result
    }

    /// After lines are removed, a project's deposit deductions may exceed what the draft
    /// still bills for it: they are lowered (or dropped) so that no project's part goes below zero.
    func recapDeductions(of invoice: InvoiceID, on tx: PostgresTransaction) async throws {
        let remaining = try await lines.lines(of: [invoice], on: tx)
        var room: [ProjectID: Int64] = [:]
        for line in remaining where line.kind != .depositDeduction {
            if let project = line.planned.projectID { room[project, default: 0] += line.net.amountMinor }
        }
        for line in remaining where line.kind == .depositDeduction {
            guard let project = line.planned.projectID else { continue }
            let available = max(0, room[project] ?? 0)
            let deducted = -line.net.amountMinor
            if available == 0 {
                try await lines.delete(line.id, of: invoice, on: tx)
            } else if deducted > available {
                var planned = line.planned
                planned.unitPrice = try UnitPrice(Money(amountMinor: available, currency: line.net.currency))
                try await lines.update(InvoiceLine(id: line.id, invoiceID: invoice, position: line.position, planned: planned, net: try planned.net()), on: tx)
            }
            room[project] = available - min(deducted, available)
        }
    }

    func requireProjects(_ ids: [ProjectID], of client: ClientID, on tx: PostgresTransaction) async throws {
        for id in ids {
            guard let project = try await projects.find(id, on: tx), project.clientID == client else {
                throw DomainError.invalid(field: "project_ids", message: "\(id) is not a project of this client")
            }
        }
    }

    static func check(_ edits: DraftEdits) throws(DomainError) {
        var problems: [FieldError] = []
        for (index, line) in edits.addedLines.enumerated() {
            if line.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || line.description.count > 1000 {
                problems.append(FieldError(field: "add_lines[\(index)].description", message: "is 1 to 1000 characters"))
            }
            if line.unitPriceScaled < 0 {
                problems.append(FieldError(field: "add_lines[\(index)].unit_price", message: "cannot be negative; use a negative quantity"))
            }
            if let tax = line.tax { problems += tax.problems(field: "add_lines[\(index)].vat") }
        }
        for (id, text) in edits.descriptions where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || text.count > 1000 {
            problems.append(FieldError(field: "lines[\(id)].description", message: "is 1 to 1000 characters"))
        }
        for (id, change) in edits.manualChanges {
            if let price = change.unitPriceScaled, price < 0 {
                problems.append(FieldError(field: "lines[\(id)].unit_price", message: "cannot be negative; use a negative quantity"))
            }
            if let tax = change.tax { problems += tax.problems(field: "lines[\(id)].vat") }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
    }

    static func apply(_ edits: DraftEdits, to invoice: inout Invoice) throws(DomainError) {
        if let notes = edits.notes { invoice.notes = notes }
        if let reference = edits.buyerReference { invoice.buyerReference = reference }
        if let reference = edits.orderReference { invoice.orderReference = reference }
        if let period = edits.period {
            invoice.periodFrom = period?.from
            invoice.periodTo = period?.to
        }
        if let dueDate = edits.dueDate { invoice.dueDate = dueDate }
        if let timeAnnex = edits.timeAnnex { invoice.timeAnnex = timeAnnex }
        let problems = invoice.problems
        guard problems.isEmpty else { throw .invalid(problems) }
    }
}
