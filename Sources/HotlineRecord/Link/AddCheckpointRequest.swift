/// The body of a C2SP tlog-witness `add-checkpoint` request: an old size line, a consistency
/// proof from that size (one base64 hash per line, at most 63), a blank line, and the checkpoint
/// as a signed note. Hotline's link speaks it byte for byte; re-submitting an unchanged
/// checkpoint is the heartbeat.
public struct AddCheckpointRequest: Hashable, Sendable {
    public static let maxProofLines = 63

    public var oldSize: UInt64
    public var consistencyProof: [Hash]
    public var checkpoint: SignedNote

    public init(oldSize: UInt64, consistencyProof: [Hash], checkpoint: SignedNote) {
        self.oldSize = oldSize
        self.consistencyProof = consistencyProof
        self.checkpoint = checkpoint
    }

    public var encoded: String {
        "old \(oldSize)\n" + consistencyProof.map { $0.base64 + "\n" }.joined() + "\n" + checkpoint.serialized
    }

    public init(parsing bytes: [UInt8]) throws(NoteError) {
        guard bytes.count <= SignedNote.maxSize + 64 * (Self.maxProofLines + 1) else {
            throw .malformedNote("add-checkpoint body is \(bytes.count) bytes; the limit is \(SignedNote.maxSize + 64 * (Self.maxProofLines + 1))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformedNote("add-checkpoint body is not UTF-8") }
        var rest = Substring(text)
        func line() throws(NoteError) -> Substring {
            guard let end = rest.firstIndex(of: "\n") else { throw .malformedNote("add-checkpoint body ends in the middle of a line") }
            defer { rest = rest[rest.index(after: end)...] }
            return rest[..<end]
        }
        let first = try line()
        guard first.hasPrefix("old "), Checkpoint.isDecimal(String(first.dropFirst(4))), let old = UInt64(first.dropFirst(4)) else {
            throw .malformedNote("add-checkpoint must start with \"old <size>\" in decimal without leading zeroes")
        }
        var proof: [Hash] = []
        while true {
            let next = try line()
            if next.isEmpty { break }
            guard proof.count < Self.maxProofLines else { throw .malformedNote("more than \(Self.maxProofLines) consistency proof lines") }
            guard let hash = Hash(base64: String(next)) else { throw .malformedNote("consistency proof line \(proof.count + 1) is not canonical base64 of 32 bytes") }
            proof.append(hash)
        }
        self.init(oldSize: old, consistencyProof: proof, checkpoint: try SignedNote(parsing: String(rest)))
    }
}
