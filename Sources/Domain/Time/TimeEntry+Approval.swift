public import Foundation

extension TimeEntry {
    /// The longest rejection reason, in Unicode scalars.
    public static let maximumReasonLength = 2000

    /// Approves a submitted entry and captures the rates in force on its work date
    /// (SPEC §2 Rates): the billable rate most specific first (task → project member →
    /// project → collaborator default) and the author's cost rate.
    ///
    /// A billable entry needs a billable rate; a non-billable one without any is
    /// captured at 0. Without a cost rate the cost stays unknown (nil), never 0: a
    /// zero cost would make every margin silently wrong, an unknown one is counted as
    /// such. Rates must be in the project's currency.
    /// - Parameters:
    ///   - rates: the effective-dated tables of the entry's task, project and author.
    ///   - currency: the project's currency.
    ///   - label: how to name the entry in messages, e.g. "Mia Member on Website, 2026-03-02".
    ///   - field: the request field that named the entry, e.g. `time_entry_ids[2]`.
    /// - Throws: ``DomainError/conflict(_:)`` unless the entry is submitted (nothing
    ///   changes); ``DomainError/invalid(_:)`` on `field` when no billable rate applies
    ///   or a rate is in another currency.
    public mutating func approve(
        by approver: UserID, at now: Date, rates: RateResolver, currency: Currency, label: String, field: String
    ) throws(DomainError) {
        let next = try status.transition(.approve)
        let zero = try HourlyRate(scaled: 0, currency: currency)
        let billableRate: HourlyRate
        if let resolved = rates.resolveBillable(on: workDate, task: taskID, project: projectID, user: userID) {
            guard resolved.rate.currency == currency else {
                throw .invalid(
                    field: field,
                    message: "The billable rate of time entry \(id) (\(label)) is in \(resolved.rate.currency.code), "
                        + "but the project bills in \(currency.code).")
            }
            billableRate = resolved.rate
        } else if billable {
            throw .invalid(
                field: field,
                message: "No billable rate applies to time entry \(id) (\(label)): set a task, project-member, project "
                    + "or collaborator rate in force on \(workDate) before approving it.")
        } else {
            billableRate = zero
        }
        var costRate: HourlyRate?
        if let cost = rates.resolveCost(on: workDate, user: userID) {
            guard cost.rate.currency == currency else {
                throw .invalid(
                    field: field,
                    message: "The cost rate of time entry \(id) (\(label)) is in \(cost.rate.currency.code), "
                        + "but the project is in \(currency.code).")
            }
            costRate = cost.rate
        }
        status = next
        self.billableRate = billableRate
        self.costRate = costRate
        approvedBy = approver
        approvedAt = now
        rejectionReason = nil
    }

    /// What a reader of the entry's numbers should know: captured without a cost rate
    /// (its cost, and every margin it is part of, is unknown — not zero).
    public var flags: [ApprovalFlag] {
        let captured = status != .open && status != .submitted
        return captured && costRate == nil ? [.noCostRate] : []
    }

    /// Rejects a submitted entry: it returns to open with `reason` visible to its
    /// author, and any rates captured by an earlier approval are cleared.
    /// - Throws: ``DomainError/conflict(_:)`` unless the entry is submitted (nothing
    ///   changes); ``DomainError/invalid(_:)`` on `reason` when it is blank or too long.
    public mutating func reject(reason: String) throws(DomainError) {
        let next = try status.transition(.reject(reason: reason))
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.unicodeScalars.count <= Self.maximumReasonLength else {
            throw .invalid(field: "reason", message: "must be at most \(Self.maximumReasonLength) characters")
        }
        status = next
        rejectionReason = trimmed
        billableRate = nil
        costRate = nil
        approvedBy = nil
        approvedAt = nil
    }
}
