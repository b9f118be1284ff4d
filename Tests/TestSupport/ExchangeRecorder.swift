import Foundation
public import Hummingbird
public import HummingbirdCore
public import Logging
public import NIOCore
public import ServiceLifecycle
import Synchronization

/// Records every request/response exchange the tests make with the application, for
/// the OpenAPI response check (`scripts/lib/check_exchanges.py`, run by `scripts/test`).
///
/// Off unless `SHEAF_TEST_EXCHANGES` names a directory: then each test process appends
/// one JSON object per line to `exchanges-<pid>.jsonl` there, with the method, the
/// concrete path, the status, the response content type and, for JSON and problem+json
/// responses, the body as text. Every test client goes through `TestApp.application`,
/// so one wrapper around its responder sees the router, live and HTTPS clients alike.
public final class ExchangeRecorder: Sendable {
    /// The recorder for this process, or nil when recording is off.
    public static let shared: ExchangeRecorder? = {
        guard let directory = ProcessInfo.processInfo.environment["SHEAF_TEST_EXCHANGES"], !directory.isEmpty else { return nil }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = "\(directory)/exchanges-\(ProcessInfo.processInfo.processIdentifier).jsonl"
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            TestDatabase.logger.error("cannot record exchanges", metadata: ["path": "\(path)"])
            return nil
        }
        return ExchangeRecorder(handle: handle)
    }()

    private let handle: Mutex<FileHandle>

    init(handle: FileHandle) { self.handle = Mutex(handle) }

    func record(method: String, path: String, status: Int, contentType: String?, body: String?) {
        var line: [String: Any] = ["method": method, "path": path, "status": status]
        if let contentType { line["content_type"] = contentType }
        if let body { line["body"] = body }
        guard var data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { return }
        data.append(0x0A)
        handle.withLock { $0.write(data) }
    }

    /// JSON bodies are kept (to validate them); other bodies are not.
    static func keepsBody(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return type == "application/json" || type.hasSuffix("+json")
    }
}

/// An application that answers like `Base` and records each exchange.
public struct RecordingApplication<Base: ApplicationProtocol>: ApplicationProtocol {
    public typealias Responder = RecordingResponder<Base.Responder>

    let base: Base
    let recorder: ExchangeRecorder?

    public var responder: Responder {
        get async throws { RecordingResponder(base: try await base.responder, recorder: recorder) }
    }
    public var server: HTTPServerBuilder { base.server }
    public var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    public var configuration: ApplicationConfiguration { base.configuration }
    public var logger: Logger { base.logger }
    public func onServerRunning(_ channel: any Channel) async { await base.onServerRunning(channel) }
    public var services: [any Service] { base.services }
    public var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }
}

public struct RecordingResponder<Base: HTTPResponder>: HTTPResponder {
    public typealias Context = Base.Context

    let base: Base
    let recorder: ExchangeRecorder?

    public func respond(to request: Request, context: Context) async throws -> Response {
        var response = try await base.respond(to: request, context: context)
        guard let recorder else { return response }
        let method = request.method.rawValue
        let path = request.uri.path
        let status = response.status.code
        let contentType = response.headers[.contentType]
        guard ExchangeRecorder.keepsBody(contentType) else {
            recorder.record(method: method, path: path, status: status, contentType: contentType, body: nil)
            return response
        }
        // Record once the body has been written, with what was written.
        let original = response.body
        response.body = ResponseBody(contentLength: original.contentLength) { writer in
            let collected = Mutex(ByteBuffer())
            try await original.map { buffer in
                _ = collected.withLock { $0.writeImmutableBuffer(buffer) }
                return buffer
            }.write(writer)
            let text = collected.withLock { String(buffer: $0) }
            recorder.record(method: method, path: path, status: status, contentType: contentType, body: text)
        }
        return response
    }
}
