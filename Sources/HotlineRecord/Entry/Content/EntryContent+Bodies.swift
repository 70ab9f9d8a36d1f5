/// The kind-specific parts of an entry's plaintext. Each kind that needs more than text has one
/// body, under a key named after the kind; `HotlineRules` checks that the right one is there.

/// A file attached to a formal note.
public struct NoteAttachment: Codable, Hashable, Sendable {
    public var name: String
    /// A media type such as `application/pdf`.
    public var mediaType: String
    /// The file's bytes, standard base64.
    public var data: String

    public init(name: String, mediaType: String, bytes: [UInt8]) {
        self.name = name
        self.mediaType = mediaType
        self.data = Base64.encode(bytes)
    }
}

/// A proposal: stages, each a list of numbered steps. Steps are named `stage.step`, from 1.
public struct ProposalBody: Codable, Hashable, Sendable {
    public struct Step: Codable, Hashable, Sendable {
        public var text: String
        /// The track the step belongs to; the entry's track when absent.
        public var track: TrackID?
        public init(text: String, track: TrackID? = nil) {
            self.text = text
            self.track = track
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
    public var stages: [Stage]
    public init(stages: [Stage]) { self.stages = stages }
}

/// A step of a proposal, `stage.step`, both counted from 1.
public struct StepNumber: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var stage: Int
    public var step: Int
    public init(stage: Int, step: Int) {
        self.stage = stage
        self.step = step
    }
    public var description: String { "\(stage).\(step)" }
    public static func < (a: StepNumber, b: StepNumber) -> Bool { (a.stage, a.step) < (b.stage, b.step) }
}

/// The answer to one step of the other side's proposal. The latest answer to a step is its state.
public struct ReplyBody: Codable, Hashable, Sendable {
    public enum Answer: String, Codable, Hashable, Sendable, CaseIterable {
        case accept, counter, decline
    }
    public var step: StepNumber
    public var answer: Answer
    /// For `counter`: the wording this side would accept instead.
    public var counterText: String?
    public init(step: StepNumber, answer: Answer, counterText: String? = nil) {
        self.step = step
        self.answer = answer
        self.counterText = counterText
    }
}

/// A meeting request: the format, the options to choose from and the agenda by track.
public struct MeetingRequestBody: Codable, Hashable, Sendable {
    public struct Option: Codable, Hashable, Sendable {
        /// RFC 3339 date-time in UTC, e.g. `2017-09-20T10:00:00Z`.
        public var start: String
        public var place: String
        public init(start: String, place: String) {
            self.start = start
            self.place = place
        }
    }
    public struct AgendaItem: Codable, Hashable, Sendable {
        public var track: TrackID
        public var item: String
        public init(track: TrackID, item: String) {
            self.track = track
            self.item = item
        }
    }
    /// `n+m`, e.g. `2+2`: how many officials of the requesting side and of the other side.
    public var format: String
    public var options: [Option]
    public var agenda: [AgendaItem]
    public init(format: String, options: [Option], agenda: [AgendaItem]) {
        self.format = format
        self.options = options
        self.agenda = agenda
    }
}

/// The other side's confirmation of a meeting request: which option, counted from 1.
public struct MeetingConfirmationBody: Codable, Hashable, Sendable {
    public var option: Int
    public init(option: Int) { self.option = option }
}

/// A role given to an official's key. The deputy is who an unacknowledged entry escalates to.
public struct RoleGrantBody: Codable, Hashable, Sendable {
    public var role: RoleName
    /// The holder's name as the other side should read it.
    public var holder: String
    /// The holder's Ed25519 public key, standard base64 of 32 bytes.
    public var key: String
    public var deputy: RoleName?
    /// When the key stops signing for the role (RFC 3339, UTC): entries it signs at or after
    /// this time are refused. A new grant or a handover is needed then.
    public var expires: String?
    public init(role: RoleName, holder: String, key: AuthorPublicKey, deputy: RoleName? = nil, expires: String? = nil) {
        self.role = role
        self.holder = holder
        self.key = Base64.encode(key.rawRepresentation)
        self.deputy = deputy
        self.expires = expires
    }
}

/// A role passed from its holder to a new one; the history stays with the old holder.
public struct RoleHandoverBody: Codable, Hashable, Sendable {
    public var role: RoleName
    public var holder: String
    /// The new holder's Ed25519 public key, standard base64 of 32 bytes.
    public var key: String
    /// As in a grant: when the new holder's key stops signing for the role.
    public var expires: String?
    public init(role: RoleName, holder: String, key: AuthorPublicKey, expires: String? = nil) {
        self.role = role
        self.holder = holder
        self.key = Base64.encode(key.rawRepresentation)
        self.expires = expires
    }
}

/// A key that no longer signs for this side, from this entry on.
public struct KeyRevocationBody: Codable, Hashable, Sendable {
    /// The key's ID, lowercase hex (`AuthorPublicKey.keyID`).
    public var keyID: String
    public var reason: String
    public init(keyID: Hash, reason: String) {
        self.keyID = keyID.hex
        self.reason = reason
    }
}

/// A line's charter: its roles on each side, its format and its tracks.
public struct LineCharterBody: Codable, Hashable, Sendable {
    public var title: String
    /// `n+m`: the number of roles of the proposing side, then of the other side.
    public var format: String
    /// The roles of each side on the line, keyed by side ID.
    public var roles: [String: [RoleName]]
    public var tracks: [TrackID]
    public init(title: String, format: String, roles: [SideID: [RoleName]], tracks: [TrackID]) {
        self.title = title
        self.format = format
        self.roles = Dictionary(uniqueKeysWithValues: roles.map { ($0.key.rawValue, $0.value) })
        self.tracks = tracks
    }
}
