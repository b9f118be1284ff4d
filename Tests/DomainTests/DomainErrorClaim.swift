import Domain
import Testing

/// What a test claims about a thrown `DomainError` when its exact sentence is not the
/// point (the sentence names a state, a limit or an id): the case, and for `invalid`
/// the fields, in order. Where the sentence is the point, expect the exact value
/// instead: `#expect(throws: DomainError.conflict("…"))`.
enum DomainErrorClaim: CustomStringConvertible {
    /// `.conflict`, whatever its sentence.
    case conflict
    /// `.invalid` on exactly these fields.
    case invalid(fields: [String])

    func isMet(by error: DomainError) -> Bool {
        switch (self, error) {
        case (.conflict, .conflict): true
        case (.invalid(let fields), .invalid(let errors)): errors.map(\.field) == fields
        default: false
        }
    }

    var description: String {
        switch self {
        case .conflict: "DomainError.conflict"
        case .invalid(let fields): "DomainError.invalid on \(fields)"
        }
    }
}

/// Expects `body` to throw a `DomainError` that meets `claim`.
func expectDomainError<T>(
    _ claim: DomainErrorClaim, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        _ = try body()
        Issue.record("expected \(claim), but nothing was thrown \(comment.map { "(\($0))" } ?? "")", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        #expect(claim.isMet(by: error), "expected \(claim), got \(error) \(comment.map { "(\($0))" } ?? "")", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(claim), got \(error) \(comment.map { "(\($0))" } ?? "")", sourceLocation: sourceLocation)
    }
}
