public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started by a test (e.g. the real `sheaf serve`), with its standard output
/// and standard error in a file, that the test can signal and wait for with a timeout.
///
/// Started with `posix_spawn` and reaped with `waitpid`, not with `Foundation.Process`:
/// corelibs Foundation notices a child's exit through a descriptor the child inherits,
/// which can hang. The child gets its own environment (no inheritance by accident), an
/// empty signal mask and default signal dispositions (a test runner that ignores SIGINT
/// or blocks signals in some thread must not pass that on), `/dev/null` as standard
/// input and, where glibc offers it, no other inherited descriptors.
///
/// Once the child has been reaped its pid may belong to another process: `send(_:)`
/// then does nothing, so a late signal can never hit a stranger.
public final class ChildProcess: Sendable {
    /// How a child ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)
        /// Someone else in this process reaped it (`waitpid` said ECHILD).
        case unknown

        public var description: String {
            switch self {
            case .exited(let code): "exited with status \(code)"
            case .signalled(let signal): "killed by signal \(signal)"
            case .unknown: "ended, reaped elsewhere (status unknown)"
            }
        }
    }

    public let pid: pid_t
    public let executable: String
    /// Where the child's standard output and standard error go.
    public let outputPath: String
    /// Set once, when `waitpid` has reaped the child.
    private let termination = Mutex<Termination?>(nil)

    /// Starts `executable` (an absolute path) with `arguments` and exactly `environment`.
    /// Standard output and standard error are written to `outputPath` (created or
    /// truncated).
    public init(executable: String, arguments: [String] = [], environment: [String: String], outputPath: String) throws {
        self.executable = executable
        self.outputPath = outputPath

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        Self.closeOtherDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw TestSetupError(message: "could not start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    deinit {
        // A test that forgot (or failed before) stopping its child must not leave it running.
        forceStop()
    }

    /// Everything the child has written so far.
    public var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` (e.g. `SIGTERM`). Returns false when the child has already been
    /// reaped (the signal was not sent).
    @discardableResult
    public func send(_ signal: Int32) -> Bool {
        termination.withLock { termination in
            // Under the lock: the child cannot be reaped (and its pid reused) meanwhile.
            guard termination == nil else { return false }
            return kill(pid, signal) == 0
        }
    }

    /// How the child ended, or nil while it runs. Never blocks.
    public func poll() -> Termination? {
        termination.withLock { termination in
            if let termination { return termination }
            var status: Int32 = 0
            var reaped: pid_t
            repeat {
                reaped = waitpid(pid, &status, WNOHANG)
            } while reaped == -1 && errno == EINTR
            if reaped == -1 && errno == ECHILD {
                termination = .unknown
                return termination
            }
            guard reaped == pid else { return nil }
            termination = Self.decode(status)
            return termination
        }
    }

    /// True until the child has exited.
    public var isRunning: Bool { poll() == nil }

    /// Waits until the child has exited, at most `timeout`; nil if it still runs then.
    public func wait(timeout: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let termination = poll() { return termination }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Kills the child with SIGKILL if it still runs, and reaps it. For clean-up paths.
    public func forceStop() {
        guard send(SIGKILL) else { return }
        termination.withLock { termination in
            guard termination == nil else { return }
            var status: Int32 = 0
            var reaped: pid_t
            repeat {
                reaped = waitpid(pid, &status, 0)
            } while reaped == -1 && errno == EINTR
            termination = reaped == pid ? Self.decode(status) : .unknown
        }
    }

    /// The `WIFEXITED`/`WEXITSTATUS`/`WTERMSIG` macros, which Swift does not import.
    private static func decode(_ status: Int32) -> Termination {
        status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
    }

    /// Closes every descriptor above 2 in the child (glibc 2.34+), so the child holds no
    /// socket or pipe of the test process. Looked up at run time: Swift does not import
    /// this GNU extension.
    private static func closeOtherDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        #if canImport(Glibc)
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW),
            let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np")
        else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        #endif
    }
}
