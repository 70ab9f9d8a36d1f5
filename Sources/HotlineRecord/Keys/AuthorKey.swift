import Crypto
import Foundation

/// An author's personal Ed25519 signing key. Entries carry the key's ID; the key itself is
/// known to both sides from the grant that gave its holder a role.
public struct AuthorKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init() {
        privateKey = Curve25519.Signing.PrivateKey()
    }

    /// Restores a key from its 32-byte seed.
    public init(seed: [UInt8]) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public var seed: [UInt8] { [UInt8](privateKey.rawRepresentation) }

    public var publicKey: AuthorPublicKey {
        AuthorPublicKey(privateKey.publicKey)
    }

    /// Signs a header after checking that it encodes within the record's rules.
    public func sign(_ header: EntryHeader) throws(EntryError) -> [UInt8] {
        guard header.authorKeyID == publicKey.keyID else {
            throw .authorKeyMismatch(expected: header.authorKeyID, got: publicKey.keyID)
        }
        // Round-trip through the decoder so that nothing the decoder would refuse gets signed.
        let probe = Entry(sequence: UInt64.max, header: header, authorSignature: [UInt8](repeating: 0, count: 64))
        _ = try Entry(encoded: probe.encoded)
        do {
            return [UInt8](try privateKey.signature(for: header.signedMessage))
        } catch {
            throw .cannotOpenContent("Ed25519 signing failed: \(error)")
        }
    }
}

/// The public half of an `AuthorKey`.
public struct AuthorPublicKey: Hashable, Sendable {
    public let rawRepresentation: [UInt8]
    private let key: Curve25519.Signing.PublicKey
    /// SHA-256(0x01 || public key); 0x01 names the algorithm, Ed25519. Kept, not recomputed:
    /// every entry's signature check compares it.
    public let keyID: Hash

    init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
        self.rawRepresentation = [UInt8](key.rawRepresentation)
        self.keyID = Hash.sha256([0x01] + rawRepresentation)
    }

    public init(rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == 32 else { throw KeyError.wrongLength(what: "Ed25519 public key", expected: 32, got: rawRepresentation.count) }
        self.init(try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation))
    }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    public static func == (a: AuthorPublicKey, b: AuthorPublicKey) -> Bool { a.rawRepresentation == b.rawRepresentation }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawRepresentation) }
}

/// A key could not be read.
public enum KeyError: Error, Equatable, CustomStringConvertible {
    case wrongLength(what: String, expected: Int, got: Int)
    case invalid(what: String)

    public var description: String {
        switch self {
        case let .wrongLength(what, expected, got): "\(what) must be \(expected) bytes, got \(got)"
        case let .invalid(what): "\(what) is not a valid key"
        }
    }
}
