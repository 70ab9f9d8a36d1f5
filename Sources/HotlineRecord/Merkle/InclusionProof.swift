/// Merkle inclusion proofs (audit paths), RFC 9162 section 2.1.3.
public enum InclusionProof {
    /// The leaf ranges whose subtree hashes make up PATH(index, D[0:size]), in proof order
    /// (the leaf's sibling first, the root's child last).
    public static func ranges(index: UInt64, size: UInt64) -> [Range<UInt64>] {
        precondition(index < size)
        var ranges: [Range<UInt64>] = []
        var lo: UInt64 = 0
        var hi = size
        while hi - lo > 1 {
            let k = Merkle.split(hi - lo)
            if index < lo + k {
                ranges.append((lo + k)..<hi)
                hi = lo + k
            } else {
                ranges.append(lo..<(lo + k))
                lo += k
            }
        }
        return ranges.reversed()
    }

    /// Builds the proof that leaf `index` is in the tree of `size`, reading O(log n) stored nodes.
    public static func generate(index: UInt64, size: UInt64, from reader: some TreeNodeReader) throws -> [Hash] {
        guard index < size else { throw MerkleError.indexOutOfRange(index: index, size: size) }
        return try reader.subtreeHashes(ranges(index: index, size: size))
    }

    /// The root hash that `proof` implies for `leafHash` at `index` in a tree of `size`
    /// (RFC 9162 section 2.1.3.2).
    public static func rootHash(leafHash: Hash, index: UInt64, size: UInt64, proof: [Hash]) throws(MerkleError) -> Hash {
        guard index < size else { throw MerkleError.indexOutOfRange(index: index, size: size) }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { throw MerkleError.wrongProofLength(expected: ranges(index: index, size: size).count, got: proof.count) }
            if fn & 1 == 1 || fn == sn {
                r = Merkle.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = Merkle.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw MerkleError.wrongProofLength(expected: ranges(index: index, size: size).count, got: proof.count)
        }
        return r
    }

    /// Checks that `proof` shows `leafHash` at `index` in the tree of `size` with `rootHash`.
    public static func verify(leafHash: Hash, index: UInt64, size: UInt64, proof: [Hash], rootHash expected: Hash) throws(MerkleError) {
        guard try rootHash(leafHash: leafHash, index: index, size: size, proof: proof) == expected else {
            throw MerkleError.rootMismatch
        }
    }
}
