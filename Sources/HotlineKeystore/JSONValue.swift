/// A parsed JSON value, kept close to the text so that strict checks remain possible.
indirect enum JSONValue: Equatable, Sendable {
    /// Members in file order; keys are unique byte-for-byte (the parser rejects duplicates).
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    /// The number's exact text; interpretation is up to the reader.
    case number(String)
    case bool(Bool)
    case null
}

/// One `"key": value` pair of a JSON object.
struct JSONMember: Equatable, Sendable {
    let key: String
    let value: JSONValue
}
