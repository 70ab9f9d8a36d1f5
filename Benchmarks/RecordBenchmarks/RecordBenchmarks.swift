import Benchmark
import Crypto
import Foundation
import GRDB
import HotlineRecord
import HotlineStore
import HotlineTestSupport

/// Each composed operation is measured beside the primitives it is built on, in the same run,
/// so that docs/BENCHMARKS.md can quote ratios rather than absolute times (the machine is shared).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        warmupIterations: 5,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )
    storeBenchmarks()
    proofBenchmarks()
    entryBenchmarks()
}

// MARK: - Appends: hashing + durable commit vs a bare durable SQLite commit

/// A scratch directory per benchmark, removed at exit.
func scratchPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-bench-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// The primitive: a WAL database with synchronous=FULL and a plain table of blobs, exactly as
/// the store configures its file.
final class BareTable: @unchecked Sendable {
    let pool: DatabasePool
    var next: Int64 = 0
    let row = [UInt8](repeating: 0x5a, count: 512)

    init() throws {
        pool = try DatabasePool(path: scratchPath("bare.sqlite"))
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        }
    }

    func commit(rows: Int) async throws {
        let first = next
        next += Int64(rows)
        try await pool.write { [row] db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (id, data) VALUES (?, ?)")
            for id in first..<first + Int64(rows) { try insert.execute(arguments: [id, Data(row)]) }
        }
    }
}

final class AppendingStore: @unchecked Sendable {
    let store: SQLiteStore
    var size: UInt64 = 0

    init() async throws {
        store = try SQLiteStore(path: scratchPath("store.sqlite"))
        try await store.createLog(SyntheticLog.origin)
    }

    /// Appends `count` records with 512-byte leaves (and no content, like the bare rows).
    func append(_ count: Int, from pool: [LogRecord]) async throws {
        let batch = (0..<count).map { i in
            LogRecord(sequence: size + UInt64(i), leaf: pool[i % pool.count].leaf, content: [])
        }
        size = try await store.append(batch, to: SyntheticLog.origin).size
    }
}

/// The disk's fsync time drifts over minutes, so the store and the bare commit it is built on
/// are measured in one benchmark, alternating, each iteration timing both.
let storeAppendMetric = BenchmarkMetric.custom("store append (ns)", useScalingFactor: false)
let bareCommitMetric = BenchmarkMetric.custom("bare SQLite commit (ns)", useScalingFactor: false)
/// The hashing an append of n leaves needs: n SHA-256 of (0x00 || leaf) and, amortized, n node
/// hashes SHA-256(0x01 || left || right), done with swift-crypto directly.
let bareHashingMetric = BenchmarkMetric.custom("bare SHA-256 work (ns)", useScalingFactor: false)

func bareHashing(leaves: [[UInt8]], nodeInput: [UInt8]) -> Int {
    var sink = 0
    for leaf in leaves {
        sink &+= Int(SHA256.hash(data: leaf).withUnsafeBytes { $0[0] })
        sink &+= Int(SHA256.hash(data: nodeInput).withUnsafeBytes { $0[0] })
    }
    return sink
}

func storeBenchmarks() {
    let leaves = (0..<100).map { SyntheticLog.record(UInt64($0), leafSize: 512, contentSize: 0) }
    let prefixedLeaves = leaves.map { [0x00] + $0.leaf }
    let nodeInput = [UInt8](repeating: 0x01, count: 65)
    for rows in [1, 100] {
        var iteration = 0
        Benchmark("interleaved: store append of \(rows) × 512 B entries (tree hashing + durable commit) vs bare SQLite durable commit of \(rows) × 512 B rows",
                  configuration: .init(metrics: [storeAppendMetric, bareCommitMetric, bareHashingMetric], scalingFactor: .one,
                                       maxDuration: .seconds(8), maxIterations: 2_000)) { benchmark, fixture in
            let (table, store) = fixture
            let clock = ContinuousClock()
            iteration += 1
            var bare = Duration.zero, appended = Duration.zero
            if iteration % 2 == 0 {
                bare = try await clock.measure { try await table.commit(rows: rows) }
                appended = try await clock.measure { try await store.append(rows, from: leaves) }
            } else {
                appended = try await clock.measure { try await store.append(rows, from: leaves) }
                bare = try await clock.measure { try await table.commit(rows: rows) }
            }
            var sink = 0
            let hashing = clock.measure { sink = bareHashing(leaves: Array(prefixedLeaves.prefix(rows)), nodeInput: nodeInput) }
            blackHole(sink)
            benchmark.measurement(bareHashingMetric, Int(hashing / .nanoseconds(1)))
            benchmark.measurement(bareCommitMetric, Int(bare / .nanoseconds(1)))
            benchmark.measurement(storeAppendMetric, Int(appended / .nanoseconds(1)))
        } setup: {
            (try BareTable(), try await AppendingStore())
        }
    }
}

// MARK: - Proofs

