import HotlineRecord
@testable import HotlineRules
import Testing

@Suite struct LineTests {
    /// Moscow's defence minister and Washington's secretary of defense, each granted.
    func ministers() throws -> (Record, AuthorKey, AuthorKey) {
        var record = Record()
        let shoigu = AuthorKey(), mattis = AuthorKey()
        try record.grant(record.ru, "ru/mod/minister", to: "S. Shoigu", key: shoigu)
        try record.grant(record.us, "us/dod/secretary", to: "J. Mattis", key: mattis)
        return (record, shoigu, mattis)
    }

    @Test func aLineOpensOnlyOnceTheOtherSideAccepts() throws {
        var (record, shoigu, mattis) = try ministers()
        let minister = try RoleName("ru/mod/minister"), secretary = try RoleName("us/dod/secretary")
        expectRefusal(.lineNotOpen) { try record.write(record.ru, as: minister, key: shoigu, .message, line: "ru-us/mod") }

        var content = Record.content()
        content.charter = LineCharterBody(title: "Defence ministers", format: "1+1",
                                          roles: [record.ru: [minister], record.us: [secretary]], tracks: [try TrackID("deconfliction")])
        let charter = try record.operate(record.ru, .lineCharter, line: "ru-us/mod", content: content)
        expectRefusal(.lineNotOpen) { try record.write(record.ru, as: minister, key: shoigu, .message, line: "ru-us/mod") }
        expectRefusal(.lineNotOpen) { try record.write(record.us, as: secretary, key: mattis, .message, line: "ru-us/mod") }
        // The proposer cannot accept its own charter, nor charter it again. The other side's
        // charter of the line is recorded (it may have crossed ru's) but, signed later, does not stand.
        expectRefusal(.badReference) { try record.operate(record.ru, .lineAcceptance, line: "ru-us/mod", references: [charter], content: Record.content()) }
        expectRefusal(.conflict) { try record.operate(record.ru, .lineCharter, line: "ru-us/mod", content: content) }
        let late = try record.operate(record.us, .lineCharter, line: "ru-us/mod", content: content)
        #expect(record.state.lines[try LineID("ru-us/mod")]?.charter == charter)
        expectRefusal(.badReference) { try record.operate(record.ru, .lineAcceptance, line: "ru-us/mod", references: [late], content: Record.content()) }
        // Officials do not charter or accept lines.
        expectRefusal(.notAuthorized) { try record.write(record.us, as: secretary, key: mattis, .lineAcceptance, line: "ru-us/mod", references: [charter]) }

        try record.operate(record.us, .lineAcceptance, line: "ru-us/mod", references: [charter], content: Record.content())
        #expect(record.state.lines[try LineID("ru-us/mod")]?.isOpen == true)
        try record.write(record.ru, as: minister, key: shoigu, .message, line: "ru-us/mod", track: "deconfliction")
        try record.write(record.us, as: secretary, key: mattis, .message, line: "ru-us/mod")
        expectRefusal(.lineNotOpen) { try record.operate(record.us, .lineAcceptance, line: "ru-us/mod", references: [charter], content: Record.content()) }
        expectRefusal(.conflict) { try record.operate(record.ru, .lineCharter, line: "ru-us/mod", content: content) }
    }

    /// Each side chartered the line before the other's charter reached it, so each node meets
    /// the two in another order. Both are recorded, and both orders agree on the one that stands:
    /// the one signed first, or on equal times the one from the side whose ID sorts first.
    @Test func chartersThatCrossAreBothRecordedAndTheSameOneStandsInEitherOrder() throws {
        let (record, _, _) = try ministers()
        let minister = try RoleName("ru/mod/minister"), secretary = try RoleName("us/dod/secretary")
        let id = try LineID("ru-us/mod")
        func body(_ title: String, _ first: SideID, _ second: SideID, _ roles: [SideID: [RoleName]]) -> EntryContent {
            var content = Record.content()
            content.charter = LineCharterBody(title: title, format: "1+1", roles: roles, tracks: [try! TrackID("deconfliction")])
            return content
        }
        let roles = [record.ru: [minister], record.us: [secretary]]
        let start = record.now
        for (ruTime, usTime, standing) in [(start, start, record.ru), (start + 5_000, start, record.us), (start, start + 1, record.ru)] {
            var states: [RecordState] = []
            for ruFirst in [true, false] {
                var copy = record
                for side in ruFirst ? [record.ru, record.us] : [record.us, record.ru] {
                    copy.now = side == record.ru ? ruTime : usTime
                    try copy.operate(side, .lineCharter, line: "ru-us/mod", content: body("Charter of \(side)", record.ru, record.us, roles))
                }
                let line = try #require(copy.state.lines[id])
                #expect(line.proposer == standing, "ru at \(ruTime - start), us at \(usTime - start), ru first: \(ruFirst)")
                #expect(line.title == "Charter of \(standing)")
                #expect(!line.isOpen)
                // The other side accepts the charter that stands, and only that one.
                let other = copy.other(standing)
                let losing = EntryAddress(side: other, sequence: copy.state.size(of: other) - 1)
                copy.now = start + 60_000
                expectRefusal(.badReference) { try copy.operate(standing, .lineAcceptance, line: "ru-us/mod", references: [losing], content: Record.content()) }
                try copy.operate(other, .lineAcceptance, line: "ru-us/mod", references: [line.charter!], content: Record.content())
                #expect(copy.state.lines[id]?.isOpen == true)
                #expect(copy.state.lines[id]?.roles == roles)
                states.append(copy.state)
            }
            #expect(states[0].lines[id] == states[1].lines[id], "both nodes hold the same line")
        }
    }

