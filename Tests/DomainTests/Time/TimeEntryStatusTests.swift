import Domain
import Foundation
import Testing

@Suite("TimeEntryStatus")
struct TimeEntryStatusTests {
    typealias Event = TimeEntryStatus.Event

    /// One of each event, with valid texts.
    static let events: [Event] = [
        .submit, .approve, .reject(reason: "Wrong task."), .clientValidate, .clientReject(comment: "Too long."),
        .invoice(requiresValidation: true), .invoice(requiresValidation: false),
        .releaseFromCreditNote(wasValidated: true), .releaseFromCreditNote(wasValidated: false),
    ]

    static let allowed: [(TimeEntryStatus, Event, TimeEntryStatus)] = [
        (.open, .submit, .submitted),
        (.submitted, .approve, .approved),
        (.submitted, .reject(reason: "Wrong task."), .open),
        (.approved, .clientValidate, .clientValidated),
        (.approved, .clientReject(comment: "Too long."), .submitted),
        (.approved, .invoice(requiresValidation: false), .invoiced),
        (.clientValidated, .invoice(requiresValidation: true), .invoiced),
        (.clientValidated, .invoice(requiresValidation: false), .invoiced),
        (.invoiced, .releaseFromCreditNote(wasValidated: true), .clientValidated),
        (.invoiced, .releaseFromCreditNote(wasValidated: false), .approved),
    ]

    static let refused: [(TimeEntryStatus, Event, String)] = [
        (.open, .approve, "An open entry must be submitted before it can be approved."),
        (.open, .reject(reason: "Wrong task."), "Only a submitted entry can be rejected; this one is open."),
        (.open, .clientValidate, "Only an approved entry can be validated by the client; this one is open."),
        (
            .open, .clientReject(comment: "Too long."),
            "Only an approved entry can be rejected by the client; this one is open."
        ),
        (.open, .invoice(requiresValidation: true), "Only an approved entry can be invoiced; this one is open."),
        (.open, .invoice(requiresValidation: false), "Only an approved entry can be invoiced; this one is open."),
        (
            .open, .releaseFromCreditNote(wasValidated: true),
            "Only an invoiced entry can be released by a credit note; this one is open."
        ),
        (
            .open, .releaseFromCreditNote(wasValidated: false),
            "Only an invoiced entry can be released by a credit note; this one is open."
        ),

        (.submitted, .submit, "A submitted entry cannot be submitted again."),
        (.submitted, .clientValidate, "Only an approved entry can be validated by the client; this one is submitted."),
        (
            .submitted, .clientReject(comment: "Too long."),
            "Only an approved entry can be rejected by the client; this one is submitted."
        ),
        (
            .submitted, .invoice(requiresValidation: true),
            "Only an approved entry can be invoiced; this one is submitted."
        ),
        (
            .submitted, .invoice(requiresValidation: false),
            "Only an approved entry can be invoiced; this one is submitted."
        ),
        (
            .submitted, .releaseFromCreditNote(wasValidated: true),
            "Only an invoiced entry can be released by a credit note; this one is submitted."
        ),
        (
            .submitted, .releaseFromCreditNote(wasValidated: false),
            "Only an invoiced entry can be released by a credit note; this one is submitted."
        ),

        (.approved, .submit, "An approved entry cannot be submitted again."),
        (.approved, .approve, "An approved entry cannot be approved again."),
        (.approved, .reject(reason: "Wrong task."), "Only a submitted entry can be rejected; this one is approved."),
        (
            .approved, .invoice(requiresValidation: true),
            "This entry must be validated by the client before it can be invoiced."
        ),
        (
            .approved, .releaseFromCreditNote(wasValidated: true),
            "Only an invoiced entry can be released by a credit note; this one is approved."
        ),
        (
            .approved, .releaseFromCreditNote(wasValidated: false),
            "Only an invoiced entry can be released by a credit note; this one is approved."
        ),

        (.clientValidated, .submit, "A client-validated entry cannot be submitted again."),
        (.clientValidated, .approve, "A client-validated entry cannot be approved again."),
        (
            .clientValidated, .reject(reason: "Wrong task."),
            "Only a submitted entry can be rejected; this one is client-validated."
        ),
        (.clientValidated, .clientValidate, "A client-validated entry cannot be validated again."),
        (
            .clientValidated, .clientReject(comment: "Too long."),
            "Only an approved entry can be rejected by the client; this one is client-validated."
        ),
        (
            .clientValidated, .releaseFromCreditNote(wasValidated: true),
            "Only an invoiced entry can be released by a credit note; this one is client-validated."
        ),
        (
            .clientValidated, .releaseFromCreditNote(wasValidated: false),
            "Only an invoiced entry can be released by a credit note; this one is client-validated."
        ),

        (.invoiced, .submit, "An invoiced entry cannot be submitted again."),
        (.invoiced, .approve, "An invoiced entry cannot be approved again."),
        (.invoiced, .reject(reason: "Wrong task."), "Only a submitted entry can be rejected; this one is invoiced."),
        (.invoiced, .clientValidate, "Only an approved entry can be validated by the client; this one is invoiced."),
        (
            .invoiced, .clientReject(comment: "Too long."),
            "Only an approved entry can be rejected by the client; this one is invoiced."
        ),
        (.invoiced, .invoice(requiresValidation: true), "An invoiced entry cannot be invoiced again."),
        (.invoiced, .invoice(requiresValidation: false), "An invoiced entry cannot be invoiced again."),
    ]

