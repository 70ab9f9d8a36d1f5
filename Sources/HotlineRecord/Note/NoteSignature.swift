/// One signature line of a signed note: `— <key name> base64(key ID || signature)`.
public struct NoteSignature: Hashable, Sendable {
    public var keyName: String
    public var keyID: UInt32
    /// The signature bytes after the key ID.
    public var signature: [UInt8]

    public init(keyName: String, keyID: UInt32, signature: [UInt8]) {
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }

    /// The line, newline included.
    public var line: String {
        let id = [UInt8(keyID >> 24), UInt8(keyID >> 16 & 0xff), UInt8(keyID >> 8 & 0xff), UInt8(keyID & 0xff)]
        return "— \(keyName) \(Base64.encode(id + signature))\n"
    }

    /// For timestamped types: the `timestamped_signature.timestamp`, seconds since the epoch.
    public var timestamp: UInt64? {
        guard signature.count >= 8 else { return nil }
        return signature.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// A signature from a known key that verified.
public struct VerifiedNoteSignature: Hashable, Sendable {
    public var key: VerifierKey
    public var signature: NoteSignature
    /// Set for cosignatures and ML-DSA signatures; zero means "no statement about time".
    public var timestamp: UInt64?
}
