import Foundation
import HotlineRecord

/// Builds a signed entry the way an author's client does: seals the content for the recipient
/// and for the author's own side, commits to the plaintext, and signs the header. The node then
/// only checks and appends it; it never sees the author's key.
public struct EntryComposer: Sendable {
    public let author: AuthorKey
    public let role: RoleName
    public let sender: SidePublicKeys

    public init(author: AuthorKey, role: RoleName, sender: SidePublicKeys) {
        self.author = author
        self.role = role
        self.sender = sender
    }

    public struct Draft: Sendable {
        public var line: LineID
        public var track: TrackID?
        public var kind: EntryKind
        public var precedence: Precedence
        public var content: EntryContent
        public var references: [EntryReference]

        public init(line: LineID, track: TrackID? = nil, kind: EntryKind = .message, precedence: Precedence = .routine,
                    content: EntryContent, references: [EntryReference] = []) {
            self.line = line
            self.track = track
            self.kind = kind
            self.precedence = precedence
            self.content = content
            self.references = references
        }
    }

    /// Seals and signs `draft` for `recipient`, timed `milliseconds` since the epoch.
    public func compose(_ draft: Draft, to recipient: SidePublicKeys, at milliseconds: UInt64) throws -> EntrySubmission {
        let plaintext = draft.content.plaintext
        let content = try SealedContent.seal(plaintext, for: [recipient, sender])
        let encoded = content.encoded
        let header = EntryHeader(
            sender: sender.side, recipient: recipient.side, line: draft.line, track: draft.track, kind: draft.kind,
            precedence: draft.precedence, timeMilliseconds: milliseconds, authorRole: role, authorKeyID: author.publicKey.keyID,
            references: draft.references, commitment: EntryContent.commitment(to: plaintext),
            contentHash: Hash.sha256(encoded), contentLength: UInt32(encoded.count))
        let signature = try author.sign(header)
        return EntrySubmission(header: header.encoded, signature: signature, content: encoded)
    }
}
