/// The canonical encoding of sealed content (docs/PROTOCOL.md, "Sealed content").
extension SealedContent {
    public var encoded: [UInt8] {
        var writer = BinaryWriter(capacity: ciphertext.count + recipients.count * WrappedKey.encodedSize + 8)
        writer.uint8(Self.formatVersion)
        writer.uint8(UInt8(recipients.count))
        for recipient in recipients {
            writer.vector8(Array(recipient.side.rawValue.utf8))
            writer.fixed(recipient.keyID.bytes)
            writer.fixed(recipient.encapsulatedKey)
            writer.fixed(recipient.wrappedKey)
        }
        writer.vector32(ciphertext)
        return writer.bytes
    }

    public init<Bytes: Collection>(encoded bytes: Bytes) throws(EntryError) where Bytes.Element == UInt8 {
        do throws(DecodingFailure) {
            guard bytes.count <= Self.maxEncodedSize else {
                throw DecodingFailure(field: "sealed_content", offset: 0, problem: .lengthOutOfRange(length: bytes.count, allowed: 0...Self.maxEncodedSize))
            }
            var reader = BinaryReader(bytes)
            let version = try reader.uint8("sealed_content.version")
            guard version == Self.formatVersion else {
                throw DecodingFailure(field: "sealed_content.version", offset: 0, problem: .unsupportedVersion(version))
            }
            let count = Int(try reader.uint8("sealed_content.recipients.count"))
            guard (1...Self.maxRecipients).contains(count) else {
                throw DecodingFailure(field: "sealed_content.recipients", offset: 1, problem: .lengthOutOfRange(length: count, allowed: 1...Self.maxRecipients))
            }
            var recipients: [WrappedKey] = []
            for _ in 0..<count {
                let start = reader.offset
                let sideBytes = try reader.vector8("sealed_content.recipients.side", allowed: 1...32)
                guard let text = String(validating: sideBytes, as: UTF8.self), let side = try? SideID(text) else {
                    throw DecodingFailure(field: "sealed_content.recipients.side", offset: start, problem: .invalidValue("not a valid side name"))
                }
                guard !recipients.contains(where: { $0.side == side }) else {
                    throw DecodingFailure(field: "sealed_content.recipients.side", offset: start, problem: .invalidValue("side \(side) appears twice"))
                }
                recipients.append(WrappedKey(
                    side: side,
                    keyID: Hash(bytes: try reader.fixed(32, "sealed_content.recipients.key_id"))!,
                    encapsulatedKey: try reader.fixed(WrappedKey.encapsulatedKeySize, "sealed_content.recipients.encapsulated_key"),
                    wrappedKey: try reader.fixed(WrappedKey.wrappedKeySize, "sealed_content.recipients.wrapped_key")))
            }
            let ciphertext = try reader.vector32("sealed_content.ciphertext", allowed: 16...(Self.maxPlaintextSize + 16))
            try reader.expectEnd("sealed_content")
            self.init(recipients: recipients, ciphertext: ciphertext)
        } catch {
            throw .malformed(error)
        }
    }
}
