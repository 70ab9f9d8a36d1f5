import Crypto
import Foundation

/// An entry's encrypted content, stored beside the log; the entry commits to it by hash.
///
/// One random content key encrypts the plaintext (AES-256-GCM); the key is wrapped with HPKE
/// (RFC 9180, X-Wing + HKDF-SHA256 + AES-256-GCM, base mode) to the receiving side and to the
/// sending side, so that both can read the record they share and nobody else can.
public struct SealedContent: Hashable, Sendable {
    public static let formatVersion: UInt8 = 1
    public static let maxPlaintextSize = 16 * 1024 * 1024
    public static let maxRecipients = 4
    public static let maxEncodedSize = 1 + 1 + maxRecipients * WrappedKey.encodedSize + 4 + maxPlaintextSize + 16

    public static let ciphersuite = HPKE.Ciphersuite.XWingMLKEM768X25519_SHA256_AES_GCM_256

    /// The content key wrapped to one side.
    public struct WrappedKey: Hashable, Sendable {
        static let encapsulatedKeySize = 1120
        static let wrappedKeySize = 32 + 16
        static let encodedSize = 1 + 32 + 32 + encapsulatedKeySize + wrappedKeySize

        public var side: SideID
        /// `SidePublicKeys.contentKeyID` of the key this is wrapped to.
        public var keyID: Hash
        public var encapsulatedKey: [UInt8]
        public var wrappedKey: [UInt8]
    }

    public var recipients: [WrappedKey]
    /// AES-256-GCM ciphertext followed by its 16-byte tag.
    public var ciphertext: [UInt8]

    /// SHA-256 of the encoding: the entry's `contentHash`.
    public var hash: Hash { Hash.sha256(encoded) }

    static let contentAAD = Array("hotline/content/v1".utf8)
    static func keyInfo(_ side: SideID) -> Data { Data("hotline/content-key/v1\n\(side)".utf8) }
    static let zeroNonce = try! AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 12))

    /// Seals `plaintext` for each side in `recipients`.
    public static func seal(_ plaintext: [UInt8], for recipients: [SidePublicKeys]) throws(EntryError) -> SealedContent {
        guard plaintext.count <= maxPlaintextSize else {
            throw .cannotOpenContent("plaintext is \(plaintext.count) bytes; the limit is \(maxPlaintextSize)")
        }
        guard (1...maxRecipients).contains(recipients.count), Set(recipients.map(\.side)).count == recipients.count else {
            throw .cannotOpenContent("content is sealed for 1-\(maxRecipients) distinct sides")
        }
        do {
            // A fresh key per entry, so the fixed nonce is never reused under one key.
            let contentKey = SymmetricKey(size: .bits256)
            let box = try AES.GCM.seal(plaintext, using: contentKey, nonce: zeroNonce, authenticating: contentAAD)
            let keyBytes = contentKey.withUnsafeBytes { Data($0) }
            let wrapped = try recipients.map { recipient in
                var sender = try HPKE.Sender(recipientKey: recipient.contentKey, ciphersuite: ciphersuite, info: keyInfo(recipient.side))
                let wrappedKey = try sender.seal(keyBytes)
                return WrappedKey(side: recipient.side, keyID: recipient.contentKeyID,
                                  encapsulatedKey: [UInt8](sender.encapsulatedKey), wrappedKey: [UInt8](wrappedKey))
            }
            return SealedContent(recipients: wrapped, ciphertext: [UInt8](box.ciphertext) + [UInt8](box.tag))
        } catch {
            throw .cannotOpenContent("sealing failed: \(error)")
        }
    }

    /// Opens the content with a side's keys.
    public func open(with keys: SideKeys) throws(EntryError) -> [UInt8] {
        guard let wrapped = recipients.first(where: { $0.side == keys.side && $0.keyID == keys.publicKeys.contentKeyID }) else {
            throw .cannotOpenContent("the content is not sealed for \(keys.side)'s current content key")
        }
        do {
            var recipient = try HPKE.Recipient(privateKey: keys.contentPrivateKey, ciphersuite: Self.ciphersuite,
                                               info: Self.keyInfo(keys.side), encapsulatedKey: Data(wrapped.encapsulatedKey))
            let keyBytes = try recipient.open(wrapped.wrappedKey)
            let box = try AES.GCM.SealedBox(nonce: Self.zeroNonce, ciphertext: ciphertext.dropLast(16), tag: ciphertext.suffix(16))
            return [UInt8](try AES.GCM.open(box, using: SymmetricKey(data: keyBytes), authenticating: Self.contentAAD))
        } catch {
            throw .cannotOpenContent("decryption failed; the content or the key is not the one sealed")
        }
    }
}
