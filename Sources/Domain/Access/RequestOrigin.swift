/// Where a change came from, recorded with it.
public struct RequestOrigin: Sendable {
    public let requestID: String?
    public let clientAddress: String?
    public init(requestID: String?, clientAddress: String?) {
        self.requestID = requestID
        self.clientAddress = clientAddress
    }
    public static let commandLine = RequestOrigin(requestID: nil, clientAddress: "cli")
}
