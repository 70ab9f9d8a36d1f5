import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineStore
import HotlineTestSupport
import Synchronization
import Testing

/// Real `hotline serve` processes, killed with SIGKILL at random moments while a stream of
/// entries flows from ru to us: the receiving node and the sending node in turn. Afterwards
/// every entry is there exactly once, in order, both copies of the log are byte-identical and
/// the last receipt verifies.
@Suite(.serialized) struct KillTests {
    static let hotline = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("hotline").path
    static let entries = Int(ProcessInfo.processInfo.environment["HOTLINE_KILL_ENTRIES"] ?? "") ?? 1_200
    static let kills = Int(ProcessInfo.processInfo.environment["HOTLINE_KILL_ROUNDS"] ?? "") ?? 8

    final class Cluster: Sendable {
        let directories: [String: NodeDirectory]
        let clients: [String: NodeClient]
        let processes = Mutex<[String: ChildProcess]>([:])

        init(root: URL) throws {
            var directories: [String: NodeDirectory] = [:]
            var clients: [String: NodeClient] = [:]
            for (side, name) in [("ru", "Moscow"), ("us", "Washington")] {
                let peerPort = try FreePort.pick(), apiPort = try FreePort.pick()
                let configuration = NodeConfiguration(side: side, name: name, peerListen: "127.0.0.1:\(peerPort)", apiListen: "127.0.0.1:\(apiPort)",
                                                      advertisedAddresses: ["http://127.0.0.1:\(peerPort)"], heartbeatSeconds: 1, batchSize: 100)
                directories[side] = try NodeDirectory.initialize(at: root.appendingPathComponent(side).path, side: SideID(side), name: name,
                                                                 configuration: configuration)
                clients[side] = NodeClient(baseURL: "http://127.0.0.1:\(apiPort)", key: try directories[side]!.loadSecrets().operatorKey, timeout: .seconds(10))
            }
            try directories["ru"]!.pair(try directories["us"]!.identity(), addresses: [])
            try directories["us"]!.pair(try directories["ru"]!.identity(), addresses: [])
            self.directories = directories
            self.clients = clients
        }

        func start(_ side: String) async throws {
            let process = try ChildProcess(executable: KillTests.hotline, arguments: ["serve", "--data", directories[side]!.url.path, "--log-level", "error"],
                                           capturingErrors: true)
            processes.withLock { $0[side] = process }
            // As long as an in-process test node gets (RunningNode): the suite starts many nodes at once.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if let answer = try? await clients[side]!.text("/health/ready"), answer.status == 200 { return }
                guard process.isRunning else {
                    throw NodeError.rejected("hotline serve for \(side) exited at start: \(process.lines.suffix(5).joined(separator: " / "))")
                }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            throw NodeError.rejected("hotline serve for \(side) was not ready within 60 s; it said: \(process.lines.suffix(5).joined(separator: " / "))")
        }

        func kill(_ side: String) {
            guard let process = processes.withLock({ $0.removeValue(forKey: side) }) else { return }
            process.kill(SIGKILL)
            process.wait()
        }

        func stop(_ side: String) {
            guard let process = processes.withLock({ $0.removeValue(forKey: side) }) else { return }
            process.kill(SIGTERM)
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning { process.kill(SIGKILL) }
            process.wait()
        }
    }

    /// What the submitting workers and the killer share.
    final class Shared: Sendable {
        /// worker -> (commitment, acknowledged sequence) in submission order.
        let acknowledged = Mutex<[Int: [(commitment: Hash, sequence: UInt64)]]>([:])
        let sending = Mutex(true)
    }

    @Test func killingEitherNodeLosesNothingAndDuplicatesNothing() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cluster = try Cluster(root: root)
        try await cluster.start("ru")
        try await cluster.start("us")
        defer { cluster.stop("ru"); cluster.stop("us") }

        let secrets = try cluster.directories["ru"]!.loadSecrets()
        let composer = EntryComposer(author: secrets.operatorKey, role: try RoleName("ru/operator"), sender: secrets.keys.publicKeys)
        let us = try cluster.directories["ru"]!.peerIdentity("us").keys
        let workers = 4
        let perWorker = Self.entries / workers
        // (worker, index) -> commitment and acknowledged sequence.
        let shared = Shared()

