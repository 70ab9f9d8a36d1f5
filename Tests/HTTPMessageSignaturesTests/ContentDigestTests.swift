import Testing
@testable import HTTPMessageSignatures

@Suite("Content-Digest (RFC 9530)")
struct ContentDigestTests {
    static let helloWorld = Array(#"{"hello": "world"}"#.utf8)
    /// RFC 9530 Appendix D: the sha-256 and sha-512 digests of {"hello": "world"}.
    static let helloWorldSHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"
    static let helloWorldSHA512 = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"

    @Test("computes the RFC 9530 sha-256 example")
    func computesRFCExample() {
        #expect(ContentDigest.headerValue(for: Self.helloWorld) == Self.helloWorldSHA256)
    }

    @Test("computes the digest of an empty body")
    func emptyBody() {
        #expect(ContentDigest.headerValue(for: [UInt8]()) == "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:")
    }

    @Test("accepts the RFC example, alone or beside other algorithms in any order")
    func acceptsRFCExample() throws {
        try ContentDigest.verify(Self.helloWorldSHA256, body: Self.helloWorld)
        try ContentDigest.verify("\(Self.helloWorldSHA512), \(Self.helloWorldSHA256)", body: Self.helloWorld)
        try ContentDigest.verify("\(Self.helloWorldSHA256),\(Self.helloWorldSHA512)", body: Self.helloWorld)
        try ContentDigest.verify("md5=:AAAA:, \(Self.helloWorldSHA256)", body: Self.helloWorld)
    }

    @Test("a header with only sha-512, like RFC 9421's test request, lacks sha-256")
    func sha512Only() {
        let error = signatureError { () throws(SignatureError) in
            try ContentDigest.verify(Self.helloWorldSHA512, body: Self.helloWorld)
        }
        #expect(error == .contentDigestMissingSHA256)
    }

    @Test("RFC 9530 section 2's two-algorithm example parses, and its sha-256 is not this body's")
    func rfcTwoAlgorithmExample() {
        let header = "sha-256=:d435Qo+nKZ+gLcUHn7GQtQ72hiBVAgqoLsZnZPiTGPk=:,sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:"
        let error = signatureError { () throws(SignatureError) in
            try ContentDigest.verify(header, body: Self.helloWorld)
        }
        #expect(error == .contentDigestMismatch)
    }

    @Test("refuses a changed body")
    func changedBody() {
        let error = signatureError { () throws(SignatureError) in
            try ContentDigest.verify(Self.helloWorldSHA256, body: Array(#"{"hello": "World"}"#.utf8))
        }
        #expect(error == .contentDigestMismatch)
    }

    @Test("refuses each malformed shape with its own error", arguments: [
        ("sha-256=\"X48E9q\"", SignatureError.contentDigestNotByteSequence),
        ("sha-256=(:AAAA:)", .contentDigestNotByteSequence),
        ("sha-256", .contentDigestNotByteSequence),
        ("sha-256=:AAAA:", .contentDigestWrongLength(byteCount: 3)),
        ("", .contentDigestMissingSHA256),
        ("SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", .malformedContentDigest(.unexpectedCharacter(UInt8(ascii: "S"), expected: "a key starting with a lowercase letter or '*'", at: 0))),
        ("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", .malformedContentDigest(.unexpectedEnd(expected: "':' closing the byte sequence", at: 53))),
    ])
    func malformed(header: String, expected: SignatureError) {
        let error = signatureError { () throws(SignatureError) in
            try ContentDigest.verify(header, body: Self.helloWorld)
        }
        #expect(error == expected)
    }
}
