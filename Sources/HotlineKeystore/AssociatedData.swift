/// The bytes AES-GCM authenticates alongside the sealed seed.
///
/// Binding the format, holder, public key, KDF settings and cipher name means none of them can be
/// swapped or downgraded without the file failing to open. Each field is length-prefixed
/// (big-endian UInt32) so that no two different field lists produce the same bytes.
enum AssociatedData {
    static func bytes(
        holder: String, publicKey: [UInt8], parameters: ScryptParameters, salt: [UInt8]
    ) -> [UInt8] {
        var output: [UInt8] = []
        append(Array(OfficialKeystore.format.utf8), to: &output)
        append(Array(holder.utf8), to: &output)
        append(publicKey, to: &output)
        append(Array(OfficialKeystore.kdfName.utf8), to: &output)
        append(bigEndian(parameters.logN), to: &output)
        append(bigEndian(parameters.r), to: &output)
        append(bigEndian(parameters.p), to: &output)
        append(salt, to: &output)
        append(Array(OfficialKeystore.cipherName.utf8), to: &output)
        return output
    }

    private static func append(_ field: [UInt8], to output: inout [UInt8]) {
        output += bigEndian(field.count)
        output += field
    }

    /// Callers pass small validated values; UInt32 truncation cannot occur.
    private static func bigEndian(_ value: Int) -> [UInt8] {
        let word = UInt32(truncatingIfNeeded: value)
        return [UInt8(word >> 24), UInt8(word >> 16 & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word & 0xFF)]
    }
}
