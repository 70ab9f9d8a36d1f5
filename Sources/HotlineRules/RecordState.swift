import HotlineRecord

/// The state of the official workflows, derived from the two sides' logs and nothing else: who
/// holds which role, which lines are open, each proposal's steps, each meeting, what awaits an
/// acknowledgement. Both sides compute it the same way from the same record, so each checks the
/// other's entries by the rules its own node applied when it wrote them.
///
/// Entries are applied one at a time, each side's in its log order; the two logs may interleave
/// in any order. Rules that look at the other side's log only ever need something to be there
/// (a charter, a proposal, a confirmation), so a side that holds a prefix of the other's log
/// judges an entry exactly as a side that holds all of it.
///
/// `admit` checks an entry and returns its author's key without changing anything; `apply`
/// checks and then records it. Nothing is half-applied: every check runs before any change.
public struct RecordState: Sendable {
    /// One of the two sides: its ID and its operator's key (from its pinned identity).
    public struct Party: Hashable, Sendable {
        public var side: SideID
        public var operatorKey: AuthorPublicKey
        public init(side: SideID, operatorKey: AuthorPublicKey) {
            self.side = side
            self.operatorKey = operatorKey
        }
        public var operatorRole: RoleName { try! RoleName("\(side)/operator") }
    }

    /// The line every pair of sides has from the start: operator to operator. It carries role
    /// grants, handovers and revocations, and the operators' own messages.
    public static let operatorsLine = try! LineID("operators")

    public let parties: [SideID: Party]
    public internal(set) var logs: [SideID: [Recorded]]
    var tenures: [RoleName: [Tenure]] = [:]
    /// Every key a side's operator has granted a role to, and that side.
    var knownKeys: [Hash: (key: AuthorPublicKey, side: SideID)] = [:]
    var revokedKeys: [Hash: EntryAddress] = [:]
    public internal(set) var lines: [LineID: Line] = [:]
    public internal(set) var proposals: [EntryAddress: Proposal] = [:]
    public internal(set) var meetings: [EntryAddress: Meeting] = [:]
    public internal(set) var minutes: [EntryAddress: Minutes] = [:]
    public internal(set) var acknowledgements: [EntryAddress: [EntryAddress]] = [:]
    public internal(set) var translations: [EntryAddress: [EntryAddress]] = [:]
    var unacknowledged: Set<EntryAddress> = []

    public init(_ a: Party, _ b: Party) {
        precondition(a.side != b.side, "the two parties are different sides")
        parties = [a.side: a, b.side: b]
        logs = [a.side: [], b.side: []]
        lines[Self.operatorsLine] = Line(
            id: Self.operatorsLine, title: "Operators", format: "1+1",
            roles: [a.side: [a.operatorRole], b.side: [b.operatorRole]], tracks: [])
    }

    /// An entry as the state keeps it: its signed header and its leaf hash.
    public struct Recorded: Hashable, Sendable {
        public var sequence: UInt64
        public var header: EntryHeader
        public var leafHash: Hash
        public var address: EntryAddress { EntryAddress(side: header.sender, sequence: sequence) }
    }

    /// Kinds whose rules read the plaintext; the others are judged on the signed header alone.
    public static func needsContent(_ kind: EntryKind) -> Bool {
        switch kind {
        case .formalNote, .proposal, .reply, .meetingRequest, .meetingConfirmation, .translation,
             .roleGrant, .roleHandover, .keyRevocation, .lineCharter: true
        case .message, .minutes, .acknowledgement, .lineAcceptance: false
        }
    }

    /// Checks `entry` against the rules at this point of the record and returns the key its
    /// author must have signed with. Changes nothing; the caller verifies the signature.
    public func admit(_ entry: Entry, leafHash: Hash, content: EntryContent?) throws(RuleViolation) -> AuthorPublicKey {
        try judge(entry, leafHash: leafHash, content: content).authorKey
    }

    /// Checks `entry` and records it. Returns the key its author must have signed with.
    @discardableResult
    public mutating func apply(_ entry: Entry, leafHash: Hash, content: EntryContent?) throws(RuleViolation) -> AuthorPublicKey {
        let verdict = try judge(entry, leafHash: leafHash, content: content)
        record(entry, leafHash: leafHash, change: verdict.change)
        return verdict.authorKey
    }

    /// The entry at `address`, if the state holds it.
    public func entry(at address: EntryAddress) -> Recorded? {
        guard let log = logs[address.side], address.sequence < UInt64(log.count) else { return nil }
        return log[Int(address.sequence)]
    }

    /// How many entries of `side`'s log have been applied.
    public func size(of side: SideID) -> UInt64 { UInt64(logs[side]?.count ?? 0) }

    func other(than side: SideID) -> SideID { parties.keys.first { $0 != side }! }
}
