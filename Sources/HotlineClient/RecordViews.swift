import HotlineRecord

/// What the client API shows officials, in JSON (docs/PROTOCOL.md, "Client API"). Plain values:
/// the node builds them from its record; the CLI, the console and the tests read them.

/// An entry named by its place in a side's log and its leaf hash (hex).
public struct EntryPointer: Codable, Hashable, Sendable, CustomStringConvertible {
    public var side: String
    public var sequence: UInt64
    public var leafHash: String

    public init(side: String, sequence: UInt64, leafHash: String) {
        self.side = side
        self.sequence = sequence
        self.leafHash = leafHash
    }

    public var description: String { "\(side)#\(sequence)" }

    /// The reference an entry carries to this one.
    public func reference() throws -> EntryReference {
        guard let bytes = Hex.decode(leafHash), let hash = Hash(bytes: bytes) else {
            throw ClientError.refused(0, "leaf hash \(leafHash.prefix(70)) is not 64 hex digits")
        }
        return EntryReference(side: try SideID(side), sequence: sequence, leafHash: hash)
    }
}

/// A role and who holds it.
public struct RoleView: Codable, Hashable, Sendable {
    public var role: String
    public var holder: String
    public var keyID: String
    public var deputy: String?
    /// The grant or handover that gave it.
    public var since: EntryPointer

    public init(role: String, holder: String, keyID: String, deputy: String? = nil, since: EntryPointer) {
        self.role = role
        self.holder = holder
        self.keyID = keyID
        self.deputy = deputy
        self.since = since
    }
}

/// The official a request was signed by, as this node sees them.
public struct WhoAmI: Codable, Hashable, Sendable {
    public var side: String
    public var keyID: String
    public var isOperator: Bool
    public var roles: [RoleView]
    public var lines: [String]

    public init(side: String, keyID: String, isOperator: Bool, roles: [RoleView], lines: [String]) {
        self.side = side
        self.keyID = keyID
        self.isOperator = isOperator
        self.roles = roles
        self.lines = lines
    }
}

public struct LineView: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var format: String
    /// Each side's roles on the line.
    public var roles: [String: [String]]
    public var tracks: [String]
    public var isOpen: Bool
    public var charter: EntryPointer?
    public var acceptance: EntryPointer?

    public init(id: String, title: String, format: String, roles: [String: [String]], tracks: [String], isOpen: Bool, charter: EntryPointer? = nil, acceptance: EntryPointer? = nil) {
        self.id = id
        self.title = title
        self.format = format
        self.roles = roles
        self.tracks = tracks
        self.isOpen = isOpen
        self.charter = charter
        self.acceptance = acceptance
    }
}

/// One entry with its opened content and what the record says about it.
public struct EntryView: Codable, Hashable, Sendable {
    public var pointer: EntryPointer
    public var kind: String
    public var line: String
    public var track: String?
    public var precedence: String
    /// When the author signed (RFC 3339, UTC).
    public var signedAt: String
    public var authorRole: String
    /// Who held the role when the entry was written.
    public var authorName: String?
    public var authorKeyID: String
    public var references: [EntryPointer]
    public var content: EntryContent
    /// The receiving side has cosigned a checkpoint that includes it: officially received.
    public var received: Bool
    /// When the first such cosignature was made (RFC 3339, UTC).
    public var receivedAt: String?
    public var acknowledgements: [EntryPointer]
    public var translations: [EntryPointer]
    /// For an entry that needs an acknowledgement: its deadline (RFC 3339, UTC).
    public var acknowledgeBy: String?

    public init(pointer: EntryPointer, kind: String, line: String, track: String? = nil, precedence: String, signedAt: String, authorRole: String, authorName: String? = nil, authorKeyID: String, references: [EntryPointer], content: EntryContent, received: Bool, receivedAt: String? = nil, acknowledgements: [EntryPointer], translations: [EntryPointer], acknowledgeBy: String? = nil) {
        self.pointer = pointer
        self.kind = kind
        self.line = line
        self.track = track
        self.precedence = precedence
        self.signedAt = signedAt
        self.authorRole = authorRole
        self.authorName = authorName
        self.authorKeyID = authorKeyID
        self.references = references
        self.content = content
        self.received = received
        self.receivedAt = receivedAt
        self.acknowledgements = acknowledgements
        self.translations = translations
        self.acknowledgeBy = acknowledgeBy
    }
}

