import HotlineRecord

/// Questions the state answers for the CLI, the console and the API.
extension RecordState {
    /// Who holds each of `side`'s roles now.
    public func currentHolders(of side: SideID) -> [Tenure] {
        tenures.values.compactMap { $0.last }.filter { $0.isCurrent && $0.role.side == side }.sorted { $0.role < $1.role }
    }

    /// Every holder `role` has had, in order.
    public func history(of role: RoleName) -> [Tenure] { tenures[role] ?? [] }

    /// The holder of `role` when the entry at `address` (in the role's side's log) was written:
    /// the history stays with whoever held the role then.
    public func holder(of role: RoleName, at address: EntryAddress) -> Tenure? {
        guard role.side == address.side else { return nil }
        return tenures[role]?.last {
            $0.from.sequence < address.sequence && ($0.until.map { address.sequence < $0.sequence } ?? true)
        }
    }

    /// The lines `role` is on, open or awaiting acceptance.
    public func lines(for role: RoleName) -> [Line] {
        lines.values.filter { $0.roles[role.side]?.contains(role) == true }.sorted { $0.id < $1.id }
    }

    /// An entry needing acknowledgement that has none yet, with its deadline and escalation.
    public struct PendingAcknowledgement: Hashable, Sendable {
        public var entry: EntryAddress
        public var line: LineID
        public var kind: EntryKind
        public var precedence: Precedence
        public var deadline: UInt64
        public var isOverdue: Bool
        /// Whom it goes to once overdue: the deputies of the receiving side's roles on the line,
        /// or its operator when they have none.
        public var escalateTo: [RoleName]
    }

    /// The entries of the other side that `side` has not acknowledged, most urgent first, as of
    /// `now` (milliseconds since the epoch; the caller's clock).
    /// `overdueOnly` leaves out those still within their deadline before building their views
    /// (the node's periodic check runs over every unacknowledged entry).
    public func awaitingAcknowledgement(by side: SideID, at now: UInt64, policy: AcknowledgementPolicy = .standard,
                                        overdueOnly: Bool = false) -> [PendingAcknowledgement] {
        unacknowledged.filter { $0.side != side }.compactMap { address in
            guard let recorded = entry(at: address) else { return nil }
            let header = recorded.header
            let deadline = policy.deadline(for: header.precedence, signedAt: header.timeMilliseconds)
            let overdue = now > deadline
            if overdueOnly, !overdue { return nil }
            return PendingAcknowledgement(
                entry: address, line: header.line, kind: header.kind, precedence: header.precedence,
                deadline: deadline, isOverdue: overdue, escalateTo: escalation(for: side, on: header.line))
        }.sorted { ($0.deadline, $0.entry) < ($1.deadline, $1.entry) }
    }

    /// Whom an overdue entry on `line` goes to on `side`: the deputies of its roles there.
    func escalation(for side: SideID, on line: LineID) -> [RoleName] {
        let roles = lines[line]?.roles[side] ?? []
        let deputies = Set(roles.compactMap { tenures[$0]?.last?.deputy })
        return deputies.isEmpty ? [parties[side]!.operatorRole] : deputies.sorted()
    }

    /// The proposals `side` sent, optionally only those on `line` or `track`.
    public func proposals(sentBy side: SideID, line: LineID? = nil, track: TrackID? = nil) -> [Proposal] {
        proposals.values.filter {
            $0.address.side == side && (line == nil || $0.line == line) && (track == nil || $0.track == track)
        }.sorted { $0.address < $1.address }
    }
}

extension RecordState {
    /// The key with `keyID` that signs for `side`: its operator's, or one its operator granted a
    /// role to (current or past; whether it may sign a given entry is for `admit` to say).
    public func key(withID keyID: Hash, of side: SideID) -> AuthorPublicKey? {
        if let party = parties[side], party.operatorKey.keyID == keyID { return party.operatorKey }
        guard let known = knownKeys[keyID], known.side == side else { return nil }
        return known.key
    }

    /// Every key that signs for `side`, by key ID: its operator's and those its operator granted.
    public func keys(of side: SideID) -> [Hash: AuthorPublicKey] {
        var keys = knownKeys.filter { $0.value.side == side }.mapValues(\.key)
        if let party = parties[side] { keys[party.operatorKey.keyID] = party.operatorKey }
        return keys
    }

    /// The tenure of a role of `side` whose key has `keyID` and may sign at `milliseconds`.
    public func currentHolder(withKeyID keyID: Hash, of side: SideID, at milliseconds: UInt64) -> Tenure? {
        guard knownKeys[keyID]?.side == side else { return nil }
        return tenures.values.lazy.compactMap(\.last).first { $0.key.keyID == keyID && $0.isValid(at: milliseconds) }
    }

    /// Records an entry without judging it: for a store written before these rules, so that the
    /// positions stay right. The entry changes nothing but the log.
    public mutating func recordUnjudged(_ entry: Entry, leafHash: Hash) {
        record(entry, leafHash: leafHash, change: .none)
    }
}
