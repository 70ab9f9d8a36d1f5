import Crypto
import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineTestSupport
import Testing

/// A client that cannot seal (the web console) has the node seal the item, checks the header's
/// commitment against the plaintext, and signs the header itself.
@Suite(.serialized) struct DraftTests {
    @Test func theNodeSealsTheAuthorChecksAndSigns() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let official = AuthorKey()
        let ruOperator = try await OfficialSession.open(sides.ru.client)
        var grant = EntryContent.withRandomSalt()
        grant.grant = RoleGrantBody(role: try RoleName("ru/mfa/minister"), holder: "S. Lavrov", key: official.publicKey)
        try await ruOperator.send(.init(.roleGrant, line: "operators", content: grant), wait: 20)
        let client = sides.ru.client.signed(by: official)

        // A line chartered but not accepted yet: the draft is refused with the rule's code, before
        // anything is signed. An unknown line is not found.
        var charter = EntryContent.withRandomSalt()
        charter.charter = LineCharterBody(title: "Ministers", format: "1+1", roles: [try SideID("ru"): [try RoleName("ru/mfa/minister")],
                                                                                     try SideID("us"): [try RoleName("us/state/secretary")]],
                                          tracks: [try TrackID("normalization")])
        try await ruOperator.send(.init(.lineCharter, line: "ru-us/mfa", content: charter), wait: 20)
        let unknown = try await client.raw("POST", "/api/v1/drafts", body: try JSONEncoder().encode(
            DraftRequest(kind: "message", line: "ru-us/nowhere", content: EntryContent(salt: [], text: "x"))).map { $0 })
        #expect(unknown.status == 404)
        let refused = try await client.raw("POST", "/api/v1/drafts", body: try JSONEncoder().encode(
            DraftRequest(kind: "message", line: "ru-us/mfa", content: EntryContent(salt: [], text: "too early"))).map { $0 })
        #expect(refused.status == 422 && String(decoding: refused.body, as: UTF8.self).contains("line-not-open"))

        // The operators' line, as the operator, through a draft.
        let operatorDraft = try await draft(sides.ru.client, DraftRequest(kind: "message", line: "operators", precedence: "flash",
                                                                          content: EntryContent(salt: [], language: "en", text: "Through a draft")))
        let plaintext = try #require(Base64.decodeCanonical(operatorDraft.plaintext))
        let header = try #require(Base64.decodeCanonical(operatorDraft.header))
        // What a browser checks: the commitment at the header's end is the plaintext's.
        #expect(Array(header[(header.count - 68)..<(header.count - 36)]) == EntryContent.commitment(to: plaintext).bytes)
        #expect(try EntryContent(plaintext: plaintext).text == "Through a draft")
        let message = try #require(Base64.decodeCanonical(operatorDraft.signedMessage))
        #expect(message == Array("hotline/entry/v1\n".utf8) + header)

        // Someone else cannot sign it; a wrong signature is refused; the right one is delivered.
        let operatorKey = try sides.ru.directory.loadSecrets().operatorKey
        let stranger = try await client.raw("POST", "/api/v1/drafts/\(operatorDraft.id)", body: try signature(official, message))
        #expect(stranger.status == 403)
        let forged = try await sides.ru.client.raw("POST", "/api/v1/drafts/\(operatorDraft.id)", body: try signature(official, message))
        #expect(forged.status == 422, "\(String(decoding: forged.body, as: UTF8.self))")
        let (status, body) = try await sides.ru.client.raw("POST", "/api/v1/drafts/\(operatorDraft.id)?wait=20", body: try signature(operatorKey, message))
        #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
        let receipt = try JSONDecoder().decode(EntryReceipt.self, from: Data(body))
        #expect(receipt.received)
        let delivered = try await sides.us.client.entry(EntryPointer(side: "ru", sequence: receipt.sequence, leafHash: ""))
        #expect(delivered.content.text == "Through a draft" && delivered.precedence == "flash")
        // A draft is used once.
        #expect(try await sides.ru.client.raw("POST", "/api/v1/drafts/\(operatorDraft.id)", body: try signature(operatorKey, message)).status == 404)
        await sides.stop()
    }

    func draft(_ client: NodeClient, _ request: DraftRequest) async throws -> DraftView {
        let (status, body) = try await client.raw("POST", "/api/v1/drafts", body: Array(try JSONEncoder().encode(request)))
        #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
        return try JSONDecoder().decode(DraftView.self, from: Data(body))
    }

    func signature(_ key: AuthorKey, _ message: [UInt8]) throws -> [UInt8] {
        Array(try JSONEncoder().encode(DraftSignature(signature: Base64.encode([UInt8](try key.privateKey.signature(for: message))))))
    }
}
