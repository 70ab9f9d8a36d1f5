import HotlineRecord

/// The rules every entry must keep (docs/PROTOCOL.md, "Official items"). Each check names what
/// is wrong in words an official can act on.
extension RecordState {
    func judge(_ entry: Entry, leafHash: Hash, content: EntryContent?) throws(RuleViolation) -> Verdict {
        let header = entry.header
        guard let author = parties[header.sender], parties[header.recipient] != nil else {
            throw RuleViolation(.unknownSide, "entry from \(header.sender) to \(header.recipient): this record is between \(parties.keys.sorted().map(\.rawValue).joined(separator: " and "))")
        }
        let expected = size(of: header.sender)
        guard entry.sequence == expected else {
            throw RuleViolation(.outOfOrder, "entry \(entry.sequence) of \(header.sender)'s log arrived where entry \(expected) was expected")
        }
        let address = EntryAddress(side: header.sender, sequence: entry.sequence)
        let references = try resolve(header.references, of: address)
        if let content { try checkBody(content, for: header.kind) }
        else if Self.needsContent(header.kind) {
            throw RuleViolation(.missingContent, "a \(header.kind) is checked on its content, and none was given")
        }

        let key = try authorKey(of: header, party: author, at: address)
        let line = try checkLine(of: header, author: author)
        let context = Context(header: header, address: address, references: references, content: content ?? EntryContent(salt: []), line: line)
        return Verdict(authorKey: key, change: try change(for: context))
    }

    /// What the kind-specific rules see.
    struct Context {
        var header: EntryHeader
        var address: EntryAddress
        var references: [Recorded]
        var content: EntryContent
        var line: Line
        var sender: SideID { header.sender }
        var recipient: SideID { header.recipient }
    }

    private func resolve(_ references: [EntryReference], of address: EntryAddress) throws(RuleViolation) -> [Recorded] {
        var resolved: [Recorded] = []
        for reference in references {
            let target = EntryAddress(reference)
            guard let recorded = entry(at: target) else {
                throw RuleViolation(.badReference, "entry \(address) refers to \(target), which this record does not hold (yet)")
            }
            guard recorded.leafHash == reference.leafHash else {
                throw RuleViolation(.badReference, "entry \(address) refers to \(target) by a leaf hash that is not that entry's")
            }
            resolved.append(recorded)
        }
        return resolved
    }

    /// The key the author must have signed with: the operator's, or the key holding the role now.
    private func authorKey(of header: EntryHeader, party: Party, at address: EntryAddress) throws(RuleViolation) -> AuthorPublicKey {
        if header.authorRole == party.operatorRole {
            guard header.authorKeyID == party.operatorKey.keyID else {
                throw RuleViolation(.notAuthorized, "\(header.authorRole) signs with the operator key pinned at pairing, not key \(header.authorKeyID.hex.prefix(16))…")
            }
            return party.operatorKey
        }
        if Self.isOperatorsOnly(header.kind) {
            throw RuleViolation(.notAuthorized, "only \(party.operatorRole) may write a \(header.kind); \(header.authorRole) may not")
        }
        if let revoked = revokedKeys[header.authorKeyID] {
            throw RuleViolation(.keyRevoked, "key \(header.authorKeyID.hex.prefix(16))… was revoked by entry \(revoked) and no longer signs for \(party.side)")
        }
        let current = tenures[header.authorRole]?.last
        guard let current, current.isCurrent else {
            throw RuleViolation(.roleNotHeld, "role \(header.authorRole) is not held by anyone as of entry \(address): the operator of \(party.side) must grant it first")
        }
        guard current.key.keyID == header.authorKeyID else {
            throw RuleViolation(.roleNotHeld, "role \(header.authorRole) is held by \(current.holder) with another key; key \(header.authorKeyID.hex.prefix(16))… does not hold it as of entry \(address)")
        }
        if let expires = current.expires, header.timeMilliseconds >= expires {
            throw RuleViolation(.keyExpired, "\(current.holder)'s key for \(header.authorRole) expired at \(UTCTime.format(expires)); the entry is signed at \(UTCTime.format(header.timeMilliseconds)). The operator grants a new key or hands the role over")
        }
        return current.key
    }

    static func isOperatorsOnly(_ kind: EntryKind) -> Bool {
        switch kind {
        case .roleGrant, .roleHandover, .keyRevocation, .lineCharter, .lineAcceptance: true
        default: false
        }
    }

