import Crypto
import Foundation
import Testing
@testable import HotlineKeystore

@Suite("Creating, encoding and unlocking")
struct RoundTripTests {
    @Test func encodeDecodeUnlockReturnsTheSameKey() throws {
        let (keystore, signingKey) = try Fixture.keystore()
        let decoded = try OfficialKeystore(encoded: keystore.encoded())
        #expect(decoded == keystore)
        #expect(decoded.encoded() == keystore.encoded())
        #expect(decoded.holder == Fixture.holder)
        #expect(decoded.parameters == .fast)

        let unlocked = try decoded.unlock(passphrase: Fixture.passphrase)
        #expect(unlocked.rawRepresentation == signingKey.rawRepresentation)
        let message = Array("hotline handshake".utf8)
        #expect(keystore.publicKey.isValidSignature(try unlocked.signature(for: message), for: message))
    }

    @Test func fileLayoutMatchesTheFormat() throws {
        let (keystore, _) = try Fixture.keystore()
        let text = String(decoding: keystore.encoded(), as: UTF8.self)
        // Sorted keys, compact.
        #expect(text.hasPrefix(#"{"cipher":{"ciphertext":""#))
        #expect(text.contains(#""name":"aes-256-gcm","nonce":""#))
        #expect(text.contains(#""format":"hotline-keystore/v1","holder":"Ambassador Ada Example","kdf":{"logN":14,"name":"scrypt","p":1,"r":8,"salt":""#))

        let document = try Fixture.document(of: keystore)
        #expect(Base64.decode(document.value(at: ["publicKey"])) == Array(keystore.publicKey.rawRepresentation))
        #expect(Base64.decode(document.value(at: ["kdf", "salt"])).count == 16)
        #expect(Base64.decode(document.value(at: ["cipher", "nonce"])).count == 12)
        #expect(Base64.decode(document.value(at: ["cipher", "ciphertext"])).count == 48)
    }

    @Test func importedKeyIsSealedUnchanged() throws {
        let seed = [UInt8](repeating: 0x42, count: 32)
        let original = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        let (keystore, returned) = try OfficialKeystore.create(
            importing: original, holder: Fixture.holder, passphrase: Fixture.passphrase, parameters: .fast)
        #expect(returned.rawRepresentation == original.rawRepresentation)
        #expect(Array(try keystore.unlock(passphrase: Fixture.passphrase).rawRepresentation) == seed)
    }

    @Test func freshSaltAndNonceEveryTime() throws {
        let seed = Curve25519.Signing.PrivateKey()
        let first = try OfficialKeystore.create(importing: seed, holder: Fixture.holder, passphrase: Fixture.passphrase, parameters: .fast).0
        let second = try OfficialKeystore.create(importing: seed, holder: Fixture.holder, passphrase: Fixture.passphrase, parameters: .fast).0
        #expect(first.salt != second.salt)
        #expect(first.nonce != second.nonce)
    }

    /// The one test that pays for the production profile (about 3 s in a debug build).
    @Test func standardProfileRoundTrips() throws {
        let (keystore, signingKey) = try OfficialKeystore.create(holder: Fixture.holder, passphrase: Fixture.passphrase)
        #expect(keystore.parameters == .standard)
        let decoded = try OfficialKeystore(encoded: keystore.encoded())
        #expect(decoded.parameters.logN == 17)
        #expect(try decoded.unlock(passphrase: Fixture.passphrase).rawRepresentation == signingKey.rawRepresentation)
    }

