/// A small RFC 8259 JSON parser that refuses everything a lenient one would guess at: duplicate
/// keys, invalid UTF-8, unpaired surrogates, control characters in strings, trailing data and deep
/// nesting. Different parsers resolving such cases differently is a classic way to smuggle
/// content past a check, so the keystore accepts exactly one reading of its input.
struct StrictJSONParser {
    /// A keystore needs two levels; the margin only keeps error messages meaningful.
    static let maximumDepth = 8

    private let bytes: [UInt8]
    private var offset = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func parse(_ bytes: [UInt8]) throws(KeystoreError) -> JSONValue {
        var parser = StrictJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw parser.failure("unexpected data after the JSON value") }
        return value
    }

    private mutating func parseValue(depth: Int) throws(KeystoreError) -> JSONValue {
        guard let byte = peek() else { throw failure("unexpected end of input") }
        switch byte {
        case ASCII.openBrace: return try parseObject(depth: depth + 1)
        case ASCII.openBracket: return try parseArray(depth: depth + 1)
        case ASCII.quote: return .string(try parseString())
        case ASCII.minus, ASCII.zero...ASCII.nine: return .number(try parseNumber())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: throw failure("unexpected character")
        }
    }

    private mutating func parseObject(depth: Int) throws(KeystoreError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        offset += 1
        var members: [JSONMember] = []
        var seenKeys: Set<[UInt8]> = []
        skipWhitespace()
        if peek() == ASCII.closeBrace {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == ASCII.quote else { throw failure("expected a quoted field name") }
            let key = try parseString()
            guard seenKeys.insert(Array(key.utf8)).inserted else { throw .duplicateField(key) }
            skipWhitespace()
            try expect(ASCII.colon, "expected ':' after a field name")
            skipWhitespace()
            members.append(JSONMember(key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            if peek() == ASCII.comma {
                offset += 1
                continue
            }
            try expect(ASCII.closeBrace, "expected ',' or '}' in an object")
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(KeystoreError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == ASCII.closeBracket {
            offset += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if peek() == ASCII.comma {
                offset += 1
                continue
            }
            try expect(ASCII.closeBracket, "expected ',' or ']' in an array")
            return .array(elements)
        }
    }

    private mutating func parseString() throws(KeystoreError) -> String {
        let start = offset
        offset += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("unterminated string") }
            switch byte {
            case ASCII.quote:
                offset += 1
                guard let string = String(validating: utf8, as: UTF8.self) else {
                    throw KeystoreError.malformedJSON(offset: start, problem: "string is not valid UTF-8")
                }
                return string
            case ASCII.backslash:
                offset += 1
                UTF8.encode(try parseEscape()) { utf8.append($0) }
            case 0..<0x20:
                throw failure("unescaped control character in a string")
            default:
                utf8.append(byte)
                offset += 1
            }
        }
    }

    /// Called just after a backslash.
    private mutating func parseEscape() throws(KeystoreError) -> Unicode.Scalar {
        guard let byte = peek() else { throw failure("unterminated escape") }
        offset += 1
        switch byte {
        case ASCII.quote: return "\""
        case ASCII.backslash: return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try parseUnicodeEscape()
        default:
            offset -= 1
            throw failure("unknown escape sequence")
        }
    }

    /// Called just after `\u`; joins a surrogate pair written as two escapes.
    private mutating func parseUnicodeEscape() throws(KeystoreError) -> Unicode.Scalar {
        let first = try parseHexQuad()
        let value: UInt32
        switch first {
        case 0xD800...0xDBFF:
            guard peek() == ASCII.backslash, peek(at: 1) == UInt8(ascii: "u") else {
                throw failure("unpaired surrogate in \\u escape")
            }
            offset += 2
            let second = try parseHexQuad()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("unpaired surrogate in \\u escape") }
            value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw failure("unpaired surrogate in \\u escape")
        default:
            value = first
        }
        guard let scalar = Unicode.Scalar(value) else { throw failure("invalid \\u escape") }
        return scalar
    }

    private mutating func parseHexQuad() throws(KeystoreError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else { throw failure("expected four hex digits after \\u") }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    /// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func parseNumber() throws(KeystoreError) -> String {
        let start = offset
        if peek() == ASCII.minus { offset += 1 }
        if peek() == ASCII.zero {
            offset += 1
        } else {
            guard skipDigits() > 0 else { throw failure("invalid number") }
        }
        if peek() == UInt8(ascii: ".") {
            offset += 1
            guard skipDigits() > 0 else { throw failure("expected digits after '.'") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == ASCII.minus { offset += 1 }
            guard skipDigits() > 0 else { throw failure("expected digits in exponent") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func skipDigits() -> Int {
        let start = offset
        while let byte = peek(), (ASCII.zero...ASCII.nine).contains(byte) { offset += 1 }
        return offset - start
    }

    private mutating func expectLiteral(_ literal: String) throws(KeystoreError) {
        let expected = literal.utf8
        guard bytes.count - offset >= expected.count,
              bytes[offset..<(offset + expected.count)].elementsEqual(expected)
        else { throw failure("unexpected character") }
        offset += expected.count
    }

    private mutating func expect(_ byte: UInt8, _ problem: String) throws(KeystoreError) {
        guard peek() == byte else { throw failure(problem) }
        offset += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { offset += 1 }
    }

    private func peek(at distance: Int = 0) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    private func failure(_ problem: String) -> KeystoreError {
        .malformedJSON(offset: offset, problem: problem)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case ASCII.zero...ASCII.nine: UInt32(byte - ASCII.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
