import Crypto
import Foundation

/// A public key for verifying note signatures, with its key name and key ID (C2SP signed-note).
/// Its text form is a vkey: `<name>+<key ID as 8 lowercase hex digits>+<base64(type || key)>`.
public struct VerifierKey: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let keyID: UInt32
    public let type: NoteSignatureType
    public let publicKey: [UInt8]
    private let parsedKey: ParsedKey

    private enum ParsedKey: Sendable {
        case ed25519(Curve25519.Signing.PublicKey)
        case mldsa65(MLDSA65.PublicKey)
    }

    public init(name: String, type: NoteSignatureType, publicKey: [UInt8]) throws(NoteError) {
        guard Self.isValidName(name) else {
            throw .malformedVerifierKey("key name \"\(name.prefix(80))\" must be non-empty, without spaces, '+' or control characters")
        }
        guard publicKey.count == type.publicKeyLength else {
            throw .malformedVerifierKey("\(type) public key must be \(type.publicKeyLength) bytes, got \(publicKey.count)")
        }
        do {
            switch type {
            case .ed25519, .cosignatureV1:
                parsedKey = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: publicKey))
            case .mldsa65Subtree:
                parsedKey = .mldsa65(try MLDSA65.PublicKey(rawRepresentation: publicKey))
            }
        } catch {
            throw .malformedVerifierKey("not a valid \(type) public key")
        }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyID = Self.keyID(name: name, type: type, publicKey: publicKey)
    }

    /// Parses a vkey, checking that its key ID matches its name and key.
    public init(vkey: String) throws(NoteError) {
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedVerifierKey("expected <name>+<key ID>+<key>")
        }
        let idText = String(parts[1])
        guard idText.utf8.count == 8, idText.utf8.allSatisfy({ Hex.isLowercaseDigit($0) }),
              let id = UInt32(idText, radix: 16)
        else {
            throw .malformedVerifierKey("key ID must be 8 lowercase hexadecimal digits, got \"\(idText.prefix(16))\"")
        }
        guard let material = Base64.decodeCanonical(String(parts[2])) else {
            throw .malformedVerifierKey("key is not canonical base64")
        }
        guard let (type, key) = NoteSignatureType.split(material) else {
            throw .malformedVerifierKey("unknown signature type or wrong key length (\(material.count) bytes starting 0x\(Hex.encode(material.prefix(1))))")
        }
        try self.init(name: String(parts[0]), type: type, publicKey: key)
        guard keyID == id else {
            throw .malformedVerifierKey("key ID \(idText) does not match the name and key (expected \(Self.hexID(keyID)))")
        }
    }

    public var vkey: String {
        "\(name)+\(Self.hexID(keyID))+\(Base64.encode(type.typeBytes + publicKey))"
    }

    public var description: String { vkey }

    /// SHA-256(key name || 0x0A || type bytes || public key)[:4], big-endian.
    public static func keyID(name: String, type: NoteSignatureType, publicKey: [UInt8]) -> UInt32 {
        let digest = Hash.sha256(Array(name.utf8) + [0x0a] + type.typeBytes + publicKey).bytes
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func hexID(_ id: UInt32) -> String {
        let hex = String(id, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Key names are non-empty UTF-8 without Unicode spaces, '+' or control characters.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            !$0.properties.isWhitespace && $0 != "+" && $0.value >= 0x20 && $0.value != 0x7f
        }
    }

    /// Verifies one signature line over the note text; nil if it does not verify.
    func verify(_ signature: NoteSignature, noteText: [UInt8]) -> VerifiedNoteSignature? {
        guard signature.keyName == name, signature.keyID == keyID,
              signature.signature.count == type.signatureLength
        else { return nil }
        let timestamp = signature.timestamp
        let valid: Bool
        switch (type, parsedKey) {
        case let (.ed25519, .ed25519(key)):
            valid = key.isValidSignature(signature.signature, for: noteText)
        case let (.cosignatureV1, .ed25519(key)):
            guard let timestamp, timestamp <= UInt64(Int64.max) else { return nil }
            let message = CosignatureMessage.v1(timestamp: timestamp, checkpointText: noteText)
            valid = key.isValidSignature(signature.signature.dropFirst(8), for: message)
        case let (.mldsa65Subtree, .mldsa65(key)):
            guard let timestamp, timestamp <= UInt64(Int64.max),
                  let text = String(validating: noteText, as: UTF8.self),
                  let checkpoint = try? Checkpoint(text: text),
                  let message = try? CosignatureMessage.subtree(cosignerName: name, timestamp: timestamp, checkpoint: checkpoint)
            else { return nil }
            valid = key.isValidSignature(signature.signature.dropFirst(8), for: message)
        default:
            valid = false
        }
        return valid ? VerifiedNoteSignature(key: self, signature: signature, timestamp: type.isTimestamped ? timestamp : nil) : nil
    }

    public static func == (a: VerifierKey, b: VerifierKey) -> Bool {
        a.name == b.name && a.type == b.type && a.publicKey == b.publicKey
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(publicKey)
    }
}

extension Hex {
    static func isLowercaseDigit(_ c: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c)
    }
}
