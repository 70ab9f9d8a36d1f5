import Crypto
import Foundation

/// Entries in transit between two nodes. The link is encrypted end to end whatever carries it:
/// one HPKE context per batch (X-Wing, to the receiving side's content key) seals each record
/// with the AEAD, so a relay or proxy can delay or drop a batch, never read or alter it. The
/// entries inside are still signed by their authors and committed by the sender's checkpoints.
public struct SealedBatch: Hashable, Sendable {
    public static let formatVersion: UInt8 = 1
    public static let maxRecords = 1_000
    public static let maxEncodedSize = 64 * 1024 * 1024

    /// One entry and its sealed content.
    public struct Record: Hashable, Sendable {
        public var entry: [UInt8]
        public var content: [UInt8]

        public init(entry: [UInt8], content: [UInt8]) {
            self.entry = entry
            self.content = content
        }
    }

    public var origin: LogOrigin
    /// The sequence number of the first record.
    public var first: UInt64
    public var encapsulatedKey: [UInt8]
    /// Each record sealed by the batch's HPKE context, with its sequence number as the AAD.
    public var sealedRecords: [[UInt8]]

    static func info(_ origin: LogOrigin, _ first: UInt64) -> Data {
        Data("hotline/batch/v1\n\(origin)\n\(first)".utf8)
    }

    static func aad(_ sequence: UInt64) -> Data {
        Data((0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * UInt64($0))) })
    }

    /// Seals records `first ..< first + records.count` of `origin` for the recipient.
    public static func seal(_ records: [Record], origin: LogOrigin, first: UInt64, to recipient: SidePublicKeys) throws -> SealedBatch {
        guard (1...maxRecords).contains(records.count) else {
            throw EntryError.cannotOpenContent("a batch holds 1-\(maxRecords) records")
        }
        var context = try HPKE.Sender(recipientKey: recipient.contentKey, ciphersuite: SealedContent.ciphersuite, info: info(origin, first))
        var sealed: [[UInt8]] = []
        sealed.reserveCapacity(records.count)
        for (offset, record) in records.enumerated() {
            var writer = BinaryWriter(capacity: record.entry.count + record.content.count + 8)
            writer.vector16(record.entry)
            writer.vector32(record.content)
            sealed.append([UInt8](try context.seal(writer.bytes, authenticating: aad(first + UInt64(offset)))))
        }
        return SealedBatch(origin: origin, first: first, encapsulatedKey: [UInt8](context.encapsulatedKey), sealedRecords: sealed)
    }

    /// Opens the batch with the recipient's keys; fails if any record was altered, dropped,
    /// reordered or belongs to another batch.
    public func open(with keys: SideKeys) throws(EntryError) -> [Record] {
        do {
            var context = try HPKE.Recipient(privateKey: keys.contentPrivateKey, ciphersuite: SealedContent.ciphersuite,
                                             info: Self.info(origin, first), encapsulatedKey: Data(encapsulatedKey))
            return try sealedRecords.enumerated().map { offset, sealed in
                let plain = try context.open(sealed, authenticating: Self.aad(first + UInt64(offset)))
                var reader = BinaryReader(plain)
                let entry = try reader.vector16("batch.record.entry", allowed: 1...Entry.maxEncodedSize)
                let content = try reader.vector32("batch.record.content", allowed: 0...SealedContent.maxEncodedSize)
                try reader.expectEnd("batch.record")
                return Record(entry: entry, content: content)
            }
        } catch let error as DecodingFailure {
            throw .malformed(error)
        } catch {
            throw .cannotOpenContent("the batch does not open with \(keys.side)'s content key: it was altered, or sealed for another key")
        }
    }

    public var encoded: [UInt8] {
        var writer = BinaryWriter(capacity: sealedRecords.reduce(1200) { $0 + $1.count + 4 })
        writer.uint8(Self.formatVersion)
        writer.vector8(Array(origin.text.utf8))
        writer.uint64(first)
        writer.fixed(encapsulatedKey)
        writer.uint16(UInt16(sealedRecords.count))
        for record in sealedRecords { writer.vector32(record) }
        return writer.bytes
    }

    public init(origin: LogOrigin, first: UInt64, encapsulatedKey: [UInt8], sealedRecords: [[UInt8]]) {
        self.origin = origin
        self.first = first
        self.encapsulatedKey = encapsulatedKey
        self.sealedRecords = sealedRecords
    }

    public init(encoded bytes: [UInt8]) throws(EntryError) {
        do throws(DecodingFailure) {
            guard bytes.count <= Self.maxEncodedSize else {
                throw DecodingFailure(field: "batch", offset: 0, problem: .lengthOutOfRange(length: bytes.count, allowed: 0...Self.maxEncodedSize))
            }
            var reader = BinaryReader(bytes)
            let version = try reader.uint8("batch.version")
            guard version == Self.formatVersion else {
                throw DecodingFailure(field: "batch.version", offset: 0, problem: .unsupportedVersion(version))
            }
            let originOffset = reader.offset
            let originBytes = try reader.vector8("batch.origin", allowed: 1...255)
            guard let text = String(validating: originBytes, as: UTF8.self), let origin = try? LogOrigin(text: text) else {
                throw DecodingFailure(field: "batch.origin", offset: originOffset, problem: .invalidValue("not a Hotline log origin"))
            }
            let first = try reader.uint64("batch.first")
            let encapsulatedKey = try reader.fixed(SealedContent.WrappedKey.encapsulatedKeySize, "batch.encapsulated_key")
            let countOffset = reader.offset
            let count = Int(try reader.uint16("batch.count"))
            guard (1...Self.maxRecords).contains(count) else {
                throw DecodingFailure(field: "batch.count", offset: countOffset, problem: .lengthOutOfRange(length: count, allowed: 1...Self.maxRecords))
            }
            guard first <= UInt64.max - UInt64(count) else {
                throw DecodingFailure(field: "batch.first", offset: countOffset, problem: .invalidValue("sequence numbers overflow"))
            }
            var records: [[UInt8]] = []
            for _ in 0..<count {
                records.append(try reader.vector32("batch.record", allowed: 16...(Entry.maxEncodedSize + SealedContent.maxEncodedSize + 6 + 16)))
            }
            try reader.expectEnd("batch")
            self.init(origin: origin, first: first, encapsulatedKey: encapsulatedKey, sealedRecords: records)
        } catch {
            throw .malformed(error)
        }
    }
}
