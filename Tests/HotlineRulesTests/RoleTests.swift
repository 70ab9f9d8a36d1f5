import HotlineRecord
@testable import HotlineRules
import Testing

@Suite struct RoleTests {
    @Test func operatorsWriteOnTheirLineFromPairingAndOfficialsNeedAGrant() throws {
        var record = Record()
        try record.operate(record.ru, .message, content: Record.content(text: "link test"))
        let lavrov = AuthorKey()
        expectRefusal(.roleNotHeld) {
            try record.write(record.ru, as: try! RoleName("ru/mfa/minister"), key: lavrov, .message, line: "operators")
        }
        try record.grant(record.ru, "ru/mfa/minister", to: "S. Lavrov", key: lavrov)
        // Holding a role does not put it on the operators' line.
        expectRefusal(.notOnLine) {
            try record.write(record.ru, as: try! RoleName("ru/mfa/minister"), key: lavrov, .message, line: "operators")
        }
        #expect(record.state.currentHolders(of: record.ru).map(\.holder) == ["S. Lavrov"])
    }

    @Test func onlyTheOperatorGrantsAndOnlyItsOwnSidesRoles() throws {
        var record = Record()
        let official = AuthorKey()
        try record.grant(record.ru, "ru/mfa/minister", to: "S. Lavrov", key: official)
        var content = Record.content()
        content.grant = RoleGrantBody(role: try RoleName("ru/mod/minister"), holder: "X", key: AuthorKey().publicKey)
        expectRefusal(.notAuthorized) {
            try record.write(record.ru, as: try! RoleName("ru/mfa/minister"), key: official, .roleGrant, line: "operators", content: content)
        }
        expectRefusal(.invalidContent) { try record.grant(record.ru, "us/state/secretary", to: "X", key: AuthorKey()) }
        expectRefusal(.invalidContent) { try record.grant(record.ru, "ru/operator", to: "X", key: AuthorKey()) }
        expectRefusal(.conflict) { try record.grant(record.ru, "ru/mfa/minister", to: "Another", key: AuthorKey()) }
        expectRefusal(.invalidContent) { try record.grant(record.ru, "ru/mod/minister", to: "X", key: record.usOperator) }
        // A grant names a body and nothing else, on the operators' line.
        expectRefusal(.invalidContent) { try record.operate(record.ru, .roleGrant, content: Record.content()) }
        expectRefusal(.missingContent) {
            try record.state.apply(Entry(sequence: record.state.size(of: record.ru), header: EntryHeader(
                sender: record.ru, recipient: record.us, line: RecordState.operatorsLine, kind: .roleGrant, precedence: .routine,
                timeMilliseconds: 0, authorRole: record.operatorRole(record.ru), authorKeyID: record.ruOperator.publicKey.keyID,
                commitment: Hash.sha256([]), contentHash: Hash.sha256([]), contentLength: 0), authorSignature: []), leafHash: Hash.sha256([]), content: nil)
        }
    }

    @Test func aHandoverKeepsTheLineAndTheHistoryStaysWithTheOldHolder() throws {
        var record = Record()
        let kislyak = AuthorKey(), antonov = AuthorKey()
        let ambassador = try RoleName("ru/embassy/ambassador")
        try record.grant(record.ru, ambassador.rawValue, to: "S. Kislyak", key: kislyak, deputy: "ru/embassy/minister-counsellor")
        try record.grant(record.us, "us/state/under-secretary", to: "T. Shannon", key: AuthorKey())
        try record.openLine("ru-us/embassy", from: record.ru, roles: [record.ru: [ambassador.rawValue], record.us: ["us/state/under-secretary"]], tracks: ["bilateral"])
        let before = try record.write(record.ru, as: ambassador, key: kislyak, .message, line: "ru-us/embassy")

        var content = Record.content()
        content.handover = RoleHandoverBody(role: ambassador, holder: "A. Antonov", key: antonov.publicKey)
        try record.operate(record.ru, .roleHandover, content: content)

        expectRefusal(.roleNotHeld) { try record.write(record.ru, as: ambassador, key: kislyak, .message, line: "ru-us/embassy") }
        let after = try record.write(record.ru, as: ambassador, key: antonov, .message, line: "ru-us/embassy")
        #expect(record.state.holder(of: ambassador, at: before)?.holder == "S. Kislyak")
        #expect(record.state.holder(of: ambassador, at: after)?.holder == "A. Antonov")
        #expect(record.state.history(of: ambassador).map(\.holder) == ["S. Kislyak", "A. Antonov"])
        // The deputy carries over to the new holder.
        #expect(record.state.currentHolders(of: record.ru).first?.deputy == (try RoleName("ru/embassy/minister-counsellor")))
        // A handover needs a held role and a different key.
        content.handover = RoleHandoverBody(role: try RoleName("ru/mod/minister"), holder: "X", key: AuthorKey().publicKey)
        expectRefusal(.conflict) { try record.operate(record.ru, .roleHandover, content: content) }
        content.handover = RoleHandoverBody(role: ambassador, holder: "A. Antonov", key: antonov.publicKey)
        expectRefusal(.conflict) { try record.operate(record.ru, .roleHandover, content: content) }
    }

