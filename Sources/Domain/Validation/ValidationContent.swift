/// The exact content a client validates — a timesheet period, a milestone or a
/// change request — as canonical JSON, with its SHA-256 digest (SPEC §2
/// Validation record; issue 4 item 6, issue 5 items 2–3).
///
/// The validation record stores ``canonicalJSON`` and ``digest``; fetching the
/// stored text again and hashing its UTF-8 bytes gives the same digest
/// (``matches(storedJSON:digestHex:)``). The same subject always renders the same
/// bytes: keys are sorted, lists are sorted by the subjects, and amounts and hours
/// are decimal strings. Every document carries `"format": "sheaf.validation/1"` so
/// a later layout can be told apart from this one.
public struct ValidationContent: Hashable, Sendable {
    /// What was validated.
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        /// The approved time of a project and period.
        case timesheet
        /// A delivered milestone.
        case milestone
        /// A quoted change request.
        case changeRequest = "change_request"
    }

    /// The layout version written into every document.
    public static let format = "sheaf.validation/1"
    /// The layout of a timesheet whose entries carry their rates: version 1 plus each
    /// entry (date, task, person, hours, note, billable, amount), billable and
    /// non-billable totals and the amounts billed, VAT excluded (issue 11 items 12–14).
    /// Documents stored in version 1 keep their bytes and digests.
    public static let pricedTimesheetFormat = "sheaf.validation/2"

    /// What was validated.
    public let kind: Kind
    /// The canonical JSON text; its UTF-8 bytes are what is hashed.
    public let canonicalJSON: String
    /// SHA-256 of the UTF-8 bytes of ``canonicalJSON``.
    public let digest: SHA256Digest

    /// The bytes that are hashed.
    public var canonicalBytes: [UInt8] { Array(canonicalJSON.utf8) }
    /// The digest as 64 lowercase hex digits, as stored on the validation record.
    public var digestHex: String { digest.hexString }

    private init(kind: Kind, document: [String: CanonicalJSON], format: String = Self.format) {
        var document = document
        document["format"] = .string(format)
        document["kind"] = .string(kind.rawValue)
        self.kind = kind
        self.canonicalJSON = CanonicalJSON.object(document).text
        self.digest = SHA256Digest(hashing: canonicalJSON)
    }

    /// The content of a timesheet validation: agency, project, period, hours per
    /// task and per person, total, and the ids of the entries validated; with the
    /// period's rechargeable expenses and their total when there are any (a period
    /// without expenses renders exactly as before expenses existed).
    public init(timesheet subject: TimesheetValidationSubject) {
        let priced = subject.isPriced
        var extra: [String: CanonicalJSON] = [:]
        func line<Entity>(_ line: TimesheetValidationSubject.Line<Entity>) -> CanonicalJSON {
            var fields: [String: CanonicalJSON] = [
                "id": .string(line.id.description), "name": .string(line.name),
                "minutes": .integer(Int64(line.minutes)), "hours": .string(line.hours),
            ]
            if priced, Entity.self == IDTag.Task.self {
                fields["billable"] = .bool(line.billable)
                fields["amount"] = line.amount.map(Self.money) ?? .null
            }
            return .object(fields)
        }
        if priced {
            extra["entries"] = .array(
                subject.entriesByDay.map { entry in
                    .object([
                        "id": .string(entry.id.description), "date": .string(entry.workDate.description),
                        "task_id": .string(entry.taskID.description), "task": .string(entry.taskName),
                        "person": .string(entry.personName), "minutes": .integer(Int64(entry.minutes)),
                        "hours": .string(entry.hours), "note": .string(entry.note), "billable": .bool(entry.billable),
                        "amount": (try? entry.amount()).map(Self.money) ?? .null,
                    ])
                })
            extra["billable"] = .object([
                "minutes": .integer(Int64(subject.billableMinutes)), "hours": .string(subject.billableHours),
                "amount": subject.billableAmount.map(Self.money) ?? .null,
            ])
            extra["non_billable"] = .object([
                "minutes": .integer(Int64(subject.nonBillableMinutes)), "hours": .string(subject.nonBillableHours),
            ])
            extra["amounts_include_vat"] = .bool(false)
        }
        if let total = subject.expensesTotal {
            extra["expenses"] = .array(
                subject.expenses.map { expense in
                    .object([
                        "id": .string(expense.id.description), "date": .string(expense.date.description),
                        "category": .string(expense.category), "note": .string(expense.note),
                        "person": .string(expense.personName), "amount": Self.money(expense.billableAmount),
                    ])
                })
            extra["expenses_total"] = Self.money(total)
        }
        self.init(
            kind: .timesheet,
            document: extra.merging([
                "agency": .string(subject.agencyName),
                "project": Self.project(name: subject.projectName, code: subject.projectCode),
                "period": .object([
                    "from": .string(subject.periodFrom.description), "to": .string(subject.periodTo.description),
                ]),
                "tasks": .array(subject.taskLines.map(line)),
                "people": .array(subject.personLines.map(line)),
                "total": .object([
                    "minutes": .integer(Int64(subject.totalMinutes)), "hours": .string(subject.totalHours),
                ]),
                "entry_ids": .array(subject.entries.map { .string($0.id.description) }),
            ]) { _, timesheet in timesheet },
            format: priced ? Self.pricedTimesheetFormat : Self.format
        )
    }

    /// The content of a milestone acceptance: name, amount, percentage (or null),
    /// due date (or null) and acceptance criteria.
    public init(milestone subject: MilestoneValidationSubject) {
        self.init(
            kind: .milestone,
            document: [
                "agency": .string(subject.agencyName),
                "project": Self.project(name: subject.projectName, code: subject.projectCode),
                "milestone": .object([
                    "id": .string(subject.milestoneID.description),
                    "name": .string(subject.name),
                    "amount": Self.money(subject.amount),
                    "percentage": subject.basisPoints.map { .string(MilestonePlan.percentString(basisPoints: $0)) }
                        ?? .null,
                    "due_date": subject.dueDate.map { .string($0.description) } ?? .null,
                    "criteria": .string(subject.criteria),
                ]),
            ]
        )
    }

    /// The content of a change-request agreement: description, estimate and quote.
    public init(changeRequest subject: ChangeRequestValidationSubject) {
        let quote: CanonicalJSON =
            switch subject.quote {
            case .fixed(let amount):
                .object(["kind": .string("fixed"), "amount": Self.money(amount)])
            case .hourly(let rate):
                .object([
                    "kind": .string("hourly"),
                    "hourly_rate": .object([
                        "value": .string(rate.decimalString), "currency": .string(rate.currency.code),
                    ]),
                ])
            }
        var changeRequest: [String: CanonicalJSON] = [
            "id": .string(subject.changeRequestID.description),
            "description": .string(subject.description),
            "estimate": subject.estimatedMinutes.map {
                .object([
                    "minutes": .integer(Int64($0)), "hours": .string(WorkHours.decimalString(fromMinutes: $0)),
                ])
            } ?? .null,
            "quote": quote,
        ]
        // Only written when given, so documents of subjects without them keep their bytes.
        if let reference = subject.reference { changeRequest["reference"] = .string(reference) }
        if let title = subject.title { changeRequest["title"] = .string(title) }
        self.init(
            kind: .changeRequest,
            document: [
                "agency": .string(subject.agencyName),
                "project": Self.project(name: subject.projectName, code: subject.projectCode),
                "change_request": .object(changeRequest),
            ]
        )
    }

    /// Whether stored content still hashes to the stored digest (case-insensitive hex).
    public static func matches(storedJSON: String, digestHex: String) -> Bool {
        SHA256Digest(hashing: storedJSON).hexString == digestHex.lowercased()
    }

    private static func project(name: String, code: String) -> CanonicalJSON {
        .object(["name": .string(name), "code": .string(code)])
    }

    private static func money(_ amount: Money) -> CanonicalJSON {
        .object(["value": .string(amount.decimalString), "currency": .string(amount.currency.code)])
    }
}
