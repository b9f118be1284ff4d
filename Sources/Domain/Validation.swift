/// Collects field errors so that all problems of an input are reported at once.
///
/// ```swift
/// var validation = Validation()
/// validation.require(!name.isEmpty, field: "name", message: "Enter a name.")
/// validation.require(minutes > 0, field: "minutes", message: "Enter more than 0 minutes.")
/// try validation.throwIfInvalid()
/// ```
public struct Validation: Sendable, Hashable {
    /// The errors collected so far, in the order they were found.
    public private(set) var errors: [FieldError] = []

    /// An empty validation.
    public init() {}

    /// Whether no error has been collected.
    public var isValid: Bool { errors.isEmpty }

    /// Records an error for `field` unless `condition` holds.
    public mutating func require(_ condition: Bool, field: String, message: String) {
        if !condition { add(field: field, message: message) }
    }

    /// Records an error for `field`.
    public mutating func add(field: String, message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Records several errors, e.g. those returned by another validator.
    public mutating func add(contentsOf more: some Sequence<FieldError>) {
        errors.append(contentsOf: more)
    }

    /// Runs a throwing check and records its field errors instead of stopping;
    /// returns the value on success, `nil` on failure. Errors other than
    /// ``DomainError/invalid(_:)`` are rethrown.
    public mutating func collect<Value>(
        _ check: () throws(DomainError) -> Value
    ) throws(DomainError) -> Value? {
        do throws(DomainError) {
            return try check()
        } catch {
            guard case .invalid(let fieldErrors) = error else { throw error }
            add(contentsOf: fieldErrors)
            return nil
        }
    }

    /// Throws ``DomainError/invalid(_:)`` with every collected error, if any.
    public func throwIfInvalid() throws(DomainError) {
        if !errors.isEmpty { throw .invalid(errors) }
    }
}
