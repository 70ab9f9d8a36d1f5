import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineTestSupport
import Testing

/// Operators' console keys: added and removed by the operator key alone, acting as the operator
/// on the API (never as an official), kept across a restart, refused the moment they are removed.
@Suite(.serialized) struct ConsoleKeyTests {
    @Test func aConsoleKeyActsAsTheOperatorUntilRemoved() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        var ru = sides.ru
        let browser = AuthorKey()
        let console = ru.client.signed(by: browser)
        let publicKey = Base64.encode(browser.publicKey.rawRepresentation)

        // Unknown until the operator adds it.
        #expect(try await console.raw("GET", "/api/v1/me").status == 401)
        let added = try await ru.client.addConsoleKey(publicKey: publicKey, name: "Duty operator")
        #expect(added.keyID == browser.publicKey.keyID.hex && added.name == "Duty operator")
        let me = try await console.whoAmI()
        #expect(me.isOperator && me.roles.isEmpty && me.lines.contains("operators"))
        #expect(try await console.raw("GET", "/api/v1/reads").status == 200, "the audit of reads is the operator's")
        #expect(try await console.status().peers.map(\.side) == ["us"])
        #expect(try await console.consoleKeys().map(\.keyID) == [added.keyID])

        // A console key makes no other, removes none, and authors no entry as the operator.
        let other = AuthorKey()
        let refused = try await console.raw("POST", "/api/v1/console-keys",
                                            body: Array(#"{"publicKey":"\#(Base64.encode(other.publicKey.rawRepresentation))","name":"x"}"#.utf8))
        #expect(refused.status == 403)
        #expect(try await console.raw("DELETE", "/api/v1/console-keys/\(added.keyID)").status == 403)
        let session = try await OfficialSession.open(console)
        // Even naming the operator's role: the node refuses it (the operator role signs with the operator key alone).
        let sizeBefore = try await ru.node.store.treeHead(LogOrigin(sender: ru.side, recipient: sides.us.side)).size
        await #expect(throws: ClientError.self) {
            _ = try await session.send(.init(.message, line: "operators", content: .withRandomSalt(text: "as the operator?"), role: "ru/operator"), wait: 5)
        }
        #expect(try await ru.node.store.treeHead(LogOrigin(sender: ru.side, recipient: sides.us.side)).size == sizeBefore, "nothing stored")

        // Bad input is refused with a reason: not a key, a bad name, the operator key, an official's key.
        for body in [#"{"publicKey":"not base64","name":"x"}"#, #"{"publicKey":"\#(publicKey)","name":""}"#,
                     #"{"publicKey":"\#(publicKey)","name":"a\u0007b"}"#, #"{"name":"x"}"#] {
            #expect(try await ru.client.raw("POST", "/api/v1/console-keys", body: Array(body.utf8)).status == 400, "\(body)")
        }
        let operatorKey = Base64.encode(try ru.directory.loadSecrets().operatorKey.publicKey.rawRepresentation)
        #expect(try await ru.client.raw("POST", "/api/v1/console-keys", body: Array(#"{"publicKey":"\#(operatorKey)","name":"x"}"#.utf8)).status == 400)
        let official = AuthorKey()
        let operatorSession = try await OfficialSession.open(ru.client)
        var grant = EntryContent.withRandomSalt()
        grant.grant = RoleGrantBody(role: try RoleName("ru/mfa/minister"), holder: "S. Lavrov", key: official.publicKey)
        try await operatorSession.send(.init(.roleGrant, line: "operators", content: grant), wait: 20)
        let officialKey = Base64.encode(official.publicKey.rawRepresentation)
        let mixed = try await ru.client.raw("POST", "/api/v1/console-keys", body: Array(#"{"publicKey":"\#(officialKey)","name":"x"}"#.utf8))
        #expect(mixed.status == 400 && String(decoding: mixed.body, as: UTF8.self).contains("ru/mfa/minister"))

        // Kept across a restart (the store), then removed: refused at once.
        let directory = ru.directory
        await ru.stop()
        ru = try await RunningNode.start(directory: directory)
        let afterRestart = ru.client.signed(by: browser)
        #expect(try await afterRestart.whoAmI().isOperator)
        try await ru.client.removeConsoleKey(keyID: added.keyID)
        #expect(try await afterRestart.raw("GET", "/api/v1/me").status == 401)
        #expect(try await ru.client.consoleKeys().isEmpty)
        #expect(try await ru.client.raw("DELETE", "/api/v1/console-keys/\(added.keyID)").status == 404)
        #expect(try await ru.client.raw("DELETE", "/api/v1/console-keys/xyz").status == 400)
        await ru.stop()
        await sides.us.stop()
        try? FileManager.default.removeItem(at: sides.root)
    }
}
