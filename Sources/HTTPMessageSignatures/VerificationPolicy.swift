/// What a verifier demands of a signature beyond its being valid: which components it must
/// cover, which tag it must carry, and how old or early it may be.
public struct VerificationPolicy: Sendable, Hashable {
    /// Components every signature must cover.
    public var requiredComponents: [CoveredComponent]
    /// Components a signature must cover whenever the request has them: `@query` when the
    /// request has a query, a header field when the request has that header. Without this
    /// an attacker could add an unsigned query or header to a signed request.
    public var requiredWhenPresent: [CoveredComponent]
    /// The `tag` every signature must carry.
    public var expectedTag: String
    /// How far `created` may be ahead of the verifier's clock, in seconds.
    public var maxClockSkew: Int64
    /// How long after `created` a signature is still accepted, in seconds.
    public var maxAge: Int64

    /// Makes a policy. Negative durations are treated as zero.
    public init(
        requiredComponents: [CoveredComponent],
        requiredWhenPresent: [CoveredComponent] = [],
        expectedTag: String,
        maxClockSkew: Int64,
        maxAge: Int64
    ) {
        self.requiredComponents = requiredComponents
        self.requiredWhenPresent = requiredWhenPresent
        self.expectedTag = expectedTag
        self.maxClockSkew = max(0, maxClockSkew)
        self.maxAge = max(0, maxAge)
    }

    /// Hotline's client API: method, authority, path and body digest always covered, query
    /// and content type covered when present, tag `hotline`, 60 s of skew, 5 minutes of age.
    public static let hotline = VerificationPolicy(
        requiredComponents: [.method, .authority, .path, .contentDigest],
        requiredWhenPresent: [.query, .contentType],
        expectedTag: "hotline",
        maxClockSkew: 60,
        maxAge: 300
    )

    /// How long a ``ReplayGuard`` must remember a nonce for this policy: a signature first
    /// seen up to `maxClockSkew` before its `created` stays acceptable `maxAge` after it.
    public var replayWindow: Int64 { maxAge &+ maxClockSkew }
}
