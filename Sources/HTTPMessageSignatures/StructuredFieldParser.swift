/// A strict parser for RFC 8941 / RFC 9651 Dictionaries, following the parsing algorithms
/// of RFC 8941 section 4.2 step by step.
///
/// Differences from the RFC, all in the direction of refusing: duplicate dictionary keys and
/// duplicate parameters are errors (the RFC keeps the last), Decimals, Dates and Display
/// Strings are errors, and the sizes in ``StructuredFieldLimits`` are enforced.
public struct StructuredFieldParser {
    private let input: [UInt8]
    private let limits: StructuredFieldLimits
    private var position = 0

    private init(_ text: String, limits: StructuredFieldLimits) {
        self.input = Array(text.utf8)
        self.limits = limits
    }

    /// Parses a field value as a Dictionary (RFC 8941 section 4.2.2).
    public static func parseDictionary(
        _ text: String, limits: StructuredFieldLimits = .standard
    ) throws(StructuredFieldError) -> StructuredDictionary {
        var parser = StructuredFieldParser(text, limits: limits)
        guard parser.input.count <= limits.maxFieldLength else {
            throw .fieldTooLong(length: parser.input.count, limit: limits.maxFieldLength)
        }
        parser.skipSpaces()
        let dictionary = try parser.parseDictionaryMembers()
        parser.skipSpaces()
        if let byte = parser.peek() {
            throw .unexpectedCharacter(byte, expected: "end of field", at: parser.position)
        }
        return dictionary
    }

    // MARK: - Dictionary and lists

    private mutating func parseDictionaryMembers() throws(StructuredFieldError) -> StructuredDictionary {
        var members: [StructuredDictionary.Member] = []
        var keys = Set<String>()
        while !isAtEnd {
            let keyStart = position
            let key = try parseKey()
            guard !keys.contains(key) else { throw .duplicateKey(key, at: keyStart) }
            guard members.count < limits.maxMembers else {
                throw .tooManyMembers(limit: limits.maxMembers, at: keyStart)
            }
            let value: StructuredDictionary.Value
            if peek() == UInt8(ascii: "=") {
                position += 1
                value = try parseItemOrInnerList()
            } else {
                // A bare key is the Boolean true, with parameters.
                value = .item(StructuredItem(.boolean(true), parameters: try parseParameters()))
            }
            keys.insert(key)
            members.append(StructuredDictionary.Member(key: key, value: value))

            skipOptionalWhitespace()
            guard let next = peek() else { break }
            guard next == UInt8(ascii: ",") else {
                throw .unexpectedCharacter(next, expected: "',' between dictionary members", at: position)
            }
            position += 1
            skipOptionalWhitespace()
            if isAtEnd {
                throw .unexpectedEnd(expected: "a dictionary member after ','", at: position)
            }
        }
        return StructuredDictionary(members)
    }

    private mutating func parseItemOrInnerList() throws(StructuredFieldError) -> StructuredDictionary.Value {
        if peek() == UInt8(ascii: "(") {
            return .innerList(try parseInnerList())
        }
        return .item(try parseItem())
    }

    private mutating func parseInnerList() throws(StructuredFieldError) -> StructuredInnerList {
        position += 1  // "("
        var items: [StructuredItem] = []
        while !isAtEnd {
            skipSpaces()
            if peek() == UInt8(ascii: ")") {
                position += 1
                return StructuredInnerList(items, parameters: try parseParameters())
            }
            guard items.count < limits.maxInnerListItems else {
                throw .tooManyInnerListItems(limit: limits.maxInnerListItems, at: position)
            }
            items.append(try parseItem())
            guard let next = peek() else { break }
            guard next == ASCII.space || next == UInt8(ascii: ")") else {
                throw .unexpectedCharacter(next, expected: "a space or ')' after an inner list item", at: position)
            }
        }
        throw .unexpectedEnd(expected: "')' closing the inner list", at: position)
    }

    private mutating func parseItem() throws(StructuredFieldError) -> StructuredItem {
        let value = try parseBareItem()
        return StructuredItem(value, parameters: try parseParameters())
    }

    private mutating func parseParameters() throws(StructuredFieldError) -> [StructuredParameter] {
        var parameters: [StructuredParameter] = []
        while peek() == UInt8(ascii: ";") {
            position += 1
            skipSpaces()
            let keyStart = position
            let key = try parseKey()
            guard !parameters.contains(where: { $0.key == key }) else {
                throw .duplicateParameter(key, at: keyStart)
            }
            guard parameters.count < limits.maxParameters else {
                throw .tooManyParameters(limit: limits.maxParameters, at: keyStart)
            }
            var value = StructuredBareItem.boolean(true)
            if peek() == UInt8(ascii: "=") {
                position += 1
                value = try parseBareItem()
            }
            parameters.append(StructuredParameter(key: key, value: value))
        }
        return parameters
    }

