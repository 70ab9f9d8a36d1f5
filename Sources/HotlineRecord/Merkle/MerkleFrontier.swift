/// The right edge of a Merkle tree: the roots of its maximal perfect subtrees, one per set bit of
/// the tree size (a "compact range" from leaf 0). Appending a leaf costs O(log n) hashing and
/// no reads; the root follows from the frontier alone.
public struct MerkleFrontier: Sendable, Equatable {
    public private(set) var size: UInt64 = 0
    /// Subtree roots, largest (leftmost) first.
    public private(set) var nodes: [Hash] = []

    public init() {}

    /// Rebuilds a frontier from the stored nodes listed by `Self.nodes(forSize:)`.
    public init(size: UInt64, nodes: [Hash]) throws {
        guard nodes.count == size.nonzeroBitCount else {
            throw MerkleError.frontierMismatch(size: size, nodeCount: nodes.count)
        }
        self.size = size
        self.nodes = nodes
    }

    /// The tree nodes a frontier of `size` consists of, largest first.
    public static func nodes(forSize size: UInt64) -> [TreeNode] {
        TreeNode.decomposition(of: 0..<size)
    }

    /// Appends a leaf and returns the hashes its append completes: the leaf hash first, then one
    /// node per level the leaf closes (the leaf's "stored hashes", in level order).
    @discardableResult
    public mutating func append(_ leafHash: Hash) -> [Hash] {
        var completed = [leafHash]
        var node = leafHash
        var position = size
        while position & 1 == 1 {
            node = Merkle.nodeHash(nodes.removeLast(), node)
            completed.append(node)
            position >>= 1
        }
        nodes.append(node)
        size += 1
        return completed
    }

    /// MTH of the leaves appended so far.
    public var rootHash: Hash {
        guard var root = nodes.last else { return Merkle.emptyTreeHash }
        for left in nodes.dropLast().reversed() {
            root = Merkle.nodeHash(left, root)
        }
        return root
    }
}
