/// What the peer endpoint answers, independent of HTTP plumbing: a status code, a content type
/// and a body. Status codes follow C2SP tlog-witness (docs/PROTOCOL.md, "The link").
public struct PeerResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A plain-text answer, one line.
    public static func text(_ status: Int, _ message: String) -> PeerResponse {
        PeerResponse(status: status, body: Array((message + "\n").utf8))
    }

    /// A tree size, as tlog-witness answers a 409 (`text/x.tlog.size`).
    public static func size(_ status: Int, _ size: UInt64) -> PeerResponse {
        PeerResponse(status: status, contentType: "text/x.tlog.size", body: Array("\(size)\n".utf8))
    }

    /// The size of the receiver's replica, when a checkpoint is ahead of the entries it holds.
    public static func replicaSize(_ size: UInt64) -> PeerResponse {
        PeerResponse(status: 409, contentType: "text/x.hotline.replica-size", body: Array("\(size)\n".utf8))
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}
