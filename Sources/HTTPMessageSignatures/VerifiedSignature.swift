/// What a successful verification established: which key signed, when, and with which nonce.
public struct VerifiedSignature: Sendable, Hashable {
    /// The label the signature was found under.
    public let label: String
    /// The signer's key identifier; the key lookup returned a key for it and the signature verified with it.
    public let keyID: String
    /// The signature's creation time, Unix seconds.
    public let created: Int64
    /// The signature's expiration time, Unix seconds, if it had one.
    public let expires: Int64?
    /// The signature's nonce, for a ``ReplayGuard``.
    public let nonce: String
    /// The signature's application tag.
    public let tag: String
    /// The components the signature covers, in order.
    public let components: [CoveredComponent]
}
