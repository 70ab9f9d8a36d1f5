/// The metadata of one signature (RFC 9421 section 2.3), carried as parameters of its inner
/// list in `Signature-Input` and covered by the signature itself.
public struct SignatureParameters: Sendable, Hashable {
    /// Creation time, Unix seconds.
    public var created: Int64?
    /// Expiration time, Unix seconds.
    public var expires: Int64?
    /// The signer's key identifier.
    public var keyID: String?
    /// The algorithm name, such as `ed25519`.
    public var algorithm: String?
    /// A value unique to this signature, for replay detection.
    public var nonce: String?
    /// The application tag, such as `hotline`.
    public var tag: String?

    /// The longest `keyid`, `alg`, `nonce` or `tag` accepted, in bytes. Bounds what a
    /// ``ReplayGuard`` entry can cost.
    public static let maxStringLength = 256

    /// Makes parameters; every one is optional, as in the RFC.
    public init(
        created: Int64? = nil,
        expires: Int64? = nil,
        keyID: String? = nil,
        algorithm: String? = nil,
        nonce: String? = nil,
        tag: String? = nil
    ) {
        self.created = created
        self.expires = expires
        self.keyID = keyID
        self.algorithm = algorithm
        self.nonce = nonce
        self.tag = tag
    }
}
