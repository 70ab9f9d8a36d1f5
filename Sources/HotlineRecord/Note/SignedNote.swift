/// Text signed by one or more keys (C2SP signed-note): the text, ending in a newline, a blank
/// line, then one signature line per signature.
public struct SignedNote: Hashable, Sendable {
    /// Notes larger than this are refused; 256 KiB holds 16 ML-DSA-65 signatures with room to spare.
    public static let maxSize = 256 * 1024
    /// More signature lines than this are refused (the spec asks verifiers to accept at least 16).
    public static let maxSignatures = 100

    /// The signed text, including its final newline.
    public var text: String
    public var signatures: [NoteSignature]

    public init(text: String, signatures: [NoteSignature] = []) {
        self.text = text
        self.signatures = signatures
    }

    /// The note as transmitted: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Parses a note from bytes, which must be valid UTF-8.
    public init(parsing bytes: [UInt8]) throws(NoteError) {
        guard bytes.count <= Self.maxSize else {
            throw .malformedNote("note is \(bytes.count) bytes; the limit is \(Self.maxSize)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .malformedNote("not valid UTF-8")
        }
        try self.init(parsing: text)
    }

    /// Parses a note. Checks syntax only; `verify` checks signatures.
    public init(parsing serialized: String) throws(NoteError) {
        let bytes = Array(serialized.utf8)
        guard bytes.count <= Self.maxSize else {
            throw .malformedNote("note is \(bytes.count) bytes; the limit is \(Self.maxSize)")
        }
        for scalar in serialized.unicodeScalars where scalar.value < 0x20 && scalar != "\n" {
            throw .malformedNote("contains control character U+\(VerifierKey.hexID(scalar.value).suffix(4).uppercased())")
        }
        guard bytes.last == UInt8(ascii: "\n") else {
            throw .malformedNote("does not end with a newline")
        }
        // The text is separated from the signatures by the last blank line.
        guard let split = Self.lastBlankLine(in: bytes) else {
            throw .malformedNote("no blank line separates the text from the signatures")
        }
        let textBytes = bytes[..<(split + 1)]
        let signatureBytes = bytes[(split + 2)...]
        guard !signatureBytes.isEmpty else {
            throw .malformedNote("has no signature lines")
        }
        var signatures: [NoteSignature] = []
        for rawLine in signatureBytes.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            guard signatures.count < Self.maxSignatures else {
                throw .malformedNote("more than \(Self.maxSignatures) signatures")
            }
            signatures.append(try Self.parseSignatureLine(String(decoding: rawLine, as: UTF8.self)))
        }
        self.text = String(decoding: textBytes, as: UTF8.self)
        self.signatures = signatures
    }

    private static func lastBlankLine(in bytes: [UInt8]) -> Int? {
        var i = bytes.count - 2
        while i >= 0 {
            if bytes[i] == UInt8(ascii: "\n") && bytes[i + 1] == UInt8(ascii: "\n") { return i }
            i -= 1
        }
        return nil
    }

    private static func parseSignatureLine(_ line: String) throws(NoteError) -> NoteSignature {
        let prefix = "— "
        guard line.hasPrefix(prefix) else {
            throw .malformedNote("signature line does not start with an em dash and a space: \"\(line.prefix(40))\"")
        }
        let rest = line.dropFirst(prefix.count)
        guard let space = rest.firstIndex(of: " ") else {
            throw .malformedNote("signature line has no space between key name and signature")
        }
        let name = String(rest[..<space])
        let encoded = String(rest[rest.index(after: space)...])
        guard VerifierKey.isValidName(name) else {
            throw .malformedNote("invalid key name \"\(name.prefix(80))\" in signature line")
        }
        guard let decoded = Base64.decodeCanonical(encoded), decoded.count >= 5 else {
            throw .malformedNote("signature by \(name) is not canonical base64 of at least 5 bytes")
        }
        let keyID = decoded.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(keyName: name, keyID: keyID, signature: Array(decoded.dropFirst(4)))
    }

    /// Verifies every signature whose key name and ID match a known key, following C2SP
    /// signed-note: signatures from unknown keys are ignored; a known key's signature that fails
    /// rejects the whole note; a note with no verified signature is rejected.
    /// Returns the verified signatures, one per key.
    public func verify(knownKeys: [VerifierKey]) throws(NoteError) -> [VerifiedNoteSignature] {
        let textBytes = Array(text.utf8)
        var verified: [VerifiedNoteSignature] = []
        var seen = Set<VerifierKey>()
        for signature in signatures {
            let matches = knownKeys.filter { $0.name == signature.keyName && $0.keyID == signature.keyID }
            guard let key = matches.first else { continue }
            guard Set(matches).count == 1 else {
                throw .ambiguousKey(keyName: signature.keyName, keyID: signature.keyID)
            }
            guard let result = key.verify(signature, noteText: textBytes) else {
                throw .invalidSignature(keyName: signature.keyName, keyID: signature.keyID)
            }
            if seen.insert(key).inserted { verified.append(result) }
        }
        guard !verified.isEmpty else { throw .noVerifiedSignature }
        return verified
    }
}
