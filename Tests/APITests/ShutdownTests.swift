import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Postgres
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `sheaf serve` process on SIGTERM: stops accepting connections, finishes the
/// requests it is serving, and exits 0.
@Suite struct ShutdownTests {
    @Test func sigtermDrainsTheInFlightRequestRefusesNewConnectionsAndExitsZero() async throws {
        try await TestDatabase.withFresh { database in
            let server = try await SheafServerProcess.start(databaseURL: database.appConnectionString)
            defer { server.stop() }
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                try await Self.drain(server: server, client: client, database: database)
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    enum Transport: String, CaseIterable, Sendable { case plain, tls }

    /// Issue 11 item 2: on SIGTERM, keep-alive clients used to send their next request
    /// into a connection that was about to close (the answer in flight did not say
    /// `Connection: close`); over TLS that request was even executed and its answer
    /// lost, and an idle TLS connection held the shutdown for 5 s.
    ///
    /// Writers keep POSTing on their own keep-alive connections; the inserts are then held
    /// by a table lock so that every writer has a request in flight at SIGTERM. Beside them:
    /// an idle connection that reads, an idle one that no longer reads (a pooled
    /// connection nobody uses), and one that sends another request after the signal.
    @Test(arguments: Transport.allCases)
    func sigtermAnswersEveryRequestItExecutedOnKeepAliveConnectionsAndClosesIdleOnesAtOnce(transport: Transport) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let token = try #require(try await world.token(.admin))
            let server = try await SheafServerProcess.start(databaseURL: database.appConnectionString, tls: transport == .tls, poolSize: 12)
            defer { server.stop() }
            let owner = await database.makePool(asOwner: true, size: 2)
            try await Self.keepAliveDrain(server: server, tls: transport == .tls, token: token, owner: owner)
            await owner.shutdown()
            await pool.shutdown()
        }
    }

    private static func keepAliveDrain(server: SheafServerProcess, tls: Bool, token: String, owner: PostgresPool) async throws {
        let writerCount = 6
        var writers: [RawHTTPConnection] = []
        for _ in 0..<writerCount { writers.append(try await RawHTTPConnection.open(port: server.port, tls: tls)) }
        let late = try await RawHTTPConnection.open(port: server.port, tls: tls)
        let idle = try await RawHTTPConnection.open(port: server.port, tls: tls)
        let deaf = try await RawHTTPConnection.open(port: server.port, tls: tls)
        for connection in [idle, deaf] {
            let warmUp = try await connection.send(healthRequest)
            try #require(warmUp.status == 200 && !warmUp.closesConnection, "warm-up GET /healthz: \(warmUp)")
        }
        try await deaf.stopReading()

        let log = DrainLog()
        let signalled = SignalMoment()
        let runs = writers.enumerated().map { index, connection in
            Task { await keepWriting(on: connection, name: "drain-w\(index)", token: token, log: log, signalled: signalled) }
        }
        // Some keep-alive traffic first, then every writer's next insert waits on the lock.
        try await Task.sleep(for: .milliseconds(300))
        let lateAnswers: [RawHTTPResponse] = try await owner.withConnection { lock in
            try await lock.execute("BEGIN")
            try await lock.execute("LOCK TABLE clients IN EXCLUSIVE MODE")
            try await late.write(createClientRequest(name: "drain-late-1", token: token))
            try await waitUntil("every writer's insert waits on the lock", timeout: .seconds(10)) {
                try await owner.queryOne(
                    "SELECT count(*) AS waiting FROM pg_locks WHERE NOT granted AND relation = 'clients'::regclass"
                ).decode("waiting", as: Int.self) >= writerCount + 1
            }
            try #require(server.process.send(SIGTERM), "could not signal sheaf serve: \(server.log)")
            await signalled.set(ContinuousClock.now)
            try await Task.sleep(for: .milliseconds(100))
            // Sent after the drain began, behind a request still in flight: never executed.
            try? await late.write(createClientRequest(name: "drain-late-2", token: token))
            // The idle connection that reads is closed at once.
            let idleClosed = await idle.closes(within: .milliseconds(300))
            #expect(idleClosed, "an idle keep-alive connection was still open 400 ms after SIGTERM")
            try await lock.execute("COMMIT")
            var answers: [RawHTTPResponse] = []
            while let answer = try? await late.nextResponse() { answers.append(answer) }
            return answers
        }
        let released = ContinuousClock.now
        for run in runs { await run.value }

        // The process exits as soon as the last answer is out: no idle connection (TLS or
        // not, read or not) holds it.
        let termination = await server.process.wait(timeout: .seconds(10))
        let exitedAfter = ContinuousClock.now - released
        #expect(termination == .exited(0), "sheaf serve after SIGTERM: \(termination.map { "\($0)" } ?? "still running after 10 s")\n\(server.log)")
        #expect(exitedAfter < .seconds(2), "sheaf serve exited \(exitedAfter) after its last request was released\n\(server.log)")

        let executed = try await owner.queryOne("SELECT count(*) AS n FROM clients WHERE name LIKE 'drain-w%'").decode("n", as: Int.self)
        let lateExecuted = try await owner.queryOne("SELECT count(*) AS n FROM clients WHERE name LIKE 'drain-late-%'").decode("n", as: Int.self)
        let entries = await log.entries
        let answered = entries.filter { $0.status == 201 }
        #expect(entries.allSatisfy { $0.status == nil || $0.status == 201 }, "writers got answers other than 201: \(entries)")
        #expect(answered.count > writerCount, "too little traffic to say anything: \(entries)")
        #expect(executed == answered.count, "\(executed) inserts executed but \(answered.count) answered: \(entries)")
        let inFlightAtSignal = entries.filter(\.inFlightAtSignal)
        #expect(inFlightAtSignal.count == writerCount, "every writer had a request in flight at SIGTERM: \(entries)")
        #expect(inFlightAtSignal.allSatisfy { $0.status == 201 && $0.closesConnection }, "an answer in flight at SIGTERM without Connection: close: \(inFlightAtSignal)")
        #expect(lateAnswers.map(\.status) == [201] && lateAnswers.first?.closesConnection == true, "late connection answers: \(lateAnswers)")
        #expect(lateExecuted == lateAnswers.count, "\(lateExecuted) late inserts executed but \(lateAnswers.count) answered")
        for connection in writers + [late, idle, deaf] { await connection.close() }
    }

