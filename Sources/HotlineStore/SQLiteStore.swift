import Foundation
import GRDB
import HotlineRecord
import Synchronization

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so every committed
/// append survives a crash or power loss. See docs/OPERATIONS.md for why GRDB.
public final class SQLiteStore: RecordStore {
    public let path: String
    let pool: DatabasePool
    /// Each log's frontier, so that appends hash without reading. Checked against the log's
    /// stored size and root inside every append transaction and reloaded when they differ.
    let frontiers = Mutex<[String: MerkleFrontier]>([:])
    /// Log IDs by origin; logs are never deleted, so an ID once read stays right.
    let logIDs = Mutex<[String: Int64]>([:])
    /// Checkpoints the write-ahead log outside the commits (SQLite's own is turned off).
    let checkpointer: WALCheckpointer

    /// Bytes per database page for a new store. An entry with its sealed content is ~3.7 KB:
    /// with 16 KiB pages a commit of a batch writes about a quarter as many pages (and `pwrite`
    /// calls) as with SQLite's default 4 KiB, and the store's threads take 12% of the CPU of a
    /// stream of entries instead of 15% (docs/BENCHMARKS.md).
    static let pageSize = 16_384

    /// Opens (creating if needed) the store at `path` and checks every log: each stored node
    /// hash and each log's root must match a recomputation from the stored leaves.
    public init(path: String, verifyOnOpen: Bool = true) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "hotline-store"
        // Set before the file exists; an existing store keeps the page size it was made with.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)") }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                // GRDB sets synchronous=NORMAL when it enables WAL; durability needs FULL.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                let mode = try Int.fetchOne(db, sql: "PRAGMA synchronous")
                guard mode == 2 else { throw StoreError.cannotOpen(path: path, reason: "SQLite refused synchronous=FULL (got \(mode ?? -1))") }
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            }
            try Self.migrator.migrate(pool)
            checkpointer = try WALCheckpointer(path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        if verifyOnOpen {
            try verifyAllLogs()
        }
        checkpointer.start()
    }

    public func createLog(_ origin: LogOrigin) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO log (origin, size, root) VALUES (?, 0, ?) ON CONFLICT (origin) DO NOTHING",
                           arguments: [origin.text, Data(Merkle.emptyTreeHash.bytes)])
        }
    }

    public func logs() async throws -> [LogOrigin] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT origin FROM log ORDER BY origin").map { try LogOrigin(text: $0) }
        }
    }

    public func treeHead(_ origin: LogOrigin) async throws -> TreeHead {
        try await pool.read { db in try Self.logRow(db, origin).head }
    }

    @discardableResult
    public func append(_ records: [LogRecord], to origin: LogOrigin) async throws -> TreeHead {
        try await pool.write { db in
            let log = try Self.logRow(db, origin)
            for (offset, record) in records.enumerated() where record.sequence != log.head.size + UInt64(offset) {
                throw StoreError.outOfSequence(log: origin.text, expected: log.head.size + UInt64(offset), got: record.sequence)
            }
            guard log.head.size + UInt64(records.count) <= 1 << UInt64(Self.sequenceBits) else {
                throw StoreError.outOfRange(log: origin.text, requested: "more than 2^40 entries", size: log.head.size)
            }
            var frontier = try self.frontier(db, log)
            let insert = try db.cachedStatement(sql: "INSERT INTO entry (id, leaf, node_hashes, content) VALUES (?, ?, ?, ?)")
            for record in records {
                let completed = frontier.append(Merkle.leafHash(record.leaf))
                var nodeHashes = Data(capacity: completed.count * Hash.byteCount)
                for hash in completed { hash.withUnsafeBytes { nodeHashes.append(contentsOf: $0) } }
                try insert.execute(arguments: [Self.entryID(log.id, record.sequence), Data(record.leaf), nodeHashes, Data(record.content)])
            }
            let head = TreeHead(size: frontier.size, rootHash: frontier.rootHash)
            try db.execute(sql: "UPDATE log SET size = ?, root = ? WHERE id = ?",
                           arguments: [Int64(head.size), Data(head.rootHash.bytes), log.id])
            let final = frontier
            self.frontiers.withLock { $0[origin.text] = final }
            return head
        }
    }

    public func records(_ origin: LogOrigin, in range: Range<UInt64>) async throws -> [LogRecord] {
        try await pool.read { db in
            let log = try Self.logRow(db, origin)
            guard range.upperBound <= log.head.size else {
                throw StoreError.outOfRange(log: origin.text, requested: "entries \(range.lowerBound)..<\(range.upperBound)", size: log.head.size)
            }
            return try Row.fetchAll(db, sql: "SELECT id, leaf, content FROM entry WHERE id >= ? AND id < ? ORDER BY id",
                                    arguments: [Self.entryID(log.id, range.lowerBound), Self.entryID(log.id, range.upperBound)]).map { row in
                LogRecord(sequence: Self.sequence(ofEntryID: row["id"]), leaf: [UInt8](row["leaf"] as Data), content: [UInt8](row["content"] as Data))
            }
        }
    }

    public func nodeHashes(_ origin: LogOrigin, _ nodes: [TreeNode]) async throws -> [Hash] {
        let cachedID = logIDs.withLock { $0[origin.text] }
        return try await pool.read { db in
            let id = try cachedID ?? self.cacheLogID(db, origin)
            return try Self.nodeHashes(db, logID: id, origin: origin.text, nodes)
        }
    }

    private func cacheLogID(_ db: Database, _ origin: LogOrigin) throws -> Int64 {
        let id = try Self.logRow(db, origin).id
        logIDs.withLock { $0[origin.text] = id }
        return id
    }

    public func saveCheckpoint(_ note: SignedNote, for origin: LogOrigin) async throws {
        let checkpoint = try Self.checkpoint(note, of: origin)
        try await pool.write { db in
            try Self.insertCheckpoint(db, try Self.logRow(db, origin), checkpoint, note)
        }
    }

    public func saveCosignedCheckpoint(_ note: SignedNote, cosignatures: [NoteSignature], timestamp: UInt64, for origin: LogOrigin) async throws {
        let checkpoint = try Self.checkpoint(note, of: origin)
        try await pool.write { db in
            let log = try Self.logRow(db, origin)
            try Self.insertCheckpoint(db, log, checkpoint, note)
            try Self.insertCosignatures(db, log, cosignatures, timestamp: timestamp, size: checkpoint.size)
        }
    }

    private static func checkpoint(_ note: SignedNote, of origin: LogOrigin) throws -> Checkpoint {
        let checkpoint = try Checkpoint(note: note)
        guard checkpoint.origin == origin.text else {
            throw NoteError.malformedCheckpoint("checkpoint of \(checkpoint.origin) offered for log \(origin)")
        }
        return checkpoint
    }

    /// Keeps the first checkpoint of each size; a different one of the same size is refused.
    private static func insertCheckpoint(_ db: Database, _ log: LogRow, _ checkpoint: Checkpoint, _ note: SignedNote) throws {
        if let stored = try Data.fetchOne(db, sql: "SELECT root FROM checkpoint WHERE log_id = ? AND size = ?",
                                          arguments: [log.id, Int64(checkpoint.size)]) {
            guard [UInt8](stored) == checkpoint.rootHash.bytes else {
                throw StoreError.checkpointConflict(log: log.origin, size: checkpoint.size)
            }
            return
        }
        try db.execute(sql: "INSERT INTO checkpoint (log_id, size, root, note) VALUES (?, ?, ?, ?)",
                       arguments: [log.id, Int64(checkpoint.size), Data(checkpoint.rootHash.bytes), note.serialized])
    }

    private static func insertCosignatures(_ db: Database, _ log: LogRow, _ signatures: [NoteSignature], timestamp: UInt64, size: UInt64) throws {
        try db.execute(sql: """
            INSERT INTO cosignature (log_id, size, timestamp, lines) VALUES (?, ?, ?, ?)
            ON CONFLICT (log_id, size, timestamp) DO NOTHING
            """, arguments: [log.id, Int64(size), Int64(timestamp), signatures.map(\.line).joined()])
    }

    public func checkpoint(_ origin: LogOrigin, size: UInt64?) async throws -> SignedNote? {
        try await pool.read { db in
            let log = try Self.logRow(db, origin)
            let text = if let size {
                try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log_id = ? AND size = ?", arguments: [log.id, Int64(size)])
            } else {
                try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log_id = ? ORDER BY size DESC LIMIT 1", arguments: [log.id])
            }
            return try text.map { try SignedNote(parsing: $0) }
        }
    }

    public func saveCosignatures(_ signatures: [NoteSignature], timestamp: UInt64, size: UInt64, for origin: LogOrigin) async throws {
        try await pool.write { db in
            let log = try Self.logRow(db, origin)
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM checkpoint WHERE log_id = ? AND size = ?)",
                                    arguments: [log.id, Int64(size)]) == true else {
                throw StoreError.outOfRange(log: origin.text, requested: "a cosignature on the checkpoint of size \(size)", size: log.head.size)
            }
            try Self.insertCosignatures(db, log, signatures, timestamp: timestamp, size: size)
        }
    }

    public func cosignedCheckpoint(_ origin: LogOrigin, size: UInt64?) async throws -> SignedNote? {
        try await pool.read { db in
            let log = try Self.logRow(db, origin)
            let sizeFilter = size.map { "AND c.size = \($0)" } ?? ""
            guard let row = try Row.fetchOne(db, sql: """
                SELECT k.note, c.lines FROM cosignature c JOIN checkpoint k ON k.log_id = c.log_id AND k.size = c.size
                WHERE c.log_id = ? \(sizeFilter) ORDER BY c.size DESC, c.timestamp DESC LIMIT 1
                """, arguments: [log.id]) else { return nil }
            let note = try SignedNote(parsing: row["note"] as String)
            let cosignatures = try SignedNote(parsing: note.text + "\n" + (row["lines"] as String)).signatures
            return SignedNote(text: note.text, signatures: note.signatures + cosignatures)
        }
    }

    public func latestCosignature(_ origin: LogOrigin) async throws -> CosignatureMark? {
        try await pool.read { db in
            let log = try Self.logRow(db, origin)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT MAX(size) AS size, MAX(timestamp) AS timestamp FROM cosignature WHERE log_id = ?
                """, arguments: [log.id]), let size = row["size"] as Int64?, let time = row["timestamp"] as Int64? else { return nil }
            return CosignatureMark(size: UInt64(size), timestamp: UInt64(time))
        }
    }

    public func cosignatures(_ origin: LogOrigin, limit: Int, before: UInt64?) async throws -> [CosignatureMark] {
        try await pool.read { db in
            let log = try Self.logRow(db, origin)
            guard limit > 0 else { return [] }
            // Timestamps are stored as INTEGER: a `before` beyond Int64 means no bound.
            let bound = before.map { Int64(clamping: $0) } ?? .max
            func mark(_ row: Row) -> CosignatureMark {
                CosignatureMark(size: UInt64(row["size"] as Int64), timestamp: UInt64(row["timestamp"] as Int64))
            }
            var marks = try Row.fetchAll(db, sql: """
                SELECT size, timestamp FROM cosignature WHERE log_id = ? AND timestamp < ?
                ORDER BY timestamp DESC, size DESC LIMIT ?
                """, arguments: [log.id, bound, limit]).map(mark)
            // A full page ends with the whole of its last second (see the protocol).
            if marks.count == limit, let last = marks.last {
                marks += try Row.fetchAll(db, sql: """
                    SELECT size, timestamp FROM cosignature WHERE log_id = ? AND timestamp = ? AND size < ?
                    ORDER BY size DESC
                    """, arguments: [log.id, Int64(last.timestamp), Int64(last.size)]).map(mark)
            }
            return marks
        }
    }

    public func cosignedCheckpoint(_ origin: LogOrigin, asOf timestamp: UInt64) async throws -> SignedNote? {
        try await pool.read { db in
            let log = try Self.logRow(db, origin)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT k.note, c.lines FROM cosignature c JOIN checkpoint k ON k.log_id = c.log_id AND k.size = c.size
                WHERE c.log_id = ? AND c.timestamp <= ? ORDER BY c.size DESC, c.timestamp DESC LIMIT 1
                """, arguments: [log.id, Int64(clamping: timestamp)]) else { return nil }
            let note = try SignedNote(parsing: row["note"] as String)
            let cosignatures = try SignedNote(parsing: note.text + "\n" + (row["lines"] as String)).signatures
            return SignedNote(text: note.text, signatures: note.signatures + cosignatures)
        }
    }

    public func firstCosignature(_ origin: LogOrigin, covering sequence: UInt64) async throws -> CosignatureMark? {
        try await pool.read { db in
            let log = try Self.logRow(db, origin)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT size, timestamp FROM cosignature WHERE log_id = ? AND size > ? ORDER BY timestamp, size LIMIT 1
                """, arguments: [log.id, Int64(sequence)]) else { return nil }
            return CosignatureMark(size: UInt64(row["size"] as Int64), timestamp: UInt64(row["timestamp"] as Int64))
        }
    }

    public func recordRead(_ read: ReadRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO read_record (key_id, roles, line, entries, read_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Data(read.keyID.bytes), read.roles, read.line, read.entries, Int64(read.readAt)])
        }
    }

    public func reads(limit: Int) async throws -> [ReadRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM read_record ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                ReadRecord(keyID: Hash(bytes: [UInt8](row["key_id"] as Data)) ?? .zero, roles: row["roles"], line: row["line"],
                           entries: row["entries"], readAt: UInt64(row["read_at"] as Int64))
            }
        }
    }

    public func recordEvidence(_ evidence: Evidence) async throws {
        try await pool.write { db in
            let log = try Self.logRow(db, evidence.origin)
            try db.execute(sql: """
                INSERT INTO evidence (log_id, kind, detail, first, second, detected_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [log.id, evidence.kind.rawValue, evidence.detail, evidence.first, evidence.second, Int64(evidence.detectedAt)])
        }
    }

    public func evidence(openOnly: Bool) async throws -> [Evidence] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, l.origin FROM evidence e JOIN log l ON l.id = e.log_id
                \(openOnly ? "WHERE e.cleared_at IS NULL" : "") ORDER BY e.id DESC
                """).map { row in
                var evidence = Evidence(origin: try LogOrigin(text: row["origin"]), kind: Evidence.Kind(rawValue: row["kind"]) ?? .equivocation,
                                        detail: row["detail"], first: row["first"], second: row["second"],
                                        detectedAt: UInt64(row["detected_at"] as Int64))
                evidence.id = row["id"]
                evidence.clearedAt = (row["cleared_at"] as Int64?).map(UInt64.init)
                evidence.clearNote = row["clear_note"]
                return evidence
            }
        }
    }

    public func clearAlarms(_ origin: LogOrigin, note: String, at time: UInt64) async throws -> Int {
        try await pool.write { db in
            let log = try Self.logRow(db, origin)
            try db.execute(sql: "UPDATE evidence SET cleared_at = ?, clear_note = ? WHERE log_id = ? AND cleared_at IS NULL",
                           arguments: [Int64(time), note, log.id])
            return db.changesCount
        }
    }
}
