import Crypto
import Foundation  // Data, what Crypto returns a signature as.

/// Signs requests with an official's Ed25519 key (RFC 9421 sections 3.1 and 3.3.6).
public enum MessageSigner {
    /// The `alg` value written into every signature this module makes.
    public static let algorithm = "ed25519"

    /// The components Hotline covers: `@method`, `@authority`, `@path`, `@query` if the
    /// request has a query, `content-digest`, and `content-type` if the request has one.
    public static func hotlineComponents(for request: SignableRequest) -> [CoveredComponent] {
        var components: [CoveredComponent] = [.method, .authority, .path]
        if request.query != nil { components.append(.query) }
        components.append(.contentDigest)
        if request.hasHeader(CoveredComponent.contentType.name) { components.append(.contentType) }
        return components
    }

    /// Signs `request` and returns the `Signature-Input` and `Signature` values to send.
    ///
    /// The signature covers `components` in order, then its parameters: `created`,
    /// `expires` (if given), `keyid`, `alg="ed25519"`, `nonce` and `tag`. Every covered
    /// header, `Content-Digest` included, must already be in `request`.
    public static func sign(
        _ request: SignableRequest,
        components: [CoveredComponent],
        key: Curve25519.Signing.PrivateKey,
        keyID: String,
        created: Int64,
        expires: Int64?,
        nonce: String,
        tag: String,
        label: String
    ) throws(SignatureError) -> SignatureHeaders {
        // Refuse here what every verifier would refuse, so the mistake shows at the signer.
        guard !keyID.isEmpty else { throw .missingKeyID }
        guard !nonce.isEmpty else { throw .missingNonce }
        guard !tag.isEmpty else { throw .missingTag }
        if let expires, expires < created { throw .expiresBeforeCreated(created: created, expires: expires) }
        let parameters = SignatureParameters(
            created: created, expires: expires, keyID: keyID, algorithm: algorithm, nonce: nonce, tag: tag
        )
        let input = try SignatureInput(components: components, parameters: parameters)
        return try sign(request, input: input, key: key, label: label)
    }

    /// Signs `request` over exactly `input`, whatever parameters it has; for reproducing
    /// published examples and for callers that build their own ``SignatureInput``.
    public static func sign(
        _ request: SignableRequest,
        input: SignatureInput,
        key: Curve25519.Signing.PrivateKey,
        label: String
    ) throws(SignatureError) -> SignatureHeaders {
        guard ASCII.isValidKey(label) else { throw .invalidLabel(label) }
        let base = try SignatureBase.make(for: request, input: input)
        let signature: Data
        do {
            signature = try key.signature(for: Array(base.utf8))
        } catch {
            throw .signingFailed(String(describing: error))
        }
        return SignatureHeaders(
            signatureInput: "\(label)=\(input.signatureParamsValue)",
            signature: "\(label)=:\(Base64.encode(Array(signature))):"
        )
    }
}
