import Crypto
import Foundation

/// A side's public keys: what its peer pins at pairing.
public struct SidePublicKeys: Hashable, Sendable {
    public let side: SideID
    /// Signs checkpoints (0x01) and cosignatures (0x04).
    public let ed25519: [UInt8]
    /// Signs checkpoints and cosignatures post-quantum (0xff ML-DSA-65 subtree/v1).
    public let mldsa65: [UInt8]
    /// Receives entry content keys (HPKE, X-Wing).
    public let xwing: [UInt8]
    /// SHA-256 of the X-Wing public key: how sealed content names the key it is wrapped to.
    /// Kept, not recomputed: every submission and every sealed entry looks it up.
    public let contentKeyID: Hash

    public init(side: SideID, ed25519: [UInt8], mldsa65: [UInt8], xwing: [UInt8]) throws {
        guard ed25519.count == 32 else { throw KeyError.wrongLength(what: "Ed25519 public key", expected: 32, got: ed25519.count) }
        guard mldsa65.count == 1952 else { throw KeyError.wrongLength(what: "ML-DSA-65 public key", expected: 1952, got: mldsa65.count) }
        guard xwing.count == 1216 else { throw KeyError.wrongLength(what: "X-Wing public key", expected: 1216, got: xwing.count) }
        do { _ = try XWingMLKEM768X25519.PublicKey(rawRepresentation: xwing) } catch { throw KeyError.invalid(what: "X-Wing public key") }
        self.side = side
        self.ed25519 = ed25519
        self.mldsa65 = mldsa65
        self.xwing = xwing
        self.contentKeyID = Hash.sha256(xwing)
    }

    /// Verifier keys for the checkpoints of this side's log to `recipient`.
    public func logVerifierKeys(to recipient: SideID) throws -> [VerifierKey] {
        let name = LogOrigin(sender: side, recipient: recipient).text
        return [
            try VerifierKey(name: name, type: .ed25519, publicKey: ed25519),
            try VerifierKey(name: name, type: .mldsa65Subtree, publicKey: mldsa65),
        ]
    }

    /// Verifier keys for this side's cosignatures on its peers' checkpoints.
    public func cosignerVerifierKeys() throws -> [VerifierKey] {
        let name = LogOrigin.cosignerName(side)
        return [
            try VerifierKey(name: name, type: .cosignatureV1, publicKey: ed25519),
            try VerifierKey(name: name, type: .mldsa65Subtree, publicKey: mldsa65),
        ]
    }

    public var contentKey: XWingMLKEM768X25519.PublicKey {
        try! XWingMLKEM768X25519.PublicKey(rawRepresentation: xwing)
    }
}