    @Test func aRevokedKeySignsNothingMoreAndCannotBeGrantedAgain() throws {
        var record = Record()
        let key = AuthorKey()
        try record.grant(record.us, "us/nsc/advisor", to: "H. R. McMaster", key: key)
        try record.grant(record.ru, "ru/sc/secretary", to: "N. Patrushev", key: AuthorKey())
        try record.openLine("ru-us/sc-nsc", from: record.us, roles: [record.ru: ["ru/sc/secretary"], record.us: ["us/nsc/advisor"]],
                            tracks: ["counterterrorism", "cyber-threats", "strategic-stability"])
        try record.write(record.us, as: try RoleName("us/nsc/advisor"), key: key, .message, line: "ru-us/sc-nsc", track: "counterterrorism")

        var content = Record.content()
        content.revocation = KeyRevocationBody(keyID: key.publicKey.keyID, reason: "device lost")
        let revocation = try record.operate(record.us, .keyRevocation, content: content)
        expectRefusal(.keyRevoked) {
            try record.write(record.us, as: try! RoleName("us/nsc/advisor"), key: key, .message, line: "ru-us/sc-nsc")
        }
        expectRefusal(.conflict) { try record.operate(record.us, .keyRevocation, content: content) }
        expectRefusal(.keyRevoked) { try record.grant(record.us, "us/nsc/deputy", to: "H. R. McMaster", key: key) }
        #expect(record.state.currentHolders(of: record.us).isEmpty)
        #expect(record.state.history(of: try RoleName("us/nsc/advisor")).first?.until == revocation)
        // The role is vacant and can be granted to a new key.
        try record.grant(record.us, "us/nsc/advisor", to: "H. R. McMaster", key: AuthorKey())
        // Only keys this side granted can be revoked by it.
        content.revocation = KeyRevocationBody(keyID: AuthorKey().publicKey.keyID, reason: "unknown")
        expectRefusal(.badReference) { try record.operate(record.us, .keyRevocation, content: content) }
    }
}

extension RoleTests {
    @Test func anExpiredKeySignsNothingAndTheRoleCanBeGrantedAgain() throws {
        var record = Record()
        let key = AuthorKey(), next = AuthorKey()
        let role = try RoleName("ru/mfa/minister")
        var content = Record.content()
        content.grant = RoleGrantBody(role: role, holder: "S. Lavrov", key: key.publicKey, expires: UTCTime.format(record.now + 10 * 60_000))
        try record.operate(record.ru, .roleGrant, content: content)
        try record.grant(record.us, "us/state/secretary", to: "R. Tillerson", key: AuthorKey())
        try record.openLine("ru-us/mfa", from: record.ru, roles: [record.ru: [role.rawValue], record.us: ["us/state/secretary"]], tracks: ["normalization"])
        try record.write(record.ru, as: role, key: key, .message, line: "ru-us/mfa")   // before expiry
        record.now += 10 * 60_000
        expectRefusal(.keyExpired) { try record.write(record.ru, as: role, key: key, .message, line: "ru-us/mfa") }
        // Expired, the role can be granted again (to the same holder's new key).
        try record.grant(record.ru, role.rawValue, to: "S. Lavrov", key: next)
        try record.write(record.ru, as: role, key: next, .message, line: "ru-us/mfa")
        #expect(record.state.history(of: role).count == 2)
        // An expiry must be a time after the grant.
        content.grant = RoleGrantBody(role: try RoleName("ru/mod/minister"), holder: "S. Shoigu", key: AuthorKey().publicKey, expires: "2001-01-01T00:00:00Z")
        expectRefusal(.invalidContent) { try record.operate(record.ru, .roleGrant, content: content) }
        content.grant = RoleGrantBody(role: try RoleName("ru/mod/minister"), holder: "S. Shoigu", key: AuthorKey().publicKey, expires: "soon")
        expectRefusal(.invalidContent) { try record.operate(record.ru, .roleGrant, content: content) }
    }
}
