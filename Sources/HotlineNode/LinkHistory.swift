import Synchronization

/// The health of the link to one paired side, round by round: when each round of the sending
/// link ended, whether it delivered entries or only fetched a fresh receipt (a heartbeat), how
/// long it took from its first push (or its request) to the receipt stored, and the size the
/// receipt covers; and each failed round with its error.
///
/// Kept in memory only, since the node started, in a ring of `capacity` rounds (the oldest are
/// dropped). It says how the link behaved, not what was delivered: every receipt is kept
/// durably in the store (`RecordStore.cosignatures`, `GET /api/v1/checkpoints`).
public final class LinkHistory: Sendable {
    public struct Sample: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
            /// The round pushed entries and got a receipt for them.
            case delivery
            /// The round only asked for a fresh receipt.
            case heartbeat
            /// The round failed.
            case failure
        }

        /// When the round ended, milliseconds since the epoch (the node's clock).
        public var at: UInt64
        public var kind: Kind
        /// From the round's first push (or its receipt request) to the receipt stored; nil for a failure.
        public var latencyMs: Double?
        /// The size of our log the receipt covers; nil for a failure.
        public var size: UInt64?
        /// What went wrong, shortened; only for a failure.
        public var error: String?

        public init(at: UInt64, kind: Kind, latencyMs: Double? = nil, size: UInt64? = nil, error: String? = nil) {
            self.at = at
            self.kind = kind
            self.latencyMs = latencyMs
            self.size = size
            self.error = error
        }

        /// A failed round, its error on one line and at most `maxErrorLength` characters.
        public static func failure(at: UInt64, error: String) -> Sample {
            let line = error.split(whereSeparator: \.isNewline).joined(separator: " ")
            let short = line.count > maxErrorLength ? String(line.prefix(maxErrorLength - 1)) + "…" : line
            return Sample(at: at, kind: .failure, error: short)
        }

        public static let maxErrorLength = 200
    }

    /// About a day and a half of an idle link at the default heartbeat (60 s), or the last
    /// 2,000 rounds of a busy one.
    public static let defaultCapacity = 2_000

    public let capacity: Int
    private let ring: Mutex<Ring>

    private struct Ring {
        var samples: [Sample] = []
        /// Where the next sample goes once the ring is full.
        var next = 0
        var recorded: UInt64 = 0
    }

    public init(capacity: Int = LinkHistory.defaultCapacity) {
        precondition(capacity > 0, "a link history holds at least one sample")
        self.capacity = capacity
        ring = Mutex(Ring())
    }

    public func record(_ sample: Sample) {
        let capacity = self.capacity
        ring.withLock { ring in
            if ring.samples.count < capacity {
                ring.samples.append(sample)
            } else {
                ring.samples[ring.next] = sample
                ring.next = (ring.next + 1) % capacity
            }
            ring.recorded += 1
        }
    }

    /// The latest `limit` samples (all that are kept when nil), oldest first.
    public func samples(limit: Int? = nil) -> [Sample] {
        let all = ring.withLock { ring in Array(ring.samples[ring.next...] + ring.samples[..<ring.next]) }
        guard let limit else { return all }
        return Array(all.suffix(max(0, limit)))
    }

    /// The samples of rounds that ended at or after `milliseconds`, oldest first.
    public func samples(since milliseconds: UInt64) -> [Sample] {
        samples().filter { $0.at >= milliseconds }
    }

    /// Rounds recorded since the node started, including those the ring no longer holds.
    public var recorded: UInt64 { ring.withLock { $0.recorded } }
}
