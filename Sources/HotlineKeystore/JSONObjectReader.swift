import Foundation

/// Typed, strict access to one JSON object of a keystore file, reporting problems by field path
/// (e.g. "kdf.salt").
struct JSONObjectReader {
    private let path: String
    private let members: [JSONMember]

    init(_ value: JSONValue, path: String) throws(KeystoreError) {
        guard case let .object(members) = value else {
            throw .wrongFieldType(field: path.isEmpty ? "(top level)" : path, expected: "an object")
        }
        self.path = path
        self.members = members
    }

    /// Refuses fields outside `allowed` first, then reports the first of them that is missing.
    func requireExactly(_ allowed: [String]) throws(KeystoreError) {
        for member in members where !allowed.contains(where: { $0.hasSameBytes(as: member.key) }) {
            throw .unexpectedField(fieldPath(member.key))
        }
        for name in allowed {
            _ = try value(name)
        }
    }

    func string(_ name: String) throws(KeystoreError) -> String {
        guard case let .string(string) = try value(name) else {
            throw .wrongFieldType(field: fieldPath(name), expected: "a string")
        }
        return string
    }

    func object(_ name: String) throws(KeystoreError) -> JSONObjectReader {
        try JSONObjectReader(value(name), path: fieldPath(name))
    }

    /// An integer written without fraction or exponent. Values beyond Int saturate: every caller
    /// range-checks the result, and a saturated value is out of every range.
    func integer(_ name: String) throws(KeystoreError) -> Int {
        guard case let .number(text) = try value(name),
              text.utf8.allSatisfy({ (ASCII.zero...ASCII.nine).contains($0) || $0 == ASCII.minus })
        else {
            throw .wrongFieldType(field: fieldPath(name), expected: "an integer without fraction or exponent")
        }
        let negative = text.utf8.first == ASCII.minus
        var magnitude = 0
        for digit in text.utf8 where digit != ASCII.minus {
            let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(digit - ASCII.zero))
            if overflowA || overflowB { return negative ? Int.min : Int.max }
            magnitude = sum
        }
        return negative ? -magnitude : magnitude
    }

    /// Standard base64 with padding, in the one canonical spelling of its bytes.
    func base64(_ name: String, byteCount: Int) throws(KeystoreError) -> [UInt8] {
        let text = try string(name)
        guard let data = Data(base64Encoded: text), data.base64EncodedString().hasSameBytes(as: text) else {
            throw .nonCanonicalBase64(field: fieldPath(name))
        }
        guard data.count == byteCount else {
            throw .wrongLength(field: fieldPath(name), expected: byteCount, actual: data.count)
        }
        return Array(data)
    }

    private func value(_ name: String) throws(KeystoreError) -> JSONValue {
        guard let member = members.first(where: { $0.key.hasSameBytes(as: name) }) else {
            throw .missingField(fieldPath(name))
        }
        return member.value
    }

    private func fieldPath(_ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }
}
