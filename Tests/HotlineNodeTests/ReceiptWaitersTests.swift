import Testing

@testable import HotlineNode

/// Submissions waiting for a receipt, outside the link's actor: each must learn exactly whether a
/// receipt covering it was stored, none may be lost between its check and its registration, and
/// none may wait past its deadline or the link's stop by more than a sweep.
@Suite struct ReceiptWaitersTests {
    @Test func aReceiptWakesThoseItCoversAndNoOthers() async throws {
        let waiters = ReceiptWaiters()
        let covered = Task { await waiters.wait(size: 5, timeout: .seconds(30)) }
        let beyond = Task { await waiters.wait(size: 9, timeout: .milliseconds(300)) }
        try await waitUntil { waiters.count == 2 }
        waiters.received(upTo: 5)
        #expect(await covered.value == true)
        #expect(waiters.count == 1)
        #expect(await beyond.value == false)   // its deadline passed with the receipt at 5
        #expect(waiters.count == 0)
        // Covered already: answered at once, without waiting.
        #expect(await waiters.wait(size: 5, timeout: .zero) == true)
        #expect(await waiters.wait(size: 1, timeout: .zero) == true)
    }

    @Test func aSmallerOrEqualReceiptChangesNothing() async throws {
        let waiters = ReceiptWaiters()
        waiters.received(upTo: 10)
        let waiting = Task { await waiters.wait(size: 11, timeout: .seconds(30)) }
        try await waitUntil { waiters.count == 1 }
        waiters.received(upTo: 10)   // a heartbeat's receipt of the same size
        waiters.received(upTo: 4)
        #expect(waiters.count == 1)
        waiters.received(upTo: 11)
        #expect(await waiting.value == true)
    }

    @Test func stoppingAnswersEveryWaiterNo() async throws {
        let waiters = ReceiptWaiters()
        let tasks = (1...20).map { size in Task { await waiters.wait(size: UInt64(size), timeout: .seconds(60)) } }
        try await waitUntil { waiters.count == 20 }
        waiters.stop()
        for task in tasks { #expect(await task.value == false) }
        #expect(waiters.count == 0)
        // The waiters stay usable: a link that starts again wakes new ones.
        let later = Task { await waiters.wait(size: 3, timeout: .seconds(30)) }
        try await waitUntil { waiters.count == 1 }
        waiters.received(upTo: 3)
        #expect(await later.value == true)
    }

    /// Thousands of waiters registering while receipts arrive on other tasks: every one covered
    /// by the last receipt returns true, and no waiter is left behind.
    @Test func noWaiterIsLostWhileReceiptsArrive() async throws {
        let waiters = ReceiptWaiters()
        let count = 4_000
        let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
            for size in 1...count {
                group.addTask { await waiters.wait(size: UInt64(size), timeout: .seconds(60)) }
            }
            group.addTask {
                for size in stride(from: 0, through: count, by: 50) {
                    waiters.received(upTo: UInt64(size))
                    await Task.yield()
                }
                waiters.received(upTo: UInt64(count))
                return true
            }
            var all: [Bool] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        #expect(answers.count == count + 1)
        #expect(answers.allSatisfy { $0 })
        #expect(waiters.count == 0)
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(condition())
    }
}
