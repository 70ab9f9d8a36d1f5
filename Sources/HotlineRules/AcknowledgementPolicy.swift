import HotlineRecord

/// How long the receiving side has to acknowledge an entry, by precedence, counted from the
/// time its author signed it. Past the deadline the entry escalates to the deputies of the
/// receiving side's roles on the line, and the node raises an alarm.
public struct AcknowledgementPolicy: Hashable, Sendable {
    public var deadlines: [Precedence: UInt64]

    public init(deadlines: [Precedence: UInt64]) {
        self.deadlines = deadlines
    }

    /// FLASH 10 minutes, IMMEDIATE 1 hour, PRIORITY 6 hours, ROUTINE 24 hours.
    public static let standard = AcknowledgementPolicy(deadlines: [
        .flash: 10 * minute, .immediate: 60 * minute, .priority: 6 * 60 * minute, .routine: 24 * 60 * minute,
    ])

    public func deadline(for precedence: Precedence, signedAt milliseconds: UInt64) -> UInt64 {
        milliseconds &+ (deadlines[precedence] ?? Self.standard.deadlines[precedence]!)
    }

    static let minute: UInt64 = 60_000

    /// Kinds that a person on the receiving side must acknowledge.
    public static func needsAcknowledgement(_ kind: EntryKind) -> Bool {
        switch kind {
        case .message, .formalNote, .proposal, .reply, .meetingRequest, .meetingConfirmation, .minutes: true
        case .acknowledgement, .translation, .roleGrant, .roleHandover, .keyRevocation, .lineCharter, .lineAcceptance: false
        }
    }
}
