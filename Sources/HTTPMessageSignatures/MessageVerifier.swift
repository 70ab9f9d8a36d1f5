import Crypto
import Foundation  // DataProtocol, the body type.

/// Verifies a signed request (RFC 9421 section 3.2) against a ``VerificationPolicy``.
public enum MessageVerifier {
    /// Verifies the signature labelled `label` on `request`, and the body against its
    /// `Content-Digest` when the signature covers `content-digest`.
    ///
    /// Checks, in this order: both headers parse and hold `label`; the components and
    /// parameters are well-formed; the policy's components are covered; `alg`, if present,
    /// is `ed25519`; `tag` is the policy's; `created` is present and neither too far ahead
    /// nor too old; `expires`, if present, has not passed; `nonce` and `keyid` are present;
    /// `publicKey` knows the key; the Ed25519 signature verifies over the rebuilt signature
    /// base; the body matches `Content-Digest`.
    ///
    /// The nonce is not checked for reuse here: pass the result to a ``ReplayGuard``.
    ///
    /// - Parameters:
    ///   - request: The request as received, with its `Signature-Input` and `Signature` headers.
    ///   - body: The request body as received.
    ///   - label: The signature label to verify, such as `sig1`; other signatures are ignored.
    ///   - policy: What the signature must cover and carry.
    ///   - now: The verifier's current Unix time in seconds.
    ///   - publicKey: Looks up the Ed25519 public key registered under a `keyid`.
    public static func verify<Body: DataProtocol>(
        _ request: SignableRequest,
        body: Body,
        label: String,
        policy: VerificationPolicy,
        now: Int64,
        publicKey: (String) -> Curve25519.Signing.PublicKey?
    ) throws(SignatureError) -> VerifiedSignature {
        let input = try signatureInput(of: request, label: label)
        let signature = try signatureBytes(of: request, label: label)
        let parameters = input.parameters

        try checkCoverage(input, of: request, policy: policy)
        if let algorithm = parameters.algorithm, algorithm != MessageSigner.algorithm {
            throw .unsupportedAlgorithm(algorithm)
        }
        guard let tag = parameters.tag else { throw .missingTag }
        guard tag == policy.expectedTag else { throw .tagMismatch(expected: policy.expectedTag, actual: tag) }
        let created = try checkTimes(parameters, now: now, policy: policy)
        guard let nonce = parameters.nonce, !nonce.isEmpty else { throw .missingNonce }
        guard let keyID = parameters.keyID, !keyID.isEmpty else { throw .missingKeyID }
        guard let key = publicKey(keyID) else { throw .unknownKeyID(keyID) }

        let base = try SignatureBase.make(for: request, input: input)
        guard key.isValidSignature(signature, for: Array(base.utf8)) else {
            throw .signatureMismatch(keyID: keyID)
        }
        // The digest header is covered, so it is authentic now; the body must match it.
        if input.components.contains(.contentDigest) {
            let digest = request.values(forHeader: CoveredComponent.contentDigest.name).joined(separator: ", ")
            try ContentDigest.verify(digest, body: body)
        }
        return VerifiedSignature(
            label: label, keyID: keyID, created: created, expires: parameters.expires,
            nonce: nonce, tag: tag, components: input.components
        )
    }

    // MARK: - Steps

    private static func signatureInput(of request: SignableRequest, label: String) throws(SignatureError) -> SignatureInput {
        let lines = request.values(forHeader: "signature-input")
        guard !lines.isEmpty else { throw .signatureInputHeaderMissing }
        let dictionary: StructuredDictionary
        do throws(StructuredFieldError) {
            // Several field lines form one dictionary (RFC 9110 section 5.3).
            dictionary = try StructuredFieldParser.parseDictionary(lines.joined(separator: ", "))
        } catch {
            throw .malformedSignatureInput(error)
        }
        guard let member = dictionary[label] else { throw .signatureInputLabelMissing(label: label) }
        guard case let .innerList(list) = member else { throw .signatureInputNotInnerList(label: label) }
        return try SignatureInput(parsing: list)
    }

    private static func signatureBytes(of request: SignableRequest, label: String) throws(SignatureError) -> [UInt8] {
        let lines = request.values(forHeader: "signature")
        guard !lines.isEmpty else { throw .signatureHeaderMissing }
        let dictionary: StructuredDictionary
        do throws(StructuredFieldError) {
            dictionary = try StructuredFieldParser.parseDictionary(lines.joined(separator: ", "))
        } catch {
            throw .malformedSignature(error)
        }
        guard let member = dictionary[label] else { throw .signatureLabelMissing(label: label) }
        guard case let .item(item) = member, case let .byteSequence(bytes) = item.value else {
            throw .signatureNotByteSequence(label: label)
        }
        guard bytes.count == 64 else { throw .signatureWrongLength(label: label, byteCount: bytes.count) }
        return bytes
    }

    private static func checkCoverage(
        _ input: SignatureInput, of request: SignableRequest, policy: VerificationPolicy
    ) throws(SignatureError) {
        for component in policy.requiredComponents where !input.components.contains(component) {
            throw .requiredComponentNotCovered(component)
        }
        for component in policy.requiredWhenPresent where !input.components.contains(component) {
            let present: Bool
            switch component {
            case .query: present = request.query != nil
            case _ where component.isDerived: present = true
            default: present = request.hasHeader(component.name)
            }
            if present { throw .presentComponentNotCovered(component) }
        }
    }

    /// Checks created and expires; returns created.
    private static func checkTimes(
        _ parameters: SignatureParameters, now: Int64, policy: VerificationPolicy
    ) throws(SignatureError) -> Int64 {
        guard let created = parameters.created else { throw .missingCreated }
        if exceeds(created, now, by: policy.maxClockSkew) {
            throw .createdInFuture(created: created, now: now, allowedSkew: policy.maxClockSkew)
        }
        if exceeds(now, created, by: policy.maxAge) {
            throw .signatureTooOld(created: created, now: now, maxAge: policy.maxAge)
        }
        if let expires = parameters.expires {
            guard expires >= created else { throw .expiresBeforeCreated(created: created, expires: expires) }
            guard now <= expires else { throw .expired(expires: expires, now: now) }
        }
        return created
    }

    /// Whether `later - earlier > margin`, without overflow for any Int64 inputs.
    private static func exceeds(_ later: Int64, _ earlier: Int64, by margin: Int64) -> Bool {
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        // On overflow the true difference is beyond Int64's range: its sign decides.
        if overflow { return later > earlier }
        return difference > margin
    }
}