    /// POSTs a new client after each answer on `connection`, until an answer says
    /// `Connection: close` or the connection ends (what a keep-alive client does).
    private static func keepWriting(on connection: RawHTTPConnection, name: String, token: String, log: DrainLog, signalled: SignalMoment) async {
        for sequence in 1... {
            let sent = ContinuousClock.now
            let signalBefore = await signalled.value
            var entry = DrainLog.Entry(name: "\(name)-\(sequence)", sent: sent, status: nil, closesConnection: false, inFlightAtSignal: false)
            do {
                let answer = try await connection.send(createClientRequest(name: entry.name, token: token))
                entry.status = answer.status
                entry.closesConnection = answer.closesConnection
            } catch {}
            let signalAfter = await signalled.value
            entry.inFlightAtSignal = signalBefore == nil && signalAfter != nil
            await log.append(entry)
            if entry.status == nil || entry.closesConnection { return }
        }
    }

    private static let healthRequest = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    private static func createClientRequest(name: String, token: String) -> String {
        let body = #"{"name":"\#(name)"}"#
        return "POST /api/v1/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    private static func drain(server: SheafServerProcess, client: HTTPClient, database: FreshDatabase) async throws {
        // Make /readyz slow: its `SELECT … FROM schema_migrations` waits for this lock.
        let owner = await database.makePool(asOwner: true, size: 2)
        let inFlight = try await owner.withConnection { lock in
            try await lock.execute("BEGIN")
            try await lock.execute("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE")

            let url = "\(server.baseURL)/readyz"
            let sent = ContinuousClock.now
            let request = Task { try await get(client, url, timeout: .seconds(30)) }
            // The request must really be inside the server, waiting on the lock.
            try await waitUntil("the /readyz query waits on the lock", timeout: .seconds(10)) {
                try await owner.queryOne(
                    "SELECT count(*) AS waiting FROM pg_locks WHERE NOT granted AND relation = 'schema_migrations'::regclass"
                ).decode("waiting", as: Int.self) > 0
            }
            try await Task.sleep(until: sent + .milliseconds(300))

            let signalled = ContinuousClock.now
            try #require(server.process.send(SIGTERM), "could not signal sheaf serve: \(server.log)")

            // While draining: no new connections (or the process is gone already, which the
            // checks below report as a failure of their own).
            let newConnection = await connectionAttempts(port: server.port, process: server.process, until: signalled + .milliseconds(600))
            #expect(newConnection != .accepted, "a new connection was accepted 600 ms after SIGTERM")

            try await Task.sleep(until: signalled + .milliseconds(700))
            #expect(server.process.isRunning, "sheaf serve exited before its in-flight request finished: \(server.log)")
            try await lock.execute("COMMIT")
            return request
        }

        let (status, body) = try await inFlight.value
        #expect(status == .ok, "in-flight /readyz answered \(status): \(body)\n\(server.log)")

        let termination = await server.process.wait(timeout: .seconds(10))
        #expect(termination == .exited(0), "sheaf serve after SIGTERM: \(termination.map { "\($0)" } ?? "still running after 10 s")\n\(server.log)")
        #expect(tryConnect(port: server.port) == .refused, "something still listens on \(server.port) after sheaf serve exited")
    }
}

