import Domain
public import Hummingbird

/// ETag / If-Match for optimistic concurrency: an entity's integer `version` is its
/// strong ETag (`"7"`). Updates must send `If-Match`; a stale one becomes 412.
public enum Versioning {
    /// The ETag header value of a version.
    public static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version the client read, from `If-Match`: `"3"`, `W/"3"` or `3` (what the
    /// document's pattern says). Missing → 428, anything else → 400 (a malformed header,
    /// like a malformed Idempotency-Key).
    public static func requiredVersion(_ request: Request) throws -> Int {
        guard let header = request.headers[.ifMatch] else { throw PreconditionRequired() }
        var value = Substring(header.trimmingCharacters(in: .whitespaces))
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
        guard (1...18).contains(value.count), value.allSatisfy({ ("0"..."9").contains($0) }), let version = Int(value) else {
            throw MalformedIfMatch()
        }
        return version
    }
}

/// 400: `If-Match` that is not an ETag this server issues.
public struct MalformedIfMatch: ProblemConvertible {
    var problem: Problem {
        Problem(
            status: .badRequest, code: "bad_if_match", detail: "If-Match must be the ETag you read, e.g. \"3\".",
            errors: [FieldError(field: "If-Match", message: "must be the ETag of the entity, e.g. \"3\"")])
    }
}

/// 428: the update needs `If-Match`.
public struct PreconditionRequired: ProblemConvertible {
    var problem: Problem {
        Problem(
            status: .preconditionRequired, code: "precondition_required",
            detail: "Send If-Match with the ETag you read, so concurrent edits are not lost.")
    }
}

extension Response {
    /// Sets `ETag` from an entity version.
    public mutating func setVersion(_ version: Int) {
        headers[.eTag] = Versioning.etag(version)
    }
}

import Foundation
