import HotlineRecord

/// An operator's browser key, allowed to use the web console as this node's operator (link
/// health, the audit of reads, alarms). It signs API requests only: it holds no role and authors
/// no entry on the record; the operator key in the data directory stays the only one that does.
public struct ConsoleKey: Hashable, Sendable {
    public var publicKey: AuthorPublicKey
    /// Who uses it, as the operator named them.
    public var name: String
    /// Seconds since the epoch.
    public var addedAt: UInt64

    public var keyID: Hash { publicKey.keyID }

    public init(publicKey: AuthorPublicKey, name: String, addedAt: UInt64) {
        self.publicKey = publicKey
        self.name = name
        self.addedAt = addedAt
    }
}
