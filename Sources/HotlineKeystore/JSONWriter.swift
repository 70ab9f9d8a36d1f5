/// Serializes a `JSONValue` compactly with object keys sorted by their UTF-8 bytes, so the same
/// keystore always produces the same file.
enum JSONWriter {
    static func bytes(of value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        write(value, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case let .object(members):
            output.append(ASCII.openBrace)
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output.append(ASCII.comma) }
                writeString(member.key, to: &output)
                output.append(ASCII.colon)
                write(member.value, to: &output)
            }
            output.append(ASCII.closeBrace)
        case let .array(elements):
            output.append(ASCII.openBracket)
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(ASCII.comma) }
                write(element, to: &output)
            }
            output.append(ASCII.closeBracket)
        case let .string(string):
            writeString(string, to: &output)
        case let .number(text):
            output += text.utf8
        case let .bool(flag):
            output += (flag ? "true" : "false").utf8
        case .null:
            output += "null".utf8
        }
    }

    /// Escapes only what JSON requires; all other UTF-8 passes through unchanged.
    private static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(ASCII.quote)
        for byte in string.utf8 {
            switch byte {
            case ASCII.quote, ASCII.backslash:
                output += [ASCII.backslash, byte]
            case 0..<0x20:
                output += "\\u00".utf8
                output += [hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
            default:
                output.append(byte)
            }
        }
        output.append(ASCII.quote)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? ASCII.zero + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
