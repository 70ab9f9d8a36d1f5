import Crypto

/// An official's Ed25519 signing key, sealed under a passphrase.
///
/// The seed is encrypted with AES-256-GCM under a key that scrypt derives from the passphrase.
/// The public key and holder stay readable so that a keystore can be identified without
/// unlocking it. Values are immutable; changing the passphrase returns a new keystore.
public struct OfficialKeystore: Sendable {
    /// The only format identifier this version reads and writes.
    public static let format = "hotline-keystore/v1"
    static let kdfName = "scrypt"
    static let cipherName = "aes-256-gcm"
    static let saltByteCount = 16
    static let nonceByteCount = 12
    static let seedByteCount = 32
    static let tagByteCount = 16

    /// Who the key belongs to, as given at creation.
    public let holder: String
    /// The public half of the sealed signing key.
    public let publicKey: Curve25519.Signing.PublicKey
    /// The scrypt settings that protect this keystore.
    public let parameters: ScryptParameters
    let salt: [UInt8]
    let nonce: [UInt8]
    /// Sealed seed followed by the GCM tag.
    let ciphertext: [UInt8]

    init(
        holder: String, publicKey: Curve25519.Signing.PublicKey, parameters: ScryptParameters,
        salt: [UInt8], nonce: [UInt8], ciphertext: [UInt8]
    ) {
        self.holder = holder
        self.publicKey = publicKey
        self.parameters = parameters
        self.salt = salt
        self.nonce = nonce
        self.ciphertext = ciphertext
    }

    /// Generates a new signing key and seals it.
    /// - Parameters:
    ///   - holder: The official's name; one line of printable text, at most 256 UTF-8 bytes.
    ///   - passphrase: At least 12 characters; normalized to Unicode NFC before use.
    ///   - parameters: scrypt cost; keep `.standard` for real keys.
    /// - Returns: The keystore and the new private key (so the caller can use it right away).
    public static func create(
        holder: String, passphrase: String, parameters: ScryptParameters = .standard
    ) throws(KeystoreError) -> (OfficialKeystore, Curve25519.Signing.PrivateKey) {
        try create(importing: Curve25519.Signing.PrivateKey(), holder: holder, passphrase: passphrase, parameters: parameters)
    }

    /// Seals an existing signing key, e.g. one restored from a seed (`PrivateKey(rawRepresentation:)`).
    /// - Returns: The keystore and the same private key.
    public static func create(
        importing signingKey: Curve25519.Signing.PrivateKey,
        holder: String, passphrase: String, parameters: ScryptParameters = .standard
    ) throws(KeystoreError) -> (OfficialKeystore, Curve25519.Signing.PrivateKey) {
        try HolderName.validate(holder)
        try Passphrase.requireAcceptableForNewKeystore(passphrase)
        let keystore = try seal(signingKey, holder: holder, passphrase: passphrase, parameters: parameters)
        return (keystore, signingKey)
    }

    /// Recovers the signing key.
    /// - Throws: `wrongPassphrase` if the passphrase (or the file's authenticated content) is wrong;
    ///   `publicKeyMismatch` if the sealed key is not the one the file names.
    public func unlock(passphrase: String) throws(KeystoreError) -> Curve25519.Signing.PrivateKey {
        let key = try ScryptKeyDerivation.encryptionKey(passphrase: passphrase, salt: salt, parameters: parameters)
        let seed = try openSeed(with: key)
        // rawRepresentation only fails on a wrong length, which AES-GCM has already ruled out.
        guard let signingKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
              signingKey.publicKey.rawRepresentation == publicKey.rawRepresentation
        else { throw .publicKeyMismatch }
        return signingKey
    }

    /// Re-seals the same key under a new passphrase, with a fresh salt and nonce.
    /// - Parameters:
    ///   - parameters: New scrypt settings, e.g. to upgrade a keystore; defaults to the current ones.
    /// - Throws: `wrongPassphrase` if `oldPassphrase` is wrong; `passphraseTooShort` for `newPassphrase`.
    public func changingPassphrase(
        from oldPassphrase: String, to newPassphrase: String, parameters: ScryptParameters? = nil
    ) throws(KeystoreError) -> OfficialKeystore {
        try Passphrase.requireAcceptableForNewKeystore(newPassphrase)
        let signingKey = try unlock(passphrase: oldPassphrase)
        return try Self.seal(signingKey, holder: holder, passphrase: newPassphrase, parameters: parameters ?? self.parameters)
    }

    /// Encrypts the seed under a fresh random salt and nonce. No policy checks: callers do them.
    static func seal(
        _ signingKey: Curve25519.Signing.PrivateKey, holder: String, passphrase: String,
        parameters: ScryptParameters
    ) throws(KeystoreError) -> OfficialKeystore {
        let salt = randomBytes(count: saltByteCount)
        let key = try ScryptKeyDerivation.encryptionKey(passphrase: passphrase, salt: salt, parameters: parameters)
        let publicKey = signingKey.publicKey
        let associatedData = AssociatedData.bytes(
            holder: holder, publicKey: Array(publicKey.rawRepresentation), parameters: parameters, salt: salt)
        do {
            let sealed = try AES.GCM.seal(signingKey.rawRepresentation, using: key, nonce: AES.GCM.Nonce(), authenticating: associatedData)
            return OfficialKeystore(
                holder: holder, publicKey: publicKey, parameters: parameters, salt: salt,
                nonce: Array(sealed.nonce), ciphertext: Array(sealed.ciphertext) + Array(sealed.tag))
        } catch {
            throw .cipherFailed
        }
    }

    private func openSeed(with key: SymmetricKey) throws(KeystoreError) -> [UInt8] {
        let associatedData = AssociatedData.bytes(
            holder: holder, publicKey: Array(publicKey.rawRepresentation), parameters: parameters, salt: salt)
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: nonce),
                ciphertext: ciphertext.prefix(Self.seedByteCount),
                tag: ciphertext.suffix(Self.tagByteCount))
        } catch {
            throw .cipherFailed
        }
        do {
            return Array(try AES.GCM.open(box, using: key, authenticating: associatedData))
        } catch {
            // swift-crypto reports a failed tag check as `authenticationFailure` on Apple platforms
            // but as an opaque BoringSSL error elsewhere. Key and box sizes are fixed by now, so a
            // failed open can only mean the tag did not verify.
            throw .wrongPassphrase
        }
    }

    private static func randomBytes(count: Int) -> [UInt8] {
        // SystemRandomNumberGenerator is the OS CSPRNG (getrandom / arc4random).
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension OfficialKeystore: Equatable {
    public static func == (lhs: OfficialKeystore, rhs: OfficialKeystore) -> Bool {
        // Byte comparison: String's == treats canonically equivalent holders as equal, but the
        // authenticated data binds the exact bytes.
        lhs.holder.hasSameBytes(as: rhs.holder)
            && lhs.publicKey.rawRepresentation == rhs.publicKey.rawRepresentation
            && lhs.parameters == rhs.parameters
            && lhs.salt == rhs.salt
            && lhs.nonce == rhs.nonce
            && lhs.ciphertext == rhs.ciphertext
    }
}
