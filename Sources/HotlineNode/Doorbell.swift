import Foundation

/// Wakes a waiting loop early: `ring()` ends the current (or next) `wait(timeout:)`. Rings that
/// arrive while nobody waits are remembered, once.
actor Doorbell {
    private var pending = false
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]

    func ring() {
        if waiters.isEmpty {
            pending = true
        } else {
            let current = waiters
            waiters = [:]
            for waiter in current.values { waiter.resume() }
        }
    }

    /// Returns when rung, when `timeout` has passed, or when the task is cancelled.
    func wait(timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        let id = UUID()
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            await self?.release(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiters[id] = $0 }
        } onCancel: {
            Task { await self.release(id) }
        }
        timer.cancel()
    }

    private func release(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }
}
