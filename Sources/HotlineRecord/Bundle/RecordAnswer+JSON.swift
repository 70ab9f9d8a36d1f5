import Foundation

/// The JSON file form of a record answer. Binary values are standard base64; reading is strict
/// like the evidence bundle's (unknown fields, non-canonical base64 and non-integers refused).
extension RecordAnswer {
    public var json: [UInt8] {
        var question: [String: JSONValue] = ["sender": .string(self.question.sender.rawValue)]
        if let kind = self.question.kind { question["kind"] = .string(kind.token) }
        if let line = self.question.line { question["line"] = .string(line.rawValue) }
        if let track = self.question.track { question["track"] = .string(track.rawValue) }
        if let from = self.question.signedFrom { question["signedFrom"] = .number(String(from)) }
        if let until = self.question.signedUntil { question["signedUntil"] = .number(String(until)) }
        if let stages = self.question.stages { question["stages"] = .number(String(stages)) }
        if let subject = self.question.subject { question["subject"] = .string(subject) }
        let document: JSONValue = .object([
            "format": .string(Self.format), "question": .object(question), "checkpoint": .string(checkpoint),
            "senderKeys": .array(senderKeys.map(JSONValue.string)), "recipientKeys": .array(recipientKeys.map(JSONValue.string)),
            "entries": .array(entries.map { .string(Base64.encode($0)) }),
            "disclosed": .object(Dictionary(uniqueKeysWithValues: disclosed.map { (String($0.key), JSONValue.string(Base64.encode($0.value))) })),
            "matches": .array(matches.map { .number(String($0)) }),
        ])
        return document.serialized + [UInt8(ascii: "\n")]
    }

    public init(json bytes: [UInt8]) throws(BundleError) {
        guard bytes.count <= Self.maxFileSize else { throw .malformed("file is \(bytes.count) bytes; the limit is \(Self.maxFileSize)") }
        let document: JSONValue
        do { document = try JSONValue.parse(bytes) } catch { throw .malformed(error.description) }
        let fields = try Self.object(document, "the answer", known: ["format", "question", "checkpoint", "senderKeys", "recipientKeys", "entries", "disclosed", "matches"])
        guard case .string(Self.format)? = fields["format"] else { throw .malformed("format must be \"\(Self.format)\"") }
        let q = try Self.object(fields["question"], "question", known: ["sender", "kind", "line", "track", "signedFrom", "signedUntil", "stages", "subject"])
        func name<T>(_ key: String, _ make: (String) throws -> T) throws(BundleError) -> T? {
            guard let value = q[key] else { return nil }
            guard case let .string(text) = value, let made = try? make(text) else { throw .malformed("question.\(key) is not a valid name") }
            return made
        }
        func number(_ value: JSONValue?, _ what: String) throws(BundleError) -> UInt64? {
            guard let value else { return nil }
            guard let number = value.unsignedInteger else { throw .malformed("\(what) must be a whole number") }
            return number
        }
        guard let sender = try name("sender", { try SideID($0) }) else { throw .malformed("question.sender is missing") }
        var kind: EntryKind?
        if let token = try name("kind", { $0 }) {
            guard let parsed = EntryKind(token: token) else { throw .malformed("question.kind \"\(token.prefix(40))\" is not an entry kind") }
            kind = parsed
        }
        let stages = try number(q["stages"], "question.stages")
        guard stages.map({ $0 <= 1_000 }) ?? true else { throw .malformed("question.stages is out of range") }
        question = RecordQuestion(
            sender: sender, kind: kind, line: try name("line", { try LineID($0) }), track: try name("track", { try TrackID($0) }),
            signedFrom: try number(q["signedFrom"], "question.signedFrom"), signedUntil: try number(q["signedUntil"], "question.signedUntil"),
            stages: stages.map(Int.init), subject: try Self.subject(q["subject"]))
        guard case let .string(checkpoint)? = fields["checkpoint"] else { throw .malformed("checkpoint must be a string") }
        self.checkpoint = checkpoint
        senderKeys = try Self.strings(fields["senderKeys"], "senderKeys")
        recipientKeys = try Self.strings(fields["recipientKeys"], "recipientKeys")
        entries = try Self.strings(fields["entries"], "entries").enumerated().map { (index, text) throws(BundleError) in
            guard let bytes = Base64.decodeCanonical(text) else { throw .malformed("entries[\(index)] is not canonical base64") }
            return bytes
        }
        var disclosed: [UInt64: [UInt8]] = [:]
        for (key, value) in try Self.object(fields["disclosed"], "disclosed", known: nil) {
            guard Checkpoint.isDecimal(key), let index = UInt64(key), case let .string(text) = value, let bytes = Base64.decodeCanonical(text) else {
                throw .malformed("disclosed maps entry numbers to canonical base64 plaintexts")
            }
            disclosed[index] = bytes
        }
        self.disclosed = disclosed
        guard case let .array(matches)? = fields["matches"] else { throw .malformed("matches must be an array of entry numbers") }
        self.matches = try matches.map { (value) throws(BundleError) in try number(value, "matches[]")! }
    }

    private static func subject(_ value: JSONValue?) throws(BundleError) -> String? {
        guard let value else { return nil }
        guard case let .string(text) = value, (1...200).contains(text.count) else { throw .malformed("question.subject is a text of 1 to 200 characters") }
        return text
    }

    private static func object(_ value: JSONValue?, _ what: String, known: Set<String>?) throws(BundleError) -> [String: JSONValue] {
        guard case let .object(fields)? = value else { throw .malformed("\(what) must be a JSON object") }
        if let known, let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw .malformed("unknown field \"\(unknown.prefix(40))\" in \(what)")
        }
        return fields
    }

    private static func strings(_ value: JSONValue?, _ what: String) throws(BundleError) -> [String] {
        guard case let .array(values)? = value else { throw .malformed("\(what) must be an array of strings") }
        return try values.map { (value) throws(BundleError) in
            guard case let .string(text) = value else { throw .malformed("\(what) must be an array of strings") }
            return text
        }
    }
}
