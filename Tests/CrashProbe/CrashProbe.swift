import Foundation
import HotlineStore
import HotlineTestSupport

/// A writer for the store's crash tests. It opens the store (which verifies it), then appends
/// synthetic records in batches of random sizes until it is killed or reaches the limit,
/// printing "committed N" after each durable commit. The test kills it with SIGKILL at random
/// moments and checks what the store holds.
///
///     hotline-store-crash-probe DB_PATH SEED LIMIT
@main
struct CrashProbe {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, let seed = UInt64(arguments[2]), let limit = UInt64(arguments[3]) else {
            FileHandle.standardError.write(Data("usage: hotline-store-crash-probe DB_PATH SEED LIMIT\n".utf8))
            exit(64)
        }
        do {
            let store = try SQLiteStore(path: arguments[1])
            try await store.createLog(SyntheticLog.origin)
            var size = try await store.treeHead(SyntheticLog.origin).size
            report("opened \(size)")
            var random = Generator(state: seed)
            while size < limit {
                let batch = UInt64.random(in: 1...64, using: &random)
                size = try await store.append(SyntheticLog.records(size..<min(limit, size + batch)), to: SyntheticLog.origin).size
                report("committed \(size)")
            }
            report("done \(size)")
        } catch {
            FileHandle.standardError.write(Data("hotline-store-crash-probe: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Writes a line straight to the pipe, unbuffered, so the parent sees each commit at once.
    static func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }
}
