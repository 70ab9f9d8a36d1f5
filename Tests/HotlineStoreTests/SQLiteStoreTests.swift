import Foundation
import GRDB
import HotlineRecord
import HotlineTestSupport
import Testing
@testable import HotlineStore

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite final class SQLiteStoreTests {
    let directory: URL
    let origin = SyntheticLog.origin

    init() throws { directory = try temporaryDirectory() }
    deinit { try? FileManager.default.removeItem(at: directory) }

    func open(_ name: String = "node.sqlite") throws -> SQLiteStore {
        try SQLiteStore(path: directory.appendingPathComponent(name).path)
    }

    @Test func appendsAndReadsBack() async throws {
        let store = try open()
        try await store.createLog(origin)
        try await store.createLog(origin)   // idempotent
        #expect(try await store.treeHead(origin) == .empty)
        var size: UInt64 = 0
        for batch in [1, 2, 5, 64, 1, 100, 27] as [UInt64] {
            let head = try await store.append(SyntheticLog.records(size..<size + batch), to: origin)
            size += batch
            #expect(head == TreeHead(size: size, rootHash: SyntheticLog.rootHash(size: size)))
        }
        #expect(try await store.records(origin, in: 10..<20) == SyntheticLog.records(10..<20))
        #expect(try await store.logs() == [origin])
        await #expect(throws: StoreError.self) { try await store.records(origin, in: 190..<201) }
    }

    @Test func proofsFromTheStoreVerify() async throws {
        let store = try open()
        try await store.createLog(origin)
        try await store.append(SyntheticLog.records(0..<777), to: origin)
        var frontier = MerkleFrontier()
        var roots = [frontier.rootHash]
        for record in SyntheticLog.records(0..<777) {
            frontier.append(Merkle.leafHash(record.leaf))
            roots.append(frontier.rootHash)
        }
        for (index, size) in [(0, 1), (0, 777), (776, 777), (500, 512), (511, 513), (300, 600)] as [(UInt64, UInt64)] {
            let proof = try await store.inclusionProof(origin, index: index, size: size)
            try InclusionProof.verify(leafHash: Merkle.leafHash(SyntheticLog.record(index).leaf), index: index, size: size,
                                      proof: proof, rootHash: roots[Int(size)])
        }
        for (old, new) in [(1, 777), (256, 777), (500, 777), (776, 777), (777, 777), (3, 9)] as [(UInt64, UInt64)] {
            let proof = try await store.consistencyProof(origin, from: old, to: new)
            try ConsistencyProof.verify(oldSize: old, oldRoot: roots[Int(old)], newSize: new, newRoot: roots[Int(new)], proof: proof)
        }
        await #expect(throws: StoreError.self) { try await store.inclusionProof(origin, index: 3, size: 900) }
    }

    @Test func refusesOutOfSequenceAppendsAndAppendsNothing() async throws {
        let store = try open()
        try await store.createLog(origin)
        try await store.append(SyntheticLog.records(0..<10), to: origin)
        await #expect(throws: StoreError.outOfSequence(log: "hotline/ru/us", expected: 10, got: 11)) {
            try await store.append(SyntheticLog.records(11..<12), to: origin)
        }
        // A batch that goes wrong in the middle leaves nothing of itself behind.
        var broken = SyntheticLog.records(10..<15)
        broken[3].sequence = 99
        await #expect(throws: StoreError.self) { try await store.append(broken, to: origin) }
        #expect(try await store.treeHead(origin).size == 10)
        await #expect(throws: StoreError.unknownLog("hotline/us/ru")) {
            try await store.append([], to: LogOrigin(sender: try SideID("us"), recipient: try SideID("ru")))
        }
        // Replayed records are refused too.
        await #expect(throws: StoreError.self) { try await store.append(SyntheticLog.records(5..<10), to: origin) }
        #expect(try await store.treeHead(origin) == TreeHead(size: 10, rootHash: SyntheticLog.rootHash(size: 10)))
    }

    @Test func checkpointsAndCosignatures() async throws {
        let store = try open()
        try await store.createLog(origin)
        try await store.append(SyntheticLog.records(0..<20), to: origin)
        let ru = try SideKeys(side: SideID("ru")), us = try SideKeys(side: SideID("us"))
        let checkpoint = Checkpoint(origin: origin.text, size: 20, rootHash: SyntheticLog.rootHash(size: 20))
        let note = try ru.signCheckpoint(checkpoint)
        try await store.saveCheckpoint(note, for: origin)
        try await store.saveCheckpoint(note, for: origin)   // the same again is fine
        let other = try ru.signCheckpoint(Checkpoint(origin: origin.text, size: 20, rootHash: Hash.sha256([1])))
        await #expect(throws: StoreError.checkpointConflict(log: origin.text, size: 20)) { try await store.saveCheckpoint(other, for: origin) }
        #expect(try await store.checkpoint(origin, size: nil) == note)
        #expect(try await store.cosignedCheckpoint(origin, size: nil) == nil)

        let first = try us.cosign(checkpoint, timestamp: 1_000)
        let second = try us.cosign(checkpoint, timestamp: 2_000)
        try await store.saveCosignatures(first, timestamp: 1_000, size: 20, for: origin)
        try await store.saveCosignatures(second, timestamp: 2_000, size: 20, for: origin)
        let cosigned = try #require(try await store.cosignedCheckpoint(origin, size: 20))
        let policy = CheckpointPolicy(logKeys: try ru.publicKeys.logVerifierKeys(to: us.side), cosignerKeys: try us.publicKeys.cosignerVerifierKeys())
        #expect(try policy.verify(cosigned).cosignedAt == 2_000)
        await #expect(throws: StoreError.self) { try await store.saveCosignatures(first, timestamp: 1_000, size: 21, for: origin) }
    }

    /// Every cosignature of a log over time, most recent first, paged by time: a page ends with
    /// the whole of its last second, so that paging with `before` loses none.
    @Test func cosignatureHistoryPagesByTime() async throws {
        let store = try open()
        try await store.createLog(origin)
        try await store.append(SyntheticLog.records(0..<10), to: origin)
        #expect(try await store.cosignatures(origin, limit: 10, before: nil).isEmpty)
        let ru = try SideKeys(side: SideID("ru")), us = try SideKeys(side: SideID("us"))
        // Sizes 2, 4, 6 cosigned once each; 6 again twice (heartbeats); 8 and 10 in one second.
        let receipts: [(size: UInt64, time: UInt64)] = [(2, 1_000), (4, 1_010), (6, 1_020), (6, 1_080), (6, 1_140), (8, 1_150), (10, 1_150)]
        for (size, time) in receipts {
            let checkpoint = Checkpoint(origin: origin.text, size: size, rootHash: SyntheticLog.rootHash(size: size))
            try await store.saveCosignedCheckpoint(try ru.signCheckpoint(checkpoint), cosignatures: try us.cosign(checkpoint, timestamp: time),
                                                   timestamp: time, for: origin)
        }
        let newestFirst = receipts.reversed().map { CosignatureMark(size: $0.size, timestamp: $0.time) }
        #expect(try await store.cosignatures(origin, limit: 100, before: nil) == newestFirst)
        #expect(try await store.cosignatures(origin, limit: 3, before: nil) == Array(newestFirst.prefix(3)))
        #expect(try await store.cosignatures(origin, limit: 0, before: nil).isEmpty)
        // `before` is exclusive.
        #expect(try await store.cosignatures(origin, limit: 2, before: 1_080) == [CosignatureMark(size: 6, timestamp: 1_020), CosignatureMark(size: 4, timestamp: 1_010)])
        #expect(try await store.cosignatures(origin, limit: 5, before: 1_000).isEmpty)
        #expect(try await store.cosignatures(origin, limit: 5, before: .max) == Array(newestFirst.prefix(5)))
        // A page of one that ends inside second 1150 takes the rest of that second.
        let first = try await store.cosignatures(origin, limit: 1, before: nil)
        #expect(first == [CosignatureMark(size: 10, timestamp: 1_150), CosignatureMark(size: 8, timestamp: 1_150)])
        // Paging with the last timestamp of each page visits every cosignature exactly once.
        var paged: [CosignatureMark] = []
        var before: UInt64?
        while true {
            let page = try await store.cosignatures(origin, limit: 2, before: before)
            guard let last = page.last else { break }
            paged += page
            before = last.timestamp
        }
        #expect(paged == newestFirst)
        // Another log's cosignatures are not mixed in; an unknown log is an error.
        let other = try LogOrigin(text: "hotline/us/ru")
        try await store.createLog(other)
        #expect(try await store.cosignatures(other, limit: 10, before: nil).isEmpty)
        await #expect(throws: StoreError.unknownLog("hotline/zz/ru")) {
            try await store.cosignatures(try LogOrigin(text: "hotline/zz/ru"), limit: 10, before: nil)
        }
    }

    @Test func reopenVerifiesAndContinues() async throws {
        do {
            let store = try open()
            try await store.createLog(origin)
            try await store.append(SyntheticLog.records(0..<300), to: origin)
        }
        let reopened = try open()
        #expect(try await reopened.treeHead(origin) == TreeHead(size: 300, rootHash: SyntheticLog.rootHash(size: 300)))
        try await reopened.append(SyntheticLog.records(300..<301), to: origin)
        #expect(try await reopened.treeHead(origin).rootHash == SyntheticLog.rootHash(size: 301))
    }

    @Test(arguments: [
        ("a changed leaf", "UPDATE entry SET leaf = x'00' WHERE id = (1 << 40) + 17"),
        ("a changed node hash", "UPDATE entry SET node_hashes = zeroblob(64) WHERE id = (1 << 40) + 17"),
        ("a missing entry", "DELETE FROM entry WHERE id = (1 << 40) + 40"),
        ("a wrong size", "UPDATE log SET size = 49"),
        ("a wrong root", "UPDATE log SET root = zeroblob(32)"),
    ])
    func openRefusesADamagedStore(_ damage: String, _ sql: String) async throws {
        let name = "damaged.sqlite"
        do {
            let store = try open(name)
            try await store.createLog(origin)
            try await store.append(SyntheticLog.records(0..<50), to: origin)
        }
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(name).path)
        try await queue.write { try $0.execute(sql: sql) }
        try queue.close()
        #expect(throws: StoreError.self, "\(damage)") { try open(name) }
        #expect(throws: Never.self) { try SQLiteStore(path: directory.appendingPathComponent(name).path, verifyOnOpen: false) }
    }

    @Test func synchronousIsFull() async throws {
        let store = try open()
        let mode = try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        let journal = try await store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == 2)
        #expect(journal == "wal")
    }

    /// A new store has 16 KiB pages; a store made with SQLite's default 4 KiB pages keeps them and
    /// takes appends as before.
    @Test func newStoresHaveSixteenKibibytePagesAndOldOnesKeepTheirs() async throws {
        let store = try open()
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 16_384)

        let path = directory.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "CREATE TABLE made_before (x INTEGER)")
        }
        try old.close()
        let reopened = try SQLiteStore(path: path)
        try await reopened.createLog(origin)
        try await reopened.append(SyntheticLog.records(0..<50), to: origin)
        #expect(try await reopened.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4_096)
        #expect(try await reopened.treeHead(origin).size == 50)
    }

    /// Commits never copy the write-ahead log back themselves (that stalled whichever commit
    /// crossed 1,000 pages); the store's checkpointer does, in the background, within moments:
    /// the database file grows to hold the pages without anyone asking for a checkpoint.
    @Test func theWriteAheadLogIsCheckpointedOutsideTheCommits() async throws {
        let store = try open()
        try await store.createLog(origin)
        #expect(try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 0)
        let file = directory.appendingPathComponent("node.sqlite").path
        let fileSize = { ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil) ?? 0 }
        let before = fileSize()
        // ~1,200 pages of log: more than SQLite's automatic checkpoint would have let pass.
        let big = (0..<UInt64(300)).map { LogRecord(sequence: $0, leaf: Array(repeating: UInt8($0 & 0xff), count: 300), content: Array(repeating: 7, count: 4_000)) }
        for start in stride(from: 0, to: big.count, by: 30) {
            _ = try await store.append(Array(big[start..<start + 30]), to: origin)
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while fileSize() < before + 1_200_000, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(fileSize() >= before + 1_200_000, "the database file holds the pages: \(before) → \(fileSize()) bytes")
        let state = try await store.checkpointer.checkpoint()
        #expect(state.checkpointedFrameCount == state.walFrameCount, "every frame copied back: \(state)")
        #expect(try await store.records(origin, in: 0..<300) == big)
    }
}