        let killer = Task {
            var random = SystemRandomNumberGenerator()
            var round = 0
            while shared.sending.withLock({ $0 }), round < Self.kills {
                try await Task.sleep(nanoseconds: UInt64.random(in: 300...900, using: &random) * 1_000_000)
                let victim = round % 2 == 0 ? "us" : "ru"   // the receiver, then the sender, in turn
                cluster.kill(victim)
                try await Task.sleep(nanoseconds: UInt64.random(in: 50...300, using: &random) * 1_000_000)
                try await cluster.start(victim)
                round += 1
            }
            return round
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for index in 0..<perWorker {
                        let content = EntryContent.withRandomSalt(text: "worker \(worker) item \(index)")
                        let submission = try composer.compose(
                            .init(line: try LineID("operators"), precedence: index % 25 == 0 ? .flash : .routine, content: content),
                            to: us, at: 1_700_000_000_000 + UInt64(index))
                        // Retry the very same signed entry until the node answers; a node that
                        // died after appending it answers with the entry it already has.
                        var receipt: EntryReceipt?
                        let deadline = Date().addingTimeInterval(120)
                        while receipt == nil, Date() < deadline {
                            do { receipt = try await cluster.clients["ru"]!.submit(submission) } catch {
                                try await Task.sleep(nanoseconds: 20_000_000)
                            }
                        }
                        let sequence = try #require(receipt).sequence
                        shared.acknowledged.withLock { $0[worker, default: []].append((EntryContent.commitment(to: content.plaintext), sequence)) }
                    }
                }
            }
            try await group.waitForAll()
        }
        shared.sending.withLock { $0 = false }
        let killed = try await killer.value
        #expect(killed >= 2, "only \(killed) kills happened")

        // Both nodes up: wait for the receipt of everything.
        let origin = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        let total = UInt64(workers * perWorker)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let status = try? await cluster.clients["ru"]!.status(), status.peers.first?.sent.cosignedSize == total { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        cluster.stop("ru")
        cluster.stop("us")

        let sender = try SQLiteStore(path: cluster.directories["ru"]!.url.appendingPathComponent("node.sqlite").path)
        let receiver = try SQLiteStore(path: cluster.directories["us"]!.url.appendingPathComponent("node.sqlite").path)
        let head = try await sender.treeHead(origin)
        #expect(head.size == total, "the log holds \(head.size) entries for \(total) submitted")
        #expect(try await receiver.treeHead(origin) == head, "the replica differs from the log")
        let sent = try await sender.records(origin, in: 0..<head.size)
        #expect(try await receiver.records(origin, in: 0..<head.size) == sent, "the two copies are not byte-identical")

        // Exactly once, in each worker's order.
        let commitments = try sent.map { try Entry(encoded: $0.leaf).header.commitment }
        #expect(Set(commitments).count == commitments.count, "an entry is in the log twice")
        for (worker, items) in shared.acknowledged.withLock({ $0 }) {
            #expect(items.count == perWorker)
            #expect(items.map(\.sequence) == items.map(\.sequence).sorted(), "worker \(worker)'s entries are out of order")
            for item in items { #expect(commitments[Int(item.sequence)] == item.commitment) }
        }
        // The last receipt verifies and is consistent with both copies.
        let receipt = try #require(try await sender.cosignedCheckpoint(origin, size: nil))
        let identities = (try cluster.directories["us"]!.peerIdentity("ru"), try cluster.directories["ru"]!.peerIdentity("us"))
        let verified = try CheckpointPolicy(logKeys: try identities.0.keys.logVerifierKeys(to: try SideID("us")),
                                            cosignerKeys: try identities.1.keys.cosignerVerifierKeys()).verify(receipt)
        #expect(verified.checkpoint.size == head.size && verified.checkpoint.rootHash == head.rootHash)
        print("kill test: \(killed) kills (receiver and sender in turn), \(head.size) entries delivered exactly once, copies identical")
    }
}
