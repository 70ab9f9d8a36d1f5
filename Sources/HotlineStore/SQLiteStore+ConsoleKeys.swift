import Foundation
import GRDB
import HotlineRecord

/// Operators' console keys (ConsoleKey): read once when the node opens, changed by the operator.
extension SQLiteStore {
    /// Every console key, oldest first. Synchronous: the node reads them while it opens.
    public func consoleKeys() throws -> [ConsoleKey] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT public_key, name, added_at FROM console_key ORDER BY added_at, key_id").map { row in
                let raw = [UInt8](row["public_key"] as Data)
                guard let key = try? AuthorPublicKey(rawRepresentation: raw) else {
                    throw StoreError.corrupt("a console key is not an Ed25519 public key (\(raw.count) bytes)")
                }
                return ConsoleKey(publicKey: key, name: row["name"], addedAt: UInt64(row["added_at"] as Int64))
            }
        }
    }

    /// Adds `key`; adding a key already there renames it and keeps its first time.
    public func addConsoleKey(_ key: ConsoleKey) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO console_key (key_id, public_key, name, added_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (key_id) DO UPDATE SET name = excluded.name
                """, arguments: [Data(key.keyID.bytes), Data(key.publicKey.rawRepresentation), key.name, Int64(clamping: key.addedAt)])
        }
    }

    /// Removes the key with `keyID`; false if there was none.
    public func removeConsoleKey(_ keyID: Hash) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM console_key WHERE key_id = ?", arguments: [Data(keyID.bytes)])
            return db.changesCount > 0
        }
    }
}
