import Foundation

/// Everything needed to prove, offline, that an entry was officially sent and received: the
/// entry, its inclusion proof, a checkpoint of the sender's log cosigned by the recipient, both
/// sides' verifier keys, the author's key, and optionally the disclosed plaintext.
/// Its JSON form is documented in docs/PROTOCOL.md, "Evidence bundle".
public struct EvidenceBundle: Hashable, Sendable {
    public static let format = "hotline-evidence/v1"
    /// Bundle files larger than this are refused before parsing.
    public static let maxFileSize = 24 * 1024 * 1024

    /// The entry's canonical bytes (the log leaf).
    public var entry: [UInt8]
    public var index: UInt64
    public var treeSize: UInt64
    public var inclusionProof: [Hash]
    /// The checkpoint as a signed note, with the sender's signatures and the recipient's cosignatures.
    public var checkpoint: String
    /// vkeys of the sender's log: Ed25519 (0x01) and ML-DSA-65.
    public var senderKeys: [String]
    /// vkeys of the recipient's cosignatures: Ed25519 cosignature/v1 (0x04) and ML-DSA-65.
    public var recipientKeys: [String]
    /// The author's Ed25519 public key.
    public var authorKey: [UInt8]
    /// The disclosed plaintext, if the bundle discloses it.
    public var plaintext: [UInt8]?

    public init(entry: [UInt8], index: UInt64, treeSize: UInt64, inclusionProof: [Hash], checkpoint: String,
                senderKeys: [String], recipientKeys: [String], authorKey: [UInt8], plaintext: [UInt8]? = nil) {
        self.entry = entry
        self.index = index
        self.treeSize = treeSize
        self.inclusionProof = inclusionProof
        self.checkpoint = checkpoint
        self.senderKeys = senderKeys
        self.recipientKeys = recipientKeys
        self.authorKey = authorKey
        self.plaintext = plaintext
    }
}

/// A bundle could not be read or does not prove what it claims.
public enum BundleError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(String)
    case entry(EntryError)
    case checkpoint(NoteError)
    case proof(MerkleError)
    case mismatch(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(reason): "malformed bundle: \(reason)"
        case let .entry(error): error.description
        case let .checkpoint(error): error.description
        case let .proof(error): "the inclusion proof does not place this entry in the cosigned log: \(error)"
        case let .mismatch(reason): reason
        }
    }
}
