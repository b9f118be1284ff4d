/// Which fields a caller sees, beside which things: the one place services ask before
/// they hand out a view (a hidden field is nil in what they return). A project's
/// amounts are ``Policy/seesMoney(_:_:)``.
extension Policy {
    /// Whether `actor` sees cost rates and margins: the admin only (SPEC §3).
    public static func seesCostRates(_ actor: Actor) -> Bool {
        can(actor, .seeCostRates, .agency)
    }

    /// Whether `actor` sees an expense's internal fields (what the agency paid, the
    /// markup): the agency's staff, never a client's contact.
    public static func seesExpenseInternals(_ actor: Actor) -> Bool {
        actor.role.isStaff
    }
}
