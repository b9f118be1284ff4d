import Domain
import Postgres
import Storage

/// Loads a project's scope and checks the caller against it, the same way in every service.
extension ProjectScopeStore {
    /// The project's scope once `caller` may do `action` on it: 404 (naming `entity`) when
    /// the project does not exist or the caller may not know of it, 403 when they may see
    /// it but not do this.
    @discardableResult
    func authorized(
        _ id: ProjectID, _ action: Policy.Action, caller: Caller, entity: String = "project", on db: some PostgresQueryable
    ) async throws -> ProjectScope {
        guard let scope = try await scope(id, on: db) else { throw DomainError.notFound(entity: entity) }
        try Policy.require(caller.actor, action, .project(scope), entity: entity)
        return scope
    }

    /// How much of the project's budget `caller` sees (SPEC §3 row 8), or the refusal.
    func budgetDetail(_ id: ProjectID, caller: Caller, on db: some PostgresQueryable) async throws -> (scope: ProjectScope, detail: Policy.BudgetDetail) {
        let scope = try await authorized(id, .readBudget, caller: caller, on: db)
        guard let detail = Policy.budgetDetail(caller.actor, scope) else {
            throw DomainError.forbidden("Your role does not allow you to see this budget.")
        }
        return (scope, detail)
    }
}
