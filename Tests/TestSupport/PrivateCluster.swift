public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of a test's own, for tests that stop, restart or cut off the
/// server: doing that to the shared cluster would break every test running beside it.
///
/// Uses the binaries and the non-root user that `scripts/test` exports
/// (`SHEAF_TEST_PG_CTL`, `SHEAF_TEST_PG_RUNAS`).
public final class PrivateCluster: Sendable {
    public let directory: URL
    public let port: Int
    let binDirectory: URL
    let runAs: String?

    /// libpq connection string for the superuser on this cluster's `postgres` database.
    public var connectionString: String { "host=\(socketDirectory.path) port=\(port) user=postgres dbname=postgres" }
    var dataDirectory: URL { directory.appending(path: "data") }
    var socketDirectory: URL { directory.appending(path: "sock") }

    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let pgCtl = environment["SHEAF_TEST_PG_CTL"], !pgCtl.isEmpty else {
            throw TestSetupError(message: "SHEAF_TEST_PG_CTL is not set: run the tests through scripts/test")
        }
        binDirectory = URL(fileURLWithPath: pgCtl).deletingLastPathComponent()
        let runAs = environment["SHEAF_TEST_PG_RUNAS"] ?? ""
        self.runAs = runAs.isEmpty ? nil : runAs
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "sheaf-cluster-\(UUID().uuidString.prefix(8))")
        port = Int.random(in: 20_000...29_999)
        try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: socketDirectory.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory.path)
        if let runAs = self.runAs {
            try run("/bin/chown", ["-R", runAs, dataDirectory.path, socketDirectory.path], asPostgres: false)
        }
        try run(
            binDirectory.appending(path: "initdb").path,
            ["-D", dataDirectory.path, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"])
    }

    /// How `pg_ctl stop` ends the server.
    public enum StopMode: String, Sendable {
        /// Backends are told to end (connections cut at once), then a clean shutdown checkpoint.
        case fast
        /// Every process is killed at once, no checkpoint: the next start runs crash recovery.
        case immediate
    }

    /// Starts the server and, unless `waiting` is false, waits until it accepts connections.
    ///
    /// - Parameter durableCommits: `synchronous_commit=on`. The default (off, like the shared
    ///   test cluster) lets an immediate stop lose the last acknowledged commits, which a
    ///   test that stops the server that way and then counts committed rows must not allow.
    public func start(waiting: Bool = true, durableCommits: Bool = false) throws {
        try run(
            binDirectory.appending(path: "pg_ctl").path,
            [
                "-D", dataDirectory.path, "-l", dataDirectory.appending(path: "server.log").path, waiting ? "-w" : "-W", "-t", "30",
                "-o", "-k \(socketDirectory.path) -p \(port) -h '' -c fsync=off -c synchronous_commit=\(durableCommits ? "on" : "off")",
                "start",
            ])
    }

    /// Stops the server, cutting every connection, and waits until it is gone.
    public func stop(mode: StopMode = .fast) throws {
        try run(binDirectory.appending(path: "pg_ctl").path, ["-D", dataDirectory.path, "-m", mode.rawValue, "-w", "stop"])
    }

    /// Stops the server if it runs and removes its files.
    public func destroy() {
        try? stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a command and waits for it. Not `Foundation.Process`: it notices a child's exit
    /// through a descriptor the child inherits, and the server that `pg_ctl start` leaves
    /// behind inherits it too, so `waitUntilExit` would wait for the server to stop.
    private func run(_ executable: String, _ arguments: [String], asPostgres: Bool = true) throws {
        var argv = [executable] + arguments
        if asPostgres, let runAs { argv = ["/usr/sbin/runuser", "-u", runAs, "--"] + argv }
        let logPath = directory.appending(path: "commands.log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw TestSetupError(message: "could not start \(argv[0]): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7F == 0
        guard exited, (status >> 8) & 0xFF == 0 else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw TestSetupError(message: "\(argv.joined(separator: " ")) failed (status \(status)): \(text.suffix(2000))")
        }
    }
}
