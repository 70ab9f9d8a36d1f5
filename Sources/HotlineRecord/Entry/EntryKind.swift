/// What an entry is. The numbers are part of the encoding and never reused.
public enum EntryKind: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    case message = 1
    case formalNote = 2
    case proposal = 3
    case reply = 4
    case meetingRequest = 5
    case meetingConfirmation = 6
    case minutes = 7
    case acknowledgement = 8
    case translation = 9
    case roleGrant = 16
    case roleHandover = 17
    case keyRevocation = 18
    case lineCharter = 32
    case lineAcceptance = 33

    public var description: String {
        switch self {
        case .message: "message"
        case .formalNote: "formal note"
        case .proposal: "proposal"
        case .reply: "reply"
        case .meetingRequest: "meeting request"
        case .meetingConfirmation: "meeting confirmation"
        case .minutes: "minutes"
        case .acknowledgement: "acknowledgement"
        case .translation: "translation"
        case .roleGrant: "role grant"
        case .roleHandover: "role handover"
        case .keyRevocation: "key revocation"
        case .lineCharter: "line charter"
        case .lineAcceptance: "line acceptance"
        }
    }

    /// The kind's one-word name in files and on the command line, e.g. `formal-note`.
    public var token: String { description.replacingOccurrences(of: " ", with: "-") }

    public init?(token: String) {
        guard let kind = Self.allCases.first(where: { $0.token == token }) else { return nil }
        self = kind
    }
}
