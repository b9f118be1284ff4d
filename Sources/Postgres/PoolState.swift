import Synchronization

/// The pool's bookkeeping: idle connections, how many are open, who waits.
///
/// A mutex rather than an actor: leasing and releasing are a few instructions, and
/// an actor hop on each (two per statement) cost more thread wake-ups than the query
/// itself under load. A caller suspends only when it really has to wait.
final class PoolState: Sendable {
    enum Grant {
        case connection(PostgresConnection)
        /// The caller may open a new connection (a slot is reserved for it).
        case create(id: Int)
    }

    private struct Waiter {
        let continuation: CheckedContinuation<Grant, any Error>
        let deadline: ContinuousClock.Instant
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiters: [Waiter] = []
        var closed = false
        var nextID = 0
        var reaperRunning = false

        mutating func newID() -> Int {
            nextID += 1
            return nextID
        }
    }

    /// What the fast path decided.
    private enum Attempt {
        case granted(Grant)
        case mustWait
        case closed
    }

    private let capacity: Int
    private let leaseTimeout: Duration
    private let state = Mutex(State())
    static let reaperInterval: Duration = .milliseconds(20)

    init(capacity: Int, leaseTimeout: Duration) {
        self.capacity = capacity
        self.leaseTimeout = leaseTimeout
    }

    func acquire() async throws -> Grant {
        switch tryAcquire() {
        case .granted(let grant): return grant
        case .closed: throw Self.closedError
        case .mustWait: break
        }
        let deadline = ContinuousClock.now + leaseTimeout
        return try await withCheckedThrowingContinuation { continuation in
            // Re-check under the lock: a connection may have come back meanwhile.
            let (attempt, startReaper) = state.withLock { state -> (Attempt, Bool) in
                if state.closed { return (.closed, false) }
                if let grant = Self.grantIfPossible(&state, capacity: capacity) { return (.granted(grant), false) }
                state.waiters.append(Waiter(continuation: continuation, deadline: deadline))
                let start = !state.reaperRunning
                state.reaperRunning = true
                return (.mustWait, start)
            }
            switch attempt {
            case .granted(let grant): continuation.resume(returning: grant)
            case .closed: continuation.resume(throwing: Self.closedError)
            case .mustWait: if startReaper { self.startReaper() }
            }
        }
    }

    private func tryAcquire() -> Attempt {
        state.withLock { state in
            if state.closed { return .closed }
            if let grant = Self.grantIfPossible(&state, capacity: capacity) { return .granted(grant) }
            return .mustWait
        }
    }

    /// An idle connection that still looks alive, else a slot to open one, else nil.
    private static func grantIfPossible(_ state: inout State, capacity: Int) -> Grant? {
        while let connection = state.idle.popLast() {
            if connection.looksAlive() { return .connection(connection) }
            state.open -= 1
        }
        if state.open < capacity {
            state.open += 1
            return .create(id: state.newID())
        }
        return nil
    }

    func release(_ connection: PostgresConnection) {
        let handOff: (Waiter, Grant)? = state.withLock { state in
            if connection.isBroken || state.closed {
                state.open -= 1
                guard !state.closed, !state.waiters.isEmpty else { return nil }
                state.open += 1
                return (state.waiters.removeFirst(), .create(id: state.newID()))
            }
            guard !state.waiters.isEmpty else {
                state.idle.append(connection)
                return nil
            }
            return (state.waiters.removeFirst(), .connection(connection))
        }
        if let (waiter, grant) = handOff { waiter.continuation.resume(returning: grant) }
    }

    /// A reserved slot could not be filled (the database is down): free it and let the
    /// next waiter try for itself rather than wait out its whole timeout.
    func creationFailed() {
        let next: (Waiter, Int)? = state.withLock { state in
            state.open -= 1
            guard !state.waiters.isEmpty else { return nil }
            state.open += 1
            return (state.waiters.removeFirst(), state.newID())
        }
        if let (waiter, id) = next { waiter.continuation.resume(returning: .create(id: id)) }
    }

    func close() {
        let waiting: [Waiter] = state.withLock { state in
            state.closed = true
            state.open -= state.idle.count
            state.idle.removeAll()
            let waiting = state.waiters
            state.waiters.removeAll()
            return waiting
        }
        for waiter in waiting { waiter.continuation.resume(throwing: Self.closedError) }
    }

    func statistics() -> PoolStatistics {
        state.withLock { state in
            PoolStatistics(open: state.open, inUse: state.open - state.idle.count, waiters: state.waiters.count, capacity: capacity)
        }
    }

    /// One task expires overdue waiters while any wait, then ends.
    private func startReaper() {
        Task { [weak self] in
            while true {
                try? await Task.sleep(for: PoolState.reaperInterval)
                guard let self, self.expireOverdue() else { return }
            }
        }
    }

    /// Fails every waiter past its deadline; returns false when nobody waits any more.
    private func expireOverdue() -> Bool {
        let now = ContinuousClock.now
        let (expired, keepGoing): ([Waiter], Bool) = state.withLock { state in
            let expired = state.waiters.filter { $0.deadline <= now }
            state.waiters.removeAll { $0.deadline <= now }
            if state.waiters.isEmpty { state.reaperRunning = false }
            return (expired, !state.waiters.isEmpty)
        }
        for waiter in expired {
            waiter.continuation.resume(
                throwing: PostgresError(
                    kind: .poolTimeout, message: "no database connection became free within \(leaseTimeout) (all \(capacity) in use)"))
        }
        return keepGoing
    }

    private static let closedError = PostgresError(kind: .poolClosed, message: "the connection pool is shut down")
}

/// The number of statements a pool has sent; shared by its sessions.
final class StatementCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() {
        count.add(1, ordering: .relaxed)
    }

    var value: Int { count.load(ordering: .relaxed) }
}
