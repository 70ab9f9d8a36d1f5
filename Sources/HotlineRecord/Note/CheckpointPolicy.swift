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
        // The ML-DSA signatures do not cover extension lines, and Hotline writes none.
        guard checkpoint.extensionLines.isEmpty else {
            throw .notAccepted("has extension lines, which Hotline checkpoints never carry")
        }
        // One line per required key: two cosignatures by one key would leave "as of when" open.
        for key in logKeys + cosignerKeys
        where note.signatures.filter({ $0.keyName == key.name && $0.keyID == key.keyID }).count > 1 {
            throw .notAccepted("carries more than one signature by \(key.name) (\(key.type))")
        }
        let verified = try note.verify(knownKeys: logKeys + cosignerKeys)
        for key in logKeys {
            guard let signature = verified.first(where: { $0.key == key }) else {
                throw .notAccepted("missing the log signature by \(key.name) (\(key.type))")
            }
            // The log's own ML-DSA signature states no time.
            guard signature.timestamp ?? 0 == 0 else {
                throw .notAccepted("the log signature by \(key.name) carries a time; it must carry 0")
            }
        }
        for key in logKeys where key.name != checkpoint.origin {
            throw .notAccepted("log key \(key.name) does not match the checkpoint origin \(checkpoint.origin)")
        }
        var cosignedAt: UInt64?
        for key in cosignerKeys {
            guard let signature = verified.first(where: { $0.key == key }) else {
                throw .notAccepted("missing the cosignature by \(key.name) (\(key.type))")
            }
            guard let time = signature.timestamp, time > 0 else {
                throw .notAccepted("the cosignature by \(key.name) carries no time")
            }
            if let earlier = cosignedAt, earlier != time {
                throw .notAccepted("the cosignatures by \(key.name) disagree on the time (\(earlier) and \(time))")
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
