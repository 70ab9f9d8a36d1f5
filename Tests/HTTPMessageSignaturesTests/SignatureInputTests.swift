import Testing
@testable import HTTPMessageSignatures

@Suite("Signature input")
struct SignatureInputTests {
    @Test("a signature input refuses components it cannot sign, before any request is looked at", arguments: [
        ([CoveredComponent("@target-uri")], SignatureError.unsupportedDerivedComponent("@target-uri")),
        ([CoveredComponent("@status")], .unsupportedDerivedComponent("@status")),
        ([.method, .method], .duplicateComponent("@method")),
        ([CoveredComponent("@signature-params")], .signatureParamsCovered),
        ([CoveredComponent("content type")], .invalidComponentName("content type")),
    ])
    func refusesComponents(components: [CoveredComponent], expected: SignatureError) {
        let error = signatureError { () throws(SignatureError) in
            try SignatureInput(components: components, parameters: SignatureParameters(created: 1))
        }
        #expect(error == expected)
    }

    @Test("signing refuses values no verifier would accept")
    func signerChecks() throws {
        let official = try TestOfficial(keyID: "k", seed: Array(repeating: 5, count: 32))
        let request = makeRequest()
        func sign(keyID: String = "k", nonce: String = "n", tag: String = "hotline", expires: Int64? = nil, label: String = "sig1") -> SignatureError? {
            signatureError { () throws(SignatureError) in
                try MessageSigner.sign(
                    request, components: MessageSigner.hotlineComponents(for: request), key: official.privateKey,
                    keyID: keyID, created: 100, expires: expires, nonce: nonce, tag: tag, label: label
                )
            }
        }
        #expect(sign() == nil)
        #expect(sign(keyID: "") == .missingKeyID)
        #expect(sign(nonce: "") == .missingNonce)
        #expect(sign(tag: "") == .missingTag)
        #expect(sign(expires: 99) == .expiresBeforeCreated(created: 100, expires: 99))
        #expect(sign(label: "Sig1") == .invalidLabel("Sig1"))
        #expect(sign(nonce: "naïve") == .unserializableSignatureParameter(name: "nonce", reason: .invalidString("naïve")))
        #expect(sign(keyID: String(repeating: "k", count: 257)) == .signatureParameterTooLong(name: "keyid", limit: 256))
    }

    @Test("derived values that cannot be signed are refused", arguments: [
        (SignableRequest(method: "GE T", authority: "a", path: "/"), SignatureError.invalidComponentValue(component: "@method", reason: "a method is a non-empty token")),
        (SignableRequest(method: "GET", authority: "", path: "/"), .invalidComponentValue(component: "@authority", reason: "an authority is non-empty visible ASCII without spaces")),
        (SignableRequest(method: "GET", authority: "a", path: "/x?y"), .invalidComponentValue(component: "@path", reason: "a path starts with '/' and is visible ASCII without '?' or '#'")),
        (SignableRequest(method: "GET", authority: "a", path: "x"), .invalidComponentValue(component: "@path", reason: "a path starts with '/' and is visible ASCII without '?' or '#'")),
        (SignableRequest(method: "GET", authority: "a", path: "/", query: "a b"), .invalidComponentValue(component: "@query", reason: "a query is visible ASCII without '#'")),
    ])
    func derivedValues(request: SignableRequest, expected: SignatureError) {
        let error = signatureError { () throws(SignatureError) in
            try SignatureBase.make(
                for: request,
                input: SignatureInput(components: [.method, .authority, .path, .query], parameters: SignatureParameters())
            )
        }
        #expect(error == expected)
    }
}
