/// A node of a log's Merkle tree: the root of the perfect subtree over the leaves
/// `index << level ..< (index + 1) << level`. Level 0 nodes are leaf hashes.
public struct TreeNode: Hashable, Sendable, Comparable {
    public var level: Int
    public var index: UInt64

    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The leaves this node covers.
    public var leaves: Range<UInt64> {
        (index << UInt64(level))..<((index + 1) << UInt64(level))
    }

    /// The leaf whose append completed this node. A store keeps each node beside that leaf, at
    /// position `level` of the leaf's hash list (see `MerkleFrontier.append`).
    public var completingLeaf: UInt64 {
        leaves.upperBound - 1
    }

    /// The aligned perfect subtrees that together cover `range`, left to right.
    /// `range.lowerBound` must be aligned to the first subtree, as it is for every range
    /// RFC 9162's proofs use.
    public static func decomposition(of range: Range<UInt64>) -> [TreeNode] {
        var nodes: [TreeNode] = []
        var lo = range.lowerBound
        while lo < range.upperBound {
            let remaining = range.upperBound - lo
            let level = 63 - remaining.leadingZeroBitCount   // largest power of two <= remaining
            let size = UInt64(1) << UInt64(level)
            precondition(lo % size == 0, "unaligned subtree range")
            nodes.append(TreeNode(level: level, index: lo >> UInt64(level)))
            lo += size
        }
        return nodes
    }

    public static func < (a: TreeNode, b: TreeNode) -> Bool {
        (a.completingLeaf, a.level) < (b.completingLeaf, b.level)
    }
}
