import HotlineRecord
import HotlineStore

/// Deterministic log records for store tests and benchmarks: record n is always the same bytes,
/// so a test can check what a crashed writer left behind without talking to it.
public enum SyntheticLog {
    public static let origin = LogOrigin(sender: try! SideID("ru"), recipient: try! SideID("us"))

    /// Record `sequence`: a leaf of 200–599 bytes and a content of 512 bytes, both derived from
    /// SHA-256 of the sequence number.
    public static func record(_ sequence: UInt64, leafSize: Int? = nil, contentSize: Int = 512) -> LogRecord {
        LogRecord(sequence: sequence,
                  leaf: bytes(label: "leaf", sequence, count: leafSize ?? 200 + Int(sequence % 400)),
                  content: bytes(label: "content", sequence, count: contentSize))
    }

    public static func records(_ range: Range<UInt64>) -> [LogRecord] {
        range.map { record($0) }
    }

    /// The root of the first `size` synthetic records, computed in memory.
    public static func rootHash(size: UInt64) -> Hash {
        var frontier = MerkleFrontier()
        for n in 0..<size { frontier.append(Merkle.leafHash(record(n).leaf)) }
        return frontier.rootHash
    }

    static func bytes(label: String, _ sequence: UInt64, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 32)
        var block: UInt64 = 0
        while out.count < count {
            out += Hash.sha256(Array("\(label) \(sequence) \(block)".utf8)).bytes
            block += 1
        }
        return Array(out.prefix(count))
    }
}
