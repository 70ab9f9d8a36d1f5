/// Every way signing or verifying a request can fail, one case each, so a server can count
/// and log them apart. Each description says what is wrong and what to do about it.
public enum SignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    // MARK: The headers

    /// The request has no `Signature-Input` header.
    case signatureInputHeaderMissing
    /// The request has no `Signature` header.
    case signatureHeaderMissing
    /// `Signature-Input` is not a valid Structured Field Dictionary.
    case malformedSignatureInput(StructuredFieldError)
    /// `Signature` is not a valid Structured Field Dictionary.
    case malformedSignature(StructuredFieldError)
    /// `Content-Digest` is not a valid Structured Field Dictionary.
    case malformedContentDigest(StructuredFieldError)
    /// `Signature-Input` has no member under the expected label.
    case signatureInputLabelMissing(label: String)
    /// `Signature` has no member under the expected label.
    case signatureLabelMissing(label: String)
    /// The `Signature-Input` member is an item, not an inner list of components.
    case signatureInputNotInnerList(label: String)
    /// The `Signature` member is not a Byte Sequence.
    case signatureNotByteSequence(label: String)
    /// The `Signature` member does not hold the 64 bytes of an Ed25519 signature.
    case signatureWrongLength(label: String, byteCount: Int)
    /// The label to sign under is not a Structured Field key.
    case invalidLabel(String)

    // MARK: Covered components

    /// A covered component is not a String.
    case componentNotString(position: Int)
    /// A covered component carries parameters (`;sf`, `;key`, ...), which are not supported.
    case componentHasParameters(String)
    /// A covered component name has uppercase letters.
    case componentNameNotLowercase(String)
    /// A covered component name is not a field name.
    case invalidComponentName(String)
    /// A derived component other than `@method`, `@authority`, `@path`, `@query`.
    case unsupportedDerivedComponent(String)
    /// `@signature-params` is listed among the covered components.
    case signatureParamsCovered
    /// A component is covered twice.
    case duplicateComponent(String)
    /// A covered header field is not in the request.
    case coveredHeaderMissing(String)
    /// A covered component's value cannot go into a signature base.
    case invalidComponentValue(component: String, reason: String)

    // MARK: Signature parameters

    /// A signature parameter other than created, expires, keyid, alg, nonce, tag.
    case unknownSignatureParameter(String)
    /// A signature parameter has the wrong type, such as a string `created`.
    case signatureParameterWrongType(name: String, expected: String)
    /// A string signature parameter is longer than ``SignatureParameters/maxStringLength``.
    case signatureParameterTooLong(name: String, limit: Int)
    /// Signing: a parameter value cannot be written as a Structured Field.
    case unserializableSignatureParameter(name: String, reason: StructuredFieldError)
    /// Signing: the Ed25519 operation itself failed.
    case signingFailed(String)

    // MARK: Policy

    /// A component the verifier requires is not covered.
    case requiredComponentNotCovered(CoveredComponent)
    /// A component present in the request, which the verifier requires covered when present, is not.
    case presentComponentNotCovered(CoveredComponent)
    /// `alg` names an algorithm other than `ed25519`.
    case unsupportedAlgorithm(String)
    /// No `tag` parameter.
    case missingTag
    /// `tag` is not the application's tag.
    case tagMismatch(expected: String, actual: String)
    /// No `created` parameter.
    case missingCreated
    /// `created` is further in the future than the allowed clock skew.
    case createdInFuture(created: Int64, now: Int64, allowedSkew: Int64)
    /// `created` is older than the maximum age.
    case signatureTooOld(created: Int64, now: Int64, maxAge: Int64)
    /// `expires` has passed.
    case expired(expires: Int64, now: Int64)
    /// `expires` is before `created`.
    case expiresBeforeCreated(created: Int64, expires: Int64)
    /// No `nonce` parameter, or an empty one.
    case missingNonce
    /// No `keyid` parameter, or an empty one.
    case missingKeyID
    /// The key lookup knows no key under this `keyid`.
    case unknownKeyID(String)
    /// The Ed25519 signature does not verify over the rebuilt signature base.
    case signatureMismatch(keyID: String)

    // MARK: Content-Digest

    /// `Content-Digest` has no `sha-256` member.
    case contentDigestMissingSHA256
    /// The `sha-256` member is not a Byte Sequence.
    case contentDigestNotByteSequence
    /// The `sha-256` member is not 32 bytes long.
    case contentDigestWrongLength(byteCount: Int)
    /// The body's SHA-256 is not the one in `Content-Digest`.
    case contentDigestMismatch

    // MARK: Replay

    /// This keyid and nonce were already used within the replay window.
    case replayedNonce(keyID: String, nonce: String)
    /// The replay guard holds as many unexpired nonces as its capacity allows.
    case replayGuardFull(capacity: Int)

    public var description: String {
        switch self {
        case .signatureInputHeaderMissing:
            return "the request has no Signature-Input header; sign it and send both Signature-Input and Signature"
        case .signatureHeaderMissing:
            return "the request has no Signature header; sign it and send both Signature-Input and Signature"
        case let .malformedSignatureInput(error):
            return "the Signature-Input header is malformed: \(error); send it as the signer produced it"
        case let .malformedSignature(error):
            return "the Signature header is malformed: \(error); send it as the signer produced it"
        case let .malformedContentDigest(error):
            return "the Content-Digest header is malformed: \(error); send sha-256=:<base64 SHA-256 of the body>:"
        case let .signatureInputLabelMissing(label):
            return "the Signature-Input header has no signature labelled \"\(label)\"; sign under label \"\(label)\""
        case let .signatureLabelMissing(label):
            return "the Signature header has no signature labelled \"\(label)\"; send the Signature that goes with Signature-Input \"\(label)\""
        case let .signatureInputNotInnerList(label):
            return "Signature-Input \"\(label)\" is not a parenthesised list of covered components; send (\"@method\" ...);created=...;keyid=..."
        case let .signatureNotByteSequence(label):
            return "Signature \"\(label)\" is not a byte sequence; send it as :<base64 signature>:"
        case let .signatureWrongLength(label, count):
            return "Signature \"\(label)\" is \(count) bytes; an Ed25519 signature is 64; sign with the official's Ed25519 key"
        case let .invalidLabel(label):
            return "\"\(label)\" cannot be a signature label; use a lowercase key such as \"sig1\""
        case let .componentNotString(position):
            return "covered component #\(position + 1) is not a quoted string; list components as \"@method\", \"content-digest\", ..."
        case let .componentHasParameters(name):
            return "covered component \"\(name)\" has parameters, which are not supported; cover it without parameters"
        case let .componentNameNotLowercase(name):
            return "covered component \"\(name)\" is not lowercase; component names are lowercased field names"
        case let .invalidComponentName(name):
            return "\"\(name)\" is not a header field name; cover a field by its lowercased name"
        case let .unsupportedDerivedComponent(name):
            return "derived component \"\(name)\" is not supported; cover only @method, @authority, @path, @query and header fields"
        case .signatureParamsCovered:
            return "\"@signature-params\" is listed as a covered component; it is always signed last and must not be listed"
        case let .duplicateComponent(name):
            return "component \"\(name)\" is covered twice; list each component once"
        case let .coveredHeaderMissing(name):
            return "the signature covers header \"\(name)\" but the request has none; send the header the signature was made over"
        case let .invalidComponentValue(component, reason):
            return "the value of \"\(component)\" cannot be signed: \(reason); fix the request"
        case let .unknownSignatureParameter(name):
            return "signature parameter \"\(name)\" is not known; use only created, expires, keyid, alg, nonce and tag"
        case let .signatureParameterWrongType(name, expected):
            return "signature parameter \"\(name)\" must be \(expected); sign again with a well-formed value"
        case let .signatureParameterTooLong(name, limit):
            return "signature parameter \"\(name)\" is longer than \(limit) bytes; use a shorter value"
        case let .unserializableSignatureParameter(name, reason):
            return "signature parameter \"\(name)\" cannot be written: \(reason); use printable ASCII"
        case let .signingFailed(reason):
            return "Ed25519 signing failed: \(reason); check the signing key"
        case let .requiredComponentNotCovered(component):
            return "the request's signature covers no \(component); sign it with \(component) covered"
        case let .presentComponentNotCovered(component):
            return "the request has \(component) but its signature does not cover it; sign it with \(component) covered"
        case let .unsupportedAlgorithm(algorithm):
            return "the signature's alg is \"\(algorithm)\"; only \"ed25519\" is accepted; sign with the official's Ed25519 key"
        case .missingTag:
            return "the signature has no tag; sign it with the application's tag"
        case let .tagMismatch(expected, actual):
            return "the signature's tag is \"\(actual)\", not \"\(expected)\"; it was made for another application; sign with tag \"\(expected)\""
        case .missingCreated:
            return "the signature has no created time; sign it with created set to the current Unix time"
        case let .createdInFuture(created, now, skew):
            return "the signature was created at \(created), \(created &- now) s after now (\(now)), more than the \(skew) s of clock skew allowed; check the signer's clock"
        case let .signatureTooOld(created, now, maxAge):
            return "the signature was created at \(created), \(now &- created) s before now (\(now)), older than the \(maxAge) s allowed; sign the request again"
        case let .expired(expires, now):
            return "the signature expired at \(expires), before now (\(now)); sign the request again"
        case let .expiresBeforeCreated(created, expires):
            return "the signature expires at \(expires), before it was created at \(created); sign with expires after created"
        case .missingNonce:
            return "the signature has no nonce; sign it with a fresh random nonce"
        case .missingKeyID:
            return "the signature has no keyid; sign it with the official's key identifier"
        case let .unknownKeyID(keyID):
            return "no key is known under keyid \"\(keyID)\"; register the official's public key or sign with a registered key"
        case let .signatureMismatch(keyID):
            return "the signature does not verify with the key \"\(keyID)\"; the request was changed after signing or signed with another key"
        case .contentDigestMissingSHA256:
            return "the Content-Digest header has no sha-256 digest; send sha-256=:<base64 SHA-256 of the body>:"
        case .contentDigestNotByteSequence:
            return "the Content-Digest sha-256 value is not a byte sequence; send sha-256=:<base64>:"
        case let .contentDigestWrongLength(count):
            return "the Content-Digest sha-256 value is \(count) bytes; a SHA-256 digest is 32"
        case .contentDigestMismatch:
            return "the body does not match its Content-Digest; the body was changed after signing or the digest was computed over other bytes"
        case let .replayedNonce(keyID, nonce):
            return "nonce \"\(nonce)\" of key \"\(keyID)\" was already used; this request is a replay; sign each request with a fresh nonce"
        case let .replayGuardFull(capacity):
            return "the replay guard already remembers \(capacity) unexpired nonces and refuses new requests rather than forget one; retry once older nonces expire, or raise its capacity"
        }
    }
}
