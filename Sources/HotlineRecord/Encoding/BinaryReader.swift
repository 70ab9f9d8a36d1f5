/// Reads the encoding `BinaryWriter` writes, failing with a `DecodingFailure` that names the
/// field and the offset.
struct BinaryReader {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        self.bytes = Array(bytes)
        self.offset = 0
    }

    var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int, _ field: String) throws(DecodingFailure) -> ArraySlice<UInt8> {
        guard count <= remaining else {
            throw DecodingFailure(field: field, offset: offset, problem: .truncated(needed: count, available: remaining))
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func uint8(_ field: String) throws(DecodingFailure) -> UInt8 {
        try take(1, field).first!
    }

    mutating func uint16(_ field: String) throws(DecodingFailure) -> UInt16 {
        try take(2, field).reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func uint32(_ field: String) throws(DecodingFailure) -> UInt32 {
        try take(4, field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint64(_ field: String) throws(DecodingFailure) -> UInt64 {
        try take(8, field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func fixed(_ count: Int, _ field: String) throws(DecodingFailure) -> [UInt8] {
        Array(try take(count, field))
    }

    mutating func vector8(_ field: String, allowed: ClosedRange<Int>) throws(DecodingFailure) -> [UInt8] {
        let start = offset
        let count = Int(try uint8(field))
        return try body(count, field, allowed, start)
    }

    mutating func vector16(_ field: String, allowed: ClosedRange<Int>) throws(DecodingFailure) -> [UInt8] {
        let start = offset
        let count = Int(try uint16(field))
        return try body(count, field, allowed, start)
    }

    mutating func vector32(_ field: String, allowed: ClosedRange<Int>) throws(DecodingFailure) -> [UInt8] {
        let start = offset
        let count = Int(try uint32(field))
        return try body(count, field, allowed, start)
    }

    private mutating func body(_ count: Int, _ field: String, _ allowed: ClosedRange<Int>, _ start: Int) throws(DecodingFailure) -> [UInt8] {
        guard allowed.contains(count) else {
            throw DecodingFailure(field: field, offset: start, problem: .lengthOutOfRange(length: count, allowed: allowed))
        }
        return Array(try take(count, field))
    }

    /// Fails unless every byte has been read.
    func expectEnd(_ what: String) throws(DecodingFailure) {
        guard remaining == 0 else {
            throw DecodingFailure(field: what, offset: offset, problem: .trailingBytes(count: remaining))
        }
    }
}

/// A binary structure could not be decoded: which field, where, and what was wrong.
public struct DecodingFailure: Error, Equatable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case truncated(needed: Int, available: Int)
        case lengthOutOfRange(length: Int, allowed: ClosedRange<Int>)
        case trailingBytes(count: Int)
        case unsupportedVersion(UInt8)
        case invalidValue(String)
    }

    public var field: String
    public var offset: Int
    public var problem: Problem

    public init(field: String, offset: Int, problem: Problem) {
        self.field = field
        self.offset = offset
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case let .truncated(needed, available):
            return "\(field) at byte \(offset): input ends early (needs \(needed) more bytes, has \(available))"
        case let .lengthOutOfRange(length, allowed):
            return "\(field) at byte \(offset): length \(length) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .trailingBytes(count):
            return "\(field): \(count) unexpected byte\(count == 1 ? "" : "s") after the end at byte \(offset)"
        case let .unsupportedVersion(version):
            return "\(field) at byte \(offset): format version \(version) is not supported (this build reads version 1)"
        case let .invalidValue(reason):
            return "\(field) at byte \(offset): \(reason)"
        }
    }
}