    @Test func wrongPassphraseIsReportedAsSuch() throws {
        let (keystore, _) = try Fixture.keystore()
        #expect(throws: KeystoreError.wrongPassphrase) {
            try keystore.unlock(passphrase: Fixture.otherPassphrase)
        }
        #expect(throws: KeystoreError.wrongPassphrase) {
            try keystore.unlock(passphrase: "")
        }
        #expect(KeystoreError.wrongPassphrase.description.contains("passphrase does not open"))
    }

    @Test func passphraseIsNormalizedToNFC() throws {
        let composed = "caf\u{E9} au lait, s'il vous pla\u{EE}t"
        let decomposed = "cafe\u{301} au lait, s'il vous plai\u{302}t"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let (keystore, signingKey) = try Fixture.keystore(passphrase: composed)
        #expect(try keystore.unlock(passphrase: decomposed).rawRepresentation == signingKey.rawRepresentation)
    }

    @Test func shortPassphraseIsRefusedOnCreate() {
        #expect(throws: KeystoreError.passphraseTooShort(characters: 11, minimum: 12)) {
            try OfficialKeystore.create(holder: Fixture.holder, passphrase: "elevenchars", parameters: .fast)
        }
        // Twelve user-perceived characters, twenty-four scalars: counted as twelve, and accepted.
        #expect(throws: KeystoreError.passphraseTooShort(characters: 6, minimum: 12)) {
            try OfficialKeystore.create(holder: Fixture.holder, passphrase: String(repeating: "e\u{301}", count: 6), parameters: .fast)
        }
        #expect(throws: Never.self) {
            try OfficialKeystore.create(holder: Fixture.holder, passphrase: String(repeating: "e\u{301}", count: 12), parameters: .fast)
        }
    }

    @Test(arguments: [
        ("", KeystoreError.invalidHolder(.empty)),
        ("   ", KeystoreError.invalidHolder(.empty)),
        ("Ada\nMallory", KeystoreError.invalidHolder(.controlCharacter)),
        ("Ada\u{1B}[2J", KeystoreError.invalidHolder(.controlCharacter)),
        (String(repeating: "\u{E9}", count: 129), KeystoreError.invalidHolder(.tooLong(byteCount: 258, limit: 256))),
    ])
    func badHolderIsRefusedOnCreate(holder: String, expected: KeystoreError) {
        #expect(throws: expected) {
            try OfficialKeystore.create(holder: holder, passphrase: Fixture.passphrase, parameters: .fast)
        }
    }

    @Test func holderWithQuotesAndNonASCIIRoundTrips() throws {
        let holder = #"Ministre "Zoë" O'Brien \ Ελένη 李"#
        let (keystore, signingKey) = try Fixture.keystore(holder: holder)
        let decoded = try OfficialKeystore(encoded: keystore.encoded())
        #expect(decoded.holder.hasSameBytes(as: holder))
        #expect(try decoded.unlock(passphrase: Fixture.passphrase).rawRepresentation == signingKey.rawRepresentation)
    }

    @Test func everyErrorExplainsItself() {
        let samples: [KeystoreError] = [
            .passphraseTooShort(characters: 3, minimum: 12), .invalidHolder(.empty), .inputTooLarge(byteCount: 1, limit: 0),
            .malformedJSON(offset: 0, problem: "x"), .duplicateField("x"), .unsupportedFormat("x"), .missingField("x"),
            .unexpectedField("x"), .wrongFieldType(field: "x", expected: "y"), .nonCanonicalBase64(field: "x"),
            .wrongLength(field: "x", expected: 1, actual: 2), .unsupportedKDF("x"), .unsupportedCipher("x"),
            .kdfParameterOutOfRange(parameter: "r", value: 0, allowed: 1...16), .kdfMemoryOutOfRange(byteCount: 1, allowed: 2...3),
            .kdfWorkTooHigh(work: 2, limit: 1), .wrongPassphrase, .publicKeyMismatch, .keyDerivationFailed, .cipherFailed,
            .fileAlreadyExists(path: "/x"), .notARegularFile(path: "/x"), .fileSystemError(operation: "open", path: "/x", code: ENOENT),
        ]
        let descriptions = samples.map(\.description)
        #expect(Set(descriptions).count == samples.count)
        #expect(descriptions.allSatisfy { $0.count > 40 && $0.hasSuffix(".") })
        #expect(KeystoreError.fileSystemError(operation: "open", path: "/x", code: ENOENT).description.contains("No such file"))
    }
}
