/// Why a Structured Field value could not be parsed or serialized.
///
/// Parse errors carry `at`, the zero-based byte offset in the field value where the problem
/// was found, so a log line can point at it.
public enum StructuredFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole value is longer than the limit allows.
    case fieldTooLong(length: Int, limit: Int)
    /// The dictionary has more members than the limit allows.
    case tooManyMembers(limit: Int, at: Int)
    /// An inner list has more items than the limit allows.
    case tooManyInnerListItems(limit: Int, at: Int)
    /// An item or inner list has more parameters than the limit allows.
    case tooManyParameters(limit: Int, at: Int)
    /// The value ended where more was required.
    case unexpectedEnd(expected: String, at: Int)
    /// A character appeared that the grammar does not allow there.
    case unexpectedCharacter(UInt8, expected: String, at: Int)
    /// A dictionary key appears twice. RFC 8941 would keep the last one; a signature header
    /// with two readings is refused instead.
    case duplicateKey(String, at: Int)
    /// A parameter key appears twice on one item or inner list; refused for the same reason.
    case duplicateParameter(String, at: Int)
    /// An integer has more than 15 digits.
    case integerTooLong(at: Int)
    /// A Decimal, Date or Display String: valid Structured Field types this module has no use for.
    case unsupportedType(String, at: Int)
    /// A backslash in a String is followed by something other than `"` or `\`.
    case invalidEscape(UInt8, at: Int)
    /// The text between the colons of a Byte Sequence is not base64.
    case invalidBase64(at: Int)
    /// Serializing: a key is not an sf-key (lowercase letter or `*`, then lowercase letters,
    /// digits, `_`, `-`, `.`, `*`).
    case invalidKey(String)
    /// Serializing: a String holds a character outside printable ASCII.
    case invalidString(String)
    /// Serializing: a Token is not an sf-token.
    case invalidToken(String)
    /// Serializing: an Integer is outside ±999,999,999,999,999.
    case integerOutOfRange(Int64)

    public var description: String {
        switch self {
        case let .fieldTooLong(length, limit):
            return "structured field is \(length) bytes long; at most \(limit) are accepted"
        case let .tooManyMembers(limit, at):
            return "structured field has more than \(limit) dictionary members (at byte \(at))"
        case let .tooManyInnerListItems(limit, at):
            return "inner list has more than \(limit) items (at byte \(at))"
        case let .tooManyParameters(limit, at):
            return "more than \(limit) parameters on one item or inner list (at byte \(at))"
        case let .unexpectedEnd(expected, at):
            return "structured field ends at byte \(at) where \(expected) was expected"
        case let .unexpectedCharacter(byte, expected, at):
            return "unexpected \(ASCII.describe(byte)) at byte \(at); expected \(expected)"
        case let .duplicateKey(key, at):
            return "dictionary key \"\(key)\" appears twice (second at byte \(at))"
        case let .duplicateParameter(key, at):
            return "parameter \"\(key)\" appears twice (second at byte \(at))"
        case let .integerTooLong(at):
            return "integer starting at byte \(at) has more than 15 digits"
        case let .unsupportedType(type, at):
            return "\(type) at byte \(at) is not accepted in this field"
        case let .invalidEscape(byte, at):
            return "invalid escape \\\(ASCII.describe(byte)) in string at byte \(at); only \\\" and \\\\ are allowed"
        case let .invalidBase64(at):
            return "byte sequence starting at byte \(at) is not valid base64"
        case let .invalidKey(key):
            return "\"\(key)\" cannot be a structured field key; keys are a lowercase letter or '*' followed by lowercase letters, digits, '_', '-', '.', '*'"
        case let .invalidString(text):
            return "\"\(text)\" cannot be a structured field string; only printable ASCII is allowed"
        case let .invalidToken(text):
            return "\"\(text)\" cannot be a structured field token"
        case let .integerOutOfRange(value):
            return "\(value) is outside the structured field integer range of ±999,999,999,999,999"
        }
    }
}