    /// A charter of a line the other side has proposed is admitted by the record, since it may
    /// have crossed that one unseen (`stands(_:over:)`); but a node refuses its own side's once
    /// it holds the other's. Nodes ask this of their own side's submissions.
    public func refusesKnowingCharter(_ header: EntryHeader) -> RuleViolation? {
        guard header.kind == .lineCharter, let line = lines[header.line], !line.isOpen, line.proposer != header.sender else { return nil }
        return Self.alreadyProposed(line)
    }

    static func alreadyProposed(_ line: Line) -> RuleViolation {
        RuleViolation(.conflict, "line \(line.id) was already proposed by \(line.proposer!) in entry \(line.charter!); accept that charter instead")
    }

    /// The line the entry is written on, checked: open, the author's role on it, the track one of its tracks.
    private func checkLine(of header: EntryHeader, author: Party) throws(RuleViolation) -> Line {
        let isOperator = header.authorRole == author.operatorRole
        switch header.kind {
        case .lineCharter:
            guard header.line != Self.operatorsLine else {
                throw RuleViolation(.conflict, "the line \(Self.operatorsLine) exists from pairing and takes no charter")
            }
            // A charter from the other side of a line still waiting for acceptance crossed ours
            // (each side chartered before the other's arrived): it is recorded, and `charter`
            // decides which of the two stands.
            if let existing = lines[header.line], existing.isOpen || existing.proposer == header.sender {
                throw existing.isOpen ? RuleViolation(.conflict, "line \(header.line) is already open") : Self.alreadyProposed(existing)
            }
            return Line(id: header.line, title: "", format: "", roles: [:], tracks: [])
        case .lineAcceptance:
            guard let line = lines[header.line], !line.isOpen else {
                throw RuleViolation(.lineNotOpen, lines[header.line] == nil
                    ? "line \(header.line) has no charter to accept"
                    : "line \(header.line) is already open")
            }
            return line
        case .roleGrant, .roleHandover, .keyRevocation:
            guard header.line == Self.operatorsLine else {
                throw RuleViolation(.notOnLine, "a \(header.kind) is written on the line \(Self.operatorsLine), not \(header.line)")
            }
        default:
            break
        }
        guard let line = lines[header.line] else {
            throw RuleViolation(.lineNotOpen, "line \(header.line) does not exist: it needs a charter from one side and the other side's acceptance")
        }
        guard line.isOpen else {
            throw RuleViolation(.lineNotOpen, "line \(header.line) is not open yet: \(line.proposer == header.sender ? header.recipient : header.sender) has not accepted its charter (entry \(line.charter!))")
        }
        guard line.roles[header.sender]?.contains(header.authorRole) == true else {
            throw RuleViolation(.notOnLine, "\(header.authorRole) is not on line \(header.line); its roles for \(header.sender) are \(line.roles[header.sender]?.map(\.rawValue).joined(separator: ", ") ?? "none")")
        }
        if let track = header.track, !line.tracks.contains(track) {
            throw RuleViolation(.unknownTrack, "line \(header.line) has no track \(track); its tracks are \(line.tracks.isEmpty ? "none" : line.tracks.map(\.rawValue).joined(separator: ", "))")
        }
        if isOperator, line.id != Self.operatorsLine, !Self.isOperatorsOnly(header.kind) {
            throw RuleViolation(.notOnLine, "operators write on the line \(Self.operatorsLine); officials write on \(line.id)")
        }
        return line
    }

    /// Exactly the body the kind needs, and no other.
    private func checkBody(_ content: EntryContent, for kind: EntryKind) throws(RuleViolation) {
        let bodies: [(String, Bool, EntryKind?)] = [
            ("proposal", content.proposal != nil, .proposal), ("reply", content.reply != nil, .reply),
            ("meeting", content.meeting != nil, .meetingRequest), ("confirmation", content.confirmation != nil, .meetingConfirmation),
            ("grant", content.grant != nil, .roleGrant), ("handover", content.handover != nil, .roleHandover),
            ("revocation", content.revocation != nil, .keyRevocation), ("charter", content.charter != nil, .lineCharter),
            ("paragraphs", content.paragraphs != nil, nil), ("attachments", content.attachments != nil, nil),
        ]
        for (name, present, owner) in bodies {
            let allowed = owner == kind || (owner == nil && (kind == .formalNote || kind == .translation))
            if present && !allowed {
                throw RuleViolation(.invalidContent, "a \(kind) carries no \"\(name)\"")
            }
            if !present && owner == kind {
                throw RuleViolation(.invalidContent, "a \(kind) needs its \"\(name)\"")
            }
        }
    }
}
