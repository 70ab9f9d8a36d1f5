/// Reads stored tree nodes; a store implements it over its tables, tests over arrays.
public protocol TreeNodeReader {
    /// The hashes of `nodes`, in the same order. Throws if any is not stored.
    func hashes(of nodes: [TreeNode]) throws -> [Hash]
}

extension TreeNodeReader {
    /// MTH of the leaves in each range, reading every needed node in one call.
    /// Each range must be one that RFC 9162 proofs use (aligned perfect subtrees plus a fringe).
    public func subtreeHashes(_ ranges: [Range<UInt64>]) throws -> [Hash] {
        let decompositions = ranges.map { TreeNode.decomposition(of: $0) }
        let stored = try hashes(of: decompositions.flatMap { $0 })
        var offset = 0
        return decompositions.map { nodes in
            let slice = stored[offset..<offset + nodes.count]
            offset += nodes.count
            // Fold right to left: the fringe nests under the larger subtrees to its left.
            var hash = slice.last!
            for left in slice.dropLast().reversed() { hash = Merkle.nodeHash(left, hash) }
            return hash
        }
    }

    /// MTH of the first `size` leaves, from at most log2(size) + 1 stored nodes.
    public func rootHash(size: UInt64) throws -> Hash {
        guard size > 0 else { return Merkle.emptyTreeHash }
        return try subtreeHashes([0..<size])[0]
    }
}

/// Nodes already read from storage, so that async stores can fetch first and assemble after.
public struct PrefetchedNodes: TreeNodeReader {
    private let nodes: [TreeNode]
    private let stored: [Hash]

    public init(nodes: [TreeNode], hashes: [Hash]) {
        self.nodes = nodes
        self.stored = hashes
    }

    public func hashes(of requested: [TreeNode]) throws -> [Hash] {
        // The usual case: asked for exactly what was fetched, in the same order.
        if requested == nodes { return stored }
        return try requested.map { node in
            guard let index = nodes.firstIndex(of: node) else { throw MerkleError.missingNode(node) }
            return stored[index]
        }
    }
}
