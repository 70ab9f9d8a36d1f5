/// The canonical binary encoding of entries (docs/PROTOCOL.md, "Entry"). There is exactly one
/// encoding per entry; decoding rejects anything else.
extension Entry {
    /// The largest encoded entry: every variable field at its maximum.
    public static let maxEncodedSize = 1 + 8 + EntryHeader.maxEncodedSize + 64

    public var encoded: [UInt8] {
        var writer = BinaryWriter(capacity: 512)
        writer.uint8(Self.formatVersion)
        writer.uint64(sequence)
        header.encode(into: &writer)
        writer.fixed(authorSignature)
        return writer.bytes
    }

    public init<Bytes: Collection>(encoded bytes: Bytes) throws(EntryError) where Bytes.Element == UInt8 {
        do throws(DecodingFailure) {
            guard bytes.count <= Self.maxEncodedSize else {
                throw DecodingFailure(field: "entry", offset: 0, problem: .lengthOutOfRange(length: bytes.count, allowed: 0...Self.maxEncodedSize))
            }
            var reader = BinaryReader(bytes)
            let version = try reader.uint8("entry.version")
            guard version == Self.formatVersion else {
                throw DecodingFailure(field: "entry.version", offset: 0, problem: .unsupportedVersion(version))
            }
            let sequence = try reader.uint64("entry.sequence")
            let header = try EntryHeader(from: &reader)
            let signature = try reader.fixed(64, "entry.author_signature")
            try reader.expectEnd("entry")
            for reference in header.references where reference.side == header.sender && reference.sequence >= sequence {
                throw DecodingFailure(field: "entry.references", offset: 0, problem: .invalidValue(
                    "entry \(sequence) refers to entry \(reference.sequence) of its own log, which is not earlier"))
            }
            self.init(sequence: sequence, header: header, authorSignature: signature)
        } catch {
            throw .malformed(error)
        }
    }
}

extension EntryHeader {
    /// The header alone, as an author's client sends it with its signature before the node
    /// gives it a sequence number.
    public var encoded: [UInt8] {
        var writer = BinaryWriter(capacity: 400)
        encode(into: &writer)
        return writer.bytes
    }

    public init(encoded bytes: [UInt8]) throws(EntryError) {
        do throws(DecodingFailure) {
            guard bytes.count <= Self.maxEncodedSize else {
                throw DecodingFailure(field: "header", offset: 0, problem: .lengthOutOfRange(length: bytes.count, allowed: 0...Self.maxEncodedSize))
            }
            var reader = BinaryReader(bytes)
            let header = try EntryHeader(from: &reader)
            try reader.expectEnd("header")
            self = header
        } catch {
            throw .malformed(error)
        }
    }

    static let maxEncodedSize =
        (1 + 32) * 2 + (1 + 64) * 2 + 2 + 1 + 8 + (1 + 128) + 32
        + 1 + maxReferences * (1 + 32 + 8 + 32) + 32 + 32 + 4

    /// The largest sealed content an entry may commit to.
    public static let maxContentLength = SealedContent.maxEncodedSize

    func encode(into writer: inout BinaryWriter) {
        writer.vector8(Array(sender.rawValue.utf8))
        writer.vector8(Array(recipient.rawValue.utf8))
        writer.vector8(Array(line.rawValue.utf8))
        writer.vector8(Array((track?.rawValue ?? "").utf8))
        writer.uint16(kind.rawValue)
        writer.uint8(precedence.rawValue)
        writer.uint64(timeMilliseconds)
        writer.vector8(Array(authorRole.rawValue.utf8))
        writer.fixed(authorKeyID.bytes)
        writer.uint8(UInt8(references.count))
        for reference in references {
            writer.vector8(Array(reference.side.rawValue.utf8))
            writer.uint64(reference.sequence)
            writer.fixed(reference.leafHash.bytes)
        }
        writer.fixed(commitment.bytes)
        writer.fixed(contentHash.bytes)
        writer.uint32(contentLength)
    }

