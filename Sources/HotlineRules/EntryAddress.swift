import HotlineRecord

/// Where an entry sits in the record: which side's log and at what position.
public struct EntryAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var side: SideID
    public var sequence: UInt64

    public init(side: SideID, sequence: UInt64) {
        self.side = side
        self.sequence = sequence
    }

    public init(_ reference: EntryReference) {
        self.init(side: reference.side, sequence: reference.sequence)
    }

    public var description: String { "\(side)#\(sequence)" }
    public static func < (a: EntryAddress, b: EntryAddress) -> Bool { (a.side, a.sequence) < (b.side, b.sequence) }
}
