/// The messages that cosignatures sign (C2SP tlog-cosignature).
public enum CosignatureMessage {
    /// Ed25519 (0x04): "cosignature/v1\n" "time <timestamp>\n" followed by the checkpoint text.
    public static func v1(timestamp: UInt64, checkpointText: [UInt8]) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n".utf8) + checkpointText
    }

    /// The `subtree/v1` structure signed by ML-DSA cosignatures, for a whole checkpoint
    /// (start 0, end = tree size). Extension lines are not covered.
    public static func subtree(cosignerName: String, timestamp: UInt64, checkpoint: Checkpoint) throws(NoteError) -> [UInt8] {
        let name = Array(cosignerName.utf8)
        let origin = Array(checkpoint.origin.utf8)
        guard (1...255).contains(name.count), (1...255).contains(origin.count) else {
            throw .malformedCheckpoint("origin and cosigner name must be 1-255 bytes for subtree/v1 signatures")
        }
        var writer = BinaryWriter()
        writer.fixed(Array("subtree/v1\n".utf8) + [0])
        writer.vector8(name)
        writer.uint64(timestamp)
        writer.vector8(origin)
        writer.uint64(0)
        writer.uint64(checkpoint.size)
        writer.fixed(checkpoint.rootHash.bytes)
        return writer.bytes
    }
}
