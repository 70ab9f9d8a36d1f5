import HotlineRecord

/// Roles and lines: what the operators write on the line `operators` and in charters.
extension RecordState {
    func grant(_ entry: Context) throws(RuleViolation) -> Change {
        let body = entry.content.grant!
        try checkOwnRole(body.role, of: entry.sender)
        if let current = tenures[body.role]?.last, current.isValid(at: entry.header.timeMilliseconds) {
            throw RuleViolation(.conflict, "role \(body.role) is already held by \(current.holder); hand it over instead")
        }
        if let deputy = body.deputy {
            try checkOwnRole(deputy, of: entry.sender)
            guard deputy != body.role else { throw RuleViolation(.invalidContent, "role \(body.role) cannot be its own deputy") }
        }
        let key = try newHolderKey(body.key, holder: body.holder, side: entry.sender)
        return .grant(Tenure(role: body.role, holder: body.holder, key: key, deputy: body.deputy, from: entry.address,
                             expires: try expiry(body.expires, signedAt: entry.header.timeMilliseconds)))
    }

    func handover(_ entry: Context) throws(RuleViolation) -> Change {
        let body = entry.content.handover!
        try checkOwnRole(body.role, of: entry.sender)
        guard let current = tenures[body.role]?.last, current.isCurrent else {
            throw RuleViolation(.conflict, "role \(body.role) is not held by anyone; grant it instead of handing it over")
        }
        let key = try newHolderKey(body.key, holder: body.holder, side: entry.sender)
        guard key != current.key else {
            throw RuleViolation(.conflict, "role \(body.role) is already held with that key")
        }
        return .handover(Tenure(role: body.role, holder: body.holder, key: key, deputy: current.deputy, from: entry.address,
                                expires: try expiry(body.expires, signedAt: entry.header.timeMilliseconds)))
    }

    func revocation(_ entry: Context) throws(RuleViolation) -> Change {
        let body = entry.content.revocation!
        guard let bytes = Hex.decode(body.keyID), let keyID = Hash(bytes: bytes) else {
            throw RuleViolation(.invalidContent, "\"\(body.keyID.prefix(70))\" is not a key ID (64 hex digits)")
        }
        _ = try nonEmptyReason(body.reason)
        guard knownKeys[keyID]?.side == entry.sender else {
            throw RuleViolation(.badReference, "key \(body.keyID.prefix(16))… was never granted a role of \(entry.sender)")
        }
        if let revoked = revokedKeys[keyID] {
            throw RuleViolation(.conflict, "key \(body.keyID.prefix(16))… was already revoked by entry \(revoked)")
        }
        return .revocation(keyID)
    }

    func charter(_ entry: Context) throws(RuleViolation) -> Change {
        let body = entry.content.charter!
        guard !body.title.allSatisfy(\.isWhitespace), body.title.count <= Self.maxNameLength else {
            throw RuleViolation(.invalidContent, "a charter has a title of 1 to \(Self.maxNameLength) characters")
        }
        let sides = Set(body.roles.keys)
        guard sides == Set([entry.sender.rawValue, entry.recipient.rawValue]) else {
            throw RuleViolation(.invalidContent, "a charter names the roles of \(entry.sender) and \(entry.recipient), and only theirs")
        }
        var roles: [SideID: [RoleName]] = [:]
        for side in [entry.sender, entry.recipient] {
            let named = body.roles[side.rawValue]!
            guard !named.isEmpty, Set(named).count == named.count else {
                throw RuleViolation(.invalidContent, "a charter names at least one role of \(side), each once")
            }
            for role in named { try checkOwnRole(role, of: side) }
            roles[side] = named
        }
        guard let (ours, theirs) = Self.parseFormat(body.format), ours == roles[entry.sender]!.count, theirs == roles[entry.recipient]!.count else {
            throw RuleViolation(.invalidContent, "format \"\(body.format.prefix(20))\" does not match the roles named: \(roles[entry.sender]!.count)+\(roles[entry.recipient]!.count) (\(entry.sender) first)")
        }
        guard (1...32).contains(body.tracks.count), Set(body.tracks).count == body.tracks.count else {
            throw RuleViolation(.invalidContent, "a charter names 1 to 32 tracks, each once")
        }
        let line = Line(id: entry.header.line, title: body.title, format: body.format, roles: roles, tracks: body.tracks, charter: entry.address)
        if let standing = lines[line.id]?.charter, let other = self.entry(at: standing), !Self.stands(entry.header, over: other.header) {
            return .none
        }
        return .charter(line)
    }

