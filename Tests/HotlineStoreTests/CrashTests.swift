import Foundation
import HotlineRecord
import HotlineTestSupport
import Testing
@testable import HotlineStore

/// Kill -9 a real writer process at random moments, many times over, and check that the store
/// opens, holds a prefix of what was appended (at least everything reported committed), and has
/// a correct tree.
@Suite struct CrashTests {
    static let probe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("hotline-store-crash-probe")

    /// Kill rounds per run; HOTLINE_CRASH_ROUNDS raises it for a longer soak.
    static let rounds = Int(ProcessInfo.processInfo.environment["HOTLINE_CRASH_ROUNDS"] ?? "") ?? 25

    /// Root hashes of the synthetic log, extended as the log grows across rounds.
    struct ExpectedTree {
        var frontier = MerkleFrontier()
        mutating func root(size: UInt64) -> Hash {
            while frontier.size < size { frontier.append(Merkle.leafHash(SyntheticLog.record(frontier.size).leaf)) }
            precondition(frontier.size == size)
            return frontier.rootHash
        }
    }

    @Test func killedWriterLeavesACorrectPrefix() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("node.sqlite").path
        var random = SystemRandomNumberGenerator()
        var expected = ExpectedTree()
        var killedAfterCommits = 0
        var everCommitted: UInt64 = 0

        for round in 0..<Self.rounds {
            let probe = try ChildProcess(executable: Self.probe.path,
                                         arguments: [path, String(UInt64.random(in: 0...UInt64.max, using: &random)), "100000000"])
            // Wait (at most 30 s) until it has opened the store, let it append for a random
            // while, then kill it without warning.
            let deadline = Date().addingTimeInterval(30)
            while !probe.lines.contains(where: { $0.hasPrefix("opened") }), probe.isRunning, Date() < deadline {
                try await Task.sleep(nanoseconds: 2_000_000)
            }
            try await Task.sleep(nanoseconds: UInt64.random(in: 0...150, using: &random) * 1_000_000)
            probe.kill()
            let status = probe.wait()
            #expect(ChildProcess.wasKilled(status), "round \(round): the probe exited on its own (status \(status))")
            let output = probe

            let committed = output.lines.compactMap { $0.hasPrefix("committed ") ? UInt64($0.dropFirst(10)) : nil }.last
            if let committed { everCommitted = max(everCommitted, committed) }

            // The store opens (which recomputes and checks every tree hash) and holds a prefix.
            let store = try SQLiteStore(path: path)
            let head = try await store.treeHead(SyntheticLog.origin)
            #expect(head.size >= everCommitted, "round \(round): lost committed entries (\(head.size) < \(everCommitted))")
            #expect(head.rootHash == expected.root(size: head.size), "round \(round)")
            if head.size > 0 {
                let sample = UInt64.random(in: 0..<head.size, using: &random)
                #expect(try await store.records(SyntheticLog.origin, in: sample..<sample + 1) == [SyntheticLog.record(sample)])
                let last = try await store.records(SyntheticLog.origin, in: head.size - 1..<head.size)
                #expect(last == [SyntheticLog.record(head.size - 1)])
            }
            if committed != nil { killedAfterCommits += 1 }
            everCommitted = head.size
        }
        print("crash test: \(Self.rounds) kills, \(killedAfterCommits) after at least one commit; the store ended with \(everCommitted) entries")
        // Most rounds must have been killed while appending, or the test proved little.
        #expect(killedAfterCommits >= Self.rounds / 2, "only \(killedAfterCommits) of \(Self.rounds) rounds were killed after a commit")
    }
}
