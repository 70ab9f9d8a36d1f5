import AsyncHTTPClient
import Foundation
import HotlineRecord
import NIOCore
import NIOFoundationCompat

/// Talks to a node's client API (on loopback, beside the node).
public final class NodeClient: Sendable {
    public let baseURL: String
    private let http: HTTPClient
    private let timeout: TimeAmount

    public init(baseURL: String, http: HTTPClient = .shared, timeout: TimeAmount = .seconds(330)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
        self.timeout = timeout
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

    /// GET a plain-text path (health checks, metrics).
    public func text(_ path: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .GET
        let response = try await http.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    private func request<Answer: Decodable>(_ method: String, _ path: String, body: Data? = nil,
                                            contentType: String = "application/json") async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw ClientError.unreachable(baseURL, "\(error)")
        }
        let bytes = Data(buffer: try await response.body.collect(upTo: 16 << 20))
        guard response.status.code == 200 else {
            if let failure = try? JSONDecoder().decode(APIError.self, from: bytes) {
                if let code = failure.code { throw ClientError.brokeRule(code: code, failure.error) }
                throw ClientError.refused(Int(response.status.code), failure.error)
            }
            throw ClientError.refused(Int(response.status.code), String(decoding: bytes, as: UTF8.self))
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: bytes)
        } catch {
            throw ClientError.refused(Int(response.status.code), "unexpected answer: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
        }
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
