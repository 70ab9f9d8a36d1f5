/// Runs async operations one at a time, in arrival order. An actor alone is not enough: its
/// methods interleave at every `await`, and a receiver must check the stored size and append as
/// one step.
actor AsyncSerializer {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async rethrows -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await operation()
    }
}