final class ProofFixture: @unchecked Sendable {
    static let size: UInt64 = 100_000
    let store: SQLiteStore
    /// A second connection pool on the same file, for the bare-SQL primitive.
    let bare: DatabasePool
    let root: Hash
    let leafHashes: [Hash]
    var random = SystemRandomNumberGenerator()

    init() async throws {
        store = try SQLiteStore(path: scratchPath("proofs.sqlite"))
        try await store.createLog(SyntheticLog.origin)
        var hashes: [Hash] = []
        var start: UInt64 = 0
        while start < Self.size {
            let records = (start..<min(Self.size, start + 5_000)).map { SyntheticLog.record($0, leafSize: 64, contentSize: 0) }
            hashes += records.map { Merkle.leafHash($0.leaf) }
            try await store.append(records, to: SyntheticLog.origin)
            start += 5_000
        }
        leafHashes = hashes
        root = try await store.treeHead(SyntheticLog.origin).rootHash
        bare = try DatabasePool(path: store.path)
    }

    /// The primitive under proof generation: one bare `SELECT … IN` of the rows holding the
    /// nodes that cover `ranges` (log 1, so entry IDs are 2^40 + sequence).
    func readRows(for ranges: [Range<UInt64>]) async throws -> [Data] {
        let nodes = ranges.flatMap { TreeNode.decomposition(of: $0) }
        let rows = Array(Set(nodes.map { Int64(1) << 40 | Int64($0.completingLeaf) }))
        let placeholders = Array(repeating: "?", count: rows.count).joined(separator: ",")
        return try await bare.read { db in
            try Data.fetchAll(db, sql: "SELECT node_hashes FROM entry WHERE id IN (\(placeholders))", arguments: StatementArguments(rows))
        }
    }
}

func proofBenchmarks() {
    let size = ProofFixture.size
    Benchmark("store: inclusion proof generation, n = 100,000") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            let index = UInt64.random(in: 0..<size, using: &fixture.random)
            blackHole(try await fixture.store.inclusionProof(SyntheticLog.origin, index: index, size: size))
        }
    } setup: {
        try await ProofFixture()
    }
    Benchmark("primitive: SQLite read of the rows an inclusion proof needs, n = 100,000") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            let index = UInt64.random(in: 0..<size, using: &fixture.random)
            blackHole(try await fixture.readRows(for: InclusionProof.ranges(index: index, size: size)))
        }
    } setup: {
        try await ProofFixture()
    }
    Benchmark("primitive: SQLite read of the rows a consistency proof needs, n = 100,000") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            let old = UInt64.random(in: 1..<size, using: &fixture.random)
            blackHole(try await fixture.readRows(for: ConsistencyProof.ranges(oldSize: old, newSize: size)))
        }
    } setup: {
        try await ProofFixture()
    }
    Benchmark("store: consistency proof generation, n = 100,000") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            let old = UInt64.random(in: 1..<size, using: &fixture.random)
            blackHole(try await fixture.store.consistencyProof(SyntheticLog.origin, from: old, to: size))
        }
    } setup: {
        try await ProofFixture()
    }

    // Verification: the proof's hashes folded by RFC 9162's algorithm vs the same number of
    // bare SHA-256 node hashes.
    Benchmark("core: inclusion proof verification, n = 100,000") { benchmark, fixture in
        let index: UInt64 = 65_537
        let proof = try await fixture.store.inclusionProof(SyntheticLog.origin, index: index, size: size)
        let leaf = fixture.leafHashes[Int(index)]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try InclusionProof.verify(leafHash: leaf, index: index, size: size, proof: proof, rootHash: fixture.root)
        }
        benchmark.stopMeasurement()
    } setup: {
        try await ProofFixture()
    }
    Benchmark("core: consistency proof verification, 65,537 → 100,000") { benchmark, fixture in
        let old: UInt64 = 65_537
        let proof = try await fixture.store.consistencyProof(SyntheticLog.origin, from: old, to: size)
        var frontier = MerkleFrontier()
        for hash in fixture.leafHashes.prefix(Int(old)) { frontier.append(hash) }
        let oldRoot = frontier.rootHash
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try ConsistencyProof.verify(oldSize: old, oldRoot: oldRoot, newSize: size, newRoot: fixture.root, proof: proof)
        }
        benchmark.stopMeasurement()
    } setup: {
        try await ProofFixture()
    }
    Benchmark("primitive: 18 SHA-256 node hashes (a consistency proof's work, 65,537 → 100,000)") { benchmark in
        var hash = Hash.sha256([1])
        let sibling = Hash.sha256([2])
        for _ in benchmark.scaledIterations {
            for _ in 0..<18 { hash = Merkle.nodeHash(sibling, hash) }
        }
        blackHole(hash)
    }
    Benchmark("primitive: 17 SHA-256 node hashes (an inclusion proof's work at n = 100,000)") { benchmark in
        var hash = Hash.sha256([1])
        let sibling = Hash.sha256([2])
        for _ in benchmark.scaledIterations {
            for _ in 0..<17 { hash = Merkle.nodeHash(sibling, hash) }
        }
        blackHole(hash)
    }
}

