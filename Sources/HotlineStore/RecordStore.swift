import HotlineRecord

/// Durable storage of a node's record: its own logs (one per peer), its replicas of the peers'
/// logs, their Merkle trees, checkpoints and cosignatures. Implementations must make every
/// append atomic and durable before returning: after a crash the store holds a prefix of what
/// was appended, with a correct tree.
public protocol RecordStore: Sendable {
    /// The earliest cosignature of `origin` covering entry `sequence` (a size above it), if any.
    func firstCosignature(_ origin: LogOrigin, covering sequence: UInt64) async throws -> CosignatureMark?

    /// The cosigned checkpoint of the largest size among those cosigned at or before `timestamp`
    /// (seconds since the epoch), with that cosignature.
    func cosignedCheckpoint(_ origin: LogOrigin, asOf timestamp: UInt64) async throws -> SignedNote?

    /// Notes that an official read entries of a line (the node's audit of its compartments).
    func recordRead(_ read: ReadRecord) async throws

    /// The latest reads, newest first.
    func reads(limit: Int) async throws -> [ReadRecord]

    /// Creates the log if it does not exist.
    func createLog(_ origin: LogOrigin) async throws

    /// The logs this store holds.
    func logs() async throws -> [LogOrigin]

    /// The current size and root hash of a log.
    func treeHead(_ origin: LogOrigin) async throws -> TreeHead

    /// Appends records whose sequence numbers continue the log (the first equals the current
    /// size), storing each leaf with the tree nodes it completes, and commits durably.
    /// Returns the new tree head. Appends nothing if any record is out of sequence.
    @discardableResult
    func append(_ records: [LogRecord], to origin: LogOrigin) async throws -> TreeHead

    /// Records `range` of a log, in order.
    func records(_ origin: LogOrigin, in range: Range<UInt64>) async throws -> [LogRecord]

    /// Stored tree node hashes, for proofs.
    func nodeHashes(_ origin: LogOrigin, _ nodes: [TreeNode]) async throws -> [Hash]

    /// Stores a checkpoint note signed by the log's sender (without cosignatures). Storing the
    /// same checkpoint again is a no-op; a different root for a stored size is refused.
    func saveCheckpoint(_ note: SignedNote, for origin: LogOrigin) async throws

    /// The stored signed checkpoint of a size, or the largest one if `size` is nil.
    func checkpoint(_ origin: LogOrigin, size: UInt64?) async throws -> SignedNote?

    /// Stores the recipient's cosignatures on the checkpoint of `size`, made at `timestamp`.
    func saveCosignatures(_ signatures: [NoteSignature], timestamp: UInt64, size: UInt64, for origin: LogOrigin) async throws

    /// Stores a checkpoint and cosignatures on it in one durable transaction (a receipt given
    /// or taken), refusing a different checkpoint of the same size.
    func saveCosignedCheckpoint(_ note: SignedNote, cosignatures: [NoteSignature], timestamp: UInt64, for origin: LogOrigin) async throws

    /// The checkpoint of `size` (or the largest cosigned one) with its latest cosignatures.
    func cosignedCheckpoint(_ origin: LogOrigin, size: UInt64?) async throws -> SignedNote?

    /// The largest cosigned size of a log and the time of its latest cosignature.
    func latestCosignature(_ origin: LogOrigin) async throws -> CosignatureMark?

    /// The cosignatures of a log over time (size and timestamp), most recent first (by time,
    /// then size): at most `limit`, only those made before `before` (seconds since the epoch,
    /// exclusive) when given. Several cosignatures can share a second; so that paging with
    /// `before` = the last timestamp of a page loses none, a full page also holds the others of
    /// its last second, and may then be a few longer than `limit`.
    func cosignatures(_ origin: LogOrigin, limit: Int, before: UInt64?) async throws -> [CosignatureMark]

    /// Keeps evidence of misbehaviour (e.g. two checkpoints for one size). Uncleared evidence
    /// is an alarm: the node stops taking deliveries on that log until an operator clears it.
    func recordEvidence(_ evidence: Evidence) async throws

    /// All evidence, newest first; only uncleared evidence if `openOnly`.
    func evidence(openOnly: Bool) async throws -> [Evidence]

    /// Marks a log's evidence as seen by an operator, lifting its alarm. The evidence stays.
    func clearAlarms(_ origin: LogOrigin, note: String, at time: UInt64) async throws -> Int
}

/// The largest cosigned size of a log and when it was last cosigned.
/// One read of a line's entries by an official.
public struct ReadRecord: Hashable, Sendable {
    public var keyID: Hash
    /// The roles the reader held on the line, comma-separated.
    public var roles: String
    public var line: String
    /// The entries read, e.g. `ru#0-4 us#2`.
    public var entries: String
    /// Seconds since the epoch.
    public var readAt: UInt64

