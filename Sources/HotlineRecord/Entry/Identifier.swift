/// The names the record uses for sides, lines, tracks and roles. Each is plain lowercase ASCII
/// so that it reads the same in every script, sorts predictably and has one byte form.

/// A sovereign party, e.g. `ru` or `us`: 1–32 of `a-z 0-9 -`, starting with a letter or digit.
public struct SideID: RecordName {
    public let rawValue: String

    public init(_ text: String) throws(IdentifierError) {
        guard Identifier.isSegment(text, maxLength: 32) else {
            throw IdentifierError(kind: "side", text: text, rule: "1-32 characters of a-z, 0-9 and '-', starting with a letter or digit")
        }
        rawValue = text
    }

    /// A name already known to follow the rule (the first segment of a role name).
    fileprivate init(checked text: String) {
        rawValue = text
    }
}

/// A standing line between the two sides, e.g. `ru-us/mod`: 1–64 characters, segments of
/// `a-z 0-9 - .` separated by `/`.
public struct LineID: RecordName {
    public let rawValue: String

    public init(_ text: String) throws(IdentifierError) {
        guard Identifier.isPath(text, minSegments: 1, maxLength: 64, allowDot: true) else {
            throw IdentifierError(kind: "line", text: text, rule: "1-64 characters: segments of a-z, 0-9, '-' and '.' separated by '/'")
        }
        rawValue = text
    }

}

/// A topic area on a line, e.g. `counterterrorism`: 1–64 of `a-z 0-9 - .`.
public struct TrackID: RecordName {
    public let rawValue: String

    public init(_ text: String) throws(IdentifierError) {
        guard Identifier.isPath(text, minSegments: 1, maxLength: 64, allowDot: true), !text.contains("/") else {
            throw IdentifierError(kind: "track", text: text, rule: "1-64 characters of a-z, 0-9, '-' and '.'")
        }
        rawValue = text
    }

}

/// A standing position, e.g. `ru/mod/minister`: the side first, then at least one more segment;
/// at most 128 characters.
public struct RoleName: RecordName {
    public let rawValue: String

    public init(_ text: String) throws(IdentifierError) {
        guard Identifier.isPath(text, minSegments: 2, maxLength: 128, allowDot: false),
              let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")), text.utf8.distance(from: text.utf8.startIndex, to: slash) <= 32
        else {
            throw IdentifierError(kind: "role", text: text, rule: "side/office/.../position, segments of a-z, 0-9 and '-', at most 128 characters")
        }
        rawValue = text
    }

    /// The side the role belongs to (its first segment).
    public var side: SideID {
        // The first segment, checked as a side name when the role was made.
        SideID(checked: String(decoding: rawValue.utf8.prefix { $0 != UInt8(ascii: "/") }, as: UTF8.self))
    }

}

/// What the four kinds of name share: a checked text, ordered by its bytes, a JSON string.
public protocol RecordName: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    var rawValue: String { get }
    init(_ text: String) throws(IdentifierError)
}

extension RecordName {
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }

    /// Decodes a name, keeping the JSON path in the error when it breaks its rule.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try Self(try container.decode(String.self))
        } catch let error as IdentifierError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A name that breaks its syntax rule.
public struct IdentifierError: Error, Equatable, CustomStringConvertible {
    public var kind: String
    public var text: String
    public var rule: String

    public var description: String {
        "invalid \(kind) name \"\(text.prefix(80))\": a \(kind) name is \(rule)"
    }
}

enum Identifier {
    static func isSegment(_ text: String, maxLength: Int, allowDot: Bool = false) -> Bool {
        let utf8 = text.utf8
        guard (1...maxLength).contains(utf8.count), let first = utf8.first, isLowerAlnum(first) else { return false }
        return utf8.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") || (allowDot && $0 == UInt8(ascii: ".")) }
    }

    /// Segments as `isSegment` separated by single slashes, in one pass over the bytes (every
    /// entry's roles and line are checked when it is decoded).
    static func isPath(_ text: String, minSegments: Int, maxLength: Int, allowDot: Bool) -> Bool {
        let utf8 = text.utf8
        guard (1...maxLength).contains(utf8.count) else { return false }
        var segments = 1
        var segmentStart = true
        for byte in utf8 {
            if byte == UInt8(ascii: "/") {
                guard !segmentStart else { return false }   // an empty segment
                segments += 1
                segmentStart = true
            } else if segmentStart {
                guard isLowerAlnum(byte) else { return false }
                segmentStart = false
            } else {
                guard isLowerAlnum(byte) || byte == UInt8(ascii: "-") || (allowDot && byte == UInt8(ascii: ".")) else { return false }
            }
        }
        return !segmentStart && segments >= minSegments
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
    }
}
