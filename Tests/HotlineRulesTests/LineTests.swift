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
        // The proposer cannot accept its own charter, and the other side cannot charter it again.
        expectRefusal(.badReference) { try record.operate(record.ru, .lineAcceptance, line: "ru-us/mod", references: [charter], content: Record.content()) }
        expectRefusal(.conflict) { try record.operate(record.us, .lineCharter, line: "ru-us/mod", content: content) }
        // Officials do not charter or accept lines.
        expectRefusal(.notAuthorized) { try record.write(record.us, as: secretary, key: mattis, .lineAcceptance, line: "ru-us/mod", references: [charter]) }

        try record.operate(record.us, .lineAcceptance, line: "ru-us/mod", references: [charter], content: Record.content())
        #expect(record.state.lines[try LineID("ru-us/mod")]?.isOpen == true)
        try record.write(record.ru, as: minister, key: shoigu, .message, line: "ru-us/mod", track: "deconfliction")
        try record.write(record.us, as: secretary, key: mattis, .message, line: "ru-us/mod")
        expectRefusal(.lineNotOpen) { try record.operate(record.us, .lineAcceptance, line: "ru-us/mod", references: [charter], content: Record.content()) }
        expectRefusal(.conflict) { try record.operate(record.ru, .lineCharter, line: "ru-us/mod", content: content) }
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
