public import Domain
import Foundation
import Postgres
import Storage

extension ChangeRequestService {
    /// Sends the draft to the client (admin or the project's team lead): freezes its
    /// content and price into a validation request of kind `change_request`, with a
    /// single-use signed link.
    public func quote(_ id: ChangeRequestID, expiresInHours: Int, caller: Caller) async throws -> QuotedChangeRequest {
        guard let found = try await changes.find(id, on: pool), Self.mayRead(found, caller: caller) else {
            throw DomainError.notFound(entity: "change request")
        }
        let scope = try await requireScope(found.projectID, .requestClientValidation, caller: caller, entity: "change request")
        try ValidationRecord.checkLinkHours(expiresInHours)
        return try await pool.withTransaction { tx in
            guard let project = try await projects.find(found.projectID, on: tx), let before = try await changes.findForUpdate(id, on: tx) else {
                throw DomainError.notFound(entity: "change request")
            }
            var after = before
            after.status = try before.status.transition(.quote)
            try before.requireQuotable()
            guard let price = before.quote else { throw DomainError.conflict("This change request has no price.") }
            let agency = try await settings.get(on: tx)
            let subject = ChangeRequestValidationSubject(
                agencyName: agency.legalName, projectName: project.name, projectCode: project.code, changeRequestID: id,
                description: before.description, estimatedMinutes: before.estimatedMinutes, quote: price, reference: before.reference,
                title: before.title)
            let issued = try await validationService.requestDecision(
                on: ValidationContent(changeRequest: subject), subject: id.uuid, project: project.id, expiresInHours: expiresInHours,
                caller: caller, on: tx)
            after.quotedAt = issued.record.requestedAt
            after.quotedBy = caller.user.id
            after.validationID = issued.record.id
            guard try await changes.update(after, expectedVersion: before.version, on: tx) else { throw DomainError.versionMismatch }
            after.version = before.version + 1
            try await audit.append(
                AuditEntry(
                    action: .changeRequestQuoted, subjectType: .changeRequest, subjectID: id.description,
                    before: try AuditJSON.changeRequest(before), after: try AuditJSON.changeRequest(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return QuotedChangeRequest(
                view: ChangeRequestView(after, caller: caller, scope: scope), issued: issued)
        }
    }

    /// The client contact accepts the quote (or the admin records it on their behalf,
    /// with a comment): its task is created and the current budget moves.
    public func accept(_ id: ChangeRequestID, comment: String?, caller: Caller) async throws -> DecidedChangeRequest {
        try await decide(id, decision: .accept, comment: comment, caller: caller)
    }

    /// The client contact rejects the quote with a comment (or the admin records it).
    public func reject(_ id: ChangeRequestID, comment: String?, caller: Caller) async throws -> DecidedChangeRequest {
        try await decide(id, decision: .reject, comment: comment, caller: caller)
    }

    func decide(_ id: ChangeRequestID, decision: ValidationRecord.Decision, comment: String?, caller: Caller) async throws -> DecidedChangeRequest {
        guard let found = try await changes.find(id, on: pool), Self.mayRead(found, caller: caller) else {
            throw DomainError.notFound(entity: "change request")
        }
        let scope = try await requireScope(
            found.projectID, caller.actor.role == .admin ? .validateOnBehalfOfClient : .validateForClient, caller: caller,
            entity: "change request")
        _ = try found.status.transition(decision == .accept ? .accept : .reject(comment: "state check"))
        guard let validationID = found.validationID else {
            throw DomainError.conflict("This change request has no quote to decide.")
        }
        let record = try await validationService.decide(validationID, decision: decision, comment: comment, caller: caller)
        guard let decided = try await changes.find(id, on: pool) else { throw DomainError.notFound(entity: "change request") }
        return DecidedChangeRequest(view: ChangeRequestView(decided, caller: caller, scope: scope), record: record)
    }
}
