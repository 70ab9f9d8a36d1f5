/// Remembers the (keyid, nonce) pairs of accepted signatures for a window of time and
/// refuses a pair seen again within it.
///
/// A value type with no clock and no locks: the caller passes the time and keeps the guard
/// where its concurrency model wants it (an actor, a mutex).
///
/// Memory is bounded by `capacity`. When that many unexpired pairs are held, new requests
/// are refused with ``SignatureError/replayGuardFull(capacity:)`` rather than an unexpired
/// pair forgotten, since forgetting one would let its request be replayed. With keyid and
/// nonce at most ``SignatureParameters/maxStringLength`` bytes each, the default capacity of
/// 100,000 pairs holds at most about 60 MB, typically a few MB.
public struct ReplayGuard: Sendable {
    /// The capacity used when none is given.
    public static let defaultCapacity = 100_000

    /// How long a pair is remembered after it was first seen, in seconds.
    public let window: Int64
    /// The most pairs held at once.
    public let capacity: Int

    private struct Entry: Hashable, Sendable {
        let keyID: String
        let nonce: String
    }

    private var firstSeen: [Entry: Int64] = [:]
    /// Entries in the order they arrived, oldest first, for expiry without a scan.
    private var arrivals: [(entry: Entry, time: Int64)] = []
    private var oldestArrival = 0
    /// The latest time recorded: times are kept non-decreasing, so a clock stepping back
    /// makes entries live longer, never shorter.
    private var latestTime = Int64.min

    /// Makes an empty guard remembering pairs for `window` seconds, at most `capacity` at once.
    public init(window: Int64, capacity: Int = ReplayGuard.defaultCapacity) {
        self.window = max(0, window)
        self.capacity = max(1, capacity)
    }

    /// Makes an empty guard whose window matches `policy`, so a nonce is remembered for as
    /// long as its signature could be accepted.
    public init(policy: VerificationPolicy, capacity: Int = ReplayGuard.defaultCapacity) {
        self.init(window: policy.replayWindow, capacity: capacity)
    }

    /// The number of pairs currently held.
    public var count: Int { firstSeen.count }

    /// Accepts the pair and remembers it, or throws if it was seen within the window or the
    /// guard is full.
    public mutating func admit(keyID: String, nonce: String, now: Int64) throws(SignatureError) {
        forgetExpired(now: now)
        let entry = Entry(keyID: keyID, nonce: nonce)
        guard firstSeen[entry] == nil else { throw .replayedNonce(keyID: keyID, nonce: nonce) }
        guard firstSeen.count < capacity else { throw .replayGuardFull(capacity: capacity) }
        latestTime = max(latestTime, now)
        firstSeen[entry] = latestTime
        arrivals.append((entry, latestTime))
    }

    /// Accepts the keyid and nonce of a verified signature; see ``admit(keyID:nonce:now:)``.
    public mutating func admit(_ signature: VerifiedSignature, now: Int64) throws(SignatureError) {
        try admit(keyID: signature.keyID, nonce: signature.nonce, now: now)
    }

    /// Forgets every pair first seen `window` or more seconds before `now`.
    public mutating func forgetExpired(now: Int64) {
        while oldestArrival < arrivals.count {
            let (entry, time) = arrivals[oldestArrival]
            let (age, overflow) = now.subtractingReportingOverflow(time)
            guard overflow ? now > time : age >= window else { break }
            firstSeen[entry] = nil
            oldestArrival += 1
        }
        // Drop the forgotten prefix once it is half the array, keeping appends amortised O(1).
        if oldestArrival > 0, oldestArrival * 2 >= arrivals.count {
            arrivals.removeFirst(oldestArrival)
            oldestArrival = 0
        }
    }
}
