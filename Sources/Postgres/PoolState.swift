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
        let timeout: Task<Void, Never>
    }

    private let capacity: Int
    private let leaseTimeout: Duration
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var waiters: [Waiter] = []
    private var closed = false
    private var nextID = 0

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
        let timeout = leaseTimeout
        let capacity = self.capacity
        return try await withCheckedThrowingContinuation { continuation in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                await self?.expire(id, capacity: capacity, timeout: timeout)
            }
            waiters.append(Waiter(id: id, continuation: continuation, timeout: timer))
        }
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
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: PostgresError(kind: .poolClosed, message: "the connection pool is shut down"))
        }
        waiters.removeAll()
    }

    func statistics() -> PoolStatistics {
        PoolStatistics(open: open, inUse: open - idle.count, waiters: waiters.count, capacity: capacity)
    }

    private func expire(_ id: Int, capacity: Int, timeout: Duration) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.continuation.resume(
            throwing: PostgresError(
                kind: .poolTimeout,
                message: "no database connection became free within \(timeout) (all \(capacity) in use)"))
    }

    private func takeWaiter() -> Waiter? {
        guard !waiters.isEmpty else { return nil }
        let waiter = waiters.removeFirst()
        waiter.timeout.cancel()
        return waiter
    }

    private func newID() -> Int {
        nextID += 1
        return nextID
    }
}
