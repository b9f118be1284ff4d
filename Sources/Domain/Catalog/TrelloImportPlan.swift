import Foundation

/// What a Trello board's lists become (issue 16 item 1).
public enum TrelloListMapping: String, Sendable, CaseIterable {
    /// Each card is a task; the list it sits in ("To do", "Doing") is the task's status.
    case statuses
    /// Each list is a task (a phase time is logged against: "Design", "Build"); its
    /// cards are listed in the task's description, their labels and members added to it.
    case tasks
}

/// A person who can be put on a task, as a Trello member is matched against.
public struct TrelloCollaborator: Sendable {
    public let id: UserID
    public let name: String
    public let email: String

    public init(id: UserID, name: String, email: String) {
        self.id = id
        self.name = name
        self.email = email
    }
}

/// The tasks a board becomes, before they meet the project's existing tasks.
public struct TrelloImportPlan: Sendable {
    public struct Task: Sendable, Equatable {
        /// The card's (or, with ``TrelloListMapping/tasks``, the list's) Trello id.
        public let externalID: String
        public var name: String
        public let description: String?
        public let dueOn: LocalDate?
        public let tags: [String]
        public let status: String?
        public let assignees: [UserID]
    }

    /// A board member no collaborator matched, with how many imported cards name them.
    public struct UnmatchedMember: Sendable, Equatable {
        public let id: String
        public let name: String
        public let cards: Int
    }

    public static let nameLimit = 200
    public static let descriptionLimit = 20_000
    static let tagLimit = 50
    static let idRule = "is not a Trello id (1 to 100 characters)"

    /// An id a task or project can keep: 1 to 100 characters, no NUL.
    static func isID(_ id: String) -> Bool { (1...100).contains(id.count) && !id.contains("\u{0}") }

    public let tasks: [Task]
    /// Archived cards (or cards of archived lists) left out.
    public let skippedArchived: Int
    public let unmatched: [UnmatchedMember]

