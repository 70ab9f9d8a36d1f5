import AsyncHTTPClient
import Crypto
import Foundation
import HTTPMessageSignatures
import HotlineRecord
import NIOCore
import NIOFoundationCompat

/// Talks to a node's client API. Every request is signed with `key` (RFC 9421; the node serves
/// it as that key's holder): an official's key, or the operator's for operators' commands.
public final class NodeClient: Sendable {
    public let baseURL: String
    public let key: AuthorKey?
    let http: HTTPClient
    private let timeout: TimeAmount

    /// A node beside the client either answers or is not running: a refused connection fails at
    /// once (the shared client would retry it for a minute and a half).
    public static let defaultHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(baseURL: String, key: AuthorKey?, http: HTTPClient = NodeClient.defaultHTTP, timeout: TimeAmount = .seconds(330)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.key = key
        self.http = http
        self.timeout = timeout
    }

    /// The same node, with requests signed by another key.
    public func signed(by key: AuthorKey) -> NodeClient {
        NodeClient(baseURL: baseURL, key: key, http: http, timeout: timeout)
    }

    /// Adds Content-Digest, Signature-Input and Signature for `body` (docs/PROTOCOL.md, "Client API").
    func sign(_ request: inout HTTPClientRequest, method: String, path: String, body: [UInt8], contentType: String?) throws {
        for (name, value) in try signatureHeaders(method: method, path: path, body: body, contentType: contentType) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
    }

    /// The Content-Digest, Signature-Input and Signature headers of a request; none without a key.
    public func signatureHeaders(method: String, path: String, body: [UInt8], contentType: String?) throws -> [(String, String)] {
        guard let key else { return [] }
        // As sent on the wire: the authority from the base URL, the path and query unparsed.
        guard let schemeEnd = baseURL.range(of: "://") else { throw ClientError.unreachable(baseURL, "not an http(s) URL") }
        let authority = String(baseURL[schemeEnd.upperBound...].prefix { $0 != "/" })
        let target = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let digest = ContentDigest.headerValue(for: body)
        var headers: [(name: String, value: String)] = [("content-digest", digest)]
        if let contentType { headers.append(("content-type", contentType)) }
        let signable = SignableRequest(method: method, authority: authority, path: String(target[0]),
                                       query: target.count > 1 ? String(target[1]) : nil, headers: headers)
        var nonce = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in nonce.indices { nonce[index] = UInt8.random(in: 0...255, using: &generator) }
        let signature = try MessageSigner.sign(
            signable, components: MessageSigner.hotlineComponents(for: signable), key: key.privateKey, keyID: key.publicKey.keyID.hex,
            created: Int64(Date().timeIntervalSince1970), expires: nil, nonce: Hex.encode(nonce), tag: VerificationPolicy.hotline.expectedTag,
            label: "hotline")
        return [("Content-Digest", digest), ("Signature-Input", signature.signatureInput), ("Signature", signature.signature)]
    }

    /// Submits a signed entry; with `waitForReceipt` (seconds, at most 300) the answer comes
    /// once the peer has cosigned it, or when the wait ends.
    public func submit(_ submission: EntrySubmission, waitForReceipt: Double? = nil) async throws -> EntryReceipt {
        let query = waitForReceipt.map { "?wait=\($0)" } ?? ""
        return try await request("POST", "/api/v1/entries\(query)", body: Data(submission.encoded), contentType: SignedSubmission.mediaType)
    }

    public func status() async throws -> NodeStatus {
        try await request("GET", "/api/v1/status")
    }

    public func clearAlarms(peer: String, note: String) async throws -> Int {
        let answer: [String: Int] = try await request("POST", "/api/v1/alarms/clear", body: try JSONEncoder().encode(ClearAlarms(peer: peer, note: note)))
        return answer["cleared"] ?? 0
    }

    /// The operators' console keys (operator only).
    public func consoleKeys() async throws -> [ConsoleKeyView] {
        try await request("GET", "/api/v1/console-keys")
    }

    /// Lets an operator's browser key use the console as this node's operator (operator key only).
    public func addConsoleKey(publicKey: String, name: String) async throws -> ConsoleKeyView {
        try await request("POST", "/api/v1/console-keys", body: try JSONEncoder().encode(ConsoleKeyRequest(publicKey: publicKey, name: name)))
    }

    /// Removes a console key (operator key only).
    public func removeConsoleKey(keyID: String) async throws {
        let _: [String: Bool] = try await request("DELETE", "/api/v1/console-keys/\(keyID)")
    }

    /// GET a plain-text path (health checks, metrics).
    public func text(_ path: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .GET
        try sign(&request, method: "GET", path: path, body: [], contentType: nil)
        let response = try await http.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    func request<Answer: Decodable>(_ method: String, _ path: String, body: Data? = nil,
                                    contentType: String = "application/json") async throws -> Answer {
        let bytes = try await requestBytes(method, path, body: body, contentType: contentType)
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(bytes))
        } catch {
            throw ClientError.refused(200, "unexpected answer: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
        }
    }

    /// Sends a signed request and returns the status and body, whatever the status.
    public func raw(_ method: String, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
                    headers: [(String, String)] = []) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        try sign(&request, method: method, path: path, body: body ?? [], contentType: body == nil ? nil : contentType)
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        let response = try await http.execute(request, timeout: timeout)
        return (Int(response.status.code), [UInt8](buffer: try await response.body.collect(upTo: 64 << 20)))
    }

    /// Sends a signed request and returns the body of a 2xx answer; other answers are errors.
    func requestBytes(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> [UInt8] {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        try sign(&request, method: method, path: path, body: body.map { [UInt8]($0) } ?? [], contentType: body == nil ? nil : contentType)
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw ClientError.unreachable(baseURL, "\(error)")
        }
        let bytes = [UInt8](buffer: try await response.body.collect(upTo: 64 << 20))
        guard (200..<300).contains(response.status.code) else {
            if let failure = try? JSONDecoder().decode(APIError.self, from: Data(bytes)) {
                if let code = failure.code { throw ClientError.brokeRule(code: code, failure.error) }
                throw ClientError.refused(Int(response.status.code), failure.error)
            }
            throw ClientError.refused(Int(response.status.code), String(decoding: bytes, as: UTF8.self))
        }
        return bytes
    }
}

public enum ClientError: Error, CustomStringConvertible {
    case unreachable(String, String)
    case refused(Int, String)
    /// The entry breaks a rule of the official workflows (`code`, docs/PROTOCOL.md); nothing was stored.
    case brokeRule(code: String, String)

    public var description: String {
        switch self {
        case let .brokeRule(code, reason): "refused: \(reason) [\(code)]"
        case let .unreachable(url, reason): "cannot reach the node at \(url) (is `hotline serve` running?): \(reason)"
        case let .refused(status, reason): "the node refused (\(status)): \(reason)"
        }
    }
}
