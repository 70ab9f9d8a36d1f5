/// An entry as its author's client hands it to the node, before it has a place in the log: the
/// encoded header, the author's signature and the sealed content. Its binary form is the body
/// of POST /api/v1/entries with `Content-Type: application/x.hotline.entry`:
///
///     uint8   version = 1
///     opaque  header<1..2^16-1>
///     opaque  signature<64>        (vector8)
///     opaque  content<0..2^32-1>   (at most SealedContent.maxEncodedSize)
public struct SignedSubmission: Hashable, Sendable, Codable {
    public static let formatVersion: UInt8 = 1
    public static let mediaType = "application/x.hotline.entry"

    public var header: [UInt8]
    public var signature: [UInt8]
    public var content: [UInt8]

    public init(header: [UInt8], signature: [UInt8], content: [UInt8]) {
        self.header = header
        self.signature = signature
        self.content = content
    }

    // MARK: JSON: the three fields in canonical base64

    enum CodingKeys: String, CodingKey { case header, signature, content }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func bytes(_ key: CodingKeys) throws -> [UInt8] {
            guard let value = Base64.decodeCanonical(try container.decode(String.self, forKey: key)) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(key.rawValue) must be canonical base64")
            }
            return value
        }
        self.init(header: try bytes(.header), signature: try bytes(.signature), content: try bytes(.content))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Base64.encode(header), forKey: .header)
        try container.encode(Base64.encode(signature), forKey: .signature)
        try container.encode(Base64.encode(content), forKey: .content)
    }

    // MARK: Binary

    public var encoded: [UInt8] {
        var writer = BinaryWriter(capacity: 8 + header.count + signature.count + content.count)
        writer.uint8(Self.formatVersion)
        writer.vector16(header)
        writer.vector8(signature)
        writer.vector32(content)
        return writer.bytes
    }

    public init(encoded bytes: [UInt8]) throws(DecodingFailure) {
        var reader = BinaryReader(bytes)
        let version = try reader.uint8("submission.version")
        guard version == Self.formatVersion else {
            throw DecodingFailure(field: "submission.version", offset: 0, problem: .unsupportedVersion(version))
        }
        header = try reader.vector16("submission.header", allowed: 1...EntryHeader.maxEncodedSize)
        signature = try reader.vector8("submission.signature", allowed: 64...64)
        content = try reader.vector32("submission.content", allowed: 0...SealedContent.maxEncodedSize)
        try reader.expectEnd("submission")
    }
}