    /// - Throws: ``DomainError/invalid(_:)`` naming each card that does not read
    ///   (`cards[3].idList`, `cards[5].due`).
    public init(board: TrelloBoard, lists mapping: TrelloListMapping, includeArchived: Bool, collaborators: [TrelloCollaborator]) throws(DomainError) {
        let lists = Dictionary(board.lists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let boardLabels = Dictionary((board.labels ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var checklists: [String: [TrelloBoard.Checklist]] = [:]
        for checklist in board.checklists ?? [] { checklists[checklist.idCard, default: []].append(checklist) }
        var members: [String: (member: TrelloBoard.Member, user: UserID?)] = [:]
        for member in board.members ?? [] { members[member.id] = (member, Self.match(member, in: collaborators)) }

        var problems: [FieldError] = []
        if !Self.isID(board.id) { problems.append(FieldError(field: "id", message: Self.idRule)) }
        for (index, list) in board.lists.enumerated() where !Self.isID(list.id) {
            problems.append(FieldError(field: "lists[\(index)].id", message: Self.idRule))
        }
        for (index, card) in board.cards.enumerated() where !Self.isID(card.id) {
            problems.append(FieldError(field: "cards[\(index)].id", message: Self.idRule))
        }
        var cards: [(card: TrelloBoard.Card, list: TrelloBoard.List, due: LocalDate?)] = []
        var skipped = 0
        for (index, card) in board.cards.enumerated() {
            guard let list = lists[card.idList] else {
                problems.append(FieldError(field: "cards[\(index)].idList", message: "names no list of the board"))
                continue
            }
            var due: LocalDate?
            if let text = card.due {
                due = Self.date(text).flatMap { (1900...2200).contains($0.year) ? $0 : nil }
                if due == nil { problems.append(FieldError(field: "cards[\(index)].due", message: "is not an ISO 8601 date and time between 1900 and 2200")) }
            }
            if Self.trimmed(card.name).isEmpty { problems.append(FieldError(field: "cards[\(index)].name", message: "is empty")) }
            if (card.closed ?? false || list.closed ?? false) && !includeArchived {
                skipped += 1
                continue
            }
            cards.append((card, list, due))
        }
        guard problems.isEmpty else { throw .invalid(problems) }

        var unmatchedCards: [String: Int] = [:]
        func people(_ card: TrelloBoard.Card) -> [UserID] {
            var found: [UserID] = []
            for id in card.idMembers ?? [] {
                if let user = members[id]?.user { found.append(user) } else { unmatchedCards[id, default: 0] += 1 }
            }
            return found
        }
        func tags(_ card: TrelloBoard.Card) -> [String] {
            let labels = card.labels ?? (card.idLabels ?? []).compactMap { boardLabels[$0] }
            return labels.prefix(Self.tagLimit).compactMap { label in
                let name = Self.trimmed(label.name ?? "")
                return name.isEmpty ? label.color.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 } : name
            }
        }

        var planned: [Task] = []
        switch mapping {
        case .statuses:
            for (card, list, due) in cards {
                planned.append(
                    Task(
                        externalID: card.id, name: Self.limited(Self.trimmed(card.name), Self.nameLimit),
                        description: Self.description(card, checklists: checklists[card.id] ?? []), dueOn: due, tags: Self.unique(tags(card)),
                        status: Self.limited(Self.trimmed(list.name), 200).nilIfEmpty, assignees: Self.unique(people(card))))
            }
        case .tasks:
            for list in board.lists where includeArchived || !(list.closed ?? false) {
                let inList = cards.filter { $0.list.id == list.id }
                let lines = inList.map { "- " + Self.trimmed($0.card.name) + ($0.due.map { " (due \($0))" } ?? "") }
                let name = Self.limited(Self.trimmed(list.name), Self.nameLimit)
                guard !name.isEmpty else { continue }
                planned.append(
                    Task(
                        externalID: list.id, name: name, description: Self.limited(lines.joined(separator: "\n"), Self.descriptionLimit).nilIfEmpty,
                        dueOn: inList.compactMap(\.due).max(), tags: Array(Self.unique(inList.flatMap { tags($0.card) }).prefix(Self.tagLimit)), status: nil,
                        assignees: Self.unique(inList.flatMap { people($0.card) })))
            }
        }
        // Task names are unique in a project: a second card of the same name gets a number.
        var seen: [String: Int] = [:]
        for index in planned.indices {
            let key = planned[index].name.lowercased()
            seen[key, default: 0] += 1
            if let count = seen[key], count > 1 {
                let suffix = " (\(count))"
                planned[index].name = Self.limited(planned[index].name, Self.nameLimit - suffix.count) + suffix
            }
        }
        tasks = planned
        skippedArchived = skipped
        unmatched = unmatchedCards.keys.sorted().map { id in
            let member = members[id]?.member
            return UnmatchedMember(id: id, name: member?.fullName ?? member?.username ?? id, cards: unmatchedCards[id] ?? 0)
        }
    }

    /// A member's collaborator: same e-mail, else same full name, else same user name as
    /// the part of an e-mail before `@` (case-insensitive).
    static func match(_ member: TrelloBoard.Member, in collaborators: [TrelloCollaborator]) -> UserID? {
        if let email = member.email?.lowercased(), let found = collaborators.first(where: { $0.email.lowercased() == email }) { return found.id }
        if let name = member.fullName.map(trimmed)?.lowercased(), !name.isEmpty,
            let found = collaborators.first(where: { $0.name.lowercased() == name })
        {
            return found.id
        }
        if let username = member.username?.lowercased(), !username.isEmpty,
            let found = collaborators.first(where: { $0.email.lowercased().split(separator: "@").first.map(String.init) == username })
        {
            return found.id
        }
        return nil
    }

    /// The card's description, then each checklist as `- [x] item` lines.
    static func description(_ card: TrelloBoard.Card, checklists: [TrelloBoard.Checklist]) -> String? {
        var parts: [String] = []
        if let desc = card.desc.map(trimmed), !desc.isEmpty { parts.append(desc) }
        for checklist in checklists {
            let items = (checklist.checkItems ?? []).map { "- [\($0.state == "complete" ? "x" : " ")] \(trimmed($0.name))" }
            parts.append((["\(trimmed(checklist.name ?? "Checklist")):"] + items).joined(separator: "\n"))
        }
        return limited(parts.joined(separator: "\n\n"), descriptionLimit).nilIfEmpty
    }

    /// The UTC date of an ISO 8601 instant (`2026-03-01T11:00:00.000Z`), or of a plain date.
    static func date(_ text: String) -> LocalDate? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let instant = formatter.date(from: text) ?? plain.date(from: text) else { return LocalDate(iso: text) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }

    /// Without surrounding white space, and without NUL characters (which PostgreSQL text cannot hold).
    public static func trimmed(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{0}", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func limited(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
