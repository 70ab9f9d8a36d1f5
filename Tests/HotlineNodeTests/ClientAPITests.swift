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
