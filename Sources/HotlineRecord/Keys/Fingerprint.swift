/// A side's key fingerprint, short enough to read aloud over a telephone: six groups of five
/// decimal digits (about 100 bits) derived from the side's name and its signing keys.
public enum Fingerprint {
    public static func of(side: SideID, ed25519: [UInt8], mldsa65: [UInt8]) -> String {
        let digest = Hash.sha256(Array("hotline/fingerprint/v1\n\(side)\n".utf8) + ed25519 + mldsa65).bytes
        return (0..<6).map { group in
            let value = digest[(group * 5)..<(group * 5 + 5)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let digits = String(value % 100_000)
            return String(repeating: "0", count: 5 - digits.count) + digits
        }.joined(separator: " ")
    }
}

extension SidePublicKeys {
    public var fingerprint: String {
        Fingerprint.of(side: side, ed25519: ed25519, mldsa65: mldsa65)
    }
}
