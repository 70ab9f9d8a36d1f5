import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineTestSupport
import Testing

/// Every client API request is signed by a key of the node's side (RFC 9421); officials read
/// only the lines of their roles, and the node records who read what.
@Suite(.serialized) struct ClientAPITests {
    @Test func requestsMustBeSignedFreshOnceAndByAKeyOfThisSide() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let client = sides.ru.client
        #expect(try await client.raw("GET", "/api/v1/status").status == 200)

        let unsigned = NodeClient(baseURL: client.baseURL, key: nil)
        let (status, body) = try await unsigned.raw("GET", "/api/v1/status")
        #expect(status == 401 && String(decoding: body, as: UTF8.self).contains("Signature"), "\(String(decoding: body, as: UTF8.self))")
        #expect(try await client.signed(by: AuthorKey()).raw("GET", "/api/v1/status").status == 401, "a key holding no role")
        let usOperator = try sides.us.directory.loadSecrets().operatorKey
        #expect(try await client.signed(by: usOperator).raw("GET", "/api/v1/status").status == 401, "the other side's operator")
        // A body that does not match the signed digest.
        let tampered = try await client.raw("POST", "/api/v1/alarms/clear", body: Array(#"{"peer":"us","note":"x"}"#.utf8),
                                            headers: [("Content-Digest", "sha-256=:\(Base64.encode(Array(repeating: 0, count: 32))):")])
        #expect(tampered.status == 401)
        // The OpenAPI document is public.
        #expect(try await unsigned.raw("GET", "/api/v1/openapi.json").status == 200)
        await sides.stop()
    }

    @Test func aReplayedRequestIsRefused() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let client = sides.ru.client
        // Capture one signed request's headers and send them twice.
        let key = try sides.ru.directory.loadSecrets().operatorKey
        var captured: [(String, String)] = []
        let signer = NodeClient(baseURL: client.baseURL, key: key)
        captured = try signer.signatureHeaders(method: "GET", path: "/api/v1/me", body: [], contentType: nil)
        let unsigned = NodeClient(baseURL: client.baseURL, key: nil)
        #expect(try await unsigned.raw("GET", "/api/v1/me", headers: captured).status == 200)
        let replay = try await unsigned.raw("GET", "/api/v1/me", headers: captured)
        #expect(replay.status == 401 && String(decoding: replay.body, as: UTF8.self).contains("nonce"), "\(String(decoding: replay.body, as: UTF8.self))")
        await sides.stop()
    }
}

extension ClientAPITests {
    @Test func watchingALineDeliversEachNewEntryOnce() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let ru = try await OfficialSession.open(sides.ru.client)
        let us = try await OfficialSession.open(sides.us.client)
        let stream = us.client.events(line: "operators", since: 0)
        let watcher = Task { () -> [EntryPointer] in
            var got: [EntryPointer] = []
            for try await entry in stream {
                got.append(entry.pointer)
                if got.count == 3 { break }
            }
            return got
        }
        var sent: [EntryPointer] = []
        for index in 0..<3 {
            sent.append(try await ru.send(.init(.message, line: "operators", content: .withRandomSalt(text: "watch \(index)")), wait: 20))
        }
        let deadline = Task { try await Task.sleep(for: .seconds(20)); watcher.cancel() }
        let received = try await watcher.value
        deadline.cancel()
        #expect(received == sent)
        // Compartments apply: an unknown line is refused up front.
        await #expect(throws: ClientError.self) {
            for try await _ in us.client.events(line: "ru-us/nowhere") { break }
        }
        await sides.stop()
    }
}

