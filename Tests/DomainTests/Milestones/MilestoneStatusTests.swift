import Domain
import Foundation
import Testing

@Suite struct MilestoneStatusTests {
    @Test func theWorkflowMovesAsTheSpecSays() throws {
        #expect(try MilestoneStatus.planned.transition(.deliver) == .delivered)
        #expect(try MilestoneStatus.delivered.transition(.accept) == .accepted)
        #expect(try MilestoneStatus.delivered.transition(.reject(comment: "Missing checkout")) == .rejected)
        #expect(try MilestoneStatus.rejected.transition(.deliver) == .delivered)
        #expect(try MilestoneStatus.accepted.transition(.invoice) == .invoiced)
        #expect(try MilestoneStatus.invoiced.transition(.releaseFromCreditNote) == .accepted)
    }

    @Test func everyOtherTransitionIsAConflictWithASentence() {
        let allowed: Set<String> = ["planned.deliver", "rejected.deliver", "delivered.accept", "delivered.reject", "accepted.invoice", "invoiced.release"]
        let events: [(String, MilestoneStatus.Event)] = [
            ("deliver", .deliver), ("accept", .accept), ("reject", .reject(comment: "why")), ("invoice", .invoice),
            ("release", .releaseFromCreditNote),
        ]
        for status in MilestoneStatus.allCases {
            for (name, event) in events where !allowed.contains("\(status.rawValue).\(name)") {
                expectDomainError(.conflict, "\(status).\(name)") { try status.transition(event) }
                do {
                    _ = try status.transition(event)
                } catch {
                    guard case .conflict(let message) = error else {
                        Issue.record("\(status).\(name) threw \(error)")
                        continue
                    }
                    #expect(message.hasSuffix("."))
                }
            }
        }
    }

    @Test func aRejectionNeedsAComment() {
        #expect(throws: DomainError.invalid(field: "comment", message: "Say why the milestone is rejected.")) {
            try MilestoneStatus.delivered.transition(.reject(comment: "  "))
        }
    }

    @Test func onlyPlannedIsEditableAndOnlyAcceptedIsBillable() {
        #expect(MilestoneStatus.allCases.filter(\.isEditable) == [.planned])
        #expect(MilestoneStatus.allCases.filter(\.isBillable) == [.accepted])
    }
}

@Suite struct ChangeRequestStatusTests {
    @Test func theWorkflowMovesAsTheSpecSays() throws {
        #expect(try ChangeRequestStatus.draft.transition(.quote) == .quoted)
        #expect(try ChangeRequestStatus.quoted.transition(.accept) == .accepted)
        #expect(try ChangeRequestStatus.quoted.transition(.reject(comment: "Too dear")) == .rejected)
    }

    @Test func everyOtherTransitionIsAConflict() {
        let allowed: Set<String> = ["draft.quote", "quoted.accept", "quoted.reject"]
        let events: [(String, ChangeRequestStatus.Event)] = [("quote", .quote), ("accept", .accept), ("reject", .reject(comment: "x"))]
        for status in ChangeRequestStatus.allCases {
            for (name, event) in events where !allowed.contains("\(status.rawValue).\(name)") {
                do {
                    _ = try status.transition(event)
                    Issue.record("\(status).\(name) was allowed")
                } catch {
                    guard case .conflict = error else {
                        Issue.record("\(status).\(name) threw \(error)")
                        continue
                    }
                }
            }
        }
        #expect(throws: DomainError.invalid(field: "comment", message: "Say why the change request is rejected.")) {
            try ChangeRequestStatus.quoted.transition(.reject(comment: ""))
        }
    }

    @Test func aChangeRequestsBudgetEffectPricesHourlyEstimatesHalfUp() throws {
        let rate = try HourlyRate(parsing: "95", currency: .eur)
        let change = ChangeRequest(
            id: .random(), projectID: .random(), number: 1, title: "Blog", description: "", estimatedMinutes: 80, pricing: .hourly,
            amount: nil, hourlyRate: rate, currency: .eur, createdAt: .now)
        #expect(try change.budgetChange() == ProjectBudget.Change(minutes: 80, amount: Money(amountMinor: 12_667, currency: .eur)))
        #expect(change.reference == "CR-1")
    }
}