// MARK: - Entries: seal + sign, open + verify

struct EntryFixture: @unchecked Sendable {
    let ru: SideKeys
    let us: SideKeys
    let author = AuthorKey()
    let plaintext: [UInt8]
    let encodedEntry: [UInt8]
    let encodedContent: [UInt8]

    init() throws {
        ru = try SideKeys(side: SideID("ru"))
        us = try SideKeys(side: SideID("us"))
        plaintext = EntryContent.withRandomSalt(language: "en", subject: "Benchmark",
                                                text: String(repeating: "x", count: 900)).plaintext
        let (entry, content) = try Self.seal(plaintext, ru: ru, us: us, author: author)
        encodedEntry = entry.encoded
        encodedContent = content.encoded
    }

    /// What the author's client does: seal for both sides, then sign the header.
    static func seal(_ plaintext: [UInt8], ru: SideKeys, us: SideKeys, author: AuthorKey) throws -> (Entry, SealedContent) {
        let content = try SealedContent.seal(plaintext, for: [us.publicKeys, ru.publicKeys])
        let encoded = content.encoded
        let header = EntryHeader(
            sender: ru.side, recipient: us.side, line: try LineID("ru-us/mfa"), track: try TrackID("counterterrorism"),
            kind: .message, precedence: .priority, timeMilliseconds: 1_489_568_400_000, authorRole: try RoleName("ru/mfa/minister"),
            authorKeyID: author.publicKey.keyID, commitment: EntryContent.commitment(to: plaintext),
            contentHash: Hash.sha256(encoded), contentLength: UInt32(encoded.count))
        return (Entry(sequence: 0, header: header, authorSignature: try author.sign(header)), content)
    }

    /// What the recipient does: decode, check the author's signature, check and open the content,
    /// check the commitment.
    func openAndVerify() throws -> [UInt8] {
        let entry = try Entry(encoded: encodedEntry)
        try entry.verifyAuthorSignature(author.publicKey)
        try entry.checkContent(encodedContent)
        let plaintext = try SealedContent(encoded: encodedContent).open(with: us)
        guard EntryContent.commitment(to: plaintext) == entry.header.commitment else { throw EntryError.commitmentMismatch }
        return plaintext
    }
}

func entryBenchmarks() {
    Benchmark("entry: seal for 2 sides + sign (1 KiB plaintext)") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            blackHole(try EntryFixture.seal(fixture.plaintext, ru: fixture.ru, us: fixture.us, author: fixture.author))
        }
    } setup: {
        try EntryFixture()
    }
    Benchmark("entry: open + verify (1 KiB plaintext)") { benchmark, fixture in
        for _ in benchmark.scaledIterations { blackHole(try fixture.openAndVerify()) }
    } setup: {
        try EntryFixture()
    }

    let message = [UInt8](repeating: 7, count: 300)
    let signingKey = Curve25519.Signing.PrivateKey()
    let signature = try! signingKey.signature(for: message)
    Benchmark("primitive: Ed25519 sign (300 B)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try signingKey.signature(for: message)) }
    }
    Benchmark("primitive: Ed25519 verify (300 B)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(signingKey.publicKey.isValidSignature(signature, for: message)) }
    }

    let recipientKey = try! XWingMLKEM768X25519.PrivateKey.generate()
    let suite = HPKE.Ciphersuite.XWingMLKEM768X25519_SHA256_AES_GCM_256
    let contentKey = Data(repeating: 1, count: 32)
    var sender = try! HPKE.Sender(recipientKey: recipientKey.publicKey, ciphersuite: suite, info: Data())
    let wrapped = try! sender.seal(contentKey)
    let encapsulated = sender.encapsulatedKey
    Benchmark("primitive: HPKE X-Wing setup + seal (32 B)") { benchmark in
        for _ in benchmark.scaledIterations {
            var sender = try HPKE.Sender(recipientKey: recipientKey.publicKey, ciphersuite: suite, info: Data())
            blackHole(try sender.seal(contentKey))
        }
    }
    Benchmark("primitive: HPKE X-Wing setup + open (32 B)") { benchmark in
        for _ in benchmark.scaledIterations {
            var recipient = try HPKE.Recipient(privateKey: recipientKey, ciphersuite: suite, info: Data(), encapsulatedKey: encapsulated)
            blackHole(try recipient.open(wrapped))
        }
    }
    let block = [UInt8](repeating: 3, count: 1024)
    let aesKey = SymmetricKey(size: .bits256)
    let sealedBlock = try! AES.GCM.seal(block, using: aesKey)
    Benchmark("primitive: AES-256-GCM seal (1 KiB)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try AES.GCM.seal(block, using: aesKey)) }
    }
    Benchmark("primitive: AES-256-GCM open (1 KiB)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try AES.GCM.open(sealedBlock, using: aesKey)) }
    }
}
