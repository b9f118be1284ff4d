public import Foundation

/// A Trello board's "Export as JSON" file (issue 16 item 1): the parts an import reads.
/// Fields the import does not use (`actions`, positions, colours of lists…) are
/// ignored; a missing optional field reads as empty.
public struct TrelloBoard: Decodable, Sendable {
    public struct List: Decodable, Sendable {
        public let id: String
        public let name: String
        public let closed: Bool?
    }

    public struct Label: Decodable, Sendable {
        public let id: String
        public let name: String?
        public let color: String?
    }

    public struct Card: Decodable, Sendable {
        public let id: String
        public let name: String
        public let desc: String?
        public let closed: Bool?
        /// ISO 8601 instant (`2026-03-01T11:00:00.000Z`), or null.
        public let due: String?
        public let idList: String
        public let idMembers: [String]?
        public let idLabels: [String]?
        public let labels: [Label]?
    }

    public struct CheckItem: Decodable, Sendable {
        public let name: String
        /// `complete` or `incomplete`.
        public let state: String?
    }

    public struct Checklist: Decodable, Sendable {
        public let id: String
        public let name: String?
        public let idCard: String
        public let checkItems: [CheckItem]?
    }

    public struct Member: Decodable, Sendable {
        public let id: String
        public let fullName: String?
        public let username: String?
        /// Not in every export: Trello writes it only for some accounts.
        public let email: String?
    }

    public let id: String
    public let name: String
    public let lists: [List]
    public let cards: [Card]
    public let checklists: [Checklist]?
    public let members: [Member]?
    public let labels: [Label]?

    /// Reads an export, or throws a 422 naming where it stops being one
    /// (`cards[3].idList: is missing`).
    public static func read(_ data: Data) throws(DomainError) -> TrelloBoard {
        do {
            return try JSONDecoder().decode(TrelloBoard.self, from: data)
        } catch let error as DecodingError {
            throw DomainError.invalid(field: Self.path(of: error), message: Self.message(of: error))
        } catch {
            throw DomainError.invalid(field: "body", message: "is not a Trello board export (JSON)")
        }
    }

    private static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context? =
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context
            case .keyNotFound(let key, let context): DecodingError.Context(codingPath: context.codingPath + [key], debugDescription: "")
            @unknown default: nil
            }
        var path = ""
        for key in context?.codingPath ?? [] {
            if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
        }
        return path.isEmpty ? "body" : path
    }

    private static func message(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound: "is missing: a Trello board export has it"
        case .typeMismatch, .valueNotFound: "has the wrong type for a Trello board export"
        case .dataCorrupted: "is not a Trello board export (JSON)"
        @unknown default: "is not a Trello board export"
        }
    }
}
