import Foundation

/// Standard base64 (RFC 4648 section 4) with strict, canonical decoding.
///
/// Every format in the record rejects non-canonical base64 (wrong padding, stray characters,
/// non-zero trailing bits) so that one value has exactly one text form.
public enum Base64 {
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
    }

    /// Decodes `text` only if it is exactly what `encode` would produce for the result: the
    /// standard alphabet, length a multiple of 4, `=` only as final padding, zero unused bits.
    public static func decodeCanonical(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decodeCanonical(utf8: $0) }
    }

    static func decodeCanonical(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = input.count
        guard count % 4 == 0 else { return nil }
        guard count > 0 else { return [] }
        let padding = input[count - 1] != UInt8(ascii: "=") ? 0 : input[count - 2] != UInt8(ascii: "=") ? 1 : 2
        var out = [UInt8]()
        out.reserveCapacity(count / 4 * 3 - padding)
        let table = values
        var i = 0
        while i < count {
            let a = table[Int(input[i])], b = table[Int(input[i + 1])]
            guard a < 64, b < 64 else { return nil }
            if i + 4 == count, padding == 2 {
                guard b & 0x0f == 0 else { return nil }
                out.append(a << 2 | b >> 4)
            } else if i + 4 == count, padding == 1 {
                let c = table[Int(input[i + 2])]
                guard c < 64, c & 0x03 == 0 else { return nil }
                out.append(a << 2 | b >> 4)
                out.append((b & 0x0f) << 4 | c >> 2)
            } else {
                let c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
                guard c < 64, d < 64 else { return nil }
                out.append(a << 2 | b >> 4)
                out.append((b & 0x0f) << 4 | c >> 2)
                out.append((c & 0x03) << 6 | d)
            }
            i += 4
        }
        return out
    }

    /// The value of each alphabet character; 0xff for every other byte, `=` included.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()
}

/// Lowercase hexadecimal.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hexadecimal digits (either case); nil on odd length or any other character.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = value(utf8[i]), let lo = value(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
