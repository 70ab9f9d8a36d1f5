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

    @Test func killedWriterLeavesACorrectPrefix() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("node.sqlite").path
        var random = SystemRandomNumberGenerator()
        var killedMidway = 0
        var everCommitted: UInt64 = 0

        for round in 0..<Self.rounds {
            let process = Process()
            process.executableURL = Self.probe
            process.arguments = [path, String(UInt64.random(in: 0...UInt64.max, using: &random)), "1000000"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Let it open and commit for a random while, then kill it without warning.
            let delay = UInt64.random(in: 20...400, using: &random)
            try await Task.sleep(nanoseconds: delay * 1_000_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the probe exited on its own")

            let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
            let committed = lines.compactMap { $0.hasPrefix("committed ") ? UInt64($0.dropFirst(10)) : nil }.last
            if let committed { everCommitted = max(everCommitted, committed) }

            // The store opens (which recomputes and checks every tree hash) and holds a prefix.
            let store = try SQLiteStore(path: path)
            let head = try await store.treeHead(SyntheticLog.origin)
            #expect(head.size >= everCommitted, "round \(round): lost committed entries (\(head.size) < \(everCommitted))")
            #expect(head.rootHash == SyntheticLog.rootHash(size: head.size), "round \(round)")
            if head.size > 0 {
                let sample = UInt64.random(in: 0..<head.size, using: &random)
                #expect(try await store.records(SyntheticLog.origin, in: sample..<sample + 1) == [SyntheticLog.record(sample)])
                let last = try await store.records(SyntheticLog.origin, in: head.size - 1..<head.size)
                #expect(last == [SyntheticLog.record(head.size - 1)])
            }
            if committed != nil { killedMidway += 1 }
            everCommitted = head.size
        }
        // Most rounds must have been killed while appending, or the test proved little.
        #expect(killedMidway >= Self.rounds / 2, "only \(killedMidway) of \(Self.rounds) rounds were killed after a commit")
    }
}
