import Synchronization

/// Submissions waiting for the peer's receipt of our log up to a size. Kept outside the link's
/// actor, so that a submission registers and is woken without a turn on it: under a stream,
/// thousands of waiters queued there behind the link's own work, each costing two more
/// scheduler jobs (onto the actor and back). One sweeper expires them all, instead of a timer
/// each (a timer per submission cost a task, a wake-up of the dispatch manager thread and two
/// context switches per entry).
final class ReceiptWaiters: Sendable {
    private struct Waiter {
        let size: UInt64
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        /// The largest size our stored receipts cover, as far as the link has told us.
        var cosigned: UInt64 = 0
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
        /// Expires waiters past their deadline; one for all of them, running while there are any.
        var sweeper: Task<Void, Never>?
    }

    private let state = Mutex(State())
    /// How late a waiter may learn that its wait has expired.
    let sweepInterval: Duration

    init(sweepInterval: Duration = .milliseconds(100)) {
        self.sweepInterval = sweepInterval
    }

    /// Returns true once a stored receipt covers our log up to `size`, false on timeout or when
    /// the link stops.
    func wait(size: UInt64, timeout: Duration) async -> Bool {
        if state.withLock({ $0.cosigned >= size }) { return true }
        let deadline = ContinuousClock.now + timeout
        return await withCheckedContinuation { continuation in
            // Checked again under the lock that `received` takes, so no receipt slips between.
            let covered = state.withLock { state -> Bool in
                if state.cosigned >= size { return true }
                state.nextID += 1
                state.waiters[state.nextID] = Waiter(size: size, deadline: deadline, continuation: continuation)
                if state.sweeper == nil {
                    state.sweeper = Task { [weak self] in await self?.sweep() }
                }
                return false
            }
            if covered { continuation.resume(returning: true) }
        }
    }

    /// A receipt covering our log up to `size` is stored (or was read from the store): wakes
    /// whoever waits for it.
    func received(upTo size: UInt64) {
        let ready = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            guard size > state.cosigned else { return [] }
            state.cosigned = size
            var ready: [CheckedContinuation<Bool, Never>] = []
            for (id, waiter) in state.waiters where waiter.size <= size {
                ready.append(waiter.continuation)
                state.waiters[id] = nil
            }
            return ready
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// The link stopped: nobody will deliver a receipt to those waiting now.
    func stop() {
        let (waiting, sweeper) = state.withLock { state in
            defer { state.waiters = [:]; state.sweeper = nil }
            return (Array(state.waiters.values), state.sweeper)
        }
        sweeper?.cancel()
        for waiter in waiting { waiter.continuation.resume(returning: false) }
    }

    var count: Int { state.withLock { $0.waiters.count } }

    private func sweep() async {
        while true {
            guard (try? await Task.sleep(for: sweepInterval)) != nil else { return }
            let now = ContinuousClock.now
            let (expired, done) = state.withLock { state -> ([CheckedContinuation<Bool, Never>], Bool) in
                var expired: [CheckedContinuation<Bool, Never>] = []
                for (id, waiter) in state.waiters where waiter.deadline <= now {
                    expired.append(waiter.continuation)
                    state.waiters[id] = nil
                }
                if state.waiters.isEmpty { state.sweeper = nil }
                return (expired, state.waiters.isEmpty)
            }
            for continuation in expired { continuation.resume(returning: false) }
            if done { return }
        }
    }
}
