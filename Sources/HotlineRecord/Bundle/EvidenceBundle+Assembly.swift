extension EvidenceBundle {
    /// Assembles the bundle for `entry` from the sender's tree and a cosigned checkpoint that
    /// covers it.
    public init(
        entry: Entry, cosignedCheckpoint: SignedNote, tree: some TreeNodeReader,
        sender: SidePublicKeys, recipient: SidePublicKeys, author: AuthorPublicKey, plaintext: [UInt8]? = nil
    ) throws {
        let checkpoint = try Checkpoint(note: cosignedCheckpoint)
        self.init(
            entry: entry.encoded, index: entry.sequence, treeSize: checkpoint.size,
            inclusionProof: try InclusionProof.generate(index: entry.sequence, size: checkpoint.size, from: tree),
            checkpoint: cosignedCheckpoint.serialized,
            senderKeys: try sender.logVerifierKeys(to: recipient.side).map(\.vkey),
            recipientKeys: try recipient.cosignerVerifierKeys().map(\.vkey),
            authorKey: author.rawRepresentation, plaintext: plaintext)
    }
}
