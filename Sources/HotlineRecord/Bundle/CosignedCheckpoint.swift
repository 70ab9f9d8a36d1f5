/// A checkpoint of S's log cosigned by R, checked as a receipt with the keys a proof file
/// carries: what evidence bundles and record answers both rest on.
struct CosignedCheckpoint {
    let origin: LogOrigin
    let verified: VerifiedCheckpoint
    let senderFingerprint: String
    let recipientFingerprint: String

    /// Parses the note and the vkeys (the sender's named with the origin, the recipient's with
    /// its cosigner name), refuses a side cosigning itself, and verifies every signature.
    init(checkpoint: String, senderKeys: [String], recipientKeys: [String]) throws(BundleError) {
        let note: SignedNote
        do {
            note = try SignedNote(parsing: checkpoint)
            origin = try LogOrigin(text: try Checkpoint(note: note).origin)
        } catch { throw .checkpoint(error) }
        let logKeys = try EvidenceBundle.parseKeys(senderKeys, role: "senderKeys", name: origin.text, types: [.ed25519, .mldsa65Subtree])
        let cosignerKeys = try EvidenceBundle.parseKeys(recipientKeys, role: "recipientKeys", name: LogOrigin.cosignerName(origin.recipient),
                                                        types: [.cosignatureV1, .mldsa65Subtree])
        guard logKeys[0].publicKey != cosignerKeys[0].publicKey, logKeys[1].publicKey != cosignerKeys[1].publicKey else {
            throw .mismatch("the sender's and the recipient's keys are the same keys: a side cannot give itself a receipt")
        }
        do {
            verified = try CheckpointPolicy(logKeys: logKeys, cosignerKeys: cosignerKeys).verify(note)
        } catch { throw .checkpoint(error) }
        senderFingerprint = Fingerprint.of(side: origin.sender, ed25519: logKeys[0].publicKey, mldsa65: logKeys[1].publicKey)
        recipientFingerprint = Fingerprint.of(side: origin.recipient, ed25519: cosignerKeys[0].publicKey, mldsa65: cosignerKeys[1].publicKey)
    }
}
