/// Why a Merkle proof or tree operation failed.
public enum MerkleError: Error, Equatable, CustomStringConvertible {
    case indexOutOfRange(index: UInt64, size: UInt64)
    case sizesOutOfOrder(old: UInt64, new: UInt64)
    case wrongProofLength(expected: Int, got: Int)
    case rootMismatch
    case frontierMismatch(size: UInt64, nodeCount: Int)
    case missingNode(TreeNode)

    public var description: String {
        switch self {
        case let .indexOutOfRange(index, size):
            return "leaf index \(index) is not in a tree of size \(size)"
        case let .sizesOutOfOrder(old, new):
            return "old tree size \(old) is larger than new tree size \(new)"
        case let .wrongProofLength(expected, got):
            return "proof has \(got) hashes; a proof for these sizes has \(expected)"
        case .rootMismatch:
            return "the proof does not lead to the expected root hash"
        case let .frontierMismatch(size, count):
            return "a tree of size \(size) has \(size.nonzeroBitCount) frontier nodes, not \(count)"
        case let .missingNode(node):
            return "tree node at level \(node.level), index \(node.index) is not stored"
        }
    }
}