// MARK: - The server process

/// `sheaf serve` started from the binary built beside the tests, on a free port of
/// 127.0.0.1, logging to a file.
struct SheafServerProcess {
    let process: ChildProcess
    let port: Int
    let tls: Bool
    var baseURL: String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }
    var log: String { "--- sheaf serve log (\(process.outputPath)) ---\n\(process.output)--- end of log ---" }

    /// Starts the server and waits until `/healthz` answers. Retries on another port if
    /// the one chosen was taken meanwhile.
    /// `extra`: more environment (e.g. `SHEAF_SENDMAIL`, a libfaketime preload);
    /// `launcher`: a program and arguments that exec the binary (given after them, with
    /// `serve`) in the same process.
    static func start(
        databaseURL: String, tls: Bool = false, poolSize: Int = 2, attempts: Int = 3, extra: [String: String] = [:],
        launcher: [String] = []
    ) async throws -> SheafServerProcess {
        let binary = try sheafBinary()
        for attempt in 1...attempts {
            let port = try freePort()
            var environment = ProcessInfo.processInfo.environment
            for name in ["SHEAF_TLS_CERT", "SHEAF_TLS_KEY", "SHEAF_TRUSTED_PROXIES", "SHEAF_MIGRATION_DATABASE_URL"] {
                environment[name] = nil
            }
            environment["DATABASE_URL"] = databaseURL
            environment["SHEAF_HOST"] = "127.0.0.1"
            environment["SHEAF_PORT"] = "\(port)"
            environment["SHEAF_DB_POOL_SIZE"] = "\(poolSize)"
            if tls {
                let certificate = try TestCertificate.make()
                environment["SHEAF_TLS_CERT"] = certificate.certificatePath
                environment["SHEAF_TLS_KEY"] = certificate.keyPath
            }
            environment["SHEAF_LOG_LEVEL"] = "info"
            environment["SHEAF_LINK_SECRET"] = String(repeating: "5e", count: 32)
            environment.merge(extra) { _, new in new }
            let logPath = FileManager.default.temporaryDirectory
                .appending(path: "sheaf-serve-\(UUID().uuidString.prefix(8)).log").path
            let process = try ChildProcess(
                executable: launcher.first ?? binary, arguments: Array(launcher.dropFirst()) + (launcher.isEmpty ? [] : [binary]) + ["serve"],
                environment: environment, outputPath: logPath)
            let server = SheafServerProcess(process: process, port: port, tls: tls)
            switch await server.waitUntilHealthy(timeout: .seconds(30)) {
            case .healthy:
                return server
            case .exited(let termination):
                let output = process.output
                if attempt < attempts, output.contains("Address already in use") { continue }
                throw ShutdownTestError("sheaf serve did not start (\(termination)):\n\(server.log)")
            case .timedOut:
                process.forceStop()
                throw ShutdownTestError("sheaf serve did not answer /healthz within 30 s:\n\(server.log)")
            }
        }
        throw ShutdownTestError("sheaf serve found no free port in \(attempts) attempts")
    }

    enum Startup { case healthy, exited(ChildProcess.Termination), timedOut }

    func waitUntilHealthy(timeout: Duration) async -> Startup {
        let deadline = ContinuousClock.now + timeout
        var configuration = HTTPClient.Configuration()
        if tls {
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            tlsConfiguration.certificateVerification = .none  // the tests' certificate is self-signed
            configuration.tlsConfiguration = tlsConfiguration
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var outcome = Startup.timedOut
        while ContinuousClock.now < deadline {
            if let termination = process.poll() {
                outcome = .exited(termination)
                break
            }
            if let (status, _) = try? await get(client, "\(baseURL)/healthz", timeout: .seconds(1)), status == .ok {
                outcome = .healthy
                break
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        try? await client.shutdown()
        return outcome
    }

    /// SIGKILL if still running; removes the log when the server exited cleanly.
    func stop() {
        process.forceStop()
        if process.poll() == .exited(0) { try? FileManager.default.removeItem(atPath: process.outputPath) }
    }

    /// The `sheaf` executable of this build: beside the test bundle (`swift test` builds
    /// every product into the same directory), else `.build/debug/sheaf` under the
    /// package root.
    static func sheafBinary() throws -> String {
        var candidates: [URL] = []
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(testBinary.deletingLastPathComponent().appending(path: "sheaf"))
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appending(path: "Package.swift").path) {
                candidates.append(directory.appending(path: ".build/debug/sheaf"))
                break
            }
            directory.deleteLastPathComponent()
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ShutdownTestError("no sheaf executable found; looked at \(candidates.map(\.path)). Run `swift build` first.")
        }
        return found.path
    }
}

