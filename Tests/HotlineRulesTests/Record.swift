import HotlineRecord
import HotlineRules
import Testing

/// Two sides, Moscow and Washington, writing entries into one `RecordState` the way their nodes
/// do: each entry signed by its author, checked, then applied. Times come from a field, not a clock.
struct Record {
    let ru = try! SideID("ru")
    let us = try! SideID("us")
    let ruOperator = AuthorKey()
    let usOperator = AuthorKey()
    var state: RecordState
    var now: UInt64 = 1_490_000_000_000   // March 2017

    init() {
        state = RecordState(.init(side: ru, operatorKey: ruOperator.publicKey), .init(side: us, operatorKey: usOperator.publicKey))
    }

    func other(_ side: SideID) -> SideID { side == ru ? us : ru }
    func operatorKey(_ side: SideID) -> AuthorKey { side == ru ? ruOperator : usOperator }
    func operatorRole(_ side: SideID) -> RoleName { try! RoleName("\(side)/operator") }

    /// Writes an entry; on success returns its address. Refusals leave the state as it was.
    @discardableResult
    mutating func write(
        _ side: SideID, as role: RoleName, key: AuthorKey, _ kind: EntryKind, line: String,
        track: String? = nil, precedence: Precedence = .routine, references: [EntryAddress] = [],
        content: EntryContent? = nil
    ) throws(RuleViolation) -> EntryAddress {
        let content = content ?? EntryContent(salt: Array(repeating: 7, count: 32), text: "text")
        let plaintext = content.plaintext
        let header = EntryHeader(
            sender: side, recipient: other(side), line: try! LineID(line), track: track.map { try! TrackID($0) },
            kind: kind, precedence: precedence, timeMilliseconds: now, authorRole: role, authorKeyID: key.publicKey.keyID,
            references: references.map { EntryReference(side: $0.side, sequence: $0.sequence, leafHash: state.entry(at: $0)?.leafHash ?? Hash.sha256([1])) },
            commitment: EntryContent.commitment(to: plaintext), contentHash: Hash.sha256(plaintext), contentLength: UInt32(plaintext.count))
        let entry = Entry(sequence: state.size(of: side), header: header, authorSignature: try! key.sign(header))
        let before = (state.size(of: ru), state.size(of: us))
        do {
            let authorKey = try state.apply(entry, leafHash: entry.leafHash, content: content)
            #expect(authorKey.keyID == header.authorKeyID)
            #expect(throws: Never.self) { try entry.verifyAuthorSignature(authorKey) }
        } catch {
            #expect(before == (state.size(of: ru), state.size(of: us)), "a refused entry changes nothing")
            throw error
        }
        now += 60_000
        return EntryAddress(side: side, sequence: entry.sequence)
    }

    /// The operator writes on the line `operators` (grants and the like) or charters a line.
    @discardableResult
    mutating func operate(_ side: SideID, _ kind: EntryKind, line: String = "operators", references: [EntryAddress] = [], content: EntryContent) throws(RuleViolation) -> EntryAddress {
        try write(side, as: operatorRole(side), key: operatorKey(side), kind, line: line, references: references, content: content)
    }

    mutating func grant(_ side: SideID, _ role: String, to holder: String, key: AuthorKey, deputy: String? = nil) throws(RuleViolation) {
        var content = Self.content()
        content.grant = RoleGrantBody(role: try! RoleName(role), holder: holder, key: key.publicKey, deputy: deputy.map { try! RoleName($0) })
        try operate(side, .roleGrant, content: content)
    }

    /// Charters a line from `side` and has the other side accept it.
    @discardableResult
    mutating func openLine(_ id: String, from side: SideID, roles: [SideID: [String]], tracks: [String], format: String? = nil) throws(RuleViolation) -> EntryAddress {
        var content = Self.content()
        let named = roles.mapValues { $0.map { try! RoleName($0) } }
        content.charter = LineCharterBody(title: "Line \(id)", format: format ?? "\(roles[side]!.count)+\(roles[other(side)]!.count)",
                                          roles: named, tracks: tracks.map { try! TrackID($0) })
        let charter = try operate(side, .lineCharter, line: id, content: content)
        try operate(other(side), .lineAcceptance, line: id, references: [charter], content: Self.content())
        return charter
    }

    static func content(text: String? = nil) -> EntryContent {
        EntryContent(salt: Array(repeating: 9, count: 32), text: text)
    }
}

/// Expects `body` to be refused with `code`.
func expectRefusal(_ code: RuleViolation.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a refusal \(code.rawValue), but the entry was accepted", sourceLocation: sourceLocation)
    } catch let violation as RuleViolation {
        #expect(violation.code == code, "\(violation)", sourceLocation: sourceLocation)
        #expect(!violation.message.isEmpty, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a refusal \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}
