/// Writes the TLS presentation-language encoding (RFC 8446 section 3) used by entries and
/// sealed content: big-endian integers, length-prefixed opaque vectors.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func uint8(_ value: UInt8) { bytes.append(value) }

    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func uint32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func fixed<Bytes: Sequence>(_ value: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: value)
    }

    /// opaque value<0..2^8-1>
    mutating func vector8<Bytes: Collection>(_ value: Bytes) where Bytes.Element == UInt8 {
        precondition(value.count <= UInt8.max)
        uint8(UInt8(value.count))
        bytes.append(contentsOf: value)
    }

    /// opaque value<0..2^16-1>
    mutating func vector16<Bytes: Collection>(_ value: Bytes) where Bytes.Element == UInt8 {
        precondition(value.count <= UInt16.max)
        uint16(UInt16(value.count))
        bytes.append(contentsOf: value)
    }

    /// opaque value<0..2^32-1>
    mutating func vector32<Bytes: Collection>(_ value: Bytes) where Bytes.Element == UInt8 {
        precondition(value.count <= UInt32.max)
        uint32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }
}
