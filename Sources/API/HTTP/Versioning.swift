import Domain
public import Hummingbird

/// ETag / If-Match for optimistic concurrency: an entity's integer `version` is its
/// strong ETag (`"7"`). Updates must send `If-Match`; a stale one becomes 412.
public enum Versioning {
    /// The ETag header value of a version.
    public static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version the client read, from `If-Match`. Missing → 428, malformed → 422.
    public static func requiredVersion(_ request: Request) throws -> Int {
        guard let header = request.headers[.ifMatch] else { throw PreconditionRequired() }
        var value = header.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("W/") { value.removeFirst(2) }
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let version = Int(value), version >= 0 else {
            throw DomainError.invalid(field: "If-Match", message: "must be the ETag of the entity, e.g. \"3\"")
        }
        return version
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
