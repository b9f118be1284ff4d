/// Who may do what (SPEC §3), as one pure function of data: the acting user
/// (``Actor``), a closed list of actions (``Action``) and the thing acted on
/// (``Subject``), whose facts the service has loaded.
///
/// ```swift
/// try Policy.require(actor, .approveTime, .project(scope))
/// ```
///
/// The answer is ``Decision/allow``, ``Decision/deny`` (403) or ``Decision/hide``
/// (404): an actor who may not even read the subject gets "not found", so that
/// no one learns that another client's (or another team's) data exists.
public enum Policy {
    /// The decision for `actor` doing `action` on `subject`.
    ///
    /// Inactive actors are denied everything. Otherwise the action is allowed by
    /// the rules of ``Action``, else hidden when the actor may not read the
    /// subject at all, else denied. The agency itself is never hidden.
    public static func decide(_ actor: Actor, _ action: Action, _ subject: Subject) -> Decision {
        guard actor.isActive else { return .deny }
        if isAllowed(actor, action, subject) { return .allow }
        return mayKnowOf(actor, subject) ? .deny : .hide
    }

    /// Whether `actor` may do `action` on `subject`.
    public static func can(_ actor: Actor, _ action: Action, _ subject: Subject) -> Bool {
        decide(actor, action, subject) == .allow
    }

    /// Returns when `actor` may do `action` on `subject`; throws otherwise.
    /// - Parameter entity: the noun used in the "not found" error; defaults to
    ///   ``Subject/entityName`` (pass `"expense"` or `"time entry"` for an own resource).
    /// - Throws: ``DomainError/forbidden(_:)`` for ``Decision/deny`` and
    ///   ``DomainError/notFound(entity:)`` for ``Decision/hide``, the same error a
    ///   missing entity gives.
    public static func require(
        _ actor: Actor,
        _ action: Action,
        _ subject: Subject,
        entity: String? = nil
    ) throws(DomainError) {
        switch decide(actor, action, subject) {
        case .allow:
            return
        case .deny:
            throw .forbidden(actor.isActive ? action.refusal : "This account is deactivated.")
        case .hide:
            throw .notFound(entity: entity ?? subject.entityName)
        }
    }

    /// How much of a project's budget progress `actor` may see; `nil` for none.
    ///
    /// Admins and the managers leading the project's team see everything
    /// (cost and margins still need ``Action/seeCostRates``); the client's
    /// contacts see hours and money billed; staff assigned to the project see hours only.
    /// Whether `actor` sees the project's amounts — budgets, contract, milestone and
    /// change-request prices, recharged expenses: the admin, the team's leads and the
    /// client's contacts; members see hours only.
    public static func seesMoney(_ actor: Actor, _ project: ProjectScope) -> Bool {
        budgetDetail(actor, project)?.showsMoney ?? false
    }

    public static func budgetDetail(_ actor: Actor, _ project: ProjectScope) -> BudgetDetail? {
        guard actor.isActive else { return nil }
        if actor.role == .admin || actor.leads(project) { return .full }
        if actor.isContact(of: project.clientID) { return .hoursAndMoneyBilled }
        if actor.belongs(to: project) { return .hoursOnly }
        return nil
    }
}
