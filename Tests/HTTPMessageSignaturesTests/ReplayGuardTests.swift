import Testing
@testable import HTTPMessageSignatures

@Suite("ReplayGuard")
struct ReplayGuardTests {
    @Test("a nonce is refused a second time within the window and accepted after it")
    func window() throws {
        var guardian = ReplayGuard(window: 360)
        try guardian.admit(keyID: "k", nonce: "n1", now: 1000)
        #expect(throws: SignatureError.replayedNonce(keyID: "k", nonce: "n1")) { try guardian.admit(keyID: "k", nonce: "n1", now: 1000) }
        #expect(throws: SignatureError.replayedNonce(keyID: "k", nonce: "n1")) { try guardian.admit(keyID: "k", nonce: "n1", now: 1359) }
        try guardian.admit(keyID: "k", nonce: "n1", now: 1360)
        #expect(guardian.count == 1)
    }

    @Test("the same nonce under another key is a different pair")
    func perKey() throws {
        var guardian = ReplayGuard(window: 60)
        try guardian.admit(keyID: "ru/a", nonce: "n", now: 0)
        try guardian.admit(keyID: "ru/b", nonce: "n", now: 0)
        #expect(guardian.count == 2)
    }

    @Test("the window follows the policy: maximum age plus clock skew")
    func policyWindow() {
        #expect(ReplayGuard(policy: .hotline).window == 360)
        #expect(ReplayGuard(policy: .hotline).capacity == ReplayGuard.defaultCapacity)
    }

    @Test("when full it refuses new pairs instead of forgetting unexpired ones")
    func capacity() throws {
        var guardian = ReplayGuard(window: 100, capacity: 3)
        try guardian.admit(keyID: "k", nonce: "a", now: 0)
        try guardian.admit(keyID: "k", nonce: "b", now: 10)
        try guardian.admit(keyID: "k", nonce: "c", now: 20)
        let error = signatureError { () throws(SignatureError) in try guardian.admit(keyID: "k", nonce: "d", now: 99) }
        #expect(error == .replayGuardFull(capacity: 3))
        #expect(error?.description.contains("refuses new requests rather than forget") == true)
        // The remembered pairs are all still refused: nothing was forgotten to make room.
        #expect(throws: SignatureError.replayedNonce(keyID: "k", nonce: "a")) { try guardian.admit(keyID: "k", nonce: "a", now: 99) }
        #expect(guardian.count == 3)
        // Once "a" expires there is room again.
        try guardian.admit(keyID: "k", nonce: "d", now: 100)
        #expect(guardian.count == 3)
        #expect(throws: SignatureError.replayedNonce(keyID: "k", nonce: "b")) { try guardian.admit(keyID: "k", nonce: "b", now: 100) }
    }

    @Test("a clock stepping back never shortens how long a pair is remembered")
    func clockStepsBack() throws {
        var guardian = ReplayGuard(window: 100)
        try guardian.admit(keyID: "k", nonce: "early", now: 500)
        try guardian.admit(keyID: "k", nonce: "late", now: 400)
        #expect(throws: SignatureError.replayedNonce(keyID: "k", nonce: "late")) { try guardian.admit(keyID: "k", nonce: "late", now: 599) }
        try guardian.admit(keyID: "k", nonce: "late", now: 600)
    }

    @Test("memory stays bounded over a long run, and expired pairs are forgotten")
    func longRun() throws {
        var guardian = ReplayGuard(window: 10, capacity: 50)
        for second in 0..<10_000 {
            try guardian.admit(keyID: "k", nonce: "n\(second)", now: Int64(second))
            #expect(guardian.count <= 10)
        }
        guardian.forgetExpired(now: 1_000_000)
        #expect(guardian.count == 0)
        try guardian.admit(keyID: "k", nonce: "n0", now: 1_000_000)
    }

    @Test("a verified signature is admitted by its keyid and nonce")
    func admitsVerifiedSignature() throws {
        let official = try TestOfficial(keyID: "k", seed: Array(repeating: 4, count: 32))
        let body = Array(#"{"text": "proposal"}"#.utf8)
        let request = makeRequest(body: body)
        let signed = request.adding(try hotlineSign(request, by: official, created: 1_700_000_000))
        var guardian = ReplayGuard(policy: .hotline)
        for attempt in 0..<2 {
            let verified = try MessageVerifier.verify(
                signed, body: body, label: "sig1", policy: .hotline, now: 1_700_000_001, publicKey: keyLookup([official])
            )
            let error = signatureError { () throws(SignatureError) in try guardian.admit(verified, now: 1_700_000_001) }
            #expect(error == (attempt == 0 ? nil : .replayedNonce(keyID: "k", nonce: "n-0001")))
        }
    }
}
