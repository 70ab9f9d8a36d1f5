/// Rules for the holder field, applied on create and on read so both sides agree.
enum HolderName {
    /// Generous for any real name, small enough to keep files tiny.
    static let maximumByteCount = 256

    static func validate(_ holder: String) throws(KeystoreError) {
        guard !holder.allSatisfy(\.isWhitespace) else { throw .invalidHolder(.empty) }
        let byteCount = holder.utf8.count
        guard byteCount <= maximumByteCount else {
            throw .invalidHolder(.tooLong(byteCount: byteCount, limit: maximumByteCount))
        }
        // Control characters (line breaks, escapes) could disguise the name when it is displayed.
        guard !holder.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidHolder(.controlCharacter)
        }
    }
}
