/// The two header field values a signed request carries (RFC 9421 section 4).
public struct SignatureHeaders: Sendable, Hashable {
    /// The `Signature-Input` value, such as `sig1=("@method" "@path");created=1;keyid="k"`.
    public let signatureInput: String
    /// The `Signature` value, such as `sig1=:<base64 signature>:`.
    public let signature: String

    /// Makes the pair.
    public init(signatureInput: String, signature: String) {
        self.signatureInput = signatureInput
        self.signature = signature
    }
}
