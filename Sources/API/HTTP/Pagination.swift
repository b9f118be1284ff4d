import Domain
import Foundation
public import Services
public import Hummingbird

/// `limit` and `cursor` of a list request (SPEC §6: limit ≤ 200, opaque cursor).
public struct PageRequest: Sendable {
    public static let defaultLimit = 50
    public static let maxLimit = 200

    public let limit: Int
    /// The sort key of the last item of the previous page, decoded from the cursor.
    public let after: [String]?

    public init(limit: Int = PageRequest.defaultLimit, after: [String]? = nil) {
        self.limit = limit
        self.after = after
    }

    /// Reads `limit` and `cursor` from the query string; bad values are a 422 naming the field.
    public init(_ request: Request) throws {
        var errors: [FieldError] = []
        var limit = Self.defaultLimit
        if let raw = request.uri.queryParameters.get("limit") {
            if let value = Int(raw), (1...Self.maxLimit).contains(value) { limit = value } else {
                errors.append(FieldError(field: "limit", message: "must be a whole number from 1 to \(Self.maxLimit)"))
            }
        }
        var after: [String]?
        if let raw = request.uri.queryParameters.get("cursor") {
            after = Cursor.decode(raw)
            if after == nil { errors.append(FieldError(field: "cursor", message: "is not a cursor this server issued")) }
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        self.limit = limit
        self.after = after
    }
}

/// Opaque cursors: base64url of the JSON array of the last item's sort key.
public enum Cursor {
    public static func encode(_ key: [String]) -> String {
        let data = (try? JSONEncoder().encode(key)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: String) -> [String]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.count <= 2048, let data = Data(base64Encoded: base64) else { return nil }
        return try? JSONDecoder().decode([String].self, from: data)
    }
}

/// One page of a list: `{"items": […], "next_cursor": "…"|null}`.
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    public let items: [Item]
    /// `null` on the last page, as documented, rather than left out.
    @Nullable public private(set) var nextCursor: String?

    /// Builds a page from up to `limit + 1` fetched rows: the extra row only proves there is more.
    public init(fetched: [Item], limit: Int, key: (Item) -> [String]) {
        if fetched.count > limit {
            items = Array(fetched.prefix(limit))
            nextCursor = items.last.map { Cursor.encode(key($0)) }
        } else {
            items = fetched
            nextCursor = nil
        }
    }
}