    @Test func onlyTheLinesRolesWriteAndOnlyOnItsTracks() throws {
        var (record, shoigu, _) = try ministers()
        let lavrov = AuthorKey()
        try record.grant(record.ru, "ru/mfa/minister", to: "S. Lavrov", key: lavrov)
        try record.openLine("ru-us/mod", from: record.ru, roles: [record.ru: ["ru/mod/minister"], record.us: ["us/dod/secretary"]], tracks: ["deconfliction"])
        expectRefusal(.notOnLine) { try record.write(record.ru, as: try! RoleName("ru/mfa/minister"), key: lavrov, .message, line: "ru-us/mod") }
        expectRefusal(.unknownTrack) {
            try record.write(record.ru, as: try! RoleName("ru/mod/minister"), key: shoigu, .message, line: "ru-us/mod", track: "cybercrime")
        }
        // An official cannot sign for a role with someone else's key.
        expectRefusal(.roleNotHeld) { try record.write(record.ru, as: try! RoleName("ru/mod/minister"), key: lavrov, .message, line: "ru-us/mod") }
        // Operators keep to their own line.
        expectRefusal(.notOnLine) { try record.operate(record.ru, .message, line: "ru-us/mod", content: Record.content(text: "hi")) }
    }

    @Test func aCharterMustBeWellFormed() throws {
        var (record, _, _) = try ministers()
        let minister = try RoleName("ru/mod/minister"), secretary = try RoleName("us/dod/secretary")
        func charter(_ body: LineCharterBody) -> EntryContent {
            var content = Record.content()
            content.charter = body
            return content
        }
        let track = try TrackID("deconfliction")
        let cases: [LineCharterBody] = [
            LineCharterBody(title: "", format: "1+1", roles: [record.ru: [minister], record.us: [secretary]], tracks: [track]),
            LineCharterBody(title: "t", format: "2+2", roles: [record.ru: [minister], record.us: [secretary]], tracks: [track]),
            LineCharterBody(title: "t", format: "1+1", roles: [record.ru: [minister], record.us: [secretary]], tracks: []),
            LineCharterBody(title: "t", format: "1+1", roles: [record.ru: [minister], record.us: [secretary]], tracks: [track, track]),
            LineCharterBody(title: "t", format: "1+0", roles: [record.ru: [minister], record.us: []], tracks: [track]),
            LineCharterBody(title: "t", format: "1+1", roles: [record.ru: [minister], record.us: [minister]], tracks: [track]),
            LineCharterBody(title: "t", format: "1", roles: [record.ru: [minister]], tracks: [track]),
            LineCharterBody(title: "t", format: "1+1", roles: [record.ru: [try RoleName("ru/operator")], record.us: [secretary]], tracks: [track]),
        ]
        for body in cases {
            expectRefusal(.invalidContent) { try record.operate(record.ru, .lineCharter, line: "ru-us/mod", content: charter(body)) }
        }
        expectRefusal(.conflict) {
            try record.operate(record.ru, .lineCharter, line: "operators",
                               content: charter(LineCharterBody(title: "t", format: "1+1", roles: [record.ru: [minister], record.us: [secretary]], tracks: [track])))
        }
        #expect(record.state.lines.count == 1, "only the operators' line")
    }
}
