/// A signed note, checkpoint, cosignature or verifier key is malformed or does not verify.
public enum NoteError: Error, Equatable, CustomStringConvertible {
    case malformedNote(String)
    case malformedVerifierKey(String)
    case malformedCheckpoint(String)
    /// The checkpoint is well formed but does not carry the signatures Hotline requires.
    case notAccepted(String)
    case invalidSignature(keyName: String, keyID: UInt32)
    case noVerifiedSignature
    case ambiguousKey(keyName: String, keyID: UInt32)
    case unsupportedSignatureType(String)

    public var description: String {
        switch self {
        case let .malformedNote(reason):
            return "malformed signed note: \(reason)"
        case let .malformedVerifierKey(reason):
            return "malformed verifier key: \(reason)"
        case let .malformedCheckpoint(reason):
            return "malformed checkpoint: \(reason)"
        case let .notAccepted(reason):
            return "checkpoint not accepted: \(reason)"
        case let .invalidSignature(name, id):
            return "the signature by \(name) (key \(VerifierKey.hexID(id))) does not verify: the signed text was altered, or that key did not make the signature"
        case .noVerifiedSignature:
            return "no signature on the note is from a known key"
        case let .ambiguousKey(name, id):
            return "two known keys share the name and ID \(name)+\(VerifierKey.hexID(id))"
        case let .unsupportedSignatureType(what):
            return "unsupported signature type: \(what)"
        }
    }
}