    /// Of two charters of one line that crossed, the one signed first stands; on equal times, the
    /// one from the side whose ID sorts first. Both nodes meet the two in different orders and
    /// must agree, so the choice depends on the two entries alone. A side that charters a line
    /// after the other's charter reached it is refused by its own node (`refusesKnowingCharter`),
    /// and its charter would be the later one anyway.
    static func stands(_ charter: EntryHeader, over other: EntryHeader) -> Bool {
        (charter.timeMilliseconds, charter.sender.rawValue) < (other.timeMilliseconds, other.sender.rawValue)
    }

    func acceptance(_ entry: Context) throws(RuleViolation) -> Change {
        guard entry.references.count == 1, let target = entry.references.first,
              target.address == entry.line.charter, target.header.sender == entry.recipient else {
            throw RuleViolation(.badReference, "an acceptance refers to exactly one entry: \(entry.recipient)'s charter of line \(entry.line.id), entry \(entry.line.charter!)")
        }
        return .acceptance(entry.line.id)
    }

    private func expiry(_ text: String?, signedAt: UInt64) throws(RuleViolation) -> UInt64? {
        guard let text else { return nil }
        guard let milliseconds = UTCTime.milliseconds(text) else {
            throw RuleViolation(.invalidContent, "expires \"\(text.prefix(40))\" is not a UTC time like 2018-01-01T00:00:00Z")
        }
        guard milliseconds > signedAt else { throw RuleViolation(.invalidContent, "the key would expire before the grant itself") }
        return milliseconds
    }

    private func checkOwnRole(_ role: RoleName, of side: SideID) throws(RuleViolation) {
        guard role.side == side else {
            throw RuleViolation(.invalidContent, "role \(role) is not a role of \(side)")
        }
        guard role != parties[side]!.operatorRole else {
            throw RuleViolation(.invalidContent, "\(role) belongs to the node's operator key and is not granted")
        }
    }

    private func newHolderKey(_ encoded: String, holder: String, side: SideID) throws(RuleViolation) -> AuthorPublicKey {
        guard !holder.allSatisfy(\.isWhitespace), holder.count <= Self.maxNameLength else {
            throw RuleViolation(.invalidContent, "the holder's name has 1 to \(Self.maxNameLength) characters")
        }
        guard let bytes = Base64.decodeCanonical(encoded), let key = try? AuthorPublicKey(rawRepresentation: bytes) else {
            throw RuleViolation(.invalidContent, "the holder's key is not canonical base64 of a 32-byte Ed25519 public key")
        }
        if let revoked = revokedKeys[key.keyID] {
            throw RuleViolation(.keyRevoked, "that key was revoked by entry \(revoked) and cannot hold a role again")
        }
        guard parties.values.allSatisfy({ $0.operatorKey != key }) else {
            throw RuleViolation(.invalidContent, "an operator key cannot hold an official's role")
        }
        if let known = knownKeys[key.keyID], known.side != side {
            throw RuleViolation(.conflict, "that key holds a role of the other side")
        }
        return key
    }

    private func nonEmptyReason(_ reason: String) throws(RuleViolation) -> String {
        guard !reason.allSatisfy(\.isWhitespace) else { throw RuleViolation(.invalidContent, "a revocation gives its reason") }
        return reason
    }
}
