import PropertyBased
import Testing
@testable import HotlineRecord

/// RFC 9162 / RFC 6962 Merkle tree vectors: the eight reference leaves used by Certificate
/// Transparency implementations, their roots, and their audit and consistency paths.
@Suite struct MerkleVectorTests {
    static let leaves: [[UInt8]] = [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ]
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map { Hash(hex: $0)! }

    /// (leaf index, tree size, audit path)
    static let inclusionVectors: [(UInt64, UInt64, [String])] = [
        (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
        (0, 1, []),
    ]

    /// (old size, new size, consistency proof)
    static let consistencyVectors: [(UInt64, UInt64, [String])] = [
        (1, 1, []),
        (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
        (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    ]

    @Test func emptyTreeHashIsSHA256OfNothing() {
        #expect(Merkle.emptyTreeHash.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleFrontier().rootHash == Merkle.emptyTreeHash)
    }

    @Test func rootsOfEveryPrefix() throws {
        var tree = MemoryTree()
        for (i, leaf) in Self.leaves.enumerated() {
            tree.append(Merkle.leafHash(leaf))
            #expect(tree.frontier.rootHash == Self.roots[i], "size \(i + 1)")
            #expect(try tree.rootHash(size: UInt64(i + 1)) == Self.roots[i], "size \(i + 1) from stored nodes")
        }
    }

    @Test func inclusionVectorsGenerateAndVerify() throws {
        let tree = MemoryTree(leaves: Self.leaves)
        for (index, size, path) in Self.inclusionVectors {
            let expected = path.map { Hash(hex: $0)! }
            #expect(try InclusionProof.generate(index: index, size: size, from: tree) == expected, "PATH(\(index), \(size))")
            try InclusionProof.verify(leafHash: Merkle.leafHash(Self.leaves[Int(index)]), index: index, size: size,
                                      proof: expected, rootHash: Self.roots[Int(size) - 1])
        }
    }

    @Test func consistencyVectorsGenerateAndVerify() throws {
        let tree = MemoryTree(leaves: Self.leaves)
        for (old, new, path) in Self.consistencyVectors {
            let expected = path.map { Hash(hex: $0)! }
            #expect(try ConsistencyProof.generate(oldSize: old, newSize: new, from: tree) == expected, "PROOF(\(old), \(new))")
            try ConsistencyProof.verify(oldSize: old, oldRoot: Self.roots[Int(old) - 1], newSize: new,
                                        newRoot: Self.roots[Int(new) - 1], proof: expected)
        }
    }

    @Test func degenerateConsistencyCases() throws {
        let root = Self.roots[3]
        try ConsistencyProof.verify(oldSize: 0, oldRoot: Merkle.emptyTreeHash, newSize: 4, newRoot: root, proof: [])
        try ConsistencyProof.verify(oldSize: 4, oldRoot: root, newSize: 4, newRoot: root, proof: [])
        #expect(throws: MerkleError.rootMismatch) {
            try ConsistencyProof.verify(oldSize: 4, oldRoot: root, newSize: 4, newRoot: Self.roots[4], proof: [])
        }
        #expect(throws: MerkleError.wrongProofLength(expected: 0, got: 1)) {
            try ConsistencyProof.verify(oldSize: 4, oldRoot: root, newSize: 4, newRoot: root, proof: [root])
        }
        #expect(throws: MerkleError.sizesOutOfOrder(old: 5, new: 4)) {
            try ConsistencyProof.verify(oldSize: 5, oldRoot: root, newSize: 4, newRoot: root, proof: [])
        }
        #expect(throws: MerkleError.indexOutOfRange(index: 4, size: 4)) {
            try InclusionProof.verify(leafHash: root, index: 4, size: 4, proof: [], rootHash: root)
        }
    }
}

/// Random trees up to thousands of leaves: every proof verifies and every tampered proof fails.
@Suite struct MerklePropertyTests {
    /// A tree of `size` random leaves, with its reference root for every prefix computed from the
    /// RFC's recursive definition (independently of the frontier the store uses).
    static func tree(size: Int, seed: UInt64) -> (MemoryTree, [Hash], [Hash]) {
        var generator = SeededGenerator(seed: seed)
        var tree = MemoryTree()
        var leafHashes: [Hash] = []
        for _ in 0..<size {
            let leaf = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let hash = Merkle.leafHash(leaf)
            leafHashes.append(hash)
            tree.append(hash)
        }
        return (tree, leafHashes, [])
    }

    @Test func frontierRootMatchesReferenceForEverySizeUpTo300() {
        let (_, leafHashes, _) = Self.tree(size: 300, seed: 1)
        var frontier = MerkleFrontier()
        for size in 1...leafHashes.count {
            frontier.append(leafHashes[size - 1])
            #expect(frontier.rootHash == referenceRoot(leafHashes[..<size]), "size \(size)")
        }
    }

