import Foundation

/// The JSON file form of an evidence bundle. Binary values are standard base64; unknown fields
/// are refused so that a bundle never carries data its verifier ignored.
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
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(bytes))
        } catch let error as BundleError {
            throw error
        } catch let DecodingError.keyNotFound(key, _) {
            throw .malformed("missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .malformed("field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .malformed(path.isEmpty ? "not valid JSON" : "field \"\(path)\" is invalid")
        } catch {
            throw .malformed("not a bundle: \(error)")
        }
        guard file.format == Self.format else {
            throw .malformed("format is \"\(file.format.prefix(60))\", expected \"\(Self.format)\"")
        }
        func base64(_ field: String, _ text: String) throws(BundleError) -> [UInt8] {
            guard let bytes = Base64.decodeCanonical(text) else { throw .malformed("\(field) is not canonical base64") }
            return bytes
        }
        entry = try base64("entry", file.entry)
        index = file.index
        treeSize = file.treeSize
        guard file.inclusionProof.count <= 64 else { throw .malformed("inclusionProof has more than 64 hashes") }
        var proof: [Hash] = []
        for (i, text) in file.inclusionProof.enumerated() {
            guard let hash = Hash(base64: text) else { throw .malformed("inclusionProof[\(i)] is not canonical base64 of 32 bytes") }
            proof.append(hash)
        }
        inclusionProof = proof
        checkpoint = file.checkpoint
        senderKeys = file.senderKeys
        recipientKeys = file.recipientKeys
        authorKey = try base64("authorKey", file.authorKey)
        plaintext = try file.plaintext.map { text throws(BundleError) in try base64("plaintext", text) }
    }

    private struct File: Codable {
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

        init(format: String, entry: String, index: UInt64, treeSize: UInt64, inclusionProof: [String], checkpoint: String,
             senderKeys: [String], recipientKeys: [String], authorKey: String, plaintext: String?) {
            self.format = format
            self.entry = entry
            self.index = index
            self.treeSize = treeSize
            self.inclusionProof = inclusionProof
            self.checkpoint = checkpoint
            self.senderKeys = senderKeys
            self.recipientKeys = recipientKeys
            self.authorKey = authorKey
            self.plaintext = plaintext
        }

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case format, entry, index, treeSize, inclusionProof, checkpoint, senderKeys, recipientKeys, authorKey, plaintext
        }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            for key in try decoder.container(keyedBy: AnyKey.self).allKeys where !known.contains(key.stringValue) {
                throw BundleError.malformed("unknown field \"\(key.stringValue.prefix(40))\"")
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            format = try container.decode(String.self, forKey: .format)
            entry = try container.decode(String.self, forKey: .entry)
            index = try container.decode(UInt64.self, forKey: .index)
            treeSize = try container.decode(UInt64.self, forKey: .treeSize)
            inclusionProof = try container.decode([String].self, forKey: .inclusionProof)
            checkpoint = try container.decode(String.self, forKey: .checkpoint)
            senderKeys = try container.decode([String].self, forKey: .senderKeys)
            recipientKeys = try container.decode([String].self, forKey: .recipientKeys)
            authorKey = try container.decode(String.self, forKey: .authorKey)
            plaintext = try container.decodeIfPresent(String.self, forKey: .plaintext)
        }
    }
}
