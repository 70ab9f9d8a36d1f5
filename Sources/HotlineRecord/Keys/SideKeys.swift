import Crypto
import Foundation

/// A side's private keys: Ed25519 and ML-DSA-65 for signing checkpoints and cosignatures, X-Wing
/// for receiving entry content. Each is kept as its 32-byte seed.
public struct SideKeys: Sendable {
    public let side: SideID
    let ed25519: Curve25519.Signing.PrivateKey
    let mldsa65: MLDSA65.PrivateKey
    let xwing: XWingMLKEM768X25519.PrivateKey
    public let publicKeys: SidePublicKeys

    /// Generates fresh keys.
    public init(side: SideID) throws {
        try self.init(
            side: side,
            ed25519Seed: [UInt8](Curve25519.Signing.PrivateKey().rawRepresentation),
            mldsa65Seed: [UInt8](try MLDSA65.PrivateKey().seedRepresentation),
            xwingSeed: [UInt8](try XWingMLKEM768X25519.PrivateKey.generate().seedRepresentation))
    }

    /// Restores keys from their seeds.
    public init(side: SideID, ed25519Seed: [UInt8], mldsa65Seed: [UInt8], xwingSeed: [UInt8]) throws {
        guard ed25519Seed.count == 32, mldsa65Seed.count == 32, xwingSeed.count == 32 else {
            throw KeyError.wrongLength(what: "key seed", expected: 32, got: [ed25519Seed, mldsa65Seed, xwingSeed].map(\.count).first { $0 != 32 }!)
        }
        self.side = side
        ed25519 = try Curve25519.Signing.PrivateKey(rawRepresentation: ed25519Seed)
        mldsa65 = try MLDSA65.PrivateKey(seedRepresentation: mldsa65Seed, publicKey: nil)
        xwing = try XWingMLKEM768X25519.PrivateKey(seedRepresentation: xwingSeed, publicKey: nil)
        publicKeys = try SidePublicKeys(
            side: side,
            ed25519: [UInt8](ed25519.publicKey.rawRepresentation),
            mldsa65: [UInt8](mldsa65.publicKey.rawRepresentation),
            xwing: [UInt8](xwing.publicKey.rawRepresentation))
    }

    public var ed25519Seed: [UInt8] { [UInt8](ed25519.rawRepresentation) }
    public var mldsa65Seed: [UInt8] { [UInt8](mldsa65.seedRepresentation) }
    public var xwingSeed: [UInt8] { [UInt8](xwing.seedRepresentation) }

    /// Signs a checkpoint of this side's log with both keys: Ed25519 over the note text, and
    /// ML-DSA-65 over its subtree/v1 message with timestamp 0 (the log makes no time statement).
    public func signCheckpoint(_ checkpoint: Checkpoint) throws -> SignedNote {
        let origin = try LogOrigin(text: checkpoint.origin)
        guard origin.sender == side else {
            throw NoteError.malformedCheckpoint("\(side) cannot sign the log \(origin), which belongs to \(origin.sender)")
        }
        let keys = try publicKeys.logVerifierKeys(to: origin.recipient)
        let text = Array(checkpoint.text.utf8)
        let classical = [UInt8](try ed25519.signature(for: text))
        let message = try CosignatureMessage.subtree(cosignerName: origin.text, timestamp: 0, checkpoint: checkpoint)
        let postQuantum = [UInt8](repeating: 0, count: 8) + [UInt8](try mldsa65.signature(for: message))
        return SignedNote(text: checkpoint.text, signatures: [
            NoteSignature(keyName: keys[0].name, keyID: keys[0].keyID, signature: classical),
            NoteSignature(keyName: keys[1].name, keyID: keys[1].keyID, signature: postQuantum),
        ])
    }

    /// Cosigns a peer's checkpoint as of `timestamp` (seconds since the epoch): a cosignature/v1
    /// Ed25519 line and an ML-DSA-65 subtree/v1 line, both carrying the timestamp.
    /// The caller must have verified and stored every entry up to the checkpoint's size.
    public func cosign(_ checkpoint: Checkpoint, timestamp: UInt64) throws -> [NoteSignature] {
        guard timestamp > 0, timestamp <= UInt64(Int64.max) else {
            throw NoteError.malformedCheckpoint("cosignature timestamp must be between 1 and 2^63-1")
        }
        let keys = try publicKeys.cosignerVerifierKeys()
        let time = (0..<8).map { UInt8(truncatingIfNeeded: timestamp >> (56 - 8 * UInt64($0))) }
        let classical = [UInt8](try ed25519.signature(for: CosignatureMessage.v1(timestamp: timestamp, checkpointText: Array(checkpoint.text.utf8))))
        let message = try CosignatureMessage.subtree(cosignerName: keys[1].name, timestamp: timestamp, checkpoint: checkpoint)
        let postQuantum = [UInt8](try mldsa65.signature(for: message))
        return [
            NoteSignature(keyName: keys[0].name, keyID: keys[0].keyID, signature: time + classical),
            NoteSignature(keyName: keys[1].name, keyID: keys[1].keyID, signature: time + postQuantum),
        ]
    }

    /// Opens the content key wrapped to this side.
    public var contentPrivateKey: XWingMLKEM768X25519.PrivateKey { xwing }
}
