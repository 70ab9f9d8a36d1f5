import Crypto
import Foundation
import Testing
@testable import HTTPMessageSignatures

/// Each change to a signed request fails verification with its own error.
@Suite("Tampering")
struct TamperingTests {
    static let created: Int64 = 1_700_000_000
    static let body = Array(#"{"text": "proposal"}"#.utf8)

    let official: TestOfficial
    let colleague: TestOfficial
    let request: SignableRequest
    let headers: SignatureHeaders

    init() throws {
        official = try TestOfficial(keyID: "ru/official", seed: Array(repeating: 0x11, count: 32))
        colleague = try TestOfficial(keyID: "ru/colleague", seed: Array(repeating: 0x22, count: 32))
        request = makeRequest(body: Self.body)
        headers = try hotlineSign(request, by: official, created: Self.created, expires: Self.created + 200)
    }

    var signed: SignableRequest { request.adding(headers) }

    func verify(
        _ request: SignableRequest, body: [UInt8] = TamperingTests.body, now: Int64 = TamperingTests.created + 10,
        policy: VerificationPolicy = .hotline
    ) -> SignatureError? {
        signatureError { () throws(SignatureError) in
            try MessageVerifier.verify(
                request, body: body, label: "sig1", policy: policy, now: now,
                publicKey: keyLookup([official, colleague])
            )
        }
    }

    /// The signed request with its Signature-Input parameters passed through `change`.
    func withParameters(_ change: (inout [StructuredParameter]) -> Void) throws -> SignableRequest {
        var dictionary = try StructuredFieldParser.parseDictionary(headers.signatureInput)
        guard case var .innerList(list) = dictionary.members[0].value else { throw SignatureError.signatureInputNotInnerList(label: "sig1") }
        change(&list.parameters)
        dictionary.members[0].value = .innerList(list)
        return signed.replacingHeader("Signature-Input", with: try StructuredFieldSerializer.serialize(dictionary))
    }

    /// The signed request with its covered components passed through `change`.
    func withComponents(_ change: (inout [StructuredItem]) -> Void) throws -> SignableRequest {
        var dictionary = try StructuredFieldParser.parseDictionary(headers.signatureInput)
        guard case var .innerList(list) = dictionary.members[0].value else { throw SignatureError.signatureInputNotInnerList(label: "sig1") }
        change(&list.items)
        dictionary.members[0].value = .innerList(list)
        return signed.replacingHeader("Signature-Input", with: try StructuredFieldSerializer.serialize(dictionary))
    }

    static func setting(_ key: String, to value: StructuredBareItem?) -> (inout [StructuredParameter]) -> Void {
        { parameters in
            if let index = parameters.firstIndex(where: { $0.key == key }) {
                if let value { parameters[index].value = value } else { parameters.remove(at: index) }
            } else if let value {
                parameters.append(StructuredParameter(key: key, value: value))
            }
        }
    }

    @Test("the untouched request verifies")
    func untouched() {
        #expect(verify(signed) == nil)
    }

    @Test("changing any covered component breaks the signature")
    func coveredComponents() {
        let mismatch = SignatureError.signatureMismatch(keyID: "ru/official")
        var changed = signed
        changed.method = "PUT"
        #expect(verify(changed) == mismatch)
        changed = signed
        changed.authority = "us.hotline.example:7401"
        #expect(verify(changed) == mismatch)
        changed = signed
        changed.path = "/v1/messages/2"
        #expect(verify(changed) == mismatch)
        changed = signed
        changed.query = "draft=0"
        #expect(verify(changed) == mismatch)
        changed = signed
        changed.query = nil
        #expect(verify(changed) == mismatch)
        #expect(verify(signed.replacingHeader("Content-Type", with: "text/plain")) == mismatch)
        let otherBody = Array(#"{"text": "ultimatum"}"#.utf8)
        #expect(verify(signed.replacingHeader("Content-Digest", with: ContentDigest.headerValue(for: otherBody)), body: otherBody) == mismatch)
    }

    @Test("changing the body fails its digest")
    func body() {
        #expect(verify(signed, body: Array(#"{"text": "ultimatum"}"#.utf8)) == .contentDigestMismatch)
        #expect(verify(signed, body: []) == .contentDigestMismatch)
    }

    @Test("changing the signature bytes breaks it")
    func signatureBytes() throws {
        let dictionary = try StructuredFieldParser.parseDictionary(headers.signature)
        guard case let .item(item)? = dictionary["sig1"], case var .byteSequence(bytes) = item.value else {
            Issue.record("no signature bytes")
            return
        }
        for position in [0, 31, 32, 63] {
            var flipped = bytes
            flipped[position] ^= 0x01
            let header = "sig1=:\(Base64.encode(flipped)):"
            #expect(verify(signed.replacingHeader("Signature", with: header)) == .signatureMismatch(keyID: "ru/official"))
        }
        bytes.removeLast()
        #expect(verify(signed.replacingHeader("Signature", with: "sig1=:\(Base64.encode(bytes)):"))
            == .signatureWrongLength(label: "sig1", byteCount: 63))
    }

    @Test("changing signed parameters breaks the signature")
    func signedParameters() throws {
        let mismatch = SignatureError.signatureMismatch(keyID: "ru/official")
        #expect(verify(try withParameters(Self.setting("created", to: .integer(Self.created + 1)))) == mismatch)
        #expect(verify(try withParameters(Self.setting("expires", to: .integer(Self.created + 201)))) == mismatch)
        #expect(verify(try withParameters(Self.setting("nonce", to: .string("n-0002")))) == mismatch)
        #expect(verify(try withParameters(Self.setting("expires", to: nil))) == mismatch)
        // Claiming a colleague's keyid makes the verifier use the colleague's key.
        #expect(verify(try withParameters(Self.setting("keyid", to: .string("ru/colleague"))))
            == .signatureMismatch(keyID: "ru/colleague"))
        // Reordering parameters changes the signed @signature-params line.
        #expect(verify(try withParameters { $0.reverse() }) == mismatch)
    }

