import Foundation

/// The JSON file form of an evidence bundle. Binary values are standard base64. Reading is
/// strict: unknown or duplicate fields, non-integer numbers and non-canonical base64 are refused,
/// so that a bundle never carries data its verifier ignored or read two ways.
extension EvidenceBundle {
    public var json: [UInt8] {
        let file = File(
            format: Self.format, entry: Base64.encode(entry), index: index, treeSize: treeSize,
            inclusionProof: inclusionProof.map(\.base64), checkpoint: checkpoint,
            senderKeys: senderKeys, recipientKeys: recipientKeys, authorKey: Base64.encode(authorKey),
            plaintext: plaintext.map { Base64.encode($0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try! encoder.encode(file)) + [UInt8(ascii: "\n")]
    }

    public init(json bytes: [UInt8]) throws(BundleError) {
        guard bytes.count <= Self.maxFileSize else {
            throw .malformed("file is \(bytes.count) bytes; the limit is \(Self.maxFileSize)")
        }
        let document: JSONValue
        do { document = try JSONValue.parse(bytes) } catch { throw .malformed(error.description) }
        guard case let .object(fields) = document else { throw .malformed("not a JSON object") }
        let known: Set<String> = ["format", "entry", "index", "treeSize", "inclusionProof", "checkpoint",
                                  "senderKeys", "recipientKeys", "authorKey", "plaintext"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw .malformed("unknown field \"\(unknown.prefix(40))\"")
        }
        func field(_ name: String) throws(BundleError) -> JSONValue {
            guard let value = fields[name] else { throw .malformed("missing field \"\(name)\"") }
            return value
        }
        func string(_ name: String) throws(BundleError) -> String {
            guard case let .string(text) = try field(name) else { throw .malformed("field \"\(name)\" must be a string") }
            return text
        }
        func strings(_ name: String) throws(BundleError) -> [String] {
            guard case let .array(values) = try field(name) else { throw .malformed("field \"\(name)\" must be an array of strings") }
            var texts: [String] = []
            for value in values {
                guard case let .string(text) = value else { throw .malformed("field \"\(name)\" must be an array of strings") }
                texts.append(text)
            }
            return texts
        }
        func integer(_ name: String) throws(BundleError) -> UInt64 {
            guard let value = try field(name).unsignedInteger else {
                throw .malformed("field \"\(name)\" must be a whole number from 0 to 2^64-1, without fraction or exponent")
            }
            return value
        }
        func base64(_ name: String, _ text: String) throws(BundleError) -> [UInt8] {
            guard let bytes = Base64.decodeCanonical(text) else { throw .malformed("\(name) is not canonical base64") }
            return bytes
        }

        let format = try string("format")
        guard format == Self.format else {
            throw .malformed("format is \"\(format.prefix(60))\", expected \"\(Self.format)\"")
        }
        entry = try base64("entry", try string("entry"))
        index = try integer("index")
        treeSize = try integer("treeSize")
        let proof = try strings("inclusionProof")
        guard proof.count <= 64 else { throw .malformed("inclusionProof has more than 64 hashes") }
        var hashes: [Hash] = []
        for (i, text) in proof.enumerated() {
            guard let hash = Hash(base64: text) else { throw .malformed("inclusionProof[\(i)] is not canonical base64 of 32 bytes") }
            hashes.append(hash)
        }
        inclusionProof = hashes
        checkpoint = try string("checkpoint")
        senderKeys = try strings("senderKeys")
        recipientKeys = try strings("recipientKeys")
        authorKey = try base64("authorKey", try string("authorKey"))
        plaintext = fields["plaintext"] == nil ? nil : try base64("plaintext", try string("plaintext"))
    }

    private struct File: Encodable {
        var format: String
        var entry: String
        var index: UInt64
        var treeSize: UInt64
        var inclusionProof: [String]
        var checkpoint: String
        var senderKeys: [String]
        var recipientKeys: [String]
        var authorKey: String
        var plaintext: String?

    }
}