    @Test(arguments: allowed)
    func theWorkflowAllowsThisTransition(from: TimeEntryStatus, event: Event, to: TimeEntryStatus) throws {
        #expect(try from.transition(event) == to)
    }

    @Test(arguments: refused)
    func anIllegalTransitionIsRefusedWithAClearSentence(from: TimeEntryStatus, event: Event, message: String) {
        #expect(throws: DomainError.conflict(message)) { try from.transition(event) }
    }

    @Test func everyPairOfStateAndEventIsEitherAllowedOrRefused() {
        var covered = 0
        for status in TimeEntryStatus.allCases {
            for event in Self.events {
                let isAllowed = Self.allowed.contains { $0.0 == status && $0.1 == event }
                let isRefused = Self.refused.contains { $0.0 == status && $0.1 == event }
                #expect(isAllowed != isRefused, "\(status) + \(event)")
                covered += 1
            }
        }
        #expect(covered == 45)
        #expect(Self.allowed.count + Self.refused.count == 45)
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func aRejectionNeedsAReasonAndAClientRejectionAComment(blank: String) {
        #expect(throws: DomainError.invalid(field: "reason", message: "Say why the entry is rejected.")) {
            try TimeEntryStatus.submitted.transition(.reject(reason: blank))
        }
        #expect(throws: DomainError.invalid(field: "comment", message: "Say why the client rejects the validation.")) {
            try TimeEntryStatus.approved.transition(.clientReject(comment: blank))
        }
    }

    @Test(
        arguments: [
            (TimeEntryStatus.submitted, Event.submit, "A submitted expense cannot be submitted again."),
            (.approved, .submit, "An approved expense cannot be submitted again."),
            (.invoiced, .invoice(requiresValidation: false), "An invoiced expense cannot be invoiced again."),
        ]
    )
    func expensesFollowTheSameMachineWithTheirOwnNoun(from: ExpenseStatus, event: Event, message: String) {
        #expect(throws: DomainError.conflict(message)) { try from.transition(event, noun: "expense") }
    }

    @Test(
        arguments: [
            (TimeEntryStatus.open, true, false),
            (.submitted, false, false),
            (.approved, false, false),
            (.clientValidated, false, false),
            (.invoiced, false, true),
        ]
    )
    func onlyOpenEntriesAreEditableByTheirAuthorAndInvoicedOnesAreLocked(
        status: TimeEntryStatus,
        editable: Bool,
        locked: Bool
    ) {
        #expect(status.isEditableByAuthor == editable)
        #expect(status.isLocked == locked)
    }

    @Test func statusesHaveStableWireNames() {
        #expect(
            TimeEntryStatus.allCases.map(\.rawValue) == [
                "open", "submitted", "approved", "client_validated", "invoiced",
            ]
        )
    }

    @Test func aFullLifeIncludingAClientRejectionAndACreditNote() throws {
        var status = TimeEntryStatus.open
        for event: Event in [
            .submit, .approve, .clientReject(comment: "Wednesday was a holiday."), .approve, .clientValidate,
            .invoice(requiresValidation: true), .releaseFromCreditNote(wasValidated: true),
            .invoice(requiresValidation: true),
        ] {
            status = try status.transition(event)
        }
        #expect(status == .invoiced)
    }
}