    private mutating func parseKey() throws(StructuredFieldError) -> String {
        guard let first = peek() else { throw .unexpectedEnd(expected: "a key", at: position) }
        guard ASCII.isLowercaseAlpha(first) || first == UInt8(ascii: "*") else {
            throw .unexpectedCharacter(first, expected: "a key starting with a lowercase letter or '*'", at: position)
        }
        let start = position
        position += 1
        while let byte = peek(), ASCII.isKeyCharacter(byte) { position += 1 }
        return String(decoding: input[start..<position], as: UTF8.self)
    }

    // MARK: - Bare items

    private mutating func parseBareItem() throws(StructuredFieldError) -> StructuredBareItem {
        guard let first = peek() else { throw .unexpectedEnd(expected: "a value", at: position) }
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try parseInteger())
        case ASCII.quote:
            return .string(try parseString())
        case UInt8(ascii: ":"):
            return .byteSequence(try parseByteSequence())
        case UInt8(ascii: "?"):
            return .boolean(try parseBoolean())
        case UInt8(ascii: "@"):
            throw .unsupportedType("a Date", at: position)
        case UInt8(ascii: "%"):
            throw .unsupportedType("a Display String", at: position)
        default:
            if ASCII.isAlpha(first) || first == UInt8(ascii: "*") {
                return .token(parseToken())
            }
            throw .unexpectedCharacter(first, expected: "a value (integer, string, token, byte sequence or boolean)", at: position)
        }
    }

    private mutating func parseInteger() throws(StructuredFieldError) -> Int64 {
        let start = position
        var sign: Int64 = 1
        if peek() == UInt8(ascii: "-") {
            sign = -1
            position += 1
        }
        guard let first = peek() else { throw .unexpectedEnd(expected: "a digit", at: position) }
        guard ASCII.isDigit(first) else {
            throw .unexpectedCharacter(first, expected: "a digit", at: position)
        }
        var magnitude: Int64 = 0
        var digits = 0
        while let byte = peek(), ASCII.isDigit(byte) {
            digits += 1
            // Checked before accumulating, so 15 digits never overflow Int64.
            guard digits <= 15 else { throw .integerTooLong(at: start) }
            magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0"))
            position += 1
        }
        if peek() == UInt8(ascii: ".") {
            throw .unsupportedType("a Decimal", at: start)
        }
        return sign * magnitude
    }

    private mutating func parseString() throws(StructuredFieldError) -> String {
        position += 1  // opening quote
        var output: [UInt8] = []
        while let byte = peek() {
            position += 1
            if byte == ASCII.backslash {
                guard let escaped = peek() else {
                    throw .unexpectedEnd(expected: "an escaped character after '\\'", at: position)
                }
                guard escaped == ASCII.quote || escaped == ASCII.backslash else {
                    throw .invalidEscape(escaped, at: position)
                }
                position += 1
                output.append(escaped)
            } else if byte == ASCII.quote {
                return String(decoding: output, as: UTF8.self)
            } else if ASCII.isPrintable(byte) {
                output.append(byte)
            } else {
                throw .unexpectedCharacter(byte, expected: "printable ASCII inside a string", at: position - 1)
            }
        }
        throw .unexpectedEnd(expected: "'\"' closing the string", at: position)
    }

    private mutating func parseToken() -> String {
        let start = position
        position += 1
        while let byte = peek(),
              ASCII.isTokenCharacter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") {
            position += 1
        }
        return String(decoding: input[start..<position], as: UTF8.self)
    }

    private mutating func parseByteSequence() throws(StructuredFieldError) -> [UInt8] {
        let start = position
        position += 1  // opening colon
        let contentStart = position
        while let byte = peek(), byte != UInt8(ascii: ":") {
            guard ASCII.isAlpha(byte) || ASCII.isDigit(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
            else {
                throw .unexpectedCharacter(byte, expected: "a base64 character or ':' closing the byte sequence", at: position)
            }
            position += 1
        }
        guard !isAtEnd else {
            throw .unexpectedEnd(expected: "':' closing the byte sequence", at: position)
        }
        let content = input[contentStart..<position]
        position += 1  // closing colon
        guard let bytes = Base64.decode(content) else { throw .invalidBase64(at: start) }
        return bytes
    }

    private mutating func parseBoolean() throws(StructuredFieldError) -> Bool {
        position += 1  // "?"
        guard let byte = peek() else { throw .unexpectedEnd(expected: "'1' or '0' after '?'", at: position) }
        position += 1
        switch byte {
        case UInt8(ascii: "1"): return true
        case UInt8(ascii: "0"): return false
        default: throw .unexpectedCharacter(byte, expected: "'1' or '0' after '?'", at: position - 1)
        }
    }

    // MARK: - Cursor

    private var isAtEnd: Bool { position >= input.count }

    private func peek() -> UInt8? { isAtEnd ? nil : input[position] }

    private mutating func skipSpaces() {
        while peek() == ASCII.space { position += 1 }
    }

    /// OWS: spaces and horizontal tabs, allowed around the commas of a dictionary.
    private mutating func skipOptionalWhitespace() {
        while let byte = peek(), byte == ASCII.space || byte == ASCII.tab { position += 1 }
    }
}
