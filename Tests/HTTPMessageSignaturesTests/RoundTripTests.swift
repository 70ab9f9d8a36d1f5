import Crypto
import Testing
@testable import HTTPMessageSignatures

@Suite("Sign and verify round trips")
struct RoundTripTests {
    static let pathCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,;=:@/"
    static let queryCharacters = pathCharacters + "?"
    static let nonceCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-_."

    @Test("random keys, bodies, paths and queries sign and verify", arguments: 0..<4)
    func randomRequests(batch: UInt64) throws {
        var generator = SplitMix64(seed: 0x5EED_0000 + batch)
        for index in 0..<50 {
            let official = try TestOfficial(keyID: "official-\(batch)-\(index)", using: &generator)
            let bystander = try TestOfficial(keyID: "bystander", using: &generator)
            let body = generator.bytes(Int.random(in: 0...512, using: &generator))
            let path = "/" + generator.string(from: Self.pathCharacters, length: 0...40)
            let query: String? = Bool.random(using: &generator)
                ? generator.string(from: Self.queryCharacters, length: 0...40) : nil
            let contentType: String? = Bool.random(using: &generator) ? "application/json; charset=utf-8" : nil
            let method = ["GET", "POST", "PUT", "DELETE", "PATCH"].randomElement(using: &generator)!
            let request = makeRequest(method: method, path: path, query: query, contentType: contentType, body: body)
            let created = Int64.random(in: 1_600_000_000...1_900_000_000, using: &generator)
            let expires: Int64? = Bool.random(using: &generator) ? created + 120 : nil
            let nonce = generator.string(from: Self.nonceCharacters, length: 1...32)

            let headers = try hotlineSign(request, by: official, created: created, expires: expires, nonce: nonce)
            let verified = try MessageVerifier.verify(
                request.adding(headers), body: body, label: "sig1", policy: .hotline,
                now: created + Int64.random(in: -60...100, using: &generator),
                publicKey: keyLookup([bystander, official])
            )
            #expect(verified == VerifiedSignature(
                label: "sig1", keyID: official.keyID, created: created, expires: expires, nonce: nonce,
                tag: "hotline", components: MessageSigner.hotlineComponents(for: request)
            ))
        }
    }

    @Test("the headers have the documented shape")
    func headerShape() throws {
        let official = try TestOfficial(keyID: "ru/lavrov", seed: Array(repeating: 7, count: 32))
        let request = makeRequest()
        let headers = try hotlineSign(request, by: official, created: 1_700_000_000, expires: 1_700_000_060, nonce: "abc")
        #expect(headers.signatureInput
            == #"sig1=("@method" "@authority" "@path" "@query" "content-digest" "content-type");created=1700000000;expires=1700000060;keyid="ru/lavrov";alg="ed25519";nonce="abc";tag="hotline""#)
        #expect(headers.signature.hasPrefix("sig1=:") && headers.signature.hasSuffix(":"))
        #expect(headers.signature.utf8.count == "sig1=::".utf8.count + 88)
    }

    @Test("a request without query or content type covers neither, and still verifies")
    func minimalRequest() throws {
        let official = try TestOfficial(keyID: "k", seed: Array(repeating: 1, count: 32))
        let request = makeRequest(method: "GET", query: nil, contentType: nil, body: [])
        #expect(MessageSigner.hotlineComponents(for: request) == [.method, .authority, .path, .contentDigest])
        let headers = try hotlineSign(request, by: official)
        let verified = try MessageVerifier.verify(
            request.adding(headers), body: [UInt8](), label: "sig1", policy: .hotline,
            now: 1_700_000_000, publicKey: keyLookup([official])
        )
        #expect(verified.components == [.method, .authority, .path, .contentDigest])
    }

    @Test("the verifier picks its label among several signatures")
    func severalSignatures() throws {
        let official = try TestOfficial(keyID: "k", seed: Array(repeating: 2, count: 32))
        let other = try TestOfficial(keyID: "other", seed: Array(repeating: 3, count: 32))
        let request = makeRequest()
        let mine = try hotlineSign(request, by: official, label: "sig1")
        let theirs = try hotlineSign(request, by: other, nonce: "other-nonce", label: "proxy")
        var signed = request
        signed.headers.append(("Signature-Input", theirs.signatureInput))
        signed.headers.append(("signature-input", mine.signatureInput))
        signed.headers.append(("SIGNATURE", "\(theirs.signature), \(mine.signature)"))
        let verified = try MessageVerifier.verify(
            signed, body: Array(#"{"text": "proposal"}"#.utf8), label: "sig1", policy: .hotline,
            now: 1_700_000_000, publicKey: keyLookup([official, other])
        )
        #expect(verified.keyID == "k")
        #expect(verified.nonce == "n-0001")
    }

    @Test("header names match in any case and repeated headers join with \", \"")
    func headerCanonicalization() throws {
        let request = SignableRequest(
            method: "POST", authority: "Example.COM", path: "", query: nil,
            headers: [("X-List", "  a,b "), ("x-list", "\tc"), ("Other", "z")]
        )
        let input = try SignatureInput(
            components: [.authority, .path, .query, .field("X-List")], parameters: SignatureParameters(created: 1)
        )
        #expect(try SignatureBase.make(for: request, input: input) == """
            "@authority": example.com
            "@path": /
            "@query": ?
            "x-list": a,b, c
            "@signature-params": ("@authority" "@path" "@query" "x-list");created=1
            """)
    }
}
