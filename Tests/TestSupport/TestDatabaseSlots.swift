/// Bounds how many fresh databases the tests use at once.
///
/// Swift Testing runs every test of the process in parallel; each fresh database
/// brings its own pools (application, owner, admin), and the throwaway cluster allows
/// `max_connections=300`. Without a bound, a large suite opens more connections than
/// that and tests fail with "too many clients" instead of running. Waiters are served
/// first come, first served.
actor TestDatabaseSlots {
    static let shared = TestDatabaseSlots(limit: 16)

    private let limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    /// Waits for a free slot and takes it.
    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Frees a slot taken by ``acquire()``.
    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            // The slot passes straight to the next waiter.
            waiters.removeFirst().resume()
        }
    }
}
