/// The answer to a `RecordQuestion`, with its proof: a checkpoint of the sender's log cosigned
/// by the recipient ("as of T we hold your log up to N"), every entry below N, and the
/// disclosed plaintext of the entries whose headers match when the question needs content.
/// Anyone with the two sides' public keys checks it offline: the entries lead to the
/// checkpoint's root, so none is missing, and the matches are exactly the claimed ones. That
/// makes a negative answer ("none of entries 0..N-1 is a three-stage proposal") as provable as
/// a positive one. The JSON form is documented in docs/PROTOCOL.md, "Record answer".
public struct RecordAnswer: Hashable, Sendable {
    public static let format = "hotline-answer/v1"
    public static let maxFileSize = 64 * 1024 * 1024

    public var question: RecordQuestion
    /// The cosigned checkpoint as a signed note.
    public var checkpoint: String
    public var senderKeys: [String]
    public var recipientKeys: [String]
    /// Entries 0..N-1 of the sender's log, encoded (the log's leaves).
    public var entries: [[UInt8]]
    /// Plaintexts of header-matching entries, by sequence, when the question needs content.
    public var disclosed: [UInt64: [UInt8]]
    /// The sequences of the entries that answer the question.
    public var matches: [UInt64]

    public init(question: RecordQuestion, checkpoint: String, senderKeys: [String], recipientKeys: [String],
                entries: [[UInt8]], disclosed: [UInt64: [UInt8]], matches: [UInt64]) {
        self.question = question
        self.checkpoint = checkpoint
        self.senderKeys = senderKeys
        self.recipientKeys = recipientKeys
        self.entries = entries
        self.disclosed = disclosed
        self.matches = matches
    }
}

extension RecordAnswer {
    /// Answers `question` from the sender's entries `0..<N` and a checkpoint of size N cosigned
    /// by the recipient; `plaintext` opens an entry's content when the question needs it.
    public init(question: RecordQuestion, cosignedCheckpoint: SignedNote, entries: [[UInt8]],
                sender: SidePublicKeys, recipient: SidePublicKeys, plaintext: (UInt64) throws -> [UInt8]) throws {
        var disclosed: [UInt64: [UInt8]] = [:]
        var matches: [UInt64] = []
        for (index, leaf) in entries.enumerated() {
            let entry = try Entry(encoded: leaf)
            guard question.headerMatches(entry.header) else { continue }
            if question.needsContent {
                let text = try plaintext(UInt64(index))
                disclosed[UInt64(index)] = text
                guard question.contentMatches(try EntryContent(plaintext: text)) else { continue }
            }
            matches.append(UInt64(index))
        }
        self.init(question: question, checkpoint: cosignedCheckpoint.serialized,
                  senderKeys: try sender.logVerifierKeys(to: recipient.side).map(\.vkey),
                  recipientKeys: try recipient.cosignerVerifierKeys().map(\.vkey),
                  entries: entries, disclosed: disclosed, matches: matches)
    }
}