    init(from reader: inout BinaryReader) throws(DecodingFailure) {
        func name<T>(_ field: String, _ allowed: ClosedRange<Int>, _ make: (String) throws(IdentifierError) -> T) throws(DecodingFailure) -> T {
            let start = reader.offset
            let bytes = try reader.vector8(field, allowed: allowed)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DecodingFailure(field: field, offset: start, problem: .invalidValue("not UTF-8"))
            }
            do {
                return try make(text)
            } catch {
                throw DecodingFailure(field: field, offset: start, problem: .invalidValue(error.description))
            }
        }
        func hash(_ field: String) throws(DecodingFailure) -> Hash {
            Hash(bytes: try reader.fixed(32, field))!
        }

        let sender = try name("entry.sender", 1...32, SideID.init)
        let recipientOffset = reader.offset
        let recipient = try name("entry.recipient", 1...32, SideID.init)
        guard recipient != sender else {
            throw DecodingFailure(field: "entry.recipient", offset: recipientOffset, problem: .invalidValue("an entry cannot be addressed to its own side"))
        }
        let line = try name("entry.line", 1...64, LineID.init)
        let trackOffset = reader.offset
        let trackBytes = try reader.vector8("entry.track", allowed: 0...64)
        var track: TrackID?
        if !trackBytes.isEmpty {
            guard let text = String(validating: trackBytes, as: UTF8.self), let parsed = try? TrackID(text) else {
                throw DecodingFailure(field: "entry.track", offset: trackOffset, problem: .invalidValue("not a valid track name"))
            }
            track = parsed
        }
        let kindOffset = reader.offset
        let kindValue = try reader.uint16("entry.kind")
        guard let kind = EntryKind(rawValue: kindValue) else {
            throw DecodingFailure(field: "entry.kind", offset: kindOffset, problem: .invalidValue("unknown entry kind \(kindValue)"))
        }
        let precedenceOffset = reader.offset
        let precedenceValue = try reader.uint8("entry.precedence")
        guard let precedence = Precedence(rawValue: precedenceValue) else {
            throw DecodingFailure(field: "entry.precedence", offset: precedenceOffset, problem: .invalidValue("unknown precedence \(precedenceValue) (0-3 are defined)"))
        }
        let time = try reader.uint64("entry.time")
        let roleOffset = reader.offset
        let role = try name("entry.author_role", 3...128, RoleName.init)
        guard role.side == sender else {
            throw DecodingFailure(field: "entry.author_role", offset: roleOffset, problem: .invalidValue("role \(role) does not belong to the sending side \(sender)"))
        }
        let authorKeyID = try hash("entry.author_key_id")
        let countOffset = reader.offset
        let count = Int(try reader.uint8("entry.references.count"))
        guard count <= Self.maxReferences else {
            throw DecodingFailure(field: "entry.references", offset: countOffset, problem: .lengthOutOfRange(length: count, allowed: 0...Self.maxReferences))
        }
        var references: [EntryReference] = []
        var seen = Set<String>()
        for _ in 0..<count {
            let referenceOffset = reader.offset
            let side = try name("entry.references.side", 1...32, SideID.init)
            guard side == sender || side == recipient else {
                throw DecodingFailure(field: "entry.references.side", offset: referenceOffset, problem: .invalidValue("a reference must point into the log of \(sender) or \(recipient), not \(side)"))
            }
            let reference = EntryReference(side: side, sequence: try reader.uint64("entry.references.sequence"), leafHash: try hash("entry.references.leaf_hash"))
            guard seen.insert("\(reference.side) \(reference.sequence)").inserted else {
                throw DecodingFailure(field: "entry.references", offset: referenceOffset, problem: .invalidValue(
                    "entry \(reference.sequence) of \(reference.side)'s log is referenced twice"))
            }
            references.append(reference)
        }
        let commitment = try hash("entry.commitment")
        let contentHash = try hash("entry.content_hash")
        let lengthOffset = reader.offset
        let contentLength = try reader.uint32("entry.content_length")
        guard contentLength <= Self.maxContentLength else {
            throw DecodingFailure(field: "entry.content_length", offset: lengthOffset, problem: .lengthOutOfRange(length: Int(contentLength), allowed: 0...Self.maxContentLength))
        }
        self.init(
            sender: sender, recipient: recipient, line: line, track: track, kind: kind,
            precedence: precedence, timeMilliseconds: time, authorRole: role, authorKeyID: authorKeyID,
            references: references, commitment: commitment, contentHash: contentHash, contentLength: contentLength)
    }
}
