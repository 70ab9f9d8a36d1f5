import Foundation
import HotlineRecord

/// POST /api/v1/entries: an entry an author of this side signed, and its sealed content. The
/// client library sends it in binary (application/x.hotline.entry); JSON with the three fields
/// in canonical base64 is accepted too.
public typealias EntrySubmission = SignedSubmission

/// The answer to a submission.
public struct EntryReceipt: Codable, Sendable {
    public var log: String
    public var sequence: UInt64
    public var leafHash: String
    /// Whether the peer had cosigned the entry when the answer was sent.
    public var received: Bool

    public init(log: String, sequence: UInt64, leafHash: String, received: Bool) {
        self.log = log
        self.sequence = sequence
        self.leafHash = leafHash
        self.received = received
    }
}

public struct APIError: Codable, Sendable, Error, CustomStringConvertible {
    public var error: String
    /// For an entry refused by the rules of the official workflows: the rule's stable code
    /// (docs/PROTOCOL.md, "Official items"), e.g. `role-not-held`.
    public var code: String?
    public init(error: String, code: String? = nil) {
        self.error = error
        self.code = code
    }
    public var description: String { error }
}

public struct ClearAlarms: Codable, Sendable {
    public var peer: String
    public var note: String

    public init(peer: String, note: String) {
        self.peer = peer
        self.note = note
    }
}

/// What `hotline status` shows: for each paired side, both directions of the link.
public struct NodeStatus: Codable, Sendable {
    public struct Direction: Codable, Sendable {
        public var log: String
        /// Entries in the log (for what we receive: entries we hold).
        public var size: UInt64
        /// The largest size cosigned (receipts we hold, or gave).
        public var cosignedSize: UInt64
        /// Entries not yet covered by a receipt.
        public var lag: UInt64
        /// When the last cosignature was made (ISO 8601), if any.
        public var lastCosignedAt: String?
        public var lastCosignedSecondsAgo: Double?

        public init(log: String, size: UInt64, cosignedSize: UInt64, lag: UInt64, lastCosignedAt: String?, lastCosignedSecondsAgo: Double?) {
            self.log = log
            self.size = size
            self.cosignedSize = cosignedSize
            self.lag = lag
            self.lastCosignedAt = lastCosignedAt
            self.lastCosignedSecondsAgo = lastCosignedSecondsAgo
        }
    }

    public struct Peer: Codable, Sendable {
        public var side: String
        public var name: String
        public var fingerprint: String
        public var address: String
        public var sent: Direction
        public var received: Direction
        public var linkFailures: Int
        public var lastError: String?
        public var openAlarms: [String]
        /// How often a fresh receipt is asked for when there is nothing to send.
        public var heartbeatSeconds: Double
        /// When this node last got a receipt from the peer (a heartbeat or a delivery), in this
        /// node's run; nil before the first.
        public var lastExchangeSecondsAgo: Double?

        public init(side: String, name: String, fingerprint: String, address: String, sent: Direction, received: Direction,
                    linkFailures: Int, lastError: String?, openAlarms: [String], heartbeatSeconds: Double, lastExchangeSecondsAgo: Double?) {
            self.heartbeatSeconds = heartbeatSeconds
            self.lastExchangeSecondsAgo = lastExchangeSecondsAgo
            self.side = side
            self.name = name
            self.fingerprint = fingerprint
            self.address = address
            self.sent = sent
            self.received = received
            self.linkFailures = linkFailures
            self.lastError = lastError
            self.openAlarms = openAlarms
        }
    }

    public var side: String
    public var name: String
    public var fingerprint: String
    public var time: String
    public var peers: [Peer]
    public var openAlarms: Int

    public init(side: String, name: String, fingerprint: String, time: String, peers: [Peer], openAlarms: Int) {
        self.side = side
        self.name = name
        self.fingerprint = fingerprint
        self.time = time
        self.peers = peers
        self.openAlarms = openAlarms
    }
}

/// POST /api/v1/drafts: an item for the node to seal, for a client that cannot seal itself
/// (the web console: browsers have no X-Wing). The node answers with the header to sign.
public struct DraftRequest: Codable, Sendable {
    /// The entry kind's token, e.g. `message`, `proposal`, `meeting-request`.
    public var kind: String
    public var line: String
    public var track: String?
    /// routine (default), priority, immediate or flash.
    public var precedence: String?
    /// The plaintext's fields; the node replaces `salt` with 32 fresh random bytes.
    public var content: EntryContent
    public var references: [EntryPointer]?
    /// The role to sign as, when the key holds several on the line.
    public var role: String?

    public init(kind: String, line: String, track: String? = nil, precedence: String? = nil, content: EntryContent,
                references: [EntryPointer]? = nil, role: String? = nil) {
        self.kind = kind
        self.line = line
        self.track = track
        self.precedence = precedence
        self.content = content
        self.references = references
        self.role = role
    }
}

/// The node's answer to a draft: what the author signs, and what to check before signing.
public struct DraftView: Codable, Sendable {
    public var id: String
    /// The encoded entry header (base64); it ends with the commitment, the content hash and
    /// the content length (32 + 32 + 4 bytes).
    public var header: String
    /// The bytes the author's Ed25519 key signs: "hotline/entry/v1\n" || header (base64).
    public var signedMessage: String
    /// The plaintext the header commits to (base64): SHA-256("hotline/commitment/v1\n" ||
    /// plaintext) is the header's commitment.
    public var plaintext: String
    public var role: String
    public var recipient: String
    public var signedAt: String
    /// Until when the node keeps the draft (RFC 3339).
    public var expiresAt: String

    public init(id: String, header: String, signedMessage: String, plaintext: String, role: String, recipient: String,
                signedAt: String, expiresAt: String) {
        self.id = id
        self.header = header
        self.signedMessage = signedMessage
        self.plaintext = plaintext
        self.role = role
        self.recipient = recipient
        self.signedAt = signedAt
        self.expiresAt = expiresAt
    }
}

/// POST /api/v1/drafts/{id}: the author's signature of the draft's `signedMessage` (base64).
public struct DraftSignature: Codable, Sendable {
    public var signature: String
    public init(signature: String) { self.signature = signature }
}

/// POST /api/v1/console-keys: let an operator's browser key use the console as the operator.
public struct ConsoleKeyRequest: Codable, Sendable {
    /// The browser key's Ed25519 public key, standard base64.
    public var publicKey: String
    /// Who uses it.
    public var name: String

    public init(publicKey: String, name: String) {
        self.publicKey = publicKey
        self.name = name
    }
}

/// An operator's console key, as GET /api/v1/console-keys lists it.
public struct ConsoleKeyView: Codable, Hashable, Sendable {
    public var keyID: String
    public var publicKey: String
    public var name: String
    /// RFC 3339, UTC.
    public var addedAt: String

    public init(keyID: String, publicKey: String, name: String, addedAt: String) {
        self.keyID = keyID
        self.publicKey = publicKey
        self.name = name
        self.addedAt = addedAt
    }
}
