import Foundation
@testable import HotlineRecord

/// A tree held in memory the way a store holds it: each leaf's list of completed node hashes.
struct MemoryTree: TreeNodeReader {
    var frontier = MerkleFrontier()
    var completed: [[Hash]] = []

    init(leaves: [[UInt8]] = []) {
        for leaf in leaves { append(Merkle.leafHash(leaf)) }
    }

    mutating func append(_ leafHash: Hash) {
        completed.append(frontier.append(leafHash))
    }

    func hashes(of nodes: [TreeNode]) throws -> [Hash] {
        try nodes.map { node in
            let leaf = node.completingLeaf
            guard leaf < UInt64(completed.count), node.level < completed[Int(leaf)].count else {
                throw MerkleError.missingNode(node)
            }
            return completed[Int(leaf)][node.level]
        }
    }
}

/// MTH straight from the recursive definition of RFC 9162 section 2.1.1, for cross-checking.
func referenceRoot(_ leafHashes: ArraySlice<Hash>) -> Hash {
    switch leafHashes.count {
    case 0: return Hash.sha256([UInt8]())
    case 1: return leafHashes.first!
    default:
        let k = 1 << (Int.bitWidth - 1 - (leafHashes.count - 1).leadingZeroBitCount)
        let mid = leafHashes.startIndex + k
        return Merkle.nodeHash(referenceRoot(leafHashes[..<mid]), referenceRoot(leafHashes[mid...]))
    }
}

/// The repository's testdata directory.
let testdataDirectory: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("testdata")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate }
    }
    fatalError("testdata/ not found above \(#filePath)")
}()

func hexBytes(_ text: String) -> [UInt8] { Hex.decode(text)! }

/// A deterministic pseudo-random generator (SplitMix64) so that randomized tests can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