extension ClientAPITests {
    /// Officials read only the lines of their roles; the operator sees the lines but reads only
    /// its own; every read is recorded, and the audit is the operator's alone.
    @Test func compartmentsAndTheAuditOfReads() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let ruOperator = try await OfficialSession.open(sides.ru.client)
        let usOperator = try await OfficialSession.open(sides.us.client)
        let shoigu = AuthorKey(), lavrov = AuthorKey(), mattis = AuthorKey()
        for (session, role, name, key) in [(ruOperator, "ru/mod/minister", "S. Shoigu", shoigu), (ruOperator, "ru/mfa/minister", "S. Lavrov", lavrov),
                                           (usOperator, "us/dod/secretary", "J. Mattis", mattis)] {
            var grant = EntryContent.withRandomSalt()
            grant.grant = RoleGrantBody(role: try RoleName(role), holder: name, key: key.publicKey)
            try await session.send(.init(.roleGrant, line: "operators", content: grant), wait: 20)
        }
        var charter = EntryContent.withRandomSalt()
        charter.charter = LineCharterBody(title: "Defence", format: "1+1", roles: [try SideID("ru"): [try RoleName("ru/mod/minister")],
                                                                                   try SideID("us"): [try RoleName("us/dod/secretary")]],
                                          tracks: [try TrackID("deconfliction")])
        let proposal = try await ruOperator.send(.init(.lineCharter, line: "ru-us/mod", content: charter), wait: 20)
        let acceptance = try await usOperator.send(.init(.lineAcceptance, line: "ru-us/mod", content: .withRandomSalt(), references: [proposal]), wait: 20)
        let shoiguSession = try await OfficialSession.open(sides.ru.client.signed(by: shoigu))
        let message = try await shoiguSession.send(.init(.message, line: "ru-us/mod", content: .withRandomSalt(text: "deconfliction call")), wait: 20)

        // On the line: reads it. Off the line (same side): 403, for entries, one entry, events, bundles and answers.
        #expect(try await shoiguSession.client.entries(line: "ru-us/mod").map(\.pointer) == [proposal, acceptance, message])
        let lavrovClient = sides.ru.client.signed(by: lavrov)
        for path in ["/api/v1/entries?line=ru-us%2Fmod", "/api/v1/entries/ru/\(message.sequence)", "/api/v1/proposals?line=ru-us%2Fmod",
                     "/api/v1/bundle?side=ru&sequence=\(message.sequence)", "/api/v1/answer?sender=us&line=ru-us%2Fmod", "/api/v1/events?line=ru-us%2Fmod"] {
            let (status, body) = try await lavrovClient.raw("GET", path)
            #expect(status == 403, "\(path): \(String(decoding: body, as: UTF8.self))")
        }
        // The other side's official reads the line on their own node, not on ours.
        #expect(try await sides.us.client.signed(by: mattis).entries(line: "ru-us/mod").count == 3)
        #expect(try await sides.ru.client.signed(by: mattis).raw("GET", "/api/v1/me").status == 401)
        // The operator sees every line, reads only its own, and alone reads the audit.
        #expect(try await sides.ru.client.lines().map(\.id).contains("ru-us/mod"))
        #expect(try await sides.ru.client.raw("GET", "/api/v1/entries?line=ru-us%2Fmod").status == 403)
        #expect(try await shoiguSession.client.raw("GET", "/api/v1/reads").status == 403)
        let (status, body) = try await sides.ru.client.raw("GET", "/api/v1/reads")
        #expect(status == 200)
        let reads = try JSONDecoder().decode([ReadView].self, from: Data(body))
        #expect(reads.contains { $0.keyID == shoigu.publicKey.keyID.hex && $0.line == "ru-us/mod" && $0.roles == "ru/mod/minister"
            && $0.entries.contains("ru#\(message.sequence)") })
        #expect(!reads.contains { $0.keyID == lavrov.publicKey.keyID.hex }, "refused reads read nothing")
        await sides.stop()
    }
}

extension ClientAPITests {
    /// Found by the API fuzzer: both used to stop the node.
    @Test func nonFiniteWaitsAndHugeLimitsAreAnsweredNotFatal() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        for wait in ["nan", "-nan", "inf", "-1"] {
            let (status, body) = try await sides.ru.client.raw("POST", "/api/v1/entries?wait=\(wait)", body: Array(#"{"header":"","signature":"","content":""}"#.utf8))
            #expect(status == 400, "wait=\(wait): \(String(decoding: body, as: UTF8.self))")
        }
        #expect(try await sides.ru.client.raw("GET", "/api/v1/reads?limit=9223372036854775808").status == 200)
        #expect(try await sides.ru.client.raw("GET", "/api/v1/status").status == 200, "the node is still up")
        await sides.stop()
    }
}
