import Crypto
import Foundation

/// A SHA-256 value: a Merkle tree node, a root, or a content hash.
///
/// Stored inline as four words so that hashing a tree allocates nothing. (A tuple, not
/// SIMD4<UInt64>: LLVM aligns that vector to 32 bytes inside async frames while Swift allocates
/// them for 16, which corrupted the heap.)
public struct Hash: Hashable, Sendable {
    public static let byteCount = 32

    typealias Words = (UInt64, UInt64, UInt64, UInt64)
    var words: Words

    /// The hash with all 32 bytes zero.
    public static let zero = Hash(words: (0, 0, 0, 0))

    init(words: Words) {
        self.words = words
    }

    public static func == (a: Hash, b: Hash) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// Wraps exactly 32 bytes; returns nil for any other length.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == Hash.byteCount else { return nil }
        var words: Words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            let copied = bytes.withContiguousStorageIfAvailable { raw.copyMemory(from: UnsafeRawBufferPointer($0)) }
            if copied == nil {
                for (offset, byte) in bytes.enumerated() { raw[offset] = byte }
            }
        }
        self.words = words
    }

    init(digest: SHA256Digest) {
        var words: Words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            digest.withUnsafeBytes { raw.copyMemory(from: $0) }
        }
        self.words = words
    }

    /// SHA-256 of `data`.
    public static func sha256<D: DataProtocol>(_ data: D) -> Hash {
        Hash(digest: SHA256.hash(data: data))
    }

    public var bytes: [UInt8] {
        Swift.withUnsafeBytes(of: words) { Array($0) }
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: words, body)
    }

    /// Standard base64 (RFC 4648 section 4), as in checkpoints and proofs.
    public var base64: String {
        Base64.encode(bytes)
    }

    /// Lowercase hexadecimal.
    public var hex: String {
        Hex.encode(bytes)
    }

    /// Parses the canonical base64 form of a 32-byte hash.
    public init?(base64: String) {
        guard let decoded = Base64.decodeCanonical(base64), let hash = Hash(bytes: decoded) else { return nil }
        self = hash
    }

    /// Parses 64 hexadecimal digits.
    public init?(hex: String) {
        guard let decoded = Hex.decode(hex), let hash = Hash(bytes: decoded) else { return nil }
        self = hash
    }
}

extension Hash: CustomStringConvertible {
    public var description: String { hex }
}
