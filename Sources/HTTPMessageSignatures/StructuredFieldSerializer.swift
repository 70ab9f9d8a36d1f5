/// Serializes Structured Field values exactly as RFC 8941 section 4.1 says: this is the one
/// canonical form that a signature base's `@signature-params` line and the signature headers
/// are written in.
public enum StructuredFieldSerializer {
    /// Serializes a Dictionary (RFC 8941 section 4.1.2): members joined by ", ".
    public static func serialize(_ dictionary: StructuredDictionary) throws(StructuredFieldError) -> String {
        var output = ""
        for (index, member) in dictionary.members.enumerated() {
            if index > 0 { output += ", " }
            output += try serializeKey(member.key)
            switch member.value {
            case let .item(item) where item.value == .boolean(true):
                // A true Boolean is written as the bare key.
                output += try serialize(item.parameters)
            case let .item(item):
                output += "=" + (try serialize(item))
            case let .innerList(list):
                output += "=" + (try serialize(list))
            }
        }
        return output
    }

    /// Serializes an Inner List (RFC 8941 section 4.1.1.1): `("a" "b");p=1`.
    public static func serialize(_ innerList: StructuredInnerList) throws(StructuredFieldError) -> String {
        var output = "("
        for (index, item) in innerList.items.enumerated() {
            if index > 0 { output += " " }
            output += try serialize(item)
        }
        output += ")"
        output += try serialize(innerList.parameters)
        return output
    }

    /// Serializes an Item (RFC 8941 section 4.1.3): the bare item and its parameters.
    public static func serialize(_ item: StructuredItem) throws(StructuredFieldError) -> String {
        try serialize(item.value) + (try serialize(item.parameters))
    }

    /// Serializes parameters (RFC 8941 section 4.1.1.2): `;key=value`, or `;key` for true.
    public static func serialize(_ parameters: [StructuredParameter]) throws(StructuredFieldError) -> String {
        var output = ""
        for parameter in parameters {
            output += ";" + (try serializeKey(parameter.key))
            if parameter.value != .boolean(true) {
                output += "=" + (try serialize(parameter.value))
            }
        }
        return output
    }

    /// Serializes a bare item (RFC 8941 sections 4.1.4 to 4.1.9).
    public static func serialize(_ bareItem: StructuredBareItem) throws(StructuredFieldError) -> String {
        switch bareItem {
        case let .integer(value):
            guard value >= -999_999_999_999_999, value <= 999_999_999_999_999 else {
                throw .integerOutOfRange(value)
            }
            return String(value)
        case let .string(text):
            var output: [UInt8] = [ASCII.quote]
            for byte in text.utf8 {
                guard ASCII.isPrintable(byte) else { throw .invalidString(text) }
                if byte == ASCII.quote || byte == ASCII.backslash { output.append(ASCII.backslash) }
                output.append(byte)
            }
            output.append(ASCII.quote)
            return String(decoding: output, as: UTF8.self)
        case let .token(text):
            guard ASCII.isValidToken(text) else { throw .invalidToken(text) }
            return text
        case let .byteSequence(bytes):
            return ":" + Base64.encode(bytes) + ":"
        case let .boolean(value):
            return value ? "?1" : "?0"
        }
    }

    private static func serializeKey(_ key: String) throws(StructuredFieldError) -> String {
        guard ASCII.isValidKey(key) else { throw .invalidKey(key) }
        return key
    }
}
