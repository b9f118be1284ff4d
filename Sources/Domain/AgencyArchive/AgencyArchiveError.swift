/// Why an agency archive was not imported (issue 16 item 5); the message is for the
/// operator running `sheaf import-agency`, and names what to do.
public struct AgencyArchiveError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
