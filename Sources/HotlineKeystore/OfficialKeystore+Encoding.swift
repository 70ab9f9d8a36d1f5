import Crypto
import Foundation

extension OfficialKeystore {
    /// No genuine keystore comes near this; bigger input is refused before parsing.
    public static let maximumEncodedSize = 16 * 1024

    /// The keystore file: compact JSON with sorted keys, UTF-8.
    ///
    /// `{"cipher":{"ciphertext":…,"name":"aes-256-gcm","nonce":…},"format":"hotline-keystore/v1",
    /// "holder":…,"kdf":{"logN":…,"name":"scrypt","p":…,"r":…,"salt":…},"publicKey":…}`
    public func encoded() -> [UInt8] {
        let kdf: [JSONMember] = [
            JSONMember(key: "name", value: .string(Self.kdfName)),
            JSONMember(key: "logN", value: .number(String(parameters.logN))),
            JSONMember(key: "r", value: .number(String(parameters.r))),
            JSONMember(key: "p", value: .number(String(parameters.p))),
            JSONMember(key: "salt", value: .string(Data(salt).base64EncodedString())),
        ]
        let cipher: [JSONMember] = [
            JSONMember(key: "name", value: .string(Self.cipherName)),
            JSONMember(key: "nonce", value: .string(Data(nonce).base64EncodedString())),
            JSONMember(key: "ciphertext", value: .string(Data(ciphertext).base64EncodedString())),
        ]
        let document: [JSONMember] = [
            JSONMember(key: "format", value: .string(Self.format)),
            JSONMember(key: "holder", value: .string(holder)),
            JSONMember(key: "publicKey", value: .string(publicKey.rawRepresentation.base64EncodedString())),
            JSONMember(key: "kdf", value: .object(kdf)),
            JSONMember(key: "cipher", value: .object(cipher)),
        ]
        return JSONWriter.bytes(of: .object(document))
    }

    /// Parses a keystore file strictly. Nothing is decrypted and no key is derived here, so a
    /// hostile file costs only parsing; its scrypt settings are range-checked for `unlock`.
    ///
    /// Identifiers (`format`, KDF and cipher names) are checked before the rest of their object,
    /// so a newer or foreign file is reported as such rather than as a list of odd fields.
    /// - Throws: A `KeystoreError` naming the first problem found.
    public init(encoded bytes: [UInt8]) throws(KeystoreError) {
        guard bytes.count <= Self.maximumEncodedSize else {
            throw .inputTooLarge(byteCount: bytes.count, limit: Self.maximumEncodedSize)
        }
        let document = try JSONObjectReader(StrictJSONParser.parse(bytes), path: "")
        let format = try document.string("format")
        guard format.hasSameBytes(as: Self.format) else { throw .unsupportedFormat(format) }
        try document.requireExactly(["format", "holder", "publicKey", "kdf", "cipher"])

        let holder = try document.string("holder")
        try HolderName.validate(holder)
        let publicKeyBytes = try document.base64("publicKey", byteCount: 32)
        let (parameters, salt) = try Self.readKDF(document.object("kdf"))
        let (nonce, ciphertext) = try Self.readCipher(document.object("cipher"))

        let publicKey: Curve25519.Signing.PublicKey
        do {
            publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes)
        } catch {
            // swift-crypto checks only the length, which was checked above.
            throw .wrongLength(field: "publicKey", expected: 32, actual: publicKeyBytes.count)
        }
        self.init(holder: holder, publicKey: publicKey, parameters: parameters, salt: salt, nonce: nonce, ciphertext: ciphertext)
    }

    private static func readKDF(_ kdf: JSONObjectReader) throws(KeystoreError) -> (ScryptParameters, [UInt8]) {
        let name = try kdf.string("name")
        guard name.hasSameBytes(as: kdfName) else { throw .unsupportedKDF(name) }
        try kdf.requireExactly(["name", "logN", "r", "p", "salt"])
        let parameters = try ScryptParameters(logN: kdf.integer("logN"), r: kdf.integer("r"), p: kdf.integer("p"))
        return (parameters, try kdf.base64("salt", byteCount: saltByteCount))
    }

    private static func readCipher(_ cipher: JSONObjectReader) throws(KeystoreError) -> ([UInt8], [UInt8]) {
        let name = try cipher.string("name")
        guard name.hasSameBytes(as: cipherName) else { throw .unsupportedCipher(name) }
        try cipher.requireExactly(["name", "nonce", "ciphertext"])
        let nonce = try cipher.base64("nonce", byteCount: nonceByteCount)
        let ciphertext = try cipher.base64("ciphertext", byteCount: seedByteCount + tagByteCount)
        return (nonce, ciphertext)
    }
}