// MARK: - Small helpers

/// What each writer sent and got, in the order the answers came.
private actor DrainLog {
    struct Entry: Sendable, CustomStringConvertible {
        let name: String
        let sent: ContinuousClock.Instant
        var status: Int?
        var closesConnection: Bool
        /// Sent before SIGTERM, answered (or failed) after it.
        var inFlightAtSignal: Bool
        var description: String {
            "\(name): \(status.map(String.init) ?? "no answer")\(closesConnection ? " close" : "")\(inFlightAtSignal ? " (in flight at SIGTERM)" : "")"
        }
    }
    private(set) var entries: [Entry] = []
    func append(_ entry: Entry) { entries.append(entry) }
}

private actor SignalMoment {
    private(set) var value: ContinuousClock.Instant?
    func set(_ instant: ContinuousClock.Instant) { value = instant }
}

extension RawHTTPConnection {
    /// True when the connection is closed within `timeout` (it is read, so a FIN is seen).
    fileprivate func closes(within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while channel.isActive {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

private struct ShutdownTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private func get(_ client: HTTPClient, _ url: String, timeout: TimeAmount) async throws -> (HTTPResponseStatus, String) {
    let response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
    let body = try await response.body.collect(upTo: 1 << 20)
    return (response.status, String(buffer: body))
}

private func waitUntil(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !(try await condition()) {
        guard ContinuousClock.now < deadline else { throw ShutdownTestError("timed out waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

private enum ConnectOutcome: Equatable { case accepted, refused, failed(Int32), processGone }

/// Tries new TCP connections until one is refused, the process has exited, or `deadline`
/// (then the last outcome, `.accepted` if the listener never closed).
private func connectionAttempts(port: Int, process: ChildProcess, until deadline: ContinuousClock.Instant) async -> ConnectOutcome {
    var outcome = ConnectOutcome.accepted
    repeat {
        if !process.isRunning { return .processGone }
        outcome = tryConnect(port: port)
        if outcome != .accepted { return outcome }
        try? await Task.sleep(for: .milliseconds(20))
    } while ContinuousClock.now < deadline
    return outcome
}

/// One blocking connect to 127.0.0.1:`port` (immediate on the loopback interface).
private func tryConnect(port: Int) -> ConnectOutcome {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { return .failed(errno) }
    defer { close(descriptor) }
    var address = loopback(port: port)
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    if result == 0 { return .accepted }
    return errno == ECONNREFUSED ? .refused : .failed(errno)
}

/// A port of 127.0.0.1 that was free a moment ago (the kernel's pick for port 0).
private func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { throw ShutdownTestError("socket() failed: errno \(errno)") }
    defer { close(descriptor) }
    var address = loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw ShutdownTestError("bind() failed: errno \(errno)") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard named == 0 else { throw ShutdownTestError("getsockname() failed: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}

private func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
}
