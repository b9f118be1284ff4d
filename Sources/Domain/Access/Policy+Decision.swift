extension Policy {
    /// The outcome of an authorization check.
    public enum Decision: String, Hashable, Sendable, CaseIterable {
        /// The action may proceed.
        case allow
        /// The actor may see the subject but not do this: answer 403.
        case deny
        /// The actor may not learn that the subject exists: answer 404.
        case hide
    }

    /// How much of a project's budget progress an actor sees, from least to most.
    public enum BudgetDetail: Int, Hashable, Sendable, Comparable, CaseIterable {
        /// Hours budgeted, logged and remaining; no money.
        case hoursOnly
        /// Hours, plus the money budget and what has been billed (the client's view).
        case hoursAndMoneyBilled
        /// Everything the budget report holds (cost and margins still need ``Policy/Action/seeCostRates``).
        case full

        /// Orders by how much is shown.
        public static func < (lhs: BudgetDetail, rhs: BudgetDetail) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        /// Whether amounts are shown at this level (members see hours only).
        public var showsMoney: Bool { self >= .hoursAndMoneyBilled }
    }
}
