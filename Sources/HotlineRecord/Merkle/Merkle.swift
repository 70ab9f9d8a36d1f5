import Crypto
import Foundation

/// RFC 9162 (RFC 6962) Merkle tree hashing, section 2.1.1.
public enum Merkle {
    /// MTH({}) = SHA-256() — the root of the empty tree.
    public static let emptyTreeHash = Hash.sha256([UInt8]())

    /// MTH({d}) = SHA-256(0x00 || d)
    public static func leafHash<D: DataProtocol>(_ leaf: D) -> Hash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: leaf)
        return Hash(digest: hasher.finalize())
    }

    /// SHA-256(0x01 || left || right)
    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 0x01
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            return Hash(digest: SHA256.hash(data: UnsafeRawBufferPointer(buffer)))
        }
    }

    /// The root of a tree over `leaves`, computed directly from the definition in RFC 9162.
    /// Linear in the number of leaves; used to check stored trees and in tests.
    public static func rootHash(leafHashes: [Hash]) -> Hash {
        var frontier = MerkleFrontier()
        for leaf in leafHashes { frontier.append(leaf) }
        return frontier.rootHash
    }

    /// The largest power of two strictly smaller than `n` (n >= 2): the split point k of RFC 9162.
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2)
        return 1 << (63 - (n - 1).leadingZeroBitCount)
    }
}
