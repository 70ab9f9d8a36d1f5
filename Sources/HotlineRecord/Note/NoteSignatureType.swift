/// The signature types Hotline reads and writes in signed notes (C2SP signed-note,
/// tlog-cosignature), identified in vkeys and key IDs by their type bytes.
public enum NoteSignatureType: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// 0x01: Ed25519 over the note text (C2SP signed-note). A log's classical checkpoint signature.
    case ed25519
    /// 0x04: timestamped Ed25519 cosignature over `cosignature/v1` (C2SP tlog-cosignature).
    case cosignatureV1
    /// 0xff || "hotline.mldsa65.subtree/v1": ML-DSA-65 (FIPS 204, empty context) over the
    /// `subtree/v1` message C2SP tlog-cosignature defines for ML-DSA-44 (type 0x06). C2SP has no
    /// type for ML-DSA-65, so it uses the reserved byte 0xff with a long identifier; moving to an
    /// assigned type later changes only these bytes and the key.
    case mldsa65Subtree

    static let mldsa65Identifier = Array("hotline.mldsa65.subtree/v1".utf8)

    /// The bytes that precede the public key in a vkey and in the key-ID hash.
    public var typeBytes: [UInt8] {
        switch self {
        case .ed25519: [0x01]
        case .cosignatureV1: [0x04]
        case .mldsa65Subtree: [0xff] + Self.mldsa65Identifier
        }
    }

    public var publicKeyLength: Int {
        switch self {
        case .ed25519, .cosignatureV1: 32
        case .mldsa65Subtree: 1952
        }
    }

    /// Length of the signature bytes after the 4-byte key ID.
    public var signatureLength: Int {
        switch self {
        case .ed25519: 64
        case .cosignatureV1: 8 + 64
        case .mldsa65Subtree: 8 + 3309
        }
    }

    /// Whether the signature starts with a timestamp (tlog-cosignature `timestamped_signature`).
    public var isTimestamped: Bool { self != .ed25519 }

    /// Recognises the type from the decoded vkey key material; returns the type and the public key.
    static func split(_ material: [UInt8]) -> (NoteSignatureType, [UInt8])? {
        for type in allCases {
            let prefix = type.typeBytes
            if material.count == prefix.count + type.publicKeyLength, material.starts(with: prefix) {
                return (type, Array(material.dropFirst(prefix.count)))
            }
        }
        return nil
    }

    public var description: String {
        switch self {
        case .ed25519: "Ed25519 (0x01)"
        case .cosignatureV1: "Ed25519 cosignature/v1 (0x04)"
        case .mldsa65Subtree: "ML-DSA-65 subtree/v1 (0xff hotline.mldsa65.subtree/v1)"
        }
    }
}
