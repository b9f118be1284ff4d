/// Turns billable items into the lines of a draft (issue 12 item 4): one line per
/// milestone, change request, expense and retainer charge; time grouped as the admin
/// chose (per task, person, entry or project), each group split by rate so a line
/// has one unit price. A group's hours are its minutes summed, then rounded once to
/// two decimals (SPEC §5).
public enum DraftPlanner {
    /// - Parameter tax: the line tax for an item's own rate (nil: the agency's standard rate).
    public static func lines(
        for items: [BillableItem], grouping: TimeGrouping, tax: (Int?) -> LineTax
    ) throws(DomainError) -> [PlannedLine] {
        var lines: [PlannedLine] = []
        var timeGroups: [TimeGroupKey: [BillableItem]] = [:]
        var groupOrder: [TimeGroupKey] = []
        for item in items.sorted(by: Self.order) {
            if let time = item.time {
                let key = TimeGroupKey(item: item, time: time, grouping: grouping)
                if timeGroups[key] == nil { groupOrder.append(key) }
                timeGroups[key, default: []].append(item)
            } else {
                lines.append(
                    PlannedLine(
                        kind: item.kind.lineKind, projectID: item.projectID, description: item.description,
                        quantity: item.quantity, unitPrice: item.unitPrice, tax: tax(item.vatRateBP),
                        periodFrom: item.kind == .retainerFee ? nil : item.date, periodTo: item.kind == .retainerFee ? nil : item.date,
                        items: [item.reference]))
            }
        }
        for key in groupOrder {
            let members = timeGroups[key] ?? []
            guard let first = members.first, let time = first.time else { continue }
            let minutes = members.reduce(0) { $0 + ($1.time?.minutes ?? 0) }
            let dates = members.map(\.date)
            lines.append(
                PlannedLine(
                    kind: .time, projectID: first.projectID, description: key.description(first: first, time: time),
                    quantity: .hours(fromMinutes: minutes), unitPrice: UnitPrice(time.rate), tax: tax(first.vatRateBP),
                    periodFrom: dates.min(), periodTo: dates.max(), items: members.map(\.reference)))
        }
        return lines.sorted { lhs, rhs in
            (lhs.projectID?.description ?? "", Self.rank(lhs.kind)) < (rhs.projectID?.description ?? "", Self.rank(rhs.kind))
        }
    }

    /// Fixed-price work first, then recurring charges, then time and expenses.
    static func rank(_ kind: InvoiceLineKind) -> Int {
        switch kind {
        case .deposit: 0
        case .milestone: 1
        case .changeRequest: 2
        case .retainerFee: 3
        case .retainerOverage: 4
        case .time: 5
        case .expense: 6
        case .manual: 7
        case .depositDeduction: 8
        }
    }

    static func order(_ lhs: BillableItem, _ rhs: BillableItem) -> Bool {
        (lhs.projectName, lhs.date, lhs.description, lhs.reference.id) < (rhs.projectName, rhs.date, rhs.description, rhs.reference.id)
    }

    struct TimeGroupKey: Hashable {
        let projectID: ProjectID
        let grouping: TimeGrouping
        let part: String
        let rate: HourlyRate
        let vatRateBP: Int?

        init(item: BillableItem, time: BillableTime, grouping: TimeGrouping) {
            projectID = item.projectID
            self.grouping = grouping
            rate = time.rate
            vatRateBP = item.vatRateBP
            switch grouping {
            case .task: part = time.taskID.description
            case .person: part = time.userID.description
            case .entry: part = item.reference.id
            case .project: part = ""
            }
        }

        func description(first: BillableItem, time: BillableTime) -> String {
            switch grouping {
            case .project: first.projectName
            case .task: "\(first.projectName) — \(time.taskName)"
            case .person: "\(first.projectName) — \(time.userName)"
            case .entry:
                "\(first.date) \(time.userName) — \(time.taskName)" + (time.note.isEmpty ? "" : ": \(time.note)")
            }
        }
    }
}
