import Crypto
import _CryptoExtras

/// The single call site of scrypt, shared by the keystore and by the RFC 7914 vector tests so that
/// the tests prove the parameters reach swift-crypto in the right order.
enum ScryptKeyDerivation {
    /// Derives `byteCount` bytes. Performs no range checks: callers pass validated parameters,
    /// except the tests, which use RFC 7914's deliberately small ones.
    static func derive(
        password: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int, byteCount: Int
    ) throws(KeystoreError) -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(
                from: password,
                salt: salt,
                outputByteCount: byteCount,
                rounds: 1 << logN,
                blockSize: r,
                parallelism: p
            )
        } catch {
            throw .keyDerivationFailed
        }
    }

    /// The 256-bit AES key protecting a keystore's seed.
    static func encryptionKey(
        passphrase: String, salt: [UInt8], parameters: ScryptParameters
    ) throws(KeystoreError) -> SymmetricKey {
        try derive(
            password: Passphrase.normalizedBytes(passphrase),
            salt: salt,
            logN: parameters.logN,
            r: parameters.r,
            p: parameters.p,
            byteCount: 32
        )
    }
}