    @Test func inclusionProofsVerifyAndTamperingFails() async {
        await propertyCheck(count: 60, input: Gen.int(in: 1...4000), Gen.uint64(in: 0...UInt64.max)) { size, seed in
            let (tree, leafHashes, _) = Self.tree(size: size, seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0x5eed)
            let root = referenceRoot(leafHashes[...])
            for _ in 0..<8 {
                let index = UInt64.random(in: 0..<UInt64(size), using: &generator)
                let leaf = leafHashes[Int(index)]
                guard let proof = try? InclusionProof.generate(index: index, size: UInt64(size), from: tree) else {
                    Issue.record("no proof for \(index) in \(size)"); return
                }
                #expect(proof.count <= 64 - UInt64(size).leadingZeroBitCount + 1)
                #expect(throws: Never.self) {
                    try InclusionProof.verify(leafHash: leaf, index: index, size: UInt64(size), proof: proof, rootHash: root)
                }
                for tampered in Self.tamperings(of: proof, using: &generator) {
                    #expect(throws: MerkleError.self) {
                        try InclusionProof.verify(leafHash: leaf, index: index, size: UInt64(size), proof: tampered, rootHash: root)
                    }
                }
                // The right proof for the wrong leaf, index, size or root fails too.
                #expect(throws: MerkleError.self) {
                    try InclusionProof.verify(leafHash: Hash.sha256([1]), index: index, size: UInt64(size), proof: proof, rootHash: root)
                }
                // (Unless the other position holds an identical leaf: random leaves may be empty.)
                if size > 1, leafHashes[Int((index + 1) % UInt64(size))] != leaf {
                    let other = (index + 1) % UInt64(size)
                    #expect(throws: MerkleError.self) {
                        try InclusionProof.verify(leafHash: leaf, index: other, size: UInt64(size), proof: proof, rootHash: root)
                    }
                }
                // A proof does not by itself fix the tree size (the checkpoint does); a size whose
                // audit path has another length must still fail.
                if InclusionProof.ranges(index: index, size: UInt64(size) * 2).count != proof.count {
                    #expect(throws: MerkleError.self) {
                        try InclusionProof.verify(leafHash: leaf, index: index, size: UInt64(size) * 2, proof: proof, rootHash: root)
                    }
                }
                #expect(throws: MerkleError.self) {
                    try InclusionProof.verify(leafHash: leaf, index: index, size: UInt64(size), proof: proof, rootHash: Hash.sha256([2]))
                }
            }
        }
    }

    @Test func consistencyProofsVerifyAndTamperingFails() async {
        await propertyCheck(count: 60, input: Gen.int(in: 2...4000), Gen.uint64(in: 0...UInt64.max)) { size, seed in
            let (tree, leafHashes, _) = Self.tree(size: size, seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0xc0ffee)
            let newRoot = referenceRoot(leafHashes[...])
            for _ in 0..<8 {
                let old = UInt64.random(in: 1..<UInt64(size), using: &generator)
                let oldRoot = referenceRoot(leafHashes[..<Int(old)])
                guard let proof = try? ConsistencyProof.generate(oldSize: old, newSize: UInt64(size), from: tree) else {
                    Issue.record("no proof for \(old) -> \(size)"); return
                }
                #expect(throws: Never.self) {
                    try ConsistencyProof.verify(oldSize: old, oldRoot: oldRoot, newSize: UInt64(size), newRoot: newRoot, proof: proof)
                }
                for tampered in Self.tamperings(of: proof, using: &generator) {
                    #expect(throws: MerkleError.self) {
                        try ConsistencyProof.verify(oldSize: old, oldRoot: oldRoot, newSize: UInt64(size), newRoot: newRoot, proof: tampered)
                    }
                }
                #expect(throws: MerkleError.self) {
                    try ConsistencyProof.verify(oldSize: old, oldRoot: newRoot, newSize: UInt64(size), newRoot: oldRoot, proof: proof)
                }
                #expect(throws: MerkleError.self) {
                    try ConsistencyProof.verify(oldSize: old, oldRoot: Hash.sha256([3]), newSize: UInt64(size), newRoot: newRoot, proof: proof)
                }
                if ConsistencyProof.ranges(oldSize: old, newSize: UInt64(size) * 2).count != proof.count {
                    #expect(throws: MerkleError.self) {
                        try ConsistencyProof.verify(oldSize: old, oldRoot: oldRoot, newSize: UInt64(size) * 2, newRoot: newRoot, proof: proof)
                    }
                }
            }
        }
    }

    /// Every way of damaging a proof: flip one bit in each hash, drop the first or last hash,
    /// add one at either end, swap two neighbours.
    static func tamperings(of proof: [Hash], using generator: inout SeededGenerator) -> [[Hash]] {
        var result: [[Hash]] = []
        for i in proof.indices {
            var bytes = proof[i].bytes
            bytes[Int.random(in: 0..<32, using: &generator)] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            var copy = proof
            copy[i] = Hash(bytes: bytes)!
            result.append(copy)
        }
        if !proof.isEmpty {
            result.append(Array(proof.dropFirst()))
            result.append(Array(proof.dropLast()))
        }
        result.append(proof + [Hash.sha256([4])])
        result.append([Hash.sha256([5])] + proof)
        if proof.count >= 2, proof[0] != proof[1] {
            var swapped = proof
            swapped.swapAt(0, 1)
            result.append(swapped)
        }
        return result
    }
}
