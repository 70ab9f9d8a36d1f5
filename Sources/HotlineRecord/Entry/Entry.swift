/// One official item in a side's log: the author-signed header and the position the sending
/// node gave it. Its canonical encoding is the log's leaf.
public struct Entry: Hashable, Sendable {
    public static let formatVersion: UInt8 = 1

    /// Index of this entry in its log, starting at 0.
    public var sequence: UInt64
    public var header: EntryHeader
    /// Ed25519 signature by the author over `header.signedMessage`.
    public var authorSignature: [UInt8]

    public init(sequence: UInt64, header: EntryHeader, authorSignature: [UInt8]) {
        self.sequence = sequence
        self.header = header
        self.authorSignature = authorSignature
    }

    /// RFC 9162 leaf hash of the encoded entry.
    public var leafHash: Hash {
        Merkle.leafHash(encoded)
    }

    /// Checks that `encodedContent` is the sealed content this entry commits to (length and hash).
    public func checkContent(_ encodedContent: [UInt8]) throws(EntryError) {
        guard encodedContent.count == Int(header.contentLength), Hash.sha256(encodedContent) == header.contentHash else {
            throw .contentHashMismatch
        }
    }

    /// Checks the author's signature with the author's public key.
    public func verifyAuthorSignature(_ key: AuthorPublicKey) throws(EntryError) {
        guard key.keyID == header.authorKeyID else {
            throw .authorKeyMismatch(expected: header.authorKeyID, got: key.keyID)
        }
        guard key.isValidSignature(authorSignature, for: header.signedMessage) else {
            throw .badAuthorSignature(sequence: sequence)
        }
    }
}

/// An entry breaks a rule of the record.
public enum EntryError: Error, Equatable, CustomStringConvertible {
    case malformed(DecodingFailure)
    case authorKeyMismatch(expected: Hash, got: Hash)
    case badAuthorSignature(sequence: UInt64)
    case commitmentMismatch
    case contentHashMismatch
    case plaintextWithoutSalt(String)
    case malformedContent(String)
    case cannotOpenContent(String)

    public var description: String {
        switch self {
        case let .malformed(failure):
            return "malformed entry: \(failure)"
        case let .authorKeyMismatch(expected, got):
            return "the author key given (id \(got.hex.prefix(16))…) is not the key the entry names (id \(expected.hex.prefix(16))…)"
        case let .badAuthorSignature(sequence):
            return "the author's signature on entry \(sequence) does not verify"
        case .commitmentMismatch:
            return "the disclosed plaintext does not match the commitment in the signed entry"
        case .contentHashMismatch:
            return "the sealed content does not match the content hash in the signed entry"
        case let .plaintextWithoutSalt(reason):
            return "the plaintext carries no valid salt: \(reason)"
        case let .malformedContent(reason):
            return "the entry's content is malformed: \(reason)"
        case let .cannotOpenContent(reason):
            return "cannot open the sealed content: \(reason)"
        }
    }
}
