/// Byte classes from RFC 9110 and RFC 8941, used by the parser, the serializer and the
/// signature base. Everything here works on UTF-8 bytes: every grammar involved is ASCII, so
/// a byte outside it is simply a character the grammar does not allow.
enum ASCII {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLowercaseAlpha(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isUppercaseAlpha(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isAlpha(_ byte: UInt8) -> Bool { isLowercaseAlpha(byte) || isUppercaseAlpha(byte) }

    /// VCHAR: visible characters, no space.
    static func isVisible(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }

    /// Printable ASCII including space: the characters an sf-string may hold.
    static func isPrintable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7E }

    /// tchar from RFC 9110 section 5.6.2.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        if isAlpha(byte) || isDigit(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// A character allowed after the first in an sf-key: lcalpha, DIGIT, "_", "-", ".", "*".
    static func isKeyCharacter(_ byte: UInt8) -> Bool {
        isLowercaseAlpha(byte) || isDigit(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "*")
    }

    /// Whether `text` is a valid sf-key (RFC 8941 section 3.1.2).
    static func isValidKey(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isLowercaseAlpha(first) || first == UInt8(ascii: "*") else {
            return false
        }
        return bytes.dropFirst().allSatisfy(isKeyCharacter)
    }

    /// Whether `text` is a valid sf-token (RFC 8941 section 3.3.4).
    static func isValidToken(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isAlpha(first) || first == UInt8(ascii: "*") else {
            return false
        }
        return bytes.dropFirst().allSatisfy {
            isTokenCharacter($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/")
        }
    }

    /// Lowercases A-Z only; other bytes are left alone.
    static func lowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { isUppercaseAlpha($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Trims leading and trailing SP and HTAB (optional whitespace around a field value).
    static func trimmingOptionalWhitespace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
        while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A short, printable rendering of a byte for error messages.
    static func describe(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let padded = hex.count == 1 ? "0" + hex : hex
        if isVisible(byte) {
            return "'\(Character(Unicode.Scalar(byte)))' (0x\(padded))"
        }
        return "byte 0x\(padded)"
    }
}