    public init(keyID: Hash, roles: String, line: String, entries: String, readAt: UInt64) {
        self.keyID = keyID
        self.roles = roles
        self.line = line
        self.entries = entries
        self.readAt = readAt
    }
}

public struct CosignatureMark: Hashable, Sendable {
    public var size: UInt64
    public var timestamp: UInt64

    public init(size: UInt64, timestamp: UInt64) {
        self.size = size
        self.timestamp = timestamp
    }
}

/// Misbehaviour by the writer of a log, kept as evidence.
public struct Evidence: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Two different signed checkpoints of one size.
        case equivocation
        /// A signed checkpoint that is not consistent with one cosigned before.
        case inconsistentCheckpoint = "inconsistent-checkpoint"
        /// A signed checkpoint whose root differs from the entries received.
        case checkpointContradictsEntries = "checkpoint-contradicts-entries"
        /// A second, different entry delivered for a sequence number already stored.
        case conflictingEntry = "conflicting-entry"
    }

    public var id: Int64?
    public var origin: LogOrigin
    public var kind: Kind
    public var detail: String
    /// The two conflicting items (signed notes or entries, as text or base64).
    public var first: String
    public var second: String
    public var detectedAt: UInt64
    public var clearedAt: UInt64?
    public var clearNote: String?

    public init(origin: LogOrigin, kind: Kind, detail: String, first: String, second: String, detectedAt: UInt64) {
        self.origin = origin
        self.kind = kind
        self.detail = detail
        self.first = first
        self.second = second
        self.detectedAt = detectedAt
    }
}

extension RecordStore {
    public func inclusionProof(_ origin: LogOrigin, index: UInt64, size: UInt64) async throws -> [Hash] {
        let ranges = InclusionProof.ranges(index: index, size: size)
        return try await subtreeHashes(origin, ranges)
    }

    public func consistencyProof(_ origin: LogOrigin, from oldSize: UInt64, to newSize: UInt64) async throws -> [Hash] {
        guard oldSize <= newSize else { throw MerkleError.sizesOutOfOrder(old: oldSize, new: newSize) }
        return try await subtreeHashes(origin, ConsistencyProof.ranges(oldSize: oldSize, newSize: newSize))
    }

    /// The root hash of the first `size` entries of a log, from O(log n) stored nodes.
    public func treeRoot(_ origin: LogOrigin, size: UInt64) async throws -> Hash {
        guard size > 0 else { return Merkle.emptyTreeHash }
        return try await subtreeHashes(origin, [0..<size])[0]
    }

    /// Reads the needed nodes in one query and hands them to the pure core to assemble.
    private func subtreeHashes(_ origin: LogOrigin, _ ranges: [Range<UInt64>]) async throws -> [Hash] {
        let nodes = ranges.flatMap { TreeNode.decomposition(of: $0) }
        let hashes = try await nodeHashes(origin, nodes)
        return try PrefetchedNodes(nodes: nodes, hashes: hashes).subtreeHashes(ranges)
    }
}

/// One entry of a log as the store keeps it: the leaf (the entry's canonical encoding) and the
/// sealed content stored beside it.
public struct LogRecord: Hashable, Sendable {
    public var sequence: UInt64
    public var leaf: [UInt8]
    public var content: [UInt8]

    public init(sequence: UInt64, leaf: [UInt8], content: [UInt8]) {
        self.sequence = sequence
        self.leaf = leaf
        self.content = content
    }
}

/// A log's size and root hash.
public struct TreeHead: Hashable, Sendable {
    public var size: UInt64
    public var rootHash: Hash

    public init(size: UInt64, rootHash: Hash) {
        self.size = size
        self.rootHash = rootHash
    }

    public static let empty = TreeHead(size: 0, rootHash: Merkle.emptyTreeHash)
}

/// Why the store refused an operation or cannot be opened.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case unknownLog(String)
    case outOfSequence(log: String, expected: UInt64, got: UInt64)
    case outOfRange(log: String, requested: String, size: UInt64)
    case checkpointConflict(log: String, size: UInt64)
    case checkpointBeyondLog(log: String, size: UInt64, logSize: UInt64)
    case corrupt(String)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownLog(origin):
            return "the store holds no log \(origin)"
        case let .outOfSequence(log, expected, got):
            return "\(log): the next entry must be number \(expected), got \(got); nothing was appended"
        case let .outOfRange(log, requested, size):
            return "\(log): \(requested) is beyond the log's \(size) entries"
        case let .checkpointConflict(log, size):
            return "\(log): a different checkpoint of size \(size) is already stored; keeping both is evidence of equivocation"
        case let .checkpointBeyondLog(log, size, logSize):
            return "\(log): checkpoint of size \(size) is beyond the \(logSize) stored entries"
        case let .corrupt(reason):
            return "the store is damaged: \(reason). Restore it from a back-up (docs/OPERATIONS.md)"
        case let .cannotOpen(path, reason):
            return "cannot open the store \(path): \(reason)"
        }
    }
}
