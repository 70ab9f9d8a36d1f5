/// Merkle consistency proofs, RFC 9162 section 2.1.4: the tree of `newSize` extends the tree of
/// `oldSize`, so the log only grew.
public enum ConsistencyProof {
    /// The leaf ranges whose subtree hashes make up PROOF(oldSize, D[0:newSize]), in proof order.
    public static func ranges(oldSize: UInt64, newSize: UInt64) -> [Range<UInt64>] {
        precondition(oldSize <= newSize)
        guard oldSize > 0, oldSize < newSize else { return [] }
        // SUBPROOF(m, D[lo:hi], b) from RFC 9162 section 2.1.4.1, unrolled. Each step appends
        // the subtree it does not descend into; the recursion's results come first, so the
        // list is reversed at the end.
        var ranges: [Range<UInt64>] = []
        var lo: UInt64 = 0
        var hi = newSize
        var m = oldSize
        var isWholeOldTree = true
        while m != hi - lo {
            let k = Merkle.split(hi - lo)
            if m <= k {
                ranges.append((lo + k)..<hi)
                hi = lo + k
            } else {
                ranges.append(lo..<(lo + k))
                lo += k
                m -= k
                isWholeOldTree = false
            }
        }
        if !isWholeOldTree {
            ranges.append(lo..<hi)
        }
        return ranges.reversed()
    }

    /// Builds the consistency proof between two sizes, reading O(log n) stored nodes.
    public static func generate(oldSize: UInt64, newSize: UInt64, from reader: some TreeNodeReader) throws -> [Hash] {
        guard oldSize <= newSize else { throw MerkleError.sizesOutOfOrder(old: oldSize, new: newSize) }
        return try reader.subtreeHashes(ranges(oldSize: oldSize, newSize: newSize))
    }

    /// Checks `proof` between (`oldSize`, `oldRoot`) and (`newSize`, `newRoot`)
    /// (RFC 9162 section 2.1.4.2). Equal sizes need equal roots and an empty proof; the empty
    /// tree is consistent with every tree.
    public static func verify(oldSize: UInt64, oldRoot: Hash, newSize: UInt64, newRoot: Hash, proof: [Hash]) throws(MerkleError) {
        guard oldSize <= newSize else { throw MerkleError.sizesOutOfOrder(old: oldSize, new: newSize) }
        // Only for the error message; not computed on the success path.
        var expectedLength: Int { ranges(oldSize: oldSize, newSize: newSize).count }
        if oldSize == 0 || oldSize == newSize {
            guard proof.isEmpty else { throw MerkleError.wrongProofLength(expected: 0, got: proof.count) }
            if oldSize == 0 {
                guard oldRoot == Merkle.emptyTreeHash else { throw MerkleError.rootMismatch }
            } else {
                guard oldRoot == newRoot else { throw MerkleError.rootMismatch }
            }
            return
        }
        guard !proof.isEmpty else { throw MerkleError.wrongProofLength(expected: expectedLength, got: 0) }
        // When the old tree is a perfect subtree of the new one, the proof omits its root and
        // the walk starts from it.
        let startsWithOldRoot = oldSize & (oldSize - 1) == 0
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = startsWithOldRoot ? oldRoot : proof[0]
        var sr = fr
        for c in proof.dropFirst(startsWithOldRoot ? 0 : 1) {
            guard sn != 0 else { throw MerkleError.wrongProofLength(expected: expectedLength, got: proof.count) }
            if fn & 1 == 1 || fn == sn {
                fr = Merkle.nodeHash(c, fr)
                sr = Merkle.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = Merkle.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw MerkleError.wrongProofLength(expected: expectedLength, got: proof.count) }
        guard fr == oldRoot, sr == newRoot else { throw MerkleError.rootMismatch }
    }
}
