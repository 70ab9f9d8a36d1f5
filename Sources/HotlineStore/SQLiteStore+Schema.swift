import Foundation
import GRDB
import HotlineRecord

extension SQLiteStore {
    /// The schema. Plain SQL that PostgreSQL also accepts with BYTEA for BLOB.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE log (
                    id INTEGER PRIMARY KEY,
                    origin TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL,
                    root BLOB NOT NULL
                );
                -- One row per entry: the leaf, the tree nodes its append completed (32 bytes
                -- each, level 0 first), and the sealed content stored beside the tree.
                -- id = log_id * 2^40 + seq: one B-tree, no second index to update per append.
                CREATE TABLE entry (
                    id INTEGER PRIMARY KEY,
                    leaf BLOB NOT NULL,
                    node_hashes BLOB NOT NULL,
                    content BLOB NOT NULL
                );
                CREATE TABLE checkpoint (
                    log_id INTEGER NOT NULL REFERENCES log (id),
                    size INTEGER NOT NULL,
                    root BLOB NOT NULL,
                    note TEXT NOT NULL,
                    PRIMARY KEY (log_id, size)
                );
                CREATE TABLE cosignature (
                    log_id INTEGER NOT NULL REFERENCES log (id),
                    size INTEGER NOT NULL,
                    timestamp INTEGER NOT NULL,
                    lines TEXT NOT NULL,
                    PRIMARY KEY (log_id, size, timestamp)
                );
                """)
        }
        migrator.registerMigration("v2-evidence") { db in
            try db.execute(sql: """
                CREATE TABLE evidence (
                    id INTEGER PRIMARY KEY,
                    log_id INTEGER NOT NULL REFERENCES log (id),
                    kind TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    first TEXT NOT NULL,
                    second TEXT NOT NULL,
                    detected_at INTEGER NOT NULL,
                    cleared_at INTEGER,
                    clear_note TEXT
                );
                """)
        }
        migrator.registerMigration("v3-reads") { db in
            // Who read which entries of which line: the node's own audit of its compartments.
            // Not part of the shared record.
            try db.execute(sql: """
                CREATE TABLE read_record (
                    id INTEGER PRIMARY KEY,
                    key_id BLOB NOT NULL,
                    roles TEXT NOT NULL,
                    line TEXT NOT NULL,
                    entries TEXT NOT NULL,
                    read_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-cosignature-time") { db in
            // The checkpoint history (GET /api/v1/checkpoints) reads a log's cosignatures by time,
            // newest first: a year of heartbeats is half a million rows per log.
            try db.execute(sql: "CREATE INDEX cosignature_time ON cosignature (log_id, timestamp)")
        }
        migrator.registerMigration("v5-console-keys") { db in
            // Operators' browser keys for the web console (SQLiteStore+ConsoleKeys). The node's
            // own business, not part of the shared record.
            try db.execute(sql: """
                CREATE TABLE console_key (
                    key_id BLOB PRIMARY KEY,
                    public_key BLOB NOT NULL,
                    name TEXT NOT NULL,
                    added_at INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }()

    struct LogRow {
        var id: Int64
        var origin: String
        var head: TreeHead
    }

    /// Entries of all logs share one table keyed by log and sequence packed into one integer;
    /// a log holds at most 2^40 entries.
    static let sequenceBits: Int64 = 40
    static func entryID(_ logID: Int64, _ sequence: UInt64) -> Int64 { logID << sequenceBits | Int64(sequence) }
    static func sequence(ofEntryID id: Int64) -> UInt64 { UInt64(id & ((1 << sequenceBits) - 1)) }

    static func logRow(_ db: Database, _ origin: LogOrigin) throws -> LogRow {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, size, root FROM log WHERE origin = ?", arguments: [origin.text]) else {
            throw StoreError.unknownLog(origin.text)
        }
        guard let root = Hash(bytes: [UInt8](row["root"] as Data)) else {
            throw StoreError.corrupt("log \(origin) has a root hash of the wrong length")
        }
        return LogRow(id: row["id"], origin: origin.text, head: TreeHead(size: UInt64(row["size"] as Int64), rootHash: root))
    }

    static func nodeHashes(_ db: Database, logID: Int64, origin: String, _ nodes: [TreeNode]) throws -> [Hash] {
        guard !nodes.isEmpty else { return [] }
        let leaves = Array(Set(nodes.map(\.completingLeaf))).sorted()
        let placeholders = Array(repeating: "?", count: leaves.count).joined(separator: ",")
        let arguments = StatementArguments(leaves.map { entryID(logID, $0) })
        let rows = try Data.fetchAll(db, sql: "SELECT node_hashes FROM entry WHERE id IN (\(placeholders)) ORDER BY id", arguments: arguments)
        guard rows.count == leaves.count else {
            let size = try Int64.fetchOne(db, sql: "SELECT size FROM log WHERE id = ?", arguments: [logID]) ?? 0
            throw StoreError.outOfRange(log: origin, requested: "tree nodes completed by entry \(leaves.last!)", size: UInt64(size))
        }
        let stored = Dictionary(uniqueKeysWithValues: zip(leaves, rows))
        return try nodes.map { node in
            let hashes = stored[node.completingLeaf]!
            let start = hashes.startIndex + node.level * Hash.byteCount
            guard hashes.count >= (node.level + 1) * Hash.byteCount, let hash = Hash(bytes: hashes[start..<start + Hash.byteCount]) else {
                throw StoreError.corrupt("\(origin): tree node level \(node.level) index \(node.index) is missing")
            }
            return hash
        }
    }

    static func nodeHashes(_ db: Database, _ log: LogRow, _ nodes: [TreeNode]) throws -> [Hash] {
        try nodeHashes(db, logID: log.id, origin: log.origin, nodes)
    }

    /// The cached frontier of a log if it matches the stored tree head, else one rebuilt from
    /// the stored nodes.
    func frontier(_ db: Database, _ log: LogRow) throws -> MerkleFrontier {
        let key = log.origin
        if let cached = frontiers.withLock({ $0[key] }), cached.size == log.head.size, cached.rootHash == log.head.rootHash {
            return cached
        }
        let nodes = MerkleFrontier.nodes(forSize: log.head.size)
        let frontier = try MerkleFrontier(size: log.head.size, nodes: try Self.nodeHashes(db, log, nodes))
        guard frontier.rootHash == log.head.rootHash else {
            throw StoreError.corrupt("log \(key): the stored tree nodes do not lead to the stored root")
        }
        frontiers.withLock { $0[key] = frontier }
        return frontier
    }
}
