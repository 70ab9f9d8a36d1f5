import Foundation

/// Passphrase policy and the exact bytes fed to scrypt.
enum Passphrase {
    /// Counted in user-perceived characters (grapheme clusters) after NFC normalization.
    static let minimumCharacters = 12

    /// The passphrase as Unicode NFC, encoded as UTF-8.
    ///
    /// Keyboards and operating systems differ in how they produce accented letters: "é" may arrive
    /// as U+00E9 or as "e" + U+0301. NFC maps both to the same bytes, so a passphrase set on one
    /// system opens the keystore on another. NFC (unlike NFKC) never merges visibly different
    /// characters. No other change is made: whitespace and case are significant.
    static func normalizedBytes(_ passphrase: String) -> [UInt8] {
        Array(passphrase.precomposedStringWithCanonicalMapping.utf8)
    }

    /// Enforced when a passphrase is chosen, not when one is tried, so that files created under an
    /// older, laxer policy still open.
    static func requireAcceptableForNewKeystore(_ passphrase: String) throws(KeystoreError) {
        let characters = passphrase.precomposedStringWithCanonicalMapping.count
        guard characters >= minimumCharacters else {
            throw .passphraseTooShort(characters: characters, minimum: minimumCharacters)
        }
    }
}
