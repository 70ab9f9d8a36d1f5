/// The parts of an HTTP request that a signature can cover, as plain values: no HTTP library
/// types, so the signer (client) and the verifier (server) build the same thing from
/// whatever they hold.
public struct SignableRequest: Sendable {
    /// The request method, such as `POST`. Case-sensitive; it is signed as given.
    public var method: String
    /// The target URI's authority: host and, if not the scheme's default, port, such as
    /// `example.com` or `127.0.0.1:7401`. The host is lowercased when signed; leaving out a
    /// default port (`:443`) is the caller's job, since the scheme is not known here.
    public var authority: String
    /// The target URI's absolute path, such as `/v1/messages`, without the query. Empty
    /// means `/`. Percent-encoding is signed as given, not decoded.
    public var path: String
    /// The query string without its leading `?`, such as `page=2&size=10`; nil if the target
    /// URI has none.
    public var query: String?
    /// The header fields in message order. Names are matched case-insensitively; a name
    /// that appears several times has its values joined with ", " when signed.
    public var headers: [(name: String, value: String)]

    /// Makes a request.
    public init(
        method: String,
        authority: String,
        path: String,
        query: String? = nil,
        headers: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.authority = authority
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The values of every header field named `name` (any case), in message order.
    public func values(forHeader name: String) -> [String] {
        let wanted = ASCII.lowercased(name)
        return headers.filter { ASCII.lowercased($0.name) == wanted }.map(\.value)
    }

    /// Whether the request has at least one header field named `name` (any case).
    public func hasHeader(_ name: String) -> Bool {
        !values(forHeader: name).isEmpty
    }
}
