/// Which signatures a checkpoint needs before Hotline relies on it: every listed log key (the
/// sender's Ed25519 and ML-DSA-65) and, for a receipt, every listed cosigner key (the
/// recipient's), the cosignatures agreeing on one time. Requiring both algorithms means a
/// forgery must break both.
public struct CheckpointPolicy: Sendable {
    public var logKeys: [VerifierKey]
    public var cosignerKeys: [VerifierKey]

    public init(logKeys: [VerifierKey], cosignerKeys: [VerifierKey]) {
        self.logKeys = logKeys
        self.cosignerKeys = cosignerKeys
    }

    /// Verifies the note and returns its checkpoint with the time of its cosignatures.
    public func verify(_ note: SignedNote) throws(NoteError) -> VerifiedCheckpoint {
        let checkpoint = try Checkpoint(note: note)
        let verified = try note.verify(knownKeys: logKeys + cosignerKeys)
        for key in logKeys where !verified.contains(where: { $0.key == key }) {
            throw .malformedCheckpoint("missing the log signature by \(key.name) (\(key.type))")
        }
        for key in logKeys where key.name != checkpoint.origin {
            throw .malformedCheckpoint("log key \(key.name) does not match the checkpoint origin \(checkpoint.origin)")
        }
        var cosignedAt: UInt64?
        for key in cosignerKeys {
            guard let signature = verified.first(where: { $0.key == key }) else {
                throw .malformedCheckpoint("missing the cosignature by \(key.name) (\(key.type))")
            }
            guard let time = signature.timestamp, time > 0 else {
                throw .malformedCheckpoint("the cosignature by \(key.name) carries no time")
            }
            if let earlier = cosignedAt, earlier != time {
                throw .malformedCheckpoint("the cosignatures by \(key.name) disagree on the time (\(earlier) and \(time))")
            }
            cosignedAt = time
        }
        return VerifiedCheckpoint(checkpoint: checkpoint, cosignedAt: cosignedAt)
    }
}

/// A checkpoint whose signatures satisfied a `CheckpointPolicy`.
public struct VerifiedCheckpoint: Hashable, Sendable {
    public var checkpoint: Checkpoint
    /// Seconds since the epoch at which the recipient cosigned: "as of this time we hold the log
    /// up to this size". Nil when the policy asked for no cosigners.
    public var cosignedAt: UInt64?
}
