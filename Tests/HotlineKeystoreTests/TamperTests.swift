import Crypto
import Foundation
import Testing
@testable import HotlineKeystore

/// Edits to a valid file. Structurally valid edits of authenticated fields surface as
/// `wrongPassphrase` (AES-GCM cannot tell a wrong key from altered associated data, and the
/// format carries no separate passphrase check); structurally invalid ones get their own error.
@Suite("Tampered keystore files")
struct TamperTests {
    /// A fresh valid file with the value at `path` replaced.
    private func editing(_ path: [String], to value: JSONValue) throws -> [UInt8] {
        let (keystore, _) = try Fixture.keystore()
        return try Fixture.document(of: keystore).replacing(path, with: value).bytes
    }

    /// A fresh valid file with one bit flipped in the base64 field at `path`.
    private func flippingBit(in path: [String], at index: Int) throws -> [UInt8] {
        let (keystore, _) = try Fixture.keystore()
        let document = try Fixture.document(of: keystore)
        var bytes = Base64.decode(document.value(at: path))
        bytes[index] ^= 0x01
        return document.replacing(path, with: Base64.encode(bytes)).bytes
    }

    private func openAndUnlock(_ file: [UInt8]) throws {
        _ = try OfficialKeystore(encoded: file).unlock(passphrase: Fixture.passphrase)
    }

    @Test func changedHolderFailsToOpen() throws {
        let file = try editing(["holder"], to: .string("Mallory"))
        #expect(throws: KeystoreError.wrongPassphrase) { try openAndUnlock(file) }
    }

    @Test func holderWithControlCharacterIsRefused() throws {
        let file = try editing(["holder"], to: .string("Ada\r\nApproved by: Mallory"))
        #expect(throws: KeystoreError.invalidHolder(.controlCharacter)) { try openAndUnlock(file) }
    }

    @Test func swappedPublicKeyFailsToOpen() throws {
        let other = Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        let file = try editing(["publicKey"], to: Base64.encode(other))
        #expect(throws: KeystoreError.wrongPassphrase) { try openAndUnlock(file) }
    }

    @Test func truncatedPublicKeyIsRefused() throws {
        let file = try editing(["publicKey"], to: Base64.encode([UInt8](repeating: 7, count: 31)))
        #expect(throws: KeystoreError.wrongLength(field: "publicKey", expected: 32, actual: 31)) { try openAndUnlock(file) }
    }

    @Test(arguments: [("logN", 15), ("r", 9), ("p", 2)])
    func changedKDFParameterFailsToOpen(parameter: String, value: Int) throws {
        let file = try editing(["kdf", parameter], to: .number(String(value)))
        #expect(throws: KeystoreError.wrongPassphrase) { try openAndUnlock(file) }
    }

    @Test func weakenedKDFIsRefusedBeforeDerivation() throws {
        let file = try editing(["kdf", "logN"], to: .number("10"))
        #expect(throws: KeystoreError.kdfParameterOutOfRange(parameter: "logN", value: 10, allowed: 14...20)) { try openAndUnlock(file) }
    }

    @Test func changedSaltFailsToOpen() throws {
        let file = try flippingBit(in: ["kdf", "salt"], at: 0)
        #expect(throws: KeystoreError.wrongPassphrase) { try openAndUnlock(file) }
    }

    @Test(arguments: [0, 11])
    func changedNonceFailsToOpen(byte: Int) throws {
        let file = try flippingBit(in: ["cipher", "nonce"], at: byte)
        #expect(throws: KeystoreError.wrongPassphrase) { try openAndUnlock(file) }
    }

    @Test func shortNonceIsRefused() throws {
        let file = try editing(["cipher", "nonce"], to: Base64.encode([UInt8](repeating: 1, count: 8)))
        #expect(throws: KeystoreError.wrongLength(field: "cipher.nonce", expected: 12, actual: 8)) { try openAndUnlock(file) }
    }

    /// Byte 0 and 31 are in the sealed seed, 32 and 47 in the tag.
    @Test(arguments: [0, 31, 32, 47])
    func changedCiphertextFailsToOpen(byte: Int) throws {
        let file = try flippingBit(in: ["cipher", "ciphertext"], at: byte)
        #expect(throws: KeystoreError.wrongPassphrase) { try openAndUnlock(file) }
    }

    @Test func truncatedCiphertextIsRefused() throws {
        let file = try editing(["cipher", "ciphertext"], to: Base64.encode([UInt8](repeating: 1, count: 32)))
        #expect(throws: KeystoreError.wrongLength(field: "cipher.ciphertext", expected: 48, actual: 32)) { try openAndUnlock(file) }
    }

    /// Changing the KDF settings or salt already changes the derived key, so the tests above
    /// cannot show that they are authenticated too; this checks the associated data directly.
    @Test func associatedDataCoversEveryField() throws {
        let publicKey = Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        let salt = [UInt8](repeating: 5, count: 16)
        func data(holder: String = Fixture.holder, publicKey key: [UInt8]? = nil, parameters: ScryptParameters = .fast, salt s: [UInt8]? = nil) -> [UInt8] {
            AssociatedData.bytes(holder: holder, publicKey: key ?? publicKey, parameters: parameters, salt: s ?? salt)
        }
        let original = data()
        var otherKey = publicKey
        otherKey[31] ^= 1
        var otherSalt = salt
        otherSalt[0] ^= 1
        let variants = [
            data(holder: Fixture.holder + "."),
            data(publicKey: otherKey),
            data(parameters: try ScryptParameters(logN: 15, r: 8, p: 1)),
            data(parameters: try ScryptParameters(logN: 14, r: 9, p: 1)),
            data(parameters: try ScryptParameters(logN: 14, r: 8, p: 2)),
            data(salt: otherSalt),
        ]
        #expect(variants.allSatisfy { $0 != original })
        #expect(original.starts(with: [0, 0, 0, 19] + Array(OfficialKeystore.format.utf8)))
    }

    /// A file whose authenticated data names one public key but whose seed is another's: only a
    /// malicious or broken writer produces this, and unlock must still refuse the key.
    @Test func seedNotMatchingPublicKeyIsRefused() throws {
        let sealedKey = Curve25519.Signing.PrivateKey()
        let claimedKey = Curve25519.Signing.PrivateKey().publicKey
        let salt = [UInt8](repeating: 3, count: 16)
        let key = try ScryptKeyDerivation.encryptionKey(passphrase: Fixture.passphrase, salt: salt, parameters: .fast)
        let associatedData = AssociatedData.bytes(
            holder: Fixture.holder, publicKey: Array(claimedKey.rawRepresentation), parameters: .fast, salt: salt)
        let box = try AES.GCM.seal(sealedKey.rawRepresentation, using: key, authenticating: associatedData)
        let forged = OfficialKeystore(
            holder: Fixture.holder, publicKey: claimedKey, parameters: .fast, salt: salt,
            nonce: Array(box.nonce), ciphertext: Array(box.ciphertext) + Array(box.tag))
        let reread = try OfficialKeystore(encoded: forged.encoded())
        #expect(throws: KeystoreError.publicKeyMismatch) {
            try reread.unlock(passphrase: Fixture.passphrase)
        }
    }
}
