/// The part of an entry its author signs: everything except the sequence number, which the
/// sending node assigns when it appends the entry to its log (so that it can put higher
/// precedence first).
public struct EntryHeader: Hashable, Sendable {
    public var sender: SideID
    public var recipient: SideID
    public var line: LineID
    public var track: TrackID?
    public var kind: EntryKind
    public var precedence: Precedence
    /// When the author signed, in milliseconds since 1970-01-01T00:00:00Z.
    public var timeMilliseconds: UInt64
    public var authorRole: RoleName
    /// `AuthorPublicKey.keyID` of the key that signed.
    public var authorKeyID: Hash
    public var references: [EntryReference]
    /// Salted commitment to the plaintext: SHA-256("hotline/commitment/v1\n" || plaintext).
    public var commitment: Hash
    /// SHA-256 of the sealed content, which is stored beside the log, not in it.
    public var contentHash: Hash
    public var contentLength: UInt32

    public static let maxReferences = 64

    public init(
        sender: SideID, recipient: SideID, line: LineID, track: TrackID? = nil,
        kind: EntryKind, precedence: Precedence, timeMilliseconds: UInt64,
        authorRole: RoleName, authorKeyID: Hash, references: [EntryReference] = [],
        commitment: Hash, contentHash: Hash, contentLength: UInt32
    ) {
        self.sender = sender
        self.recipient = recipient
        self.line = line
        self.track = track
        self.kind = kind
        self.precedence = precedence
        self.timeMilliseconds = timeMilliseconds
        self.authorRole = authorRole
        self.authorKeyID = authorKeyID
        self.references = references
        self.commitment = commitment
        self.contentHash = contentHash
        self.contentLength = contentLength
    }

    /// The bytes the author's Ed25519 signature covers.
    public var signedMessage: [UInt8] {
        var writer = BinaryWriter()
        writer.fixed(Self.signatureContext)
        encode(into: &writer)
        return writer.bytes
    }

    static let signatureContext = Array("hotline/entry/v1\n".utf8)
}
