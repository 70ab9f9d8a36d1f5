/// A log's tree head as note text (C2SP tlog-checkpoint): origin, tree size, root hash, and
/// optional extension lines.
public struct Checkpoint: Hashable, Sendable {
    public var origin: String
    public var size: UInt64
    public var rootHash: Hash
    public var extensionLines: [String]

    public init(origin: String, size: UInt64, rootHash: Hash, extensionLines: [String] = []) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// The note text, ending in a newline.
    public var text: String {
        ([origin, String(size), rootHash.base64] + extensionLines).map { $0 + "\n" }.joined()
    }

    public init(text: String) throws(NoteError) {
        guard text.hasSuffix("\n") else { throw .malformedCheckpoint("text does not end with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else { throw .malformedCheckpoint("needs origin, size and root hash lines") }
        guard lines.allSatisfy({ !$0.isEmpty }) else { throw .malformedCheckpoint("contains an empty line") }
        guard Self.isDecimal(lines[1]), let size = UInt64(lines[1]) else {
            throw .malformedCheckpoint("tree size \"\(lines[1].prefix(30))\" is not a decimal number without leading zeroes")
        }
        guard let root = Hash(base64: lines[2]) else {
            throw .malformedCheckpoint("root hash is not canonical base64 of 32 bytes")
        }
        self.init(origin: lines[0], size: size, rootHash: root, extensionLines: Array(lines.dropFirst(3)))
    }

    /// Parses the checkpoint a signed note carries.
    public init(note: SignedNote) throws(NoteError) {
        try self.init(text: note.text)
    }

    public static func isDecimal(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty, utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return false }
        return utf8.count == 1 || utf8[0] != UInt8(ascii: "0")
    }
}