public struct ProposalView: Codable, Hashable, Sendable {
    public struct Step: Codable, Hashable, Sendable {
        /// `stage.step`, e.g. `2.1`.
        public var number: String
        public var text: String
        public var track: String?
        /// awaiting reply, accepted, countered or declined.
        public var state: String
        public var counterText: String?
        public var reply: EntryPointer?

        public init(number: String, text: String, track: String? = nil, state: String, counterText: String? = nil, reply: EntryPointer? = nil) {
            self.number = number
            self.text = text
            self.track = track
            self.state = state
            self.counterText = counterText
            self.reply = reply
        }
    }
    public struct Stage: Codable, Hashable, Sendable {
        public var title: String
        public var steps: [Step]

        public init(title: String, steps: [Step]) {
            self.title = title
            self.steps = steps
        }
    }
    public var pointer: EntryPointer
    public var line: String
    public var track: String?
    public var subject: String?
    /// awaiting replies, in negotiation, accepted or declined.
    public var state: String
    public var stages: [Stage]

    public init(pointer: EntryPointer, line: String, track: String? = nil, subject: String? = nil, state: String, stages: [Stage]) {
        self.pointer = pointer
        self.line = line
        self.track = track
        self.subject = subject
        self.state = state
        self.stages = stages
    }
}

public struct MeetingView: Codable, Hashable, Sendable {
    public struct Minutes: Codable, Hashable, Sendable {
        public var pointer: EntryPointer
        public var countersignature: EntryPointer?
        /// Final once the other side has countersigned.
        public var isFinal: Bool

        public init(pointer: EntryPointer, countersignature: EntryPointer? = nil, isFinal: Bool) {
            self.pointer = pointer
            self.countersignature = countersignature
            self.isFinal = isFinal
        }
    }
    public var request: EntryPointer
    public var line: String
    public var format: String
    public var options: [MeetingRequestBody.Option]
    public var agenda: [MeetingRequestBody.AgendaItem]
    public var confirmation: EntryPointer?
    /// The confirmed option, counted from 1.
    public var chosenOption: Int?
    public var minutes: [Minutes]

    public init(request: EntryPointer, line: String, format: String, options: [MeetingRequestBody.Option], agenda: [MeetingRequestBody.AgendaItem], confirmation: EntryPointer? = nil, chosenOption: Int? = nil, minutes: [Minutes]) {
        self.request = request
        self.line = line
        self.format = format
        self.options = options
        self.agenda = agenda
        self.confirmation = confirmation
        self.chosenOption = chosenOption
        self.minutes = minutes
    }
}

/// An entry of the other side awaiting this side's acknowledgement.
public struct PendingView: Codable, Hashable, Sendable {
    public var pointer: EntryPointer
    public var line: String
    public var kind: String
    public var precedence: String
    public var deadline: String
    public var isOverdue: Bool
    public var escalateTo: [String]

    public init(pointer: EntryPointer, line: String, kind: String, precedence: String, deadline: String, isOverdue: Bool, escalateTo: [String]) {
        self.pointer = pointer
        self.line = line
        self.kind = kind
        self.precedence = precedence
        self.deadline = deadline
        self.isOverdue = isOverdue
        self.escalateTo = escalateTo
    }
}

/// The public keys both sides use, so that a client can seal and address entries.
public struct SidesView: Codable, Sendable {
    /// This node's side.
    public var side: String
    /// Identity files (hotline-identity/v1 JSON, base64) of this side and each paired side.
    public var identities: [String: String]

    public init(side: String, identities: [String: String]) {
        self.side = side
        self.identities = identities
    }
}