    @Test("parameters the policy checks fail with their own errors")
    func policyParameters() throws {
        #expect(verify(try withParameters(Self.setting("keyid", to: .string("us/stranger")))) == .unknownKeyID("us/stranger"))
        #expect(verify(try withParameters(Self.setting("keyid", to: nil))) == .missingKeyID)
        #expect(verify(try withParameters(Self.setting("keyid", to: .string("")))) == .missingKeyID)
        #expect(verify(try withParameters(Self.setting("tag", to: .string("other-app"))))
            == .tagMismatch(expected: "hotline", actual: "other-app"))
        #expect(verify(try withParameters(Self.setting("tag", to: nil))) == .missingTag)
        #expect(verify(try withParameters(Self.setting("nonce", to: nil))) == .missingNonce)
        #expect(verify(try withParameters(Self.setting("nonce", to: .string("")))) == .missingNonce)
        #expect(verify(try withParameters(Self.setting("created", to: nil))) == .missingCreated)
        #expect(verify(try withParameters(Self.setting("alg", to: .string("rsa-pss-sha512")))) == .unsupportedAlgorithm("rsa-pss-sha512"))
        #expect(verify(try withParameters(Self.setting("alg", to: nil))) == .signatureMismatch(keyID: "ru/official"))
        #expect(verify(try withParameters(Self.setting("created", to: .string("now"))))
            == .signatureParameterWrongType(name: "created", expected: "an integer"))
        #expect(verify(try withParameters(Self.setting("keyid", to: .token("tok"))))
            == .signatureParameterWrongType(name: "keyid", expected: "a string"))
        #expect(verify(try withParameters(Self.setting("context", to: .string("x")))) == .unknownSignatureParameter("context"))
        #expect(verify(try withParameters(Self.setting("nonce", to: .string(String(repeating: "n", count: 257)))))
            == .signatureParameterTooLong(name: "nonce", limit: 256))
        #expect(verify(try withParameters(Self.setting("expires", to: .integer(Self.created - 1))))
            == .expiresBeforeCreated(created: Self.created, expires: Self.created - 1))
    }

    @Test("time is checked against now, the skew and the maximum age")
    func time() {
        #expect(verify(signed, now: Self.created - 60) == nil)
        #expect(verify(signed, now: Self.created - 61) == .createdInFuture(created: Self.created, now: Self.created - 61, allowedSkew: 60))
        #expect(verify(signed, now: Self.created + 200) == nil)
        #expect(verify(signed, now: Self.created + 201) == .expired(expires: Self.created + 200, now: Self.created + 201))
        let patient = VerificationPolicy(
            requiredComponents: [], expectedTag: "hotline", maxClockSkew: 0, maxAge: 100
        )
        #expect(verify(signed, now: Self.created + 100, policy: patient) == nil)
        #expect(verify(signed, now: Self.created + 101, policy: patient) == .signatureTooOld(created: Self.created, now: Self.created + 101, maxAge: 100))
        #expect(verify(signed, now: .max) == .signatureTooOld(created: Self.created, now: .max, maxAge: 300))
        #expect(verify(signed, now: .min) == .createdInFuture(created: Self.created, now: .min, allowedSkew: 60))
    }

    @Test("covered components the policy requires cannot be dropped")
    func coverage() throws {
        let noDigest = try withComponents { $0.removeAll { $0.value == .string("content-digest") } }
        let error = verify(noDigest)
        #expect(error == .requiredComponentNotCovered(.contentDigest))
        #expect(error?.description == "the request's signature covers no content-digest; sign it with content-digest covered")
        #expect(verify(try withComponents { $0.removeAll { $0.value == .string("@path") } }) == .requiredComponentNotCovered(.path))
        #expect(verify(try withComponents { $0.removeAll { $0.value == .string("@query") } }) == .presentComponentNotCovered(.query))
        #expect(verify(try withComponents { $0.removeAll { $0.value == .string("content-type") } }) == .presentComponentNotCovered(.contentType))
    }

    @Test("an unsigned query or content type added later is refused")
    func additions() throws {
        let bare = makeRequest(query: nil, contentType: nil, body: Self.body)
        let bareHeaders = try hotlineSign(bare, by: official, created: Self.created)
        var withQuery = bare.adding(bareHeaders)
        withQuery.query = "admin=1"
        #expect(verify(withQuery) == .presentComponentNotCovered(.query))
        var withType = bare.adding(bareHeaders)
        withType.headers.append(("Content-Type", "text/html"))
        #expect(verify(withType) == .presentComponentNotCovered(.contentType))
        #expect(verify(bare.adding(bareHeaders)) == nil)
    }

    @Test("malformed component lists fail with their own errors")
    func componentLists() throws {
        #expect(verify(try withComponents { $0.append(StructuredItem(.string("@method"))) }) == .duplicateComponent("@method"))
        #expect(verify(try withComponents { $0.append(StructuredItem(.string("@target-uri"))) }) == .unsupportedDerivedComponent("@target-uri"))
        #expect(verify(try withComponents { $0.append(StructuredItem(.string("@signature-params"))) }) == .signatureParamsCovered)
        #expect(verify(try withComponents { $0.append(StructuredItem(.string("Date"))) }) == .componentNameNotLowercase("Date"))
        #expect(verify(try withComponents { $0.append(StructuredItem(.string("da te"))) }) == .invalidComponentName("da te"))
        #expect(verify(try withComponents { $0.append(StructuredItem(.string(""))) }) == .invalidComponentName(""))
        #expect(verify(try withComponents { $0.append(StructuredItem(.token("date"))) }) == .componentNotString(position: 6))
        #expect(verify(try withComponents {
            $0[4] = StructuredItem(.string("content-digest"), parameters: [.init(key: "sf", value: .boolean(true))])
        }) == .componentHasParameters("content-digest"))
        #expect(verify(try withComponents { $0.append(StructuredItem(.string("date"))) }) == .coveredHeaderMissing("date"))
        let withoutType = signed.replacingHeader("Content-Type", with: nil)
        #expect(verify(withoutType) == .coveredHeaderMissing("content-type"))
    }

    @Test("missing or mislabelled headers fail with their own errors")
    func headersThemselves() {
        #expect(verify(signed.replacingHeader("Signature-Input", with: nil)) == .signatureInputHeaderMissing)
        #expect(verify(signed.replacingHeader("Signature", with: nil)) == .signatureHeaderMissing)
        #expect(verify(signed.replacingHeader("Signature-Input", with: headers.signatureInput.replacingOccurrences(of: "sig1=", with: "sig2=")))
            == .signatureInputLabelMissing(label: "sig1"))
        #expect(verify(signed.replacingHeader("Signature", with: headers.signature.replacingOccurrences(of: "sig1=", with: "sig2=")))
            == .signatureLabelMissing(label: "sig1"))
        #expect(verify(signed.replacingHeader("Signature-Input", with: "sig1=:AAAA:")) == .signatureInputNotInnerList(label: "sig1"))
        #expect(verify(signed.replacingHeader("Signature", with: "sig1=(\"x\")")) == .signatureNotByteSequence(label: "sig1"))
        #expect(verify(signed.replacingHeader("Signature-Input", with: "sig1=(")) == .malformedSignatureInput(.unexpectedEnd(expected: "')' closing the inner list", at: 6)))
        #expect(verify(signed.replacingHeader("Signature", with: "sig1=:")) == .malformedSignature(.unexpectedEnd(expected: "':' closing the byte sequence", at: 6)))
        #expect(verify(signed.replacingHeader("Content-Digest", with: "sha-512=:AAAA:")) == .signatureMismatch(keyID: "ru/official"))
    }

    @Test("a covered header carrying a newline cannot be signed or verified")
    func injectedNewline() throws {
        let evil = request.replacingHeader("Content-Type", with: "application/json\n\"@method\": GET")
        let error = signatureError { () throws(SignatureError) in try hotlineSign(evil, by: official) }
        #expect(error == .invalidComponentValue(component: "content-type", reason: "a header value is printable ASCII, spaces and tabs only"))
        #expect(verify(signed.replacingHeader("Content-Type", with: "application/json\r\nX: y"))
            == .invalidComponentValue(component: "content-type", reason: "a header value is printable ASCII, spaces and tabs only"))
    }
}
