import Crypto
import Foundation
import Testing
@testable import HTTPMessageSignatures

/// RFC 9421 Appendix B.2.6, "Signing a Request Using ed25519", byte for byte.
@Suite("RFC 9421 Appendix B.2.6")
struct RFC9421VectorTests {
    /// Appendix B.1.4, test-key-ed25519, PKCS#8 and SPKI as printed.
    static let privateKeyDER = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF"
    static let publicKeyDER = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs="

    /// Appendix B.2, the test request:
    ///
    ///     POST /foo?param=Value&Pet=dog HTTP/1.1
    ///     Host: example.com
    ///     Date: Tue, 20 Apr 2021 02:07:55 GMT
    ///     Content-Type: application/json
    ///     Content-Digest: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+T\
    ///       aPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
    ///     Content-Length: 18
    ///
    ///     {"hello": "world"}
    static let request = SignableRequest(
        method: "POST",
        authority: "example.com",
        path: "/foo",
        query: "param=Value&Pet=dog",
        headers: [
            ("Host", "example.com"),
            ("Date", "Tue, 20 Apr 2021 02:07:55 GMT"),
            ("Content-Type", "application/json"),
            ("Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"),
            ("Content-Length", "18"),
        ]
    )
    static let body = Array(#"{"hello": "world"}"#.utf8)

    /// The signature base as printed in B.2.6, RFC 8792 wrapping included.
    static let printedBase = #"""
        "date": Tue, 20 Apr 2021 02:07:55 GMT
        "@method": POST
        "@path": /foo
        "@authority": example.com
        "content-type": application/json
        "content-length": 18
        "@signature-params": ("date" "@method" "@path" "@authority" \
          "content-type" "content-length");created=1618884473\
          ;keyid="test-key-ed25519"
        """#

    /// The header fields as printed in B.2.6.
    static let printedSignatureInput = #"""
        sig-b26=("date" "@method" "@path" "@authority" \
          "content-type" "content-length");created=1618884473\
          ;keyid="test-key-ed25519"
        """#
    static let printedSignature = #"""
        sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1\
          u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:
        """#

    static let components: [CoveredComponent] = [
        .field("date"), .method, .path, .authority, .field("content-type"), .field("content-length"),
    ]

    static func privateKey() throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: trailingKeyBytes(ofBase64DER: privateKeyDER))
    }

    static func publicKey() throws -> Curve25519.Signing.PublicKey {
        try Curve25519.Signing.PublicKey(rawRepresentation: trailingKeyBytes(ofBase64DER: publicKeyDER))
    }

    static func input() throws -> SignatureInput {
        try SignatureInput(
            components: components,
            parameters: SignatureParameters(created: 1_618_884_473, keyID: "test-key-ed25519")
        )
    }

    @Test("the test key's public half is the RFC's")
    func keyPair() throws {
        #expect(try Self.privateKey().publicKey.rawRepresentation == Self.publicKey().rawRepresentation)
    }

    @Test("the signature base is byte-identical to the RFC's")
    func signatureBase() throws {
        let base = try SignatureBase.make(for: Self.request, input: Self.input())
        #expect(Array(base.utf8) == Array(unwrapRFC8792(Self.printedBase).utf8))
    }

    @Test("parsing the RFC's Signature-Input rebuilds the same base")
    func signatureBaseFromParsedHeader() throws {
        let dictionary = try StructuredFieldParser.parseDictionary(unwrapRFC8792(Self.printedSignatureInput))
        guard case let .innerList(list)? = dictionary["sig-b26"] else {
            Issue.record("sig-b26 is not an inner list")
            return
        }
        let input = try SignatureInput(parsing: list)
        #expect(input.components == Self.components)
        #expect(input.parameters == SignatureParameters(created: 1_618_884_473, keyID: "test-key-ed25519"))
        let base = try SignatureBase.make(for: Self.request, input: input)
        #expect(base == unwrapRFC8792(Self.printedBase))
    }

    @Test("the RFC's signature verifies with the RFC's public key")
    func rfcSignatureVerifies() throws {
        let dictionary = try StructuredFieldParser.parseDictionary(unwrapRFC8792(Self.printedSignature))
        guard case let .item(item)? = dictionary["sig-b26"], case let .byteSequence(signature) = item.value else {
            Issue.record("sig-b26 is not a byte sequence")
            return
        }
        let base = unwrapRFC8792(Self.printedBase)
        #expect(try Self.publicKey().isValidSignature(signature, for: Array(base.utf8)))
        #expect(try !Self.publicKey().isValidSignature(signature, for: Array((base + " ").utf8)))
    }

    @Test("signing produces the RFC's header fields and a signature that verifies")
    func signingReproducesTheRFC() throws {
        let headers = try MessageSigner.sign(Self.request, input: Self.input(), key: Self.privateKey(), label: "sig-b26")
        #expect(headers.signatureInput == unwrapRFC8792(Self.printedSignatureInput))

        let base = unwrapRFC8792(Self.printedBase)
        let dictionary = try StructuredFieldParser.parseDictionary(headers.signature)
        guard case let .item(item)? = dictionary["sig-b26"], case let .byteSequence(signature) = item.value else {
            Issue.record("the produced Signature has no sig-b26 byte sequence")
            return
        }
        #expect(try Self.publicKey().isValidSignature(signature, for: Array(base.utf8)))
        // Ed25519 is deterministic (RFC 8032), and swift-crypto's BoringSSL backend signs that
        // way. CryptoKit on Apple platforms adds randomness, so there only verification holds.
        #if os(Linux)
        #expect(headers.signature == unwrapRFC8792(Self.printedSignature))
        #endif
    }

    @Test("the full verifier reaches the RFC's signature and refuses it for lacking Hotline's tag")
    func verifierAppliesPolicyToTheRFCExample() throws {
        let signed = Self.request.adding(SignatureHeaders(
            signatureInput: unwrapRFC8792(Self.printedSignatureInput),
            signature: unwrapRFC8792(Self.printedSignature)
        ))
        let policy = VerificationPolicy(
            requiredComponents: [.method, .authority, .path], expectedTag: "hotline", maxClockSkew: 60, maxAge: 300
        )
        let publicKey = try Self.publicKey()
        let error = signatureError { () throws(SignatureError) in
            try MessageVerifier.verify(
                signed, body: Self.body, label: "sig-b26", policy: policy, now: 1_618_884_480,
                publicKey: { $0 == "test-key-ed25519" ? publicKey : nil }
            )
        }
        #expect(error == .missingTag)
    }
}
