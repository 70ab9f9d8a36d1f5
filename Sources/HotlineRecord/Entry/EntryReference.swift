/// A pointer from an entry to an earlier entry in either side's log. It names the entry by
/// position and by its RFC 9162 leaf hash, so it can never be redirected to other content.
public struct EntryReference: Hashable, Sendable {
    /// The side whose log holds the referenced entry.
    public var side: SideID
    public var sequence: UInt64
    public var leafHash: Hash

    public init(side: SideID, sequence: UInt64, leafHash: Hash) {
        self.side = side
        self.sequence = sequence
        self.leafHash = leafHash
    }
}
