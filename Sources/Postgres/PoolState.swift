/// The pool's bookkeeping: idle connections, how many are open, who waits.
actor PoolState {
    enum Grant {
        case connection(PostgresConnection)
        /// The caller may open a new connection (a slot is reserved for it).
        case create(id: Int)
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, any Error>
        let deadline: ContinuousClock.Instant
    }

    private let capacity: Int
    private let leaseTimeout: Duration
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var waiters: [Waiter] = []
    private var closed = false
    private var nextID = 0
    /// One task expires overdue waiters while any wait. (A timer task per waiter cost
    /// more than the query itself under load.)
    private var reaper: Task<Void, Never>?
    static let reaperInterval: Duration = .milliseconds(20)

    init(capacity: Int, leaseTimeout: Duration) {
        self.capacity = capacity
        self.leaseTimeout = leaseTimeout
    }

    func acquire() async throws -> Grant {
        guard !closed else { throw PostgresError(kind: .poolClosed, message: "the connection pool is shut down") }
        while let connection = idle.popLast() {
            if connection.looksAlive() { return .connection(connection) }
            open -= 1
        }
        if open < capacity {
            open += 1
            return .create(id: newID())
        }
        let id = newID()
        let deadline = ContinuousClock.now + leaseTimeout
        return try await withCheckedThrowingContinuation { continuation in
            waiters.append(Waiter(id: id, continuation: continuation, deadline: deadline))
            startReaperIfNeeded()
        }
    }

    private func startReaperIfNeeded() {
        guard reaper == nil else { return }
        reaper = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: PoolState.reaperInterval)
                guard let self, await self.expireOverdue() else { return }
            }
        }
    }

    /// Fails every waiter past its deadline; returns false (and lets the reaper end)
    /// when nobody waits any more.
    private func expireOverdue() -> Bool {
        let now = ContinuousClock.now
        while let index = waiters.firstIndex(where: { $0.deadline <= now }) {
            let waiter = waiters.remove(at: index)
            waiter.continuation.resume(
                throwing: PostgresError(
                    kind: .poolTimeout,
                    message: "no database connection became free within \(leaseTimeout) (all \(capacity) in use)"))
        }
        if waiters.isEmpty {
            reaper = nil
            return false
        }
        return true
    }

    func release(_ connection: PostgresConnection) {
        if connection.isBroken || closed {
            open -= 1
            if !closed, let waiter = takeWaiter() {
                open += 1
                waiter.continuation.resume(returning: .create(id: newID()))
            }
            return
        }
        if let waiter = takeWaiter() {
            waiter.continuation.resume(returning: .connection(connection))
        } else {
            idle.append(connection)
        }
    }

    /// A reserved slot could not be filled (the database is down): free it and let the
    /// next waiter try for itself rather than wait out its whole timeout.
    func creationFailed() {
        open -= 1
        if let waiter = takeWaiter() {
            open += 1
            waiter.continuation.resume(returning: .create(id: newID()))
        }
    }

    func close() {
        closed = true
        open -= idle.count
        idle.removeAll()
        reaper?.cancel()
        reaper = nil
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(kind: .poolClosed, message: "the connection pool is shut down"))
        }
        waiters.removeAll()
    }

    func statistics() -> PoolStatistics {
        PoolStatistics(open: open, inUse: open - idle.count, waiters: waiters.count, capacity: capacity)
    }

    private func takeWaiter() -> Waiter? {
        guard !waiters.isEmpty else { return nil }
        return waiters.removeFirst()
    }

    private func newID() -> Int {
        nextID += 1
        return nextID
    }
}
