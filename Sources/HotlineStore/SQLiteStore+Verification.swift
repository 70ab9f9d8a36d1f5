import Foundation
import GRDB
import HotlineRecord

extension SQLiteStore {
    /// Recomputes every log's tree from its stored leaves and compares every stored node hash,
    /// the stored size and the stored root. Linear in the number of entries; it runs at open so
    /// that a damaged file is found before anything is built on it.
    public func verifyAllLogs() throws {
        try pool.read { db in
            for log in try Row.fetchAll(db, sql: "SELECT id, origin FROM log ORDER BY id") {
                let origin: String = log["origin"]
                let row = try Self.logRow(db, try LogOrigin(text: origin))
                var frontier = MerkleFrontier()
                let cursor = try Row.fetchCursor(db, sql: "SELECT id, leaf, node_hashes FROM entry WHERE id >= ? AND id < ? ORDER BY id",
                                                 arguments: [Self.entryID(row.id, 0), Self.entryID(row.id + 1, 0)])
                while let entry = try cursor.next() {
                    let sequence = Self.sequence(ofEntryID: entry["id"])
                    guard sequence == frontier.size else {
                        throw StoreError.corrupt("log \(origin) has no entry \(frontier.size) (next stored is \(sequence))")
                    }
                    let expected = frontier.append(Merkle.leafHash([UInt8](entry["leaf"] as Data))).flatMap(\.bytes)
                    guard [UInt8](entry["node_hashes"] as Data) == expected else {
                        throw StoreError.corrupt("log \(origin) entry \(sequence): stored tree hashes do not match its leaf")
                    }
                }
                guard frontier.size == row.head.size else {
                    throw StoreError.corrupt("log \(origin) records size \(row.head.size) but holds \(frontier.size) entries")
                }
                guard frontier.rootHash == row.head.rootHash else {
                    throw StoreError.corrupt("log \(origin): the stored root does not match its entries")
                }
                frontiers.withLock { $0[origin] = frontier }
            }
            for checkpoint in try Row.fetchAll(db, sql: "SELECT c.size, c.root, l.origin, l.size AS log_size FROM checkpoint c JOIN log l ON l.id = c.log_id") {
                let size = UInt64(checkpoint["size"] as Int64)
                let origin: String = checkpoint["origin"]
                // Own logs are checkpointed only up to what is stored; a replica may hold a
                // checkpoint received before its entries.
                if size <= UInt64(checkpoint["log_size"] as Int64), size > 0 {
                    let row = try Self.logRow(db, try LogOrigin(text: origin))
                    let nodes = TreeNode.decomposition(of: 0..<size)
                    let root = try PrefetchedNodes(nodes: nodes, hashes: Self.nodeHashes(db, row, nodes)).rootHash(size: size)
                    guard root.bytes == [UInt8](checkpoint["root"] as Data) else {
                        throw StoreError.corrupt("log \(origin): the checkpoint of size \(size) does not match the stored entries")
                    }
                }
            }
        }
    }
}
