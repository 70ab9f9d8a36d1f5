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
        /// Ordered by size, so that a receipt wakes a prefix: submissions arrive in about the
        /// order of their sequence numbers, and each is inserted near the end.
        var waiters: [Waiter] = []
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
                var index = state.waiters.endIndex
                while index > state.waiters.startIndex, state.waiters[index - 1].size > size { index -= 1 }
                state.waiters.insert(Waiter(size: size, deadline: deadline, continuation: continuation), at: index)
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
            let covered = state.waiters.firstIndex { $0.size > size } ?? state.waiters.endIndex
            let ready = state.waiters[..<covered].map(\.continuation)
            state.waiters.removeSubrange(..<covered)
            return ready
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// The link stopped: nobody will deliver a receipt to those waiting now.
    func stop() {
        let (waiting, sweeper) = state.withLock { state in
            defer { state.waiters = []; state.sweeper = nil }
            return (state.waiters, state.sweeper)
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
                let expired = state.waiters.filter { $0.deadline <= now }.map(\.continuation)
                if !expired.isEmpty { state.waiters.removeAll { $0.deadline <= now } }
                if state.waiters.isEmpty { state.sweeper = nil }
                return (expired, state.waiters.isEmpty)
            }
            for continuation in expired { continuation.resume(returning: false) }
            if done { return }
        }
    }
}
